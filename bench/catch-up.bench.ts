/**
 * Scenario 7, catch-up: the user has a chat open when the network drops for 60 s (a loopback
 * relay between the page and Prosody is cut), longer than Prosody keeps the stream for resumption
 * (here 5 s). Meanwhile the peer sends 500 messages, which only the archive holds. When the relay
 * is restored the page starts a fresh session and reads the account's archive forward from the
 * newest message it holds. Figures: from the page being online again, and from the archive's last
 * answer (`<fin/>` of the last page) reaching the page's WebSocket, to the 500th message in the
 * DOM; long tasks in that window; and that every message is there exactly once.
 *
 * A Prosody of its own: the shared one keeps streams resumable for 60 s.
 */
import { rmSync } from 'node:fs';
import { xml } from '@xmpp/client';
import { connectBot, createAccount, stopAllBots, type Bot } from '../tests/prosody';
import { startProsody, type RunningProsody } from '../tests/prosody/global-setup';
import { startProxy, type NetProxy } from '../tests/net-proxy';
import { check, info, launchBrowser, load, longTasks, openPage, round, scenario, sleep, type Figures } from './support';
import type { Browser, Page } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const MISSED = load(500, 200);
const OUTAGE_MS = load(60_000, 8_000);
const RESUMPTION_S = 5;

let browser: Browser;
let server: RunningProsody;
let proxy: NetProxy;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startProsody({ resumptionSeconds: RESUMPTION_S });
  for (const key of ['NATTER_XMPP_WS', 'NATTER_PROSODY_CONFIG']) saved[key] = process.env[key];
  process.env.NATTER_XMPP_WS = server.wsUrl;
  process.env.NATTER_PROSODY_CONFIG = server.config;
  proxy = await startProxy(server.httpPort);
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
  await proxy?.close();
  if (server && server.child.exitCode === null) {
    const exited = new Promise(resolve => server.child.once('exit', resolve));
    process.kill(server.child.pid!, 'SIGTERM');
    await exited;
    rmSync(server.dir, { recursive: true, force: true });
  }
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** When the chatbox first showed an incoming message with this body (page clock), polled every frame. */
function shownAt(page: Page, body: string, timeoutMs: number): Promise<number> {
  return page
    .waitForFunction(
      (text: string) => {
        const chatbox = document.querySelector('natter-chatbox')!.shadowRoot!;
        for (const el of chatbox.querySelectorAll('natter-message')) {
          if (el.shadowRoot?.querySelector('[part=body]')?.textContent?.trim() === text) return (window as any).__bench.now();
        }
        return false;
      },
      { polling: 'raf', timeout: timeoutMs },
      body,
    )
    .then(handle => handle.jsonValue() as Promise<number>);
}

async function catchUpRun(run: number): Promise<Figures> {
  const user = await createAccount('catchup-user');
  const peer: Bot = await connectBot(await createAccount('catchup-peer'));
  const { page, errors, close } = await openPage(browser, '/app.html');
  try {
    await page.evaluate(
      (jid: string, password: string, service: string) => (window as any).benchPage.login({ jid, password, service }),
      user.jid,
      user.password,
      `ws://127.0.0.1:${proxy.port}/xmpp-websocket`,
    );
    await page.evaluate(async (jid: string) => {
      const session = await (window as any).benchPage.session();
      // The page's clock for "online again": the first status change to online after the outage.
      session.connection.onChange('status', (status: string) => {
        if (status === 'online' && (window as any).__catchUpArmed) (window as any).__onlineAgain ??= (window as any).__bench.now();
      });
      session.actions.openConversation(jid);
    }, peer.account.jid);
    await peer.sendMessage(user.jid, `run ${run} before`);
    await shownAt(page, `run ${run} before`, 30_000);
    await page.evaluate(() => (window as any).__bench.watchFrames('mam-fin', `<fin[^>]*urn:xmpp:mam:2`));

    proxy.cut();
    const cutAt = Date.now();
    await page.evaluate(() => ((window as any).__catchUpArmed = true));
    for (let i = 1; i <= MISSED; i++) await peer.sendMessage(user.jid, `run ${run} missed ${i}`);
    // Every message is in the archive before the page comes back (a ping is answered after them).
    await peer.iq(xmlPing());
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - cutAt)));
    proxy.restore();
    const outageMs = Date.now() - cutAt;

    const last = await shownAt(page, `run ${run} missed ${MISSED}`, 120_000);
    const { online, fins } = await page.evaluate(() => ({ online: (window as any).__onlineAgain as number, fins: (window as any).__bench.ws.watchers.find((w: any) => w.name === 'mam-fin').times as number[] }));
    const lastFin = fins.filter(t => t >= online).at(-1) ?? null;
    const counts = await page.evaluate(async (jid: string, prefix: string) => {
      const session = await (window as any).benchPage.session();
      const bodies = (session.conversation(jid).get('messages') as { body: string }[]).map(m => m.body).filter(b => b.startsWith(prefix));
      return { total: bodies.length, distinct: new Set(bodies).size };
    }, peer.account.jid, `run ${run} `);
    const tasks = await longTasks(page, online, last);
    if (errors.length) process.stderr.write(`[bench] catch-up page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return {
      outageMs,
      missed: MISSED,
      onlineToCaughtUpMs: round(last - online),
      lastAnswerToCaughtUpMs: lastFin === null ? null : round(last - lastFin),
      archivePages: fins.filter(t => t >= online).length,
      messagesHeld: counts.total,
      duplicates: counts.total - counts.distinct,
      ...tasks,
      pageErrors: errors.length,
    };
  } finally {
    await close();
    await peer.stop();
  }
}

function xmlPing() {
  return xml('iq', { type: 'get', id: `ping-${Date.now()}` }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
}

it('catch-up after an outage', async () => {
  await scenario(
    'catchup',
    `Catch-up: ${MISSED} messages missed during a ${OUTAGE_MS / 1000} s outage`,
    catchUpRun,
    m => [
      check('last archive answer → caught-up view', m.lastAnswerToCaughtUpMs, 'ms', '<=', 1000),
      info('online again → caught-up view (archive queries included)', m.onlineToCaughtUpMs, 'ms'),
      check('messages held (1 before + missed)', m.messagesHeld, '', '>=', MISSED + 1),
      check('duplicates', m.duplicates, '', '<=', 0),
      info('archive pages read', m.archivePages, ''),
      info('longest task while catching up', m.longestTaskMs, 'ms'),
    ],
    [`The relay is cut for ${OUTAGE_MS / 1000} s; Prosody keeps a dropped stream ${RESUMPTION_S} s, so the page comes back with a fresh session and reads the archive forward.`],
  );
});
