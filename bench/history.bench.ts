/**
 * Scenario 4, history: a room whose archive (Prosody's muc_mam, internal storage) holds 10,000
 * messages. The user joins it: time until the newest message is shown. Then the user scrolls back
 * through 2,000 older messages: frame times (requestAnimationFrame deltas) and, per older page,
 * the time from asking the archive to the page being shown.
 *
 * The archive is filled inside Prosody: three made-up occupants (as in big-room.bench.ts) post
 * the messages through the room, so the MUC and muc_mam store them exactly as they would a
 * client's (10,000 messages from bots take over a minute on this machine).
 */
import { xml } from '@xmpp/client';
import { botJoinRoom, connectBot, createAccount, prosody, randomId, roomJid, stopAllBots, type Bot } from '../tests/prosody';
import {
  check,
  info,
  installSink,
  launchBrowser,
  load,
  longTasks,
  lua,
  markTimeline,
  median,
  now,
  openPage,
  pageLogin,
  prosodyLua,
  round,
  scenario,
  sleep,
  trackMessages,
  waitShown,
  type Figures,
} from './support';
import type { Browser } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const ARCHIVED = load(10_000, 2_000);
const SCROLL_BACK = load(2_000, 500);
const MAM = 'urn:xmpp:mam:2';

let browser: Browser;
let owner: Bot;
let room: string;
let newestId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  room = roomJid('history');
  owner = await connectBot(await createAccount('history-owner'));
  // Persistent, so the room (and its archive) stays when nobody is in it.
  await botJoinRoom(owner, room, 'Owner', { config: { 'muc#roomconfig_persistentroom': '1', 'muc#roomconfig_roomname': 'Long history' } });
  const t0 = Date.now();
  await installSink();
  await fillArchive(room, ARCHIVED);
  newestId = await newestArchiveId(owner, room);
  process.stderr.write(`[bench] history: ${ARCHIVED} messages archived in ${Date.now() - t0} ms\n`);
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
});

/** Three made-up occupants post `count` messages of varied length to `room`; resolves when all are archived. */
async function fillArchive(target: string, count: number): Promise<void> {
  const { anonDomain } = prosody();
  const flag = `natter_bench_fill_${randomId()}`;
  const started = await prosodyLua(`
    local st = require "util.stanza"
    local host = prosody.hosts[${lua(anonDomain)}]
    local nicks = { "Alice", "Bob", "Carol" }
    local words = { "the", "build", "is", "green", "again", "after", "we", "fixed", "flaky", "test", "in", "room", "list", "tomorrow", "release" }
    local function from(k) return string.format("bench-occ-hist-%d@${anonDomain}/web", k) end
    for k, nick in ipairs(nicks) do
      prosody.core_post_stanza(host, st.presence({ from = from(k), to = ${lua(target)} .. "/" .. nick })
        :tag("x", { xmlns = "http://jabber.org/protocol/muc" }):tag("history", { maxstanzas = "0" }):up():up())
    end
    local i = 0
    require("util.timer").add_task(0, function ()
      for _ = 1, 100 do
        i = i + 1
        if i > ${count} then prosody[${lua(flag)}] = "done"; return end
        local text = {}
        for w = 1, (i * 7) % 40 + 3 do text[w] = words[(i + w * 3) % #words + 1] end
        prosody.core_post_stanza(host, st.message({ from = from(i % 3 + 1), to = ${lua(target)}, type = "groupchat", id = "h" .. i })
          :tag("body"):text(string.format("%d: %s", i, table.concat(text, " "))):up())
      end
      return 0
    end)
    return "ok"
  `);
  if (started !== 'ok') throw new Error(`filling the archive failed: ${started}`);
  for (;;) {
    await sleep(1000);
    if ((await prosodyLua(`return prosody[${lua(flag)}] or "running"`)) === 'done') return;
  }
}

