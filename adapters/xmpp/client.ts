/**
 * A thin typed view of the parts of an `@xmpp/client` 0.14 client the adapter uses.
 * `@types/xmpp__client` is incomplete (and partly wrong for 0.14), so the adapter talks to this
 * interface only; `createXmppClient` is the one place that casts. Tests can pass a fake.
 */
import { client } from '@xmpp/client';
import { FastScramSha1 } from './scram';
import { slicedFeed } from './sliced-feed';
import type { XmlElement } from './xml';

type Listener = (...args: any[]) => void;

export interface Emitter {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  /** Node's EventEmitter (which @xmpp/events re-exports) has it; fakes may not. */
  prependListener?(event: string, listener: Listener): unknown;
}

/** `onAuthenticate(authenticate, mechanisms, fast, entity)`, as called by @xmpp/sasl and @xmpp/sasl2. */
export type CredentialsHandler = (
  authenticate: (credentials: { username: string; password: string }, mechanism: string, userAgent?: XmlElement) => Promise<void>,
  mechanisms: string[],
  fast: unknown,
  entity: { isSecure(): boolean },
) => Promise<void>;

export interface XmppClientOptions {
  service: string;
  domain: string;
  resource?: string;
  credentials: CredentialsHandler;
  /** XEP-0388 user agent; passing one also keeps @xmpp/client from calling crypto.randomUUID (secure contexts only). */
  userAgent: XmlElement;
  /** Timeout for stream open/close, ms. */
  timeout?: number;
}

export interface IqCalleeContext {
  stanza: XmlElement;
  element: XmlElement;
}

export interface XmppClient extends Emitter {
  /** offline | connecting | connect | opening | open | online | closing | close | disconnecting | disconnect */
  status: string;
  jid: { toString(): string } | null;
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  send(element: XmlElement): Promise<void>;
  isSecure(): boolean;
  reconnect: Emitter & { start(): void; stop(): void; delay: number };
  iqCaller: {
    request(element: XmlElement, timeout?: number): Promise<XmlElement>;
    /** @xmpp/iq's outstanding requests by id (internal; read only to fail them when the session ends). */
    handlers?: Map<string, { reject(err: unknown): void }>;
  };
  iqCallee: {
    get(ns: string, name: string, handler: (ctx: IqCalleeContext) => unknown): void;
    set(ns: string, name: string, handler: (ctx: IqCalleeContext) => unknown): void;
  };
  /** XEP-0198: `inbound` is the count of handled incoming stanzas that `<a h/>` reports. */
  streamManagement?: Emitter & { enabled: boolean; id: string; inbound: number };
  /** FAST (XEP-0484) token authentication; the adapter disables it (its mechanism is not whitelisted). */
  fast?: { auth: (...args: unknown[]) => Promise<boolean> };
  /** The SASL mechanisms this build of @xmpp/client implements (SCRAM-SHA-1 is left out of browser builds). */
  saslFactory?: { _mechs: { name: string; mech?: unknown }[] };
}

export type XmppClientFactory = (options: XmppClientOptions) => XmppClient;

/**
 * The real client over WebSocket.
 *
 * @xmpp/client's package.json `browser` field maps @xmpp/sasl-scram-sha-1 to nothing, so browser
 * bundles (Stencil resolves with `browser: true`) can only log in with PLAIN; and where it is there
 * (Node), it derives the salted password slowly. Where `crypto.subtle` exists (secure contexts),
 * SCRAM-SHA-1 is our WebCrypto PBKDF2 one (./scram.ts), in either case.
 */
export const createXmppClient: XmppClientFactory = (options) => {
  const c = client(options as any) as unknown as XmppClient;
  // The connection reads `_onData` when it attaches its socket; big frames are then parsed in slices.
  const connection = c as unknown as { _onData(data: unknown): void; parser?: { write(text: string): void } | null };
  const feed = slicedFeed(text => connection.parser?.write(text));
  connection._onData = data => feed(typeof data === 'string' ? data : String(data));
  const factory = c.saslFactory;
  const subtle = (globalThis as { crypto?: { subtle?: unknown } }).crypto?.subtle;
  if (factory && subtle) {
    factory._mechs = factory._mechs.filter((m) => m.name !== 'SCRAM-SHA-1');
    factory._mechs.push({ name: 'SCRAM-SHA-1', mech: FastScramSha1 });
  }
  return c;
};
