/**
 * The room administration panel (<natter-room-settings>, opened from the chatbox header):
 * against Prosody, the subject set and an invitation sent from the panel reach the bots, and the
 * bot's decline reaches the page and is shown; on the demo network, every panel screen (the
 * sections with a list and a decline, the configuration form with a validation error, the destroy
 * confirmation) has no axe violation in any theme, the focus moves sensibly, and destroying shows
 * the room closed.
 */
import { xml } from '@xmpp/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2EPage } from '@stencil/core/testing';
import { botAdmin, connectBot, createAccount, stopAllBots } from '../prosody';
import {
  TEXT,
  appPaths,
  describeViolations,
  joinRoomByAddress,
  openPage,
  roomWithBots,
  runAxe,
  signedInUser,
  waitForElement,
  waitForNone,
  waitForText,
  waitForTextContaining,
} from './support';

jest.setTimeout(90_000);

const MUC_USER = 'http://jabber.org/protocol/muc#user';
const THEMES = [...readFileSync(join(__dirname, '..', '..', 'themes', 'index.css'), 'utf8').matchAll(/natter-([a-z-]+)\.css/g)].map(m => m[1]);

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

function panelPaths(chatbox: string) {
  const panel = `${chatbox} >>> natter-room-settings`;
  return {
    open: `${chatbox} >>> button[part=settings-button]`,
    panel,
    title: `${panel} >>> [part=title]`,
    status: `${panel} >>> [part=status]`,
    close: `${panel} >>> button[part=close-button]`,
    subject: `${panel} >>> #subject-input`,
    subjectSave: `${panel} >>> #subject-save`,
    inviteJid: `${panel} >>> #invite-jid`,
    inviteReason: `${panel} >>> #invite-reason`,
    inviteSend: `${panel} >>> #invite-send`,
    declines: `${panel} >>> [part=decline] span`,
    addJid: `${panel} >>> #add-jid`,
    addSend: `${panel} >>> #add-send`,
    listItems: `${panel} >>> [part=affiliation-item] bdi`,
    configOpen: `${panel} >>> #config-open`,
    configForm: `${panel} >>> form[part=config-form]`,
    configSave: `${panel} >>> #config-save`,
    configCancel: `${panel} >>> #config-cancel`,
    fieldErrors: `${panel} >>> form[part=config-form] [part=error]`,
    destroyOpen: `${panel} >>> #destroy-open`,
    destroyForm: `${panel} >>> form[part=destroy-form]`,
    destroyReason: `${panel} >>> #destroy-reason`,
    destroyConfirm: `${panel} >>> #destroy-confirm`,
  };
}

/** The id of the element focused inside the panel's shadow root (or the chatbox's), for focus checks. */
async function focusedIn(page: E2EPage, hosts: string[]): Promise<string> {
  return page.evaluate((chain: string[]) => {
    let root: Document | ShadowRoot = document;
    for (const selector of chain) {
      const host = root.querySelector(selector);
      if (!host?.shadowRoot) return '(no host)';
      root = host.shadowRoot;
    }
    const active = root.activeElement as HTMLElement | null;
    return active ? active.id || active.getAttribute('part') || active.tagName : '(none)';
  }, hosts);
}

/** Waits until the focus inside that shadow root is on the element with this id (or part). */
async function waitForFocus(page: E2EPage, hosts: string[], want: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let now = '';
  while (Date.now() < deadline) {
    now = await focusedIn(page, hosts);
    if (now === want) return;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`focus is on ${now}, not ${want}`);
}

afterEach(stopAllBots);

