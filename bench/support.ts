/**
 * Shared parts of `npm run bench` (scripts/bench.mjs runs the bench/*.bench.ts files with jest,
 * one after the other, against the Prosody that tests/prosody/global-setup.ts starts).
 *
 * - options: quick mode and run counts, from the environment scripts/bench.mjs sets;
 * - a headless Chromium per bench file, a fresh browser context (cold cache) per run, and the
 *   page instrumentation in bench/page/instrument.js;
 * - `prosodyLua()`: server-side load through Prosody's admin shell (fake room occupants, a big
 *   roster written to storage) where bots would be too slow;
 * - results: per-run figures, medians and target checks written as JSON for scripts/bench.mjs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { xml } from '@xmpp/client';
import { prosody, type Bot, type Stanza } from '../tests/prosody';

// ------------------------------------------------------------------------------------ options

export const QUICK = process.env.NATTER_BENCH_QUICK === '1';
/** Runs per figure: the median of at least 3, or 1 in quick mode. */
export const RUNS = Number(process.env.NATTER_BENCH_RUNS) || (QUICK ? 1 : 3);
/** The static site (production build + bench pages) scripts/bench.mjs serves on loopback. */
export const SITE = process.env.NATTER_BENCH_SITE ?? '';

/** `full` normally, `quick` with --quick. */
export function load<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** `promise`, or a rejection with `message()` after `ms` (the timer is cleared either way, so jest can exit). */
export async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------------------------ browser

/** `npm run bench -- --trace=DIR`: one Chromium trace per page, named after the test and run. */
const TRACE_DIR = process.env.NATTER_BENCH_TRACE ?? '';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', 'blink.user_timing', 'toplevel'];
let traces = 0;
function traceName(): string {
  mkdirSync(TRACE_DIR, { recursive: true });
  const test = (expect.getState().currentTestName ?? 'page').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return `${test}-${++traces}`;
}

