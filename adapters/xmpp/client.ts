/**
 * A thin typed view of the parts of an `@xmpp/client` 0.14 client the adapter uses.
 * `@types/xmpp__client` is incomplete (and partly wrong for 0.14), so the adapter talks to this
 * interface only; `createXmppClient` is the one place that casts. Tests can pass a fake.
 */
import { client } from '@xmpp/client';
import { AdapterError } from '../types';
import { registeredSaslMechanisms, type SaslMechanism, type SaslMechanismClass } from './sasl';
import { FastScramSha1, ScramSha256 } from './scram';
import { slicedFeed } from './sliced-feed';
import type { FastToken } from './token-store';
import { xml, type XmlElement } from './xml';

export type { FastToken };

const NS_FAST = 'urn:xmpp:fast:0';
const NS_BIND2 = 'urn:xmpp:bind:0';

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

/**
 * What to do about FAST at one SASL2 authentication (asked at each, reconnects included):
 * `none` — neither use nor ask for a token; `request` — authenticate with the password and ask for
 * a token; `use` — authenticate with this token only (never falling back to the password), and with
 * `invalidate` have the server revoke it (XEP-0484 §3.6).
 */
export type FastStep = { kind: 'none' } | { kind: 'request' } | { kind: 'use'; token: FastToken; invalidate?: boolean };

export interface FastHooks {
  step(): FastStep;
  /** A token the server issued: asked for, or rotated at a FAST authentication. */
  save(token: FastToken): Promise<void>;
}

export interface XmppClientOptions {
  service: string;
  domain: string;
  /** Bind2 (XEP-0386) tag, else the resource requested by RFC 6120 binding. */
  resource?: string;
  /** The account's local part: the stream header then names the account (`from`), which FAST needs (XEP-0484 §4.1). */
  username?: string;
  /**
   * Bind2 when the server offers it (default true). Off when a given resource is wanted: with
   * Bind2 the server picks the resource, from `resource` as a tag.
   */
  bind2?: boolean;
  /** FAST (XEP-0484). Without it no token is ever used or asked for. */
  fast?: FastHooks;
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
  /** @xmpp/client's FAST module (XEP-0484); `createXmppClient` drives it through `XmppClientOptions.fast`. */
  fast?: LibraryFast;
  /** The SASL mechanisms this client implements (`saslmechanisms`' factory; @xmpp/sasl and @xmpp/sasl2 call `create([name])`). */
  saslFactory?: { _mechs: { name: string; mech?: unknown }[]; create?(names: string[]): SaslMechanism | null };
}

/** What @xmpp/sasl2 hands to `fast.auth` before every SASL2 authentication. */
export interface FastAuthArgs {
  authenticate(options: { streamFeatures: (XmlElement | undefined)[] } & Record<string, unknown>): Promise<void>;
  credentials: Record<string, unknown>;
  /** The inline requests (Bind2, FAST…) that go into `<authenticate/>`; may be changed before it is sent. */
  streamFeatures: (XmlElement | undefined)[];
  [key: string]: unknown;
}

/** The parts of @xmpp/client-core's `fast` module (src/fast/fast.js) used here. */
export interface LibraryFast {
  /** The FAST mechanism the server offers on this stream (HT-SHA-256-NONE is the only one @xmpp/client has), or null. */
  mechanism: string | null;
  auth(args: FastAuthArgs): Promise<boolean>;
  saveToken(token: FastToken): Promise<void>;
  fetchToken(): Promise<FastToken | null | undefined>;
  deleteToken(): Promise<void>;
}

export type XmppClientFactory = (options: XmppClientOptions) => XmppClient;

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/**
 * The real client over WebSocket.
 *
 * @xmpp/client's package.json `browser` field maps @xmpp/sasl-scram-sha-1 to nothing, so browser
 * bundles (Stencil resolves with `browser: true`) could only log in with PLAIN; and where it is
 * there (Node), it derives the salted password slowly and never checks the server's signature.
 * Where `crypto.subtle` exists (secure contexts), SCRAM-SHA-256 and SCRAM-SHA-1 are ours
 * (./scram.ts, WebCrypto PBKDF2), in either case. Mechanisms registered with
 * `registerSaslMechanism` come last and replace any of the same name.
 */
export const createXmppClient: XmppClientFactory = (options) => {
  const finals = finalStep();
  const { fast: fastHooks, bind2, ...libraryOptions } = options;
  const c = client({ ...libraryOptions, credentials: finals.wrap(options.credentials) } as any) as unknown as XmppClient;
  if (c.fast) driveFast(c, c.fast, fastHooks, bind2 !== false);
  // The connection reads `_onData` when it attaches its socket; big frames are then parsed in slices.
  const connection = c as unknown as { _onData(data: unknown): void; parser?: { write(text: string): void } | null };
  const feed = slicedFeed(text => connection.parser?.write(text));
  connection._onData = data => feed(typeof data === 'string' ? data : String(data));
  const factory = c.saslFactory;
  if (factory) {
    const subtle = (globalThis as { crypto?: { subtle?: unknown } }).crypto?.subtle;
    const ours: [string, SaslMechanismClass][] = subtle ? [['SCRAM-SHA-256', ScramSha256], ['SCRAM-SHA-1', FastScramSha1]] : [];
    for (const [name, mech] of [...ours, ...registeredSaslMechanisms()]) {
      factory._mechs = factory._mechs.filter((m) => m.name !== name);
      factory._mechs.push({ name, mech });
    }
    finals.watch(c, factory);
  }
  return c;
};

