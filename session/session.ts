import type {
  AdapterEvent,
  Affiliation,
  Attachment,
  Bookmark,
  ChatAdapter,
  ConnectOptions,
  Jid,
  Message,
  Role,
  RoomConfig,
  RoomNotice,
} from '../adapters/types';
import { AdapterError, UploadError } from '../adapters/types';
import { StoreBatch } from '../stores/store-utils';
import type { SessionEvent } from '../stores/events';
import { connectionReducer, createConnectionStore, type ConnectionStore } from '../stores/connection';
import { createRosterStore, rosterReducer, type RosterStore } from '../stores/roster';
import {
  conversationsReducer,
  createConversationsStore,
  type ConversationsStore,
} from '../stores/conversations';
import {
  conversationReducer,
  createConversationStore,
  findMessageId,
  isCorrectable,
  sentId,
  trimToWindow,
  type ConversationState,
  type ConversationStore,
} from '../stores/conversation';
import { createRoomsStore, roomsReducer, type RoomsStore } from '../stores/rooms';
import type { UploadEvent } from '../stores/uploads';
import { errorMessage } from './errors';
import { randomId } from './ids';

/** After this long without a keystroke the peer is told we paused (XEP-0085 suggests a few seconds). */
export const PAUSED_AFTER_MS = 5_000;
export const HISTORY_PAGE_SIZE = 50;
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
  /** Resolves when online; rejects with an `AdapterError` (also shown in `connection.error`). */
  login(options: ConnectOptions): Promise<void>;
  logout(): Promise<void>;
  /** Makes `jid` the active conversation and loads its latest history the first time. */
  openConversation(jid: Jid): void;
  closeConversation(jid: Jid): void;
  /** Shows the message at once and sends it; a failure marks it failed, never drops it. Returns its id. */
  sendMessage(jid: Jid, body: string): string;
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
  /** Ban = affiliation `outcast`; needs the occupant's real JID. */
  setAffiliation(room: Jid, jid: Jid, affiliation: Affiliation, reason?: string): Promise<void>;
  /** Voice = `participant`, revoke voice = `visitor`. */
  setRole(room: Jid, nick: string, role: Role, reason?: string): Promise<void>;
  invite(room: Jid, jid: Jid, reason?: string): Promise<void>;
  acceptInvitation(room: Jid): Promise<void>;
  declineInvitation(room: Jid): void;
  /** Opens a private conversation with an occupant (its JID is `room/nick`). */
  openPrivateChat(room: Jid, nick: string): void;
  queryRoom(room: Jid): Promise<void>;
  listRooms(service?: Jid): Promise<void>;
  createRoom(room: Jid, config: RoomConfig, nick?: string): Promise<void>;
  saveBookmark(bookmark: Bookmark): Promise<void>;
  removeBookmark(room: Jid): Promise<void>;
}

export interface Session {
  readonly id: string;
  readonly adapter: ChatAdapter;
  readonly connection: ConnectionStore;
  readonly roster: RosterStore;
  readonly conversations: ConversationsStore;
  readonly rooms: RoomsStore;
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
}

const CONNECTION_KEYS = ['status', 'jid', 'error', 'features'] as const;
const ROSTER_KEYS = ['contacts', 'presence', 'requests', 'loaded'] as const;
const CONVERSATIONS_KEYS = ['items', 'active'] as const;
const ROOMS_KEYS = ['bookmarks', 'info', 'directory', 'invitations'] as const;
const CONVERSATION_KEYS = ['jid', 'messages', 'aliases', 'draft', 'peerState', 'history', 'room', 'occupants', 'followingLatest', 'uploads'] as const;

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

/** A file being sent: kept (with its Blob) until it is sent, cancelled or its failure dismissed. */
interface PendingUpload {
  jid: Jid;
  file: Blob;
  name: string;
  duration?: number;
  controller: AbortController;
}

