/**
 * XEP-0045 multi-user chat: occupant presences and their status codes, join errors, room
 * messages and subjects, room information (disco#info + `muc#roominfo`), invitations (XEP-0045
 * mediated and XEP-0249 direct) and XEP-0421 occupant ids.
 *
 * These parsers only read stanzas. Who may send what (is the sender a room we joined, is the
 * nick an occupant) is decided by the caller, which knows the rooms; the parsers return null
 * for anything malformed.
 */
import type { Affiliation, AffiliationItem, ChatState, DataFormDefinition, Jid, Message, Occupant, RoomErrorCode, RoomFeatures, RoomInfo, Role } from '../../../types';
import { formatBare, formatJid, parseJid } from '../../jid';
import { NS_CONFERENCE, NS_DATA, NS_DELAY, NS_MAM, NS_MUC_ADMIN, NS_MUC_OWNER, NS_MUC_ROOMCONFIG, NS_MUC_ROOMINFO, NS_MUC_USER, NS_OCCUPANT_ID, NS_SID, NS_STANZAS } from '../../namespaces';
import { attr, child, childrenInNs, parseStamp, validId, type XmlElement } from '../../xml';
import type { ParseContext } from '../../parse-context';
import { fieldValue, parseBoolean, parseDataForm } from '../dataforms/parser';
import { parseFormDefinition } from '../dataforms/form';
import type { DiscoInfo } from '../disco/parser';
import { moderationOf, moderationVersion, tombstoneOf } from '../moderation/parser';
import { addStanzaFields, bodyText, chatStateOf, messageText, originIdOf } from '../messages/parser';

/** Status codes of XEP-0045 §15.6 that the adapter acts on. */
export const STATUS = {
  NON_ANONYMOUS: 100,
  SELF: 110,
  CONFIG_CHANGED: 104,
  CREATED: 201,
  NICK_ASSIGNED: 210,
  BANNED: 301,
  NEW_NICK: 303,
  KICKED: 307,
  REMOVED_AFFILIATION: 321,
  REMOVED_MEMBERS_ONLY: 322,
  REMOVED_SHUTDOWN: 332,
  /** Removed because of a technical problem (e.g. our server bounced a stanza). */
  REMOVED_ERROR: 333,
} as const;

const ROLES: readonly Role[] = ['moderator', 'participant', 'visitor', 'none'];
const AFFILIATIONS: readonly Affiliation[] = ['owner', 'admin', 'member', 'outcast', 'none'];
const SHOWS = ['away', 'chat', 'dnd', 'xa'] as const;
/** A delay stamp later than arrival plus this is treated as a lie. */
const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** A room JID as we address it: bare, with a local part. */
export interface RoomJid {
  room: Jid;
  /** The occupant's nick (the resource), if the JID has one. */
  nick?: string;
}

/** Splits `room@service/nick`; null unless it has a local part (rooms always do). */
export function parseRoomJid(input: unknown): RoomJid | null {
  const j = parseJid(input);
  if (!j || j.local === undefined) return null;
  const out: RoomJid = { room: formatBare(j) };
  if (j.resource !== undefined) out.nick = j.resource;
  return out;
}

/** The `<x xmlns="…muc#user">` of a stanza, if any. */
export function mucUserX(stanza: XmlElement): XmlElement | undefined {
  return child(stanza, 'x', NS_MUC_USER);
}

/** The status codes in a `muc#user` x (three-digit numbers only, each once). */
export function statusCodes(x: XmlElement | undefined): number[] {
  if (!x) return [];
  const codes: number[] = [];
  for (const s of x.getChildren('status', NS_MUC_USER)) {
    const code = attr(s, 'code');
    if (code && /^[1-9]\d\d$/.test(code) && !codes.includes(Number(code))) codes.push(Number(code));
  }
  return codes;
}

/** The XEP-0421 occupant id of a stanza from a room (direct child only; only meaningful if the room advertises it). */
export function occupantIdOf(stanza: XmlElement): string | undefined {
  const el = child(stanza, 'occupant-id', NS_OCCUPANT_ID);
  return el ? validId(attr(el, 'id')) : undefined;
}

function roleOf(v: string | undefined, fallback: Role): Role {
  return (ROLES as readonly string[]).includes(v ?? '') ? (v as Role) : fallback;
}

function affiliationOf(v: string | undefined): Affiliation {
  return (AFFILIATIONS as readonly string[]).includes(v ?? '') ? (v as Affiliation) : 'none';
}

