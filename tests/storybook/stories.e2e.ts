/**
 * axe-core on every story of the built Storybook (storybook-static/, built by `npm test` after
 * the Stencil build): one Chromium, one page of Storybook's own iframe.html, the stories shown one
 * after the other as the Storybook UI shows them (`setCurrentStory` on its channel; the preview
 * ends the last story's sessions), each checked once it has rendered (play function included) and
 * settled. Loading the page once instead of per story, with axe-core injected once, takes the
 * sweep from about 2 s to about 0.6 s a story. After a failure the next story gets a fresh page.
 * Each story is then checked again in every other shipped theme (themes/index.css; not `auto`,
 * which resolves to light or dark, tests/e2e/themes.e2e.ts) by switching the story frame's
 * data-natter-theme: custom properties re-cascade without rendering the story again.
 * A failure names the story and lists each rule, prefixed with the theme, with the elements
 * that break it.
 *
 * Stories run on the demo network with no latency here (`window.natterStoryLatency = 0`, read by
 * stories/demo.ts), so each is checked in its settled state without waiting 300 ms per answer;
 * stalled and failing requests (the loading and error stories) stay stalled and failing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

jest.setTimeout(60_000); // one story; generous: the other jest worker shares the 2 cores

const ROOT = join(__dirname, '..', '..');
const STATIC = join(ROOT, 'storybook-static');
const INDEX = join(STATIC, 'index.json');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** One line per broken rule: its id, impact and help, and the elements that break it. */
function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => JSON.stringify(n.target)).join(', ')}`);
}

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  parameters?: Record<string, unknown>;
}

const entries: IndexEntry[] = existsSync(INDEX) ? Object.values(JSON.parse(readFileSync(INDEX, 'utf8')).entries as Record<string, IndexEntry>) : [];
const stories = entries.filter(entry => entry.type === 'story');
const THEMES = [...readFileSync(join(ROOT, 'themes', 'index.css'), 'utf8').matchAll(/natter-([a-z-]+)\.css/g)].map(match => match[1]).filter(theme => theme !== 'auto');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** storybook-static/ over HTTP on loopback (ES modules do not load from file: URLs). */
function serveStatic(): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const path = normalize(join(STATIC, decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(STATIC) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

/** Runs in the page: resolves once Storybook has rendered story `id` (and its play function) or failed. */
function storyDone(id: string): { phase: string; error: string } | false {
  const preview = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string } } }).__STORYBOOK_PREVIEW__;
  if (preview?.currentRender?.id !== id) return false;
  // Every render ends 'finished', also after a failed render or play function, which shows the error display.
  const phase = preview.currentRender.phase ?? '';
  if (phase !== 'finished' && phase !== 'aborted') return false;
  const failed = phase === 'aborted' || document.body.classList.contains('sb-show-errordisplay');
  return { phase, error: failed ? document.querySelector('#error-message')?.textContent || phase : '' };
}

/**
 * Runs in the page: resolves when the story's DOM, shadow roots included, has not changed for
 * two checks in a row (the session applies events once per frame, then the components render),
 * or after `limit` ms.
 */
async function settled(limit: number): Promise<void> {
  // Node count and a hash of all text: a count going from 1521 to 3020 changes no length.
  const shape = (root: Node): string => {
    let nodes = 0;
    let hash = 0;
    const walk = (node: Node) => {
      nodes++;
      const text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
      for (let index = 0; index < text.length; index++) hash = (hash * 31 + text.charCodeAt(index)) | 0;
      const shadow = (node as Element).shadowRoot;
      if (shadow) walk(shadow);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    return `${nodes}:${hash}`;
  };
  const root = document.getElementById('storybook-root')!;
  const frame = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 60)));
  const started = performance.now();
  let last = '';
  let same = 0;
  while (same < 2 && performance.now() - started < limit) {
    await frame();
    const now = shape(root);
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

/**
 * Runs in the page: axe-core with its default rules on the story's root, in the story's own theme
 * and then in each of `themes` (set on the story frame, then put back). Violations carry their theme.
 */
async function axeOnStory(themes: string[]): Promise<AxeViolation[]> {
  const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
  const root = document.getElementById('storybook-root')!;
  const frame = root.querySelector<HTMLElement>('.natter-story');
  const own = frame?.dataset.natterTheme ?? 'light';
  const found: AxeViolation[] = [];
  for (const theme of [own, ...themes.filter(other => other !== own)]) {
    if (frame) frame.dataset.natterTheme = theme;
    await new Promise(resolve => requestAnimationFrame(resolve));
    const result = await axe.run(root, { resultTypes: ['violations'] });
    for (const violation of result.violations) {
      found.push({ id: `[${theme}] ${violation.id}`, impact: violation.impact, help: violation.help, nodes: violation.nodes.map(node => ({ target: node.target })) });
    }
    if (!frame) break;
  }
  if (frame) frame.dataset.natterTheme = own;
  return found;
}

/**
 * The suite's Chromium: `npm test` starts it (scripts/test.mjs) and hands its endpoint to Stencil
 * and to this file through NATTER_BROWSER_WS; Stencil closes it at the end of the run. Run without
 * it (plain `npx stencil test`), this file launches its own with the same flags (tests/chromium-args.cjs:
 * QUIC off, no Local Network Access checks, a fake microphone for the recording story) and time to
 * come up on a loaded machine.
 */
async function sharedBrowser(): Promise<Browser> {
  const endpoint = process.env.NATTER_BROWSER_WS;
  if (endpoint) return puppeteer.connect({ browserWSEndpoint: endpoint });
  return puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: 'shell',
    args: require('../chromium-args.cjs'),
    timeout: 180_000,
  });
}

let browser: Browser;
let page: Page;
/** The page shows Storybook's preview, ready to switch stories; false after a failure. */
let previewReady = false;
let server: Server;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (stories.length === 0) return;
  ({ server, base } = await serveStatic());
  browser = await sharedBrowser();
  page = await browser.newPage();
  // The browser is shared with the other jest worker's pages: without focus emulation only the page
  // in front has focus, and stories that focus or type would behave otherwise (tests/e2e/support.ts keepFocused).
  await (await page.createCDPSession()).send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', error => pageErrors.push(error instanceof Error ? error.message : String(error)));
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { natterStoryLatency: number }).natterStoryLatency = 0;
  });
});

afterAll(async () => {
  if (process.env.NATTER_BROWSER_WS) {
    // The run's shared browser: close this file's page, leave the browser to Stencil.
    await page?.close().catch(() => undefined);
    await browser?.disconnect();
  } else {
    await browser?.close();
  }
  await new Promise(resolve => (server ? server.close(resolve) : resolve(undefined)));
});

describe('Storybook', () => {
  it('is built, with stories for every component, checked in every theme', () => {
    expect(THEMES).toEqual(expect.arrayContaining(['light', 'dark', 'high-contrast']));
    expect(existsSync(INDEX) ? 'built' : `missing ${INDEX}: run npm run build-storybook`).toBe('built');
    const components = readdirSync(join(ROOT, 'components')).filter(name => name.startsWith('natter-'));
    const withStories = new Set(stories.map(story => story.id.split('--')[0]));
    expect(components.filter(tag => !withStories.has(tag))).toEqual([]);
  });

  // One test per story, named after it; `it.each` needs a row, so a missing build gives one that fails above.
  const rows = stories.length > 0 ? stories.map(story => [`${story.title} / ${story.name}`, story.id]) : [['(no stories)', '']];

  it.each(rows)('axe-core finds no violation in %s', async (_name, id) => {
    if (!id) return expect(stories.length).toBeGreaterThan(0);
    pageErrors.length = 0;
    const ready = previewReady;
    previewReady = false;
    if (ready) {
      await page.evaluate((storyId: string) => {
        const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, data: object): void } }).__STORYBOOK_ADDONS_CHANNEL__;
        channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
      }, id);
    } else {
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`, { waitUntil: 'load' });
      await page.addScriptTag({ path: require.resolve('axe-core') });
    }
    const done = await (await page.waitForFunction(storyDone, { polling: 25, timeout: 20_000 }, id)).jsonValue();
    expect(done).toEqual(expect.objectContaining({ error: '' }));
    await page.evaluate(settled, 4000);
    const violations = await page.evaluate(axeOnStory, THEMES);
    expect(describeViolations(violations)).toEqual([]);
    expect(pageErrors).toEqual([]);
    previewReady = true;
  });
});
