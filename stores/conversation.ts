import { createStore } from '@stencil/store';
import type { ChatState, Jid, Message, MessageStatus, Occupant, Reaction, RoomErrorCode, RoomFeatures, RoomLeftReason } from '../adapters/types';
import type { SessionEvent } from './events';
import { CopyOnWrite, type Store } from './store-utils';
import { uploadsReducer, type Upload } from './uploads';

export interface HistoryState {
  status: 'idle' | 'loading' | 'error';
  /** The archive has nothing older than what we hold. */
  complete: boolean;
  /** Pass as `before` to get the next older page. */
  cursor?: string;
  error?: string;
  /** At least one page was asked for. */
  requested: boolean;
}

/** Our membership of a room. */
export interface RoomState {
  status: 'joining' | 'joined' | 'left' | 'error';
  /** Our nick in the room (the one asked for while joining). */
  nick: string;
  /** Our own occupant entry once joined: role and affiliation decide what we may do. */
  self?: Occupant;
  features?: RoomFeatures;
  subject?: string;
  subjectBy?: string;
  /** Why joining failed (status `error`). */
  error?: RoomErrorCode;
  errorText?: string;
  suggestedNick?: string;
  /** Why we are out (status `left`). */
  leftReason?: RoomLeftReason;
  leftText?: string;
  leftActor?: string;
}

export interface ConversationState {
  jid: Jid;
  /** Oldest first. */
  messages: Message[];
  /** Every id a message is known by (origin-id, stanza-id, stanza id) → its `id` in `messages`. */
  aliases: Record<string, string>;
  draft: string;
  /** The peer's chat state (XEP-0085), null when unknown. */
  peerState: ChatState | null;
  /** In a room: the occupants typing now (`composing`) or who stopped (`paused`), by nick; nobody else is listed. */
  typing: Record<string, ChatState>;
  history: HistoryState;
  /** Null for a one-to-one chat. */
  room: RoomState | null;
  /** Room occupants by nick (kept apart so an occupant change does not re-render the message list). */
  occupants: Record<string, Occupant>;
  /**
   * The user sees the newest messages (the chatbox says so as it is scrolled). Only then are the
   * oldest messages dropped when new ones push the conversation over its window (`trimToWindow`).
   */
  followingLatest: boolean;
  /** Files being uploaded to this conversation, and failed ones until dismissed (progress re-renders only these). */
  uploads: Upload[];
}

export type ConversationStore = Store<ConversationState>;

export function initialConversationState(jid: Jid): ConversationState {
  return {
    jid,
    messages: [],
    aliases: {},
    draft: '',
    peerState: null,
    typing: {},
    history: { status: 'idle', complete: false, requested: false },
    room: null,
    occupants: {},
    followingLatest: true,
    uploads: [],
  };
}

/**
 * The keys a message can be recognised by when it arrives again. A stanza-id is
 * unique within our archive; origin-ids and message ids only per author.
 */
export function messageAliases(message: Message): string[] {
  const keys = [`id:${message.from}:${message.id}`];
  if (message.originId) keys.push(`origin:${message.from}:${message.originId}`);
  if (message.stanzaId) keys.push(`stanza:${message.stanzaId}`);
  return keys;
}

/**
 * The keys a message is indexed under: its aliases, and the stanza's id attribute where that is
 * yet another id. Corrections refer to it, but it does not make two messages one: some clients
 * reuse ids.
 */
function indexKeys(message: Message): string[] {
  const keys = messageAliases(message);
  if (message.idAttribute !== undefined) keys.push(`attr:${message.from}:${message.idAttribute}`);
  // What a reaction in a chat names, whoever wrote the message (either side may react to either's).
  keys.push(`sent:${sentId(message)}`);
  return keys;
}

/** A message that changes another (a correction, retraction or reaction) instead of being shown itself. */
export function isAmendment(message: Message): boolean {
  return message.replaces !== undefined || message.retracts !== undefined || message.reactsTo !== undefined;
}