function statusText(presence: XmlElement): string | undefined {
  const statuses = presence.getChildren('status');
  const plain = statuses.find((s) => !s.attrs['xml:lang']) ?? statuses[0];
  const text = plain?.getText();
  return text ? text : undefined;
}

export interface MucPresence {
  room: Jid;
  nick: string;
  /** False for `type="unavailable"`. */
  available: boolean;
  /** The occupant as the presence describes it (role `none` once unavailable). */
  occupant: Occupant;
  /** XEP-0045 status codes. */
  codes: number[];
  /** Status 110: the presence is about us. */
  self: boolean;
  /** Status 303: the occupant's new nick. */
  newNick?: string;
  /** Who kicked, banned or changed the occupant (`<actor nick>`, else its JID). */
  actor?: string;
  /** `<item><reason/>`. */
  reason?: string;
  /** The room was destroyed (`<destroy/>`), with the owner's reason and an alternative room. */
  destroyed?: { reason?: string; alternate?: Jid };
}

export interface MucPresenceOptions {
  /** The room advertises XEP-0421: read `<occupant-id/>`. Otherwise it is ignored (anyone could set it). */
  occupantIds: boolean;
}

/**
 * An available or unavailable presence from `room@service/nick` carrying `<x xmlns="…muc#user">`.
 * Returns null for other presences (errors, no nick, no muc#user payload).
 */
export function parseMucPresence(presence: XmlElement, opts: MucPresenceOptions): MucPresence | null {
  if (presence.name !== 'presence') return null;
  const type = presence.attrs.type;
  if (type !== undefined && type !== 'unavailable') return null;
  const from = parseRoomJid(attr(presence, 'from'));
  if (!from || from.nick === undefined) return null;
  const x = mucUserX(presence);
  if (!x) return null;
  const available = type === undefined;
  const item = child(x, 'item', NS_MUC_USER);
  const codes = statusCodes(x);

  const showText = presence.getChildText('show');
  const occupant: Occupant = {
    nick: from.nick,
    role: available ? roleOf(item ? attr(item, 'role') : undefined, 'participant') : 'none',
    affiliation: affiliationOf(item ? attr(item, 'affiliation') : undefined),
    show: SHOWS.includes(showText as (typeof SHOWS)[number]) ? (showText as (typeof SHOWS)[number]) : 'online',
  };
  const realJid = item ? parseJid(attr(item, 'jid')) : null;
  if (realJid && realJid.local !== undefined) occupant.jid = formatBare(realJid);
  const status = statusText(presence);
  if (status !== undefined) occupant.status = status;
  if (opts.occupantIds) {
    const id = occupantIdOf(presence);
    if (id) occupant.occupantId = id;
  }

  const out: MucPresence = { room: from.room, nick: from.nick, available, occupant, codes, self: codes.includes(STATUS.SELF) };
  if (!available && codes.includes(STATUS.NEW_NICK)) {
    const newNick = item ? attr(item, 'nick') : undefined;
    if (newNick && parseJid(`${from.room}/${newNick}`)) out.newNick = newNick;
  }
  if (item) {
    const actor = child(item, 'actor', NS_MUC_USER);
    const actorName = actor ? (attr(actor, 'nick') ?? attr(actor, 'jid')) : undefined;
    if (actorName) out.actor = actorName;
    const reason = child(item, 'reason', NS_MUC_USER)?.getText();
    if (reason) out.reason = reason;
  }
  const destroy = !available ? child(x, 'destroy', NS_MUC_USER) : undefined;
  if (destroy) {
    const destroyed: NonNullable<MucPresence['destroyed']> = {};
    const reason = child(destroy, 'reason', NS_MUC_USER)?.getText();
    if (reason) destroyed.reason = reason;
    const alternate = parseRoomJid(attr(destroy, 'jid'));
    if (alternate) destroyed.alternate = alternate.room;
    out.destroyed = destroyed;
  }
  return out;
}

/** How leaving is reported for an unavailable presence, from its status codes (XEP-0045 §9–10). */
export function leaveReason(p: Pick<MucPresence, 'codes' | 'destroyed'>): 'left' | 'kicked' | 'banned' | 'removed' | 'destroyed' | 'error' {
  if (p.destroyed) return 'destroyed';
  if (p.codes.includes(STATUS.BANNED)) return 'banned';
  if (p.codes.includes(STATUS.KICKED)) return 'kicked';
  if (p.codes.includes(STATUS.REMOVED_AFFILIATION) || p.codes.includes(STATUS.REMOVED_MEMBERS_ONLY) || p.codes.includes(STATUS.REMOVED_SHUTDOWN)) {
    return 'removed';
  }
  if (p.codes.includes(STATUS.REMOVED_ERROR)) return 'error';
  return 'left';
}

