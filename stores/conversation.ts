import { createStore, type ObservableMap } from '@stencil/store';
import type { ChatState, Jid, Message, MessageStatus, Occupant, RoomErrorCode, RoomFeatures, RoomLeftReason } from '../adapters/types';
import type { SessionEvent } from './events';

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
  history: HistoryState;
  /** Null for a one-to-one chat. */
  room: RoomState | null;
  /** Room occupants by nick (kept apart so an occupant change does not re-render the message list). */
  occupants: Record<string, Occupant>;
}

export type ConversationStore = ObservableMap<ConversationState>;

export function initialConversationState(jid: Jid): ConversationState {
  return {
    jid,
    messages: [],
    aliases: {},
    draft: '',
    peerState: null,
    history: { status: 'idle', complete: false, requested: false },
    room: null,
    occupants: {},
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

export function findMessageId(state: ConversationState, message: Message): string | undefined {
  for (const key of messageAliases(message)) {
    const id = state.aliases[key];
    if (id !== undefined) return id;
  }
  return undefined;
}

const STATUS_RANK: Record<MessageStatus, number> = { pending: 0, failed: 0, sent: 1, delivered: 2, received: 2 };

/** A later status never takes back a better one: a late "sent" must not undo "delivered". */
function mergeStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  if (incoming === 'failed') return current === 'delivered' ? current : 'failed';
  if (incoming === 'pending') return 'pending';
  return STATUS_RANK[incoming] >= STATUS_RANK[current] || current === 'failed' ? incoming : current;
}

/** Index of the first message newer than `timestamp`, so equal timestamps keep arrival order. */
function insertionIndex(messages: Message[], timestamp: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (messages[mid].timestamp <= timestamp) low = mid + 1;
    else high = mid;
  }
  return low;
}

function withAliases(aliases: Record<string, string>, message: Message, id: string): Record<string, string> {
  let next = aliases;
  for (const key of messageAliases(message)) {
    if (next[key] === undefined) {
      if (next === aliases) next = { ...aliases };
      next[key] = id;
    }
  }
  return next;
}

/** Adds messages that are new and merges ids and status into those seen before. */
function mergeMessages(state: ConversationState, incoming: Message[]): ConversationState {
  let messages = state.messages;
  let aliases = state.aliases;
  for (const message of incoming) {
    const knownId = findMessageId({ ...state, aliases }, message);
    if (knownId === undefined) {
      if (messages === state.messages) messages = messages.slice();
      messages.splice(insertionIndex(messages, message.timestamp), 0, message);
      aliases = withAliases(aliases, message, message.id);
      continue;
    }
    const index = messages.findIndex(existing => existing.id === knownId);
    const existing = messages[index];
    const status = mergeStatus(existing.status, message.status);
    const stanzaId = existing.stanzaId ?? message.stanzaId;
    const originId = existing.originId ?? message.originId;
    if (status !== existing.status || stanzaId !== existing.stanzaId || originId !== existing.originId) {
      if (messages === state.messages) messages = messages.slice();
      messages[index] = { ...existing, status, stanzaId, originId, error: status === 'failed' ? existing.error : undefined };
    }
    aliases = withAliases(aliases, message, knownId);
  }
  if (messages === state.messages && aliases === state.aliases) return state;
  return { ...state, messages, aliases };
}

function updateStatus(state: ConversationState, id: string, status: MessageStatus, error?: string): ConversationState {
  const index = state.messages.findIndex(message => message.id === id);
  if (index < 0) return state;
  const existing = state.messages[index];
  const next = mergeStatus(existing.status, status);
  if (next === existing.status && error === existing.error) return state;
  const messages = state.messages.slice();
  messages[index] = { ...existing, status: next, error: next === 'failed' ? error : undefined };
  return { ...state, messages };
}

function withRoom(state: ConversationState, patch: Partial<RoomState>): ConversationState {
  const room: RoomState = { ...(state.room ?? { status: 'joining', nick: '' }), ...patch };
  return { ...state, room };
}