/** The id (stanza-id) of the newest message in the room's archive, asked as a client would (XEP-0313). */
async function newestArchiveId(bot: Bot, target: string): Promise<string> {
  const queryid = `newest-${randomId()}`;
  const rsm = xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('max', {}, '1'), xml('before', {}));
  await bot.iq(xml('iq', { type: 'set', to: target }, xml('query', { xmlns: MAM, queryid }, rsm)), 30_000);
  const result = await bot.waitFor(s => s.is('message') && s.getChild('result', MAM)?.attrs.queryid === queryid);
  return result.getChild('result', MAM)!.attrs.id as string;
}

/**
 * Times, inside Prosody, what mod_muc_mam asks the archive store for a join's newest page
 * (`archive:find` with limit 51, reverse, with = message<groupchat, total) and reads the 51 items:
 * the store's share of the archive's answer.
 */
async function timeStoreFind(target: string): Promise<number | null> {
  const [node, host] = target.split('@');
  const result = await prosodyLua(`
    local store = require "core.storagemanager".open(${lua(host)}, "muc_log", "archive")
    local clock = require "util.time".now
    local t0 = clock()
    for _ = 1, 10 do
      local items = store:find(${lua(node)}, { limit = 51, reverse = true, with = "message<groupchat", total = true })
      for _ in items do end
    end
    return string.format("%.3f", (clock() - t0) * 100)
  `).catch(() => null);
  const ms = Number(result);
  return result !== null && Number.isFinite(ms) ? round(ms) : null;
}

/** A bot asks the room's archive for its newest 50 messages, as the page does after joining; ms until the <fin/>. */
async function timeBotQuery(bot: Bot, target: string): Promise<number> {
  const rsm = xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('max', {}, '50'), xml('before', {}));
  const t0 = now();
  await bot.iq(xml('iq', { type: 'set', to: target }, xml('query', { xmlns: MAM, queryid: `bot-${randomId()}` }, rsm)), 30_000);
  return round(now() - t0);
}

