import type {
  AffiliationItem,
  DataFormDefinition,
  DestroyOptions,
  AdapterEvent,
  Affiliation,
  Bookmark,
  ChatAdapter,
  ConnectOptions,
  Jid,
  Message,
  Role,
  RoomConfig,
  RoomNotice,
  Mention,
  AbuseReport,
  OwnPresence,
  OwnAvatar,
  OwnProfileChange,
} from '../adapters/types';
import { AdapterError } from '../adapters/types';
import { StoreBatch } from '../stores/store-utils';
import type { MessageAddedEvent, SessionEvent } from '../stores/events';
import { connectionReducer, createConnectionStore, type ConnectionStore } from '../stores/connection';
import { createRosterStore, isBlocked, rosterReducer, supportsFeature, type RosterStore } from '../stores/roster';
import {
  conversationsReducer,
  createConversationsStore,
  unreadTotal,
  type ConversationsStore,
  type UnreadTotal,
} from '../stores/conversations';
import {
  conversationReducer,
  createConversationStore,
  findMessageId,
  isAmendment,
  trimToWindow,
  type ConversationState,
  type ConversationStore,
} from '../stores/conversation';
import { createRoomsStore, roomsReducer, type RoomsStore } from '../stores/rooms';
import { createProfilesStore, profilesReducer, type ProfilesStore } from '../stores/profiles';
import { profileActions } from './actions/profiles';
import { errorMessage } from './errors';
import type { SessionContext } from './actions/context';
import { historyActions } from './actions/history';
import { messageActions } from './actions/messages';
import { reactionActions } from './actions/reactions';
import { mentionMatcher, mentionsSelf } from '../markup/mentions';
import { markerActions } from './actions/markers';
import { roomActions } from './actions/rooms';
import { rosterActions } from './actions/roster';
import { uploadActions } from './actions/uploads';
import { recoveryActions } from './actions/recovery';
import { createOutbox, isRetryable } from './outbox';
import { defaultAvatarStorage, defaultCacheStorage, defaultOutboxStorage, defaultPresenceStorage, type AvatarStorage, type CacheStorage, type OutboxStorage, type PresenceStorage } from './storage';
import { peopleActions } from './actions/people';
import { createLocalCache } from './cache';

