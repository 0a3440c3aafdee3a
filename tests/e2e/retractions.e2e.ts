/**
 * XEP-0424 message retraction in <natter-app> against Prosody: a peer's or an occupant's
 * retraction removes its message (live and in the history loaded later), a retraction by anyone
 * else changes nothing, and the user's own retraction (session.actions.retractMessage) reaches
 * the peer naming the id it saw: in a chat the message's id, in a room the room's stanza-id.
 */
import { xml } from '@xmpp/client';
import type { E2EPage } from '@stencil/core/testing';
import { connectBot, createAccount, stopAllBots, type Stanza } from '../prosody';
import {
  APP,
  NICK,
  appPaths,
  chatSetup,
  describeViolations,
  isGroupchat,
  joinRoomByAddress,
  messageLines,
  openConversation,
  openPage,
  roomWithBots,
  runAxe,
  say,
  sendFromComposer,
  signIn,
  signedInUser,
  texts,
  waitForConfirmed,
  waitForConsole,
  waitForCount,
  waitForHistory,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_RETRACT = 'urn:xmpp:message-retract:1';
const p = appPaths();
const removed = `${p.messages} >>> [part=retracted]`;

afterEach(stopAllBots);

/** A retraction of the message `id` (:1, with the fallback body), or the older :0 form in an XEP-0422 apply-to. */
function retraction(to: string, type: 'chat' | 'groupchat', id: string, version: 0 | 1 = 1): Stanza {
  const marker =
    version === 1 ? xml('retract', { xmlns: NS_RETRACT, id }) : xml('apply-to', { xmlns: 'urn:xmpp:fasten:0', id }, xml('retract', { xmlns: 'urn:xmpp:message-retract:0' }));
  return xml('message', { to, type, id: `retract-${id}-${Date.now()}` }, marker, xml('body', {}, 'This person attempted to retract a previous message.'));
}

/** The page retracts its own message with this text in `conversation`, through the session's action. */
async function retractOwn(page: E2EPage, conversation: string, body: string): Promise<void> {
  await page.evaluate(
    async (jid: string, text: string) => {
      const session = (document.querySelector('natter-session') as unknown as {
        session: { conversation(j: string): { get(k: string): any }; actions: { retractMessage(j: string, id: string): Promise<void> } };
      }).session;
      // In a room the message is known by the room's stanza-id once the room's copy is back; in a chat it
      // can be retracted once the server confirmed it (its stream management ack), as the menu offers it.
      const deadline = Date.now() + 10_000;
      const unconfirmed = (m: { stanzaId?: string; status: string }) => (session.conversation(jid).get('room') ? !m.stanzaId : m.status === 'pending');
      let message = session.conversation(jid).get('messages').find(m => m.body === text && m.direction === 'out');
      while (message && unconfirmed(message) && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50));
        message = session.conversation(jid).get('messages').find(m => m.body === text && m.direction === 'out');
      }
      if (!message) throw new Error(`no own message "${text}"`);
      await session.actions.retractMessage(jid, message.id);
    },
    conversation,
    body,
  );
}

