/**
 * Scenario 2, roster: an account with 5,000 contacts signs in on a page with <natter-roster>.
 * The roster is written to Prosody's storage before the login (5,000 roster sets by a client
 * would each rewrite the whole roster file). Measured from the moment the page's websocket
 * received the roster result: rendered (rows in the DOM and the store holding every contact),
 * interactive (no long task running any more), and the filter: one name typed, until the list
 * shows only that contact.
 */
import { createAccount, prosody, stopAllBots } from '../tests/prosody';
import {
  check,
  info,
  launchBrowser,
  load,
  longTasks,
  markTimeline,
  lua,
  now,
  openPage,
  pageLogin,
  prosodyLua,
  round,
  scenario,
  sleep,
  type Figures,
} from './support';
import type { Browser, Page } from 'puppeteer-core';

jest.setTimeout(30 * 60_000);

const CONTACTS = load(5000, 1000);
/** One contact has a name no other one shares, to filter by. */
const NEEDLE_NAME = 'Quinn Zebrowski';
const NEEDLE_QUERY = 'zebrow';
/** After rendering, long tasks up to this much later still count against "interactive". */
const SETTLE_MS = 1000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await stopAllBots();
  await browser?.close();
});

/** Writes `count` contacts (subscription both, names, 25 groups) as `local`'s roster in Prosody's storage. */
async function fillRoster(local: string, count: number): Promise<void> {
  const { domain } = prosody();
  const result = await prosodyLua(`
    local first = {"Ada","Ben","Chloe","Dan","Eva","Femi","Gus","Hana","Ivan","Jade","Kai","Lena","Milo","Nora","Omar","Pia","Raj","Sara","Tom","Uma","Vic","Wen","Yusuf","Zoe"}
    local last = {"Adams","Baker","Costa","Dubois","Evans","Fischer","Garcia","Hughes","Ito","Jensen","Kowalski","Lopez","Moreau","Novak","Okafor","Petrov","Rossi","Silva","Tanaka","Ueda","Vargas","Weber","Xu","Young"}
    local roster = {}
    for i = 1, ${count} do
      local name = first[i % #first + 1] .. " " .. last[(i * 7) % #last + 1]
      if i == ${Math.floor(count * 0.86)} then name = ${lua(NEEDLE_NAME)} end
      roster[string.format("contact-%05d@${domain}", i)] = { subscription = "both", name = name, groups = { ["Team " .. (i % 25 + 1)] = true } }
    end
    local ok, err = require("core.storagemanager").open(${lua(domain)}, "roster", "keyval"):set(${lua(local)}, roster)
    local cache = prosody.hosts[${lua(domain)}].roster_cache
    if cache then cache:set(${lua(`${local}@${domain}`)}, nil) end
    return ok and "ok" or ("error " .. tostring(err))
  `);
  if (result !== 'ok') throw new Error(`writing the roster failed: ${result}`);
}

/** In the page: resolves when the roster shows rows and its store holds `count` contacts. */
function rosterRendered(page: Page, count: number) {
  return page.evaluate(async (n: number) => {
    const bench = (window as any).__bench;
    const session = await (window as any).benchPage.session();
    const roster = document.querySelector('natter-roster') as any;
    await roster.componentOnReady();
    return bench.when(
      () => Object.keys(session.roster.get('contacts')).length >= n && roster.shadowRoot.querySelectorAll('[part~=item]').length > 0,
      [roster.shadowRoot],
      120_000,
    );
  }, count) as Promise<{ at: number }>;
}

/** In the page: types `text` into the filter at once (one input event) and resolves when the list shows only `name`. */
function filterTo(page: Page, text: string, name: string) {
  return page.evaluate(
    async (query: string, expected: string) => {
      const bench = (window as any).__bench;
      const root = (document.querySelector('natter-roster') as any).shadowRoot;
      const input = root.querySelector('input[part~=filter]') as HTMLInputElement;
      const start = bench.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      const shown = await bench.when(() => {
        const rows = root.querySelectorAll('[part~=item]');
        return rows.length === 1 && rows[0].textContent.includes(expected);
      }, [root]);
      return { start, at: shown.at };
    },
    text,
    name,
  ) as Promise<{ start: number; at: number }>;
}

async function rosterRun(): Promise<Figures> {
  const user = await createAccount('roster-user');
  await fillRoster(user.local, CONTACTS);
  const { page, errors, close } = await openPage(browser, '/app.html');
  try {
    // The roster result: an <iq type="result"> whose <query> is jabber:iq:roster.
    await page.evaluate(() => (window as any).__bench.watchFrames('roster', `<iq[^>]*type=['"]result['"][^>]*>\\s*<query[^>]*jabber:iq:roster`));
    await markTimeline(page, 'bench:start');
    const loginStart = now();
    const rendered = rosterRendered(page, CONTACTS);
    await pageLogin(page, user);
    const renderedAt = (await rendered).at;
    const arrived = (await page.evaluate(() => (window as any).__bench.frameWatch('roster')))?.first as number | null;
    await sleep(SETTLE_MS);
    const from = arrived ?? loginStart;
    const tasks = await longTasks(page, from, renderedAt + SETTLE_MS);
    const lastTaskEnd = (await page.evaluate((a: number, b: number) => (window as any).__bench.longTasksBetween(a, b), from, renderedAt + SETTLE_MS) as { start: number; duration: number }[])
      .reduce((end, t) => Math.max(end, t.start + t.duration), 0);
    const interactiveAt = Math.max(renderedAt, lastTaskEnd);

    await markTimeline(page, 'bench:end');
    const filter = await filterTo(page, NEEDLE_QUERY, NEEDLE_NAME);
    await sleep(200);
    const filterTasks = await longTasks(page, filter.start, filter.at);
    if (errors.length) process.stderr.write(`[bench] roster page errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return {
      contacts: CONTACTS,
      measuredFrom: arrived ? 'roster result frame' : 'login start',
      rosterArrivedAfterLoginMs: arrived ? round(arrived - loginStart) : null,
      renderedMs: round(renderedAt - from),
      interactiveMs: round(interactiveAt - from),
      ...tasks,
      filterMs: round(filter.at - filter.start),
      filterLongestTaskMs: filterTasks.longestTaskMs,
      pageErrors: errors.length,
    };
  } finally {
    await close();
  }
}

it(`roster of ${CONTACTS}`, async () => {
  await scenario(
    'roster',
    `Roster: ${CONTACTS} contacts`,
    rosterRun,
    m => [
      check('rendered after the roster arrived', m.renderedMs, 'ms', '<=', 300),
      check('interactive after the roster arrived', m.interactiveMs, 'ms', '<=', 300),
      check('filter by a name', m.filterMs, 'ms', '<=', 50),
      check('longest long task (arrival to 1 s after render)', m.longestTaskMs, 'ms', '<=', 50),
      info('roster result after login start', m.rosterArrivedAfterLoginMs, 'ms'),
    ],
    [
      'Times from the websocket frame carrying the roster result (as the page received it), else from the login start (measuredFrom says which).',
      'rendered: the roster shows rows and its store holds every contact; interactive: rendered and the last long task (up to 1 s after) over.',
      'filter: one input event with the whole query, until the list shows exactly the one matching contact.',
    ],
  );
});