/**
 * Whose reaction this is: ours (from any of our clients, or the room's copy of ours), else in a
 * room the occupant by its trusted XEP-0421 id or its nick, in a chat the peer. A reaction only
 * ever replaces its own reactor's.
 */
export function reactorKey(room: RoomState | null, message: Message): string {
  if (message.direction === 'out') return 'self';
  if (!room) return message.from;
  return room.features?.occupantId && message.occupantId !== undefined ? `occupant:${message.occupantId}` : `nick:${message.nick ?? message.from}`;
}

/** More people than this reacting to one message are not kept (a nick-changing occupant could add without end). */
export const MAX_REACTORS = 200;

/**
 * `target` with one reactor's reactions replaced by those of `reaction`, unless a newer set of
 * theirs is there already. By nick (a room without trusted occupant ids) a nick can change hands:
 * when its holder left after reacting (`leftSince`), their set stays, under a key nobody can send as.
 */
function reacted(target: Message, reaction: Message, key: string, leftSince: (nick: string, since: number) => boolean): Message {
  const { emojis } = reaction.reactsTo!;
  const reactions = { ...target.reactions };
  let current: Reaction | undefined = reactions[key];
  if (current && key.startsWith('nick:') && current.nick !== undefined && leftSince(current.nick, current.timestamp)) {
    reactions[`left:${current.nick}:${current.timestamp}`] = current;
    delete reactions[key];
    current = undefined;
  }
  if (target.retractedAt !== undefined || target.notice || (current && current.timestamp > reaction.timestamp)) return target;
  if (!current && (emojis.length === 0 || Object.keys(reactions).length >= MAX_REACTORS)) return target;
  if (emojis.length === 0) delete reactions[key];
  else reactions[key] = reaction.nick !== undefined ? { emojis, nick: reaction.nick, timestamp: reaction.timestamp } : { emojis, timestamp: reaction.timestamp };
  const next: Message = { ...target, reactions };
  if (Object.keys(reactions).length === 0) delete next.reactions;
  return next;
}

/** Each emoji reacted to `message` with, in first-given order, and who gave it (reactor keys, see `reactorKey`). */
export function reactionCounts(message: Message): { emoji: string; reactors: string[] }[] {
  const byEmoji = new Map<string, string[]>();
  for (const [key, reaction] of Object.entries(message.reactions ?? {})) {
    for (const emoji of reaction.emojis) {
      const reactors = byEmoji.get(emoji);
      if (reactors) reactors.push(key);
      else byEmoji.set(emoji, [key]);
    }
  }
  return Array.from(byEmoji, ([emoji, reactors]) => ({ emoji, reactors }));
}

/**
 * The message a correction or retraction refers to, looked up among its author's ids (a room's
 * stanza-id too, which XEP-0424 uses in rooms); `sameAuthor` then decides whether it may.
 */
function referredId(aliases: Record<string, string>, amendment: Message, ref: string): string | undefined {
  const author = amendment.from;
  return aliases[`origin:${author}:${ref}`] ?? aliases[`attr:${author}:${ref}`] ?? aliases[`id:${author}:${ref}`] ?? aliases[`stanza:${ref}`];
}

/** The id a message was sent with: what a correction of it refers to. */
export function sentId(message: Message): string {
  return message.idAttribute ?? message.originId ?? message.id;
}

/**
 * Whether the user may correct `message` in this conversation: an own text message that reached
 * the server at least once (a failed first send has nothing to correct on the other side), in a
 * room written under our current nick (others know it by that occupant).
 */
export function isCorrectable(state: Pick<ConversationState, 'jid' | 'room'>, message: Message): boolean {
  if (message.direction !== 'out' || message.notice || message.retractedAt !== undefined) return false;
  if (message.status === 'failed' && message.correctionId === undefined) return false;
  return !state.room || message.from === `${state.jid}/${state.room.nick}`;
}

