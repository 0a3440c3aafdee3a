/**
 * Own presence, blocking and contact management in <natter-app> against Prosody (issue 15):
 * the presence a contact's client sees (show + status), after a dropped connection and after a
 * reload; a blocked bot's messages and presence never shown, and shown again once unblocked; a
 * contact renamed, regrouped and removed as the server keeps it (a second connection's roster);
 * axe-core on the presence picker, the contact panel and the blocked list in every theme.
 */
import { xml } from '@xmpp/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2EPage } from '@stencil/core/testing';
import { connectBot, createAccount, prosody, stopAllBots, type Bot, type Stanza } from '../prosody';
import { startProxy, type NetProxy } from '../net-proxy';
import {
  TEXT,
  WAIT_MS,
  appPaths,
  axeViolations,
  befriendUser,
  chatSetup,
  fetchRoster,
  openConversation,
  openPage,
  signIn,
  submitLogin,
  texts,
  waitForElement,
  waitForNone,
  waitForText,
  waitForTextContaining,
} from './support';

jest.setTimeout(120_000);

const p = appPaths();
const presence = 'natter-app >>> natter-presence';
const picker = {
  toggle: `${presence} >>> button[part=toggle]`,
  panel: `${presence} >>> form[part=panel]`,
  choices: `${presence} >>> label[part=choice]`,
  choice: (value: string) => `${presence} >>> input[name=availability][value=${value}]`,
  status: `${presence} >>> input[name=status]`,
  save: `${presence} >>> button[part=save-button]`,
  announcer: `${presence} >>> [part=announcer]`,
};
const chatbox = 'natter-app >>> natter-chatbox';
const block = {
  button: `${chatbox} >>> button[part=block-button]`,
  confirm: `${chatbox} >>> [part=block-confirm] button.danger`,
  blocked: `${chatbox} >>> [part=blocked] p`,
};
const blocklist = 'natter-app >>> natter-blocklist';
const list = {
  toggle: `${blocklist} >>> button[part=toggle]`,
  items: `${blocklist} >>> [part=address]`,
  unblock: `${blocklist} >>> button[part=unblock-button]`,
};
const editButton = (jid: string) => `natter-app >>> natter-roster >>> button[part=edit-button][data-jid="${jid}"]`;
const contactForm = 'natter-app >>> natter-roster >>> form[part=contact-form]';

afterEach(stopAllBots);

const isPresenceFrom = (jid: string) => (s: Stanza) => s.is('presence') && !s.attrs.type && String(s.attrs.from ?? '').startsWith(`${jid}/`);
const isChat = (body: string) => (s: Stanza) => s.is('message') && s.getChildText('body') === body;

/** Chooses an availability and a status in the picker and sets it. */
async function choosePresence(page: E2EPage, availability: string, status: string): Promise<void> {
  await page.click(picker.toggle);
  await waitForElement(page, picker.panel);
  await page.click(picker.choice(availability));
  await clearAndType(page, picker.status, status);
  await page.click(picker.save);
  await waitForNone(page, picker.panel);
}

/** The bot's contact presence of the user's resource: show and status. */
function shown(stanza: Stanza): { show?: string; status?: string } {
  return { show: stanza.getChildText('show') ?? undefined, status: stanza.getChildText('status') ?? undefined };
}