export interface MucError {
  room: Jid;
  /** The nick the failed presence was sent to. */
  nick?: string;
  /** RFC 6120 defined condition. */
  condition: string;
  code: RoomErrorCode;
  text?: string;
}

const ERROR_CODES: Record<string, RoomErrorCode> = {
  'not-authorized': 'password-required',
  'registration-required': 'members-only',
  forbidden: 'banned',
  'service-unavailable': 'room-full',
  conflict: 'nick-conflict',
  'item-not-found': 'not-found',
  'not-allowed': 'creation-not-allowed',
};

/** The contract's code for an RFC 6120 condition in answer to a join (XEP-0045 §7.2). */
export function roomErrorCode(condition: string): RoomErrorCode {
  return ERROR_CODES[condition] ?? 'unknown';
}

/** The defined condition and text of a stanza's `<error/>`. */
export function stanzaErrorOf(stanza: XmlElement): { condition: string; text?: string } {
  const error = stanza.getChild('error');
  const defined = error ? childrenInNs(error, NS_STANZAS) : [];
  const condition = defined.find((c) => c.name !== 'text')?.name ?? 'undefined-condition';
  const text = defined.find((c) => c.name === 'text')?.getText() || undefined;
  return text ? { condition, text } : { condition };
}

/** A `<presence type="error">` from a room (or one of its nicks): why joining or a nick change failed. */
export function parseMucPresenceError(presence: XmlElement): MucError | null {
  if (presence.name !== 'presence' || presence.attrs.type !== 'error') return null;
  const from = parseRoomJid(attr(presence, 'from'));
  if (!from) return null;
  const { condition, text } = stanzaErrorOf(presence);
  const out: MucError = { room: from.room, condition, code: roomErrorCode(condition) };
  if (from.nick !== undefined) out.nick = from.nick;
  if (text) out.text = text;
  return out;
}

/** Another nick to offer after a conflict: a trailing number goes up by one, else `2` is added. */
export function suggestNick(nick: string): string {
  const m = /^(.*?)(\d+)$/.exec(nick);
  if (m && m[1].length > 0 && m[2].length < 9) return `${m[1]}${Number(m[2]) + 1}`;
  return `${nick}2`;
}

/** What the adapter knows about a room when reading its messages. */
export interface RoomContext {
  /** The room's bare JID. */
  room: Jid;
  /** Our current nick there. */
  nick: string;
  /** The room advertises XEP-0421, so `<occupant-id/>` is the room's and can be trusted. */
  occupantIds: boolean;
  /** Our own occupant id in the room, once known. */
  ownOccupantId?: string;
}

export interface GroupchatOptions {
  mode: 'live' | 'archive';
  /** Archive results: the result's id (the room archive's stanza-id). */
  archiveId?: string;
  /** Archive results: the `<delay/>` stamp on the `<forwarded/>`. */
  forwardedStamp?: number;
  /** Makes the id used when the stanza carries none at all (called only then: ids can be costly to make). */
  fallbackId?: () => string;
}

export type Groupchat =
  | {
      kind: 'message';
      message: Message;
      /** The author's nick; undefined for messages from the room itself. */
      nick?: string;
      /** Carries a `<delay from=room>`: discussion history replayed by the room. */
      delayedByRoom: boolean;
    }
  /** A subject change (`<subject/>` without body or thread); `by` is the nick that set it. */
  | { kind: 'subject'; subject: string; by?: string }
  /** A body-less notice from the room itself (status codes such as 104: configuration changed). */
  | { kind: 'status'; codes: number[] }
  /** A body-less chat state of an occupant (XEP-0085 §5.5); `own` when it is our own, reflected. */
  | { kind: 'chatState'; state: ChatState; nick: string; own: boolean };

/** The XEP-0359 stanza-id the room's archive assigned (`by` = the room); others are untrusted. */
export function roomStanzaId(message: XmlElement, room: Jid): string | undefined {
  for (const sid of message.getChildren('stanza-id', NS_SID)) {
    const by = parseJid(attr(sid, 'by'));
    if (by && by.resource === undefined && formatBare(by) === room) {
      const id = validId(attr(sid, 'id'));
      if (id) return id;
    }
  }
  return undefined;
}