const CHROMIUM = process.env.CHROME_PATH || process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
const INSTRUMENT = readFileSync(path.join(__dirname, 'page', 'instrument.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  if (!SITE) throw new Error('NATTER_BENCH_SITE is not set: run the bench with `npm run bench`.');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: 'shell',
    args: [
      '--no-sandbox', '--disable-setuid-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      // A page in the background would get throttled timers and frames.
      '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
      // Loopback only: the page is on 127.0.0.1 and so is Prosody.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });
}

export interface BenchPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/**
 * A page in a fresh browser context (empty cache and storage), instrumented before any of its
 * scripts run. `path` is relative to the bench site, e.g. `/app.html`.
 */
export async function openPage(
  browser: Browser,
  pagePath: string,
  options: { waitUntil?: 'load' | 'domcontentloaded'; beforeNavigation?: (page: Page) => void | Promise<void> } = {},
): Promise<BenchPage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', err => errors.push(err instanceof Error ? err.message : String(err)));
  page.on('console', msg => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.evaluateOnNewDocument(INSTRUMENT);
  let trace = TRACE_DIR ? path.join(TRACE_DIR, `${traceName()}.json`) : null;
  // A Chromium trace with CPU samples says what a long task was (scripts/trace-summary.mjs reads
  // it). One trace at a time per browser: a second page of the same run goes untraced.
  if (trace) await page.tracing.start({ path: trace, categories: TRACE_CATEGORIES }).catch(() => (trace = null));
  await options.beforeNavigation?.(page);
  await page.goto(`${SITE}${pagePath}`, { waitUntil: options.waitUntil ?? 'load' });
  return {
    context,
    page,
    errors,
    close: async () => {
      // Sign out first: a page that just goes away leaves its session (and room nicks) on the
      // server for the stream-resumption window, and the next run may want the same nick.
      if (trace) await page.tracing.stop().catch(() => undefined);
      await within(page.evaluate(() => (window as any).benchPage?.session().then((s: any) => s.actions.logout())), 3000, () => 'logout').catch(() => undefined);
      await context.close().catch(() => undefined);
    },
  };
}

/** A mark in the page's timeline (and so in a --trace), e.g. where a scenario's measured window starts. */
export async function markTimeline(page: Page, name: string): Promise<void> {
  await page.evaluate((n: string) => performance.mark(n), name).catch(() => undefined);
}

/** Used JS heap after a full garbage collection (CDP), in bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find(m => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface LongTaskSummary {
  /** how many long tasks (>50 ms) overlapped the window */
  longTasks: number;
  /** their summed duration, ms */
  longTaskTotalMs: number;
  /** the longest, ms (0 when none) */
  longestTaskMs: number;
}

/** Long tasks that overlapped [from, to] (epoch ms). */
export async function longTasks(page: Page, from: number, to: number): Promise<LongTaskSummary> {
  const tasks = await page.evaluate((a: number, b: number) => (window as any).__bench.longTasksBetween(a, b), from, to) as { start: number; duration: number }[];
  return {
    longTasks: tasks.length,
    longTaskTotalMs: round(tasks.reduce((sum, t) => sum + t.duration, 0)),
    longestTaskMs: round(tasks.reduce((max, t) => Math.max(max, t.duration), 0)),
  };
}

/** Signs the page's session in (session API; SASL PLAIN is not forced: the client picks, as an app would). */
export async function pageLogin(page: Page, account: { jid: string; password: string }): Promise<void> {
  await page.evaluate(
    (jid: string, password: string, service: string) => (window as any).benchPage.login({ jid, password, service }),
    account.jid,
    account.password,
    prosody().wsUrl,
  );
}

/** The page joins `room` as `nick` and shows it in the chatbox and the sidebar. */
export async function pageJoinRoom(page: Page, room: string, nick: string): Promise<void> {
  await page.evaluate((r: string, n: string) => (window as any).benchPage.joinRoom(r, n), room, nick);
}

/** Starts recording message elements in the chatbox and ids in the room's store. */
export async function trackMessages(page: Page, conversation: string): Promise<void> {
  await page.evaluate(async (jid: string) => {
    const bench = (window as any).__bench;
    const chatbox = document.querySelector('natter-chatbox') as any;
    await chatbox.componentOnReady();
    bench.trackMessageElements(chatbox);
    const session = await (window as any).benchPage.session();
    bench.trackStoreIds(session.conversation(jid));
  }, conversation);
}

export interface Shown {
  /** When an element for the message was first in the DOM; null if none came within the grace. */
  at: number | null;
  /** `attr` (a `data-message-id` element), `prop` (a natter-message holding it) or `not shown`. */
  how: string;
  /** When the conversation store first held it (null if the store was not tracked). */
  storeAt: number | null;
}

/**
 * Waits until the message `id` has an element in the DOM. A message that reached the store but
 * got no element within `domGraceMs` counts as not shown (the list did not render it: with a
 * virtual list, the view is not at the newest messages).
 */
export async function waitShown(page: Page, id: string, timeoutMs = 120_000, domGraceMs = 5_000): Promise<Shown> {
  const handle = await page
    .waitForFunction(
      (messageId: string, grace: number) => {
        const bench = (window as any).__bench;
        const dom = bench.domIds.get(messageId);
        const stored = bench.storeIds.get(messageId) ?? null;
        if (dom) return { at: dom.at, how: dom.how, storeAt: stored };
        if (stored !== null && bench.now() - stored > grace) return { at: null, how: 'not shown', storeAt: stored };
        return false;
      },
      { polling: 50, timeout: timeoutMs },
      id,
      domGraceMs,
    )
    .catch((e: Error) => {
      throw new Error(`message ${id} was neither in the DOM nor in the store after ${timeoutMs} ms (${e.message})`);
    });
  return (await handle.jsonValue()) as Shown;
}

/** What the chatbox shows of `conversation` right now (for a note when a message was not found in the DOM). */
export async function chatboxState(page: Page, conversation: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (jid: string) => {
    const session = await (window as any).benchPage.session();
    const store = session.conversation(jid);
    const root = document.querySelector('natter-chatbox')!.shadowRoot!;
    const list = root.querySelector('[part~=list]') as HTMLElement | null;
    const ids = [...root.querySelectorAll('[data-message-id]')].map(e => e.getAttribute('data-message-id'));
    const messages = store.get('messages') as { id: string }[];
    return {
      followingLatest: store.get('followingLatest'),
      inStore: messages.length,
      elementsWithId: ids.length,
      lastElementIndexInStore: messages.findIndex(m => m.id === ids[ids.length - 1]),
      list: list ? { scrollTop: list.scrollTop, scrollHeight: list.scrollHeight, clientHeight: list.clientHeight } : null,
      jumpShown: !!root.querySelector('[part~=jump]'),
    };
  }, conversation);
}

