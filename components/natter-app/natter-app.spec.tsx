import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { createSession } from '../../session/session';
import { NatterApp, type NatterAppLayout } from './natter-app';
import type { Session } from '../../session/session';
type SpecPage = Awaited<ReturnType<typeof newSpecPage>>;
import { NatterLogin } from '../natter-login/natter-login';
import { NatterRoster } from '../natter-roster/natter-roster';
import { NatterChatbox } from '../natter-chatbox/natter-chatbox';
import { NatterComposer } from '../natter-composer/natter-composer';
import { NatterMessage } from '../natter-message/natter-message';
import { DEMO_USER } from '../shared/demo-session';
import { settle } from '../shared/spec-helpers';

async function app(layout: NatterAppLayout = 'embedded') {
  const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0, ambient: false, replies: false }) });
  const page = await newSpecPage({
    components: [NatterApp, NatterLogin, NatterRoster, NatterChatbox, NatterComposer, NatterMessage],
    template: () => <natter-app session={session} service="wss://chat.example.org/ws" layout={layout}></natter-app>,
  });
  return { page, session, shadow: page.root!.shadowRoot! };
}

async function signIn(session: Session, page: SpecPage) {
  await session.actions.login({ jid: DEMO_USER, password: 'x' });
  session.flush();
  await page.waitForChanges();
}

const ALICE = 'alice@demo.natter.chat';
const BOB = 'bob@demo.natter.chat';

