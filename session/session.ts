import type { AdapterEvent, ChatAdapter, ConnectOptions, Jid, Message } from '../adapters/types';
import { AdapterError } from '../adapters/types';
import { read, reduceInto } from '../stores/store-utils';
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
  type ConversationStore,
} from '../stores/conversation';
import { randomId } from './ids';

/** After this long without a keystroke the peer is told we paused (XEP-0085 suggests a few seconds). */
export const PAUSED_AFTER_MS = 5_000;
export const HISTORY_PAGE_SIZE = 50;

export interface SessionActions {
  /** Resolves when online; rejects with an `AdapterError` (also shown in `connection.error`). */
  login(options: ConnectOptions): Promise<void>;
  logout(): Promise<void>;
  /** Makes `jid` the active conversation and loads its latest history the first time. */
  openConversation(jid: Jid): void;
  closeConversation(jid: Jid): void;
  /** Shows the message at once and sends it; a failure marks it failed, never drops it. Returns its id. */
  sendMessage(jid: Jid, body: string): string;
  retryMessage(jid: Jid, id: string): void;
  /** Keeps the draft of a conversation and tells the peer we are typing. */
  setDraft(jid: Jid, text: string): void;
  loadOlderMessages(jid: Jid): Promise<void>;
  addContact(jid: Jid, name?: string, groups?: string[]): Promise<void>;
  removeContact(jid: Jid): Promise<void>;
  approveSubscription(jid: Jid): Promise<void>;
  denySubscription(jid: Jid): Promise<void>;
}

export interface Session {
  readonly id: string;
  readonly adapter: ChatAdapter;
  readonly connection: ConnectionStore;
  readonly roster: RosterStore;
  readonly conversations: ConversationsStore;
  /** The store of one conversation, created on first use. */
  conversation(jid: Jid): ConversationStore;
  readonly actions: SessionActions;
  /** Runs an event through the reducers; adapters' events arrive here too. */
  dispatch(event: SessionEvent): void;
  /** Own bare JID while signed in. */
  ownJid(): Jid | null;
  dispose(): void;
}

export interface CreateSessionOptions {
  adapter: ChatAdapter;
}

const CONNECTION_KEYS = ['status', 'jid', 'error', 'features'] as const;
const ROSTER_KEYS = ['contacts', 'presence', 'requests', 'loaded'] as const;
const CONVERSATIONS_KEYS = ['items', 'active'] as const;
const CONVERSATION_KEYS = ['jid', 'messages', 'aliases', 'draft', 'peerState', 'history'] as const;

function bareOf(jid: string): string {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
}

let sessionCounter = 0;

