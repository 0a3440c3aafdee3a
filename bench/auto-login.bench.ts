/**
 * Scenario 6, auto-login: a page whose script signs in with `session.actions.login(…)` as soon
 * as its session exists (`natterSessionReady`, while the components load) and joins a room
 * (bench/page/bench-page.js, `?auto=1`). Time from navigation start
 * (performance.timeOrigin) to the room's newest message in the DOM, on a cold cache (a fresh
 * browser context per run). The client chooses the SASL mechanism, as an app's would.
 */
import { botJoinRoom, connectBot, createAccount, prosody, roomJid, stopAllBots, type Bot, type Stanza } from '../tests/prosody';
import { check, info, launchBrowser, openPage, roomStanzaId, round, scenario, waitShown, type Figures } from './support';
import type { Browser } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const MESSAGES = 20;

let browser: Browser;
let owner: Bot;
let room: string;
let newestId: string;
beforeAll(async () => {
  browser = await launchBrowser();
  room = roomJid('autologin');
  owner = await connectBot(await createAccount('autologin-owner'));
  await botJoinRoom(owner, room, 'Owner', { config: { 'muc#roomconfig_roomname': 'Team room' } });
  for (let i = 1; i <= MESSAGES; i++) {
    const body = `Morning note ${i}`;
    await owner.sendMessage(room, body, 'groupchat');
    const echo = await owner.waitFor((s: Stanza) => s.is('message') && s.getChildText('body') === body);
    newestId = roomStanzaId(echo, room)!;
  }
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
});

async function autoLoginRun(run: number): Promise<Figures> {
  const user = await createAccount('autologin-user');
  const query = new URLSearchParams({ auto: '1', jid: user.jid, password: user.password, service: prosody().wsUrl, room, nick: `Early${run}` });
  const { page, errors, close } = await openPage(browser, `/app.html?${query}`, { waitUntil: 'domcontentloaded' });
  try {
    const shown = await waitShown(page, newestId, 30_000).catch(async (e: Error) => {
      const failure = await page.evaluate(() => (window as any).benchAuto?.error).catch(() => undefined);
      throw failure ? new Error(`the page's auto-login failed: ${failure}`) : e;
    });
    const { origin, marks } = (await page.evaluate(() => ({ origin: performance.timeOrigin, marks: (window as any).benchAuto }))) as {
      origin: number;
      marks: { session?: number; components?: number; online?: number; joined?: number; error?: string };
    };
    if (marks.error) throw new Error(`the page's auto-login failed: ${marks.error}`);
    if (errors.length) process.stderr.write(`[bench] auto-login page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return {
      roomShownMs: shown.at === null ? null : round(shown.at - origin),
      shownBy: shown.how,
      sessionReadyMs: marks.session !== undefined ? round(marks.session) : null,
      componentsReadyMs: marks.components !== undefined ? round(marks.components) : null,
      onlineMs: marks.online !== undefined ? round(marks.online) : null,
      joinedMs: marks.joined !== undefined ? round(marks.joined) : null,
      pageErrors: errors.length,
    };
  } finally {
    await close();
  }
}

it('auto-login to a room', async () => {
  await scenario(
    'autologin',
    'Auto-login to a room',
    autoLoginRun,
    m => [
      check('room messages shown after navigation start', m.roomShownMs, 'ms', '<=', 700, 'not shown'),
      info('session ready (natterSessionReady)', m.sessionReadyMs, 'ms'),
      info('components loaded (componentOnReady)', m.componentsReadyMs, 'ms'),
      info('signed in', m.onlineMs, 'ms'),
      info('room joined with its history', m.joinedMs, 'ms'),
    ],
    ['All times from navigation start on a cold cache; signed in with the mechanism the client picks (SCRAM-SHA-1 where offered).'],
  );
});
