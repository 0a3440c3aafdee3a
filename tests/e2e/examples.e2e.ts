/**
 * The framework examples (examples/react, examples/vue, examples/angular, built by
 * scripts/build-examples.mjs before the tests) and the plain-HTML example, in Chromium: each shows a
 * roster on the demo network, a click in the roster's shadow DOM reaches the framework's state (the
 * page's own text changes), and the chosen contact reaches the chatbox. Vue's v-model and Angular's
 * ngModel bind a composer's text both ways. A broken wrapper fails here: nothing renders, or the
 * framework never hears the event, or the binding never moves.
 */
import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { installDeep, keepFocused, waitForText } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

const ROOT = join(__dirname, '..', '..');
const ALICE = 'alice@demo.natter.chat';
const ROW = `natter-roster >>> button.item[data-jid="${ALICE}"]`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // The suite's Chromium, reached through a Stencil page that is closed at once: the tests open
  // plain pages of their own in it (and close them after each test).
  const stencilPage = await newE2EPage();
  browser = (stencilPage as unknown as Page).browser(); // an E2EPage is a puppeteer Page; its type hides browser()
  await stencilPage.close();
  // The repository's files on loopback, read-only: the built apps and the HTML example with the dist/ it loads.
  server = createServer((request, response) => {
    const path = normalize(join(ROOT, decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (request.method !== 'GET' || !file.startsWith(ROOT + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

let page: Page | undefined;

afterEach(async () => {
  await page?.close();
  page = undefined;
});

/** A plain page (no Stencil test server in between) in the suite's Chromium, at `path`; page errors go to `errors`. */
async function open(path: string, errors: string[]): Promise<E2EPage> {
  const file = join(ROOT, path, path.endsWith('/') ? 'index.html' : '');
  if (!existsSync(file)) throw new Error(`${path} is not built: run \`npm run examples\` after \`npx stencil build\` (npm test does both)`);
  page = await browser.newPage();
  // The other worker's pages share the browser; the composer tests click and type (see keepFocused).
  await keepFocused(page as unknown as E2EPage);
  page.on('pageerror', (err: unknown) => errors.push(err instanceof Error ? err.message : String(err)));
  page.on('console', message => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${origin}/${path}`);
  const e2ePage = page as unknown as E2EPage;
  await installDeep(e2ePage);
  return e2ePage;
}

/** Renders the roster, then a real click on Alice in it updates the framework's text and opens her chat. */
async function pickAlice(page: E2EPage): Promise<void> {
  await waitForText(page, '#selected', 'Pick a contact');
  await waitForText(page, `${ROW} [part=name]`, 'Alice Martin');
  await page.click(ROW);
  await waitForText(page, '#selected', `Chatting with ${ALICE}`);
  await waitForText(page, 'natter-chatbox >>> [part=title]', 'Alice Martin');
}

/** The composer bound with v-model / ngModel: typing reaches the framework's state, and the framework's clear empties it. */
async function checkBoundComposer(page: E2EPage): Promise<void> {
  const input = '#bound-composer >>> textarea[part=input]';
  await waitForText(page, '#draft-length', '0 characters in the draft');
  await page.click(input);
  await page.keyboard.type('hello');
  await waitForText(page, '#draft-length', '5 characters in the draft');
  await page.click('#clear-draft');
  await waitForText(page, '#draft-length', '0 characters in the draft');
  // The model's new value reached the element: the text area is empty again.
  await page.waitForFunction(
    (path: string) => (window as unknown as { __natterDeep: (p: string) => HTMLTextAreaElement[] }).__natterDeep(path)[0]?.value === '',
    { polling: 50, timeout: 10_000 },
    input,
  );
}

describe('framework examples', () => {
  it('React: the roster renders, onNatterRosterSelect sets React state, the chatbox gets the contact as a prop', async () => {
    const errors: string[] = [];
    const page = await open('examples/react/dist/', errors);
    await pickAlice(page);
    expect(errors).toEqual([]);
  });

  it('Vue: the roster renders, @natter-roster-select sets Vue state, v-model binds a composer both ways', async () => {
    const errors: string[] = [];
    const page = await open('examples/vue/dist/', errors);
    await pickAlice(page);
    await checkBoundComposer(page);
    expect(errors).toEqual([]);
  });

  it('Angular: the roster renders, (natterRosterSelect) sets a signal, ngModel binds a composer both ways', async () => {
    const errors: string[] = [];
    const page = await open('examples/angular/dist/', errors);
    await pickAlice(page);
    await checkBoundComposer(page);
    expect(errors).toEqual([]);
  });

  it('plain HTML: one module script defines the elements; the page hears natterRosterSelect and the chatbox opens the chat', async () => {
    const errors: string[] = [];
    const page = await open('examples/html/index.html', errors);
    await pickAlice(page);
    expect(errors).toEqual([]);
  });
});