export function createSession({ adapter }: CreateSessionOptions): Session {
  const id = `natter-session-${++sessionCounter}`;
  const connection = createConnectionStore();
  const roster = createRosterStore();
  const conversations = createConversationsStore();
  const conversationStores = new Map<Jid, ConversationStore>();
  const pausedTimers = new Map<Jid, ReturnType<typeof setTimeout>>();
  const composingSent = new Set<Jid>();

  function conversation(jid: Jid): ConversationStore {
    let store = conversationStores.get(jid);
    if (!store) {
      store = createConversationStore(jid);
      conversationStores.set(jid, store);
    }
    return store;
  }

  function reduceConversation(jid: Jid, event: SessionEvent): boolean {
    return reduceInto(conversation(jid), CONVERSATION_KEYS, conversationReducer, event);
  }

  /** Messages become `messageAdded` for the list only when their conversation store took them as new. */
  function dispatchMessages(conversationJid: Jid, messages: Message[], event: SessionEvent, fromHistory: boolean): void {
    const store = conversation(conversationJid);
    const before = store.get('messages');
    const fresh = messages.filter(message => findMessageId(read(store, CONVERSATION_KEYS), message) === undefined);
    reduceConversation(conversationJid, event);
    if (store.get('messages') === before) return;
    for (const message of fresh) dispatch({ type: 'messageAdded', message, fromHistory });
  }

  function dispatch(event: SessionEvent): void {
    switch (event.type) {
      case 'message':
        dispatchMessages(event.message.conversation, [event.message], event, false);
        return;
      case 'history':
        dispatchMessages(event.conversation, event.messages, event, true);
        return;
      case 'messageStatus':
      case 'chatState':
      case 'historyError':
      case 'historyLoading':
      case 'draft':
        reduceConversation(event.conversation, event);
        return;
      default:
        reduceInto(connection, CONNECTION_KEYS, connectionReducer, event);
        reduceInto(roster, ROSTER_KEYS, rosterReducer, event);
        reduceInto(conversations, CONVERSATIONS_KEYS, conversationsReducer, event);
        if (event.type === 'connection' && event.status === 'online') loadActiveHistory();
    }
  }

  /** A conversation opened while offline gets its history once we are online. */
  function loadActiveHistory(): void {
    const active = conversations.get('active');
    if (active && !conversation(active).get('history').requested) void loadHistory(active);
  }

  const unsubscribe = adapter.subscribe((event: AdapterEvent) => {
    try {
      dispatch(event);
    } catch (error) {
      console.warn('[natter] dropped an event the stores could not apply', event.type, error);
    }
  });

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
      error: error instanceof Error ? error.message : String(error),
    });
  }

  function transmit(jid: Jid, messageId: string, body: string): void {
    adapter.sendMessage(jid, body, messageId).then(
      () => dispatch({ type: 'messageStatus', conversation: jid, id: messageId, status: 'sent' }),
      error => reportFailure(jid, messageId, error),
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
      await adapter.loadHistory(jid, { before, max: HISTORY_PAGE_SIZE });
    } catch (error) {
      dispatch({ type: 'historyError', conversation: jid, error: error instanceof Error ? error.message : String(error) });
    }
  }

  const actions: SessionActions = {
    async login(options) {
      try {
        await adapter.connect(options);
      } catch (error) {
        const code = error instanceof AdapterError ? error.code : 'unknown';
        const detail = error instanceof Error ? error.message : String(error);
        dispatch({ type: 'connection', status: 'error', error: { code, detail } });
        throw error instanceof AdapterError ? error : new AdapterError(code, detail);
      }
    },
    async logout() {
      for (const jid of [...pausedTimers.keys()]) clearTyping(jid);
      await adapter.disconnect();
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
      const from = ownJid() ?? '';
      clearTyping(jid);
      dispatch({
        type: 'message',
        message: {
          id: messageId,
          originId: messageId,
          conversation: jid,
          from,
          direction: 'out',
          body,
          timestamp: Date.now(),
          status: 'pending',
        },
      });
      dispatch({ type: 'draft', conversation: jid, text: '' });
      transmit(jid, messageId, body);
      return messageId;
    },
    retryMessage(jid, messageId) {
      const message = conversation(jid)
        .get('messages')
        .find(candidate => candidate.id === messageId);
      if (!message || message.status !== 'failed') return;
      dispatch({ type: 'messageStatus', conversation: jid, id: messageId, status: 'pending' });
      transmit(jid, messageId, message.body);
    },
    setDraft(jid, text) {
      dispatch({ type: 'draft', conversation: jid, text });
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
    addContact: (jid, name, groups) => adapter.addContact(jid, name, groups),
    removeContact: jid => adapter.removeContact(jid),
    async approveSubscription(jid) {
      await adapter.approveSubscription(jid);
      dispatch({ type: 'subscriptionHandled', jid });
    },
    async denySubscription(jid) {
      await adapter.denySubscription(jid);
      dispatch({ type: 'subscriptionHandled', jid });
    },
  };

  return {
    id,
    adapter,
    connection,
    roster,
    conversations,
    conversation,
    actions,
    dispatch,
    ownJid,
    dispose() {
      for (const jid of [...pausedTimers.keys()]) clearTyping(jid);
      unsubscribe();
      void adapter.disconnect().catch(() => undefined);
    },
  };
}
