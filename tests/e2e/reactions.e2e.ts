/**
 * XEP-0444 reactions in <natter-app> against Prosody: a peer's and an occupant's reactions show per
 * emoji with who gave them (live, and from the archive after a new sign-in); a reaction from
 * someone not in the conversation changes nothing; the user reacts from the keyboard with the
 * emoji picker and by pressing a reaction, and the bot receives the whole set naming the id it
 * knows (in a chat the message's id, in a room the room's stanza-id).
 */
import { xml } from '@xmpp/client';
import type { E2EPage } from '@stencil/core/testing';
import { connectBot, createAccount, stopAllBots, type Stanza } from '../prosody';
import {
  APP,
  NICK,
  appPaths,
  chatSetup,
  chooseMenuItem,
  describeViolations,
  openConversation,
  openMessageMenu,
  openPage,
  postInRoom,
  runAxe,
  sendFromComposer,
  signIn,
  texts,
  userInRoom,
  waitForConsole,
  waitForElement,
  waitForHistory,
  waitForNone,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_REACTIONS = 'urn:xmpp:reactions:0';
const p = appPaths();
const reactionPills = `${p.messages} >>> button[part=reaction]`;
const picker = `${p.messages} >>> natter-emoji-picker`;
const pickerSearch = `${picker} >>> input[part=search]`;

afterEach(stopAllBots);

function reactions(to: string, type: 'chat' | 'groupchat', id: string, emojis: string[]): Stanza {
  return xml(
    'message',
    { to, type, id: `react-${Date.now()}-${Math.random()}` },
    xml('reactions', { xmlns: NS_REACTIONS, id }, ...emojis.map(emoji => xml('reaction', {}, emoji))),
    xml('store', { xmlns: 'urn:xmpp:hints' }),
  );
}

const reactionsOf = (stanza: Stanza) => stanza.getChild('reactions', NS_REACTIONS);
const emojisOf = (stanza: Stanza) => reactionsOf(stanza)!.getChildren('reaction').map(r => r.getText());

/** Waits until the emoji picker is open with the focus in its search box. */
async function waitForPickerSearch(page: E2EPage): Promise<void> {
  await waitForElement(page, pickerSearch);
  await page.waitForFunction(
    (path: string) => {
      const input = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path)[0];
      return !!input && (input.getRootNode() as ShadowRoot).activeElement === input;
    },
    { polling: 50, timeout: 10_000 },
    pickerSearch,
  );
}

/** The reaction pills' accessible names (what a screen reader says of them). */
function pillLabels(page: E2EPage): Promise<string[]> {
  return page.evaluate(
    (path: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).map(el => `${el.getAttribute('aria-label')}|${el.getAttribute('aria-pressed')}`),
    reactionPills,
  );
}

describe('reactions in a one-to-one chat', () => {
  it('shows the peer’s reactions to our message and ours from the picker; the peer gets our set by its message id; a stranger’s change nothing', async () => {
    const { user, peer, page, consoleLines, errors } = await chatSetup('react', 'Peer Rae');
    await openConversation(page, peer.account.jid, 'Peer Rae');
    await waitForHistory(page, peer.account.jid);

    await sendFromComposer(page, 'Ready when you are');
    const mine = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Ready when you are');
    await peer.send(reactions(user.jid, 'chat', String(mine.attrs.id), ['👍', '🎉']));
    await waitForText(page, reactionPills, '👍 1');
    expect(await pillLabels(page)).toEqual(['👍 1 reaction from Peer Rae|false', '🎉 1 reaction from Peer Rae|false']);

    const mallory = await connectBot(await createAccount('react-mallory'));
    await mallory.send(reactions(user.jid, 'chat', String(mine.attrs.id), ['💩']));
    await waitForConsole(consoleLines, ['ignored a reaction', mallory.account.jid]);
    expect(await texts(page, reactionPills)).toEqual(['👍 1', '🎉 1']);

    // The user reacts to the peer's message from the keyboard: menu, React, search, Enter.
    const lunch = await peer.sendMessage(user.jid, 'Lunch at noon?');
    await waitForText(page, p.incomingMessageBodies, 'Lunch at noon?');
    await openMessageMenu(page, 'Lunch at noon?');
    await chooseMenuItem(page, 'react');
    await waitForPickerSearch(page);
    await page.keyboard.type('thumbs up');
    await waitForElement(page, `${picker} >>> [part=grid] button[part=emoji]`);
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    await page.keyboard.press('Enter');
    const ours = await peer.waitFor(s => s.is('message') && !!reactionsOf(s));
    expect(reactionsOf(ours)!.attrs.id).toBe(lunch.attrs.id);
    expect(emojisOf(ours)).toEqual(['👍']);
    await waitForNone(page, picker);
    await waitForText(page, reactionPills, '👍 1');
    expect(await pillLabels(page)).toContain('👍 1 reaction from You|true');

    // Pressing our own reaction takes it back: the peer gets the empty set.
    await page.evaluate((path: string) => {
      const pills = (window as unknown as { __natterDeep: (p: string) => HTMLElement[] }).__natterDeep(path);
      pills.find(pill => pill.getAttribute('aria-pressed') === 'true')!.click();
    }, reactionPills);
    const none = await peer.waitFor(s => s.is('message') && !!reactionsOf(s));
    expect(reactionsOf(none)!.attrs.id).toBe(lunch.attrs.id);
    expect(emojisOf(none)).toEqual([]);
    await page.waitForFunction(
      (path: string) => !(window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).some(pill => pill.getAttribute('aria-pressed') === 'true'),
      { polling: 50, timeout: 10_000 },
      reactionPills,
    );
    expect(errors).toEqual([]);

    // A new sign-in reads the reactions from the archive.
    const again: string[] = [];
    const later = await openPage(APP, again);
    await signIn(later, user);
    await openConversation(later, peer.account.jid, 'Peer Rae');
    await waitForText(later, p.incomingMessageBodies, 'Lunch at noon?');
    await waitForText(later, reactionPills, '🎉 1');
    expect(await texts(later, reactionPills)).toEqual(['👍 1', '🎉 1']);
    expect(again).toEqual([]);
  });
});

describe('reactions in a room', () => {
  it('an occupant’s reaction names the room’s stanza-id; the user picks one from the frequently used row and the room carries it by stanza-id', async () => {
    const { room, occupants, page, errors } = await userInRoom('react-room', 'React Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const stanzaId = await postInRoom(alice, room, 'Ship it?');
    await waitForText(page, p.incomingMessageBodies, 'Ship it?');
    await bob.bot.send(reactions(room, 'groupchat', stanzaId, ['🚀']));
    await waitForText(page, reactionPills, '🚀 1');
    expect(await pillLabels(page)).toEqual(['🚀 1 reaction from Bob|false']);

    await openMessageMenu(page, 'Ship it?');
    await chooseMenuItem(page, 'react');
    await waitForPickerSearch(page);
    // From the search box, ArrowDown goes to the frequently used row; its first is 👍.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const ours = await alice.bot.waitFor(s => s.is('message') && s.attrs.type === 'groupchat' && s.attrs.from === `${room}/${NICK}` && !!reactionsOf(s));
    expect(reactionsOf(ours)!.attrs.id).toBe(stanzaId);
    expect(emojisOf(ours)).toEqual(['👍']);
    await waitForText(page, reactionPills, '👍 1');
    expect(await pillLabels(page)).toEqual(['🚀 1 reaction from Bob|false', '👍 1 reaction from You|true']);
    expect(errors).toEqual([]);
  });
});
