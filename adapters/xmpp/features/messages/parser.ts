/**
 * One-to-one messages: body, XEP-0359 ids, XEP-0203 delay, XEP-0184 receipts, XEP-0085 chat
 * states, XEP-0308 corrections, XEP-0066 shared files, and `type="error"` bounces. Carbons (XEP-0280) and archive results (XEP-0313) are
 * unwrapped by their own parsers and the inner message comes through here with a `mode`.
 */
import type { ChatState, Message } from '../../../types';
import { formatBare, formatJid, parseJid, type ParsedJid } from '../../jid';
import { NS_CHATSTATES, NS_CLIENT, NS_CORRECT, NS_DELAY, NS_FALLBACK, NS_FASTEN, NS_MARKERS, NS_RECEIPTS, NS_REPLY, NS_RETRACT, NS_RETRACT_0, NS_SID, NS_SPOILER, NS_STANZAS } from '../../namespaces';
import { attr, child, childrenInNs, parseStamp, validId, type XmlElement } from '../../xml';
import { attachmentOf } from '../attachments/parser';
import { reactionsOf } from '../reactions/parser';
import { mentionsAfterCuts, mentionsOf } from '../references/parser';
import type { ParseContext } from '../../parse-context';

/** Where the message element came from. */
export type MessageMode = 'live' | 'carbon-received' | 'carbon-sent' | 'archive';

export interface MessageParseOptions {
  mode: MessageMode;
  /** Archive results: the result's `id`, i.e. the stanza-id our archive gave the message. */
  archiveId?: string;
  /** Carbons and archive results: the stamp of the `<delay/>` on the `<forwarded/>` wrapper. */
  forwardedStamp?: number;
  /** Makes the id used when the stanza carries none at all (called only then: ids can be costly to make). */
  fallbackId?: () => string;
  /**
   * The peer is a room occupant (XEP-0045 private message): the conversation is its full occupant
   * JID `room@service/nick`, not the room's bare JID, and the message carries the nick.
   */
  privateOccupant?: boolean;
}

export interface ParsedChatMessage {
  /** The conversation: the peer's bare JID (its full occupant JID for private messages in a room). */
  peer: string;
  /** `in`: written by the peer; `out`: written by the account (another client of ours, or the archive). */
  direction: 'in' | 'out';
  /** The sender's full JID as given (for answering receipts). */
  fromFull?: string;
  /** The stanza's `id` attribute. */
  stanzaIdAttr?: string;
  /** Set when the message has a body. */
  message?: Message;
  chatState?: ChatState;
  /** An XEP-0184 `<received id>`: the peer got our message `receiptFor`. */
  receiptFor?: string;
  /** A XEP-0333 `<displayed id>`: everything up to that message was displayed (by the peer, or for `out`, by another client of ours). */
  displayedFor?: string;
  /** The sender asked for a receipt and the message can be acknowledged (it has an id and a body). */
  receiptRequested: boolean;
}

export const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];
/** A delay stamp later than arrival plus this is treated as a lie (clock skew allowance). */
const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** The body without xml:lang, else the first body; undefined when there is no non-empty body. */
export function bodyText(message: XmlElement): string | undefined {
  const bodies = message.getChildElements().filter((c) => c.name === 'body');
  const body = bodies.find((b) => !b.attrs['xml:lang']) ?? bodies[0];
  const text = body?.getText();
  return text ? text : undefined;
}

/** The XEP-0359 stanza-id added by our own archive (`by` = own bare JID); others are untrusted. */
export function ownStanzaId(message: XmlElement, ctx: ParseContext): string | undefined {
  for (const sid of message.getChildren('stanza-id', NS_SID)) {
    const by = parseJid(attr(sid, 'by'));
    if (by && by.resource === undefined && formatBare(by) === ctx.ownJid) {
      const id = validId(attr(sid, 'id'));
      if (id) return id;
    }
  }
  return undefined;
}

/** The XEP-0359 origin-id, if any. */
export function originIdOf(message: XmlElement): string | undefined {
  const el = child(message, 'origin-id', NS_SID);
  return el ? validId(attr(el, 'id')) : undefined;
}

/** The id of the message a XEP-0308 `<replace/>` corrects, if the message carries one. */
export function replacedIdOf(message: XmlElement): string | undefined {
  const el = child(message, 'replace', NS_CORRECT);
  return el ? validId(attr(el, 'id')) || undefined : undefined;
}

/**
 * What a parsed message adds besides its ids and body: the stanza's `id` attribute where no other
 * id already is it (corrections refer to it), the id a correction replaces, and a shared file.
 */