/**
 * Whether the user, as a moderator of a room that offers XEP-0425, can have the room remove
 * `message`: a message (not a notice) the room gave an id, not removed yet.
 */
export function mayModerate(room: RoomState | null, message: Message): boolean {
  if (!room || room.status !== 'joined' || room.self?.role !== 'moderator' || !room.features?.moderation) return false;
  return !message.notice && message.retractedAt === undefined && message.stanzaId !== undefined;
}

/**
 * XEP-0201 threads in `messages`: per thread id, its first message (what the main list shows the
 * thread on) and how many replies followed it. One pass, oldest first.
 */
export function threadSummaries(messages: readonly Message[]): Map<string, { rootId: string; replies: number }> {
  const threads = new Map<string, { rootId: string; replies: number }>();
  for (const message of messages) {
    const id = message.thread?.id;
    if (id === undefined || message.notice) continue;
    const thread = threads.get(id);
    if (thread) thread.replies++;
    else threads.set(id, { rootId: message.id, replies: 0 });
  }
  return threads;
}

/** The messages of thread `id`, oldest first. */
export function threadMessages(messages: readonly Message[], id: string): Message[] {
  return messages.filter(message => message.thread?.id === id && !message.notice);
}

/** What the Up arrow edits: the newest own message, if it can be corrected. */
export function lastCorrectable(state: Pick<ConversationState, 'jid' | 'room' | 'messages'>): Message | undefined {
  for (let index = state.messages.length - 1; index >= 0; index--) {
    const message = state.messages[index];
    if (message.direction === 'out' && !message.notice) return isCorrectable(state, message) ? message : undefined;
  }
  return undefined;
}

/** Earlier versions kept per message: the first text and the newest ones (a peer could correct without end). */
export const MAX_EARLIER_VERSIONS = 20;

const DEPARTURES: ReadonlySet<string> = new Set(['leave', 'kick', 'ban', 'nick']);

/** Someone by `nick` left the room (or took another nick) after the message at `index`: whoever has the nick now may be someone else. */
function nickLeftAfter(messages: Message[], index: number, nick: string | undefined): boolean {
  for (let later = index + 1; later < messages.length; later++) {
    const notice = messages[later].notice;
    if (notice && notice.nick === nick && DEPARTURES.has(notice.kind)) return true;
  }
  return false;
}

/** Someone by `nick` left the room (or took another nick) after `since`, by the timeline's notices (newest first, so it stops early). */
function nickLeftSince(messages: Message[], nick: string, since: number): boolean {
  for (let index = messages.length - 1; index >= 0 && messages[index].timestamp >= since; index--) {
    const notice = messages[index].notice;
    if (notice && notice.nick === nick && DEPARTURES.has(notice.kind)) return true;
  }
  return false;
}

/**
 * XEP-0308 §5: a correction replaces only its author's message, and the lookup by author already
 * ensured the same bare JID (one-to-one) or occupant JID (rooms). In rooms that is not enough: a
 * nick can change hands. With trusted occupant ids (XEP-0421) the ids must match; without, nobody
 * by that nick may have left since the message. Own corrections are ours by the room's word (our
 * occupant id or nick), and the optimistic copy of one has no occupant id yet.
 */
function sameAuthor(room: RoomState | null, messages: Message[], index: number, correction: Message): boolean {
  const target = messages[index];
  if (target.notice || target.direction !== correction.direction) return false;
  if (!room || correction.direction === 'out') return true;
  if (room.features?.occupantId) return target.occupantId !== undefined && target.occupantId === correction.occupantId;
  // By the room's stanza-id (XEP-0424 in rooms) the lookup says nothing of the author: the nick must be theirs.
  return correction.nick === target.nick && !nickLeftAfter(messages, index, target.nick);
}

/**
 * `target` retracted (XEP-0424): only what identifies it is kept (a copy seen later stays
 * retracted); its text, file, spoiler and earlier versions are dropped, not hidden.
 */