describe('own presence', () => {
  let proxy: NetProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('offers no Invisible on a server without XEP-0186; Away with a status is what a contact sees, after a dropped connection and after a reload', async () => {
    const user = await createAccount('pres-own-user');
    const peer = await connectBot(await createAccount('pres-own-peer'));
    await befriendUser(user, peer, 'Peer');
    proxy = await startProxy(Number(new URL(prosody().wsUrl).port));
    const service = `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;
    const page = await openPage('<natter-session><natter-app></natter-app></natter-session>');
    await submitLogin(page, user, { service });
    await waitForText(page, p.status, TEXT['status.online']);
    await waitForText(page, picker.toggle, TEXT['ownPresence.button'].replace('{presence}', TEXT['ownPresence.online']));

    await page.click(picker.toggle);
    await waitForElement(page, picker.panel);
    // Prosody 0.12 has no XEP-0186: Invisible is not offered at all.
    expect(await texts(page, picker.choices)).toEqual([TEXT['ownPresence.online'], TEXT['ownPresence.away'], TEXT['ownPresence.dnd']]);
    await page.keyboard.press('Escape');
    await waitForNone(page, picker.panel);

    await choosePresence(page, 'away', 'Out for lunch');
    const seen = await peer.waitFor(s => isPresenceFrom(user.jid)(s) && s.getChildText('show') === 'away');
    expect(shown(seen)).toEqual({ show: 'away', status: 'Out for lunch' });
    await waitForText(page, picker.announcer, TEXT['ownPresence.changed'].replace('{presence}', `${TEXT['ownPresence.away']}: Out for lunch`));

    // The connection drops and comes back: the server (resumed or fresh) still has the user away.
    proxy.cut();
    await waitForTextContaining(page, p.status, 'Connection lost', WAIT_MS * 2);
    proxy.restore();
    await waitForText(page, p.status, TEXT['status.backOnline'], WAIT_MS * 4);
    const watcher = await connectBot(peer.account, { resource: 'watcher' });
    const again = await watcher.waitFor(s => isPresenceFrom(user.jid)(s));
    expect(shown(again)).toEqual({ show: 'away', status: 'Out for lunch' });
    await watcher.stop();

    // A new page of the same site (a reload): signing in again sends the presence kept for this
    // account on the device, from its first presence on.
    await page.close();
    const next = await openPage('<natter-session><natter-app></natter-app></natter-session>');
    await submitLogin(next, user, { service });
    await waitForText(next, p.status, TEXT['status.online']);
    const resource = await next.evaluate(() => (document.querySelector('natter-session') as unknown as { session: { connection: { get(k: 'jid'): string } } }).session.connection.get('jid'));
    const afterReload = await peer.waitFor(s => s.is('presence') && !s.attrs.type && s.attrs.from === resource);
    expect(shown(afterReload)).toEqual({ show: 'away', status: 'Out for lunch' });
    await waitForText(next, picker.toggle, TEXT['ownPresence.button'].replace('{presence}', `${TEXT['ownPresence.away']}: Out for lunch`));
  });
});

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('blocking', () => {
  it('blocks a contact from the chat: nothing it sends shows, until it is unblocked from the blocked list', async () => {
    const { peer, page } = await chatSetup('block', 'Spammy');
    const jid = peer.account.jid;
    await openConversation(page, jid, 'Spammy');
    const user = await userOf(page);
    await peer.sendMessage(user, 'before the block');
    await waitForText(page, p.incomingMessageBodies, 'before the block');

    await page.click(block.button);
    await waitForElement(page, block.confirm);
    await page.click(block.confirm);
    await waitForTextContaining(page, block.blocked, 'Spammy');
    await waitForText(page, p.rowPresence(jid), TEXT['presence.offline']);

    // The bot keeps writing and changes its presence: none of it reaches the page.
    await peer.sendMessage(user, 'after the block');
    await peer.send(xml('presence', {}, xml('show', {}, 'dnd')));
    await peer.send(xml('message', { to: user, type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
    await pause(1_500);
    expect(await texts(page, p.incomingMessageBodies)).toEqual(['before the block']);
    expect(await texts(page, p.rowPresence(jid))).toEqual([TEXT['presence.offline']]);

    await page.click(list.toggle);
    await waitForText(page, list.items, `Spammy (${jid})`);
    expect(await axeViolations(page, 'natter-app')).toEqual([]);
    await page.click(list.unblock);
    await waitForNone(page, list.items);

    await peer.sendMessage(user, 'after the unblock');
    await waitForText(page, p.incomingMessageBodies, 'after the unblock');
    expect(await texts(page, p.incomingMessageBodies)).toEqual(['before the block', 'after the unblock']);
    await peer.send(xml('presence', {}, xml('show', {}, 'away')));
    await waitForText(page, p.rowPresence(jid), TEXT['presence.away']);
  });

  it('blocks the sender of a contact request, reported as spam: the request goes and the server has the address blocked', async () => {
    const user = await createAccount('spam-user');
    const page = await openPage('<natter-session><natter-app></natter-app></natter-session>');
    await signIn(page, user);
    const stranger = await connectBot(await createAccount('spam-peer'));
    await fetchRoster(stranger);
    await stranger.subscribe(user.jid);
    await waitForTextContaining(page, p.request, stranger.account.jid);
    await page.click('natter-app >>> natter-roster >>> button[part=spam-button]');
    await waitForElement(page, 'natter-app >>> natter-roster >>> [part=confirm] button.danger');
    await page.click('natter-app >>> natter-roster >>> [part=confirm] button.danger');
    await waitForNone(page, p.request);

    const device = await connectBot(user, { resource: 'check' });
    const answer = await device.iq(xml('iq', { type: 'get', id: 'bl1' }, xml('blocklist', { xmlns: 'urn:xmpp:blocking' })));
    const items = answer.getChild('blocklist')?.getChildren('item').map((i: Stanza) => i.attrs.jid);
    expect(items).toEqual([stranger.account.jid]);
    // The request comes again: not shown.
    await stranger.subscribe(user.jid);
    await pause(1_000);
    expect(await page.$(p.request)).toBeNull();
  });
});

/** The signed-in user's bare JID, from the page's session. */
async function userOf(page: E2EPage): Promise<string> {
  return page.evaluate(() => (document.querySelector('natter-session') as unknown as { session: { ownJid(): string } }).session.ownJid());
}

/** The roster a second connection of the account reads: name and groups by JID. */
async function rosterSeenBy(device: Bot): Promise<Record<string, { name?: string; groups: string[] }>> {
  const result = await fetchRoster(device);
  const out: Record<string, { name?: string; groups: string[] }> = {};
  for (const item of result.getChild('query')?.getChildren('item') ?? []) {
    out[item.attrs.jid] = { name: item.attrs.name, groups: item.getChildren('group').map((g: Stanza) => g.getText()) };
  }
  return out;
}

describe('contact management', () => {
  it('renames a contact, moves it to a new group and removes it, as the server keeps them', async () => {
    const { user, peer, page } = await chatSetup('edit', 'Old Name');
    const jid = peer.account.jid;
    await page.click(editButton(jid));
    await waitForElement(page, contactForm);
    const name = `${contactForm} input[name=name]`;
    await clearAndType(page, name, 'New Name');
    await page.type(`${contactForm} input[name=group]`, 'Team');
    await page.click(`${contactForm} button[type=submit]`);
    await waitForNone(page, contactForm);
    await waitForText(page, p.rowName(jid), 'New Name');

    const device = await connectBot(user, { resource: 'second' });
    expect((await rosterSeenBy(device))[jid]).toEqual({ name: 'New Name', groups: ['Team'] });

    // Out of the group again (its checkbox), then removed after the confirmation.
    await page.click(editButton(jid));
    await waitForElement(page, contactForm);
    await page.click(`${contactForm} [part=group-choice] input`);
    await page.click(`${contactForm} button[type=submit]`);
    await waitForNone(page, contactForm);
    await waitForCondition(async () => (await rosterSeenBy(device))[jid]?.groups.length === 0);

    await page.click(editButton(jid));
    await waitForElement(page, contactForm);
    await page.click(`${contactForm} button[data-action=remove]`);
    await waitForElement(page, 'natter-app >>> natter-roster >>> [part=confirm] button.danger');
    await page.click('natter-app >>> natter-roster >>> [part=confirm] button.danger');
    await waitForNone(page, p.row(jid));
    expect((await rosterSeenBy(device))[jid]).toBeUndefined();
  });
});

async function clearAndType(page: E2EPage, path: string, text: string): Promise<void> {
  const field = await page.find(path);
  await field.click({ clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type(path, text);
}

async function waitForCondition(check: () => Promise<boolean>, timeout = WAIT_MS): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

const THEMES = [...readFileSync(join(__dirname, '..', '..', 'themes', 'index.css'), 'utf8').matchAll(/natter-([a-z-]+)\.css/g)].map(m => m[1]);

describe('accessibility of the new screens', () => {
  it('has no axe violation with the presence picker, the contact panel or the blocked list open, in every theme', async () => {
    const user = await createAccount('people-axe-user');
    const peer = await connectBot(await createAccount('people-axe-peer'));
    await befriendUser(user, peer, 'Axe Peer');
    const page = await openPage(`
      <link rel="stylesheet" href="/themes/index.css">
      <div id="theme-root" style="background: var(--natter-color-bg, #fff); padding: 8px">
        <natter-session><natter-app style="--natter-app-height: 800px"></natter-app></natter-session>
      </div>`);
    await signIn(page, user);
    const jid = peer.account.jid;
    await waitForText(page, p.rowName(jid), 'Axe Peer');
    const device = await connectBot(user, { resource: 'blocker' });
    await device.iq(xml('iq', { type: 'set', id: 'b1' }, xml('block', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: 'spammer@example.org' }))));
    await page.click(list.toggle);
    await waitForText(page, list.items, 'spammer@example.org');

    // The blocked list stays open on both screens.
    const screens: [string, () => Promise<void>][] = [
      ['presence picker and blocked list', async () => {
        await page.click(picker.toggle);
        await waitForElement(page, picker.panel);
      }],
      ['contact panel and blocked list', async () => {
        await page.keyboard.press('Escape');
        await page.click(editButton(jid));
        await waitForElement(page, contactForm);
      }],
    ];
    const found: string[] = [];
    for (const [screen, open] of screens) {
      await open();
      for (const theme of [null, ...THEMES]) {
        await page.evaluate((name: string | null) => {
          document.getElementById('theme-root')!.className = name ? `natter-theme-${name}` : '';
        }, theme);
        await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        for (const line of await axeViolations(page, '#theme-root')) found.push(`${screen} / ${theme ?? 'default'}: ${line}`);
      }
    }
    expect(found).toEqual([]);
  });
});
