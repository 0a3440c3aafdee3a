/**
 * XEP-0156 discovery through @xmpp/resolve's HTTP resolver, with a fake `fetch`: what is asked,
 * which links are taken, which are refused and why, and the default when nothing usable comes.
 */
import { DISCOVERY_TIMEOUT, defaultService, discoverService, isLoopbackHost, refusal } from './discovery';

const realFetch = globalThis.fetch;
let requested: string[];

/** Answers every fetch with `body` (or fails it when `body` is an Error). */
function serve(body: string | Error | (() => Promise<Response>), status = 200) {
  globalThis.fetch = jest.fn(async (input: string | URL | Request) => {
    requested.push(String(input));
    if (typeof body === 'function') return body();
    if (body instanceof Error) throw body;
    return new Response(body, { status, headers: { 'content-type': 'application/xrd+xml' } });
  }) as typeof fetch;
}

const xrd = (...links: [rel: string, href: string][]) =>
  `<?xml version="1.0" encoding="utf-8"?><XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">${links
    .map(([rel, href]) => `<Link rel="urn:xmpp:alt-connections:${rel}" href="${href}"/>`)
    .join('')}</XRD>`;

beforeEach(() => {
  requested = [];
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('discoverService', () => {
  it("asks https://<domain>/.well-known/host-meta and takes its wss: WebSocket link", async () => {
    serve(xrd(['xbosh', 'https://example.org/http-bind'], ['websocket', 'wss://chat.example.org:5281/xmpp-websocket']));
    await expect(discoverService('example.org', { pageHost: 'app.example.net' })).resolves.toEqual({
      service: 'wss://chat.example.org:5281/xmpp-websocket',
      source: 'host-meta',
      refused: [],
    });
    expect(requested).toEqual(['https://example.org/.well-known/host-meta']);
  });

  it('prefers a wss: link to a ws: one, whatever their order in the document', async () => {
    serve(xrd(['websocket', 'ws://localhost:5280/xmpp-websocket'], ['websocket', 'wss://localhost/xmpp-websocket']));
    expect((await discoverService('localhost', { pageHost: 'localhost' })).service).toBe('wss://localhost/xmpp-websocket');
  });

  it('refuses ws: to a host that is not loopback, and uses the default instead', async () => {
    serve(xrd(['websocket', 'ws://chat.example.org/xmpp-websocket']));
    await expect(discoverService('example.org', { pageHost: 'localhost' })).resolves.toEqual({
      service: 'wss://example.org/xmpp-websocket',
      source: 'default',
      refused: ['ws://chat.example.org/xmpp-websocket: not encrypted (ws: is accepted only on loopback)'],
    });
  });

  it('takes ws: on loopback only from a page on loopback (or with no page, as in Node)', async () => {
    serve(xrd(['websocket', 'ws://127.0.0.1:5280/xmpp-websocket']));
    expect((await discoverService('localhost', { pageHost: 'localhost' })).service).toBe('ws://127.0.0.1:5280/xmpp-websocket');
    expect((await discoverService('localhost', { pageHost: null })).service).toBe('ws://127.0.0.1:5280/xmpp-websocket');
    const fromAway = await discoverService('localhost', { pageHost: 'app.example.net' });
    expect(fromAway).toEqual({
      service: 'wss://localhost/xmpp-websocket',
      source: 'default',
      refused: ['ws://127.0.0.1:5280/xmpp-websocket: not encrypted (ws: is accepted only from a page on loopback)'],
    });
  });

  it('never takes a link that is not a WebSocket URL, even under the WebSocket rel', async () => {
    serve(
      xrd(
        ['websocket', 'https://example.org/xmpp-websocket'],
        ['websocket', 'javascript:alert(1)'],
        ['websocket', '/xmpp-websocket'],
        ['xbosh', 'https://example.org/http-bind'],
      ),
    );
    const found = await discoverService('example.org', { pageHost: 'localhost' });
    expect(found.service).toBe('wss://example.org/xmpp-websocket');
    expect(found.source).toBe('default');
    expect(found.refused).toEqual(
      expect.arrayContaining([
        'https://example.org/xmpp-websocket: not a WebSocket URL (https:)',
        'javascript:alert(1): not a WebSocket URL (javascript:)',
        '/xmpp-websocket: not an absolute URL',
        'https://example.org/http-bind: xbosh, not a WebSocket',
      ]),
    );
    expect(found.refused).toHaveLength(4);
  });

  it.each([
    ['the request fails (no server, CORS)', new TypeError('fetch failed')],
    ['the answer is not XML (a 404 page)', '<html><body>Not found</body></html'],
    ['the answer is empty', ''],
    ['the document has no WebSocket link', xrd()],
  ])('uses wss://<domain>/xmpp-websocket when %s', async (_what, body) => {
    serve(body);
    await expect(discoverService('example.org', { pageHost: 'localhost' })).resolves.toEqual({
      service: defaultService('example.org'),
      source: 'default',
      refused: [],
    });
    expect(defaultService('example.org')).toBe('wss://example.org/xmpp-websocket');
  });

  it('uses the default when host-meta takes longer than the timeout', async () => {
    serve(() => new Promise<Response>(() => undefined));
    const started = Date.now();
    expect((await discoverService('example.org', { timeout: 30 })).source).toBe('default');
    expect(Date.now() - started).toBeLessThan(DISCOVERY_TIMEOUT);
  });
});

describe('the rules', () => {
  it.each(['localhost', 'LOCALHOST', 'xmpp.localhost', '127.0.0.1', '127.12.0.9', '[::1]', '::1', 'localhost.'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.org', 'localhost.example.org', '128.0.0.1', '10.0.0.1', '[::2]', '127.0.0.1.example.org', ''])('%s is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('accepts wss: anywhere, ws: only between loopback ends, nothing else', () => {
    expect(refusal('wss://chat.example.org/ws', 'app.example.net')).toBeNull();
    expect(refusal('ws://[::1]:5280/ws', null)).toBeNull();
    expect(refusal('ws://127.0.0.1.example.org/ws', 'localhost')).toMatch(/not encrypted/);
    expect(refusal('http://chat.example.org/ws', null)).toMatch(/not a WebSocket URL/);
    expect(refusal('wss:', null)).toBe('not an absolute URL');
  });
});