/**
 * Gives every mechanism its `final()` call once per successful authentication. @xmpp/sasl2 calls
 * it only when `<success/>` carries additional data, and @xmpp/sasl never does (it drops the data
 * of RFC 6120's `<success/>`), so SCRAM's server signature would go unchecked. The data is read
 * off `<success/>` here, and `final()` runs after `authenticate()` resolved, before the stream
 * restarts: a rejection there fails the sign-in.
 */
function finalStep() {
  let current: { mech: SaslMechanism; called: boolean } | null = null;
  let successData: string | undefined;
  return {
    watch(c: XmppClient, factory: NonNullable<XmppClient['saslFactory']>) {
      const create = factory.create?.bind(factory);
      if (!create) return;
      factory.create = (names) => {
        const mech = create(names);
        successData = undefined;
        if (!mech) return (current = null);
        // @xmpp/sasl names the mechanism in <auth> from the instance; a registered class may have no `name`.
        const named = mech as SaslMechanism & { name?: string };
        if (!named.name) named.name = names[0];
        const entry: { mech: SaslMechanism; called: boolean } = { mech, called: false };
        current = entry;
        const final = mech.final?.bind(mech);
        if (final) {
          mech.final = (data) => {
            entry.called = true;
            return final(data);
          };
        }
        return mech;
      };
      c.on('nonza', (el: XmlElement) => {
        if (el.is('success', NS_SASL)) successData = decodeSuccess(el.text());
      });
    },
    wrap(handler: CredentialsHandler): CredentialsHandler {
      return (authenticate, mechanisms, fast, entity) =>
        handler(
          async (credentials, mechanism, userAgent) => {
            current = null;
            await authenticate(credentials, mechanism, userAgent);
            const done = current as { mech: SaslMechanism; called: boolean } | null;
            current = null;
            if (done?.mech.final && !done.called) await done.mech.final(successData ?? '');
          },
          mechanisms,
          fast,
          entity,
        );
    },
  };
}

/** RFC 6120 §6.4.6: `=` (or nothing) is no additional data; anything else is base64. */
function decodeSuccess(text: string): string {
  const t = text.trim();
  if (t === '' || t === '=') return '';
  try {
    return atob(t);
  } catch {
    return t;
  }
}

/**
 * Puts @xmpp/client's FAST module under `hooks`. The library's own policy would ask for a token at
 * every password login, keep it in memory, and fall back to the password when a token fails;
 * here the adapter decides each time, tokens live where `hooks` keep them, and a refused token
 * fails the login with `token-refused` (the caller may have no password to fall back to).
 * `auth` also runs before every SASL2 authentication, token or not: it is where the inline
 * requests can still be changed, which the Bind2 rule below needs.
 */
export function driveFast(c: Pick<XmppClient, 'streamManagement'>, fast: LibraryFast, hooks: FastHooks | undefined, bind2: boolean): void {
  const original = fast.auth.bind(fast);
  let refused = false;
  fast.fetchToken = async () => null;
  fast.saveToken = async (token) => {
    await hooks?.save(token);
  };
  // The library deletes the token it was given when the server refuses it (or it has expired).
  fast.deleteToken = async () => {
    refused = true;
  };
  fast.auth = async (args) => {
    // Without Bind2 a stream can still resume (XEP-0198) and bind the requested resource: Prosody
    // 0.12 refuses <resume/> once Bind2 has bound a resource, and inline resumption (mod_sasl2_sm)
    // does not run there.
    if (!bind2 || c.streamManagement?.id) {
      const i = args.streamFeatures.findIndex((el) => el?.is('bind', NS_BIND2));
      if (i !== -1) args.streamFeatures.splice(i, 1);
    }
    const step = hooks?.step() ?? { kind: 'none' };
    if (step.kind === 'none') return false;
    if (step.kind === 'request') {
      // Given no token, the library adds <request-token/> for its mechanism and returns false:
      // the password authentication follows with that request in it.
      return fast.mechanism ? original({ ...args, credentials: { ...args.credentials, token: undefined } }) : false;
    }
    if (!fast.mechanism) throw new AdapterError('token-refused', 'the server offers no FAST mechanism');
    refused = false;
    const authenticate: FastAuthArgs['authenticate'] = step.invalidate
      ? (o) => args.authenticate({ ...o, streamFeatures: o.streamFeatures.map((el) => (el?.is('fast', NS_FAST) ? xml('fast', { xmlns: NS_FAST, invalidate: 'true' }) : el)) })
      : args.authenticate;
    if (await original({ ...args, authenticate, credentials: { ...args.credentials, token: step.token } })) return true;
    throw refused ? new AdapterError('token-refused', 'the server refused the token') : new AdapterError('unknown', 'FAST authentication failed');
  };
}
