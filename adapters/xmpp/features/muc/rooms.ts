/**
 * The XMPP adapter's rooms (XEP-0045): which rooms we are in or joining, their occupants, our
 * nick and occupant id there, and the state machines of joining, creating, leaving, changing nick
 * and XEP-0410 self-pings. It turns room presences and messages (already routed here by the
 * adapter) into `AdapterEvent`s through the pure parsers of `parser.ts`, and sends what the
 * builders of `stanzas.ts` make. It talks to the connection only through `RoomHost`.
 *
 * Trust: a room stanza is believed only from a room we are in or joining (its bare JID); a
 * groupchat message only from a nick that is present (or our own, or replayed by the room with
 * its own `<delay/>`); occupant ids only when the room advertises XEP-0421; the room's stanza-id
 * only with `by` = the room.
 */
import {
  RoomError,
  type AdapterEvent,
  type Affiliation,
  type AffiliationItem,
  type DataFormDefinition,
  type DestroyOptions,
  type Jid,
  type Message,
  type Occupant,
  type Role,
  type RoomConfig,
  type RoomFeatures,
  type RoomInfo,
  type RoomLeftReason,
  type OutgoingExtras,
} from '../../../types';
import type { FeatureHost } from '../host';
import { parseJid } from '../../jid';
import type { DiscoInfo } from '../disco/parser';
import {
  STATUS,
  leaveReason,
  occupantIdOf,
  parseGroupchat,
  parseAffiliationList,
  parseDecline,
  parseMucPresence,
  parseOwnerForm,
  parseMucPresenceError,
  parseRoomConfigForm,
  parseRoomInfo,
  parseRoomJid,
  suggestNick,
  type MucPresence,
  type RoomContext,
} from './parser';
import { withExtras } from '../messages/outgoing';
import { moderationVersion } from '../moderation/parser';
import { moderateIq } from '../moderation/stanzas';
import { formCancel, formSubmission } from '../dataforms/form';
import {
  adminSet, affiliationListGet, configGet, configSubmit, declineMessage, destroyRoomIq, directInvitation, mediatedInvitation, ownerSet, groupchatMessage, instantRoom, joinPresence, leavePresence, nickChangePresence, selfPing, subjectMessage,
} from './stanzas';
import { randomId, xmlSafe, type XmlElement } from '../../xml';

/** What the room manager needs from the adapter. */
/** What the room manager needs of the adapter core: a feature's host, and a few more. */
export interface RoomHost extends FeatureHost {
  /** disco#info of `to`, answered by `to` itself; rejects like `iq`. */
  discoInfo(to: string): Promise<DiscoInfo>;
  /** Remembers an own message id for acks and error bounces. */
  remember(id: string, conversation: Jid): void;
  /** Loads the newest page of a room's archive (emits `history` or `historyError`). */
  loadRoomHistory(room: Jid, max: number): Promise<void>;
  /** The user's own show and status, which every join (and rejoin) carries. */
  ownPresence(): { show?: 'away' | 'dnd'; status?: string };
}

export interface RoomOptions {
  /** Give up joining after this many ms (default 30 000). */
  joinTimeout: number;
  /** Resolve `leaveRoom` after this many ms without the room's answer (default 5 000). */
  leaveTimeout: number;
  /** XEP-0410: self-ping a room that was silent this long, ms; 0 turns it off (default 5 minutes). */
  selfPingInterval: number;
}

export const DEFAULT_ROOM_OPTIONS: RoomOptions = { joinTimeout: 30_000, leaveTimeout: 5_000, selfPingInterval: 5 * 60_000 };

/** Defined conditions after which XEP-0410 says we are still joined. */
const STILL_JOINED = ['service-unavailable', 'feature-not-implemented', 'item-not-found'];
/** RFC 6120 §8.3.3 conditions: any of these (but the ones above) to a self-ping means we are out. */
const STANZA_CONDITIONS = [
  'bad-request', 'conflict', 'feature-not-implemented', 'forbidden', 'gone', 'internal-server-error', 'item-not-found',
  'jid-malformed', 'not-acceptable', 'not-allowed', 'not-authorized', 'policy-violation', 'recipient-unavailable', 'redirect',
  'registration-required', 'remote-server-not-found', 'remote-server-timeout', 'resource-constraint', 'service-unavailable',
  'subscription-required', 'undefined-condition', 'unexpected-request',
];
/** Conditions that mean the room's server is unreachable: nothing is known, try again later. */
const UNREACHABLE = ['remote-server-not-found', 'remote-server-timeout'];
/** Most messages of discussion history kept while joining a room without an archive. */
const MAX_LEGACY_HISTORY = 500;

