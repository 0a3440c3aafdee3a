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
