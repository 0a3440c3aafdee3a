/**
 * `ChatAdapter` over XMPP (`@xmpp/client` 0.14, WebSocket transport).
 *
 * The core owns the client and the session's life cycle, and routes each incoming stanza to the
 * feature module it belongs to (`features/<name>/`), which turns it into `AdapterEvent`s through
 * its pure parsers and builds what it sends with its pure builders. Stanzas that fail a parser
 * (malformed or spoofed) are dropped with a `console.warn`.
 */
import {
  AdapterError,
  RequestError,
  RoomError,
  type AdapterEvent,
  type AffiliationItem,
  type DataFormDefinition,
  type DestroyOptions,
  type AdapterListener,
  type Affiliation,
  type Bookmark,
  type CatchUpFrom,
  type ChatAdapter,
  type ChatState,
  type ConnectOptions,
  type ConnectionErrorCode,
  type ConnectionStatus,
  type DisconnectOptions,
  type JoinOptions,
  type Jid,
  type Role,
  type RoomConfig,
  type ServerFeatures,
  type UploadOptions,
  type UploadService,
  type OutgoingExtras,
  type AbuseReport,
  type OwnPresence,
  type AvatarData,
  type AvatarRef,
  type OwnAvatar,
  type OwnProfileChange,
} from '../types';
import { createXmppClient, type CredentialsHandler, type FastHooks, type FastStep, type LibraryFast, type XmppClient, type XmppClientFactory } from './client';
import { discoverService, type ServiceDiscovery } from './discovery';
import { addedSaslMechanismNames, saslPreference } from './sasl';
import { defaultTokenStore, type StoredLogin, type TokenStore } from './token-store';
import { formatBare, formatJid, parseJid } from './jid';
import type { PutRequest } from './features/upload/http-put';
import { NS_BLOCKING, NS_CARBONS, NS_DISCO_INFO, NS_INVISIBLE, NS_MAM, NS_PING, NS_ROSTER, NS_SM, NS_STREAM } from './namespaces';
import type { ParseContext } from './parse-context';
import { parseDiscoItems, type DiscoInfo } from './features/disco/parser';
import { parseMessageError } from './features/messages/parser';
import { mucUserX, parseInvitation, parseRoomJid } from './features/muc/parser';
import { parseUploadService } from './features/upload/parser';
import { DEFAULT_ROOM_OPTIONS, RoomManager, checkRoom } from './features/muc/rooms';
import { carbonsEnable } from './features/carbons/stanzas';
import { OWN_CAPS_INFO, capsElement, discoInfoAnswer, discoItemsGet } from './features/disco/stanzas';
import { availablePresence, invisibleSet, presenceFields, visibleSet } from './features/presence/stanzas';
import { BlockingFeature } from './features/blocking/blocking';
import { checkId, randomId, xml, xmlSafe, type XmlElement } from './xml';
import type { XmppAdapterSettings } from './settings';
import { BookmarksFeature } from './features/bookmarks/bookmarks';
import { MdsFeature } from './features/mds/mds';
import { answeredBy, describeError, requireBareJid, type FeatureHost } from './features/host';
import { discoInfo, discoInfoStrict } from './features/disco/disco';
import { UploadFeature } from './features/upload/upload';
import { MamFeature } from './features/mam/mam';
import { listRooms } from './features/muc/directory';
import { RosterFeature } from './features/roster/roster';
import { checkOutgoing, MessagesFeature } from './features/messages/messages';
import { CapsCache, defaultCapsStorage } from './features/caps/cache';
import { CapsFeature } from './features/caps/caps';
import { ProfileFeature } from './features/profile/profile';

/** Allowed when `connect()` gets no `mechanisms`, with any added by `registerSaslMechanism`. */
export const DEFAULT_MECHANISMS: readonly string[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_SASL2 = 'urn:xmpp:sasl:2';
const NS_BIND2 = 'urn:xmpp:bind:0';
/** Token mechanisms (FAST, draft-schmaus-kitten-sasl-ht): never for a password. */
const TOKEN_MECHANISM = /^HT-/i;
/** Revoking a token at sign-out waits this long for the server at most, ms. */
const REVOKE_TIMEOUT = 10_000;

/** The settings, and the seams through which tests replace the network. */
export interface XmppAdapterOptions extends XmppAdapterSettings {
  /** Creates the underlying client; defaults to `@xmpp/client`. Tests pass a fake. */
  clientFactory?: XmppClientFactory;
  /** Makes the HTTP request of an upload's PUT; defaults to `new XMLHttpRequest()`. Specs pass a fake. */
  createPutRequest?: () => PutRequest;
}

/** Reconnect backoff: the first retry after 1 s, doubling up to 15 s. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 15_000;

type Phase = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'stopping';

interface PendingConnect {
  resolve: () => void;
  reject: (err: AdapterError) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** What @xmpp errors look like (XMPPError, SASLError, StreamError, StanzaError, socket errors). */
interface LibError {
  name?: string;
  message?: string;
  condition?: string;
  code?: string;
  /** StanzaError: the `<text/>` of the error. */
  text?: string;
}

/** A server's error text as shown to users: XML-safe, at most 500 characters, none when empty. */
function boundedText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const t = xmlSafe(text).slice(0, 500).trim();
  return t.length > 0 ? t : undefined;
}

export class XmppAdapter implements ChatAdapter {
  private readonly listeners = new Set<AdapterListener>();
  private readonly factory: XmppClientFactory;
  private readonly log: Pick<Console, 'warn'>;
  private readonly now: () => number;
  private readonly pageSize: number;
  private readonly iqTimeout: number;
  private readonly connectTimeout: number;
  private readonly reconnectDelay?: number;
  private readonly directoryInfoLimit: number;
  private readonly autojoin: boolean;
  private readonly rooms: RoomManager;
  private readonly tokenStore: TokenStore | null;
  /** A token being saved (or a refused one being deleted): `online` and a failed connect wait for it. */
  private tokenWrite: Promise<unknown> = Promise.resolve();

  private client: XmppClient | null = null;
  private detachers: (() => void)[] = [];
  private phase: Phase = 'idle';
  private lastStatus: ConnectionStatus = 'offline';
  private pending: PendingConnect | null = null;
  private reconnectArmed = false;
  /** Reconnect attempts since the session was last online (the backoff's exponent). */
  private failedAttempts = 0;
  /** Incremented whenever a session ends, so that late steps of an old session do nothing. */
  private generation = 0;

  private ownJid = '';
  private domain = '';
  private fullJid = '';
  private socketOpened = false;
  private lastError: unknown = undefined;
  private offeredMechanisms: string[] = [];
  /** How the service of the current connect was found, when that explains a failure (XEP-0156). */
  private discoveryNote = '';
  /** Ends the wait for host-meta of a connect that was superseded. */
  private cancelDiscovery: (() => void) | undefined;
  /**
   * XEP-0198 state of the current stream: unknown until the post-auth stream features; then
   * offered → (resuming → offered when resumption fails) → enabling → enabled | failed.
   * `bound`: Bind2 bound a resource in the SASL2 success; the features that follow say the rest.
   */
  private smState: 'unknown' | 'none' | 'bound' | 'offered' | 'resuming' | 'enabling' | 'enabled' | 'failed' = 'unknown';
  private smWaiters: (() => void)[] = [];

