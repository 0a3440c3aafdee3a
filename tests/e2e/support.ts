/**
 * Shared steps of the end-to-end suite: pages with Natter components in headless Chromium, the
 * user acting through the components only (typing, clicking, Enter), and peers as @xmpp/client
 * bots in Node (tests/prosody.ts).
 *
 * Selectors are paths through shadow roots: `natter-app >>> natter-roster >>> button.item`. In
 * puppeteer calls (`page.click`, `page.type`) `>>>` is puppeteer's deep combinator; in the
 * waiting helpers below it is evaluated in the page by `window.__natterDeep`, with the same
 * meaning (each part is looked up in the light and shadow trees under the previous match).
 */
import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import * as net from 'node:net';
import { xml } from '@xmpp/client';
import { englishMessages } from '../../i18n/catalogue';
import { bareJid, botJoinRoom, connectBot, createAccount, prosody, roomJid, type Account, type Bot, type Stanza } from '../prosody';

/** The texts a user reads, from the same catalogue the components use. */
export const TEXT = englishMessages;

/** The page most tests open: one account in `<natter-app>`. */
export const APP = '<natter-session><natter-app></natter-app></natter-session>';

/** The nick the page user joins rooms under. */
export const NICK = 'Robin';

/** How long a condition may take to become true in the page (login, a stanza round trip). */
export const WAIT_MS = 10_000;

/**
 * A page with `html`, wide enough for the roster beside the chatbox, with the deep query helper
 * installed. Uncaught page errors are pushed to `errors`. `beforeContent` runs on the empty page
 * (to listen to its requests from the first one, or to add a script that runs before the page's own).
 */
export async function openPage(html: string, errors: string[] = [], beforeContent?: (page: E2EPage) => void | Promise<void>): Promise<E2EPage> {
  const page = await newE2EPage();
  await keepFocused(page);
  page.on('pageerror', (err: unknown) => errors.push(err instanceof Error ? err.message : String(err)));
  await beforeContent?.(page);
  await page.setViewport({ width: 1280, height: 900 });
  await page.setContent(html);
  await page.waitForChanges();
  await installDeep(page);
  return page;
}

/**
 * Makes the page behave as the focused window although the test workers' pages share one browser:
 * otherwise only the page in front has focus, and in the others `:focus`/`:focus-visible` do not
 * match and keys reach no focused control (focus rings "missing", a file picker that never opens).
 */
export async function keepFocused(page: E2EPage): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
}

/** Defines `window.__natterDeep(path)`: every element matching a `a >>> b >>> c` path across shadow roots. */
export async function installDeep(page: E2EPage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __natterDeep?: (path: string) => Element[] };
    if (w.__natterDeep) return;
    const collect = (root: ParentNode, selector: string, out: Element[]) => {
      root.querySelectorAll(selector).forEach(el => out.push(el));
      root.querySelectorAll('*').forEach(el => {
        if (el.shadowRoot) collect(el.shadowRoot, selector, out);
      });
    };
    w.__natterDeep = (path: string) => {
      let scopes: ParentNode[] = [document];
      let found: Element[] = [];
      const parts = path.split('>>>').map(part => part.trim());
      for (const part of parts) {
        const hits: Element[] = [];
        for (const scope of scopes) collect(scope, part, hits);
        found = Array.from(new Set(hits));
        scopes = [];
        for (const el of found) {
          scopes.push(el);
          if (el.shadowRoot) scopes.push(el.shadowRoot);
        }
      }
      return found;
    };
  });
}

/** Trimmed, whitespace-collapsed text of every element matching `path`, right now. */
export async function texts(page: E2EPage, path: string): Promise<string[]> {
  return page.evaluate(
    (p: string) =>
      (window as unknown as { __natterDeep: (path: string) => Element[] })
        .__natterDeep(p)
        .map(el => (el.textContent ?? '').replace(/\s+/g, ' ').trim()),
    path,
  );
}