function retracted(target: Message, retraction: Message): Message {
  if (target.retractedAt !== undefined) return target;
  const { id, conversation, from, direction, timestamp, status, originId, stanzaId, idAttribute, nick, occupantId } = target;
  const next: Message = { id, conversation, from, direction, body: '', timestamp, status, retractedAt: retraction.timestamp };
  if (retraction.moderated) next.moderated = retraction.moderated;
  if (originId !== undefined) next.originId = originId;
  if (stanzaId !== undefined) next.stanzaId = stanzaId;
  if (idAttribute !== undefined) next.idAttribute = idAttribute;
  if (nick !== undefined) next.nick = nick;
  if (occupantId !== undefined) next.occupantId = occupantId;
  return next;
}

/** `target` with the text of `correction`, its previous text kept as an earlier version; `target` itself when the text is the same (a copy seen again). */
function corrected(target: Message, correction: Message): Message {
  // A retracted message stays retracted: a late correction must not bring text back.
  if (correction.body === target.body || target.retractedAt !== undefined) return target;
  const versions = [...(target.earlierVersions ?? []), { body: target.body, timestamp: target.editedAt ?? target.timestamp }];
  const next: Message = {
    ...target,
    body: correction.body,
    editedAt: correction.timestamp,
    earlierVersions: versions.length > MAX_EARLIER_VERSIONS ? [versions[0], ...versions.slice(versions.length - MAX_EARLIER_VERSIONS + 1)] : versions,
  };
  // The correction replaces the whole message (XEP-0308), spoiler mark and mentions included.
  if (correction.spoiler) next.spoiler = correction.spoiler;
  else delete next.spoiler;
  if (correction.mentions) next.mentions = correction.mentions;
  else delete next.mentions;
  // Our own correction's delivery is now what the message's state tells.
  if (correction.direction === 'out') return { ...next, status: correction.status, error: correction.error, correctionId: correction.id };
  return next;
}

function knownId(aliases: Record<string, string>, message: Message): string | undefined {
  for (const key of messageAliases(message)) {
    const id = aliases[key];
    if (id !== undefined) return id;
  }
  return undefined;
}

export function findMessageId(state: ConversationState, message: Message): string | undefined {
  return knownId(state.aliases, message);
}

/**
 * The message a reply (XEP-0461) quotes, if this conversation holds it: by the room's stanza-id,
 * else by an id of its author (`to`, in a chat as a bare JID); without `to`, by any message's id.
 */
export function repliedMessage(state: Pick<ConversationState, 'aliases' | 'messages' | 'room'>, reply: { id: string; to?: Jid }): Message | undefined {
  const { id, to } = reply;
  let found = state.aliases[`stanza:${id}`];
  if (found === undefined && to !== undefined) {
    const author = state.room ? to : to.split('/')[0];
    found = state.aliases[`origin:${author}:${id}`] ?? state.aliases[`attr:${author}:${id}`] ?? state.aliases[`id:${author}:${id}`];
  }
  if (found === undefined && to === undefined) return state.messages.find(m => m.id === id || m.originId === id || m.idAttribute === id);
  const index = found === undefined ? -1 : indexOfId(state.messages, found);
  return index < 0 ? undefined : state.messages[index];
}

const STATUS_RANK: Record<MessageStatus, number> = { pending: 0, failed: 0, sent: 1, delivered: 2, seen: 3, received: 2 };

/** A later status never takes back a better one: a late "sent" must not undo "delivered". */
function mergeStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  if (incoming === 'failed') return current === 'delivered' ? current : 'failed';
  if (incoming === 'pending') return 'pending';
  return STATUS_RANK[incoming] >= STATUS_RANK[current] || current === 'failed' ? incoming : current;
}

/** Index of the message with this id. Updates are about recent messages (reflections, receipts), so look from the newest. */
function indexOfId(messages: Message[], id: string): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index].id === id) return index;
  }
  return -1;
}

/** Index of the message a status is about: by its id, or an own corrected message by its latest correction's id. */
function indexOfStatusSubject(messages: Message[], id: string): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index].id === id || messages[index].correctionId === id) return index;
  }
  return -1;
}

