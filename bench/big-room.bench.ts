/**
 * Scenario 3, big room: the user is in a room shown in <natter-chatbox> and <natter-occupants>
 * when 2,000 people join; then a second user joins the room with everyone in it.
 *
 * 2,000 real clients would cost Prosody n² presence stanzas serialized to them (4 million), so
 * the occupants are made inside Prosody (prosodyLua): each one's join presence goes through the
 * MUC like a client's, from `bench-occ-…@anon.localhost`, and a sink on that host swallows what
 * the room still sends them. The user's page gets every join presence as from real people. The
 * joins are spread over Prosody's event loop (small chunks per timer tick), so presences stream
 * out while it works.
 */
import { xml } from '@xmpp/client';
import { botJoinRoom, connectBot, createAccount, prosody, randomId, roomJid, stopAllBots, type Stanza } from '../tests/prosody';
import {
  check,
  info,
  installSink,
  launchBrowser,
  load,
  longTasks,
  markTimeline,
  lua,
  now,
  openPage,
  pageJoinRoom,
  pageLogin,
  prosodyLua,
  roomOccupantCount,
  round,
  scenario,
  within,
  type Figures,
} from './support';
import type { Browser, Page } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const OCCUPANTS = load(2000, 500);
const CHUNK = 20; // joins per Prosody timer tick

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
});

/**
 * Starts `count` joins to `room` inside Prosody and returns at once (the joins run on its timer).
 *
 * Prosody 0.12's MUC copies every occupant for every presence it publishes, so a room filling up
 * to 2,000 costs it O(n²) copies: about 25 s of CPU here before any stanza is written (measured).
 * The made-up occupants have no client, so the room is told to skip them when publishing *their*
 * joins and when sending them the occupant list: real occupants (the page, the owner bot) get
 * exactly the presences they would get, and the joins arrive as fast as Prosody handles the rest.
 */
async function startJoins(room: string, tag: string, count: number): Promise<void> {
  const { anonDomain, mucDomain } = prosody();
  const result = await prosodyLua(`
    local st = require "util.stanza"
    local room = prosody.hosts[${lua(mucDomain)}].modules.muc.get_room_from_jid(${lua(room)})
    if not room then return "no such room" end
    local fake = function (jid) return jid ~= nil and jid:find("^bench%-occ%-") ~= nil end
    local publicise, each, list = room.publicise_occupant_status, room.each_occupant, room.send_occupant_list
    local quiet = false
    room.publicise_occupant_status = function (self, occupant, ...)
      if not fake(occupant.bare_jid) then return publicise(self, occupant, ...) end
      quiet = true
      local ok, err = pcall(publicise, self, occupant, ...)
      quiet = false
      if not ok then error(err) end
    end
    room.each_occupant = function (self, read_only)
      if not quiet then return each(self, read_only) end
      return function (occupants, key)
        local nick, raw = next(occupants, key)
        while nick ~= nil and fake(raw.bare_jid) do nick, raw = next(occupants, nick) end
        if nick == nil then return nil end
        return nick, self:get_occupant_by_nick(nick)
      end, self._occupants, nil
    end
    room.send_occupant_list = function (self, to, filter)
      if fake(to) then return end
      return list(self, to, filter)
    end
    local host = prosody.hosts[${lua(anonDomain)}]
    local i = 0
    require("util.timer").add_task(0, function ()
      for _ = 1, ${CHUNK} do
        i = i + 1
        if i > ${count} then return end
        prosody.core_post_stanza(host, st.presence({ from = string.format("bench-occ-${tag}-%d@${anonDomain}/web", i), to = string.format(${lua(`${room}/Guest %04d`)}, i) })
          :tag("x", { xmlns = "http://jabber.org/protocol/muc" }):tag("history", { maxstanzas = "0" }):up():up())
      end
      return 0
    end)
    return "ok"
  `);
  if (result !== 'ok') throw new Error(`starting the joins failed: ${result}`);
}

/** In the page: when the sidebar's count and the chatbox's occupant count both say `expected`. */
function countsShow(page: Page, expected: number) {
  return page.evaluate(async (n: number) => {
    const bench = (window as any).__bench;
    const sidebar = document.querySelector('natter-occupants') as any;
    const chatbox = document.querySelector('natter-chatbox') as any;
    const number = (root: ShadowRoot, part: string) => Number((root.querySelector(`[part~=${part}]`)?.textContent ?? '').replace(/\D/g, ''));
    const sidebarAt = bench.when(() => number(sidebar.shadowRoot, 'count') === n, [sidebar.shadowRoot], 120_000);
    const chatboxAt = bench.when(() => number(chatbox.shadowRoot, 'occupant-count') === n, [chatbox.shadowRoot], 120_000);
    return { sidebar: (await sidebarAt).at, chatbox: (await chatboxAt).at };
  }, expected) as Promise<{ sidebar: number; chatbox: number }>;
}

