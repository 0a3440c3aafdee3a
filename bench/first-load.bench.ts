/**
 * Scenario 5, first load: the JavaScript and CSS bytes (raw, and gzip computed here with zlib at
 * its default level) of the production www build that Chromium fetched, collected from its
 * responses (not file sizes):
 * - a page with <natter-login>, <natter-roster> and <natter-chatbox>, until it is usable (the
 *   three components hydrated and the network idle); then, as information, what signing in and
 *   opening a room with messages adds;
 * - a page with only <natter-room-badge>, until the badge shows the room's count.
 */
import { gzipSync } from 'node:zlib';
import { botJoinRoom, connectBot, createAccount, prosody, roomJid, stopAllBots, type Bot } from '../tests/prosody';
import { check, info, launchBrowser, openPage, pageJoinRoom, pageLogin, round, scenario, type Figures } from './support';
import type { Browser, HTTPResponse, Page } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const KIB = 1024;
const IDLE_MS = 500;

let browser: Browser;
let owner: Bot;
let room: string;
beforeAll(async () => {
  browser = await launchBrowser();
  room = roomJid('firstload');
  owner = await connectBot(await createAccount('firstload-owner'));
  await botJoinRoom(owner, room, 'Owner', { config: { 'muc#roomconfig_roomname': 'Project room' } });
  for (let i = 1; i <= 5; i++) await owner.sendMessage(room, `Message ${i} in the project room`, 'groupchat');
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
});

interface Fetched {
  url: string;
  raw: number;
  gzip: number;
}

interface Collector {
  fetched: Fetched[];
  /** Waits for the bodies still being read. */
  settle(): Promise<unknown>;
}

/** Records the body size of every JS and CSS response of the Natter build (`/build/`). */
function collect(page: Page): Collector {
  const fetched: Fetched[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response: HTTPResponse) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/build/') || !/\.(m?js|css)$/.test(url.pathname) || response.status() !== 200) return;
    pending.push(
      response.buffer().then(
        body => void fetched.push({ url: url.pathname, raw: body.length, gzip: gzipSync(body).length }),
        () => undefined,
      ),
    );
  });
  return { fetched, settle: () => Promise.all(pending) };
}

async function totals(c: Collector) {
  await c.settle();
  const raw = c.fetched.reduce((n, f) => n + f.raw, 0);
  const gzip = c.fetched.reduce((n, f) => n + f.gzip, 0);
  return { files: c.fetched.length, rawKiB: round(raw / KIB), gzipKiB: round(gzip / KIB) };
}

function fileList(fetched: Fetched[]): string {
  return fetched.map(f => `${f.url.replace('/build/', '')} ${round(f.raw / KIB)}/${round(f.gzip / KIB)}`).join(', ');
}

async function chatPageRun(run: number): Promise<Figures> {
  let c!: Collector;
  const { page, errors, close } = await openPage(browser, '/first-load.html', { beforeNavigation: p => void (c = collect(p)) });
  try {
    const usable = (await page.evaluate(async () => {
      const tags = ['natter-session', 'natter-login', 'natter-roster', 'natter-chatbox'];
      await (window as any).__bench.when(() => tags.every(tag => document.querySelector(tag)?.classList.contains('hydrated')), [], 30_000);
      return performance.now();
    })) as number;
    await page.waitForNetworkIdle({ idleTime: IDLE_MS });
    const initial = await totals(c);
    const initialFiles = fileList(c.fetched);
    const initialCount = c.fetched.length;

    // Then the same page signed in, with a room open: what that adds.
    const user = await createAccount('firstload-user');
    await pageLogin(page, user);
    await pageJoinRoom(page, room, `Visitor${run}`);
    await page.waitForFunction(() => !!document.querySelector('natter-chatbox')?.shadowRoot?.querySelector('natter-message'), { polling: 50, timeout: 30_000 });
    await page.waitForNetworkIdle({ idleTime: IDLE_MS });
    const signedIn = await totals(c);
    if (errors.length) process.stderr.write(`[bench] first load page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return {
      usableMs: round(usable),
      jsCssFiles: initial.files,
      rawKiB: initial.rawKiB,
      gzipKiB: initial.gzipKiB,
      signedInFiles: signedIn.files,
      signedInRawKiB: signedIn.rawKiB,
      signedInGzipKiB: signedIn.gzipKiB,
      files: initialFiles,
      addedWhenSignedIn: fileList(c.fetched.slice(initialCount)),
      pageErrors: errors.length,
    };
  } finally {
    await close();
  }
}

async function badgePageRun(): Promise<Figures> {
  let c!: Collector;
  const query = new URLSearchParams({ room, service: prosody().wsUrl, domain: prosody().anonDomain });
  const { page, errors, close } = await openPage(browser, `/badge.html?${query}`, { beforeNavigation: p => void (c = collect(p)) });
  try {
    const shown = (await page.evaluate(async () => {
      const badge = document.querySelector('natter-room-badge') as any;
      await (window as any).__bench.when(() => /\d/.test(badge.shadowRoot?.querySelector('[part~=count]')?.textContent ?? ''), [], 30_000);
      return performance.now();
    })) as number;
    await page.waitForNetworkIdle({ idleTime: IDLE_MS });
    const all = await totals(c);
    if (errors.length) process.stderr.write(`[bench] badge page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return { countShownMs: round(shown), jsCssFiles: all.files, rawKiB: all.rawKiB, gzipKiB: all.gzipKiB, files: fileList(c.fetched), pageErrors: errors.length };
  } finally {
    await close();
  }
}

it('first load of login + roster + chatbox', async () => {
  await scenario(
    'firstload-chat',
    'First load: login+roster+chatbox',
    chatPageRun,
    m => [
      check('JS+CSS gzip until usable', m.gzipKiB, 'KiB', '<=', 100),
      info('JS+CSS raw until usable', m.rawKiB, 'KiB'),
      info('JS+CSS gzip once signed in with a room open', m.signedInGzipKiB, 'KiB'),
      info('usable after navigation start', m.usableMs, 'ms'),
    ],
    [
      'Bytes of /build/*.js|css responses of the production www build (lazy loader), gzip by zlib level 6. usable: the login, roster and chatbox hydrated, then 500 ms without a request.',
      'files: name raw/gzip KiB.',
    ],
  );
});

it('first load of the room badge alone', async () => {
  await scenario(
    'firstload-badge',
    'First load: room badge',
    badgePageRun,
    m => [
      check('JS+CSS gzip until the count shows', m.gzipKiB, 'KiB', '<=', 40),
      info('JS+CSS raw until the count shows', m.rawKiB, 'KiB'),
      info('count shown after navigation start', m.countShownMs, 'ms'),
    ],
  );
});