/** The stamp of a `<delay/>` added by the room itself (`from` = the room), if any. */
function roomDelay(message: XmlElement, room: Jid): number | undefined {
  for (const d of message.getChildren('delay', NS_DELAY)) {
    const from = parseJid(attr(d, 'from'));
    if (from && formatBare(from) === room && from.resource === undefined) return parseStamp(attr(d, 'stamp'));
  }
  return undefined;
}

/**
 * A `type="groupchat"` message of the room `room.room` (live, or unwrapped from the room's
 * archive), its subject, a status notice of the room, or an occupant's live chat state. Returns
 * null when it is not from that room, is not a groupchat message, or carries nothing Natter shows.
 *
 * - ids: the room archive's stanza-id (only with `by` = the room; archive results: the result id)
 *   is `stanzaId` and the message id, so live and archived copies share their id; else the
 *   origin-id, else the stanza `id`.
 * - direction `out` when the occupant id is ours (if the room offers trusted occupant ids and we
 *   know ours), else when the nick is our current nick.
 * - time: for live messages only a `<delay/>` added by the room counts (occupants can add any
 *   delay they like); archive results use the archive's stamp.
 */
export function parseGroupchat(stanza: XmlElement, ctx: ParseContext, room: RoomContext, opts: GroupchatOptions): Groupchat | null {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'groupchat') return null;
  const from = parseRoomJid(attr(stanza, 'from'));
  if (!from || from.room !== room.room) return null;
  if (child(stanza, 'result', NS_MAM)) return null; // archive results are unwrapped first

  const nick = from.nick;
  // Only the room itself announces a moderation; only its archive keeps a tombstone.
  const moderation = nick === undefined ? moderationOf(stanza) : undefined;
  // A tombstone has no text: one with a body is an occupant's own message dressed up as one.
  const tombstone = opts.mode === 'archive' && bodyText(stanza) === undefined ? tombstoneOf(stanza) : undefined;
  const body = messageText(stanza) ?? (moderation || tombstone ? '' : undefined);
  const subject = stanza.getChild('subject');
  const occupantId = room.occupantIds && nick !== undefined ? occupantIdOf(stanza) : undefined;
  let own: boolean;
  if (occupantId !== undefined && room.ownOccupantId !== undefined) own = occupantId === room.ownOccupantId;
  else own = nick !== undefined && nick === room.nick;
  if (body === undefined) {
    if (subject && !stanza.getChild('thread')) {
      const out: Groupchat = { kind: 'subject', subject: subject.getText() };
      if (from.nick !== undefined) out.by = from.nick;
      return out;
    }
    if (nick === undefined) {
      const codes = statusCodes(mucUserX(stanza));
      if (codes.length) return { kind: 'status', codes };
      return null;
    }
    // Chat states are live only: one replayed by the room or archived says nothing about now.
    const state = opts.mode === 'live' && roomDelay(stanza, room.room) === undefined ? chatStateOf(stanza) : undefined;
    return state ? { kind: 'chatState', state, nick, own } : null;
  }

  const stanzaId = opts.mode === 'archive' ? validId(opts.archiveId) : roomStanzaId(stanza, room.room);
  const originId = originIdOf(stanza);
  const delayed = opts.mode === 'live' ? roomDelay(stanza, room.room) : undefined;
  let timestamp = (opts.mode === 'archive' ? opts.forwardedStamp : delayed) ?? ctx.now;
  if (timestamp > ctx.now + MAX_FUTURE_SKEW_MS) timestamp = ctx.now;
  const stanzaIdAttr = validId(attr(stanza, 'id'));
  const id = stanzaId ?? originId ?? stanzaIdAttr ?? opts.fallbackId?.() ?? `${opts.mode}:${room.room}:${nick ?? ''}:${timestamp}`;

  const message: Message = {
    id,
    conversation: room.room,
    from: nick !== undefined ? `${room.room}/${nick}` : room.room,
    direction: own ? 'out' : 'in',
    body,
    timestamp,
    status: own ? 'sent' : 'received',
  };
  if (nick !== undefined) message.nick = nick;
  if (occupantId !== undefined) message.occupantId = occupantId;
  if (originId !== undefined) message.originId = originId;
  if (stanzaId !== undefined) message.stanzaId = stanzaId;
  addStanzaFields(message, stanza, stanzaIdAttr);
  if (moderation) {
    message.retracts = moderation.id;
    message.moderated = moderation.moderated;
    message.body = '';
  } else if (tombstone) {
    message.retractedAt = tombstone.stamp ?? timestamp;
    message.moderated = tombstone.moderated;
    message.body = '';
  }
  const out: Groupchat = { kind: 'message', message, delayedByRoom: delayed !== undefined };
  if (nick !== undefined) out.nick = nick;
  return out;
}

