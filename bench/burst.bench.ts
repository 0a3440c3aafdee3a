/**
 * Scenario 1, room burst: the user is in a room shown in <natter-chatbox>; bots send 1,000 (and
 * 5,000) groupchat messages as fast as Prosody takes them. A separate observer bot in the room
 * notes when the server delivered the last one to it; the page notes when that message's element
 * appeared (`data-message-id` = the room's stanza-id, which is the message id in the store).
 */
import { xml } from '@xmpp/client';
import { botJoinRoom, connectBot, createAccount, randomId, roomJid, stopAllBots, type Bot, type Stanza } from '../tests/prosody';
import {
  chatboxState,
  check,
  heapAfterGc,
  info,
  launchBrowser,
  load,
  longTasks,
  markTimeline,
  now,
  openPage,
  pageJoinRoom,
  pageLogin,
  roomStanzaId,
  round,
  scenario,
  sleep,
  trackMessages,
  waitShown,
  within,
  type Figures,
} from './support';
import type { Browser } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const SIZES = load([1000, 5000], [300, 1000]);
const SENDERS = ['Alice', 'Bob'];
const TEXT = 'a line of ordinary chat, long enough to wrap on a narrow screen now and then';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
});

async function burstRun(count: number): Promise<Figures> {
  const room = roomJid('burst');
  const tag = `burst-${randomId()}`;
  const owner = await connectBot(await createAccount('burst-owner'));
  await botJoinRoom(owner, room, 'Owner');
  const observer = await connectBot(await createAccount('burst-observer'));
  await botJoinRoom(observer, room, 'Observer');
  const senders: Bot[] = [];
  for (const nick of SENDERS) {
    const bot = await connectBot(await createAccount(`burst-${nick}`));
    await botJoinRoom(bot, room, nick);
    senders.push(bot);
  }

  const user = await createAccount('burst-user');
  const { page, errors, close } = await openPage(browser, '/app.html');
  try {
    await pageLogin(page, user);
    await pageJoinRoom(page, room, 'Robin');
    await trackMessages(page, room);
    await page.evaluate((re: string) => (window as any).__bench.watchFrames('burst', re), tag);
    await sleep(500); // let the join settle (presences, the empty archive page)
    const heapBefore = await heapAfterGc(page);

    // The observer counts the burst as the server delivers it.
    let received = 0;
    let lastAt = 0;
    let lastId: string | undefined;
    const allIn = new Promise<void>(resolve => {
      observer.xmpp.on('stanza', (s: Stanza) => {
        if (!s.is('message') || s.attrs.type !== 'groupchat' || !(s.getChildText('body') ?? '').startsWith(tag)) return;
        received++;
        lastAt = now();
        lastId = roomStanzaId(s, room);
        if (received === count) resolve();
      });
    });

    await markTimeline(page, 'bench:start');
    const start = now();
    // Pipelined: every stanza is written at once; the server reads them as fast as it can.
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        senders[i % senders.length].send(xml('message', { to: room, type: 'groupchat', id: `${tag}-${i}` }, xml('body', {}, `${tag} ${i + 1}/${count}: ${TEXT}`))),
      ),
    );
    const sentAt = now();
    await within(allIn, 10 * 60_000, () => `the observer got ${received}/${count} messages`);
    if (!lastId) throw new Error('the last burst message carried no stanza-id from the room');

    const shown = await waitShown(page, lastId);
    await markTimeline(page, 'bench:end');
    const view = shown.at === null ? await chatboxState(page, room) : null;
    if (view) process.stderr.write(`[bench] burst: the last message got no element in the DOM; the chatbox: ${JSON.stringify(view)}\n`);
    const frames = await page.evaluate(() => (window as any).__bench.frameWatch('burst'));
    const tasks = await longTasks(page, start, shown.at ?? shown.storeAt ?? now());
    const inStore = await page.evaluate(
      async (jid: string, prefix: string) => {
        const session = await (window as any).benchPage.session();
        return session.conversation(jid).get('messages').filter((m: { body: string }) => m.body.startsWith(prefix)).length;
      },
      room,
      tag,
    );
    const heapAfter = await heapAfterGc(page);
    if (errors.length) process.stderr.write(`[bench] burst page errors: ${errors.slice(0, 5).join(' | ')}\n`);

    return {
      messages: count,
      sendMs: round(sentAt - start),
      serverDeliveredLastMs: round(lastAt - start),
      pageReceivedLastMs: frames?.last ? round(frames.last - start) : null,
      lastShownMs: shown.at === null ? null : round(shown.at - start),
      lastShownAfterDeliveryMs: shown.at === null ? null : round(shown.at - lastAt),
      lastInStoreAfterDeliveryMs: shown.storeAt === null ? null : round(shown.storeAt - lastAt),
      shownBy: shown.how,
      // The list still follows the newest messages (no "Jump to latest"), as it should without user scrolling.
      stillFollowing: view ? (view.followingLatest as boolean) : true,
      inStore,
      ...tasks,
      heapBeforeMB: round(heapBefore / 2 ** 20),
      heapAfterMB: round(heapAfter / 2 ** 20),
      heapGrowthMB: round((heapAfter - heapBefore) / 2 ** 20),
      pageErrors: errors.length,
    };
  } finally {
    await close();
    await Promise.all([owner, observer, ...senders].map(b => b.stop()));
  }
}

for (const count of SIZES) {
  it(`room burst of ${count}`, async () => {
    await scenario(
      `burst${count}`,
      `Room burst: ${count} messages`,
      () => burstRun(count),
      m => [
        check('last shown after delivery to another occupant', m.lastShownAfterDeliveryMs, 'ms', '<=', 500, 'not shown'),
        info('last in the store after delivery to another occupant', m.lastInStoreAfterDeliveryMs, 'ms'),
        check('longest long task during the burst', m.longestTaskMs, 'ms', '<=', 50),
        check('JS heap growth', m.heapGrowthMB, 'MB', '<=', 20),
      ],
      [
        'Times from the first send (Node clock = page clock). "shownBy": attr = data-message-id element, prop = a natter-message element holding the message, "not shown" = in the store but no element within 5 s (then stillFollowing says whether the list had stopped following the newest messages). A run where it was not shown counts as the worst in the median.',
        'inStore: burst messages the room store holds at the end (fewer than sent when the store keeps a window).',
      ],
    );
  });
}