async function bigRoomRun(): Promise<Figures> {
  await installSink();
  const room = roomJid('big');
  const tag = randomId();
  const owner = await connectBot(await createAccount('big-owner'));
  await botJoinRoom(owner, room, 'Owner');
  const user = await createAccount('big-user');
  const second = await createAccount('big-second');
  const first = await openPage(browser, '/app.html');
  let late: Awaited<ReturnType<typeof openPage>> | undefined;
  try {
    await pageLogin(first.page, user);
    await pageJoinRoom(first.page, room, 'Robin');
    await countsShow(first.page, 2);

    // The owner sees the joins as the server delivers them.
    let joined = 0;
    let firstAt = 0;
    let lastAt = 0;
    const allIn = new Promise<void>(resolve => {
      owner.xmpp.on('stanza', (s: Stanza) => {
        if (!s.is('presence') || s.attrs.type || !String(s.attrs.from).startsWith(`${room}/Guest `)) return;
        if (++joined === 1) firstAt = now();
        lastAt = now();
        if (joined === OCCUPANTS) resolve();
      });
    });
    await markTimeline(first.page, 'bench:start');
    const start = now();
    await startJoins(room, tag, OCCUPANTS);
    await within(allIn, 10 * 60_000, () => `the owner saw ${joined}/${OCCUPANTS} joins`);
    const expected = await roomOccupantCount(owner, room);
    if (expected !== OCCUPANTS + 2) throw new Error(`the room has ${expected} occupants, expected ${OCCUPANTS + 2} (were some kicked?)`);
    const shown = await countsShow(first.page, expected);
    await markTimeline(first.page, 'bench:end');
    const tasks = await longTasks(first.page, firstAt, Math.max(shown.sidebar, shown.chatbox));

    // A second user joins the room with everyone in it: from the join call to the right count.
    late = await openPage(browser, '/app.html');
    await pageLogin(late.page, second);
    const joinStart = now();
    const joinShown = countsShow(late.page, expected + 1);
    await pageJoinRoom(late.page, room, 'Sam');
    const joinedAt = await joinShown;
    const joinTasks = await longTasks(late.page, joinStart, joinedAt.sidebar);
    const errors = [...first.errors, ...late.errors];
    if (errors.length) process.stderr.write(`[bench] big room page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return {
      occupants: expected,
      joinsStartedAfterMs: round(firstAt - start),
      joinsSpanMs: round(lastAt - firstAt),
      sidebarAfterLastJoinMs: round(shown.sidebar - lastAt),
      chatboxCountAfterLastJoinMs: round(shown.chatbox - lastAt),
      ...tasks,
      joinFullRoomSidebarMs: round(joinedAt.sidebar - joinStart),
      joinFullRoomLongestTaskMs: joinTasks.longestTaskMs,
      pageErrors: errors.length,
    };
  } finally {
    await first.close();
    await late?.close();
    // Destroying the room drops the made-up occupants with it.
    await owner.iq(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('destroy', {})))).catch(() => undefined);
    await owner.stop();
  }
}

it(`room of ${OCCUPANTS} joining`, async () => {
  await scenario(
    'bigroom',
    `Big room: ${OCCUPANTS} join`,
    bigRoomRun,
    m => [
      check('sidebar count right after the last join', m.sidebarAfterLastJoinMs, 'ms', '<=', 1000),
      check('longest long task while they join', m.longestTaskMs, 'ms', '<=', 50),
      info('chatbox occupant count right after the last join', m.chatboxCountAfterLastJoinMs, 'ms'),
      info('joins took (server, first to last)', m.joinsSpanMs, 'ms'),
      info('join the full room: sidebar count right', m.joinFullRoomSidebarMs, 'ms'),
      info('join the full room: longest long task', m.joinFullRoomLongestTaskMs, 'ms'),
    ],
    [
      '"after the last join": from the moment the room owner (a bot occupant) received the last join presence.',
      'Occupants are made inside Prosody (MUC joins from a host whose replies are swallowed; the room skips fanning their joins out to each other), not by 2,000 client connections: the page gets the same presences, faster than Prosody 0.12 would deliver them to a real room of 2,000.',
    ],
  );
});