/** The `RoomFeatures` a room's disco#info advertises (XEP-0045 §6.4 feature names). */
export function roomFeaturesOf(info: DiscoInfo): RoomFeatures {
  const has = (f: string) => info.features.includes(f);
  return {
    membersOnly: has('muc_membersonly'),
    passwordProtected: has('muc_passwordprotected'),
    persistent: has('muc_persistent'),
    public: has('muc_public'),
    moderated: has('muc_moderated'),
    nonAnonymous: has('muc_nonanonymous'),
    occupantId: has(NS_OCCUPANT_ID),
    mam: has(NS_MAM),
    moderation: moderationVersion(info.features) !== undefined,
    // Only said where the room allows it, so rooms that do not say keep the features they had.
    ...(parseBoolean(fieldValue(info.forms?.find((f) => f.formType === NS_MUC_ROOMINFO), 'muc#roominfo_changesubject')) ? { changeSubject: true } : {}),
  };
}

/**
 * A room's `RoomInfo` from its disco#info: the conference identity's name (else the
 * `muc#roominfo` form's room name), the form's description and occupant count, and the features.
 */
export function parseRoomInfo(room: Jid, info: DiscoInfo): RoomInfo {
  const form = info.forms?.find((f) => f.formType === NS_MUC_ROOMINFO);
  const out: RoomInfo = { jid: room, features: roomFeaturesOf(info) };
  const name = info.identities.find((i) => i.category === 'conference')?.name ?? fieldValue(form, 'muc#roomconfig_roomname');
  if (name) out.name = name;
  const description = fieldValue(form, 'muc#roominfo_description');
  if (description) out.description = description;
  const occupants = fieldValue(form, 'muc#roominfo_occupants')?.trim();
  if (occupants && /^\d{1,9}$/.test(occupants)) out.occupants = Number(occupants);
  return out;
}

export interface Invitation {
  room: Jid;
  /** The inviter's bare JID; its occupant JID (`room/nick`) when the room does not reveal real JIDs. */
  from: Jid;
  reason?: string;
  password?: string;
  kind: 'direct' | 'mediated';
}

/**
 * An invitation: XEP-0045 mediated (`<x xmlns="…muc#user"><invite from>` in a message from the
 * room's bare JID) or XEP-0249 direct (`<x xmlns="jabber:x:conference" jid>` from the inviter).
 * A mediated invitation wins when a message carries both (rooms add the direct form for old clients).
 */
export function parseInvitation(stanza: XmlElement): Invitation | null {
  if (stanza.name !== 'message') return null;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'normal' && type !== 'chat') return null;
  const sender = parseJid(attr(stanza, 'from'));
  if (!sender) return null;

  const x = mucUserX(stanza);
  const invite = x ? child(x, 'invite', NS_MUC_USER) : undefined;
  if (x && invite) {
    // Only a room (a bare JID with a local part) mediates invitations to itself.
    if (sender.local === undefined || sender.resource !== undefined) return null;
    const inviter = parseJid(attr(invite, 'from'));
    if (!inviter) return null;
    const room = formatBare(sender);
    // A room that hides real JIDs names the inviter by its occupant JID (room/nick): keep the nick.
    const from = formatBare(inviter) === room && inviter.resource !== undefined ? formatJid(inviter) : formatBare(inviter);
    const out: Invitation = { room, from, kind: 'mediated' };
    const reason = child(invite, 'reason', NS_MUC_USER)?.getText();
    if (reason) out.reason = reason;
    const password = child(x, 'password', NS_MUC_USER)?.getText();
    if (password) out.password = password;
    return out;
  }

  const direct = child(stanza, 'x', NS_CONFERENCE);
  if (direct) {
    const room = parseRoomJid(attr(direct, 'jid'));
    if (!room || room.nick !== undefined) return null;
    const from = formatBare(sender);
    if (from === room.room) return null;
    const out: Invitation = { room: room.room, from, kind: 'direct' };
    const reason = attr(direct, 'reason');
    if (reason) out.reason = reason;
    const password = attr(direct, 'password');
    if (password) out.password = password;
    return out;
  }
  return null;
}