/**
 * `existing` with the ids and status another copy of it brings; `existing` itself when that adds
 * nothing. The room's copy of our own message brings our occupant id, which our corrections need.
 */
function mergeCopy(existing: Message, copy: Message): Message {
  const status = mergeStatus(existing.status, copy.status);
  const stanzaId = existing.stanzaId ?? copy.stanzaId;
  const originId = existing.originId ?? copy.originId;
  const occupantId = existing.occupantId ?? copy.occupantId;
  if (status === existing.status && stanzaId === existing.stanzaId && originId === existing.originId && occupantId === existing.occupantId) return existing;
  return { ...existing, status, stanzaId, originId, occupantId, error: status === 'failed' ? existing.error : undefined };
}

/**
 * Merges `fresh` into `messages` (both ordered by timestamp; `messages` is changed) from the
 * newest end, so appending costs only what is appended. Among equal timestamps live messages
 * keep arrival order (those already there first); an archive page is older than what we hold
 * and archive stamps have whole seconds, so its messages go before those with their stamp.
 */
function insertOrdered(messages: Message[], fresh: Message[], fromArchive: boolean): void {
  let existing = messages.length - 1;
  let incoming = fresh.length - 1;
  for (const message of fresh) messages.push(message);
  for (let target = messages.length - 1; incoming >= 0; target--) {
    const existingFirst = existing >= 0 && (messages[existing].timestamp > fresh[incoming].timestamp || (fromArchive && messages[existing].timestamp === fresh[incoming].timestamp));
    if (existingFirst) messages[target] = messages[existing--];
    else messages[target] = fresh[incoming--];
  }
}

/**
 * Adds messages that are new, merges ids and status into those seen before, and applies
 * corrections (XEP-0308) to the messages they correct.
 */
function mergeMessages(state: ConversationState, incoming: Message[], cow: CopyOnWrite, fromArchive = false): ConversationState {
  let messages = state.messages;
  let aliases = state.aliases;
  // In a batch, `messages` and `aliases` may already be the batch's own and change in place.
  let changed = false;
  const fresh: Message[] = [];
  /** Where a new message of this call stands in `fresh`, by id, for copies of it later in the same call. */
  const freshIndex = new Map<string, number>();
  /** Corrections seen for the first time: applied once this call's new messages are in place (the original may be among them). */
  const corrections: Message[] = [];
  const learn = (message: Message, id: string) => {
    for (const key of indexKeys(message)) {
      if (aliases[key] !== undefined) continue;
      aliases = cow.writable(aliases);
      aliases[key] = id;
      changed = true;
    }
  };
  for (const message of incoming) {
    const id = knownId(aliases, message);
    if (isAmendment(message)) {
      // A correction seen again (the room's copy of ours, the archive's) only teaches its ids.
      if (id === undefined) corrections.push(message);
      else learn(message, id);
      continue;
    }
    const inFresh = id === undefined ? undefined : freshIndex.get(id);
    const index = id === undefined || inFresh !== undefined ? -1 : indexOfId(messages, id);
    if (inFresh !== undefined) {
      fresh[inFresh] = mergeCopy(fresh[inFresh], message);
    } else if (index >= 0) {
      const merged = mergeCopy(messages[index], message);
      if (merged !== messages[index]) {
        messages = cow.writable(messages);
        messages[index] = merged;
        changed = true;
      }
    } else {
      freshIndex.set(message.id, fresh.length);
      fresh.push(message);
    }
    learn(message, id ?? message.id);
  }
  if (fresh.length > 0) {
    messages = cow.writable(messages);
    // A stable sort: messages with equal stamps stay in arrival order.
    insertOrdered(messages, fresh.length > 1 ? fresh.sort((a, b) => a.timestamp - b.timestamp) : fresh, fromArchive);
  }
  for (const correction of corrections) {
    const reaction = correction.reactsTo;
    // A moderation (XEP-0425) is the room's own word, which only the room's bare JID can send: anyone's message, by its stanza-id.
    const moderation = state.room !== null && correction.moderated !== undefined && correction.retracts !== undefined && correction.from === state.jid;
    // A reaction may be anyone's; it names the message by the room's stanza-id, in a chat by the id it was sent with.
    const targetId = reaction
      ? aliases[state.room ? `stanza:${reaction.id}` : `sent:${reaction.id}`]
      : moderation
        ? aliases[`stanza:${correction.retracts}`]
        : referredId(aliases, correction, correction.retracts ?? correction.replaces!);
    const index = targetId === undefined ? -1 : indexOfId(messages, targetId);
    // Not its author's, or nothing it could correct: ignored (the session warns about it).
    if (index < 0 || (!reaction && !moderation && !sameAuthor(state.room, messages, index, correction))) continue;
    const next = reaction
      ? reacted(messages[index], correction, reactorKey(state.room, correction), (nick, since) => nickLeftSince(messages, nick, since))
      : correction.retracts !== undefined
        ? retracted(messages[index], correction)
        : corrected(messages[index], correction);
    if (next !== messages[index]) {
      messages = cow.writable(messages);
      messages[index] = next;
      changed = true;
    }
    // Its ids lead to the corrected message: copies of it are recognised, and a later correction referring to it (not to the original, as it should) still finds the original.
    learn(correction, targetId!);
  }
  return changed || fresh.length > 0 ? { ...state, messages, aliases } : state;
}