async function historyRun(run: number): Promise<Figures> {
  const user = await createAccount('history-user');
  const { page, errors, close } = await openPage(browser, '/app.html');
  try {
    await pageLogin(page, user);
    await trackMessages(page, room);
    await page.evaluate(() => (window as any).__bench.watchFrames('mam-fin', `<fin[^>]*urn:xmpp:mam:2`));
    // The join's steps as the page receives them: the room's disco#info, then our own presence (status 110).
    await page.evaluate(() => (window as any).__bench.watchFrames('room-disco', `<iq[^>]*type=['"]result['"][^>]*>\\s*<query[^>]*disco#info`));
    await page.evaluate(() => (window as any).__bench.watchFrames('self-presence', `<status[^>]*code=['"]110['"]`));
    await markTimeline(page, 'bench:start');
    const start = now();
    await page.evaluate((r: string, n: string) => (window as any).benchPage.joinRoom(r, n), room, `Reader${run}`);
    const newest = await waitShown(page, newestId, 60_000);
    await markTimeline(page, 'bench:end');
    const fin = (await page.evaluate(() => (window as any).__bench.frameWatch('mam-fin')))?.first as number | null;
    const disco = (await page.evaluate(() => (window as any).__bench.frameWatch('room-disco')))?.first as number | null;
    const joined = (await page.evaluate(() => (window as any).__bench.frameWatch('self-presence')))?.first as number | null;
    const joinTasks = await longTasks(page, start, newest.at ?? newest.storeAt ?? now());
    await sleep(300);

    const back = (await page.evaluate((r: string, n: number) => (window as any).benchPage.scrollBack(r, n, 300_000, 'mam-fin'), room, SCROLL_BACK)) as {
      older: number;
      clicks: number;
      durationMs: number;
      frames: number[];
      pages: { requested: number; answered: number | null; shown: number; how: string; size: number }[];
    };
    const pageMs = back.pages.map(p => p.shown - p.requested).filter(Number.isFinite);
    // The same split in the server's part (asked → the archive's <fin/> in the page) and the page's (→ shown).
    const answered = back.pages.filter(p => p.answered !== null && Number.isFinite(p.shown));
    const serverMs = answered.map(p => p.answered! - p.requested);
    const clientMs = answered.map(p => p.shown - p.answered!);
    const frameMedian = median(back.frames);
    if (errors.length) process.stderr.write(`[bench] history page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return {
      archived: ARCHIVED,
      newestShownMs: newest.at === null ? null : round(newest.at - start),
      newestShownBy: newest.how,
      newestShownAfterArchiveMs: newest.at !== null && fin ? round(newest.at - fin) : null,
      archiveAnsweredMs: fin ? round(fin - start) : null,
      roomDiscoAnsweredMs: disco ? round(disco - start) : null,
      selfPresenceMs: joined ? round(joined - start) : null,
      archiveAfterSelfPresenceMs: fin && joined ? round(fin - joined) : null,
      // The same query (newest 51 of the room's groupchat messages, with the total) timed inside Prosody's store.
      storeFindMs: await timeStoreFind(room),
      // The join's query (newest 50) asked by a bot over its own connection: Prosody's whole answer, without the page.
      botQueryMs: await timeBotQuery(owner, room),
      joinLongestTaskMs: joinTasks.longestTaskMs,
      scrolledBack: back.older,
      olderPages: back.pages.length,
      loadedBy: back.clicks ? 'load-earlier button' : 'scrolling to the top',
      olderPageMedianMs: round(median(pageMs) ?? NaN),
      olderPageWorstMs: round(Math.max(...pageMs)),
      olderPageArchiveMedianMs: serverMs.length ? round(median(serverMs)!) : null,
      olderPageAfterArchiveMedianMs: clientMs.length ? round(median(clientMs)!) : null,
      olderPageShownBy: back.pages[0]?.how ?? null,
      scrollFpsMedian: frameMedian ? round(1000 / frameMedian) : null,
      worstFrameMs: round(Math.max(...back.frames)),
      framesOver50Ms: back.frames.filter(f => f > 50).length,
      frames: back.frames.length,
      scrollBackMs: round(back.durationMs),
      // Each older page: asked → shown (ms), in the order they loaded.
      olderPagesMs: pageMs.map(ms => Math.round(ms)).join(' '),
      pageErrors: errors.length,
    };
  } finally {
    await close();
  }
}

it(`history of ${ARCHIVED}`, async () => {
  await scenario(
    'history',
    `History: ${ARCHIVED} archived`,
    historyRun,
    m => [
      check('newest page shown after join', m.newestShownMs, 'ms', '<=', 300, 'not shown'),
      info('  archive answered the join query', m.archiveAnsweredMs, 'ms'),
      info('  newest shown after that answer', m.newestShownAfterArchiveMs, 'ms'),
      info('  room disco#info answered', m.roomDiscoAnsweredMs, 'ms'),
      info('  own presence (joined)', m.selfPresenceMs, 'ms'),
      info('  archive answer after joined', m.archiveAfterSelfPresenceMs, 'ms'),
      info('  the query inside Prosody\'s store', m.storeFindMs, 'ms'),
      info('  the query asked by a bot (no page)', m.botQueryMs, 'ms'),
      check('older page shown after asking (median)', m.olderPageMedianMs, 'ms', '<=', 300),
      info('  the archive answering (median)', m.olderPageArchiveMedianMs, 'ms'),
      info('  shown after the answer (median)', m.olderPageAfterArchiveMedianMs, 'ms'),
      info('older page shown after asking (worst)', m.olderPageWorstMs, 'ms'),
      check('scrolling back, median frame rate', m.scrollFpsMedian, 'fps', '>=', 50),
      info('scrolling back, worst frame', m.worstFrameMs, 'ms'),
    ],
    [
      'newest page: from the joinRoom call to the newest archived message in the DOM (archiveAnsweredMs: when the page got the archive\'s <fin/>).',
      `Scrolling back ${SCROLL_BACK} messages at 150 px per frame; "loadedBy" says whether the list loaded pages on reaching the top or the load-earlier button had to be clicked.`,
      'Prosody internal storage reads the whole room archive for every archive query, so the server part grows with the archive.',
    ],
  );
});