/** The file's name: given, else the File's own, else a neutral one. */
function fileName(file: Blob, name?: string): string {
  const own = (file as Partial<File>).name;
  return (name ?? '').trim() || (typeof own === 'string' && own.trim()) || 'file';
}

/** What applying one batch of events collects besides the stores' states. */
interface Batch {
  stores: StoreBatch;
  /** Conversations that took new live messages: they may have outgrown their window. */
  grown: Set<Jid>;
  /** Work to do once the batch is in the stores (it may dispatch). */
  after: (() => void)[];
}

export function createSession({ adapter, messageWindow = DEFAULT_MESSAGE_WINDOW }: CreateSessionOptions): Session {
  const id = `natter-session-${++sessionCounter}`;
  const windowSize = Math.max(1, Math.floor(messageWindow));
  const connection = createConnectionStore();
  const roster = createRosterStore();
  const conversations = createConversationsStore();
  const rooms = createRoomsStore();
  const conversationStores = new Map<Jid, ConversationStore>();
  const pausedTimers = new Map<Jid, ReturnType<typeof setTimeout>>();
  const composingSent = new Set<Jid>();
  /** Events not applied yet, in arrival order. */
  let queue: SessionEvent[] = [];
  let cancelFrame: (() => void) | null = null;
  let flushing = false;
  let noticeCount = 0;
  const pendingUploads = new Map<string, PendingUpload>();
  /** Progress events queued and not applied yet, by upload id: newer progress updates them (one store write per frame). */
  const queuedProgress = new Map<string, Extract<UploadEvent, { type: 'uploadProgress' }>>();

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
  }

  function conversationState(batch: Batch, jid: Jid) {
    return batch.stores.state(conversation(jid), CONVERSATION_KEYS);
  }

  function reduceConversation(batch: Batch, jid: Jid, event: SessionEvent): boolean {
    return batch.stores.reduce(conversation(jid), CONVERSATION_KEYS, conversationReducer, event);
  }

  /**
   * Messages become `messageAdded` for the list only when their conversation store took them as
   * new. Corrections never are new messages; one the store ignored (not its author's, or of
   * nothing it holds) is reported.
   */
  function applyMessages(batch: Batch, conversationJid: Jid, messages: Message[], event: SessionEvent, fromHistory: boolean): void {
    const before = conversationState(batch, conversationJid);
    const fresh = new Map<string, Message>();
    let corrections = false;
    for (const message of messages) {
      if (message.replaces !== undefined) corrections = true;
      else if (findMessageId(before, message) === undefined && !fresh.has(message.id)) fresh.set(message.id, message);
    }
    const changed = reduceConversation(batch, conversationJid, event);
    if (corrections) warnIgnoredCorrections(conversationState(batch, conversationJid), messages);
    if (!changed || fresh.size === 0) return;
    if (!fromHistory) batch.grown.add(conversationJid);
    for (const message of fresh.values()) apply(batch, { type: 'messageAdded', message, fromHistory });
  }

  /** A correction the store applied (or had seen) is known by its ids; any other was ignored. */
  function warnIgnoredCorrections(state: ConversationState, messages: Message[]): void {
    for (const message of messages) {
      if (message.replaces === undefined || findMessageId(state, message) !== undefined) continue;
      console.warn(`[natter] ignored a correction from ${message.from} of message ${message.replaces} in ${message.conversation}: not the author's, or no such message`);
    }
  }

  function apply(batch: Batch, event: SessionEvent): void {
    switch (event.type) {
      case 'message':
        applyMessages(batch, event.message.conversation, [event.message], event, false);
        return;
      case 'history':
        applyMessages(batch, event.conversation, event.messages, event, true);
        return;
      case 'messageStatus':
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
        if (queuedProgress.get(event.id) === event) queuedProgress.delete(event.id);
        reduceConversation(batch, event.conversation, event);
        return;
      case 'roomJoining':
      case 'roomJoined':
      case 'roomJoinError':
      case 'occupant':
      case 'occupantLeft':
      case 'roomNick':
      case 'roomLeft':
      case 'roomSubject': {
        const notice = noticeFor(batch, event);
        reduceConversation(batch, event.room, event);
        batch.stores.reduce(conversations, CONVERSATIONS_KEYS, conversationsReducer, event);
        if (notice) apply(batch, { type: 'message', message: noticeMessage(event.room, notice) });
        return;
      }
      default:
        batch.stores.reduce(connection, CONNECTION_KEYS, connectionReducer, event);
        batch.stores.reduce(roster, ROSTER_KEYS, rosterReducer, event);
        batch.stores.reduce(conversations, CONVERSATIONS_KEYS, conversationsReducer, event);
        batch.stores.reduce(rooms, ROOMS_KEYS, roomsReducer, event);
        if (event.type === 'connection' && event.status === 'online') batch.after.push(loadActiveHistory);
    }
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

  function defaultNick(): string {
    const own = ownJid() ?? '';
    return own.slice(0, Math.max(0, own.indexOf('@'))) || 'guest';
  }

  async function joinRoom(room: Jid, options: { nick?: string; password?: string } = {}): Promise<void> {
    // The adapter loads the room's archive page as part of joining.
    dispatch({ type: 'historyLoading', conversation: room });
    try {
      await settled(adapter.joinRoom(room, { nick: options.nick ?? defaultNick(), password: options.password }));
    } catch (error) {
      if (conversation(room).get('history').status === 'loading') {
        dispatch({ type: 'historyError', conversation: room, error: errorMessage(error) });
      }
      throw error;
    }
  }

  /** A conversation opened while offline gets its history once we are online. */
  function loadActiveHistory(): void {
    const active = conversations.get('active');
    if (active && !conversation(active).get('history').requested) void loadHistory(active);
  }

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

  function reportFailure(jid: Jid, messageId: string, error: unknown): void {
    dispatch({
      type: 'messageStatus',
      conversation: jid,
      id: messageId,
      status: 'failed',
      error: errorMessage(error),
    });
  }

  /** Sends a message (or, with `replaces`, a correction; with `attachment`, a shared file); its state follows what sending did. */
  function transmit(jid: Jid, messageId: string, body: string, replaces?: string, attachment?: Attachment): void {
    const room = conversation(jid).get('room');
    const send =
      replaces !== undefined
        ? adapter.correctMessage(jid, replaces, body, messageId)
        : room
          ? adapter.sendRoomMessage(jid, body, messageId, attachment)
          : adapter.sendMessage(jid, body, messageId, attachment);
    send.then(
      () => dispatch({ type: 'messageStatus', conversation: jid, id: messageId, status: 'sent' }),
      error => reportFailure(jid, messageId, error),
    );
  }

  /** An own message: shown at once (pending), then sent. A file is not what was typed: the draft stays. */
  function sendOwn(conversationJid: Jid, from: Jid, body: string, messageId: string, attachment?: Attachment, nick?: string): string {
    const message: Message = {
      id: messageId,
      originId: messageId,
      conversation: conversationJid,
      from,
      direction: 'out',
      body,
      timestamp: Date.now(),
      status: 'pending',
    };
    if (nick !== undefined) message.nick = nick;
    if (attachment) message.attachment = attachment;
    dispatch({ type: 'message', message });
    if (!attachment) dispatch({ type: 'draft', conversation: conversationJid, text: '' });
    transmit(conversationJid, messageId, body, undefined, attachment);
    return messageId;
  }

  function sendToRoom(room: Jid, nick: string, body: string, messageId: string, attachment?: Attachment): string {
    return sendOwn(room, `${room}/${nick}`, body, messageId, attachment, nick);
  }

  function sendToContact(jid: Jid, body: string, messageId: string, attachment?: Attachment): string {
    // A file is not what was typed: the typing state stays too.
    if (!attachment) clearTyping(jid);
    return sendOwn(jid, ownJid() ?? '', body, messageId, attachment);
  }

  /** The own message that shares an uploaded file: shown at once, then sent like any message. */
  function sendAttachment(jid: Jid, attachment: Attachment): void {
    const messageId = randomId();
    const room = conversation(jid).get('room');
    if (room) sendToRoom(jid, room.nick, attachment.url, messageId, attachment);
    else sendToContact(jid, attachment.url, messageId, attachment);
  }

  /** Runs (or runs again) the upload `uploadId`; on success its message is sent and it leaves the list. */
  function startUpload(uploadId: string, pending: PendingUpload): void {
    const { jid, file, name } = pending;
    const mediaType = file.type || undefined;
    // A retry starts from zero: progress of the earlier attempt still queued must not count.
    const stale = queuedProgress.get(uploadId);
    if (stale) stale.sent = 0;
    queuedProgress.delete(uploadId);
    dispatch({
      type: 'uploadStarted',
      conversation: jid,
      upload: { id: uploadId, name, size: file.size, sent: 0, status: 'uploading', ...(mediaType ? { mediaType } : {}) },
    });
    const onProgress = (sent: number) => {
      // Progress waits for the next frame's batch; a newer value replaces a queued one.
      const queued = queuedProgress.get(uploadId);
      if (queued) {
        queued.sent = sent;
        return;
      }
      const event: Extract<UploadEvent, { type: 'uploadProgress' }> = { type: 'uploadProgress', conversation: jid, id: uploadId, sent };
      queuedProgress.set(uploadId, event);
      enqueue(event);
    };
    let work: Promise<string>;
    try {
      work = adapter.uploadFile(file, name, { onProgress, signal: pending.controller.signal });
    } catch (error) {
      work = Promise.reject(error);
    }
    work.then(
      url => {
        if (pendingUploads.get(uploadId) !== pending) return;
        pendingUploads.delete(uploadId);
        dispatch({ type: 'uploadRemoved', conversation: jid, id: uploadId });
        const attachment: Attachment = { url, name, size: file.size };
        if (mediaType) attachment.mediaType = mediaType;
        if (pending.duration !== undefined) attachment.duration = pending.duration;
        sendAttachment(jid, attachment);
      },
      error => {
        if (pendingUploads.get(uploadId) !== pending) return;
        const code = error instanceof UploadError ? error.code : 'network';
        if (code === 'cancelled') {
          pendingUploads.delete(uploadId);
          dispatch({ type: 'uploadRemoved', conversation: jid, id: uploadId });
          return;
        }
        const failed: UploadEvent = { type: 'uploadFailed', conversation: jid, id: uploadId, error: code };
        if (error instanceof UploadError && error.limit !== undefined) failed.limit = error.limit;
        const detail = errorMessage(error);
        if (detail && detail !== code) failed.detail = detail;
        dispatch(failed);
      },
    );
  }

  function clearTyping(jid: Jid): void {
    const timer = pausedTimers.get(jid);
    if (timer) clearTimeout(timer);
    pausedTimers.delete(jid);
    composingSent.delete(jid);
  }

  function sendChatState(jid: Jid, state: Parameters<ChatAdapter['sendChatState']>[1]): void {
    if (connection.get('status') !== 'online') return;
    adapter.sendChatState(jid, state).catch(error => console.warn('[natter] chat state not sent', error));
  }

  async function loadHistory(jid: Jid, before?: string): Promise<void> {
    const store = conversation(jid);
    if (store.get('history').status === 'loading') return;
    dispatch({ type: 'historyLoading', conversation: jid });
    try {
      await settled(adapter.loadHistory(jid, { before, max: HISTORY_PAGE_SIZE }));
    } catch (error) {
      dispatch({ type: 'historyError', conversation: jid, error: errorMessage(error) });
    }
  }

  const actions: SessionActions = flushingFirst({
    async login(options) {
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
      for (const jid of [...pausedTimers.keys()]) clearTyping(jid);
      await settled(adapter.disconnect());
      dispatch({ type: 'connection', status: 'offline' });
    },
    openConversation(jid) {
      dispatch({ type: 'conversationOpened', conversation: jid });
      if (connection.get('status') === 'online') loadActiveHistory();
    },
    closeConversation(jid) {
      dispatch({ type: 'conversationClosed', conversation: jid });
    },
    sendMessage(jid, body) {
      const messageId = randomId();
      const room = conversation(jid).get('room');
      return room ? sendToRoom(jid, room.nick, body, messageId) : sendToContact(jid, body, messageId);
    },
    correctMessage(jid, messageId, body) {
      const store = conversation(jid);
      const target = store.get('messages').find(candidate => candidate.id === messageId);
      if (!target || body.trim() === '' || body === target.body) return null;
      if (!isCorrectable({ jid, room: store.get('room') }, target)) return null;
      const correctionId = randomId();
      const replaces = sentId(target);
      const correction: Message = {
        id: correctionId,
        originId: correctionId,
        conversation: jid,
        from: target.from,
        direction: 'out',
        body,
        timestamp: Date.now(),
        status: 'pending',
        replaces,
      };
      if (target.nick !== undefined) correction.nick = target.nick;
      dispatch({ type: 'message', message: correction });
      transmit(jid, correctionId, body, replaces);
      return correctionId;
    },
    retryMessage(jid, messageId) {
      const message = conversation(jid)
        .get('messages')
        .find(candidate => candidate.id === messageId);
      if (!message || message.status !== 'failed') return;
      // A corrected message that failed resends its latest correction (same id: a peer that got it once ignores the copy).
      const sendId = message.correctionId ?? messageId;
      dispatch({ type: 'messageStatus', conversation: jid, id: sendId, status: 'pending' });
      transmit(jid, sendId, message.body, message.correctionId !== undefined ? sentId(message) : undefined, message.correctionId === undefined ? message.attachment : undefined);
    },
    sendFile(jid, file, options = {}) {
      const uploadId = randomId();
      const pending: PendingUpload = { jid, file, name: fileName(file, options.name), controller: new AbortController() };
      if (options.duration !== undefined && Number.isFinite(options.duration)) pending.duration = Math.max(0, Math.round(options.duration));
      pendingUploads.set(uploadId, pending);
      startUpload(uploadId, pending);
      return uploadId;
    },
    cancelUpload(jid, uploadId) {
      // The one place that tells cancel from dismiss: a failed upload has nothing left to stop.
      const failed = conversation(jid).get('uploads').some(upload => upload.id === uploadId && upload.status === 'failed');
      if (failed) {
        actions.dismissUpload(jid, uploadId);
        return;
      }
      const pending = pendingUploads.get(uploadId);
      if (pending && pending.jid === jid) pending.controller.abort();
    },
    dismissUpload(jid, uploadId) {
      const pending = pendingUploads.get(uploadId);
      if (pending && pending.jid !== jid) return;
      if (pending) pending.controller.abort();
      pendingUploads.delete(uploadId);
      dispatch({ type: 'uploadRemoved', conversation: jid, id: uploadId });
    },
    retryUpload(jid, uploadId) {
      const previous = pendingUploads.get(uploadId);
      const failed = conversation(jid).get('uploads').some(upload => upload.id === uploadId && upload.status === 'failed');
      if (!previous || previous.jid !== jid || !failed) return;
      const pending: PendingUpload = { ...previous, controller: new AbortController() };
      pendingUploads.set(uploadId, pending);
      startUpload(uploadId, pending);
    },
    setDraft(jid, text, options = {}) {
      dispatch({ type: 'draft', conversation: jid, text });
      if (options.typing === false) return;
      const timer = pausedTimers.get(jid);
      if (timer) clearTimeout(timer);
      if (text === '') {
        if (composingSent.has(jid)) sendChatState(jid, 'active');
        clearTyping(jid);
        return;
      }
      if (!composingSent.has(jid)) {
        composingSent.add(jid);
        sendChatState(jid, 'composing');
      }
      pausedTimers.set(
        jid,
        setTimeout(() => {
          pausedTimers.delete(jid);
          composingSent.delete(jid);
          sendChatState(jid, 'paused');
        }, PAUSED_AFTER_MS),
      );
    },
    async loadOlderMessages(jid) {
      const history = conversation(jid).get('history');
      if (history.complete) return;
      await loadHistory(jid, history.cursor);
    },
    setFollowingLatest(jid, following) {
      dispatch({ type: 'followingLatest', conversation: jid, following });
    },
    addContact: (jid, name, groups) => settled(adapter.addContact(jid, name, groups)),
    removeContact: jid => settled(adapter.removeContact(jid)),
    async approveSubscription(jid) {
      await settled(adapter.approveSubscription(jid));
      dispatch({ type: 'subscriptionHandled', jid });
    },
    async denySubscription(jid) {
      await settled(adapter.denySubscription(jid));
      dispatch({ type: 'subscriptionHandled', jid });
    },
    joinRoom,
    async leaveRoom(room) {
      await settled(adapter.leaveRoom(room));
      dispatch({ type: 'roomClosed', room });
      // Leaving means "not again at the next sign-in": keep the bookmark, drop its autojoin.
      const bookmark = rooms.get('bookmarks').find(candidate => candidate.jid === room);
      if (bookmark?.autojoin) await settled(adapter.saveBookmark({ ...bookmark, autojoin: false }));
    },
    changeNick: (room, nick) => settled(adapter.changeNick(room, nick)),
    setSubject: (room, subject) => settled(adapter.setSubject(room, subject)),
    kick: (room, nick, reason) => settled(adapter.kick(room, nick, reason)),
    setAffiliation: (room, jid, affiliation, reason) => settled(adapter.setAffiliation(room, jid, affiliation, reason)),
    setRole: (room, nick, role, reason) => settled(adapter.setRole(room, nick, role, reason)),
    invite: (room, jid, reason) => settled(adapter.invite(room, jid, reason)),
    async acceptInvitation(room) {
      const invitation = rooms.get('invitations').find(candidate => candidate.room === room);
      dispatch({ type: 'invitationHandled', room });
      await joinRoom(room, { password: invitation?.password });
    },
    declineInvitation(room) {
      dispatch({ type: 'invitationHandled', room });
    },
    openPrivateChat(room, nick) {
      actions.openConversation(`${room}/${nick}`);
    },
    queryRoom: room => settled(adapter.queryRoom(room)),
    async listRooms(service) {
      dispatch({ type: 'directoryLoading' });
      try {
        await settled(adapter.listRooms(service));
      } catch (error) {
        dispatch({ type: 'directoryError', error: errorMessage(error) });
      }
    },
    async createRoom(room, config, nick) {
      dispatch({ type: 'historyLoading', conversation: room });
      await settled(adapter.createRoom(room, nick ?? defaultNick(), config));
    },
    saveBookmark: bookmark => settled(adapter.saveBookmark(bookmark)),
    removeBookmark: room => settled(adapter.removeBookmark(room)),
  });

  return {
    id,
    adapter,
    connection,
    roster,
    conversations,
    rooms,
    conversation,
    actions,
    dispatch,
    flush,
    ownJid,
    dispose() {
      for (const jid of [...pausedTimers.keys()]) clearTyping(jid);
      for (const pending of pendingUploads.values()) pending.controller.abort();
      pendingUploads.clear();
      unsubscribe();
      // Nothing of a disposed session is shown any more: what is still queued is dropped.
      queue = [];
      cancelFrame?.();
      cancelFrame = null;
      void adapter.disconnect().catch(() => undefined);
    },
  };
}