/**
 * XEP-0333: the peer displayed everything up to our message `id` (the id it was sent with): it and
 * every own message before it are seen. Walks back only to the first one already seen.
 */
function markSeen(state: ConversationState, id: string, cow: CopyOnWrite): ConversationState {
  const targetId = state.aliases[`sent:${id}`];
  let index = targetId === undefined ? -1 : indexOfId(state.messages, targetId);
  if (index < 0 || state.messages[index].direction !== 'out') return state;
  let messages = state.messages;
  for (; index >= 0; index--) {
    const message = messages[index];
    if (message.direction !== 'out' || message.notice) continue;
    if (message.status === 'seen') break;
    if (message.status !== 'sent' && message.status !== 'delivered') continue;
    messages = cow.writable(messages);
    messages[index] = { ...message, status: 'seen' };
  }
  return messages === state.messages ? state : { ...state, messages };
}

function updateStatus(state: ConversationState, id: string, status: MessageStatus, cow: CopyOnWrite, error?: string): ConversationState {
  const index = indexOfStatusSubject(state.messages, id);
  if (index < 0) return state;
  const existing = state.messages[index];
  const next = mergeStatus(existing.status, status);
  if (next === existing.status && error === existing.error) return state;
  const messages = cow.writable(state.messages);
  messages[index] = { ...existing, status: next, error: next === 'failed' ? error : undefined };
  return { ...state, messages };
}

function withRoom(state: ConversationState, patch: Partial<RoomState>): ConversationState {
  const room: RoomState = { ...(state.room ?? { status: 'joining', nick: '' }), ...patch };
  return { ...state, room };
}

/** `nick` is no longer typing (it left, sent its message, or said so). */
function withoutTyping(state: ConversationState, nick: string): ConversationState {
  if (!(nick in state.typing)) return state;
  const typing = { ...state.typing };
  delete typing[nick];
  return { ...state, typing };
}

/** A room occupant's chat state: only composing and paused are shown, anything else ends it. */
function occupantChatState(state: ConversationState, nick: string, chatState: ChatState): ConversationState {
  if (chatState !== 'composing' && chatState !== 'paused') return withoutTyping(state, nick);
  if (state.typing[nick] === chatState) return state;
  return { ...state, typing: { ...state.typing, [nick]: chatState } };
}