interface Deferred {
  resolve: () => void;
  reject: (err: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface RoomState {
  jid: Jid;
  /** Our nick: the one asked for while joining, then the one the room gave us. */
  nick: string;
  password?: string;
  /** How many archived messages to load after joining. */
  history: number;
  status: 'joining' | 'joined';
  occupants: Map<string, Occupant>;
  features?: RoomFeatures;
  /** The form of XEP-0425 the room speaks, if it offers moderation. */
  moderation?: 0 | 1;
  ownOccupantId?: string;
  /** The subject arrived since we (re)joined: XEP-0045 §7.2.15, the end of the join sequence. */
  subjectSeen: boolean;
  /** The room has no archive: its discussion history is what we get while joining. */
  legacyHistory?: Message[];
  join?: Deferred;
  /** createRoom: configure the room (or fail if it is not new). */
  create?: RoomConfig;
  leave?: Deferred;
  nickChange?: Deferred & { nick: string };
  /** Subject changes waiting for the room's broadcast, by message id. */
  subjects: Map<string, Deferred>;
  lastActivity: number;
  /** A self-ping is in flight. */
  pinging: boolean;
  /** Incremented on every (re)join, so late steps of an older attempt do nothing. */
  attempt: number;
}

function deferred(): { promise: Promise<void>; d: Deferred } {
  let d!: Deferred;
  const promise = new Promise<void>((resolve, reject) => {
    d = { resolve, reject };
  });
  return { promise, d };
}

function settle(d: Deferred | undefined, err?: Error): void {
  if (!d) return;
  clearTimeout(d.timer);
  if (err) d.reject(err);
  else d.resolve();
}

function conditionOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class RoomManager {
  private readonly rooms = new Map<Jid, RoomState>();
  /** Rooms we were in during this adapter's life, for reading their archive after leaving. */
  private readonly known = new Map<Jid, RoomContext>();
  /** Rooms we invited someone to in this adapter's life: only their declines are believed. */
  private readonly invitedTo = new Set<Jid>();
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: RoomHost,
    private readonly options: RoomOptions = DEFAULT_ROOM_OPTIONS,
  ) {}

  // ------------------------------------------------------------- queries

  /** True for a room we are in or joining. */
  has(room: Jid): boolean {
    return this.rooms.has(room);
  }

  /** True for a room we are in, are joining, or were in (its archive can be read). */
  isRoom(room: Jid): boolean {
    return this.rooms.has(room) || this.known.has(room);
  }

  /** What message parsing needs to know about a room (current or former). */
  context(room: Jid): RoomContext | undefined {
    const s = this.rooms.get(room);
    return s ? this.contextOf(s) : this.known.get(room);
  }

  /** Occupant JIDs (`room/nick`) of the rooms we are in: where a change of own presence goes too. */
  occupantJids(): string[] {
    return [...this.rooms.values()].filter((s) => s.status === 'joined' && !s.leave).map((s) => `${s.jid}/${s.nick}`);
  }

  /** The rooms we are in or joining, with what it takes to join them again. */
  joined(): { room: Jid; nick: string; password?: string }[] {
    return [...this.rooms.values()].map((s) => ({ room: s.jid, nick: s.nick, password: s.password }));
  }

  private contextOf(s: RoomState): RoomContext {
    const ctx: RoomContext = { room: s.jid, nick: s.nick, occupantIds: !!s.features?.occupantId };
    if (s.ownOccupantId !== undefined) ctx.ownOccupantId = s.ownOccupantId;
    return ctx;
  }

  // ------------------------------------------------------------ commands

  async join(room: Jid, nick: string, o: { password?: string; history?: number; create?: RoomConfig } = {}): Promise<void> {
    const existing = this.rooms.get(room);
    if (existing) {
      if (existing.status === 'joined' && !o.create) return;
      if (existing.join && !o.create) {
        const { promise, d } = deferred();
        const previous = existing.join;
        existing.join = {
          resolve: () => (previous.resolve(), d.resolve()),
          reject: (e) => (previous.reject(e), d.reject(e)),
          timer: previous.timer,
        };
        return promise;
      }
      throw new RoomError('unknown', 'already in the room');
    }
    const s: RoomState = {
      jid: room,
      nick,
      history: Math.max(0, Math.floor(o.history ?? 50)),
      status: 'joining',
      occupants: new Map(),
      subjectSeen: false,
      subjects: new Map(),
      lastActivity: Date.now(),
      pinging: false,
      attempt: 0,
    };
    if (o.password) s.password = o.password;
    if (o.create) s.create = o.create;
    this.rooms.set(room, s);
    const { promise, d } = deferred();
    s.join = d;
    void this.sendJoin(s);
    return promise;
  }

  /** (Re)sends the join of `s`: disco#info first (features decide occupant ids and history), then the presence. */
  private async sendJoin(s: RoomState): Promise<void> {
    const attempt = ++s.attempt;
    s.status = 'joining';
    s.occupants = new Map();
    s.subjectSeen = false;
    s.legacyHistory = undefined;
    delete s.ownOccupantId;
    this.host.emit({ type: 'roomJoining', room: s.jid, nick: s.nick });
    if (s.join) {
      clearTimeout(s.join.timer);
      s.join.timer = setTimeout(() => this.failJoin(s, 'timeout', 'no answer from the room'), this.options.joinTimeout);
    }
    let info: RoomInfo | undefined;
    try {
      info = await this.roomInfo(s);
      s.features = info.features;
    } catch {
      s.features = undefined; // no such room yet (it will be created), or no disco: features unknown
    }
    if (this.rooms.get(s.jid) !== s || s.attempt !== attempt) return;
    // The room's name and description, for lists and headers (joining by address gives only the JID).
    if (info) this.host.emit({ type: 'roomInfo', info });
    // Without an archive, the room's own discussion history is all there is.
    const legacy = s.features !== undefined && !s.features.mam && s.history > 0;
    if (legacy) s.legacyHistory = [];
    const presence = joinPresence(`${s.jid}/${s.nick}`, { ...this.host.ownPresence(), password: s.password, maxStanzas: legacy ? Math.min(s.history, MAX_LEGACY_HISTORY) : 0 });
    try {
      await this.host.send(presence);
    } catch (err) {
      this.failJoin(s, 'unknown', conditionOf(err));
    }
  }

  private failJoin(s: RoomState, code: RoomError['code'], text?: string, suggestedNick?: string): void {
    if (this.rooms.get(s.jid) !== s) return;
    const join = s.join;
    this.forget(s);
    if (code === 'timeout') {
      // We may still get in later; make sure we do not stay in unseen.
      this.host.send(leavePresence(`${s.jid}/${s.nick}`)).catch(() => undefined);
    }
    const event: AdapterEvent = { type: 'roomJoinError', room: s.jid, error: code };
    if (text) event.text = text;
    if (suggestedNick) event.suggestedNick = suggestedNick;
    this.host.emit(event);
    settle(join, new RoomError(code, text, suggestedNick));
  }

  async leave(room: Jid): Promise<void> {
    const s = this.rooms.get(room);
    if (!s) return;
    if (s.leave) {
      const { promise, d } = deferred();
      const previous = s.leave;
      s.leave = { resolve: () => (previous.resolve(), d.resolve()), reject: (e) => (previous.reject(e), d.reject(e)), timer: previous.timer };
      return promise;
    }
    const { promise, d } = deferred();
    s.leave = d;
    d.timer = setTimeout(() => this.left(s, 'left'), this.options.leaveTimeout);
    try {
      await this.host.send(leavePresence(`${s.jid}/${s.nick}`));
    } catch {
      this.left(s, 'left'); // offline: we are out anyway
    }
    return promise;
  }

  async changeNick(room: Jid, nick: string): Promise<void> {
    const s = this.requireJoined(room);
    if (nick === s.nick) return;
    if (s.nickChange) throw new Error('a nick change is in progress');
    const { promise, d } = deferred();
    s.nickChange = { ...d, nick };
    s.nickChange.timer = setTimeout(() => {
      if (s.nickChange?.nick !== nick) return;
      const pending = s.nickChange;
      s.nickChange = undefined;
      settle(pending, new RoomError('timeout', 'no answer from the room'));
    }, this.options.joinTimeout);
    try {
      await this.host.send(nickChangePresence(`${s.jid}/${nick}`));
    } catch (err) {
      const pending = s.nickChange;
      s.nickChange = undefined;
      settle(pending, err instanceof Error ? err : new Error(String(err)));
    }
    return promise;
  }

  /**
   * A groupchat message; with `replaces`, the XEP-0308 correction of our message sent with that id;
   * with `extras`, a shared file (OOB + file metadata), an answer (XEP-0461), mentions (XEP-0372).
   */
  async sendMessage(room: Jid, body: string, id: string, replaces?: string, extras?: OutgoingExtras): Promise<void> {
    const s = this.requireJoined(room);
    // Built first: an attachment that cannot be sent (not http(s)) throws before anything is remembered.
    const stanza = withExtras(groupchatMessage(s.jid, body, id, replaces), body, extras);
    this.host.remember(id, s.jid);
    await this.host.send(stanza);
  }

  /** Resolves once the room broadcast the new subject; rejects with the room's error. */
  async setSubject(room: Jid, subject: string): Promise<void> {
    const s = this.requireJoined(room);
    const id = randomId();
    const { promise, d } = deferred();
    s.subjects.set(id, d);
    d.timer = setTimeout(() => {
      s.subjects.delete(id);
      d.reject(new Error('timeout'));
    }, this.options.joinTimeout);
    try {
      await this.host.send(subjectMessage(s.jid, subject, id));
    } catch (err) {
      s.subjects.delete(id);
      settle(d, err instanceof Error ? err : new Error(String(err)));
    }
    return promise;
  }

  async setRole(room: Jid, nick: string, role: Role, reason?: string): Promise<void> {
    this.requireJoined(room);
    await this.host.iq(adminSet(randomId(), room, { nick, role, reason }));
  }

  /**
   * XEP-0425: asks the room to remove the message with this stanza-id (anyone's; the room checks we
   * are a moderator). Resolves when the room agreed; its announcement then retracts the message.
   */
  async moderate(room: Jid, stanzaId: string, reason?: string): Promise<void> {
    const s = this.requireJoined(room);
    if (s.moderation === undefined) throw new Error('the room does not offer moderation');
    await this.host.iq(moderateIq(s.jid, stanzaId, s.moderation, randomId(), reason));
  }

  async setAffiliation(room: Jid, jid: Jid, affiliation: Affiliation, reason?: string): Promise<void> {
    this.requireJoined(room);
    await this.host.iq(adminSet(randomId(), room, { jid, affiliation, reason }));
  }

  /**
   * Mediated (XEP-0045 §7.8.2) while we are in the room: the room checks we may invite, adds the
   * invitee to a members-only room's members, and relays their decline. Else XEP-0249 direct.
   */
  async invite(room: Jid, jid: Jid, reason?: string): Promise<void> {
    const s = this.rooms.get(room);
    this.invitedTo.add(room);
    if (s?.status === 'joined') {
      await this.host.send(mediatedInvitation(room, jid, randomId(), reason));
      return;
    }
    await this.host.send(directInvitation(jid, room, randomId(), { reason, password: s?.password }));
  }

  /** Declines an invitation: the room relays the `<decline>` to the inviter (a bare JID, or the occupant JID it named). */
  async decline(room: Jid, inviter: Jid, reason?: string): Promise<void> {
    await this.host.send(declineMessage(room, inviter, randomId(), reason));
  }

  /**
   * A declined invitation relayed by a room we invited someone to: emits `invitationDeclined`.
   * True when `stanza` was one (believed or dropped).
   */
  onDecline(stanza: XmlElement): boolean {
    const decline = parseDecline(stanza);
    if (!decline) return false;
    if (!this.invitedTo.has(decline.room)) {
      this.host.drop('decline from a room we invited nobody to', stanza);
      return true;
    }
    const event: AdapterEvent = { type: 'invitationDeclined', room: decline.room, from: decline.from };
    if (decline.reason) event.reason = decline.reason;
    this.host.emit(event);
    return true;
  }

  /** The room's configuration form (owners only). */
  async getConfig(room: Jid): Promise<DataFormDefinition> {
    const answer = await this.host.iq(configGet(randomId(), room));
    const form = parseOwnerForm(answer);
    if (!form) throw new Error('the room sent no configuration form');
    return form;
  }

  async submitConfig(room: Jid, form: DataFormDefinition): Promise<void> {
    await this.host.iq(ownerSet(randomId(), room, formSubmission(form)));
  }

  async cancelConfig(room: Jid): Promise<void> {
    await this.host.iq(ownerSet(randomId(), room, formCancel()));
  }

  async affiliations(room: Jid, affiliation: Exclude<Affiliation, 'none'>): Promise<AffiliationItem[]> {
    const answer = await this.host.iq(affiliationListGet(randomId(), room, affiliation));
    const items = parseAffiliationList(answer, affiliation);
    if (!items) throw new Error('the room sent no affiliation list');
    return items;
  }

  /** Destroys the room; our own destroy presence (§10.9) then reports us out with `destroyed`. */
  async destroy(room: Jid, o: DestroyOptions = {}): Promise<void> {
    await this.host.iq(destroyRoomIq(randomId(), room, o));
  }

  /** disco#info of a room → `roomInfo`. */
  async query(room: Jid): Promise<RoomInfo> {
    const info = parseRoomInfo(room, await this.host.discoInfo(room));
    this.host.emit({ type: 'roomInfo', info });
    return info;
  }

  private requireJoined(room: Jid): RoomState {
    const s = this.rooms.get(room);
    if (!s || s.status !== 'joined') throw new Error('not in the room');
    return s;
  }

  // ------------------------------------------------------- session events

  /**
   * A fresh session (a reconnect that could not resume): we are in no room any more. Join them
   * all again (with their pending joins, if any).
   */
  rejoinAll(): void {
    for (const s of [...this.rooms.values()]) {
      if (s.leave) {
        this.left(s, 'left');
        continue;
      }
      if (s.nickChange) settle(s.nickChange, new Error('disconnected'));
      s.nickChange = undefined;
      for (const d of s.subjects.values()) settle(d, new Error('disconnected'));
      s.subjects.clear();
      if (!s.join) {
        // Not waited for by anyone: a fresh join whose failure is only reported as an event.
        const { promise, d } = deferred();
        s.join = d;
        promise.catch(() => undefined);
      }
      void this.sendJoin(s);
    }
    this.armSelfPing();
  }

  /** The session ended for good (disconnect): reject whatever is pending and forget all rooms. */
  clear(reason: string): void {
    for (const s of [...this.rooms.values()]) {
      const join = s.join;
      const leave = s.leave;
      const nickChange = s.nickChange;
      const subjects = [...s.subjects.values()];
      this.forget(s);
      settle(join, new RoomError('unknown', reason));
      settle(leave);
      settle(nickChange, new Error(reason));
      for (const d of subjects) settle(d, new Error(reason));
    }
    this.disarmSelfPing();
  }

  /** Drops a room's state (timers included); it stays readable as a former room. */
  private forget(s: RoomState): void {
    if (this.rooms.get(s.jid) === s) this.rooms.delete(s.jid);
    this.known.set(s.jid, this.contextOf(s));
    clearTimeout(s.join?.timer);
    clearTimeout(s.leave?.timer);
    clearTimeout(s.nickChange?.timer);
    for (const d of s.subjects.values()) clearTimeout(d.timer);
    s.join = undefined;
    s.leave = undefined;
    s.nickChange = undefined;
    s.subjects = new Map();
    if (this.rooms.size === 0) this.disarmSelfPing();
  }

  /** We are out of the room: forget it and say why. */
  private left(s: RoomState, reason: RoomLeftReason, actor?: string, text?: string): void {
    if (this.rooms.get(s.jid) !== s) return;
    const leave = s.leave;
    const join = s.join;
    const nickChange = s.nickChange;
    const subjects = [...s.subjects.values()];
    this.forget(s);
    const event: AdapterEvent = { type: 'roomLeft', room: s.jid, reason };
    if (actor) event.actor = actor;
    if (text) event.text = text;
    this.host.emit(event);
    settle(leave);
    settle(join, new RoomError('unknown', `left the room (${reason})`));
    settle(nickChange, new Error(`left the room (${reason})`));
    for (const d of subjects) settle(d, new Error(`left the room (${reason})`));
  }

  // ------------------------------------------------------------ presences

  /** A presence from `room@service[/nick]` of a room we are in or joining. */
  onPresence(stanza: XmlElement): void {
    const from = parseRoomJid(stanza.attrs.from);
    const s = from ? this.rooms.get(from.room) : undefined;
    if (!from || !s) {
      this.host.drop('room presence from a room we are not in', stanza);
      return;
    }
    s.lastActivity = Date.now();
    if (stanza.attrs.type === 'error') {
      this.onPresenceError(s, stanza);
      return;
    }
    const p = parseMucPresence(stanza, { occupantIds: !!s.features?.occupantId });
    if (!p) {
      if (from.nick !== undefined) this.host.drop('malformed room presence', stanza);
      return; // presences from the room's bare JID (affiliation lists) are not occupants
    }
    // Self-presence: status 110, or (for services that omit it) our nick while joining.
    const self = p.self || (s.status === 'joining' && p.nick === s.nick);
    if (self) this.onSelfPresence(s, p, stanza);
    else this.onOccupantPresence(s, p);
  }

  private onPresenceError(s: RoomState, stanza: XmlElement): void {
    const err = parseMucPresenceError(stanza);
    if (!err) return;
    if (s.nickChange && (err.nick === undefined || err.nick === s.nickChange.nick) && s.status === 'joined') {
      const pending = s.nickChange;
      s.nickChange = undefined;
      const suggested = err.code === 'nick-conflict' ? suggestNick(pending.nick) : undefined;
      settle(pending, new RoomError(err.code, err.text ?? err.condition, suggested));
      return;
    }
    if (s.status === 'joining') {
      this.failJoin(s, err.code, err.text ?? err.condition, err.code === 'nick-conflict' ? suggestNick(s.nick) : undefined);
      return;
    }
    this.host.warn(`[natter/xmpp] room ${s.jid} answered a presence with ${err.condition}`);
  }

  private onOccupantPresence(s: RoomState, p: MucPresence): void {
    if (p.available) {
      s.occupants.set(p.nick, p.occupant);
      this.host.emit({ type: 'occupant', room: s.jid, occupant: p.occupant });
      return;
    }
    const known = s.occupants.delete(p.nick);
    if (p.newNick !== undefined) {
      this.host.emit({ type: 'occupantLeft', room: s.jid, nick: p.nick, reason: 'nick', newNick: p.newNick });
      return;
    }
    if (!known && !p.codes.length) return; // never saw them (e.g. absent members listed by the room)
    const why = leaveReason(p);
    const reason = why === 'destroyed' || why === 'error' ? 'left' : why;
    const event: AdapterEvent = { type: 'occupantLeft', room: s.jid, nick: p.nick, reason };
    if (p.actor) event.actor = p.actor;
    if (p.reason) event.text = p.reason;
    this.host.emit(event);
  }

  private onSelfPresence(s: RoomState, p: MucPresence, stanza: XmlElement): void {
    if (!p.available) {
      if (p.newNick !== undefined) {
        // Our nick changed (303 + 110); the presence of the new nick follows.
        s.occupants.delete(p.nick);
        s.nick = p.newNick;
        this.host.emit({ type: 'roomNick', room: s.jid, nick: p.newNick });
        return;
      }
      if (s.leave) {
        this.left(s, 'left');
        return;
      }
      if (s.status === 'joining') {
        this.failJoin(s, 'unknown', p.reason ?? 'the room refused us');
        return;
      }
      this.left(s, leaveReason(p), p.actor, p.destroyed ? p.destroyed.reason : p.reason);
      return;
    }

    s.nick = p.nick;
    s.occupants.set(p.nick, p.occupant);
    if (p.occupant.occupantId) s.ownOccupantId = p.occupant.occupantId;
    if (s.nickChange && s.nickChange.nick === p.nick) {
      const pending = s.nickChange;
      s.nickChange = undefined;
      this.host.emit({ type: 'occupant', room: s.jid, occupant: p.occupant });
      settle(pending);
      return;
    }
    if (s.status === 'joined') {
      this.host.emit({ type: 'occupant', room: s.jid, occupant: p.occupant });
      return;
    }
    if (s.create && !p.codes.includes(STATUS.CREATED)) {
      // createRoom of a room that already exists: we are an ordinary occupant there.
      this.host.send(leavePresence(`${s.jid}/${s.nick}`)).catch(() => undefined);
      this.failJoin(s, 'unknown', 'room exists');
      return;
    }
    void this.completeJoin(s, p, stanza);
  }

  /** Self-presence while joining: configure a room we just created, then report us in. */
  private async completeJoin(s: RoomState, p: MucPresence, stanza: XmlElement): Promise<void> {
    const attempt = s.attempt;
    if (p.codes.includes(STATUS.CREATED)) {
      try {
        if (s.create && Object.keys(s.create).length > 0) {
          const form = parseRoomConfigForm(await this.host.iq(configGet(randomId(), s.jid)));
          await this.host.iq(configSubmit(randomId(), s.jid, s.create, form ?? undefined));
        } else {
          await this.host.iq(instantRoom(randomId(), s.jid));
        }
        if (s.create?.password) s.password = s.create.password;
      } catch (err) {
        if (this.rooms.get(s.jid) !== s || s.attempt !== attempt) return;
        this.host.send(leavePresence(`${s.jid}/${s.nick}`)).catch(() => undefined);
        this.failJoin(s, 'unknown', `configuring the room failed: ${conditionOf(err)}`);
        return;
      }
      try {
        const info = await this.roomInfo(s);
        s.features = info.features;
        if (this.rooms.get(s.jid) === s && s.attempt === attempt) this.host.emit({ type: 'roomInfo', info });
      } catch (err) {
        s.features = undefined; // configured, but we do not know how: carry on without features
        this.host.warn(`[natter/xmpp] disco#info of the new room ${s.jid} failed:`, conditionOf(err));
      }
      if (this.rooms.get(s.jid) !== s || s.attempt !== attempt) return;
      // Only now do we know whether the room's occupant ids can be trusted.
      const self = s.occupants.get(s.nick);
      const id = s.features?.occupantId ? occupantIdOf(stanza) : undefined;
      if (self && id && !self.occupantId) {
        s.ownOccupantId = id;
        s.occupants.set(s.nick, { ...self, occupantId: id });
      }
    }
    s.create = undefined;
    s.status = 'joined';
    const self = s.occupants.get(s.nick) ?? p.occupant;
    const event: AdapterEvent = { type: 'roomJoined', room: s.jid, self };
    if (s.features) event.features = { ...s.features };
    this.host.emit(event);
    const join = s.join;
    s.join = undefined;
    settle(join);
    this.armSelfPing();
    if (s.features?.mam) {
      // history 0: nothing now; older pages stay available through loadHistory.
      if (s.history > 0) void this.host.loadRoomHistory(s.jid, s.history);
    } else if (!s.legacyHistory) {
      // No archive (or a brand-new room): there is nothing to page through.
      this.host.emit({ type: 'history', conversation: s.jid, messages: [], complete: true });
    }
  }

  // ------------------------------------------------------------- messages

  /** A `type="groupchat"` message (live). */
  onGroupchat(stanza: XmlElement): void {
    const from = parseRoomJid(stanza.attrs.from);
    const s = from ? this.rooms.get(from.room) : undefined;
    if (!from || !s) {
      this.host.drop('groupchat message not from a room we are in', stanza);
      return;
    }
    s.lastActivity = Date.now();
    const parsed = parseGroupchat(stanza, this.host.ctx(), this.contextOf(s), { mode: 'live', fallbackId: randomId });
    if (!parsed) return;
    if (parsed.kind === 'subject') {
      this.onSubject(s, stanza, parsed.subject, parsed.by);
      return;
    }
    if (parsed.kind === 'status') {
      if (parsed.codes.some((c) => c === STATUS.CONFIG_CHANGED || (c >= 170 && c <= 174))) void this.refreshFeatures(s);
      return;
    }
    if (parsed.kind === 'chatState') {
      // Our own state comes back from the room; an absent nick's would show someone not there.
      if (parsed.own) return;
      if (!s.occupants.has(parsed.nick)) {
        this.host.drop(`chat state from ${parsed.nick}, who is not in ${s.jid}`, stanza);
        return;
      }
      this.host.emit({ type: 'chatState', conversation: s.jid, from: `${s.jid}/${parsed.nick}`, state: parsed.state });
      return;
    }
    const { message, nick, delayedByRoom } = parsed;
    if (delayedByRoom && !s.subjectSeen) {
      // Discussion history replayed while joining: wanted only from rooms without an archive.
      if (s.legacyHistory && s.legacyHistory.length < MAX_LEGACY_HISTORY) s.legacyHistory.push(message);
      return;
    }
    const own = message.direction === 'out';
    if (nick !== undefined && !own && !delayedByRoom && !s.occupants.has(nick)) {
      this.host.drop(`groupchat message from ${nick}, who is not in ${s.jid}`, stanza);
      return;
    }
    this.host.emit({ type: 'message', message });
  }

  private onSubject(s: RoomState, stanza: XmlElement, subject: string, by?: string): void {
    if (!s.subjectSeen) {
      s.subjectSeen = true;
      if (s.legacyHistory) {
        const messages = s.legacyHistory;
        s.legacyHistory = undefined;
        this.host.emit({ type: 'history', conversation: s.jid, messages, complete: true });
      }
    }
    const event: AdapterEvent = { type: 'roomSubject', room: s.jid, subject };
    if (by !== undefined) event.by = by;
    this.host.emit(event);
    // Our change comes back as the room's broadcast: with our id where the room keeps it, else
    // (Prosody builds a new stanza) as a subject set by our nick.
    const id = stanza.attrs.id as string | undefined;
    let key = id !== undefined && s.subjects.has(id) ? id : undefined;
    if (key === undefined && by === s.nick) key = s.subjects.keys().next().value;
    if (key !== undefined) {
      const d = s.subjects.get(key);
      s.subjects.delete(key);
      settle(d);
    }
  }

  /** A `type="error"` message from a room: a refused subject change fails `setSubject`. True when handled. */
  onMessageError(stanza: XmlElement, condition: string): boolean {
    const from = parseRoomJid(stanza.attrs.from);
    const s = from ? this.rooms.get(from.room) : undefined;
    const id = stanza.attrs.id as string | undefined;
    const pending = s && id !== undefined ? s.subjects.get(id) : undefined;
    if (!s || !pending) return false;
    s.subjects.delete(id!);
    settle(pending, new Error(condition));
    return true;
  }

  /** The room's disco#info, keeping which form of moderation it speaks. */
  private async roomInfo(s: RoomState): Promise<RoomInfo> {
    const disco = await this.host.discoInfo(s.jid);
    s.moderation = moderationVersion(disco.features);
    return parseRoomInfo(s.jid, disco);
  }

  private async refreshFeatures(s: RoomState): Promise<void> {
    try {
      const info = await this.roomInfo(s);
      if (this.rooms.get(s.jid) !== s) return;
      if (info.features) s.features = info.features;
      this.host.emit({ type: 'roomInfo', info });
    } catch (err) {
      this.host.warn(`[natter/xmpp] disco#info of ${s.jid} failed:`, conditionOf(err));
    }
  }

  // ---------------------------------------------------------- self-ping

  private armSelfPing(): void {
    if (this.pingTimer !== undefined || this.options.selfPingInterval <= 0 || this.rooms.size === 0) return;
    this.pingTimer = setInterval(() => this.selfPingAll(), this.options.selfPingInterval);
  }

  private disarmSelfPing(): void {
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  /** XEP-0410: ping our own occupant JID in every room that has been silent for an interval. */
  selfPingAll(): void {
    if (!this.host.online()) return;
    const now = Date.now();
    for (const s of this.rooms.values()) {
      if (s.status !== 'joined' || s.pinging || s.nickChange || s.leave) continue;
      if (now - s.lastActivity < this.options.selfPingInterval * 0.9) continue;
      void this.selfPing(s);
    }
  }

  private async selfPing(s: RoomState): Promise<void> {
    s.pinging = true;
    const attempt = s.attempt;
    let condition: string | undefined;
    try {
      await this.host.iq(selfPing(randomId(), `${s.jid}/${s.nick}`));
    } catch (err) {
      condition = conditionOf(err);
    } finally {
      s.pinging = false;
    }
    if (this.rooms.get(s.jid) !== s || s.attempt !== attempt || s.status !== 'joined') return;
    if (condition === undefined || STILL_JOINED.includes(condition)) {
      s.lastActivity = Date.now();
      return;
    }
    // Timeouts and unreachable servers tell nothing; try again at the next interval.
    if (!STANZA_CONDITIONS.includes(condition) || UNREACHABLE.includes(condition)) return;
    this.host.warn(`[natter/xmpp] self-ping in ${s.jid} answered ${condition}: joining again`);
    const { nick, password, history } = s;
    this.left(s, 'error', undefined, condition);
    this.join(s.jid, nick, { password, history }).catch((err: unknown) => {
      this.host.warn(`[natter/xmpp] joining ${s.jid} again failed:`, conditionOf(err));
    });
  }
}

/** Validates a room JID (bare, with a local part) and a nick; returns the normalized room JID. */
export function checkRoom(room: unknown, nick?: unknown): Jid {
  const r = parseRoomJid(room);
  if (!r || r.nick !== undefined) throw new Error('invalid-jid');
  if (nick !== undefined) {
    if (typeof nick !== 'string' || nick.trim().length === 0 || xmlSafe(nick) !== nick) throw new Error('invalid nick');
    const j = parseJid(`${r.room}/${nick}`);
    if (!j || j.resource !== nick) throw new Error('invalid nick');
  }
  return r.room;
}
