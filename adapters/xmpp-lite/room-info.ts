/**
 * A tiny XMPP client that does one thing: ask a room (XEP-0045) for its name and occupant count
 * with disco#info (XEP-0030 and its XEP-0128 `muc#roominfo` form), signed in anonymously (SASL
 * ANONYMOUS) over a WebSocket (RFC 7395). The stand-alone `<natter-room-badge>` loads it instead
 * of a session with @xmpp/client, to stay within its page's size budget: see
 * docs/decisions/0007-room-badge-lite-client.md for why, and for what it does not do.
 *
 * It needs only the browser's WebSocket and DOMParser. Each frame is one XML document; a frame
 * that does not parse, or that nothing waits for (a spoofed or stray answer), is dropped with a
 * warning. A disco#info answer counts only with the id of the request and `from` the room asked.
 */
import { formatBare, parseJid, sameJid } from '../xmpp/jid';
import { NS_DATA, NS_DISCO_INFO, NS_MUC_ROOMINFO, NS_STANZAS, NS_STREAM } from '../xmpp/namespaces';

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';
const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';

const DEFAULT_TIMEOUT_MS = 15_000;
/** How long `close()` waits for the server's own `<close/>` before closing the WebSocket anyway. */
const CLOSE_WAIT_MS = 2_000;
const WEBSOCKET_OPEN = 1;

/** What a room says about itself. */
export interface RoomReport {
  name?: string;
  /** `muc#roominfo_occupants`, when the room tells it. */
  occupants?: number;
}

/**
 * Why a query failed. `condition` is the room's stanza error (`item-not-found` for no such room,
 * `forbidden`…) when `byRoom`, else what went wrong on the way: `invalid-jid`, `unreachable`,
 * `no-mechanism` (no SASL ANONYMOUS), `not-authorized`, a stream error's condition, `protocol`,
 * `timeout` or `closed`.
 */
export class RoomInfoError extends Error {
  constructor(
    readonly condition: string,
    readonly byRoom = false,
    detail?: string,
  ) {
    super(detail ? `${condition}: ${detail}` : condition);
    this.name = 'RoomInfoError';
  }
}

/** The part of a browser WebSocket the client uses. */
export interface FrameSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** What the client reads of a parsed frame; a DOM `Element` is one. */
export interface FrameElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly children: ArrayLike<FrameElement>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}

export interface RoomInfoClientOptions {
  /** The WebSocket URL; default `wss://<domain>/xmpp-websocket`. */
  service?: string;
  /** The domain to sign in to anonymously, e.g. `anon.example.org`. */
  domain: string;
  /** Longest wait for each step of the sign-in and for each answer. */
  timeoutMs?: number;
  /** Tests: opens the socket (default: the browser's WebSocket with the `xmpp` subprotocol). */
  openSocket?: (url: string) => FrameSocket;
  /** Tests: parses one frame, null when it is not well-formed XML (default: DOMParser). */
  parseFrame?: (text: string) => FrameElement | null;
  warn?: (...details: unknown[]) => void;
}

interface Pending {
  /** True when the frame was the one it waited for. */
  offer(frame: FrameElement): boolean;
  fail(error: RoomInfoError): void;
}

function openWebSocket(url: string): FrameSocket {
  return new WebSocket(url, 'xmpp') as unknown as FrameSocket;
}