describe('retraction in a one-to-one chat', () => {
  it('a peer retracts its message (:1, then :0): removed in place, the fallback never shown; someone else’s retraction is ignored', async () => {
    const { user, peer, page, consoleLines, errors } = await chatSetup('retract-in', 'Peer Ria');
    await openConversation(page, peer.account.jid, 'Peer Ria');
    await waitForHistory(page, peer.account.jid);
    const first = await peer.sendMessage(user.jid, 'Wrong window, ignore this');
    const second = await peer.sendMessage(user.jid, 'And this one');
    await peer.sendMessage(user.jid, 'Hello!');
    await waitForText(page, p.incomingMessageBodies, 'Hello!');

    const mallory = await connectBot(await createAccount('retract-in-mallory'));
    await mallory.send(retraction(user.jid, 'chat', String(first.attrs.id)));
    await waitForConsole(consoleLines, ['ignored a retraction', mallory.account.jid]);
    expect(await texts(page, p.messageBodies)).toEqual(['Wrong window, ignore this', 'And this one', 'Hello!']);

    await peer.send(retraction(user.jid, 'chat', String(first.attrs.id)));
    await waitForText(page, removed, 'This message was removed.');
    await peer.send(retraction(user.jid, 'chat', String(second.attrs.id), 0));
    await waitForCount(page, removed, 2);
    expect(await texts(page, p.messageBodies)).toEqual(['Hello!']);
    expect(errors).toEqual([]);

    // A fresh sign-in reads the chat from the archive: the retracted messages are removed there too.
    const again: string[] = [];
    const later = await openPage(APP, again);
    await signIn(later, user);
    await openConversation(later, peer.account.jid, 'Peer Ria');
    await waitForText(later, p.incomingMessageBodies, 'Hello!');
    await waitForText(later, removed, 'This message was removed.');
    expect(await texts(later, p.messageBodies)).toEqual(['Hello!']);
    expect(await texts(later, removed)).toEqual(['This message was removed.', 'This message was removed.']);
    expect(again).toEqual([]);
  });

  it('the user retracts an own message: the peer gets a retraction naming the id it received', async () => {
    const { user, peer, page, errors } = await chatSetup('retract-out', 'Peer Rex');
    await openConversation(page, peer.account.jid, 'Peer Rex');
    await waitForHistory(page, peer.account.jid);
    await sendFromComposer(page, 'Sent to the wrong person');
    const original = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Sent to the wrong person');

    await retractOwn(page, peer.account.jid, 'Sent to the wrong person');
    const retract = await peer.waitFor(s => s.is('message') && !!s.getChild('retract', NS_RETRACT));
    expect(retract.getChild('retract', NS_RETRACT)?.attrs.id).toBe(original.attrs.id);
    expect(String(retract.attrs.from)).toMatch(new RegExp(`^${user.jid}/`));
    expect(retract.getChild('fallback', 'urn:xmpp:fallback:0')?.attrs.for).toBe(NS_RETRACT);
    await waitForText(page, removed, 'You removed this message.');
    expect(await texts(page, p.messageBodies)).toEqual([]);
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('retraction in a room', () => {
  it('an occupant retracts by the room’s stanza-id; another occupant cannot; the user retracts its own by the room’s stanza-id', async () => {
    const { room, occupants } = await roomWithBots('retract-room', 'Retract Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const { page, consoleLines, errors } = await signedInUser('retract-room');
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);

    await alice.bot.sendMessage(room, 'Password is hunter2', 'groupchat');
    const echo = await alice.bot.waitFor(isGroupchat(room, 'Alice', 'Password is hunter2'));
    const stanzaId = String(echo.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
    await waitForText(page, p.incomingMessageBodies, 'Password is hunter2');

    await bob.bot.send(retraction(room, 'groupchat', stanzaId));
    await waitForConsole(consoleLines, ['ignored a retraction', `${room}/Bob`]);
    await alice.bot.send(retraction(room, 'groupchat', stanzaId));
    await waitForText(page, removed, 'This message was removed.');
    await say(bob.bot, room, 'Bob', 'Seen nothing');
    await waitForText(page, p.incomingMessageBodies, 'Seen nothing');
    expect(await messageLines(page)).toEqual(['Alice: ', 'Bob: Seen nothing']);

    await sendFromComposer(page, 'Oops, not for this room');
    const mine = await bob.bot.waitFor(isGroupchat(room, NICK, 'Oops, not for this room'));
    await waitForText(page, p.ownMessageBodies, 'Oops, not for this room');
    await retractOwn(page, room, 'Oops, not for this room');
    const retract = await bob.bot.waitFor(s => s.is('message') && s.attrs.type === 'groupchat' && s.attrs.from === `${room}/${NICK}` && !!s.getChild('retract', NS_RETRACT));
    expect(retract.getChild('retract', NS_RETRACT)?.attrs.id).toBe(mine.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
    await waitForText(page, removed, 'You removed this message.');
    expect(await texts(page, p.ownMessageBodies)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the message action menu', () => {
  const menuButton = `${p.messages} >>> button[part=actions-button]`;
  const menuItems = `${p.messages} >>> [role=menu] [role=menuitem]`;
  const focusedAction = (page: E2EPage) =>
    page.evaluate(() => {
      const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
      for (const host of deep('natter-app >>> natter-chatbox >>> natter-message')) {
        const active = host.shadowRoot!.activeElement;
        if (active) return active.getAttribute('data-action') ?? active.getAttribute('part');
      }
      return null;
    });
  /** Waits until the focused control in a message is `action` (a menu item's data-action, or a part). */
  const waitForFocus = (page: E2EPage, action: string) =>
    page.waitForFunction(
      (want: string) => {
        const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
        return deep('natter-app >>> natter-chatbox >>> natter-message').some(host => {
          const active = host.shadowRoot!.activeElement;
          return !!active && (active.getAttribute('data-action') ?? active.getAttribute('part')) === want;
        });
      },
      { polling: 50, timeout: 10_000 },
      action,
    );

  it('from the keyboard: edits an earlier own message (the peer gets the correction of it) and removes one after asking; axe finds nothing', async () => {
    const { peer, page, errors } = await chatSetup('menu', 'Peer Mo');
    await openConversation(page, peer.account.jid, 'Peer Mo');
    await waitForHistory(page, peer.account.jid);
    await sendFromComposer(page, 'Meet at the statoin');
    const first = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Meet at the statoin');
    await sendFromComposer(page, 'Bring the tickets');
    const second = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Bring the tickets');
    await waitForCount(page, menuButton, 2);
    // Reacting and replying need the server's word that it has the message.
    await waitForConfirmed(page);

    // The first message's menu: focus its button, ArrowDown opens it on the first action.
    const buttons = await page.evaluateHandle((path: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path), menuButton);
    await page.evaluate((all: Element[]) => (all[0] as HTMLElement).focus(), buttons);
    await page.keyboard.press('ArrowDown');
    await waitForText(page, menuItems, 'Edit');
    expect(await texts(page, menuItems)).toEqual(['React', 'Reply', 'Reply in thread', 'Copy text', 'Edit', 'Remove']);
    await waitForFocus(page, 'react');
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    await page.keyboard.press('End');
    expect(await focusedAction(page)).toBe('remove');
    await page.keyboard.press('Escape');
    expect(await focusedAction(page)).toBe('actions-button');
    await page.keyboard.press('ArrowDown');
    await waitForFocus(page, 'react');
    await page.keyboard.press('Home');
    expect(await focusedAction(page)).toBe('react');
    for (const next of ['reply', 'thread', 'copy', 'edit']) {
      await page.keyboard.press('ArrowDown');
      expect(await focusedAction(page)).toBe(next);
    }
    await page.keyboard.press('Enter');

    // The composer now edits that message; its text is selected by the user and replaced.
    await page.waitForFunction((path: string) => (window as unknown as { __natterDeep: (p: string) => HTMLTextAreaElement[] }).__natterDeep(path)[0]?.value === 'Meet at the statoin', { polling: 50, timeout: 10_000 }, p.composer);
    await page.$eval(p.composer, el => (el as HTMLTextAreaElement).select());
    await page.keyboard.type('Meet at the station');
    await page.keyboard.press('Enter');
    const fixed = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Meet at the station');
    expect(fixed.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe(first.attrs.id);
    await waitForText(page, p.ownMessageBodies, 'Meet at the station');

    // Remove the second one: the menu asks first; Remove sends the retraction of its id.
    await page.evaluate((all: Element[]) => (all[1] as HTMLElement).focus(), buttons);
    await page.keyboard.press('ArrowUp');
    await waitForFocus(page, 'remove');
    await page.keyboard.press('Enter');
    await waitForText(page, `${p.messages} >>> [part=confirm] span`, 'Remove this message for everyone?');
    await page.waitForFunction(
      () =>
        (window as unknown as { __natterDeep: (p: string) => Element[] })
          .__natterDeep('natter-app >>> natter-chatbox >>> natter-message')
          .some(host => host.shadowRoot!.activeElement?.closest('[part=confirm]')),
      { polling: 50, timeout: 10_000 },
    );
    const confirmReport = await runAxe(page, 'natter-app');
    expect(describeViolations(confirmReport.violations)).toEqual([]);
    await page.keyboard.press('Enter');
    const retract = await peer.waitFor(s => s.is('message') && !!s.getChild('retract', NS_RETRACT));
    expect(retract.getChild('retract', NS_RETRACT)?.attrs.id).toBe(second.attrs.id);
    await waitForText(page, removed, 'You removed this message.');
    expect(await texts(page, p.ownMessageBodies)).toEqual(['Meet at the station']);
    expect(errors).toEqual([]);
  });
});
