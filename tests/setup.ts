/**
 * Jest setupFilesAfterEnv (stencil.config.ts `testing.setupFilesAfterEnv`): runs in every spec and
 * e2e test file before its tests.
 *
 * Node 20 has no global WebSocket; @xmpp/websocket (bots in tests/prosody.ts, the XMPP adapter in
 * Node) needs one, so provide the `ws` implementation when it is missing.
 */
import WebSocket from 'ws';
import { isLoopbackHost } from '../adapters/xmpp/discovery';

const g = globalThis as { WebSocket?: unknown; fetch?: typeof fetch };
if (typeof g.WebSocket === 'undefined') g.WebSocket = WebSocket;

// Tests stay on this machine. The XMPP adapter asks https://<domain>/.well-known/host-meta
// (XEP-0156) whenever a connect names no service, and spec domains such as capulet.lit are real
// names: a fetch of any host but loopback fails at once, as it would offline. A spec that needs an
// answer replaces fetch itself.
const nativeFetch = g.fetch;
if (nativeFetch) {
  g.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (!isLoopbackHost(url.hostname)) return Promise.reject(new TypeError(`fetch ${url.href}: tests stay on loopback`));
    return nativeFetch(input, init);
  };
}

// Jest's default of 5 s per test is close to what the heaviest specs (100 KB hostile bodies, 20,000
// stanza children) take on a loaded 2-core CI machine, which has run 5–50 times slower than an idle
// one; a hang still fails. E2e files set their own timeout after this.
jest.setTimeout(30_000);

// Every e2e page opens in a window of its own. The test workers share one Chromium, and a page
// opened as a tab hides the tab before it in the same window: a hidden page gets no animation
// frames, so whatever waits for frames there (the list's measuring, the whole-message box filling)
// stalls until the other worker's page closes. Stencil opens pages with a plain `newPage()`;
// the first page of a file shows which browser this worker uses, and later pages are windows.
type TestBrowser = { newPage(options?: { type?: 'tab' | 'window' }): Promise<unknown> };
type TestPage = { browser(): TestBrowser };
const testGlobal = globalThis as { __NEW_TEST_PAGE__?: () => Promise<TestPage> };
const openTestPage = testGlobal.__NEW_TEST_PAGE__;
if (openTestPage) {
  const windowed = new WeakSet<TestBrowser>();
  testGlobal.__NEW_TEST_PAGE__ = async () => {
    const page = await openTestPage();
    const browser = page.browser();
    if (windowed.has(browser)) return page;
    const openTab = browser.newPage.bind(browser);
    browser.newPage = options => openTab({ ...options, type: 'window' });
    windowed.add(browser);
    return openTestPage(); // closes the tab just opened, as it closes every earlier page of the file
  };
}