// ------------------------------------------------------------------------------------ server side

/**
 * Runs one line of Lua inside the test Prosody through its admin shell (`prosodyctl shell`, a
 * `>` line runs in the server's global environment) and returns what it returned. For load that
 * would take minutes with real clients (the server's own work is the same: the MUC processes each
 * join, the roster is read from storage at login).
 */
export function prosodyLua(code: string, timeoutMs = 120_000): Promise<string> {
  const config = process.env.NATTER_PROSODY_CONFIG;
  if (!config) throw new Error('NATTER_PROSODY_CONFIG is not set (the Prosody of the test harness is not running)');
  const line = code.replace(/\s*\n\s*/g, ' ').trim();
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/prosodyctl', ['--config', config, 'shell'], { timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`prosodyctl shell failed: ${err.message}\n${stdout}${stderr}`));
      const result = /\| Result: (.*)/.exec(stdout);
      if (!result) return reject(new Error(`prosodyctl shell: no result for Lua ${line.slice(0, 200)}…\n${stdout.slice(-2000)}${stderr}`));
      resolve(result[1]);
    });
    child.stdin!.end(`>${line}\n`);
  });
}

/**
 * Made-up room occupants (`bench-occ-*@anon.localhost`): their presences go through the MUC like
 * a client's, but no client reads what the room sends back. Once per Prosody, a handler on that
 * host drops stanzas addressed to them (IQs get an error), so the room does not kick them for
 * bounces (for example of the subject message every joiner gets).
 */
export async function installSink(): Promise<void> {
  const { anonDomain } = prosody();
  const result = await prosodyLua(`
    if prosody.natter_bench_sink then return "ok" end
    local st = require "util.stanza"
    local host = prosody.hosts[${lua(anonDomain)}]
    prosody.natter_bench_sink = function (event)
      local stanza = event.stanza
      local to = stanza.attr.to
      if not (to and to:find("^bench%-occ%-")) then return end
      if stanza.name == "iq" and (stanza.attr.type == "get" or stanza.attr.type == "set") then
        prosody.core_post_stanza(host, st.error_reply(stanza, "cancel", "service-unavailable"))
      end
      return true
    end
    for _, name in ipairs({ "message/full", "presence/full", "iq/full", "message/bare", "presence/bare", "iq/bare" }) do
      host.events.add_handler(name, prosody.natter_bench_sink, 100)
    end
    return "ok"
  `);
  if (result !== 'ok') throw new Error(`installing the occupant sink failed: ${result}`);
}

/** Lua string literal. */
export const lua = (s: string) => JSON.stringify(s);

