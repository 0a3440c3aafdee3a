/**
 * Notifications in <natter-app notifications title-unread> against Prosody: the browser is asked
 * only when the user clicks "Turn on notifications"; once allowed, a bot's message to the hidden
 * page becomes a system notification (recorded by a wrapper around the page's real Notification),
 * grouped per conversation, and clicking it opens that chat; a room message notifies only when it
 * mentions the user; the document title carries the unread count until it is read.
 */
import type { E2EPage } from '@stencil/core/testing';
import { connectBot, createAccount, stopAllBots } from '../prosody';
import { NICK, TEXT, appPaths, axeViolations, befriendUser, joinRoomByAddress, openPage, roomWithBots, say, signIn, waitForHistory, waitForNone, waitForText, WAIT_MS } from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const p = appPaths();
const APP_NOTIFYING = '<natter-session><natter-app notifications title-unread></natter-app></natter-session>';
const TITLE = 'Team site';
const button = `${p.app} >>> [part=notifications-button]`;
const blocked = `${p.app} >>> [part=notifications-status]`;

interface Shown {
  title: string;
  body?: string;
  tag?: string;
}

/**
 * Before the page's scripts: the page's real Notification wrapped to record each one made (after
 * the real constructor accepted it), each close, and each request for permission.
 */
function recordNotifications(): void {
  type Record = { asked: number; closed: number; shown: Shown[]; instances: Notification[] };
  const record: Record = { asked: 0, closed: 0, shown: [], instances: [] };
  (window as unknown as { __notifications: Record }).__notifications = record;
  const Real = window.Notification;
  class Recording extends Real {
    static requestPermission(...args: Parameters<typeof Notification.requestPermission>) {
      record.asked++;
      return Real.requestPermission(...args);
    }
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      record.shown.push({ title, body: options?.body, tag: options?.tag });
      record.instances.push(this);
    }
    close() {
      record.closed++;
      super.close();
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  window.Notification = Recording;
}

async function notifyingPage(errors: string[]): Promise<E2EPage> {
  const page = await openPage(APP_NOTIFYING, errors, page => page.evaluateOnNewDocument(recordNotifications));
  await page.evaluate((title: string) => (document.title = title), TITLE);
  return page;
}

async function recorded(page: E2EPage): Promise<{ asked: number; closed: number; shown: Shown[]; permission: string }> {
  return page.evaluate(() => {
    const { asked, closed, shown } = (window as unknown as { __notifications: { asked: number; closed: number; shown: Shown[] } }).__notifications;
    return { asked, closed, shown, permission: Notification.permission };
  });
}

/** Waits until `count` notifications were made; returns them. */
async function waitForNotifications(page: E2EPage, count: number): Promise<Shown[]> {
  try {
    await page.waitForFunction((n: number) => (window as unknown as { __notifications: { shown: unknown[] } }).__notifications.shown.length >= n, { polling: 50, timeout: WAIT_MS }, count);
  } catch (error) {
    throw new Error(`Waited for ${count} notification(s); made: ${JSON.stringify((await recorded(page)).shown)} (${(error as Error).message})`);
  }
  return (await recorded(page)).shown;
}

/** The page as in a background tab (a headless page is always visible): what the browser reports and the event it fires. */
async function setHidden(page: E2EPage, hidden: boolean): Promise<void> {
  await page.evaluate((hide: boolean) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hide ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hide });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** The browser context whose permissions a test changed (the other test files' pages share it). */
let changedContext: ReturnType<E2EPage['browserContext']> | null = null;

async function allowNotifications(page: E2EPage): Promise<void> {
  changedContext = page.browserContext();
  await changedContext.overridePermissions(new URL(page.url()).origin, ['notifications']);
}

async function waitForTitle(page: E2EPage, title: string): Promise<void> {
  try {
    await page.waitForFunction((want: string) => document.title === want, { polling: 50, timeout: WAIT_MS }, title);
  } catch (error) {
    throw new Error(`Waited for the document title ${JSON.stringify(title)}; it is ${JSON.stringify(await page.title())} (${(error as Error).message})`);
  }
}

afterEach(async () => {
  await stopAllBots();
});

describe('notifications', () => {
  // First in the file: headless Chromium answers a request itself (no), and remembers it for the origin.
  it('asks the browser only when the user clicks "Turn on notifications", and says when it is blocked', async () => {
    const user = await createAccount('notify-ask-user');
    const errors: string[] = [];
    const page = await notifyingPage(errors);
    await signIn(page, user);
    await waitForText(page, button, TEXT['notifications.turnOn']);
    // Loading and signing in asked nothing.
    expect(await recorded(page)).toMatchObject({ asked: 0, permission: 'default' });
    expect(await axeViolations(page, 'natter-app')).toEqual([]);

    await page.click(button);
    await waitForText(page, blocked, TEXT['notifications.blocked']);
    expect(await recorded(page)).toMatchObject({ asked: 1, permission: 'denied' });
    await waitForNone(page, button);
    expect(await axeViolations(page, 'natter-app')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('notifies a contact’s messages to the hidden page in one notification per chat, counts them in the title, and opens the chat when clicked', async () => {
    const user = await createAccount('notify-chat-user');
    const peer = await connectBot(await createAccount('notify-chat-peer'));
    await befriendUser(user, peer, 'Peer Noor');
    const errors: string[] = [];
    const page = await notifyingPage(errors);
    await allowNotifications(page);
    await signIn(page, user);
    await waitForText(page, p.rowName(peer.account.jid), 'Peer Noor');
    // Allowed already: nothing to turn on, nothing asked.
    expect(await recorded(page)).toMatchObject({ asked: 0, permission: 'granted', shown: [] });
    expect(await page.title()).toBe(TITLE);

    // While the page is visible a message is shown in the page, not notified; it counts as unread.
    await peer.sendMessage(user.jid, 'seen in the page');
    await waitForText(page, p.rowUnread(peer.account.jid), '1');
    await waitForTitle(page, `(1) ${TITLE}`);
    expect((await recorded(page)).shown).toEqual([]);

    await setHidden(page, true);
    await peer.sendMessage(user.jid, 'Dinner at <b>eight</b>?\nBring the *map*.');
    const [first] = await waitForNotifications(page, 1);
    expect(first.title).toBe('Peer Noor');
    expect(first.body).toBe('Dinner at <b>eight</b>? Bring the *map*.');
    expect(first.tag).toBe(`natter:${user.jid}:${peer.account.jid}`);
    await waitForTitle(page, `(2) ${TITLE}`);

    // A long message: one notification for the chat (the same tag), its text cut to 200 characters.
    await peer.sendMessage(user.jid, 'long '.repeat(100));
    const shown = await waitForNotifications(page, 2);
    expect(shown).toHaveLength(2);
    expect(shown[1].title).toBe('Peer Noor (2 new messages)');
    expect(shown[1].tag).toBe(first.tag);
    expect(Array.from(shown[1].body!)).toHaveLength(201);
    expect(shown[1].body!.endsWith('…')).toBe(true);
    await waitForTitle(page, `(3) ${TITLE}`);

    // The user clicks the notification: the app opens the chat, which reads it, and the title is the page's again.
    await page.evaluate(() => {
      const { instances } = (window as unknown as { __notifications: { instances: Notification[] } }).__notifications;
      instances[instances.length - 1].dispatchEvent(new Event('click'));
    });
    await waitForText(page, p.chatTitle, 'Peer Noor');
    await waitForText(page, p.incomingMessageBodies, 'seen in the page');
    await waitForTitle(page, TITLE);
    expect((await recorded(page)).closed).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });

  it('notifies a room message only when it mentions the user', async () => {
    const { room, occupants } = await roomWithBots('notify-room', 'Notify Room', ['Ada']);
    const [ada] = occupants;
    const user = await createAccount('notify-room-user');
    const errors: string[] = [];
    const page = await notifyingPage(errors);
    await allowNotifications(page);
    await signIn(page, user);
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);

    await setHidden(page, true);
    await say(ada.bot, room, 'Ada', 'lunch is served');
    await say(ada.bot, room, 'Ada', `${NICK}: your table is ready`);
    const shown = await waitForNotifications(page, 1);
    // Both reached the page in order; only the mention was notified.
    await waitForText(page, p.messageBodies, `${NICK}: your table is ready`);
    expect((await recorded(page)).shown).toEqual([{ title: 'Ada in Notify Room', body: `${NICK}: your table is ready`, tag: `natter:${user.jid}:${room}` }]);
    expect(shown).toHaveLength(1);

    // Back on the page: what was notified is closed.
    await setHidden(page, false);
    await page.waitForFunction(() => (window as unknown as { __notifications: { closed: number } }).__notifications.closed >= 1, { polling: 50, timeout: WAIT_MS });
    expect(errors).toEqual([]);
  });
});

afterAll(async () => {
  await changedContext?.clearPermissionOverrides();
});