function roomReducer(state: ConversationState, event: SessionEvent, cow: CopyOnWrite): ConversationState {
  switch (event.type) {
    case 'roomJoining':
      return {
        ...state,
        occupants: {},
        typing: {},
        room: { ...(state.room ?? {}), status: 'joining', nick: event.nick, error: undefined, errorText: undefined, suggestedNick: undefined, leftReason: undefined, leftText: undefined, leftActor: undefined },
      };
    case 'roomJoined': {
      const occupants = cow.writable(state.occupants);
      occupants[event.self.nick] = event.self;
      return { ...withRoom(state, { status: 'joined', nick: event.self.nick, self: event.self, features: event.features ?? state.room?.features }), occupants };
    }
    case 'roomJoinError':
      return withRoom(state, { status: 'error', error: event.error, errorText: event.text, suggestedNick: event.suggestedNick });
    case 'occupant': {
      const occupants = cow.writable(state.occupants);
      occupants[event.occupant.nick] = event.occupant;
      const next = { ...state, occupants };
      return state.room?.nick === event.occupant.nick ? withRoom(next, { self: event.occupant }) : next;
    }
    case 'occupantLeft': {
      if (!(event.nick in state.occupants)) return state;
      const occupants = cow.writable(state.occupants);
      const leaving = occupants[event.nick];
      delete occupants[event.nick];
      // A nick change (303) is the same occupant under a new name; its new presence follows.
      if (event.reason === 'nick' && event.newNick) occupants[event.newNick] = { ...leaving, nick: event.newNick };
      return withoutTyping({ ...state, occupants }, event.nick);
    }
    case 'roomNick': {
      const occupants = cow.writable(state.occupants);
      const self = state.room?.nick ? occupants[state.room.nick] : undefined;
      if (state.room?.nick) delete occupants[state.room.nick];
      const renamed = self ? { ...self, nick: event.nick } : undefined;
      if (renamed) occupants[event.nick] = renamed;
      return { ...withRoom(state, { nick: event.nick, self: renamed ?? state.room?.self }), occupants };
    }
    case 'roomLeft':
      return { ...withRoom(state, { status: 'left', leftReason: event.reason, leftText: event.text, leftActor: event.actor }), occupants: {}, typing: {} };
    case 'roomSubject':
      return withRoom(state, { subject: event.subject, subjectBy: event.by });
    default:
      return state;
  }
}

export function conversationReducer(state: ConversationState, event: SessionEvent, cow = new CopyOnWrite()): ConversationState {
  switch (event.type) {
    case 'roomJoining':
    case 'roomJoined':
    case 'roomJoinError':
    case 'occupant':
    case 'occupantLeft':
    case 'roomNick':
    case 'roomLeft':
    case 'roomSubject':
      return event.room === state.jid ? roomReducer(state, event, cow) : state;
    case 'message': {
      if (event.message.conversation !== state.jid) return state;
      const next = mergeMessages(state, [event.message], cow);
      // A message with a body from the peer means they stopped typing (XEP-0085 §5.4).
      if (event.message.direction === 'in' && next !== state && state.peerState === 'composing') {
        return { ...next, peerState: 'active' };
      }
      if (state.room && event.message.direction === 'in' && event.message.nick !== undefined) return withoutTyping(next, event.message.nick);
      return next;
    }
    case 'messageStatus':
      return event.conversation === state.jid ? updateStatus(state, event.id, event.status, cow, event.error) : state;
    case 'displayed':
      return event.conversation === state.jid && event.by === 'peer' && !state.room ? markSeen(state, event.id, cow) : state;
    case 'chatState': {
      if (event.conversation !== state.jid) return state;
      // In a room the state is an occupant's (`room/nick`); in a chat, the peer's.
      const slash = event.from.indexOf('/');
      if (state.room && slash > 0 && event.from.slice(0, slash) === state.jid) return occupantChatState(state, event.from.slice(slash + 1), event.state);
      if (state.peerState === event.state) return state;
      return { ...state, peerState: event.state };
    }
    case 'historyLoading':
      if (event.conversation !== state.jid) return state;
      return { ...state, history: { ...state.history, status: 'loading', error: undefined, requested: true } };
    case 'history': {
      if (event.conversation !== state.jid) return state;
      const merged = mergeMessages(state, event.messages, cow, true);
      return {
        ...merged,
        history: { status: 'idle', complete: event.complete, cursor: event.cursor ?? state.history.cursor, requested: true },
      };
    }
    case 'cached':
      return event.conversation === state.jid ? mergeMessages(state, event.messages, cow, true) : state;
    case 'missed':
      // What came while away: new messages, merged like any others (copies of held ones are recognised).
      return event.conversation === state.jid ? mergeMessages(state, afterNewestHeld(state.messages, event.messages), cow) : state;
    case 'historyError':
      if (event.conversation !== state.jid) return state;
      return { ...state, history: { ...state.history, status: 'error', error: event.error, requested: true } };
    case 'draft':
      return event.conversation === state.jid && event.text !== state.draft ? { ...state, draft: event.text } : state;
    case 'followingLatest':
      return event.conversation === state.jid && event.following !== state.followingLatest ? { ...state, followingLatest: event.following } : state;
    case 'uploadStarted':
    case 'uploadProgress':
    case 'uploadFailed':
    case 'uploadRemoved': {
      if (event.conversation !== state.jid) return state;
      const uploads = uploadsReducer(state.uploads, event, cow);
      return uploads === state.uploads ? state : { ...state, uploads };
    }
    default:
      return state;
  }
}

