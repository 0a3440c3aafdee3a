/**
 * Jest setupFilesAfterEnv (stencil.config.ts `testing.setupFilesAfterEnv`): runs in every spec and
 * e2e test file before its tests.
 *
 * Node 20 has no global WebSocket; @xmpp/websocket (bots in tests/prosody.ts, the XMPP adapter in
 * Node) needs one, so provide the `ws` implementation when it is missing.
 */
import WebSocket from 'ws';

const g = globalThis as { WebSocket?: unknown };
if (typeof g.WebSocket === 'undefined') g.WebSocket = WebSocket;