/** A room's occupant count as its disco#info says (`muc#roominfo_occupants`). */
export async function roomOccupantCount(bot: Bot, room: string): Promise<number> {
  const info = await bot.iq(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
  const form = info.getChild('query')?.getChild('x', 'jabber:x:data');
  const field = form?.getChildren('field').find((f: Stanza) => f.attrs.var === 'muc#roominfo_occupants');
  return Number(field?.getChildText('value'));
}

/** The room's stanza-id on a groupchat message (XEP-0359, `by` = the room): the id the client stores it under. */
export function roomStanzaId(message: Stanza, room: string): string | undefined {
  return message.getChildren('stanza-id', 'urn:xmpp:sid:0').find((s: Stanza) => s.attrs.by === room)?.attrs.id;
}

// ------------------------------------------------------------------------------------ results

export type Figures = Record<string, number | string | boolean | null>;

export interface Check {
  label: string;
  value: number | null;
  unit: string;
  /** e.g. "<= 500" */
  target: string;
  pass: boolean | null;
  /** What a missing value means. */
  note?: string;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  runs: Figures[];
  median: Figures;
  checks: Check[];
  notes: string[];
  error?: string;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function median(values: number[]): number | null {
  const v = values.filter(x => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Median of every numeric figure over the runs. A null among numbers (say, a message never shown)
 * counts as the worst value, so the median is null when most runs had none. Other values are
 * listed when they differ between runs.
 */
export function medianOf(runs: Figures[]): Figures {
  const out: Figures = {};
  for (const key of new Set(runs.flatMap(r => Object.keys(r)))) {
    const values = runs.map(r => r[key] ?? null);
    if (values.some(v => typeof v === 'number') && values.every(v => typeof v === 'number' || v === null)) {
      const m = median(values.map(v => (v === null ? Infinity : (v as number))));
      out[key] = m === null || !Number.isFinite(m) ? null : round(m);
    } else {
      const distinct = [...new Set(values.map(v => String(v)))];
      const joined = distinct.join(' | ');
      out[key] = distinct.length === 1 ? values[0] : joined.length <= 80 ? joined : 'differs by run (see runs)';
    }
  }
  return out;
}

/** A target check: `value <= max` (or `>= min`). */
/**
 * A target check: `value <= limit` (or `>=`). Without a value the check is unknown, or a MISS
 * when `missing` names what the absence means (for example "not shown").
 */
export function check(label: string, value: unknown, unit: string, op: '<=' | '>=', limit: number, missing?: string): Check {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : null;
  const pass = v === null ? (missing ? false : null) : op === '<=' ? v <= limit : v >= limit;
  return { label, value: v, unit, target: `${op} ${limit}`, pass, ...(v === null && missing && { note: missing }) };
}

/** A figure shown in the table without a target. */
export function info(label: string, value: unknown, unit: string): Check {
  return { label, value: typeof value === 'number' && Number.isFinite(value) ? value : null, unit, target: '', pass: null };
}

export function writeResult(result: ScenarioResult): void {
  const dir = process.env.NATTER_BENCH_OUT;
  const text = JSON.stringify(result, null, 2);
  if (!dir) {
    process.stdout.write(`${text}\n`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${result.scenario}.json`), text);
}

/**
 * Runs `measure` RUNS times and writes the scenario's result (also when a run fails: the error is
 * recorded, so the table says why a figure is missing and the other scenarios still run).
 */
export async function scenario(
  name: string,
  title: string,
  measure: (run: number) => Promise<Figures>,
  checks: (median: Figures) => Check[],
  notes: string[] = [],
): Promise<ScenarioResult> {
  const runs: Figures[] = [];
  let error: string | undefined;
  for (let run = 0; run < RUNS; run++) {
    const t0 = Date.now();
    try {
      runs.push(await measure(run));
      process.stderr.write(`[bench] ${name} run ${run + 1}/${RUNS}: ${JSON.stringify(runs[runs.length - 1])} (${Date.now() - t0} ms)\n`);
    } catch (e) {
      error = `run ${run + 1}: ${(e as Error).stack ?? e}`;
      process.stderr.write(`[bench] ${name} run ${run + 1}/${RUNS} failed: ${error}\n`);
      break;
    }
  }
  const med = medianOf(runs);
  let list: Check[] = [];
  try {
    list = runs.length ? checks(med) : [];
  } catch (e) {
    error = `${error ? `${error}; ` : ''}checks: ${(e as Error).message}`;
  }
  const result: ScenarioResult = { scenario: name, title, runs, median: med, checks: list, notes, ...(error && { error }) };
  writeResult(result);
  return result;
}
