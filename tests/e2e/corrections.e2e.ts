/**
 * XEP-0308 last message correction in <natter-app> against Prosody: the user corrects with the
 * Up arrow in the composer and the peer gets the correction; a peer's correction shows as the new
 * text, marked edited, with the earlier version a click away; corrections by anyone but the
 * author (another contact, another occupant, someone who took the author's nick) are ignored.
 */
import { xml } from '@xmpp/client';
import type { E2EPage } from '@stencil/core/testing';
import { botJoinRoom, botLeaveRoom, connectBot, createAccount, stopAllBots, type Bot, type Stanza } from '../prosody';
import {
  NICK,
  TEXT,
  appPaths,
  chatSetup,
  describeViolations,
  isGroupchat,
  joinRoomByAddress,
  messageLines,
  openConversation,
  roomWithBots,
  runAxe,
  say,
  sendFromComposer,
  signedInUser,
  texts,
  waitForConsole,
  waitForElement,
  waitForHistory,
  waitForNone,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_CORRECT = 'urn:xmpp:message-correct:0';
const p = appPaths();
const edited = `${p.messages} >>> button[part=edited]`;
/** The earlier versions' texts, while shown. */
const versions = `${p.messages} >>> [part=versions]:not([hidden]) .version-body`;
const editing = `${p.chatbox} >>> natter-composer >>> [part=editing]`;

afterEach(stopAllBots);

/** The correction of the message sent with `originalId`: the whole message again, a new id, and `<replace/>`. */
function correction(to: string, type: 'chat' | 'groupchat', originalId: string, body: string): Stanza {
  return xml('message', { to, type, id: `fix-${originalId}-${Date.now()}` }, xml('body', {}, body), xml('replace', { xmlns: NS_CORRECT, id: originalId }));
}

/** Focuses the composer, presses Up (edit the last own message), replaces the text with `text` and presses Enter. */
async function correctLastMessage(page: E2EPage, text: string): Promise<void> {
  await page.click(p.composer);
  await page.keyboard.press('ArrowUp');
  await waitForElement(page, editing);
  // Select the message's text in the text area and type over it.
  await page.$eval(p.composer, el => (el as HTMLTextAreaElement).select());
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The conversations of the page's session (the chat list). */
async function conversationJids(page: E2EPage): Promise<string[]> {
  return page.evaluate(() => Object.keys((document.querySelector('natter-session') as unknown as { session: { conversations: { get(k: 'items'): object } } }).session.conversations.get('items')));
}

describe('correcting in a one-to-one chat', () => {
  it('the user presses Up, edits and presses Enter: the peer gets the new text replacing the id it saw; the page shows it once, edited', async () => {
    const { user, peer, page, errors } = await chatSetup('fix-out', 'Peer Pia');
    await openConversation(page, peer.account.jid, 'Peer Pia');
    await waitForHistory(page, peer.account.jid);

    await sendFromComposer(page, 'See you at noen');
    const original: Stanza = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'See you at noen');
    await waitForText(page, p.messageStatuses, TEXT['message.status.sent']);

    await correctLastMessage(page, 'See you at noon');

    const fixed: Stanza = await peer.waitFor(s => s.is('message') && !!s.getChild('replace', NS_CORRECT));
    expect(fixed.getChildText('body')).toBe('See you at noon');
    expect(fixed.getChild('replace', NS_CORRECT)?.attrs.id).toBe(original.attrs.id);
    expect(fixed.attrs.id).not.toBe(original.attrs.id);
    expect(String(fixed.attrs.from)).toMatch(new RegExp(`^${user.jid}/`));

    await waitForText(page, p.ownMessageBodies, 'See you at noon');
    expect(await texts(page, p.messageBodies)).toEqual(['See you at noon']);
    expect(await texts(page, edited)).toEqual([TEXT['message.edited']]);
    await waitForNone(page, editing);
    expect(await page.$eval(p.composer, el => (el as HTMLTextAreaElement).value)).toBe('');
    expect(errors).toEqual([]);
  });

  it('a peer corrects its message: the page shows the new text in place, marked edited, the earlier version one click away', async () => {
    const { user, peer, page, errors } = await chatSetup('fix-in', 'Peer Quill');
    await openConversation(page, peer.account.jid, 'Peer Quill');
    await waitForHistory(page, peer.account.jid);

    const typo = await peer.sendMessage(user.jid, 'Teh meeting moved');
    await peer.sendMessage(user.jid, 'to room 4');
    await waitForText(page, p.incomingMessageBodies, 'to room 4');
    await peer.send(correction(user.jid, 'chat', String(typo.attrs.id), 'The meeting moved'));

    await waitForText(page, p.incomingMessageBodies, 'The meeting moved');
    // In place: still first, and no third message.
    expect(await texts(page, p.messageBodies)).toEqual(['The meeting moved', 'to room 4']);
    expect(await texts(page, edited)).toEqual([TEXT['message.edited']]);
    expect(await texts(page, versions)).toEqual([]);
    // The earlier version, from the keyboard: focus "Edited" and press Enter.
    await page.focus(edited);
    await page.keyboard.press('Enter');
    await waitForText(page, versions, 'Teh meeting moved');
    expect(await page.$eval(edited, el => el.getAttribute('aria-expanded'))).toBe('true');
    expect(errors).toEqual([]);
  });

  it('ignores a correction from someone else for the peer’s message: not applied, not shown anywhere', async () => {
    const { user, peer, page, consoleLines } = await chatSetup('fix-spoof', 'Peer Rory');
    await openConversation(page, peer.account.jid, 'Peer Rory');
    await waitForHistory(page, peer.account.jid);
    const real = await peer.sendMessage(user.jid, 'The code is 1234');
    await waitForText(page, p.incomingMessageBodies, 'The code is 1234');

    const mallory = await connectBot(await createAccount('fix-spoof-mallory'));
    await mallory.send(correction(user.jid, 'chat', String(real.attrs.id), 'The code is 9999'));
    await waitForConsole(consoleLines, ['ignored a correction', mallory.account.jid]);

    // Positive control: the peer's own correction, sent after the spoof, is applied.
    await peer.send(correction(user.jid, 'chat', String(real.attrs.id), 'The code is 4321'));
    await waitForText(page, p.incomingMessageBodies, 'The code is 4321');
    expect(await texts(page, p.messageBodies)).toEqual(['The code is 4321']);
    await page.click(edited);
    await waitForText(page, versions, 'The code is 1234');
    expect(await texts(page, versions)).toEqual(['The code is 1234']);
    expect(await conversationJids(page)).not.toContain(mallory.account.jid);
  });
});

describe('correcting in a room', () => {
  it('the user corrects an own room message: every bot gets the correction; the room’s echo is no second message', async () => {
    const { room, occupants } = await roomWithBots('fix-room', 'Fix Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const { page, errors } = await signedInUser('fix-room');
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);

    await sendFromComposer(page, 'Standup at 9:30');
    const original = await alice.bot.waitFor(isGroupchat(room, NICK, 'Standup at 9:30'));
    await waitForText(page, p.messageStatuses, TEXT['message.status.sent']);
    await correctLastMessage(page, 'Standup at 10:30');

    for (const { bot } of [alice, bob]) {
      const fixed = await bot.waitFor(isGroupchat(room, NICK, 'Standup at 10:30'));
      expect(fixed.getChild('replace', NS_CORRECT)?.attrs.id).toBe(original.attrs.id);
    }
    // A reply sent after the bot saw the correction reaches the page after the room's echo of it.
    await say(bob.bot, room, 'Bob', 'Noted');
    await waitForText(page, p.incomingMessageBodies, 'Noted');
    expect(await messageLines(page)).toEqual([`${TEXT['message.you']}: Standup at 10:30`, 'Bob: Noted']);
    expect(await texts(page, edited)).toEqual([TEXT['message.edited']]);
    expect(errors).toEqual([]);
  });

  it('applies an occupant’s own correction; ignores one by another occupant, and one by someone who took the nick after the author left', async () => {
    const { room, occupants } = await roomWithBots('fix-muc', 'Fix Muc', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const { page, consoleLines } = await signedInUser('fix-muc');
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);

    const sent = await alice.bot.sendMessage(room, 'Lunch at noon', 'groupchat');
    await alice.bot.waitFor(isGroupchat(room, 'Alice', 'Lunch at noon'));
    await waitForText(page, p.incomingMessageBodies, 'Lunch at noon');
    const originalId = String(sent.attrs.id);

    // Bob "corrects" Alice's message: ignored.
    await bob.bot.send(correction(room, 'groupchat', originalId, 'Lunch is cancelled'));
    await bob.bot.waitFor(isGroupchat(room, 'Bob', 'Lunch is cancelled'));
    await waitForConsole(consoleLines, ['ignored a correction', `${room}/Bob`]);

    // Alice corrects it: applied.
    await alice.bot.send(correction(room, 'groupchat', originalId, 'Lunch at one'));
    await waitForText(page, p.incomingMessageBodies, 'Lunch at one');

    // Alice leaves; Mallory joins as "Alice" (another occupant id) and "corrects" it: ignored.
    await botLeaveRoom(alice.bot, room, 'Alice');
    const mallory: Bot = await connectBot(await createAccount('fix-muc-mallory'));
    await botJoinRoom(mallory, room, 'Alice');
    await mallory.send(correction(room, 'groupchat', originalId, 'Lunch is at my place'));
    await mallory.waitFor(isGroupchat(room, 'Alice', 'Lunch is at my place'));
    await waitForConsole(consoleLines, ['ignored a correction', `${room}/Alice`]);

    // Positive control: a message after the spoofs is shown; the spoofs are not.
    await say(bob.bot, room, 'Bob', 'See you there');
    await waitForText(page, p.incomingMessageBodies, 'See you there');
    expect(await messageLines(page)).toEqual(['Alice: Lunch at one', 'Bob: See you there']);
    await page.click(edited);
    await waitForText(page, versions, 'Lunch at noon');
    expect(await texts(page, versions)).toEqual(['Lunch at noon']);
  });
});

describe('accessibility of corrections (axe-core)', () => {
  it('finds no violation on the chatbox with an edited message (its versions shown) and the composer editing', async () => {
    const { user, peer, page } = await chatSetup('fix-axe', 'Peer Sam');
    await openConversation(page, peer.account.jid, 'Peer Sam');
    await waitForHistory(page, peer.account.jid);

    const typo = await peer.sendMessage(user.jid, 'Helo there');
    await waitForText(page, p.incomingMessageBodies, 'Helo there');
    await peer.send(correction(user.jid, 'chat', String(typo.attrs.id), 'Hello there'));
    await waitForText(page, p.incomingMessageBodies, 'Hello there');
    await page.click(edited);
    await waitForText(page, versions, 'Helo there');

    await sendFromComposer(page, 'Hi Sam');
    await waitForText(page, p.ownMessageBodies, 'Hi Sam');
    await page.click(p.composer);
    await page.keyboard.press('ArrowUp');
    await waitForElement(page, editing);
    expect(await page.$eval(p.composer, el => (el as HTMLTextAreaElement).value)).toBe('Hi Sam');

    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    expect(report.passes).toEqual(expect.arrayContaining(['button-name', 'aria-allowed-attr', 'aria-valid-attr-value', 'color-contrast', 'list']));
  });
});
