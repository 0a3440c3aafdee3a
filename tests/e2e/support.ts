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
import { bareJid, connectBot, prosody, type Account, type Bot, type Stanza } from '../prosody';

/** The texts a user reads, from the same catalogue the components use. */
export const TEXT = englishMessages;

/** How long a condition may take to become true in the page (login, a stanza round trip). */
export const WAIT_MS = 10_000;

/**
 * A page with `html`, wide enough for the roster beside the chatbox, with the deep query helper
 * installed. Uncaught page errors are pushed to `errors`.
 */
export async function openPage(html: string, errors: string[] = []): Promise<E2EPage> {
  const page = await newE2EPage();
  page.on('pageerror', (err: unknown) => errors.push(err instanceof Error ? err.message : String(err)));
  await page.setViewport({ width: 1280, height: 900 });
  await page.setContent(html);
  await page.waitForChanges();
  await installDeep(page);
  return page;
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
    loginInput: (name: 'jid' | 'password' | 'service') => `${login} >>> input[name=${name}]`,
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
  };
}

// ---------------------------------------------------------------- user steps

/**
 * Signs in through `<natter-login>` the way a user does: types the address and password, opens
 * "Server settings", types the WebSocket URL and clicks Sign in. Does not wait for the outcome.
 */
export async function submitLogin(
  page: E2EPage,
  account: { jid: string; password: string },
  options: { app?: string; service?: string } = {},
): Promise<void> {
  const p = appPaths(options.app);
  await page.type(p.loginInput('jid'), account.jid);
  await page.type(p.loginInput('password'), account.password);
  await page.click(p.loginSettings);
  await waitForElement(page, p.loginInput('service'));
  await page.type(p.loginInput('service'), options.service ?? prosody().wsUrl);
  await page.click(p.loginSubmit);
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