function roomReducer(state: ConversationState, event: SessionEvent): ConversationState {
  switch (event.type) {
    case 'roomJoining':
      return {
        ...state,
        occupants: {},
        room: { ...(state.room ?? {}), status: 'joining', nick: event.nick, error: undefined, errorText: undefined, suggestedNick: undefined, leftReason: undefined, leftText: undefined, leftActor: undefined },
      };
    case 'roomJoined':
      return {
        ...withRoom(state, { status: 'joined', nick: event.self.nick, self: event.self, features: event.features ?? state.room?.features }),
        occupants: { ...state.occupants, [event.self.nick]: event.self },
      };
    case 'roomJoinError':
      return withRoom(state, { status: 'error', error: event.error, errorText: event.text, suggestedNick: event.suggestedNick });
    case 'occupant': {
      const next = { ...state, occupants: { ...state.occupants, [event.occupant.nick]: event.occupant } };
      return state.room?.nick === event.occupant.nick ? withRoom(next, { self: event.occupant }) : next;
    }
    case 'occupantLeft': {
      if (!(event.nick in state.occupants)) return state;
      const occupants = { ...state.occupants };
      const leaving = occupants[event.nick];
      delete occupants[event.nick];
      // A nick change (303) is the same occupant under a new name; its new presence follows.
      if (event.reason === 'nick' && event.newNick) occupants[event.newNick] = { ...leaving, nick: event.newNick };
      return { ...state, occupants };
    }
    case 'roomNick': {
      const occupants = { ...state.occupants };
      const self = state.room?.nick ? occupants[state.room.nick] : undefined;
      if (state.room?.nick) delete occupants[state.room.nick];
      const renamed = self ? { ...self, nick: event.nick } : undefined;
      if (renamed) occupants[event.nick] = renamed;
      return { ...withRoom(state, { nick: event.nick, self: renamed ?? state.room?.self }), occupants };
    }
    case 'roomLeft':
      return { ...withRoom(state, { status: 'left', leftReason: event.reason, leftText: event.text, leftActor: event.actor }), occupants: {} };
    case 'roomSubject':
      return withRoom(state, { subject: event.subject, subjectBy: event.by });
    default:
      return state;
  }
}

export function conversationReducer(state: ConversationState, event: SessionEvent): ConversationState {
  switch (event.type) {
    case 'roomJoining':
    case 'roomJoined':
    case 'roomJoinError':
    case 'occupant':
    case 'occupantLeft':
    case 'roomNick':
    case 'roomLeft':
    case 'roomSubject':
      return event.room === state.jid ? roomReducer(state, event) : state;
    case 'message': {
      if (event.message.conversation !== state.jid) return state;
      const next = mergeMessages(state, [event.message]);
      // A message with a body from the peer means they stopped typing (XEP-0085 §5.4).
      if (event.message.direction === 'in' && next !== state && state.peerState === 'composing') {
        return { ...next, peerState: 'active' };
      }
      return next;
    }
    case 'messageStatus':
      return event.conversation === state.jid ? updateStatus(state, event.id, event.status, event.error) : state;
    case 'chatState':
      if (event.conversation !== state.jid || state.peerState === event.state) return state;
      return { ...state, peerState: event.state };
    case 'historyLoading':
      if (event.conversation !== state.jid) return state;
      return { ...state, history: { ...state.history, status: 'loading', error: undefined, requested: true } };
    case 'history': {
      if (event.conversation !== state.jid) return state;
      const merged = mergeMessages(state, event.messages);
      return {
        ...merged,
        history: { status: 'idle', complete: event.complete, cursor: event.cursor ?? state.history.cursor, requested: true },
      };
    }
    case 'historyError':
      if (event.conversation !== state.jid) return state;
      return { ...state, history: { ...state.history, status: 'error', error: event.error, requested: true } };
    case 'draft':
      return event.conversation === state.jid && event.text !== state.draft ? { ...state, draft: event.text } : state;
    default:
      return state;
  }
}

export function createConversationStore(jid: Jid): ConversationStore {
  return createStore<ConversationState>(initialConversationState(jid));
}
