import { ALICE, ARABIC, CAROL, LONG_TEXT, LOUNGE, element, incoming, inDemoSession, type Session } from './demo';

export default { title: 'Natter/Chatbox', component: 'natter-chatbox', tags: ['autodocs'] };

const DMITRI = 'dmitri@demo.natter.chat';
const chatWith = (jid: string) => () => element('natter-chatbox', { conversation: jid });

/** Puts `bodies` in a conversation's archive, alternating between the peer and us, a minute apart. */
function playHistory(session: Session, conversation: string, bodies: string[]): void {
  const messages = bodies.map((body, index) => {
    const message = incoming(conversation, conversation, body, bodies.length - index);
    return index % 2 === 0 ? message : { ...message, from: session.ownJid()!, direction: 'out' as const, status: 'delivered' as const };
  });
  session.dispatch({ type: 'history', conversation, messages, complete: true, cursor: messages[0]?.id });
}

/**
 * A conversation with history across days, one message corrected ("Edited" shows its earlier
 * text); the contact answers what you send; Up in the empty composer edits your last message.
 */
export const WithHistory = { render: () => inDemoSession(chatWith(ALICE)) };

/** A conversation with no messages yet. */
export const Empty = { render: () => inDemoSession(chatWith(CAROL)) };

/** The archive has not answered yet: "Loading earlier messages". */
export const LoadingHistory = { render: () => inDemoSession(chatWith(ALICE), { stall: ['history'] }) };

/** The archive failed: the reason, and Retry. */
export const HistoryError = { render: () => inDemoSession(chatWith(ALICE), { fail: ['history'] }) };

/** A message that could not be sent: marked failed, with Retry. */
export const SendFailed = {
  render: () =>
    inDemoSession(
      session => {
        session.actions.sendMessage(CAROL, 'This one will not go through.');
        return chatWith(CAROL)();
      },
      { fail: ['send'] },
    ),
};

/** Signed out: the history stays readable, the composer says you are offline. */
export const Offline = { render: () => inDemoSession(chatWith(ALICE), { signIn: 'never' }) };

/** Long messages, an unbroken address, a code block and a quote wrap inside their bubbles. */
export const LongContent = {
  render: () =>
    inDemoSession(session => {
      playHistory(session, DMITRI, [
        LONG_TEXT,
        'https://example.org/' + 'a-very-long-path-segment/'.repeat(12),
        '```\nconst natter = document.querySelector("natter-chatbox"); // a long line of code that must scroll, not wrap the page\n```',
        '> ' + LONG_TEXT,
      ]);
      return chatWith(DMITRI)();
    }),
};

/** 400 messages: only those in view are in the DOM; scroll up through them. */
export const ManyMessages = {
  render: () =>
    inDemoSession(
      session => {
        playHistory(session, DMITRI, Array.from({ length: 400 }, (_, index) => `Message number ${index + 1}`));
        return chatWith(DMITRI)();
      },
      { ambient: false },
    ),
};

/** A room: subject, nicks in their colours, join and leave notices, your mentions highlighted. */
export const Room = { render: () => inDemoSession(chatWith(LOUNGE)) };

/** Joining a room that has not answered yet. */
export const RoomJoining = { render: () => inDemoSession(chatWith(LOUNGE), { stall: ['join'] }) };

/** A members-only room refused us: why, and what to do. */
export const RoomRefused = {
  render: () =>
    inDemoSession(session => {
      const room = 'design@rooms.demo.natter.chat';
      void session.actions.joinRoom(room).catch(() => undefined);
      return chatWith(room)();
    }),
};

/** Right to left, with an Arabic conversation. */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () =>
    inDemoSession(session => {
      const jid = 'layla@demo.natter.chat';
      session.dispatch({ type: 'rosterPush', contact: { jid, name: ARABIC.name, groups: [], subscription: 'both', pendingOut: false } });
      playHistory(session, jid, [ARABIC.message, 'نعم، الساعة العاشرة تناسبني.', 'ممتاز، أراك غدا!']);
      return chatWith(jid)();
    }),
};

/** Dark theme, in a room. */
export const Dark = { ...Room, globals: { theme: 'dark' } };