  private features: ServerFeatures = { carbons: false, mam: false, streamManagement: false };
  private mechanism: string | undefined;
  /** SASL ANONYMOUS session: no bookmarks (the account is gone at logout). */
  private anonymous = false;
  /** What the feature modules reach the connection through. */
  private readonly host: FeatureHost;
  private readonly roster: RosterFeature;
  private readonly bookmarks: BookmarksFeature;
  private readonly mds: MdsFeature;
  private readonly upload: UploadFeature;
  private readonly mam: MamFeature;
  private readonly messages: MessagesFeature;
  private readonly caps: CapsFeature;
  private readonly blocking: BlockingFeature;
  /** What the user chose to show; kept across connects (the session sets it before signing in). */
  private ownPresence: OwnPresence = { availability: 'online' };
  /** XEP-0186 invisibility is active on the current stream. */
  private invisibleActive = false;
  /** Chosen while the stream was down: a resumed stream still has the old one, so it goes then. */
  private presenceUnsent = false;
  private readonly profiles: ProfileFeature;

  constructor(options: XmppAdapterOptions = {}) {
    this.factory = options.clientFactory ?? createXmppClient;
    this.log = options.logger ?? console;
    this.now = options.now ?? Date.now;
    this.pageSize = Math.min(250, Math.max(1, Math.floor(options.historyPageSize ?? 50)));
    this.iqTimeout = options.iqTimeout ?? 30_000;
    this.connectTimeout = options.connectTimeout ?? 30_000;
    this.reconnectDelay = options.reconnectDelay;
    this.directoryInfoLimit = Math.max(0, Math.floor(options.roomDirectoryInfoLimit ?? 50));
    this.autojoin = options.autojoin ?? true;
    this.tokenStore = options.tokenStore === undefined ? defaultTokenStore() : options.tokenStore;
    const host: FeatureHost = (this.host = {
      emit: (e) => this.emit(e),
      send: (el) => this.requireOnline().send(el),
      iq: (el) => this.iq(el),
      drop: (reason, stanza) => this.drop(reason, stanza),
      warn: (message, ...rest) => this.log.warn(message, ...rest),
      ctx: () => this.ctx(),
      online: () => this.phase === 'online',
      sessionCheck: () => {
        const client = this.client;
        return () => client === this.client && this.phase !== 'idle' && this.phase !== 'stopping';
      },
    });
    this.roster = new RosterFeature(host);
    this.caps = new CapsFeature(
      host,
      new CapsCache({ storage: options.capsStorage ?? defaultCapsStorage(), maxEntries: options.capsCacheSize, warn: host.warn, now: this.now, own: OWN_CAPS_INFO }),
    );
    this.blocking = new BlockingFeature(host, () => this.features.blocking === true);
    this.profiles = new ProfileFeature(host, () => this.sendOwnPresence(this.ownPresence));
    this.bookmarks = new BookmarksFeature(host);
    this.mds = new MdsFeature(host, jid => this.rooms.isRoom(jid));
    this.messages = new MessagesFeature(
      {
        ...host,
        inRoom: (room) => this.rooms.has(room),
        isRoom: (room) => this.rooms.isRoom(room),
        isOccupant: (jid, message) => this.isOccupant(jid, message),
        subscription: (jid) => this.roster.subscription(jid),
        domain: () => this.domain,
        sendIfConnected: (el) => this.client?.send(el),
        streamManagementEnabled: () => !!this.client?.streamManagement?.enabled,
      },
      options.receipts ?? 'subscribed',
    );
    this.mam = new MamFeature(
      {
        ...host,
        isRoom: (jid) => this.rooms.isRoom(jid),
        isOccupant: (jid, message) => this.isOccupant(jid, message),
        roomContext: (room) => this.rooms.context(room),
      },
      this.pageSize,
    );
    this.upload = new UploadFeature(
      {
        ...host,
        uploadService: () => this.features.upload,
        request: (el) => this.requireOnline().iqCaller.request(el, this.iqTimeout),
      },
      options.createPutRequest,
    );
    this.rooms = new RoomManager(
      {
        ...host,
        discoInfo: (to) => discoInfoStrict(this.host, to),
        remember: (id, conversation) => this.messages.remember(id, conversation),
        loadRoomHistory: (room, max) => this.loadHistory(room, { max }),
        ownPresence: () => presenceFields(this.ownPresence),
      },
      {
        joinTimeout: options.roomJoinTimeout ?? DEFAULT_ROOM_OPTIONS.joinTimeout,
        leaveTimeout: options.roomLeaveTimeout ?? DEFAULT_ROOM_OPTIONS.leaveTimeout,
        selfPingInterval: options.selfPingInterval ?? DEFAULT_ROOM_OPTIONS.selfPingInterval,
      },
    );
  }

  /** Persistent login is on: there is a token store. */
  get persistentLogin(): boolean {
    return this.tokenStore !== null;
  }

  /** The SASL mechanism chosen for the latest authentication (diagnostics and tests). */
  get saslMechanism(): string | undefined {
    return this.mechanism;
  }

  // ---------------------------------------------------------------- events

