/**
 * XEP-0461 replies in <natter-app> against Prosody: a peer's reply shows its own text without the
 * XEP-0428 quoted fallback, under a quote of the message it answers (taken from the page's own
 * copy, never from the reply), which scrolls to and focuses that message; in a room the reply
 * names the room's stanza-id. The user answers from a message's menu: the peer gets the reply
 * naming the message's id (in a room its stanza-id) with a quote marked as fallback, and the page
 * shows the quote of what it answers.
 */
import { xml } from '@xmpp/client';
import { stopAllBots } from '../prosody';
import {
  NICK,
  appPaths,
  chatSetup,
  chooseMenuItem,
  describeViolations,
  isGroupchat,
  joinRoomByAddress,
  openConversation,
  openMessageMenu,
  postInRoom,
  roomWithBots,
  runAxe,
  say,
  sendFromComposer,
  signedInUser,
  texts,
  userInRoom,
  waitForElement,
  waitForHistory,
  waitForNone,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_REPLY = 'urn:xmpp:reply:0';
const p = appPaths();
const quote = `${p.messages} >>> [part=reply-quote]`;

afterEach(stopAllBots);

/** A reply to `id` by `to`, with the quoted text as an XEP-0428 fallback at the start of the body. */
function reply(to: string, type: 'chat' | 'groupchat', id: string, author: string, quoted: string, text: string) {
  const fallback = `> ${quoted}\n`;
  return xml(
    'message',
    { to, type, id: `reply-${Date.now()}` },
    xml('body', {}, `${fallback}${text}`),
    xml('reply', { xmlns: NS_REPLY, to: author, id }),
    xml('fallback', { xmlns: 'urn:xmpp:fallback:0', for: NS_REPLY }, xml('body', { start: '0', end: String(Array.from(fallback).length) })),
  );
}

describe('replies', () => {
  it('in a chat: the reply without its fallback, under a quote of the user’s message that takes the reader to it', async () => {
    const { user, peer, page, errors } = await chatSetup('reply-in', 'Peer Ray');
    await openConversation(page, peer.account.jid, 'Peer Ray');
    await waitForHistory(page, peer.account.jid);
    await sendFromComposer(page, 'Shall we meet at 5?');
    const original = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Shall we meet at 5?');
    await peer.sendMessage(user.jid, 'One more thing later');
    await waitForText(page, p.incomingMessageBodies, 'One more thing later');

    await peer.send(reply(user.jid, 'chat', String(original.attrs.id), String(original.attrs.from), 'Shall we meet at 5?', 'Yes, 5 works 🌟'));
    await waitForText(page, p.incomingMessageBodies, 'Yes, 5 works 🌟');
    expect(await texts(page, p.messageBodies)).toEqual(['Shall we meet at 5?', 'One more thing later', 'Yes, 5 works 🌟']);
    expect(await page.$eval(quote, el => el.getAttribute('aria-label'))).toBe('Reply to You: Shall we meet at 5?');
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);

    await page.click(quote);
    // The quoted message's row has the focus now.
    await page.waitForFunction(
      () => {
        const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
        const chatbox = deep('natter-app >>> natter-chatbox')[0];
        const active = chatbox.shadowRoot!.activeElement;
        const message = active?.querySelector('natter-message') as (Element & { message?: { body: string } }) | null;
        return message?.message?.body === 'Shall we meet at 5?';
      },
      { polling: 50, timeout: 10_000 },
    );
    expect(errors).toEqual([]);
  });

  it('in a room: a reply by the room’s stanza-id quotes that occupant’s message', async () => {
    const { room, occupants } = await roomWithBots('reply-room', 'Reply Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const { page, errors } = await signedInUser('reply-room');
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);
    await alice.bot.sendMessage(room, 'Who has the keys?', 'groupchat');
    const asked = await bob.bot.waitFor(isGroupchat(room, 'Alice', 'Who has the keys?'));
    const stanzaId = String(asked.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
    await waitForText(page, p.incomingMessageBodies, 'Who has the keys?');

    await bob.bot.send(reply(room, 'groupchat', stanzaId, `${room}/Alice`, 'Who has the keys?', 'I do'));
    await waitForText(page, p.incomingMessageBodies, 'I do');
    expect(await page.$eval(quote, el => el.getAttribute('aria-label'))).toBe('Reply to Alice: Who has the keys?');
    await say(alice.bot, room, 'Alice', 'Thanks');
    await waitForText(page, p.incomingMessageBodies, 'Thanks');
    expect(await texts(page, p.incomingMessageBodies)).toEqual(['Who has the keys?', 'I do', 'Thanks']);
    expect(errors).toEqual([]);
  });
});

describe('answering a message', () => {
  const replying = `${p.chatbox} >>> natter-composer >>> [part=replying]`;
  const fallbackRange = (stanza: ReturnType<typeof xml>) => stanza.getChild('fallback', 'urn:xmpp:fallback:0')?.getChild('body')?.attrs;

  it('in a chat, from the menu: the peer gets the reply to its message id with the quote marked as fallback; Escape drops a reply', async () => {
    const { user, peer, page, errors } = await chatSetup('reply-out', 'Peer Rho');
    await openConversation(page, peer.account.jid, 'Peer Rho');
    await waitForHistory(page, peer.account.jid);
    const question = await peer.sendMessage(user.jid, 'Coffee or tea?');
    await waitForText(page, p.incomingMessageBodies, 'Coffee or tea?');

    // Escape makes a started reply a plain message again.
    await openMessageMenu(page, 'Coffee or tea?');
    await chooseMenuItem(page, 'reply');
    await waitForText(page, replying, 'Replying to Peer Rho: Coffee or tea?Cancel');
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    await page.keyboard.press('Escape');
    await waitForNone(page, replying);

    await openMessageMenu(page, 'Coffee or tea?');
    await chooseMenuItem(page, 'reply');
    await waitForElement(page, replying);
    await page.keyboard.type('Tea, please');
    await page.keyboard.press('Enter');
    const answer = await peer.waitFor(s => s.is('message') && !!s.getChild('reply', NS_REPLY));
    expect(answer.getChild('reply', NS_REPLY)?.attrs).toMatchObject({ id: question.attrs.id, to: peer.account.jid });
    const body = answer.getChildText('body')!;
    const quoted = `> ${peer.account.jid}:\n> Coffee or tea?\n`;
    expect(body).toBe(`${quoted}Tea, please`);
    expect(fallbackRange(answer)).toEqual({ start: '0', end: String(Array.from(quoted).length) });
    await waitForText(page, p.ownMessageBodies, 'Tea, please');
    await waitForText(page, quote, 'Peer Rho Coffee or tea?');
    await waitForNone(page, replying);
    expect(errors).toEqual([]);
  });

  it('in a room: the reply names the room’s stanza-id and the occupant, the quote their nick', async () => {
    const { room, occupants, page, errors } = await userInRoom('reply-room-out', 'Reply Out Room', ['Alice']);
    const [alice] = occupants;
    const stanzaId = await postInRoom(alice, room, 'Who brings the cake?');
    await waitForText(page, p.incomingMessageBodies, 'Who brings the cake?');

    await openMessageMenu(page, 'Who brings the cake?');
    await chooseMenuItem(page, 'reply');
    await waitForText(page, replying, 'Replying to Alice: Who brings the cake?Cancel');
    await page.keyboard.type('I will');
    await page.keyboard.press('Enter');
    const answer = await alice.bot.waitFor(s => s.is('message') && s.attrs.from === `${room}/${NICK}` && !!s.getChild('reply', NS_REPLY));
    expect(answer.getChild('reply', NS_REPLY)?.attrs).toMatchObject({ id: stanzaId, to: `${room}/Alice` });
    expect(answer.getChildText('body')).toBe('> Alice:\n> Who brings the cake?\nI will');
    await waitForText(page, p.ownMessageBodies, 'I will');
    await waitForText(page, quote, 'Alice Who brings the cake?');
    expect(errors).toEqual([]);
  });
});