describe('room administration against Prosody', () => {
  it('sets the subject and invites from the panel; the invitee declines and the page shows it', async () => {
    const { user, page, errors } = await signedInUser('roomadmin');
    const { room, occupants } = await roomWithBots('roomadmin', 'Admin room', ['Boss']);
    const boss = occupants[0].bot;
    // The user is made an owner before joining: the panel then offers everything.
    await botAdmin(boss, room, { jid: user.jid, affiliation: 'owner' });
    await joinRoomByAddress(page, room);
    const p = panelPaths(appPaths().chatbox);

    await page.click(p.open);
    await waitForElement(page, p.title);
    await waitForFocus(page, ['natter-app', 'natter-chatbox', 'natter-room-settings'], 'settings-title');

    await page.type(p.subject, 'Release day');
    await page.click(p.subjectSave);
    await boss.waitFor(s => s.is('message') && s.attrs.type === 'groupchat' && s.getChildText('subject') === 'Release day');
    await waitForText(page, p.status, fill(TEXT['roomSettings.subjectSet'], { subject: 'Release day' }));

    const invitee = await connectBot(await createAccount('roomadmin-invitee'));
    await page.type(p.inviteJid, invitee.account.jid);
    await page.type(p.inviteReason, 'Come and see');
    await page.click(p.inviteSend);
    const invitation = await invitee.waitFor(s => s.is('message') && s.attrs.from === room && !!s.getChild('x', MUC_USER)?.getChild('invite'));
    expect(invitation.getChild('x', MUC_USER)!.getChild('invite')!.getChildText('reason')).toBe('Come and see');
    const inviter = invitation.getChild('x', MUC_USER)!.getChild('invite')!.attrs.from as string;
    await invitee.send(xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('decline', { to: inviter }, xml('reason', {}, 'On holiday')))));
    await waitForText(page, p.declines, fill(TEXT['roomSettings.declinedReason'], { jid: invitee.account.jid, reason: 'On holiday' }));

    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

const ROOM = 'admin@rooms.demo.natter.chat';
const ME = 'you@demo.natter.chat';
const SCREEN = `
  <link rel="stylesheet" href="/themes/index.css">
  <style>
    body { margin: 0; }
    #theme-root { background: var(--natter-color-bg, #ffffff); color: var(--natter-color-text, #1f2328); padding: 8px; }
  </style>
  <div id="theme-root">
    <natter-session id="demo" adapter="demo">
      <natter-chatbox conversation="${ROOM}" style="display: block; height: 1400px"></natter-chatbox>
    </natter-session>
  </div>`;

describe('room administration panel on the demo network, in every theme', () => {
  let page: E2EPage;
  const errors: string[] = [];
  const p = panelPaths('#demo > natter-chatbox');

  async function themed(theme: string | null): Promise<void> {
    await page.evaluate((name: string | null) => {
      document.getElementById('theme-root')!.className = name ? `natter-theme-${name}` : '';
    }, theme);
    await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async function axeInEveryTheme(screen: string): Promise<void> {
    for (const theme of [null, ...THEMES]) {
      await themed(theme);
      const report = await runAxe(page, '#theme-root');
      expect({ screen, theme, violations: describeViolations(report.violations) }).toEqual({ screen, theme, violations: [] });
    }
    await themed(null);
  }

  beforeAll(async () => {
    page = await openPage(SCREEN, errors);
    await page.evaluate(
      async (me: string, room: string) => {
        type Host = HTMLElement & { session: any; componentOnReady(): Promise<unknown> };
        const host = document.getElementById('demo') as Host;
        await host.componentOnReady();
        await host.session.actions.login({ jid: me, password: 'demo' });
        // A room the user creates is the user's: the owner's panel, with configuration and destroying.
        await host.session.actions.createRoom(room, { name: 'Admin room' }, 'You');
      },
      ME,
      ROOM,
    );
    await waitForElement(page, p.open);
  });

  afterAll(async () => {
    await page?.close();
  });

  it('the sections, with a members list and a decline: focus on the heading, no axe violation in any theme', async () => {
    await page.click(p.open);
    await waitForElement(page, p.title);
    await waitForFocus(page, ['#demo > natter-chatbox', 'natter-room-settings'], 'settings-title');
    // The demo's Carol is busy: she declines.
    await page.type(p.inviteJid, 'carol@demo.natter.chat');
    await page.click(p.inviteSend);
    await waitForText(page, p.declines, fill(TEXT['roomSettings.declinedReason'], { jid: 'carol@demo.natter.chat', reason: 'Busy right now, maybe later' }));
    // Members only takes whom an admin adds: add one, see them listed.
    await page.type(p.addJid, 'dmitri@demo.natter.chat');
    await page.click(p.addSend);
    await waitForText(page, p.listItems, 'dmitri@demo.natter.chat');
    await axeInEveryTheme('sections');
  });

  it('the configuration form with a validation error and the destroy confirmation: no axe violation in any theme', async () => {
    await page.click(p.configOpen);
    await waitForElement(page, p.configForm);
    // The required name emptied: the form says so and is not sent.
    await page.evaluate((path: string) => {
      const deep = (window as unknown as { __natterDeep: (p: string) => HTMLInputElement[] }).__natterDeep;
      const name = deep(path).find(input => input.type === 'text' && input.value === 'Admin room')!;
      name.value = '';
      name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }, `${p.configForm} input`);
    await page.click(p.configSave);
    await waitForText(page, p.fieldErrors, TEXT['roomSettings.fieldRequired']);
    await waitForText(page, p.status, fill(TEXT['roomSettings.configInvalid.one'], { count: '1' }));
    await page.click(p.destroyOpen);
    await waitForElement(page, p.destroyForm);
    await axeInEveryTheme('configuration and destroy');

    // Cancel closes the form; the focus goes back to its button.
    await page.click(p.configCancel);
    await waitForNone(page, p.configForm);
    await waitForText(page, p.status, TEXT['roomSettings.configCancelled']);
    await waitForFocus(page, ['#demo > natter-chatbox', 'natter-room-settings'], 'config-open');
  });

  it('Escape closes the destroy confirmation, then the panel, and the focus returns to the settings button; destroying shows the room closed', async () => {
    await page.evaluate((path: string) => {
      const deep = (window as unknown as { __natterDeep: (p: string) => HTMLElement[] }).__natterDeep;
      deep(path)[0].focus();
    }, p.title);
    // The first Escape closes the open destroy confirmation, the second the panel.
    await page.keyboard.press('Escape');
    await waitForNone(page, p.destroyForm);
    await waitForElement(page, p.panel);
    await page.keyboard.press('Escape');
    await waitForNone(page, p.panel);
    await waitForFocus(page, ['#demo > natter-chatbox'], 'settings-button');

    await page.click(p.open);
    await waitForElement(page, p.destroyOpen);
    await page.click(p.destroyOpen);
    await waitForElement(page, p.destroyReason);
    await page.type(p.destroyReason, 'Done here');
    await page.click(p.destroyConfirm);
    await waitForTextContaining(page, `#demo > natter-chatbox >>> [part=room-status]`, TEXT['room.left.destroyed']);
    expect(errors).toEqual([]);
  });
});