function parseWithDomParser(text: string): FrameElement | null {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  // Chromium and Firefox report a syntax error as a <parsererror> element, not an exception.
  if (doc.getElementsByTagName('parsererror').length > 0) return null;
  return doc.documentElement;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function is(frame: FrameElement, name: string, ns: string | null): boolean {
  return frame.localName === name && frame.namespaceURI === ns;
}

function childrenOf(parent: FrameElement): FrameElement[] {
  return Array.from(parent.children);
}

function childOf(parent: FrameElement, name: string, ns: string): FrameElement | undefined {
  return childrenOf(parent).find(el => is(el, name, ns));
}

/** Stanzas come in `jabber:client` (a server may also leave the namespace out of a frame). */
function isIq(frame: FrameElement): boolean {
  return frame.localName === 'iq' && (frame.namespaceURI === 'jabber:client' || frame.namespaceURI === null);
}

function isAnswer(frame: FrameElement): boolean {
  const type = frame.getAttribute('type');
  return isIq(frame) && (type === 'result' || type === 'error');
}

/** The defined condition of a stanza or stream error, e.g. `item-not-found`. */
function errorCondition(parent: FrameElement | undefined, ns: string): string {
  return (parent && childrenOf(parent).find(el => el.namespaceURI === ns && el.localName !== 'text')?.localName) || 'undefined-condition';
}

/** The first value of a data form field. */
function fieldValue(form: FrameElement, name: string): string | undefined {
  const field = childrenOf(form).find(el => is(el, 'field', NS_DATA) && el.getAttribute('var') === name);
  const value = field && childrenOf(field).find(el => el.localName === 'value');
  return value ? (value.textContent ?? '') : undefined;
}

/**
 * A room's name and count from its disco#info result, read as the XMPP adapter reads it
 * (parseRoomInfo): the conference identity's name, else the `muc#roominfo` form's room name;
 * `muc#roominfo_occupants` when it is a plain number.
 */
export function roomReportOf(iq: FrameElement): RoomReport {
  const query = childOf(iq, 'query', NS_DISCO_INFO);
  if (!query) throw new RoomInfoError('protocol', false, 'a disco#info result without its query');
  const items = childrenOf(query);
  const identity = items.find(el => is(el, 'identity', NS_DISCO_INFO) && el.getAttribute('category') === 'conference');
  const form = items.find(el => is(el, 'x', NS_DATA) && fieldValue(el, 'FORM_TYPE') === NS_MUC_ROOMINFO);
  const report: RoomReport = {};
  const name = identity?.getAttribute('name') || (form && fieldValue(form, 'muc#roomconfig_roomname'));
  if (name) report.name = name;
  const occupants = form && fieldValue(form, 'muc#roominfo_occupants')?.trim();
  if (occupants && /^\d{1,9}$/.test(occupants)) report.occupants = Number(occupants);
  return report;
}

/**
 * Asks rooms for their name and occupant count. The first query connects and signs in; later
 * ones reuse the stream, and one after the connection was lost connects again. `close()` ends
 * the stream cleanly.
 */
export class RoomInfoClient {
  private socket?: FrameSocket;
  /** Settles once the stream is signed in and bound. */
  private ready?: Promise<void>;
  private readonly pending = new Set<Pending>();
  private lastId = 0;
  private readonly idPrefix = Math.random().toString(36).slice(2, 8);
  private readonly timeoutMs: number;
  private readonly parseFrame: (text: string) => FrameElement | null;
  private readonly warn: (...details: unknown[]) => void;

  constructor(private readonly options: RoomInfoClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.parseFrame = options.parseFrame ?? parseWithDomParser;
    this.warn = options.warn ?? ((...details) => console.warn('[natter/room-info]', ...details));
  }

  /** The room's name and count; rejects with a `RoomInfoError`. */
  async query(room: string): Promise<RoomReport> {
    const jid = parseJid(room);
    if (!jid || jid.local === undefined || jid.resource !== undefined) throw new RoomInfoError('invalid-jid', false, room);
    const target = formatBare(jid);
    const ready = (this.ready ??= this.connect());
    try {
      await ready;
    } catch (error) {
      if (this.ready === ready) this.ready = undefined;
      throw error;
    }
    const id = this.nextId();
    const answer = this.expect(`the disco#info answer of ${target}`, frame => isAnswer(frame) && frame.getAttribute('id') === id && sameJid(frame.getAttribute('from'), target));
    this.send(`<iq xmlns="jabber:client" type="get" id="${id}" to="${escapeXml(target)}"><query xmlns="${NS_DISCO_INFO}"/></iq>`);
    const iq = await answer;
    if (iq.getAttribute('type') === 'error') throw new RoomInfoError(errorCondition(childrenOf(iq).find(el => el.localName === 'error'), NS_STANZAS), true);
    return roomReportOf(iq);
  }

  /** Ends the stream (`<close/>`, waiting briefly for the server's), then closes the WebSocket. */
  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.detach(new RoomInfoError('closed'));
    if (socket.readyState === WEBSOCKET_OPEN) {
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, CLOSE_WAIT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        socket.onmessage = event => {
          const frame = typeof event.data === 'string' ? this.parseFrame(event.data) : null;
          if (frame && is(frame, 'close', NS_FRAMING)) done();
        };
        socket.onclose = done;
        socket.send(`<close xmlns="${NS_FRAMING}"/>`);
      });
    }
    socket.onmessage = socket.onclose = null;
    socket.close(1000);
  }

  private async connect(): Promise<void> {
    const { domain } = this.options;
    const service = this.options.service || `wss://${domain}/xmpp-websocket`;
    let socket: FrameSocket;
    try {
      socket = (this.options.openSocket ?? openWebSocket)(service);
    } catch (error) {
      throw new RoomInfoError('unreachable', false, String(error));
    }
    this.socket = socket;
    let signedIn = false;
    socket.onmessage = event => this.receive(socket, event.data);
    // An error event is always followed by a close event: handle the close only.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (socket === this.socket) this.lose(new RoomInfoError(signedIn ? 'closed' : 'unreachable', false, 'the WebSocket closed'));
    };
    try {
      await this.wait<void>('the WebSocket to open', done => {
        socket.onopen = () => done();
        return () => false;
      });
      const features = await this.openStream();
      const mechanisms = childOf(features, 'mechanisms', NS_SASL);
      if (!mechanisms || !childrenOf(mechanisms).some(el => el.localName === 'mechanism' && el.textContent?.trim() === 'ANONYMOUS')) {
        throw new RoomInfoError('no-mechanism', false, `${domain} offers no SASL ANONYMOUS`);
      }
      const outcome = this.expect('the SASL outcome', frame => is(frame, 'success', NS_SASL) || is(frame, 'failure', NS_SASL));
      // `=` is an empty initial response (RFC 6120 §6.4.2): ANONYMOUS sends no trace.
      this.send(`<auth xmlns="${NS_SASL}" mechanism="ANONYMOUS">=</auth>`);
      const result = await outcome;
      if (result.localName === 'failure') throw new RoomInfoError('not-authorized', false, errorCondition(result, NS_SASL));
      const restarted = await this.openStream();
      if (!childOf(restarted, 'bind', NS_BIND)) throw new RoomInfoError('protocol', false, 'no resource binding offered');
      const bound = childOf(await this.askServer('resource binding', `<bind xmlns="${NS_BIND}"/>`), 'bind', NS_BIND);
      if (!parseJid(bound && childOf(bound, 'jid', NS_BIND)?.textContent)) throw new RoomInfoError('protocol', false, 'resource binding without a JID');
      // RFC 3921 sessions: only servers that still require one get the request.
      const session = childOf(restarted, 'session', NS_SESSION);
      if (session && !childOf(session, 'optional', NS_SESSION)) await this.askServer('session', `<session xmlns="${NS_SESSION}"/>`);
      signedIn = true;
    } catch (error) {
      const failure = error instanceof RoomInfoError ? error : new RoomInfoError('protocol', false, String(error));
      if (socket === this.socket) this.lose(failure);
      throw failure;
    }
  }

  /** Opens (or restarts) the stream: resolves with the server's features. */
  private async openStream(): Promise<FrameElement> {
    const header = this.expect('the stream header', frame => is(frame, 'open', NS_FRAMING));
    const features = this.expect('the stream features', frame => is(frame, 'features', NS_STREAM));
    this.send(`<open xmlns="${NS_FRAMING}" to="${escapeXml(this.options.domain)}" version="1.0"/>`);
    return (await Promise.all([header, features]))[1];
  }

  /** An IQ set to our own server; the answer has no `from`, or the server's domain. */
  private async askServer(what: string, payload: string): Promise<FrameElement> {
    const id = this.nextId();
    const answer = this.expect(what, frame => {
      const from = frame.getAttribute('from');
      return isAnswer(frame) && frame.getAttribute('id') === id && (from === null || sameJid(from, this.options.domain));
    });
    this.send(`<iq xmlns="jabber:client" type="set" id="${id}">${payload}</iq>`);
    const iq = await answer;
    if (iq.getAttribute('type') === 'error') throw new RoomInfoError('protocol', false, `${what} failed`);
    return iq;
  }

  private receive(socket: FrameSocket, data: unknown): void {
    if (socket !== this.socket) return;
    const text = typeof data === 'string' ? data : '';
    const frame = text ? this.parseFrame(text) : null;
    if (!frame) {
      this.warn('dropped a malformed frame', text.slice(0, 200) || typeof data);
      return;
    }
    if (is(frame, 'close', NS_FRAMING)) {
      // The server ends the stream: answer with ours (RFC 7395 §3.6); it closes the WebSocket.
      this.send(`<close xmlns="${NS_FRAMING}"/>`);
      this.lose(new RoomInfoError('closed', false, 'the server closed the stream'));
    } else if (is(frame, 'error', NS_STREAM)) {
      this.lose(new RoomInfoError(errorCondition(frame, NS_STREAM_ERRORS), false, 'stream error'));
    } else if (isIq(frame) && (frame.getAttribute('type') === 'get' || frame.getAttribute('type') === 'set')) {
      this.refuse(frame);
    } else if (![...this.pending].some(pending => pending.offer(frame))) {
      this.warn(`dropped an unexpected <${frame.localName}>`, text.slice(0, 200));
    }
  }

  /** Every request must get an answer (RFC 6120 §8.2.3); this client offers nothing. */
  private refuse(iq: FrameElement): void {
    const id = iq.getAttribute('id');
    if (id === null) return;
    const from = iq.getAttribute('from');
    const to = from === null ? '' : ` to="${escapeXml(from)}"`;
    this.send(
      `<iq xmlns="jabber:client" type="error" id="${escapeXml(id)}"${to}><error type="cancel"><service-unavailable xmlns="${NS_STANZAS}"/></error></iq>`,
    );
  }

  /** The next frame `accept` takes; fails on timeout or when the connection is lost. */
  private expect(what: string, accept: (frame: FrameElement) => boolean): Promise<FrameElement> {
    return this.wait(what, done => frame => {
      if (!accept(frame)) return false;
      done(frame);
      return true;
    });
  }

  /**
   * Waits for what `watch` reports through `done`; `watch` returns the frame filter. A timeout
   * loses the connection: a server that stopped answering in one step will not answer the next.
   */
  private wait<T>(what: string, watch: (done: (value: T) => void) => (frame: FrameElement) => boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.lose(new RoomInfoError('timeout', false, `no ${what}`)), this.timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(pending);
      };
      const pending: Pending = {
        offer: frame => accept(frame),
        fail: error => {
          finish();
          reject(error);
        },
      };
      this.pending.add(pending);
      const accept = watch(value => {
        finish();
        resolve(value);
      });
    });
  }

  private send(frame: string): void {
    this.socket?.send(frame);
  }

  private nextId(): string {
    return `natter-${this.idPrefix}-${++this.lastId}`;
  }

  /** Forgets the connection and fails whatever waited on it. */
  private detach(error: RoomInfoError): void {
    this.socket = undefined;
    this.ready = undefined;
    for (const pending of [...this.pending]) pending.fail(error);
  }

  /** The connection is unusable: fail what waited and close the WebSocket. */
  private lose(error: RoomInfoError): void {
    const socket = this.socket;
    this.detach(error);
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.close();
  }
}