  subscribe(listener: AdapterListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: AdapterEvent): void {
    if (event.type === 'connection') this.lastStatus = event.status;
    // Out of a room, its occupants' capabilities are no longer known (their presences stop).
    if (event.type === 'roomLeft') this.caps.forget(event.room);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.log.warn(`[natter/xmpp] a listener threw on "${event.type}":`, err);
      }
    }
  }

  private emitStatus(status: ConnectionStatus, extra: { jid?: string; error?: { code: ConnectionErrorCode; detail?: string }; fresh?: boolean; retryAt?: number } = {}): void {
    if (status === this.lastStatus && status === 'reconnecting' && extra.retryAt === undefined) return;
    this.emit({ type: 'connection', status, ...extra });
  }

  private drop(reason: string, stanza?: XmlElement): void {
    const from = stanza?.attrs?.from;
    this.log.warn(`[natter/xmpp] dropped ${stanza?.name ?? 'stanza'}${from ? ` from ${String(from)}` : ''}: ${reason}`);
  }

  private ctx(): ParseContext {
    return { ownJid: this.ownJid, now: this.now() };
  }

  // ------------------------------------------------------------ connection

  async connect(options: ConnectOptions): Promise<void> {
    // A connect still looking for its service has no client yet, but is superseded all the same.
    if (this.client || this.phase === 'connecting') await this.teardown('superseded by a new connect');

    const anonymous = options?.anonymous === true;
    const j = parseJid(options?.jid);
    // SASL ANONYMOUS logs in to a domain; everything else to an account.
    if (!j || (j.local === undefined && !anonymous)) {
      const error = new AdapterError('invalid-jid');
      this.emitStatus('error', { error: { code: 'invalid-jid' } });
      throw error;
    }
    const allowed = options.mechanisms ?? [...DEFAULT_MECHANISMS, ...addedSaslMechanismNames()];
    const whitelist = anonymous ? ['ANONYMOUS'] : allowed.map((m) => String(m).toUpperCase());
    if (whitelist.length === 0) {
      this.emitStatus('error', { error: { code: 'no-mechanism', detail: 'no SASL mechanism allowed' } });
      throw new AdapterError('no-mechanism', 'no SASL mechanism allowed');
    }
    const password = typeof options.password === 'string' ? options.password : '';
    // No password for an account: sign in with its stored token (persistent login).
    const withToken = !anonymous && password === '';
    const remember = !anonymous && !withToken && options.remember === true && this.tokenStore !== null;
    const stored = withToken || remember ? await this.storedLogin(formatBare(j)) : undefined;
    if (withToken && !stored) {
      this.emitStatus('error', { error: { code: 'token-refused', detail: 'no stored login for this account' } });
      throw new AdapterError('token-refused', 'no stored login for this account');
    }

    this.ownJid = formatBare(j);
    this.domain = j.domain;
    this.fullJid = '';
    this.roster.reset();
    this.profiles.reset();
    this.features = { carbons: false, mam: false, streamManagement: false };
    this.lastError = undefined;
    this.socketOpened = false;
    this.offeredMechanisms = [];
    this.mechanism = undefined;
    this.anonymous = anonymous;
    this.bookmarks.reset();
    this.smState = 'unknown';
    this.phase = 'connecting';
    this.emitStatus('connecting');

    const username = j.local ?? '';
    // A token is bound to the user-agent id it was issued for (XEP-0484 §3.4); a new one replaces
    // this device's earlier token on the server rather than adding one.
    const clientId = stored?.clientId ?? randomId(16);
    const credentials: CredentialsHandler = async (authenticate, mechanisms, fastOffer, entity) => {
      if (withToken) {
        // Only SASL2 with FAST can take a token; the password mechanism named here is never used.
        const mechanism = (fastOffer as LibraryFast | null)?.mechanism;
        if (!mechanism) throw new AdapterError('token-refused', 'the server offers no FAST authentication');
        this.mechanism = mechanism;
        await authenticate({ username, password: '' }, mechanism, userAgent);
        return;
      }
      // @xmpp/client passes the mechanisms both it and the server support. Keep only whitelisted
      // ones, never send a PLAIN password over a stream that is not encrypted (@xmpp/client's own
      // rule), and rank them by our preference, not the library's order (client.ts appends ours).
      const preference = saslPreference();
      const rank = (m: string) => {
        const i = preference.indexOf(m.toUpperCase());
        return i === -1 ? preference.length : i;
      };
      const usable = mechanisms
        .filter((m) => whitelist.includes(m.toUpperCase()) && !TOKEN_MECHANISM.test(m) && (m !== 'PLAIN' || entity.isSecure()))
        .sort((a, b) => rank(a) - rank(b));
      if (usable.length === 0) {
        const offered = this.offeredMechanisms.length ? this.offeredMechanisms.join(' ') : mechanisms.join(' ');
        throw new AdapterError('no-mechanism', `server offers ${offered || 'nothing usable'}; allowed: ${whitelist.join(' ')}`);
      }
      this.mechanism = usable[0];
      if (usable[0] === 'ANONYMOUS') await authenticate({ username: '', password: '' }, usable[0], userAgent);
      else await authenticate({ username, password }, usable[0], userAgent);
    };
    const userAgent = xml('user-agent', { id: clientId }, xml('software', {}, 'Natter'));

    // The URL given, or the one a kept login used, or the domain's host-meta's.
    let service = options.service ?? stored?.service;
    this.discoveryNote = '';
    if (service === undefined) {
      const generation = this.generation;
      // disconnect() or another connect() may come while host-meta is on its way: they end the wait.
      const found = await new Promise<ServiceDiscovery | null>((resolve) => {
        this.cancelDiscovery = () => resolve(null);
        void discoverService(j.domain).then(resolve);
      });
      this.cancelDiscovery = undefined;
      if (!found || generation !== this.generation) throw new AdapterError('unknown', 'superseded before the service was found');
      service = found.service;
      if (found.refused.length) this.log.warn(`[natter/xmpp] host-meta of ${j.domain}: not used: ${found.refused.join('; ')}`);
      if (found.source === 'default') {
        const refused = found.refused.length ? ` (refused: ${found.refused.join('; ')})` : '';
        this.discoveryNote = `no usable WebSocket in https://${j.domain}/.well-known/host-meta${refused}; tried the default ${service}`;
      }
    }

    const fast = this.fastHooks(withToken ? stored : undefined, remember, { jid: formatBare(j), clientId, service });
    let client: XmppClient;
    try {
      client = this.factory({
        service,
        domain: j.domain,
        resource: j.resource ?? `natter-${randomId(4)}`,
        ...(anonymous ? {} : { username }),
        // A resource asked for by name needs RFC 6120 binding: with Bind2 the server picks it.
        bind2: j.resource === undefined,
        fast,
        credentials,
        userAgent,
      });
    } catch (err) {
      this.phase = 'idle';
      const code: ConnectionErrorCode = 'unreachable';
      this.emitStatus('error', { error: { code, detail: describeError(err) } });
      throw new AdapterError(code, describeError(err));
    }
    this.client = client;
    // No automatic reconnect until the first login succeeded: a wrong password or a dead
    // server must fail once, not loop.
    client.reconnect.stop();
    this.reconnectArmed = false;
    if (this.reconnectDelay !== undefined) client.reconnect.delay = this.reconnectDelay;
    this.attach(client);

    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.failConnect(new AdapterError('unreachable', 'timed out')), this.connectTimeout);
      this.pending = { resolve, reject, timer };
      client.start().catch((err: unknown) => this.failConnect(err));
    });
  }

  async disconnect(options: DisconnectOptions = {}): Promise<void> {
    const jid = this.ownJid;
    // Sign-out for good reports `offline` only once the server has answered the revocation (or
    // REVOKE_TIMEOUT passed): on `offline` a page shows its form, and a reload or a closed tab then
    // would cut off a revocation still on its way, leaving the token valid on the server.
    const forget = options?.forget && jid && !this.anonymous ? () => this.forgetLogin(jid) : undefined;
    await this.teardown('disconnected', forget);
  }

  async rememberedAccount(): Promise<Jid | null> {
    try {
      return (await this.tokenStore?.latest())?.jid ?? null;
    } catch (err) {
      this.log.warn('[natter/xmpp] reading the stored login failed:', describeError(err));
      return null;
    }
  }

  // ------------------------------------------------------ persistent login

  private async storedLogin(jid: Jid): Promise<StoredLogin | undefined> {
    try {
      return (await this.tokenStore?.get(jid)) ?? undefined;
    } catch (err) {
      this.log.warn('[natter/xmpp] reading the stored login failed:', describeError(err));
      return undefined;
    }
  }

  /**
   * What FAST does at each authentication of one `connect()`: with a stored login, use its token
   * every time (reconnects included; a rotated token replaces it); with `remember`, ask for a
   * token at the first password authentication only; else nothing.
   */
  private fastHooks(login: StoredLogin | undefined, remember: boolean, meta: { jid: Jid; clientId: string; service: string }): FastHooks | undefined {
    if (!login && !remember) return undefined;
    let current = login;
    let asked = false;
    return {
      step: (): FastStep => {
        if (current && !remember) return { kind: 'use', token: { mechanism: current.mechanism, token: current.token, expiry: current.expiry } };
        if (remember && !asked) {
          asked = true;
          return { kind: 'request' };
        }
        return { kind: 'none' };
      },
      save: async (token) => {
        if (!this.tokenStore) return;
        const next: StoredLogin = { ...meta, mechanism: token.mechanism, token: token.token, expiry: token.expiry, savedAt: this.now() };
        if (current && !remember) current = next;
        const write = this.tokenStore.put(next);
        this.tokenWrite = write.catch((err: unknown) => this.log.warn('[natter/xmpp] saving the login token failed:', describeError(err)));
        await this.tokenWrite;
      },
    };
  }

  /** The server refused the account's token: it is of no use any more. */
  private dropRefusedToken(jid: Jid): void {
    const store = this.tokenStore;
    if (!store) return;
    this.tokenWrite = store.delete(jid).catch((err: unknown) => this.log.warn('[natter/xmpp] deleting the refused token failed:', describeError(err)));
  }

  /**
   * Sign-out for good: deletes the account's stored login, then has the server revoke its token
   * (XEP-0484 §3.6: one more FAST authentication, with `invalidate`, on a connection of its own,
   * closed at once). Deleted first, so that a server out of reach still leaves nothing here.
   */
  private async forgetLogin(jid: Jid): Promise<void> {
    const login = await this.storedLogin(jid);
    if (!login) return;
    try {
      await this.tokenStore?.delete(jid);
    } catch (err) {
      this.log.warn('[natter/xmpp] deleting the stored login failed:', describeError(err));
    }
    const j = parseJid(jid);
    if (!j?.local) return;
    const userAgent = xml('user-agent', { id: login.clientId }, xml('software', {}, 'Natter'));
    let client: XmppClient | undefined;
    try {
      client = this.factory({
        service: login.service ?? `wss://${j.domain}/xmpp-websocket`,
        domain: j.domain,
        resource: `natter-${randomId(4)}`,
        username: j.local,
        fast: { step: () => ({ kind: 'use', token: login, invalidate: true }), save: async () => undefined },
        credentials: async (authenticate, _mechanisms, fastOffer) => {
          const mechanism = (fastOffer as LibraryFast | null)?.mechanism;
          if (!mechanism) throw new AdapterError('token-refused', 'the server offers no FAST authentication');
          await authenticate({ username: j.local!, password: '' }, mechanism, userAgent);
        },
        userAgent,
      });
      client.reconnect.stop();
      client.on('error', () => {}); // the outcome is start()'s
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([client.start(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), REVOKE_TIMEOUT)))]).finally(() => clearTimeout(timer));
    } catch (err) {
      // Refused: the token was no good anyway. Otherwise it stays valid on the server until it expires.
      this.log.warn('[natter/xmpp] revoking the login token on the server failed:', describeError(err));
    } finally {
      try {
        await client?.stop();
      } catch {
        // already closed
      }
    }
  }

  /**
   * Ends the client (if any), rejects a pending connect and emits `offline`; `beforeOffline` runs
   * after the client has stopped (no more events of the session) and before `offline` is emitted.
   */
  private async teardown(reason: string, beforeOffline?: () => Promise<void>): Promise<void> {
    const client = this.client;
    const hadSession = client !== null || this.lastStatus !== 'offline';
    this.phase = 'stopping';
    this.generation++;
    this.cancelDiscovery?.();
    this.settlePending(new AdapterError('unknown', reason));
    if (client) await this.stopClient(client);
    this.endSessionState(reason);
    if (beforeOffline) {
      await beforeOffline().catch((err: unknown) => this.log.warn('[natter/xmpp] signing out:', describeError(err)));
      // A connect() started meanwhile owns the status from here.
      if (this.phase !== 'stopping' || this.client) return;
    }
    this.phase = 'idle';
    if (hadSession) this.emitStatus('offline');
  }

  private async stopClient(client: XmppClient): Promise<void> {
    client.reconnect.stop();
    this.reconnectArmed = false;
    this.detach();
    client.on('error', () => {}); // errors while closing are expected; an unheard 'error' would throw
    if (this.client === client) this.client = null;
    try {
      await client.stop();
    } catch {
      // already closed
    }
    // IQs still waiting for an answer never get one now: fail them at once instead of after
    // their timeout (whose timers would also outlive the session).
    const pending = client.iqCaller.handlers;
    if (pending instanceof Map) {
      for (const d of pending.values()) d.reject(new Error('disconnected'));
      pending.clear();
    }
  }

  private endSessionState(reason: string): void {
    this.rooms.clear(reason);
    this.mam.endSession(reason);
    this.caps.reset();
    this.resolveSmWaiters();
  }

  private settlePending(err?: AdapterError): PendingConnect | null {
    const p = this.pending;
    if (!p) return null;
    this.pending = null;
    clearTimeout(p.timer);
    if (err) p.reject(err);
    else p.resolve();
    return p;
  }

  /** A first connect failed: stop everything, report and reject. */
  private failConnect(err: unknown): void {
    if (!this.pending || this.phase !== 'connecting') return;
    let error = this.toAdapterError(err);
    // An unreachable default URL often means the domain publishes its real one wrongly or not at all.
    if (error.code === 'unreachable' && this.discoveryNote) error = new AdapterError('unreachable', `${error.message} (${this.discoveryNote})`);
    const client = this.client;
    this.phase = 'stopping';
    this.generation++;
    if (error.code === 'token-refused') {
      // Rejected once the refused token is gone: signing in again must not find it.
      this.dropRefusedToken(this.ownJid);
      const pending = this.pending;
      this.pending = null;
      clearTimeout(pending.timer);
      void this.tokenWrite.then(() => pending.reject(error));
    } else {
      this.settlePending(error);
    }
    this.emitStatus('error', { error: { code: error.code, detail: error.message } });
    if (client) void this.stopClient(client).then(() => this.endSessionState(error.code));
    this.phase = 'idle';
  }

  private toAdapterError(err: unknown): AdapterError {
    if (err instanceof AdapterError) return err;
    const e = (err ?? {}) as LibError;
    const detail = describeError(err);
    if (e.name === 'SASLError') {
      if (/no compatible mechanism/i.test(e.message ?? '')) return new AdapterError('no-mechanism', detail);
      if (['invalid-mechanism', 'mechanism-too-weak', 'encryption-required'].includes(e.condition ?? '')) {
        return new AdapterError('no-mechanism', detail);
      }
      return new AdapterError('not-authorized', detail);
    }
    if (e.name === 'StreamError') {
      if (e.condition === 'conflict') return new AdapterError('conflict', detail);
      if (e.condition === 'not-authorized') return new AdapterError('not-authorized', detail);
      return new AdapterError('protocol', detail);
    }
    if (!this.socketOpened) return new AdapterError('unreachable', detail);
    if (e.name === 'TimeoutError') return new AdapterError('unreachable', detail);
    return new AdapterError('unknown', detail);
  }

  private attach(client: XmppClient): void {
    const on = (target: { on(e: string, l: (...a: any[]) => void): unknown; removeListener(e: string, l: (...a: any[]) => void): unknown }, event: string, fn: (...a: any[]) => void) => {
      const guarded = (...args: any[]) => {
        try {
          fn(...args);
        } catch (err) {
          this.log.warn(`[natter/xmpp] handler for "${event}" failed:`, err);
        }
      };
      target.on(event, guarded);
      this.detachers.push(() => target.removeListener(event, guarded));
    };
    on(client, 'error', (err: unknown) => this.onError(err));
    on(client, 'status', (status: string) => this.onClientStatus(status));
    on(client, 'online', () => this.onOnline());
    on(client, 'stanza', (stanza: XmlElement) => this.onStanza(stanza));
    on(client, 'nonza', (nonza: XmlElement) => this.onNonza(nonza));
    on(client, 'send', (el: XmlElement) => this.onSend(el));
    this.countConsumedIqReplies(client, on);
    on(client.reconnect, 'reconnecting', () => {
      if (this.phase === 'reconnecting') this.emitStatus('reconnecting');
    });
    on(client.reconnect, 'error', () => {});
    const sm = client.streamManagement;
    if (sm) {
      on(sm, 'resumed', () => this.onResumed());
      on(sm, 'ack', (stanza: XmlElement) => this.messages.onAcked(stanza));
      on(sm, 'fail', (stanza: XmlElement) => this.messages.onAcked(stanza, true));
    }
    client.iqCallee.set(NS_ROSTER, 'query', ({ stanza }) => this.roster.onPush(stanza));
    client.iqCallee.set(NS_BLOCKING, 'block', ({ stanza }) => this.blocking.onPush(stanza));
    client.iqCallee.set(NS_BLOCKING, 'unblock', ({ stanza }) => this.blocking.onPush(stanza));
    client.iqCallee.get(NS_DISCO_INFO, 'query', ({ element }) => discoInfoAnswer(element.attrs.node || undefined));
    // XEP-0199 (and XEP-0410 self-pings that a room forwards to us instead of answering itself).
    client.iqCallee.get(NS_PING, 'ping', () => true);
  }

  private detach(): void {
    for (const d of this.detachers.splice(0)) d();
  }

  private onClientStatus(status: string): void {
    if (status === 'connecting') {
      this.socketOpened = false;
      this.smState = 'unknown';
    } else if (status === 'connect') {
      this.socketOpened = true;
    } else if (status === 'disconnect') {
      this.smState = 'unknown';
      this.resolveSmWaiters();
      if (this.phase === 'connecting') {
        this.failConnect(this.lastError ?? new Error('connection closed'));
        return;
      }
      // Any session start still running belongs to the stream that just closed.
      this.generation++;
      if (this.phase === 'online' || this.phase === 'reconnecting') {
        this.phase = 'reconnecting';
        this.emitStatus('reconnecting', { retryAt: this.scheduleRetry() });
      }
    }
  }

  private onError(err: unknown): void {
    this.lastError = err;
    if (this.phase === 'online' || this.phase === 'reconnecting') {
      const e = this.toAdapterError(err);
      // Errors that another attempt cannot fix end the session instead of reconnecting forever.
      if (e.code === 'conflict' || e.code === 'not-authorized' || e.code === 'no-mechanism' || e.code === 'token-refused') {
        if (e.code === 'token-refused') this.dropRefusedToken(this.ownJid);
        const client = this.client;
        this.phase = 'stopping';
        this.generation++;
        this.emitStatus('error', { error: { code: e.code, detail: e.message } });
        if (client) void this.stopClient(client).then(() => this.endSessionState(e.code));
        this.phase = 'idle';
        return;
      }
      // Failed reconnect attempts are expected while the server is away; @xmpp/reconnect retries.
      if (e.code !== 'unreachable') this.log.warn('[natter/xmpp] connection error:', describeError(err));
    }
  }

  private onNonza(el: XmlElement): void {
    if (el.is('features', NS_STREAM)) {
      const mechs = el.getChild('mechanisms', NS_SASL);
      if (mechs) this.offeredMechanisms = mechs.getChildren('mechanism').map((m) => m.getText());
      // Only the features after authentication offer resource binding and stream management;
      // after a Bind2 bind they offer no binding, but still stream management.
      const afterAuth = !!el.getChild('bind', NS_BIND) || (this.smState === 'bound' && !mechs && !el.getChild('authentication', NS_SASL2));
      if (afterAuth) {
        this.smState = el.getChild('sm', NS_SM) ? 'offered' : 'none';
        if (this.smState === 'none') setTimeout(() => this.resolveSmWaiters(), 0);
      }
    } else if (el.is('success', NS_SASL2)) {
      const bound = el.getChild('bound', NS_BIND2);
      // SM enabled or resumed inline (XEP-0198 in SASL2/Bind2) needs no further step.
      if (el.getChild('resumed', NS_SM) || bound?.getChild('enabled', NS_SM)) this.smState = 'enabled';
      else if (bound) this.smState = 'bound';
    } else if (el.is('enabled', NS_SM) || el.is('resumed', NS_SM)) {
      this.smState = 'enabled';
      // @xmpp/stream-management sets its own flags right after this element; let it run first.
      setTimeout(() => this.resolveSmWaiters(), 0);
    } else if (el.is('failed', NS_SM)) {
      // A failed <resume/> is followed by binding and <enable/>; only a failed <enable/> is final.
      if (this.smState === 'resuming') {
        this.smState = 'offered';
      } else {
        this.smState = 'failed';
        setTimeout(() => this.resolveSmWaiters(), 0);
      }
    }
  }

  private onSend(el: XmlElement): void {
    if (el.is('enable', NS_SM)) this.smState = 'enabling';
    else if (el.is('resume', NS_SM)) this.smState = 'resuming';
  }

  /**
   * Works around @xmpp/client 0.14 under-counting received stanzas for XEP-0198: the IQ caller
   * consumes the answers to our IQs before the stream-management middleware counts them, so our
   * `<a h/>` lags behind and the server keeps the most recent stanzas "unacknowledged" — and
   * resends them (messages included) after every resumption. When an IQ answer went through
   * without the counter moving, count it here. If a later @xmpp version counts it itself, the
   * counter moves and nothing is added.
   */
  private countConsumedIqReplies(client: XmppClient, on: (t: XmppClient, e: string, fn: (...a: any[]) => void) => void): void {
    const sm = client.streamManagement;
    if (!sm || typeof client.prependListener !== 'function') return;
    let before = -1;
    const snapshot = () => {
      before = sm.inbound;
    };
    client.prependListener('element', snapshot);
    this.detachers.push(() => client.removeListener('element', snapshot));
    on(client, 'element', (el: XmlElement) => {
      const reply = el.name === 'iq' && (el.attrs.type === 'result' || el.attrs.type === 'error');
      if (reply && sm.enabled && sm.inbound === before) sm.inbound += 1;
    });
  }

  private resolveSmWaiters(): void {
    for (const w of this.smWaiters.splice(0)) w();
  }

  /**
   * Resolves once stream management is enabled, failed, or not offered. Stanzas sent before the
   * server's `<enabled/>` are not counted consistently on both sides: the server can later count
   * more acknowledged stanzas than it sent, and Prosody and ejabberd then kill the stream (seen
   * with load-test bots on Prosody, and in 2 of 5 sessions on ejabberd).
   */
  private smSettled(): Promise<void> {
    if (this.smState !== 'bound' && this.smState !== 'offered' && this.smState !== 'resuming' && this.smState !== 'enabling') return new Promise((r) => setTimeout(r, 0));
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), 10_000);
      this.smWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** A fresh session (first login or a reconnect that could not resume). */
  private onOnline(): void {
    const client = this.client;
    if (!client) return;
    const gen = ++this.generation;
    this.fullJid = client.jid?.toString() ?? this.ownJid;
    const jid = parseJid(this.fullJid);
    if (jid) this.ownJid = formatBare(jid);
    this.startSession(client, gen).catch((err: unknown) => {
      if (gen !== this.generation) return;
      if (this.phase === 'connecting') this.failConnect(err);
      else this.log.warn('[natter/xmpp] session start failed:', describeError(err));
    });
  }

  private async startSession(client: XmppClient, gen: number): Promise<void> {
    await this.smSettled();
    if (gen !== this.generation) return;

    this.roster.forgetPresences();
    this.caps.reset();

    // The roster, both disco#info queries and carbons go out together: one round trip before
    // `online` instead of four in a row (sign-in time). Carbons are asked for without waiting
    // for the server's features: a server without them answers with an error, which is all
    // `carbons: false` needs.
    const roster = this.roster.fetch(() => gen === this.generation);
    const serverDisco = discoInfo(this.host, this.domain);
    const accountDisco = discoInfo(this.host, this.ownJid);
    const carbonsEnabled = this.iq(carbonsEnable(randomId())).then(
      () => null,
      (err: unknown) => err,
    );
    const [serverInfo, accountInfo, carbonsError] = await Promise.all([serverDisco, accountDisco, carbonsEnabled, roster]);
    if (gen !== this.generation) return;
    const carbons = carbonsError === null;
    if (!carbons && serverInfo?.features.includes(NS_CARBONS)) this.log.warn('[natter/xmpp] enabling carbons failed:', describeError(carbonsError));
    // XEP-0313 §7: the archive is advertised on the account's bare JID (older servers: the domain).
    const mam = !!(accountInfo?.features.includes(NS_MAM) || serverInfo?.features.includes(NS_MAM));
    // Services found by an earlier session stay known while a new one looks again.
    const { conferenceService, upload } = this.features;
    this.features = { carbons, mam, streamManagement: !!client.streamManagement?.enabled };
    if (serverInfo?.features.includes(NS_INVISIBLE)) this.features.invisible = true;
    if (serverInfo?.features.includes(NS_BLOCKING)) this.features.blocking = true;
    if (conferenceService) this.features.conferenceService = conferenceService;
    // XEP-0363 §2: the server itself may be the upload service; else it is one of its items.
    const ownUpload = parseUploadService(this.domain, serverInfo) ?? upload;
    if (ownUpload) this.features.upload = ownUpload;
    this.emit({ type: 'features', features: { ...this.features } });
    this.bookmarks.useProtocolOf(accountInfo);

    // The user's chosen presence, as it was before a reconnect or a reload. Invisible where the
    // server cannot do it falls back to online, said by `ownPresence` (no presence at all would
    // keep messages from this resource).
    this.invisibleActive = false;
    this.presenceUnsent = false;
    if (this.ownPresence.availability === 'invisible' && !this.features.invisible) {
      this.ownPresence = { ...this.ownPresence, availability: 'online' };
      this.emit({ type: 'ownPresence', presence: { ...this.ownPresence } });
    }
    if (this.ownPresence.availability === 'invisible') {
      await this.iq(invisibleSet(randomId()));
      this.invisibleActive = true;
    } else {
      // Capabilities tell the server we want PEP notifications (XEP-0163 +notify: bookmarks,
      // avatars, nicks); the XEP-0153 photo hash once we know it.
      await client.send(availablePresence({ ...presenceFields(this.ownPresence), caps: capsElement(), photo: this.profiles.photoHash() }));
    }
    // A token the login asked for is stored before anyone is told the login is done.
    await this.tokenWrite;
    if (gen !== this.generation) return;

    this.phase = 'online';
    this.failedAttempts = 0;
    this.emitStatus('online', { jid: this.fullJid, fresh: true });
    if (this.settlePending()) this.armReconnect(client);
    void this.afterLogin(gen);
  }

  /**
   * Work that need not delay `online`: find the conference service, join again the rooms we were
   * in (a fresh session after a reconnect), load bookmarks and join those marked autojoin.
   */
  private async afterLogin(gen: number): Promise<void> {
    this.rooms.rejoinAll();
    const discovery = this.discoverServices(gen);
    if (!this.anonymous) {
      try {
        await this.loadBookmarks();
      } catch (err) {
        if (gen === this.generation) this.log.warn('[natter/xmpp] loading bookmarks failed:', describeError(err));
      }
      if (gen !== this.generation || !this.autojoin) return;
      const local = parseJid(this.ownJid)?.local ?? 'natter';
      for (const b of this.bookmarks.all()) {
        if (!b.autojoin || this.rooms.has(b.jid)) continue;
        this.joinRoom(b.jid, { nick: b.nick ?? local, password: b.password }).catch((err: unknown) => {
          this.log.warn(`[natter/xmpp] autojoin of ${b.jid} failed:`, describeError(err));
        });
      }
    }
    await discovery;
  }

  /**
   * The server's services among its disco#items: the conference service is an item with an
   * identity conference/text (XEP-0045 §6.1); the upload service, unless the server is one itself,
   * an item with the feature `urn:xmpp:http:upload:0` (XEP-0363 §2), with its size limit.
   */
  private async discoverServices(gen: number): Promise<void> {
    let items: { jid: string; node?: string }[] = [];
    try {
      const answer = await this.iq(discoItemsGet(randomId(), this.domain));
      if (!answeredBy(this.host, answer, this.domain)) return;
      items = (parseDiscoItems(answer) ?? []).filter((i) => !i.node && parseJid(i.jid)?.local === undefined);
    } catch (err) {
      if (gen === this.generation) this.log.warn('[natter/xmpp] disco#items of the server failed:', describeError(err));
      return;
    }
    if (gen !== this.generation) return;
    const infos = await Promise.all(items.slice(0, 20).map(async (i) => ({ jid: i.jid, info: await discoInfo(this.host, i.jid) })));
    if (gen !== this.generation) return;
    const service = infos.find((x) => x.info?.identities.some((id) => id.category === 'conference' && id.type === 'text'))?.jid;
    const upload = this.features.upload?.jid === this.domain ? this.features.upload : findUploadService(infos);
    if (service === this.features.conferenceService && sameUploadService(upload, this.features.upload)) return;
    if (service) this.features.conferenceService = service;
    else delete this.features.conferenceService;
    if (upload) this.features.upload = upload;
    else delete this.features.upload;
    this.emit({ type: 'features', features: { ...this.features } });
  }

  /**
   * The wait before the next reconnect attempt, set on @xmpp/reconnect before it reads it (the
   * client's `status` event comes before its `disconnect`): doubling from the base delay with each
   * failed attempt, up to RETRY_MAX_MS, so a server that is down is not hammered; returns when the
   * attempt starts.
   */
  private scheduleRetry(): number {
    const base = this.reconnectDelay ?? RETRY_BASE_MS;
    const delay = Math.min(RETRY_MAX_MS, base * 2 ** Math.min(this.failedAttempts, 16));
    this.failedAttempts++;
    if (this.client) this.client.reconnect.delay = delay;
    return Date.now() + delay;
  }

  /** After the first successful login: reconnect automatically from now on. */
  private armReconnect(client: XmppClient): void {
    if (this.reconnectArmed) return;
    this.reconnectArmed = true;
    client.reconnect.start();
  }

  /** The stream was resumed (XEP-0198): the session, roster and presence are as they were. */
  private onResumed(): void {
    if (this.phase !== 'reconnecting' && this.phase !== 'connecting') return;
    this.phase = 'online';
    this.generation++;
    this.failedAttempts = 0;
    this.emitStatus('online', { jid: this.client?.jid?.toString() ?? this.fullJid, fresh: false });
    if (this.presenceUnsent) {
      this.presenceUnsent = false;
      const presence = this.ownPresence.availability === 'invisible' && !this.features.invisible ? { ...this.ownPresence, availability: 'online' as const } : this.ownPresence;
      this.sendOwnPresence(presence).catch((err: unknown) => this.log.warn('[natter/xmpp] sending the chosen presence failed:', describeError(err)));
    }
  }

  private async iq(el: XmlElement): Promise<XmlElement> {
    const client = this.requireClient();
    try {
      return await client.iqCaller.request(el, this.iqTimeout);
    } catch (err) {
      const e = err as LibError;
      // StanzaError carries the defined condition (and the server's text, kept short, to show).
      if (e?.condition) throw new RequestError(e.condition, boundedText(e.text));
      throw new Error(describeError(err));
    }
  }

  /** The client while a session exists or is being set up (IQs of the session start run before 'online'). */
  private requireClient(): XmppClient {
    if (!this.client || this.phase === 'idle' || this.phase === 'stopping') throw new Error('not connected');
    return this.client;
  }

  private requireOnline(): XmppClient {
    if (!this.client || this.phase !== 'online') throw new Error('not connected');
    return this.client;
  }

  // ------------------------------------------------------- stream mgmt acks

  // -------------------------------------------------------------- incoming

  private onStanza(stanza: XmlElement): void {
    if (!this.ownJid) return;
    if (stanza.name === 'message') this.onMessage(stanza);
    else if (stanza.name === 'presence') this.onPresence(stanza);
    // IQs are routed by @xmpp/iq (caller for answers, callee for requests).
  }

  private onPresence(stanza: XmlElement): void {
    // Presences of rooms (occupants, our own in the room, join errors) never reach the roster.
    const room = parseRoomJid(stanza.attrs.from);
    if (room && (this.rooms.has(room.room) || mucUserX(stanza))) {
      this.rooms.onPresence(stanza);
      // Occupants of rooms we are in only (a stray occupant presence is no one we talk to).
      if (this.rooms.has(room.room)) this.caps.onPresence(stanza);
      return;
    }
    this.roster.onPresence(stanza);
    this.caps.onPresence(stanza);
    this.profiles.onPresence(stanza);
  }

  private onMessage(stanza: XmlElement): void {
    const ctx = this.ctx();
    if (this.mam.onMessage(stanza, ctx)) return;
    const type = stanza.attrs.type ?? 'normal';
    if (type === 'error') {
      this.onMessageError(stanza);
      return;
    }
    if (type === 'groupchat') {
      this.rooms.onGroupchat(stanza);
      return;
    }
    if (this.bookmarks.onMessage(stanza, ctx)) return;
    if (this.mds.onMessage(stanza, ctx)) return;
    if (type !== 'headline' && this.rooms.onDecline(stanza)) return;
    if (this.profiles.onMessage(stanza)) return;
    const invitation = type !== 'headline' ? parseInvitation(stanza) : null;
    if (invitation) {
      const { room, from, reason, password, kind } = invitation;
      this.emit({ type: 'invitation', room, from, kind, ...(reason ? { reason } : {}), ...(password ? { password } : {}) });
      return;
    }
    this.messages.onMessage(stanza, ctx);
  }

  /**
   * True when `jid` is an occupant of a room (`room@service/nick`) and a message with it is a
   * private message in that room: the room is one we are in (or were in), or the message carries
   * `<x xmlns="…muc#user"/>` (XEP-0045 §7.5).
   */
  private isOccupant(jid: unknown, message: XmlElement): boolean {
    const r = parseRoomJid(jid);
    return !!r && r.nick !== undefined && (this.rooms.isRoom(r.room) || !!mucUserX(message));
  }

  private onMessageError(stanza: XmlElement): void {
    const info = parseMessageError(stanza);
    if (!info) {
      this.drop('malformed error message', stanza);
      return;
    }
    if (this.rooms.onMessageError(stanza, info.condition)) return;
    this.messages.onError(stanza, info);
  }

  // -------------------------------------------------------------- commands

  /** XEP-0363: see features/upload. */
  uploadFile(file: Blob, name: string, options: UploadOptions = {}): Promise<string> {
    return this.upload.upload(file, name, options);
  }

  sendMessage(to: Jid, body: string, id: string, extras?: OutgoingExtras): Promise<void> {
    return this.messages.send(to, body, id, undefined, extras);
  }

  async correctMessage(conversation: Jid, originalId: string, body: string, id: string): Promise<void> {
    checkId(originalId);
    const target = parseJid(conversation);
    if (target && target.resource === undefined && this.rooms.has(formatBare(target))) await this.sendGroupchat(conversation, body, id, originalId);
    else await this.messages.send(conversation, body, id, originalId);
  }

  retractMessage(conversation: Jid, retractedId: string, id: string): Promise<void> {
    return this.messages.sendRetraction(conversation, retractedId, id);
  }

  /** XEP-0444: see features/reactions. */
  sendReactions(conversation: Jid, messageId: string, emojis: string[], id: string): Promise<void> {
    return this.messages.sendReactions(conversation, messageId, emojis, id);
  }

  /** XEP-0333: see features/messages. */
  sendDisplayed(to: Jid, messageId: string): Promise<void> {
    return this.messages.sendDisplayed(to, messageId);
  }

  /** XEP-0490: see features/mds. */
  publishDisplayed(conversation: Jid, stanzaId: string): Promise<void> {
    return this.mds.publish(conversation, stanzaId);
  }

  sendChatState(to: Jid, state: ChatState): Promise<void> {
    return this.messages.sendChatState(to, state);
  }

  /** XEP-0313 forward paging after a reconnect: see features/mam. */
  catchUp(archive: Jid | null, from: CatchUpFrom): Promise<number> {
    return this.mam.catchUp(archive, from);
  }

  /** XEP-0313: see features/mam. */
  loadHistory(conversation: Jid, options: { before?: string; max?: number } = {}): Promise<void> {
    return this.mam.load(conversation, options);
  }

  addContact(jid: Jid, name?: string, groups: string[] = []): Promise<void> {
    return this.roster.add(jid, name, groups);
  }

  removeContact(jid: Jid): Promise<void> {
    return this.roster.remove(jid);
  }

  approveSubscription(jid: Jid): Promise<void> {
    return this.roster.approve(jid);
  }

  denySubscription(jid: Jid): Promise<void> {
    return this.roster.deny(jid);
  }

  updateContact(jid: Jid, name: string | undefined, groups: string[]): Promise<void> {
    return this.roster.update(jid, name, groups);
  }

  // -------------------------------------------------------- own presence

  async setPresence(presence: OwnPresence): Promise<void> {
    const availability = presence?.availability;
    if (!['online', 'away', 'dnd', 'invisible'].includes(availability)) throw new Error('invalid presence');
    if (presence.status !== undefined && typeof presence.status !== 'string') throw new Error('invalid status');
    const next: OwnPresence = { availability, ...(presence.status?.trim() ? { status: presence.status } : {}) };
    if (this.phase === 'online') {
      if (availability === 'invisible' && !this.features.invisible) throw new Error('feature-not-implemented');
      await this.sendOwnPresence(next);
    } else if (this.phase !== 'idle') {
      this.presenceUnsent = true;
    }
    this.ownPresence = next;
    this.emit({ type: 'ownPresence', presence: { ...next } });
  }

  /** Sends `presence` on the current stream: to contacts (or XEP-0186 invisible), and to every room joined. */
  private async sendOwnPresence(presence: OwnPresence): Promise<void> {
    const client = this.requireOnline();
    if (presence.availability === 'invisible') {
      if (!this.invisibleActive) await this.iq(invisibleSet(randomId()));
      this.invisibleActive = true;
      return;
    }
    if (this.invisibleActive) await this.iq(visibleSet(randomId()));
    this.invisibleActive = false;
    const fields = presenceFields(presence);
    // Capabilities (PEP +notify) and, once we know it, the XEP-0153 photo hash.
    await client.send(availablePresence({ ...fields, caps: capsElement(), photo: this.profiles.photoHash() }));
    // Rooms are not sent broadcasts: occupants learn it from a presence to the room (XEP-0045 §7.7).
    for (const to of this.rooms.occupantJids()) await client.send(availablePresence({ ...fields, to }));
  }

  // ------------------------------------------------------------ blocking

  /** XEP-0191: see features/blocking. */
  loadBlocklist(): Promise<void> {
    return this.blocking.load();
  }

  block(jid: Jid, report?: AbuseReport): Promise<void> {
    return this.blocking.block(jid, report);
  }

  unblock(jid: Jid): Promise<void> {
    return this.blocking.unblock(jid);
  }

  // ----------------------------------------------------------------- rooms

  async joinRoom(room: Jid, options: JoinOptions): Promise<void> {
    const jid = this.roomArg(room, options?.nick);
    await this.rooms.join(jid, options.nick, { password: options.password || undefined, history: options.history });
  }

  async leaveRoom(room: Jid): Promise<void> {
    await this.rooms.leave(this.roomArg(room));
  }

  async changeNick(room: Jid, nick: string): Promise<void> {
    await this.rooms.changeNick(this.roomArg(room, nick), nick);
  }

  async sendRoomMessage(room: Jid, body: string, id: string, extras?: OutgoingExtras): Promise<void> {
    await this.sendGroupchat(room, body, id, undefined, extras);
  }

  /** A groupchat message; with `replaces`, a correction; with `extras`, a file, an answer, mentions. */
  private async sendGroupchat(room: Jid, body: string, id: string, replaces?: string, extras?: OutgoingExtras): Promise<void> {
    const jid = this.roomArg(room);
    checkOutgoing(body, id);
    await this.rooms.sendMessage(jid, body, id, replaces, extras);
    this.messages.sentUnlessAcked(jid, id);
  }

  async setSubject(room: Jid, subject: string): Promise<void> {
    if (typeof subject !== 'string') throw new Error('invalid subject');
    await this.rooms.setSubject(this.roomArg(room), subject);
  }

  /** XEP-0425: see features/moderation. */
  async moderateMessage(room: Jid, stanzaId: string, reason?: string): Promise<void> {
    checkId(stanzaId);
    await this.rooms.moderate(this.roomArg(room), stanzaId, reason);
  }

  async kick(room: Jid, nick: string, reason?: string): Promise<void> {
    await this.rooms.setRole(this.roomArg(room, nick), nick, 'none', reason);
  }

  async setRole(room: Jid, nick: string, role: Role, reason?: string): Promise<void> {
    if (!['moderator', 'participant', 'visitor', 'none'].includes(role)) throw new Error('invalid role');
    await this.rooms.setRole(this.roomArg(room, nick), nick, role, reason);
  }

  async setAffiliation(room: Jid, jid: Jid, affiliation: Affiliation, reason?: string): Promise<void> {
    if (!['owner', 'admin', 'member', 'outcast', 'none'].includes(affiliation)) throw new Error('invalid affiliation');
    const r = this.roomArg(room);
    await this.rooms.setAffiliation(r, this.bareArg(jid), affiliation, reason);
  }

  async invite(room: Jid, jid: Jid, reason?: string): Promise<void> {
    const r = this.roomArg(room);
    await this.rooms.invite(r, this.bareArg(jid), reason);
  }

  async declineInvitation(room: Jid, inviter: Jid, reason?: string): Promise<void> {
    const r = checkRoom(room);
    const to = parseJid(inviter);
    if (!to) throw new Error('invalid-jid');
    this.requireOnline();
    await this.rooms.decline(r, formatJid(to), reason);
  }

  getRoomConfig(room: Jid): Promise<DataFormDefinition> {
    return this.rooms.getConfig(this.roomArg(room));
  }

  async submitRoomConfig(room: Jid, form: DataFormDefinition): Promise<void> {
    if (!form || !Array.isArray(form.fields)) throw new Error('invalid form');
    await this.rooms.submitConfig(this.roomArg(room), form);
  }

  async cancelRoomConfig(room: Jid): Promise<void> {
    await this.rooms.cancelConfig(this.roomArg(room));
  }

  getAffiliations(room: Jid, affiliation: Exclude<Affiliation, 'none'>): Promise<AffiliationItem[]> {
    if (!['owner', 'admin', 'member', 'outcast'].includes(affiliation)) throw new Error('invalid affiliation');
    return this.rooms.affiliations(this.roomArg(room), affiliation);
  }

  async destroyRoom(room: Jid, options: DestroyOptions = {}): Promise<void> {
    const r = this.roomArg(room);
    const alternate = options.alternate ? checkRoom(options.alternate) : undefined;
    await this.rooms.destroy(r, { reason: options.reason, alternate });
  }

  async queryRoom(room: Jid): Promise<void> {
    await this.rooms.query(this.roomArg(room));
  }

  async listRooms(service?: Jid): Promise<void> {
    this.requireOnline();
    await listRooms(this.host, service ?? this.features.conferenceService, this.directoryInfoLimit);
  }

  async createRoom(room: Jid, nick: string, config: RoomConfig): Promise<void> {
    const jid = this.roomArg(room, nick);
    // An existing room answers disco#info; only an unknown one (item-not-found) can be created.
    let exists = false;
    try {
      await discoInfoStrict(this.host, jid);
      exists = true;
    } catch (err) {
      if (describeError(err) !== 'item-not-found') this.log.warn(`[natter/xmpp] disco#info of ${jid} before creating it:`, describeError(err));
    }
    if (exists) throw new RoomError('unknown', 'room exists');
    await this.rooms.join(jid, nick, { password: config?.password || undefined, create: { ...(config ?? {}) } });
  }

  /** Validates a room JID (and nick), and that we are online; returns the normalized room JID. */
  private roomArg(room: Jid, nick?: string): Jid {
    const jid = checkRoom(room, nick === undefined ? undefined : nick);
    this.requireOnline();
    return jid;
  }

  // ------------------------------------------------------------- bookmarks

  loadBookmarks(): Promise<void> {
    return this.bookmarks.load();
  }

  saveBookmark(bookmark: Bookmark): Promise<void> {
    return this.bookmarks.save(bookmark);
  }

  removeBookmark(room: Jid): Promise<void> {
    return this.bookmarks.remove(room);
  }

  // -------------------------------------------------------------- profiles

  /** XEP-0172, XEP-0292, XEP-0054, XEP-0084, XEP-0153: see features/profile. */
  fetchProfile(jid: Jid): Promise<void> {
    return this.profiles.fetch(jid);
  }

  fetchAvatar(jid: Jid, avatar: AvatarRef): Promise<AvatarData> {
    return this.profiles.fetchAvatar(jid, avatar);
  }

  publishAvatar(avatar: OwnAvatar): Promise<string> {
    return this.profiles.publishAvatar(avatar);
  }

  setProfile(change: OwnProfileChange): Promise<void> {
    return this.profiles.setProfile(change);
  }

  private bareArg(jid: Jid): Jid {
    return requireBareJid(this.host, jid);
  }
}

/** The first item that is an upload service (the disco order of the server). */
function findUploadService(infos: { jid: string; info: DiscoInfo | null }[]): UploadService | undefined {
  for (const { jid, info } of infos) {
    const service = parseUploadService(jid, info);
    if (service) return service;
  }
  return undefined;
}

function sameUploadService(a: UploadService | undefined, b: UploadService | undefined): boolean {
  return a?.jid === b?.jid && a?.maxFileSize === b?.maxFileSize;
}

/** Creates the XMPP adapter. See `XmppAdapterOptions` for the knobs; none is needed in production. */
export function createXmppAdapter(options: XmppAdapterOptions = {}): ChatAdapter {
  return new XmppAdapter(options);
}
