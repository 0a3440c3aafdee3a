import { ARABIC, LONG_TEXT, LOUNGE, element, inDemoSession, whenJoined } from './demo';

export default { title: 'Natter/Occupants', component: 'natter-occupants', tags: ['autodocs'] };

const sidebar = () => element('natter-occupants', { room: LOUNGE });

/**
 * The lounge's sidebar: about twenty people by role, you as moderator and admin.
 * Open a row's actions to send a private message, kick, or take voice away.
 */
export const Moderator = { render: () => inDemoSession(sidebar) };

/** The same room seen by a participant: only "Private message" in the actions. */
export const Participant = {
  render: () =>
    inDemoSession(session => {
      whenJoined(session, LOUNGE, () => {
        const self = session.conversation(LOUNGE).get('room')!.self!;
        session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { ...self, role: 'participant', affiliation: 'none' } });
      });
      return sidebar();
    }),
};

/** A room you just created: nobody else in it yet. */
export const OnlyYou = {
  render: () =>
    inDemoSession(session => {
      const room = 'new-room@rooms.demo.natter.chat';
      void session.actions.createRoom(room, { name: 'New room' }).catch(() => undefined);
      return element('natter-occupants', { room });
    }),
};

/** Joining: the room has not answered yet. */
export const Joining = { render: () => inDemoSession(sidebar, { stall: ['join'] }) };

/** Joining failed: nobody to show. */
export const JoinFailed = { render: () => inDemoSession(sidebar, { fail: ['join'] }) };

/** Long nicks and status messages. */
export const LongContent = {
  render: () =>
    inDemoSession(session => {
      whenJoined(session, LOUNGE, () => {
        session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { nick: 'Maximilian Alexander Featherstonehaugh-Worthington', role: 'participant', affiliation: 'member', show: 'away', status: LONG_TEXT } });
      });
      return sidebar();
    }),
};

/**
 * A big public room: 3,000 more people, some away or busy, some with a known
 * address (so Ban shows). Only the rows in view are in the DOM.
 */
export const ThousandsOfPeople = {
  render: () =>
    inDemoSession(
      (session, adapter) => {
        whenJoined(session, LOUNGE, () => {
          // Through the adapter: applied in batches per frame, as a server's presences are.
          const shows = ['online', 'online', 'online', 'away', 'dnd', 'xa'] as const;
          for (let index = 0; index < 3000; index++) {
            const nick = `guest${String(index).padStart(4, '0')}`;
            adapter.emit({
              type: 'occupant',
              room: LOUNGE,
              occupant: {
                nick,
                role: index % 12 === 0 ? 'visitor' : 'participant',
                affiliation: index % 50 === 0 ? 'member' : 'none',
                show: shows[index % shows.length],
                status: index % 7 === 0 ? 'Reading along' : undefined,
                jid: index % 3 === 0 ? `${nick}@demo.natter.chat` : undefined,
              },
            });
          }
        });
        return sidebar();
      },
      { ambient: false },
    ),
};

/** Right to left, with an Arabic nick. */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () =>
    inDemoSession(session => {
      whenJoined(session, LOUNGE, () => {
        session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { nick: ARABIC.name, role: 'participant', affiliation: 'member', show: 'away', status: ARABIC.status } });
      });
      return sidebar();
    }),
};

/** Dark theme. */
export const Dark = { ...Moderator, globals: { theme: 'dark' } };