/**
 * The fields the room's configuration form offers (XEP-0045 §10.2): the answer to a muc#owner
 * get. Null when the answer holds no `muc#roomconfig` form.
 */
export function parseRoomConfigForm(iq: XmlElement): Set<string> | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  const query = child(iq, 'query', NS_MUC_OWNER);
  const x = query ? child(query, 'x', NS_DATA) : undefined;
  const form = x ? parseDataForm(x) : null;
  if (!form || (form.formType !== undefined && form.formType !== NS_MUC_ROOMCONFIG)) return null;
  return new Set([...form.fields.keys()].filter((name) => name !== 'FORM_TYPE'));
}

/** Longest reason, nick or text from a room kept for showing (characters). */
const MAX_SHOWN = 1000;

function shown(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = (text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) : text).trim();
  return t.length > 0 ? t : undefined;
}

export interface Decline {
  room: Jid;
  /** Who declined: a bare JID (or, from a room hiding real JIDs, what it gives). */
  from: Jid;
  reason?: string;
}

/**
 * A declined invitation (XEP-0045 §7.8.2): `<message from=room><x muc#user><decline from>`,
 * relayed by the room's bare JID. Null for anything else (the caller checks it is a room we invited to).
 */
export function parseDecline(stanza: XmlElement): Decline | null {
  if (stanza.name !== 'message') return null;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'normal' && type !== 'chat') return null;
  const sender = parseJid(attr(stanza, 'from'));
  if (!sender || sender.local === undefined || sender.resource !== undefined) return null;
  const x = mucUserX(stanza);
  const decline = x ? child(x, 'decline', NS_MUC_USER) : undefined;
  if (!decline) return null;
  const decliner = parseJid(attr(decline, 'from'));
  if (!decliner) return null;
  const out: Decline = { room: formatBare(sender), from: formatBare(decliner) };
  const reason = shown(child(decline, 'reason', NS_MUC_USER)?.getText());
  if (reason) out.reason = reason;
  return out;
}

const LIST_AFFILIATIONS: ReadonlySet<string> = new Set(['owner', 'admin', 'member', 'outcast']);
/** Most entries of an affiliation list kept (a big public room can list thousands of outcasts). */
export const MAX_AFFILIATION_ITEMS = 2000;

/**
 * The answer to an affiliation list request (§9.5): its items of `affiliation`, with a valid bare
 * JID each (others are dropped), at most `MAX_AFFILIATION_ITEMS`, each JID once. Null when the
 * answer is not a muc#admin result.
 */
export function parseAffiliationList(iq: XmlElement, affiliation: Exclude<Affiliation, 'none'>): AffiliationItem[] | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  const query = child(iq, 'query', NS_MUC_ADMIN);
  if (!query) return null;
  const items: AffiliationItem[] = [];
  const seen = new Set<string>();
  for (const item of query.getChildElements()) {
    if (items.length >= MAX_AFFILIATION_ITEMS) break;
    if (item.name !== 'item' || item.getNS() !== NS_MUC_ADMIN) continue;
    const jid = parseJid(attr(item as XmlElement, 'jid'));
    const a = attr(item as XmlElement, 'affiliation') ?? affiliation;
    if (!jid || jid.resource !== undefined || a !== affiliation || !LIST_AFFILIATIONS.has(a)) continue;
    const bare = formatBare(jid);
    if (seen.has(bare)) continue;
    seen.add(bare);
    const out: AffiliationItem = { jid: bare, affiliation };
    const nick = shown(attr(item as XmlElement, 'nick'));
    if (nick) out.nick = nick;
    const reason = shown(child(item as XmlElement, 'reason', NS_MUC_ADMIN)?.getText());
    if (reason) out.reason = reason;
    items.push(out);
  }
  return items;
}

/** The room's configuration form to fill in (answer to a muc#owner get, §10.2); null when it holds none. */
export function parseOwnerForm(iq: XmlElement): DataFormDefinition | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  const query = child(iq, 'query', NS_MUC_OWNER);
  const form = parseFormDefinition(query ? child(query, 'x', NS_DATA) : undefined);
  if (!form || (form.formType !== undefined && form.formType !== NS_MUC_ROOMCONFIG)) return null;
  return form;
}