/**
 * Archive stamps often have whole seconds (Prosody's do), live messages carry the milliseconds of
 * their arrival: a message missed in the same second as the newest one held would sort before it,
 * though the server got it later (it would have come live otherwise). Such a stamp is taken as the
 * newest held message's time; the catch-up's own order keeps them in sequence after it.
 * (Seen against Prosody: a message missed 0.3 s after the newest held one showed above it.)
 */
function afterNewestHeld(held: Message[], missed: Message[]): Message[] {
  // Own messages still queued are not what the server had: they keep the time they were typed.
  let index = held.length - 1;
  while (index >= 0 && (held[index].status === 'pending' || held[index].status === 'failed')) index--;
  if (index < 0) return missed;
  const newest = held[index].timestamp;
  return missed.map(message =>
    message.timestamp < newest && message.timestamp % 1000 === 0 && Math.floor(message.timestamp / 1000) === Math.floor(newest / 1000) ? { ...message, timestamp: newest } : message,
  );
}

/** How far over its window a conversation may grow before it is trimmed, so trimming is amortised. */
export const WINDOW_SLACK = 0.2;

/**
 * Keeps a conversation that follows its newest messages within `window` messages: once it holds
 * more than `window` plus the slack, the oldest are dropped, down to `window` at most. The cut is
 * made at a message with an archive id (`stanzaId`), which becomes the history cursor, so
 * `loadOlderMessages` brings the dropped messages back from the archive; without such a message
 * nothing is dropped. Nothing is dropped while the user reads older messages, nor while a page of
 * history is on its way (its cursor would replace ours and leave a gap).
 */
export function trimToWindow(state: ConversationState, window: number): ConversationState {
  const { messages } = state;
  if (!state.followingLatest || state.history.status === 'loading') return state;
  if (messages.length <= Math.floor(window * (1 + WINDOW_SLACK))) return state;
  let first = messages.length - window;
  while (first < messages.length && messages[first].stanzaId === undefined) first++;
  if (first >= messages.length) return state;
  const kept = messages.slice(first);
  const aliases: Record<string, string> = {};
  for (const message of kept) {
    for (const key of indexKeys(message)) aliases[key] ??= message.id;
  }
  return { ...state, messages: kept, aliases, history: { ...state.history, complete: false, cursor: kept[0].stanzaId } };
}

export function createConversationStore(jid: Jid): ConversationStore {
  return createStore<ConversationState>(initialConversationState(jid));
}