/**
 * Waits until the texts of the elements matching `path` satisfy `check` (polled in the page).
 * `check` runs in the page: it gets the texts and `arg`. On timeout the error shows what was there.
 */
async function waitForTexts<A>(
  page: E2EPage,
  path: string,
  check: (found: string[], arg: A) => boolean,
  arg: A,
  what: string,
  timeout = WAIT_MS,
): Promise<string[]> {
  try {
    await page.waitForFunction(
      (p: string, checkSource: string, a: unknown) => {
        const found = (window as unknown as { __natterDeep: (path: string) => Element[] })
          .__natterDeep(p)
          .map(el => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
        // eslint-disable-next-line no-new-func
        return (new Function(`return (${checkSource})`)() as (f: string[], a: unknown) => boolean)(found, a);
      },
      { polling: 50, timeout },
      path,
      check.toString(),
      arg,
    );
  } catch (err) {
    const now = await texts(page, path).catch(() => ['(page gone)']);
    throw new Error(`Waited ${timeout} ms for ${what} at "${path}"; found ${JSON.stringify(now)}. (${(err as Error).message})`);
  }
  return texts(page, path);
}

/** Waits until some element at `path` has exactly the text `expected`. */
export function waitForText(page: E2EPage, path: string, expected: string, timeout?: number): Promise<string[]> {
  return waitForTexts(page, path, (found, want) => found.includes(want), expected, `the text ${JSON.stringify(expected)}`, timeout);
}

/** Waits until some element at `path` contains `expected`. */
export function waitForTextContaining(page: E2EPage, path: string, expected: string, timeout?: number): Promise<string[]> {
  return waitForTexts(page, path, (found, want) => found.some(t => t.includes(want)), expected, `a text containing ${JSON.stringify(expected)}`, timeout);
}

/**
 * Waits until the server has confirmed every own message on screen (none says "Sending"): a
 * message is "Sent" on the server's stream management ack, a moment after the peer may have it.
 */
export function waitForConfirmed(page: E2EPage, app = 'natter-app'): Promise<string[]> {
  return waitForTexts(page, appPaths(app).messageStatuses, (found, sending) => found.every(t => !t.includes(sending)), TEXT['message.status.pending'], 'no message still sending');
}

/** Waits until at least `count` elements match `path`. */
export function waitForCount(page: E2EPage, path: string, count: number, timeout?: number): Promise<string[]> {
  return waitForTexts(page, path, (found, n) => found.length >= n, count, `${count} element(s)`, timeout);
}

/**
 * Waits until an element matches `path`. (Not puppeteer's `waitForSelector`: without `visible`
 * it re-checks only on DOM mutations of the document, which do not include changes inside shadow
 * roots, so it can miss an element rendered later inside a component.)
 */
export async function waitForElement(page: E2EPage, path: string, timeout = WAIT_MS): Promise<void> {
  await waitForTexts(page, path, found => found.length > 0, null, 'an element', timeout);
}

/** Waits until no element matches `path`. */
export async function waitForNone(page: E2EPage, path: string, timeout = WAIT_MS): Promise<void> {
  await waitForTexts(page, path, found => found.length === 0, null, 'no element', timeout);
}

// ------------------------------------------------------------------ selectors

/** Paths inside one `<natter-app>` (`app` is a CSS selector of the app element in the document). */
export function appPaths(app = 'natter-app') {
  const login = `${app} >>> natter-login`;
  const roster = `${app} >>> natter-roster`;
  const chatbox = `${app} >>> natter-chatbox`;
  const row = (jid: string) => `${roster} >>> button.item[data-jid="${jid}"]`;
  return {
    app,
    /** The app header's connection state ("Online", "Offline", "Not connected", …). */
    status: `${app} >>> header > p[part=status]`,
    login,
    loginInput: (name: 'jid' | 'password' | 'service' | 'remember') => `${login} >>> input[name=${name}]`,
    loginSettings: `${login} >>> summary[part=settings-toggle]`,
    loginSubmit: `${login} >>> button[part=submit-button]`,
    loginAlert: `${login} >>> [role=alert]`,
    roster,
    rosterNotice: `${roster} >>> [part=empty]`,
    rows: `${roster} >>> button.item`,
    row,
    rowName: (jid: string) => `${row(jid)} [part=name]`,
    rowPresence: (jid: string) => `${row(jid)} .presence-text`,
    rowUnread: (jid: string) => `${row(jid)} [part=unread] [aria-hidden=true]`,
    request: `${roster} >>> [part=request]`,
    acceptButton: `${roster} >>> [part=request] button[part=accept-button]`,
    denyButton: `${roster} >>> [part=request] button[part=deny-button]`,
    chatbox,
    chatTitle: `${chatbox} >>> [part=title]`,
    messages: `${chatbox} >>> natter-message`,
    messageBodies: `${chatbox} >>> natter-message >>> [part=body]`,
    ownMessageBodies: `${chatbox} >>> natter-message >>> .own [part=body]`,
    incomingMessageBodies: `${chatbox} >>> natter-message >>> .message:not(.own) [part=body]`,
    messageStatuses: `${chatbox} >>> natter-message >>> [part=status]`,
    composer: `${chatbox} >>> natter-composer >>> textarea[part=input]`,
    occupantCount: `${chatbox} >>> [part=occupant-count]`,
  };
}

/** Paths of `<natter-room-list>` inside one `<natter-app>`: joining a room by its address, the room's row. */
export function roomListPaths(app = 'natter-app') {
  const roomList = `${app} >>> natter-room-list`;
  const row = (room: string) => `${roomList} >>> button[part=item][data-room="${room}"]`;
  return {
    joinButton: `${roomList} >>> button[part=join-button]`,
    joinAddress: `${roomList} >>> #join-address`,
    joinNick: `${roomList} >>> #join-nick`,
    row,
    rowStatus: (room: string) => `${row(room)} [part=status]`,
  };
}

// ---------------------------------------------------------------- user steps

/**
 * Sets the form's "Stay signed in". Tests that sign in keep it off unless they test it: the test
 * pages share one browser (its IndexedDB), where a kept login would sign the next test's page in.
 */
export async function setRemember(page: E2EPage, remember: boolean, app?: string): Promise<void> {
  const box = await page.$(appPaths(app).loginInput('remember'));
  if (box && (await box.evaluate(el => (el as HTMLInputElement).checked)) !== remember) await box.click();
}

/**
 * Signs in through `<natter-login>` the way a user does: types the address and password, opens
 * "Advanced connection settings", types the WebSocket URL and clicks Sign in. Does not wait for the outcome.
 * "Stay signed in" is unchecked unless `remember`: the test pages share one browser (its
 * IndexedDB), where a kept login would sign the next test's page in to this account.
 */
export async function submitLogin(
  page: E2EPage,
  account: { jid: string; password: string },
  options: { app?: string; service?: string; remember?: boolean } = {},
): Promise<void> {
  const p = appPaths(options.app);
  await page.type(p.loginInput('jid'), account.jid);
  await page.type(p.loginInput('password'), account.password);
  await setRemember(page, options.remember === true, options.app);
  await page.click(p.loginSettings);
  await waitForElement(page, p.loginInput('service'));
  await page.type(p.loginInput('service'), options.service ?? prosody().wsUrl);
  await page.click(p.loginSubmit);
}

/**
 * Answers the page's requests for `https://<domain>/.well-known/host-meta` (XEP-0156) with an XRD
 * whose WebSocket link is `websocketUrl`, and records their URLs in `asked`. Call it from
 * `openPage`'s `beforeContent`: this handler then runs before the one Stencil's `setContent` adds,
 * which continues every request; a request answered here must not be continued as well, so its
 * `continue` is made a no-op first. Nothing leaves the machine: the request never reaches the network.
 */
export function answerHostMeta(page: E2EPage, domain: string, websocketUrl: string, asked: string[] = []): string[] {
  const url = `https://${domain}/.well-known/host-meta`;
  page.on('request', request => {
    if (request.url() !== url) return;
    asked.push(request.url());
    request.continue = async () => undefined;
    void request.respond({
      status: 200,
      contentType: 'application/xrd+xml',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: `<?xml version="1.0" encoding="utf-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="urn:xmpp:alt-connections:websocket" href="${websocketUrl}"/>\n</XRD>\n`,
    });
  });
  return asked;
}

/** `submitLogin`, then waits until the app shows "Online" and the roster has loaded. */
export async function signIn(page: E2EPage, account: Account, options: { app?: string } = {}): Promise<void> {
  const p = appPaths(options.app);
  await submitLogin(page, account, options);
  await waitForText(page, p.status, TEXT['status.online']);
  await waitForElement(page, p.roster);
}

/** Clicks a contact's row in the roster and waits until the chatbox shows that conversation. */
export async function openConversation(page: E2EPage, jid: string, name: string, options: { app?: string } = {}): Promise<void> {
  const p = appPaths(options.app);
  await waitForElement(page, p.row(jid));
  await page.click(p.row(jid));
  await waitForText(page, p.chatTitle, name);
  await waitForElement(page, p.composer);
}

/**
 * Waits until the archive query that opening a conversation starts has answered (the chatbox's
 * "Loading earlier messages…" is gone). Reads the session of the `<natter-session>` matching
 * `sessionSelector`; fails if the archive answered with an error.
 */
export async function waitForHistory(page: E2EPage, jid: string, sessionSelector = 'natter-session'): Promise<void> {
  const handle = await page.waitForFunction(
    (sel: string, conversation: string) => {
      const host = document.querySelector(sel) as unknown as { session?: { conversation(jid: string): { get(key: 'history'): { status: string; requested: boolean; error?: string } } } };
      const history = host?.session?.conversation(conversation).get('history');
      if (!history || !history.requested || history.status === 'loading') return false;
      return { status: history.status, error: history.error ?? null };
    },
    { polling: 50, timeout: WAIT_MS },
    sessionSelector,
    jid,
  );
  const result = (await handle.jsonValue()) as { status: string; error: string | null };
  if (result.status === 'error') throw new Error(`loading the archive of ${jid} failed: ${result.error}`);
}

/** Types `text` into the open conversation's composer and presses Enter. */
export async function sendFromComposer(page: E2EPage, text: string, options: { app?: string } = {}): Promise<void> {
  const p = appPaths(options.app);
  await page.type(p.composer, text);
  await page.keyboard.press('Enter');
}

/** A fresh user signed in to <natter-app>; `consoleLines` collects the page's console lines. */
export async function signedInUser(prefix: string) {
  const user = await createAccount(`${prefix}-user`);
  const errors: string[] = [];
  const page = await openPage(APP, errors);
  const consoleLines: string[] = [];
  page.on('console', message => consoleLines.push(message.text()));
  await signIn(page, user);
  return { user, page, errors, consoleLines };
}

/** A signed-in page whose user and a peer bot are mutual contacts; the peer is named `peerName` on the user's roster. */
export async function chatSetup(prefix: string, peerName: string) {
  const user = await createAccount(`${prefix}-user`);
  const peer = await connectBot(await createAccount(`${prefix}-peer`));
  await befriendUser(user, peer, peerName);
  const errors: string[] = [];
  const page = await openPage(APP, errors);
  const consoleLines: string[] = [];
  page.on('console', message => consoleLines.push(message.text()));
  await signIn(page, user);
  await waitForText(page, appPaths().rowName(peer.account.jid), peerName);
  return { user, peer, page, errors, consoleLines };
}

/** Opens "Join a room", types the address and the nick, presses Enter. Does not wait for the outcome. */
export async function submitJoin(page: E2EPage, room: string, nick = NICK): Promise<void> {
  const r = roomListPaths();
  await waitForElement(page, r.joinButton);
  await page.click(r.joinButton);
  await waitForElement(page, r.joinAddress);
  await page.type(r.joinAddress, room);
  await page.type(r.joinNick, nick);
  await page.keyboard.press('Enter');
}

/**
 * `submitJoin`, then waits until the room list says Joined with the room as the open one, and the
 * chatbox shows a room (its occupant count) with the composer.
 */
export async function joinRoomByAddress(page: E2EPage, room: string, nick = NICK): Promise<void> {
  await submitJoin(page, room, nick);
  await waitForOpenRoom(page, room);
}

export async function waitForOpenRoom(page: E2EPage, room: string): Promise<void> {
  const p = appPaths();
  const r = roomListPaths();
  await waitForText(page, r.rowStatus(room), TEXT['roomList.status.joined']);
  await waitForElement(page, `${r.row(room)}[aria-current=true]`);
  await waitForElement(page, p.occupantCount);
  await waitForElement(page, p.composer);
}

/** "Sender: body" of every message in the chatbox; a message grouped under the previous one's sender has no sender. */
export async function messageLines(page: E2EPage): Promise<string[]> {
  return page.evaluate((path: string) => {
    const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
    return deep(path).map(el => {
      const root = el.shadowRoot!;
      const text = (part: string) => (root.querySelector(`[part=${part}]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return `${text('sender')}: ${text('body')}`;
    });
  }, appPaths().messages);
}

/** Waits until the page's console has a line containing every one of `parts`. */
export async function waitForConsole(lines: string[], parts: string[], timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = lines.find(line => parts.every(part => line.includes(part)));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no console line with ${JSON.stringify(parts)}; saw:\n${lines.join('\n')}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

// ----------------------------------------------------------------- peer steps

const fromBare = (s: Stanza, jid: string) => typeof s.attrs.from === 'string' && bareJid(s.attrs.from) === jid;
export const isPresence = (type: string | undefined, from: string) => (s: Stanza) =>
  s.is('presence') && s.attrs.type === type && fromBare(s, from);

/** Puts `contact` on `bot`'s roster under `name` (a roster set, RFC 6121 §2.4). */
export async function nameContact(bot: Bot, contact: string, name: string): Promise<void> {
  await bot.iq(xml('iq', { type: 'set', id: `roster-${Date.now()}` }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: contact, name }))));
}

/**
 * Fetches `bot`'s roster. Besides the answer, this makes the bot's resource "interested" in the
 * roster (RFC 6121 §2.1.6): Prosody sends roster pushes and `subscribed` presences only to such
 * resources, like a real client would see them.
 */
export async function fetchRoster(bot: Bot): Promise<Stanza> {
  return bot.iq(xml('iq', { type: 'get', id: `roster-get-${Date.now()}` }, xml('query', { xmlns: 'jabber:iq:roster' })));
}

/**
 * Makes two online bots mutual contacts (subscription "both" on each side), each naming the
 * other as given, the way two users accepting each other's requests would.
 */
export async function befriend(a: Bot, b: Bot, names: { aCallsB?: string; bCallsA?: string } = {}): Promise<void> {
  const aJid = a.account.jid;
  const bJid = b.account.jid;
  await Promise.all([fetchRoster(a), fetchRoster(b)]);
  if (names.aCallsB) await nameContact(a, bJid, names.aCallsB);
  if (names.bCallsA) await nameContact(b, aJid, names.bCallsA);
  await a.subscribe(bJid);
  await b.waitFor(isPresence('subscribe', aJid));
  await b.approve(aJid);
  await a.waitFor(isPresence('subscribed', bJid));
  await b.subscribe(aJid);
  await a.waitFor(isPresence('subscribe', bJid));
  await a.approve(bJid);
  await b.waitFor(isPresence('subscribed', aJid));
}

/**
 * Makes the page user's account and a peer bot mutual contacts before the page signs in: the
 * user's account is logged in once as a bot (another device), does the handshake and leaves.
 */
export async function befriendUser(user: Account, peer: Bot, peerName: string): Promise<void> {
  const device = await connectBot(user, { resource: 'setup' });
  try {
    await befriend(device, peer, { aCallsB: peerName });
  } finally {
    await device.stop();
  }
}

export const isGroupchat = (room: string, nick: string, body: string) => (s: Stanza) =>
  s.is('message') && s.attrs.type === 'groupchat' && s.attrs.from === `${room}/${nick}` && s.getChildText('body') === body;

/** A bot says `body` in the room and waits for the room's reflection (the room has taken it, and archived it). */
export async function say(bot: Bot, room: string, nick: string, body: string): Promise<void> {
  await bot.sendMessage(room, body, 'groupchat');
  await bot.waitFor(isGroupchat(room, nick, body));
}

export interface RoomBot {
  nick: string;
  bot: Bot;
  account: Account;
}

/**
 * A room named `name` created by the first of `nicks` (its owner: it accepts the configuration
 * form, with `config` added), then joined by the other bots in order.
 */
export async function roomWithBots(prefix: string, name: string, nicks: string[], config: Record<string, string> = {}) {
  const room = roomJid(prefix);
  const occupants: RoomBot[] = [];
  for (const [i, nick] of nicks.entries()) {
    const account = await createAccount(`${prefix}-${nick}`);
    const bot = await connectBot(account);
    await botJoinRoom(bot, room, nick, i === 0 ? { config: { 'muc#roomconfig_roomname': name, ...config } } : {});
    occupants.push({ nick, bot, account });
  }
  return { room, occupants };
}

/** A loopback port nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

// ------------------------------------------------------------------- axe-core

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface AxeReport {
  violations: AxeViolation[];
  /** Ids of the rules that passed on at least one node. */
  passes: string[];
}

/** Runs axe-core (all its default rules) on the element matching the document-level `selector`. */
export async function runAxe(page: E2EPage, selector: string): Promise<AxeReport> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core') });
  return page.evaluate(async (sel: string) => {
    const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: AxeViolation[]; passes: { id: string }[] }> } }).axe;
    const target = document.querySelector(sel);
    if (!target) throw new Error(`axe: no element ${sel}`);
    const result = await axe.run(target, { resultTypes: ['violations', 'passes'] });
    return {
      violations: result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(n => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
      passes: result.passes.map(r => r.id),
    };
  }, selector);
}

/** A readable summary of axe violations for a failing expectation. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => JSON.stringify(n.target)).join(', ')}`);
}

/** Waits until `selector` matches inside the shadow root of `host` (puppeteer's waitForSelector does not see shadow-root mutations). */
export async function waitInShadow(page: E2EPage, host: string, selector: string, present = true): Promise<void> {
  await page.waitForFunction(
    (h: string, s: string, want: boolean) => !!document.querySelector(h)?.shadowRoot?.querySelector(s) === want,
    { polling: 50, timeout: 10_000 },
    host,
    selector,
    present,
  );
}

/** axe-core violations under `selector` (the whole page by default), one readable line each. */
export async function axeViolations(page: E2EPage, selector = 'body'): Promise<string[]> {
  return describeViolations((await runAxe(page, selector)).violations);
}

// ------------------------------------------------------------------- shared files

const NS_OOB = 'jabber:x:oob';
const NS_FILE_METADATA = 'urn:xmpp:file:metadata:0';
const NS_UPLOAD = 'urn:xmpp:http:upload:0';

/**
 * The next message to the bot that shares a file named `name` (or whose name passes the test);
 * checks that its body is its OOB URL on the test Prosody, and returns the URL with the XEP-0446
 * metadata.
 */
export async function receivedFile(peer: Bot, name: string | ((name: string) => boolean)): Promise<{ url: string; file: Stanza | undefined }> {
  const named = typeof name === 'string' ? (candidate: string) => candidate === name : name;
  const message = await peer.waitFor(s => s.is('message') && named(s.getChild('file', NS_FILE_METADATA)?.getChildText('name') ?? ''), 15_000);
  const url = message.getChild('x', NS_OOB)?.getChildText('url');
  expect(url).toBeTruthy();
  expect(message.getChildText('body')).toBe(url);
  expect(url!.startsWith(`http://127.0.0.1:`)).toBe(true);
  return { url: url!, file: message.getChild('file', NS_FILE_METADATA) };
}

/** GETs a shared file as its recipient's client would (status 200 expected). */
export async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Uploads `bytes` from a bot through the test Prosody's XEP-0363 service, as another client would; returns the URL to share. */
export async function botUpload(bot: Bot, name: string, bytes: Buffer, contentType: string): Promise<string> {
  const answer = await bot.iq(
    xml('iq', { type: 'get', to: prosody().uploadDomain }, xml('request', { xmlns: NS_UPLOAD, filename: name, size: String(bytes.length), 'content-type': contentType })),
  );
  const slot = answer.getChild('slot', NS_UPLOAD);
  const put = slot?.getChild('put');
  const get = slot?.getChild('get')?.attrs.url as string | undefined;
  if (!put || !get) throw new Error(`no upload slot: ${answer.toString()}`);
  const headers: Record<string, string> = { 'Content-Type': contentType };
  for (const header of put.getChildren('header')) headers[header.attrs.name as string] = header.getText();
  const response = await fetch(put.attrs.url as string, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  if (response.status !== 201 && response.status !== 200) throw new Error(`upload PUT answered ${response.status}`);
  return get;
}

/**
 * Opens the action menu of the message whose text is `body` from the keyboard (focus its ⋯
 * button, ArrowDown) and waits until the menu's first item has the focus.
 */
export async function openMessageMenu(page: E2EPage, body: string, app = 'natter-app'): Promise<void> {
  await page.waitForFunction(
    (text: string, appTag: string) => {
      const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
      const host = deep(`${appTag} >>> natter-chatbox >>> natter-message`).find(
        el => (el.shadowRoot?.querySelector('[part=body]')?.textContent ?? '').trim() === text,
      );
      const button = host?.shadowRoot?.querySelector<HTMLElement>('button[part=actions-button]');
      if (!button) return false;
      button.focus();
      return true;
    },
    { polling: 50, timeout: WAIT_MS },
    body,
    app,
  );
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(
    (appTag: string) =>
      (window as unknown as { __natterDeep: (p: string) => Element[] })
        .__natterDeep(`${appTag} >>> natter-chatbox >>> natter-message`)
        .some(host => host.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem'),
    { polling: 50, timeout: WAIT_MS },
    app,
  );
}

/** In an open message menu, moves down to the item `action` (its data-action) and presses Enter. */
export async function chooseMenuItem(page: E2EPage, action: string, app = 'natter-app'): Promise<void> {
  for (let step = 0; step < 10; step++) {
    const focused = await page.evaluate(
      (appTag: string) =>
        (window as unknown as { __natterDeep: (p: string) => Element[] })
          .__natterDeep(`${appTag} >>> natter-chatbox >>> natter-message`)
          .map(host => host.shadowRoot!.activeElement?.getAttribute('data-action'))
          .find(Boolean) ?? null,
      app,
    );
    if (focused === action) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no menu item "${action}"`);
}

/** A room with these bots in it (see `roomWithBots`), and a signed-in page that joined it and loaded its history. */
export async function userInRoom(prefix: string, name: string, nicks: string[]) {
  const { room, occupants } = await roomWithBots(prefix, name, nicks);
  const { user, page, errors, consoleLines } = await signedInUser(prefix);
  await joinRoomByAddress(page, room);
  await waitForHistory(page, room);
  return { room, occupants, user, page, errors, consoleLines };
}

/** The bot says `body` in the room; resolves with the room's stanza-id of it once the room's copy is back. */
export async function postInRoom(occupant: RoomBot, room: string, body: string): Promise<string> {
  await occupant.bot.sendMessage(room, body, 'groupchat');
  const echo = await occupant.bot.waitFor(isGroupchat(room, occupant.nick, body));
  return String(echo.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
}