export function addStanzaFields(message: Message, stanza: XmlElement, idAttribute: string | undefined): void {
  if (idAttribute !== undefined && idAttribute !== message.id && idAttribute !== message.originId) message.idAttribute = idAttribute;
  const replaces = replacedIdOf(stanza);
  if (replaces !== undefined) message.replaces = replaces;
  const attachment = attachmentOf(stanza);
  if (attachment) message.attachment = attachment;
  const spoiler = spoilerOf(stanza);
  if (spoiler) message.spoiler = spoiler;
  const retracts = retractedIdOf(stanza);
  if (retracts !== undefined) message.retracts = retracts;
  const reactions = reactionsOf(stanza);
  if (reactions) {
    // A reaction is not a text: a body it carries is a fallback for clients without XEP-0444.
    message.reactsTo = reactions;
    message.body = '';
    return;
  }
  const thread = threadOf(stanza);
  if (thread) message.thread = thread;
  let mentions = mentionsOf(stanza, message.body);
  const reply = replyOf(stanza);
  if (reply) {
    message.replyTo = reply;
    const cuts = fallbackRanges(stanza, message.body, NS_REPLY);
    message.body = withoutRanges(message.body, cuts);
    mentions = mentionsAfterCuts(mentions, cuts);
  }
  if (mentions) message.mentions = mentions;
}

/** A thread id longer than this is not one we keep (XEP-0201 ids are short tokens). */
export const MAX_THREAD_ID = 256;

/** XEP-0201: the `<thread parent?>id</thread>` of a message, if it has a usable one. */
export function threadOf(stanza: XmlElement): { id: string; parent?: string } | undefined {
  const el = stanza.getChild('thread');
  const id = el?.getText().trim();
  if (!el || !id || id.length > MAX_THREAD_ID) return undefined;
  const parent = attr(el, 'parent');
  return parent !== undefined && parent.length <= MAX_THREAD_ID && parent !== id ? { id, parent } : { id };
}

/** XEP-0461: the message this one replies to (`<reply id to?/>`). */
export function replyOf(stanza: XmlElement): { id: string; to?: string } | undefined {
  const el = child(stanza, 'reply', NS_REPLY);
  const id = el ? validId(attr(el, 'id')) : undefined;
  if (!el || !id) return undefined;
  const to = parseJid(attr(el, 'to'));
  return to ? { id, to: formatJid(to) } : { id };
}

/**
 * XEP-0428: the code point ranges of `body` marked as fallback for `ns` (the quote a reply carries
 * for clients without XEP-0461), in order and apart; a `<body/>` without them is the whole body;
 * ranges out of bounds or overlapping an earlier one are ignored.
 */