export { PAUSED_AFTER_MS } from './actions/messages';
export { HISTORY_PAGE_SIZE } from './actions/history';
export const DEFAULT_MESSAGE_WINDOW = 500;
/** Main-thread time (ms) a frame may spend applying queued adapter events; the rest waits a frame. */
const SLICE_MS = 8;
/** Events applied as one batch within a slice: small enough to check the clock often. */
const BATCH_EVENTS = 500;

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Browsers run no animation frames in hidden tabs; adapter events are then applied after this
 * long (or the browser's minimum for timers in such tabs), so unread counts still move.
 */
const FRAME_FALLBACK_MS = 200;

export interface SessionActions {
  /**
   * Resolves when online; rejects with an `AdapterError` (also shown in `connection.error`). With
   * `remember`, the account stays signed in on this device; then `login({ jid })` needs no password
   * (`token-refused` when the server no longer accepts it: sign in with the password again).
   */
  login(options: ConnectOptions): Promise<void>;
  /** Signs out; the account's stored login (if any) is revoked on the server and deleted here. */
  logout(): Promise<void>;
  /** The account this device stays signed in to (the most recent), or null (also when the adapter cannot keep logins). */
  rememberedAccount(): Promise<Jid | null>;
  /** Whether `login({ remember: true })` can keep a login with this adapter. */
  canRemember(): boolean;
  /** Makes `jid` the active conversation and loads its latest history the first time. */
  openConversation(jid: Jid): void;
  closeConversation(jid: Jid): void;
  /**
   * Shows the message at once and sends it; a failure marks it failed, never drops it. Returns its
   * id. With `replyTo` (a message id of this conversation) it answers that message (XEP-0461),
   * quoting it for clients without replies; `mentions` (XEP-0372) say whom the text mentions;
   * `thread` (XEP-0201) is the thread it is written in; `spoiler` (XEP-0382) hides it behind its hint.
   */
  sendMessage(jid: Jid, body: string, options?: { replyTo?: string; mentions?: Mention[]; thread?: string; spoiler?: { hint?: string } }): string;
  /**
   * Corrects an own message (XEP-0308): shows the new text at once (the message keeps its place
   * and id, marked edited, its earlier text kept) and sends the correction; a failure marks the
   * message failed, and retrying it resends the correction. Returns the correction's id, or null
   * when there is nothing to send: the text is empty or unchanged, or the message cannot be
   * corrected (not ours, never sent, or written under another nick in a room).
   */
  correctMessage(jid: Jid, id: string, body: string): string | null;
  retryMessage(jid: Jid, id: string): void;
  /**
   * Retracts (XEP-0424) the user's own message `id`: once the retraction is on the wire, the
   * message shows as removed here and in the peers' clients that support it. Rejects when it
   * cannot be sent (offline) or the message is not the user's; the message then stays as it was.
   */
  retractMessage(jid: Jid, id: string): Promise<void>;
  /**
   * Adds the user's reaction `emoji` (XEP-0444) to message `id`, or takes it back if it is there.
   * Resolves once sent and shown; rejects when it cannot be sent (offline, not in the room, or a
   * message the server has not confirmed yet), leaving the reactions as they were.
   */
  toggleReaction(jid: Jid, id: string, emoji: string): Promise<void>;
  /**
   * The user has seen the newest messages of `jid` (the chatbox calls it while they are in view in
   * a visible page): tells the user's other clients (XEP-0490, chats and rooms), and a contact who
   * asked (XEP-0333 `<markable/>`) that they were displayed, once per message, and only a contact
   * the user shares presence with (as for receipts). Rooms are not told.
   */
  markDisplayed(jid: Jid): void;
  /**
   * Uploads a file to the server's upload service (XEP-0363) and then sends it to `jid` (a chat or
   * a room) as a message whose body is its URL, with the attachment (name, type, size, and
   * `duration` in ms for a recording). Progress and failures are in the conversation's `uploads`;
   * a failed upload stays there, with why, until retried or dismissed. Returns the upload's id.
   * `name` defaults to the file's own name.
   */
  sendFile(jid: Jid, file: Blob, options?: { name?: string; duration?: number }): string;
  /** Stops an upload on its way (it leaves the list); a failed one is dismissed. What a cancel button calls, whatever the state. */
  cancelUpload(jid: Jid, uploadId: string): void;
  /** Removes a failed upload from the list (and forgets its file). */
  dismissUpload(jid: Jid, uploadId: string): void;
  /** Uploads a failed upload's file again. */
  retryUpload(jid: Jid, uploadId: string): void;
  /**
   * Keeps the draft of a conversation and tells the peer we are typing. With `typing: false` (a
   * program setting the text, not the user typing) the peer is told nothing.
   */
  setDraft(jid: Jid, text: string, options?: { typing?: boolean }): void;
  /** Loads the page of archived messages before the oldest one held (also those dropped to keep the message window). */
  loadOlderMessages(jid: Jid): Promise<void>;
  /**
   * Tells the session whether the user sees the newest messages of a conversation (true: scrolled
   * to the end) or reads older ones (false). Only while following the latest are the oldest
   * messages dropped to keep the conversation within its `messageWindow`.
   */
  setFollowingLatest(jid: Jid, following: boolean): void;
  addContact(jid: Jid, name?: string, groups?: string[]): Promise<void>;
  removeContact(jid: Jid): Promise<void>;
  approveSubscription(jid: Jid): Promise<void>;
  denySubscription(jid: Jid): Promise<void>;

  /** Joins a room (nick defaults to our JID's local part) and makes it a conversation. Rejects with a `RoomError`. */
  joinRoom(room: Jid, options?: { nick?: string; password?: string }): Promise<void>;
  /** Leaves a room and removes it from the conversation list. */
  leaveRoom(room: Jid): Promise<void>;
  changeNick(room: Jid, nick: string): Promise<void>;
  setSubject(room: Jid, subject: string): Promise<void>;
  kick(room: Jid, nick: string, reason?: string): Promise<void>;
  /**
   * As a moderator of the room, removes someone's message `id` for everyone (XEP-0425), with an
   * optional reason; the room's announcement then shows it removed. Rejects when the room does not
   * offer moderation, the user is no moderator, or the room refuses.
   */
  moderateMessage(room: Jid, id: string, reason?: string): Promise<void>;
  /** Ban = affiliation `outcast`; needs the occupant's real JID. */
  setAffiliation(room: Jid, jid: Jid, affiliation: Affiliation, reason?: string): Promise<void>;
  /** Voice = `participant`, revoke voice = `visitor`. */
  setRole(room: Jid, nick: string, role: Role, reason?: string): Promise<void>;
  invite(room: Jid, jid: Jid, reason?: string): Promise<void>;
  acceptInvitation(room: Jid): Promise<void>;
  /** Declines an invitation: it leaves the list and the room relays a `<decline>` (with `reason`) to the inviter. */
  declineInvitation(room: Jid, reason?: string): void;
  /** Forgets a decline shown to the inviter. */
  dismissDecline(room: Jid, from: Jid): void;
  /** The room's configuration form, to fill in (owners). Rejects with a `RequestError` (e.g. `forbidden`). */
  getRoomConfig(room: Jid): Promise<DataFormDefinition>;
  /** Submits the configuration form with its fields' values changed; rejects with the room's refusal. */
  submitRoomConfig(room: Jid, form: DataFormDefinition): Promise<void>;
  /** Leaves the configuration as it was (sends the cancel form). */
  cancelRoomConfig(room: Jid): Promise<void>;
  /** A room's members, admins, owners or outcasts. */
  getAffiliations(room: Jid, affiliation: Exclude<Affiliation, 'none'>): Promise<AffiliationItem[]>;
  /** Destroys the room (owners); everyone in it is told, with the reason and another room to go to. */
  destroyRoom(room: Jid, options?: DestroyOptions): Promise<void>;
  /** Opens a private conversation with an occupant (its JID is `room/nick`). */
  openPrivateChat(room: Jid, nick: string): void;
  queryRoom(room: Jid): Promise<void>;
  listRooms(service?: Jid): Promise<void>;
  createRoom(room: Jid, config: RoomConfig, nick?: string): Promise<void>;
  saveBookmark(bookmark: Bookmark): Promise<void>;
  removeBookmark(room: Jid): Promise<void>;

  /**
   * Renames a contact and sets its groups (an empty name removes it). Resolves once the server
   * agreed; the roster store changes with the server's roster push, not before (no optimistic
   * update to roll back). Rejects with the server's refusal.
   */
  updateContact(jid: Jid, name: string | undefined, groups: string[]): Promise<void>;
  /**
   * Sets the user's own presence (online, away, do not disturb, or invisible where the server has
   * XEP-0186) and status text: sent to contacts and rooms, shown in `connection.presence`, kept on
   * this device for the account and sent again after every reconnect and the next sign-in.
   */
  setPresence(presence: OwnPresence): Promise<void>;
  /** XEP-0191: reads the blocklist again (it is read at each sign-in where the server has blocking). */
  loadBlocklist(): Promise<void>;
  /**
   * XEP-0191: blocks `jid` (an account, an occupant address or a domain), with an optional
   * XEP-0377 report; their messages, chat states and requests are not shown from then on. Its
   * contact request, if any, is dropped. Rejects with `feature-not-implemented` without blocking.
   */
  block(jid: Jid, report?: AbuseReport): Promise<void>;
  unblock(jid: Jid): Promise<void>;
  /**
   * `jid` (a bare JID) is on screen: its nick, full name and avatar are asked for once per server
   * session, and its avatar's image is loaded (from the device's cache, else the server) and
   * checked. Cheap to call on every render.
   */
  loadProfile(jid: Jid): void;
  /**
   * Publishes the user's avatar (a square PNG or JPEG, see `OwnAvatar`); resolves with its id.
   * Rejects with `too-large`, `not-an-image`, `unsupported` or the server's refusal.
   */
  publishAvatar(avatar: OwnAvatar): Promise<string>;
  /** Publishes the user's nick and full name ('' clears one); rejects with the server's refusal. */
  setProfile(change: OwnProfileChange): Promise<void>;
}

export interface Session {
  readonly id: string;
  readonly adapter: ChatAdapter;
  readonly connection: ConnectionStore;
  readonly roster: RosterStore;
  readonly conversations: ConversationsStore;
  readonly rooms: RoomsStore;
  /** What people say of themselves (nicks, full names, avatars) and the avatar images. */
  readonly profiles: ProfilesStore;
  /** The store of one conversation, created on first use. */
  conversation(jid: Jid): ConversationStore;
  readonly actions: SessionActions;
  /**
   * Applies an event now, after the adapter events still waiting for the next frame (so order is
   * kept). Adapter events are queued and applied together once per animation frame.
   */
  dispatch(event: SessionEvent): void;
  /** Applies the adapter events waiting for the next frame now (for tests and tools). */
  flush(): void;
  /** Own bare JID while signed in. */
  ownJid(): Jid | null;
  /** Unread messages over all conversations, and of those the ones that mention the user (`conversations` changes with them). */
  unreadTotal(): UnreadTotal;
  /**
   * Calls `listener` with each new message a conversation took (live or from the archive), once it
   * is in the stores; corrections, retractions and reactions change a message and are not new ones.
   * Returns what stops it. What notifications listen to.
   */
  onMessageAdded(listener: (event: MessageAddedEvent) => void): () => void;
  /**
   * XEP-0115: whether `jid` supports `feature` (a disco#info feature var). A full JID (a contact's
   * resource, or `room@service/nick`): as its verified capabilities say. A bare JID: true when any
   * available resource does, false when all are known and none does. Undefined when unknown (no
   * capabilities yet, none verified, or offline). Reads the roster store, so a render that calls it re-renders.
   */
  supports(jid: Jid, feature: string): boolean | undefined;
  dispose(): void;
}

export interface CreateSessionOptions {
  adapter: ChatAdapter;
  /**
   * How many messages a conversation keeps in memory while the user follows its newest ones
   * (default 500). It may grow 20% beyond before the oldest are dropped; they come back from the
   * archive with `loadOlderMessages`.
   */
  messageWindow?: number;
  /**
   * Where the outbox (messages not confirmed by the server yet) is kept per account, so that they
   * survive a reload. Default: IndexedDB where there is one, else memory.
   */
  outboxStorage?: OutboxStorage;
  /** Where the roster and recent chats are cached per account for the next visit. Default: IndexedDB where there is one, else memory. */
  cacheStorage?: CacheStorage;
  /** Where the user's chosen presence is kept per account. Default: `localStorage` where there is one, else memory. */
  presenceStorage?: PresenceStorage;
  /** Where checked avatar images are kept by id. Default: IndexedDB where there is one, else memory. */
  avatarStorage?: AvatarStorage;
}

const CONNECTION_KEYS = ['status', 'jid', 'error', 'features', 'retryAt', 'backOnlineAt', 'presence'] as const;
const ROSTER_KEYS = ['contacts', 'presence', 'requests', 'loaded', 'features', 'blocked', 'blocklistLoaded'] as const;
const CONVERSATIONS_KEYS = ['items', 'active'] as const;
const ROOMS_KEYS = ['bookmarks', 'info', 'directory', 'invitations', 'declines'] as const;
const PROFILES_KEYS = ['profiles', 'images'] as const;
const CONVERSATION_KEYS = ['jid', 'messages', 'aliases', 'draft', 'peerState', 'typing', 'history', 'room', 'occupants', 'followingLatest', 'uploads'] as const;

function bareOf(jid: string): string {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
}

let sessionCounter = 0;

/**
 * Runs `run` at the next animation frame, or after a timeout where there are none (Node, hidden
 * tabs); returns what cancels it.
 */
function scheduleFrame(run: () => void): () => void {
  const timer = setTimeout(run, typeof requestAnimationFrame === 'function' ? FRAME_FALLBACK_MS : 0);
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : undefined;
  return () => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
}

/** What applying one batch of events collects besides the stores' states. */
interface Batch {
  stores: StoreBatch;
  /** Conversations that took new live messages: they may have outgrown their window. */
  grown: Set<Jid>;
  /** Work to do once the batch is in the stores (it may dispatch). */
  after: (() => void)[];
}

export function createSession({ adapter, messageWindow = DEFAULT_MESSAGE_WINDOW, outboxStorage, cacheStorage, presenceStorage, avatarStorage }: CreateSessionOptions): Session {
  const id = `natter-session-${++sessionCounter}`;
  const windowSize = Math.max(1, Math.floor(messageWindow));
  const connection = createConnectionStore();
  const roster = createRosterStore();
  const conversations = createConversationsStore();
  const rooms = createRoomsStore();
  const profiles = createProfilesStore();
  const conversationStores = new Map<Jid, ConversationStore>();
  /** Events not applied yet, in arrival order. */
  let queue: SessionEvent[] = [];
  let cancelFrame: (() => void) | null = null;
  let flushing = false;
  let noticeCount = 0;
  const messageListeners = new Set<(event: MessageAddedEvent) => void>();

  function conversation(jid: Jid): ConversationStore {
    let store = conversationStores.get(jid);
    if (!store) {
      store = createConversationStore(jid);
      conversationStores.set(jid, store);
    }
    return store;
  }

  function enqueue(event: SessionEvent): void {
    queue.push(event);
    cancelFrame ??= scheduleFrame(flushSlice);
  }

  /**
   * Applies every queued event, in order, as one batch: each store touched is read once and
   * written once (only the keys that changed), so a burst of stanzas costs one render.
   */
  function flush(): void {
    applyQueued(Infinity);
  }

  /**
   * A frame's share of the queue: batches of at most BATCH_EVENTS until SLICE_MS have passed; the
   * rest waits for the next frame. A flood of thousands of stanzas then never holds the main thread
   * for long (rendering needs its share of the frame too).
   */
  function flushSlice(): void {
    applyQueued(SLICE_MS);
    if (queue.length > 0) cancelFrame ??= scheduleFrame(flushSlice);
  }

  function applyQueued(budgetMs: number): void {
    cancelFrame?.();
    cancelFrame = null;
    // Events dispatched while a batch is applied (from a store listener) join the queue and are applied next.
    if (flushing) return;
    flushing = true;
    const after: (() => void)[] = [];
    const deadline = budgetMs === Infinity ? Infinity : now() + budgetMs;
    try {
      while (queue.length > 0 && now() < deadline) {
        const events = budgetMs === Infinity ? queue : queue.slice(0, BATCH_EVENTS);
        queue = budgetMs === Infinity ? [] : queue.slice(events.length);
        applyBatch(events, after);
      }
    } finally {
      flushing = false;
    }
    for (const run of after) run();
  }

  function dispatch(event: SessionEvent): void {
    queue.push(event);
    flush();
  }

  function applyBatch(events: SessionEvent[], after: (() => void)[]): void {
    const batch: Batch = { stores: new StoreBatch(), grown: new Set(), after };
    for (const event of events) {
      try {
        apply(batch, event);
      } catch (error) {
        console.warn('[natter] dropped an event the stores could not apply', event.type, error);
      }
    }
    for (const jid of batch.grown) batch.stores.update(conversation(jid), CONVERSATION_KEYS, state => trimToWindow(state, windowSize));
    batch.stores.commit();
    cache.changed();
  }

  function conversationState(batch: Batch, jid: Jid) {
    return batch.stores.state(conversation(jid), CONVERSATION_KEYS);
  }

  function reduceConversation(batch: Batch, jid: Jid, event: SessionEvent): boolean {
    return batch.stores.reduce(conversation(jid), CONVERSATION_KEYS, conversationReducer, event);
  }

  /**
   * Messages become `messageAdded` for the list only when their conversation store took them as
   * new. Corrections and retractions never are new messages; one the store ignored (not its
   * author's, or of nothing it holds) is reported.
   */
  function applyMessages(batch: Batch, conversationJid: Jid, messages: Message[], event: SessionEvent, fromHistory: boolean): void {
    const before = conversationState(batch, conversationJid);
    const fresh = new Map<string, Message>();
    let corrections = false;
    for (const message of messages) {
      if (isAmendment(message)) corrections = true;
      else if (findMessageId(before, message) === undefined && !fresh.has(message.id)) fresh.set(message.id, message);
    }
    const changed = reduceConversation(batch, conversationJid, event);
    if (corrections) warnIgnoredCorrections(conversationState(batch, conversationJid), messages);
    if (!changed || fresh.size === 0) return;
    if (!fromHistory) batch.grown.add(conversationJid);
    const { room } = conversationState(batch, conversationJid);
    const nickMatcher = room ? mentionMatcher(room.nick) : undefined;
    for (const message of fresh.values()) {
      const mentioned = !!room && mentionsSelf(message, conversationJid, room.nick, ownJid(), nickMatcher);
      const added: MessageAddedEvent = mentioned ? { type: 'messageAdded', message, fromHistory, mentionsSelf: true } : { type: 'messageAdded', message, fromHistory };
      apply(batch, added);
      if (messageListeners.size > 0) batch.after.push(() => tellMessageAdded(added));
    }
  }

  /** Listeners run after the batch is in the stores; one that throws does not keep the others from it. */
  function tellMessageAdded(event: MessageAddedEvent): void {
    for (const listener of [...messageListeners]) {
      try {
        listener(event);
      } catch (error) {
        console.warn('[natter] a messageAdded listener failed', error);
      }
    }
  }

  /** A correction the store applied (or had seen) is known by its ids; any other was ignored. */
  function warnIgnoredCorrections(state: ConversationState, messages: Message[]): void {
    for (const message of messages) {
      const ref = message.retracts ?? message.replaces ?? message.reactsTo?.id;
      if (ref === undefined || findMessageId(state, message) !== undefined) continue;
      const what = message.retracts !== undefined ? 'retraction' : message.reactsTo ? 'reaction' : 'correction';
      const why = message.reactsTo ? 'no such message here' : "not the author's, or no such message";
      console.warn(`[natter] ignored a ${what} from ${message.from} of message ${ref} in ${message.conversation}: ${why}`);
    }
  }

  /**
   * Defence in depth (the server drops them already): what a blocked address sends is not shown,
   * whatever arrives. Own messages are never dropped. In a room, an occupant counts as blocked by
   * its occupant address or by its real JID where the room shows it.
   */
  function fromBlocked(batch: Batch, from: string | undefined, conversationJid?: Jid): boolean {
    const blocked = batch.stores.state(roster, ROSTER_KEYS).blocked;
    if (isBlocked(blocked, from)) return true;
    if (!from || !conversationJid || !from.startsWith(`${conversationJid}/`) || Object.keys(blocked).length === 0) return false;
    const { room, occupants } = conversationState(batch, conversationJid);
    return !!room && isBlocked(blocked, occupants[from.slice(conversationJid.length + 1)]?.jid);
  }

  function unblockedMessages(batch: Batch, messages: Message[]): Message[] {
    const kept = messages.filter(message => message.direction === 'out' || !fromBlocked(batch, message.from, message.conversation));
    return kept.length === messages.length ? messages : kept;
  }

  /** The event without what blocked addresses sent, or null when nothing is left of it. */
  function withoutBlocked(batch: Batch, event: SessionEvent): SessionEvent | null {
    switch (event.type) {
      case 'message':
        return event.message.direction === 'in' && fromBlocked(batch, event.message.from, event.message.conversation) ? null : event;
      case 'history':
      case 'missed': {
        const messages = unblockedMessages(batch, event.messages);
        return messages === event.messages ? event : { ...event, messages };
      }
      case 'chatState':
        return fromBlocked(batch, event.from, event.conversation) ? null : event;
      case 'subscriptionRequest':
      case 'presence':
        return fromBlocked(batch, event.jid) ? null : event;
      case 'invitation':
        return fromBlocked(batch, event.from) ? null : event;
      default:
        return event;
    }
  }

  function apply(batch: Batch, incoming: SessionEvent): void {
    const event = withoutBlocked(batch, incoming);
    if (!event) return;
    switch (event.type) {
      case 'message': {
        const { message } = event;
        // The room's reflection (or a copy) of a queued message: the server has it.
        if (message.direction === 'out' && message.status !== 'pending' && message.status !== 'failed') outbox.remove(message.originId ?? message.id);
        applyMessages(batch, message.conversation, [message], event, false);
        return;
      }
      case 'history':
        applyMessages(batch, event.conversation, event.messages, event, true);
        return;
      case 'missed':
        applyMessages(batch, event.conversation, event.messages, event, false);
        return;
      case 'cached':
        // Known already, not news: the list shows the chat and its last message, nothing unread.
        applyMessages(batch, event.conversation, event.messages, event, true);
        return;
      case 'messageStatus':
        reduceConversation(batch, event.conversation, outboxStatus(event));
        return;
      case 'chatState':
      case 'historyError':
      case 'historyLoading':
      case 'draft':
      case 'followingLatest':
      case 'uploadStarted':
      case 'uploadFailed':
      case 'uploadRemoved':
        reduceConversation(batch, event.conversation, event);
        return;
      case 'uploadProgress':
        uploads.progressApplied(event);
        reduceConversation(batch, event.conversation, event);
        return;
      case 'displayed':
        reduceConversation(batch, event.conversation, event);
        batch.stores.reduce(conversations, CONVERSATIONS_KEYS, conversationsReducer, event);
        return;
      case 'roomJoined':
        batch.after.push(() => void recovery.roomJoined(event.room));
        applyRoomEvent(batch, event);
        return;
      case 'roomLeft':
        batch.after.push(() => recovery.roomLeft(event.room, event.reason));
        applyRoomEvent(batch, event);
        return;
      case 'roomJoining':
      case 'roomJoinError':
      case 'occupant':
      case 'occupantLeft':
      case 'roomNick':
      case 'roomSubject':
        applyRoomEvent(batch, event);
        return;
      default:
        batch.stores.reduce(connection, CONNECTION_KEYS, connectionReducer, event);
        batch.stores.reduce(roster, ROSTER_KEYS, rosterReducer, event);
        batch.stores.reduce(conversations, CONVERSATIONS_KEYS, conversationsReducer, event);
        batch.stores.reduce(rooms, ROOMS_KEYS, roomsReducer, event);
        if (event.type === 'connection' || event.type === 'features') batch.after.push(() => people.connectionChanged(event));
        batch.stores.reduce(profiles, PROFILES_KEYS, profilesReducer, event);
        if (event.type === 'profile') batch.after.push(() => profile.profileChanged(event.jid));
        if (event.type === 'connection') {
          if (event.status === 'online') {
            // The messages a reload left unsent, and a returning user's chats, show as soon as the account is known.
            batch.after.push(openAccount);
            batch.after.push(history.loadActiveHistory);
            // An adapter that does not say is taken to have started afresh: catching up costs one query, missing messages costs more.
            batch.after.push(() => void recovery.online(event.fresh !== false));
            batch.after.push(() => profile.online(event.fresh !== false));
          } else {
            recovery.offline();
          }
        }
    }
  }

  function applyRoomEvent(batch: Batch, event: Extract<SessionEvent, { room: Jid }>): void {
    const notice = noticeFor(batch, event);
    reduceConversation(batch, event.room, event);
    batch.stores.reduce(conversations, CONVERSATIONS_KEYS, conversationsReducer, event);
    if (notice) apply(batch, { type: 'message', message: noticeMessage(event.room, notice) });
  }

  /**
   * A status of a queued message: confirmed, it leaves the outbox; failed for a reason the
   * connection caused (stream management could not confirm it before the stream was lost), it
   * stays queued and pending, for the catch-up to find or the next session to send.
   */
  function outboxStatus(event: Extract<SessionEvent, { type: 'messageStatus' }>): SessionEvent {
    if (!outbox.has(event.id)) return event;
    if (event.status === 'failed' && isRetryable(event.error)) return { ...event, status: 'pending', error: undefined };
    if (event.status !== 'pending') outbox.remove(event.id);
    return event;
  }

  /** The timeline notice a room event deserves, judged against the room as it was before the event. */
  function noticeFor(batch: Batch, event: SessionEvent): RoomNotice | null {
    if (!('room' in event)) return null;
    const { room, occupants } = conversationState(batch, event.room);
    if (room?.status !== 'joined') return null;
    switch (event.type) {
      case 'occupant':
        return event.occupant.nick in occupants ? null : { kind: 'join', nick: event.occupant.nick };
      case 'occupantLeft': {
        const kind = event.reason === 'kicked' ? 'kick' : event.reason === 'banned' ? 'ban' : event.reason === 'nick' ? 'nick' : 'leave';
        return { kind, nick: event.nick, value: event.newNick, actor: event.actor, reason: event.text };
      }
      case 'roomSubject':
        return room.subject !== undefined && room.subject !== event.subject ? { kind: 'subject', nick: event.by ?? '', value: event.subject } : null;
      case 'roomLeft':
        if (event.reason === 'kicked' || event.reason === 'banned' || event.reason === 'destroyed') {
          const kind = event.reason === 'kicked' ? 'kick' : event.reason === 'banned' ? 'ban' : 'destroyed';
          return { kind, nick: room.nick, actor: event.actor, reason: event.text };
        }
        return null;
      default:
        return null;
    }
  }

  function noticeMessage(room: Jid, notice: RoomNotice): Message {
    return {
      // Notices never leave the session: a count makes their ids unique without a random id per join or leave.
      id: `notice-${++noticeCount}`,
      conversation: room,
      from: `${room}/${notice.nick}`,
      nick: notice.nick,
      direction: 'in',
      body: '',
      timestamp: Date.now(),
      status: 'received',
      notice,
    };
  }

  // The actions of each feature (actions/*.ts); apply() hands some events back to them.
  const context: SessionContext = { adapter, connection, conversations, rooms, conversation, dispatch, enqueue, settled, ownJid };
  const outbox = createOutbox(outboxStorage ?? defaultOutboxStorage());
  const messages = messageActions(context, outbox);
  const cache = createLocalCache(cacheStorage ?? defaultCacheStorage(), { roster, conversations, conversation, dispatch, online: () => connection.get('status') === 'online' });
  const recovery = recoveryActions(context, outbox, messages, () => cache.restored());
  /** The account whose outbox and cache are open: the server-bound one (not as typed), once signed in. */
  let openedAccount: Jid | null = null;
  let anonymousLogin = false;

  /**
   * Only once the server has authenticated the user: what the device keeps of an account (its
   * queue, its chats) is shown to that account alone, under the address the server bound.
   */
  function openAccount(): void {
    const account = ownJid();
    if (!account || account === openedAccount) return;
    openedAccount = account;
    void outbox.open(account, message => dispatch({ type: 'message', message }));
    // A guest account is new each time: nothing to keep for it.
    if (!anonymousLogin) void cache.restore(account);
  }
  const uploads = uploadActions(context, messages.sendAttachment);
  const history = historyActions(context);
  const markers = markerActions(context, jid => roster.get('contacts')[jid]?.subscription);
  const people = peopleActions(context, presenceStorage ?? defaultPresenceStorage(), () => anonymousLogin);
  const profile = profileActions(context, profiles, avatarStorage ?? defaultAvatarStorage());

  const unsubscribe = adapter.subscribe((event: AdapterEvent) => enqueue(event));

  /** Waits for adapter work, then applies what it emitted: an action settles with its outcome in the stores. */
  async function settled<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      flush();
    }
  }

  /** Every action first applies the adapter events still queued: it reads current state, and its own events follow them. */
  function flushingFirst(raw: SessionActions): SessionActions {
    const wrapped: Record<string, unknown> = {};
    for (const [name, action] of Object.entries(raw) as [string, (...args: unknown[]) => unknown][]) {
      wrapped[name] = (...args: unknown[]) => {
        flush();
        return action(...args);
      };
    }
    return wrapped as unknown as SessionActions;
  }

  function ownJid(): Jid | null {
    const full = connection.get('jid');
    return full ? bareOf(full) : null;
  }

  const actions: SessionActions = flushingFirst({
    async login(options) {
      anonymousLogin = options.anonymous === true;
      // The presence this account last chose on this device goes out with the first presence.
      if (!anonymousLogin) await people.restorePresence(options.jid);
      try {
        await settled(adapter.connect(options));
      } catch (error) {
        const code = error instanceof AdapterError ? error.code : 'unknown';
        const detail = errorMessage(error);
        dispatch({ type: 'connection', status: 'error', error: { code, detail } });
        throw error instanceof AdapterError ? error : new AdapterError(code, detail);
      }
    },
    async logout() {
      messages.stopTyping();
      markers.reset();
      recovery.reset();
      // Signing out leaves nothing of the account on the device (a shared computer), unsent messages included.
      await Promise.all([outbox.clear(), cache.clear()]);
      people.forgetPresence();
      openedAccount = null;
      await settled(adapter.disconnect({ forget: true }));
      dispatch({ type: 'connection', status: 'offline' });
    },
    async rememberedAccount() {
      return (await adapter.rememberedAccount?.()) ?? null;
    },
    canRemember() {
      return adapter.persistentLogin === true;
    },
    openConversation(jid) {
      dispatch({ type: 'conversationOpened', conversation: jid });
      if (connection.get('status') === 'online') history.loadActiveHistory();
    },
    closeConversation(jid) {
      dispatch({ type: 'conversationClosed', conversation: jid });
    },
    ...messages.actions,
    ...uploads.actions,
    ...history.actions,
    ...reactionActions(context),
    ...markers.actions,
    ...rosterActions(context),
    ...people.actions,
    ...roomActions(context, jid => actions.openConversation(jid)),
    ...profile.actions,
  });

  return {
    id,
    adapter,
    connection,
    roster,
    conversations,
    rooms,
    profiles,
    conversation,
    actions,
    dispatch,
    flush,
    ownJid,
    unreadTotal: () => unreadTotal({ items: conversations.get('items') }),
    supports: (jid, feature) => supportsFeature({ presence: roster.get('presence'), features: roster.get('features') }, jid, feature),
    onMessageAdded(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    dispose() {
      messages.stopTyping();
      uploads.abortAll();
      unsubscribe();
      cache.dispose();
      recovery.dispose();
      profile.dispose();
      messageListeners.clear();
      // Nothing of a disposed session is shown any more: what is still queued is dropped.
      queue = [];
      cancelFrame?.();
      cancelFrame = null;
      void adapter.disconnect().catch(() => undefined);
    },
  };
}