describe('natter-app', () => {
  it('shows the sign-in form until online, prefilled with its service', async () => {
    const { shadow } = await app();
    const login = shadow.querySelector('natter-login') as HTMLElement & { service?: string };
    expect(login).not.toBeNull();
    expect(login.service).toBe('wss://chat.example.org/ws');
    expect(shadow.querySelector('natter-roster')).toBeNull();
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Offline');
  });

  it('shows roster beside chatbox once signed in, and keeps them while reconnecting', async () => {
    const { page, session, shadow } = await app();
    await session.actions.login({ jid: DEMO_USER, password: 'x' });
    await page.waitForChanges();
    expect(shadow.querySelector('natter-login')).toBeNull();
    expect(shadow.querySelector('[part="sidebar"] natter-roster')).not.toBeNull();
    expect(shadow.querySelector('[part="main"] natter-chatbox')).not.toBeNull();
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Online');
    session.dispatch({ type: 'connection', status: 'reconnecting' });
    await page.waitForChanges();
    expect(shadow.querySelector('natter-roster')).not.toBeNull();
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Connection lost, reconnecting…');
  });

  it('switches to the chat on narrow screens when a contact is chosen, and back', async () => {
    const { page, session, shadow } = await app();
    await session.actions.login({ jid: DEMO_USER, password: 'x' });
    await page.waitForChanges();
    const base = shadow.querySelector('[part="base"]')!;
    expect(base.classList.contains('show-chat')).toBe(false);
    shadow.querySelector('natter-roster')!.dispatchEvent(new CustomEvent('natterRosterSelect', { detail: { jid: 'alice@demo.natter.chat' } }));
    await page.waitForChanges();
    expect(base.classList.contains('show-chat')).toBe(true);
    (shadow.querySelector('.back') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(base.classList.contains('show-chat')).toBe(false);
  });

  it('shows one column in the mobile layout whatever its width, and changes layout without a reload', async () => {
    const { page, session, shadow } = await app('mobile');
    await signIn(session, page);
    const base = () => shadow.querySelector('[part="base"]')!;
    expect(page.root!.getAttribute('layout')).toBe('mobile');
    expect(base().classList.contains('single')).toBe(true);
    page.root!.layout = 'fullscreen';
    await page.waitForChanges();
    expect(page.root!.getAttribute('layout')).toBe('fullscreen');
    expect(base().classList.contains('single')).toBe(false);
    expect(shadow.querySelector('[part="sidebar"] natter-roster')).not.toBeNull();
  });

  describe('overlay layout', () => {
    it('signs in from the launcher, then docks a chat box for each conversation opened', async () => {
      const { page, session, shadow } = await app('overlay');
      const launcherToggle = () => shadow.querySelector('[part="launcher"] [part="dock-toggle"]') as HTMLButtonElement;
      expect(launcherToggle().getAttribute('aria-expanded')).toBe('false');
      expect(shadow.querySelector('natter-login')).toBeNull();
      launcherToggle().click();
      await page.waitForChanges();
      expect(shadow.querySelector('[part="launcher"] natter-login')).not.toBeNull();
      await signIn(session, page);
      expect(shadow.querySelector('[part="launcher"] natter-roster')).not.toBeNull();
      session.actions.openConversation(ALICE);
      await page.waitForChanges();
      const panels = () => Array.from(shadow.querySelectorAll('[part="dock-panel"]'));
      expect(panels().map(panel => panel.querySelector('natter-chatbox')!.getAttribute('conversation') ?? (panel.querySelector('natter-chatbox') as HTMLNatterChatboxElement).conversation)).toEqual([ALICE]);
      expect(panels()[0].getAttribute('aria-label')).toBe('Alice Martin');
    });

    it('minimizes, restores and closes a docked chat box, and keeps at most three', async () => {
      const { page, session, shadow } = await app('overlay');
      await signIn(session, page);
      for (const jid of [ALICE, BOB, 'carol@demo.natter.chat', 'dave@demo.natter.chat']) session.actions.openConversation(jid);
      await page.waitForChanges();
      const panels = () => Array.from(shadow.querySelectorAll('[part="dock-panel"]'));
      expect(panels()).toHaveLength(3);
      expect(panels()[0].getAttribute('aria-label')).not.toBe('Alice Martin');
      const first = panels()[0];
      const toggle = first.querySelector('[part="dock-toggle"]') as HTMLButtonElement;
      toggle.click();
      await page.waitForChanges();
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(first.querySelector('natter-chatbox')).toBeNull();
      toggle.click();
      await page.waitForChanges();
      expect(first.querySelector('natter-chatbox')).not.toBeNull();
      // A restored chat box is the active conversation again; closing it leaves none active.
      expect(session.conversations.get('active')).toBe(BOB);
      const close = first.querySelector('[part="dock-close"]') as HTMLButtonElement;
      expect(close.getAttribute('aria-label')).toMatch(/^Close the chat with /);
      close.click();
      await page.waitForChanges();
      expect(panels()).toHaveLength(2);
      expect(session.conversations.get('active')).toBeNull();
    });

    it('follows a session given later', async () => {
      const { page, shadow } = await app('overlay');
      const other = createSession({ adapter: createDemoAdapter({ latencyMs: 0, ambient: false, replies: false }) });
      page.root!.session = other;
      await page.waitForChanges();
      await signIn(other, page);
      other.actions.openConversation(ALICE);
      await page.waitForChanges();
      expect(shadow.querySelectorAll('[part="dock-panel"]')).toHaveLength(1);
    });

    it('docks the active conversation when the layout changes to overlay', async () => {
      const { page, session, shadow } = await app('embedded');
      await signIn(session, page);
      session.actions.openConversation(BOB);
      await page.waitForChanges();
      page.root!.layout = 'overlay';
      await page.waitForChanges();
      expect(shadow.querySelectorAll('[part="dock-panel"]')).toHaveLength(1);
      expect(shadow.querySelector('[part="dock-panel"]')!.getAttribute('aria-label')).toBe('Bob Okafor');
    });
  });

  describe('deep links', () => {
    afterEach(() => {
      window.location.hash = '';
    });

    it('opens the chat of a #natter/chat link once signed in', async () => {
      const { page, session } = await app();
      window.location.hash = '#natter/chat?jid=bob@demo.natter.chat';
      window.dispatchEvent(new Event('hashchange'));
      await page.waitForChanges();
      expect(session.conversations.get('active')).toBeNull();
      await signIn(session, page);
      expect(session.conversations.get('active')).toBe(BOB);
    });

    it('asks before joining the room of a #natter/room link, then joins and opens it', async () => {
      const { page, session, shadow } = await app();
      await signIn(session, page);
      const lounge = 'lounge@conference.demo.natter.chat';
      window.location.hash = `#natter/room?jid=${lounge}`;
      window.dispatchEvent(new Event('hashchange'));
      await page.waitForChanges();
      session.flush();
      // Nothing joined yet: the link only asks.
      expect(session.conversation(lounge).get('room')).toBeNull();
      const prompt = shadow.querySelector('[part="room-prompt"]')!;
      expect(prompt.textContent).toContain(`join the room ${lounge}`);
      (shadow.querySelector('[part="room-prompt-join"]') as HTMLButtonElement).click();
      await page.waitForChanges();
      session.flush();
      expect(session.conversations.get('active')).toBe(lounge);
      expect(session.conversation(lounge).get('room')).toBeTruthy();
      expect(shadow.querySelector('[part="room-prompt"]')).toBeNull();
    });

    it('joins nothing when the user declines a room link', async () => {
      const { page, session, shadow } = await app();
      await signIn(session, page);
      window.location.hash = '#natter/room?jid=lounge@conference.demo.natter.chat';
      window.dispatchEvent(new Event('hashchange'));
      await page.waitForChanges();
      (shadow.querySelector('[part="room-prompt-cancel"]') as HTMLButtonElement).click();
      await page.waitForChanges();
      session.flush();
      expect(shadow.querySelector('[part="room-prompt"]')).toBeNull();
      expect(session.conversation('lounge@conference.demo.natter.chat').get('room')).toBeNull();
      expect(session.conversations.get('active')).toBeNull();
    });

    it('ignores a link that is no Natter link or has no valid JID, and links when told not to follow them', async () => {
      const { page, session } = await app();
      window.location.hash = '#natter/chat?jid=not-a-jid';
      window.dispatchEvent(new Event('hashchange'));
      await signIn(session, page);
      expect(session.conversations.get('active')).toBeNull();
      page.root!.deepLinks = false;
      window.location.hash = '#natter/chat?jid=bob@demo.natter.chat';
      window.dispatchEvent(new Event('hashchange'));
      await page.waitForChanges();
      expect(session.conversations.get('active')).toBeNull();
    });
  });

  describe('notifications', () => {
    /** A Notification API in the page that records what it showed and how often it asked. */
    function installNotifications(permission: NotificationPermission, answer: NotificationPermission) {
      const record = { asked: 0, shown: [] as { title: string; options?: NotificationOptions; onclick: ((event: Event) => unknown) | null; closed: boolean }[] };
      class FakeNotification {
        static permission = permission;
        static async requestPermission() {
          record.asked++;
          FakeNotification.permission = answer;
          return answer;
        }
        onclick: ((event: Event) => unknown) | null = null;
        closed = false;
        constructor(
          readonly title: string,
          readonly options?: NotificationOptions,
        ) {
          record.shown.push(this);
        }
        close() {
          this.closed = true;
        }
      }
      (globalThis as { Notification?: unknown }).Notification = FakeNotification;
      return record;
    }

    async function appWith(attributes: { notifications?: boolean; titleUnread?: boolean }) {
      const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0, ambient: false, replies: false }) });
      const page = await newSpecPage({
        components: [NatterApp, NatterLogin, NatterRoster, NatterChatbox, NatterComposer, NatterMessage],
        template: () => <natter-app session={session} notifications={attributes.notifications} titleUnread={attributes.titleUnread}></natter-app>,
      });
      return { page, session, shadow: page.root!.shadowRoot! };
    }

    const hide = (page: SpecPage) => Object.defineProperty(page.doc, 'visibilityState', { configurable: true, get: () => 'hidden' });
    const fromAlice = (session: Session, id: string, body: string) => {
      (session.adapter as unknown as { emit(event: object): void }).emit({
        type: 'message',
        message: { id, conversation: ALICE, from: ALICE, direction: 'in', body, timestamp: Date.now(), status: 'received' },
      });
      session.flush();
    };

    afterEach(() => {
      delete (globalThis as { Notification?: unknown }).Notification;
    });

    it('offers "Turn on notifications" without asking; the browser asks only when it is clicked', async () => {
      const record = installNotifications('default', 'granted');
      const { page, session, shadow } = await appWith({ notifications: true });
      await signIn(session, page);
      const button = () => shadow.querySelector('[part="notifications-button"]') as HTMLButtonElement | null;
      expect(button()?.textContent).toBe('Turn on notifications');
      expect(button()?.getAttribute('type')).toBe('button');
      expect(record.asked).toBe(0);
      button()!.click();
      await settle(page);
      expect(record.asked).toBe(1);
      expect(button()).toBeNull();
      expect(shadow.querySelector('[part="notifications-status"]')).toBeNull();
    });

    it('says so when the user blocks them', async () => {
      const record = installNotifications('default', 'denied');
      const { page, shadow } = await appWith({ notifications: true });
      (shadow.querySelector('[part="notifications-button"]') as HTMLButtonElement).click();
      await settle(page);
      expect(record.asked).toBe(1);
      expect(shadow.querySelector('[part="notifications-button"]')).toBeNull();
      const status = shadow.querySelector('[part="notifications-status"]')!;
      expect(status.getAttribute('role')).toBe('status');
      expect(status.textContent).toBe('Notifications are blocked in this browser’s settings.');
    });

    it('offers nothing unless `notifications` is set', async () => {
      installNotifications('default', 'granted');
      const { page, session, shadow } = await appWith({});
      await signIn(session, page);
      expect(shadow.querySelector('[part="notifications-button"]')).toBeNull();
    });

    it('notifies a contact message by the roster name while hidden; clicking opens that chat', async () => {
      const record = installNotifications('granted', 'granted');
      const { page, session, shadow } = await appWith({ notifications: true });
      await signIn(session, page);
      hide(page);
      fromAlice(session, 'n1', 'Are you free later?');
      expect(record.shown.map(n => [n.title, n.options?.body])).toEqual([['Alice Martin', 'Are you free later?']]);
      record.shown[0].onclick!(new Event('click'));
      await page.waitForChanges();
      expect(session.conversations.get('active')).toBe(ALICE);
      expect(shadow.querySelector('[part="base"]')!.classList.contains('show-chat')).toBe(true);
      expect(record.shown[0].closed).toBe(true);
    });

    it('emits natterAppUnreadChange with the total and the mentions', async () => {
      const { page, session } = await appWith({});
      await signIn(session, page);
      const details: unknown[] = [];
      page.root!.addEventListener('natterAppUnreadChange', event => details.push((event as CustomEvent).detail));
      fromAlice(session, 'u1', 'one');
      fromAlice(session, 'u2', 'two');
      session.actions.openConversation(ALICE);
      expect(details).toEqual([
        { total: 1, mentions: 0 },
        { total: 2, mentions: 0 },
        { total: 0, mentions: 0 },
      ]);
    });

    it('puts the unread total in the document title with `title-unread`, and restores it when removed', async () => {
      const { page, session } = await appWith({ titleUnread: true });
      page.doc.title = 'Team site';
      await signIn(session, page);
      fromAlice(session, 't1', 'one');
      expect(page.doc.title).toBe('(1) Team site');
      page.root!.titleUnread = false;
      await page.waitForChanges();
      expect(page.doc.title).toBe('Team site');
      page.root!.titleUnread = true;
      await page.waitForChanges();
      expect(page.doc.title).toBe('(1) Team site');
      page.root!.remove();
      await page.waitForChanges();
      expect(page.doc.title).toBe('Team site');
    });
  });
});