export function fallbackRanges(stanza: XmlElement, body: string, ns: string): [number, number][] {
  const ranges: [number, number][] = [];
  let length: number | undefined;
  for (const fallback of stanza.getChildren('fallback', NS_FALLBACK)) {
    if (attr(fallback, 'for') !== ns) continue;
    for (const part of fallback.getChildren('body')) {
      length ??= Array.from(body).length;
      const start = part.attrs.start === undefined ? 0 : Number(part.attrs.start);
      const end = part.attrs.end === undefined ? length : Number(part.attrs.end);
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length) ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return keepApart(ranges, range => range);
}

/** The items of `sorted` (by start) whose range starts at or after the end of the last one kept: none overlaps another. */
export function keepApart<T>(sorted: readonly T[], rangeOf: (item: T) => readonly [number, number]): T[] {
  const kept: T[] = [];
  let end = -Infinity;
  for (const item of sorted) {
    const [start, stop] = rangeOf(item);
    if (start < end) continue;
    kept.push(item);
    end = stop;
  }
  return kept;
}

/** `body` without the code point `ranges` (in order, apart). Linear in the body's length. */
export function withoutRanges(body: string, ranges: readonly [number, number][]): string {
  if (ranges.length === 0) return body;
  const chars = Array.from(body);
  let kept = '';
  let at = 0;
  for (const [start, end] of ranges) {
    kept += chars.slice(at, start).join('');
    at = end;
  }
  return kept + chars.slice(at).join('');
}

/** XEP-0428: `body` without the parts marked as fallback for `ns`. Linear in the body's length. */
export function withoutFallback(stanza: XmlElement, body: string, ns: string): string {
  return withoutRanges(body, fallbackRanges(stanza, body, ns));
}

/**
 * XEP-0424: the id of the message a retraction refers to: `<retract id/>` (`:1`), or the older
 * `<apply-to id><retract/></apply-to>` (`:0` with XEP-0422 fastening).
 */
export function retractedIdOf(stanza: XmlElement): string | undefined {
  const retract = child(stanza, 'retract', NS_RETRACT);
  if (retract) return validId(attr(retract, 'id')) || undefined;
  const applyTo = child(stanza, 'apply-to', NS_FASTEN);
  if (applyTo && child(applyTo, 'retract', NS_RETRACT_0)) return validId(attr(applyTo, 'id')) || undefined;
  return undefined;
}

/** The text of a message: its body, or an empty one for a body-less retraction or reaction (neither needs a body). */
export function messageText(stanza: XmlElement): string | undefined {
  return bodyText(stanza) ?? (retractedIdOf(stanza) !== undefined || reactionsOf(stanza) !== undefined ? '' : undefined);
}

/** A spoiler's hint is a label, not a text: longer ones are cut (any sender can make it 100 KB). */
export const MAX_SPOILER_HINT = 200;

/** XEP-0382: `<spoiler/>` (with an optional hint as its text) marks the body as a spoiler. */
export function spoilerOf(stanza: XmlElement): { hint?: string } | undefined {
  const el = child(stanza, 'spoiler', NS_SPOILER);
  if (!el) return undefined;
  const hint = Array.from(el.getText().trim()).slice(0, MAX_SPOILER_HINT).join('');
  return hint ? { hint } : {};
}

/** The XEP-0203 delay stamp of a stanza (or of a `<forwarded/>` wrapper), if any. */
export function delayStamp(el: XmlElement): number | undefined {
  const d = child(el, 'delay', NS_DELAY);
  return d ? parseStamp(attr(d, 'stamp')) : undefined;
}

/**
 * The message inside an XEP-0297 `<forwarded/>`: it must be qualified by `jabber:client`
 * (a message without its own xmlns is tolerated, as some servers omit it).
 */
export function forwardedMessage(forwarded: XmlElement): XmlElement | undefined {
  for (const c of forwarded.getChildElements()) {
    if (c.name === 'message' && (c.getNS() === NS_CLIENT || c.attrs.xmlns === undefined)) return c as XmlElement;
  }
  return undefined;
}

/** The XEP-0085 chat state of a message, if any. */
export function chatStateOf(message: XmlElement): ChatState | undefined {
  for (const el of childrenInNs(message, NS_CHATSTATES)) {
    if ((CHAT_STATES as readonly string[]).includes(el.name)) return el.name as ChatState;
  }
  return undefined;
}

/**
 * Parses a `chat` or `normal` message. Returns null when the stanza is malformed (missing or
 * invalid addresses for its mode), of another type (groupchat, headline, error), or carries
 * nothing Natter shows (no body, chat state or receipt).
 *
 * Addressing rules by mode:
 * - live, carbon-received: `from` is the peer (required); a carbon's inner `to` must be us.
 * - carbon-sent: inner `from` (if given) must be us; `to` is the peer (required).
 * - archive: `from` us → outgoing to `to`; otherwise incoming from `from`, whose `to` must be us.
 */
export function parseChatMessage(stanza: XmlElement, ctx: ParseContext, opts: MessageParseOptions): ParsedChatMessage | null {
  if (stanza.name !== 'message') return null;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal') return null;

  const fromAttr = attr(stanza, 'from');
  const toAttr = attr(stanza, 'to');
  const from = fromAttr !== undefined ? parseJid(fromAttr) : null;
  const to = toAttr !== undefined ? parseJid(toAttr) : null;
  if (fromAttr !== undefined && !from) return null;
  if (toAttr !== undefined && !to) return null;
  // For a private message in a room, the peer is the occupant, i.e. the full JID.
  const peerOf = (j: ParsedJid | null): string | undefined => {
    if (!j) return undefined;
    if (!opts.privateOccupant) return formatBare(j);
    return j.local !== undefined && j.resource !== undefined ? formatJid(j) : undefined;
  };
  const fromBare = from ? formatBare(from) : undefined;
  const toBare = to ? formatBare(to) : undefined;
  const fromPeer = peerOf(from);
  const toPeer = peerOf(to);

  let peer: string;
  let direction: 'in' | 'out';
  switch (opts.mode) {
    case 'live':
      if (!fromPeer) return null;
      peer = fromPeer;
      direction = 'in';
      break;
    case 'carbon-received':
      if (!fromPeer || (toBare !== undefined && toBare !== ctx.ownJid)) return null;
      peer = fromPeer;
      direction = 'in';
      break;
    case 'carbon-sent':
      if (!toPeer || (fromBare !== undefined && fromBare !== ctx.ownJid)) return null;
      peer = toPeer;
      direction = 'out';
      break;
    case 'archive':
      if (fromBare === ctx.ownJid) {
        if (!toPeer) return null;
        peer = toPeer;
        direction = 'out';
      } else {
        if (!fromPeer || (toBare !== undefined && toBare !== ctx.ownJid)) return null;
        peer = fromPeer;
        direction = 'in';
      }
      break;
    default:
      return null;
  }

  const body = messageText(stanza);
  const chatState = chatStateOf(stanza);
  const receivedEl = child(stanza, 'received', NS_RECEIPTS);
  const receiptFor = receivedEl ? validId(attr(receivedEl, 'id')) : undefined;
  const displayedEl = child(stanza, 'displayed', NS_MARKERS);
  // A displayed marker from the archive is history: only live ones (and carbons) say something now.
  const displayedFor = displayedEl && opts.mode !== 'archive' ? validId(attr(displayedEl, 'id')) : undefined;
  if (body === undefined && chatState === undefined && receiptFor === undefined && displayedFor === undefined) return null;

  const stanzaIdAttr = validId(attr(stanza, 'id'));
  // Archived messages are never acknowledged (XEP-0184 §5.5), so they do not count as requests.
  const receiptRequested =
    direction === 'in' &&
    opts.mode !== 'archive' &&
    body !== undefined &&
    stanzaIdAttr !== undefined &&
    !!child(stanza, 'request', NS_RECEIPTS);

  const out: ParsedChatMessage = { peer, direction, receiptRequested };
  if (fromAttr !== undefined) out.fromFull = fromAttr;
  if (stanzaIdAttr !== undefined) out.stanzaIdAttr = stanzaIdAttr;
  if (chatState !== undefined) out.chatState = chatState;
  if (receiptFor !== undefined) out.receiptFor = receiptFor;
  if (displayedFor !== undefined) out.displayedFor = displayedFor;

  if (body !== undefined) {
    const originId = originIdOf(stanza);
    const stanzaId = opts.mode === 'archive' ? validId(opts.archiveId) : ownStanzaId(stanza, ctx);
    let timestamp = opts.forwardedStamp ?? delayStamp(stanza) ?? ctx.now;
    if (timestamp > ctx.now + MAX_FUTURE_SKEW_MS) timestamp = ctx.now;
    // Own messages are known by their origin-id (what we sent); incoming ones preferably by the
    // id our own archive gave them, which the peer cannot choose.
    const id =
      (direction === 'out' ? (originId ?? stanzaId) : (stanzaId ?? originId)) ??
      stanzaIdAttr ??
      opts.fallbackId?.() ??
      `${opts.mode}:${peer}:${timestamp}`;
    const message: Message = {
      id,
      conversation: peer,
      from: direction === 'out' ? ctx.ownJid : peer,
      direction,
      body,
      timestamp,
      status: direction === 'out' ? 'sent' : 'received',
    };
    if (originId !== undefined) message.originId = originId;
    if (stanzaId !== undefined) message.stanzaId = stanzaId;
    if (receiptRequested) message.receiptRequested = true;
    if (direction === 'in' && child(stanza, 'markable', NS_MARKERS)) message.markable = true;
    addStanzaFields(message, stanza, stanzaIdAttr);
    if (opts.privateOccupant) {
      const nick = parseJid(peer)?.resource;
      if (nick !== undefined) message.nick = nick;
    }
    out.message = message;
  }
  return out;
}

export interface MessageErrorInfo {
  /** The `id` of the message that bounced. */
  id: string;
  /** Bare JID the error came from, if any. */
  from?: string;
  /** The RFC 6120 defined condition, e.g. `service-unavailable`. */
  condition: string;
  /** The optional human-readable `<text/>`. */
  text?: string;
}

/**
 * A `<message type="error">`. Returns null without an `id` (nothing to match it with) or with an
 * invalid `from`. A missing condition gives `undefined-condition`.
 */
export function parseMessageError(stanza: XmlElement): MessageErrorInfo | null {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'error') return null;
  const id = validId(attr(stanza, 'id'));
  if (!id) return null;
  const fromAttr = attr(stanza, 'from');
  const from = fromAttr !== undefined ? parseJid(fromAttr) : null;
  if (fromAttr !== undefined && !from) return null;
  const error = stanza.getChild('error');
  const defined = error ? childrenInNs(error, NS_STANZAS) : [];
  const condition = defined.find((c) => c.name !== 'text')?.name ?? 'undefined-condition';
  const text = defined.find((c) => c.name === 'text')?.getText() || undefined;
  const info: MessageErrorInfo = { id, condition };
  if (from) info.from = formatBare(from);
  if (text) info.text = text;
  return info;
}
