import { createStore } from '@stencil/store';
import type { Jid, Message } from '../adapters/types';
import type { SessionEvent } from './events';
import { CopyOnWrite, type Store } from './store-utils';

export interface ConversationSummary {
  jid: Jid;
  kind: 'chat' | 'room';
  unread: number;
  /** Of the unread messages, those that mention the user (in rooms). */
  mentions?: number;
  lastMessage?: Pick<Message, 'body' | 'timestamp' | 'from' | 'direction'>;
}

export interface ConversationsState {
  items: Record<Jid, ConversationSummary>;
  /** The conversation shown in the chatbox, if any. */
  active: Jid | null;
}

export type ConversationsStore = Store<ConversationsState>;

export const initialConversationsState: ConversationsState = { items: {}, active: null };

function summary(state: ConversationsState, jid: Jid): ConversationSummary {
  return state.items[jid] ?? { jid, kind: 'chat', unread: 0 };
}

function withItem(state: ConversationsState, item: ConversationSummary, cow: CopyOnWrite): ConversationsState['items'] {
  const items = cow.writable(state.items);
  items[item.jid] = item;
  return items;
}

function removeItem(state: ConversationsState, jid: Jid, cow: CopyOnWrite): ConversationsState {
  if (!state.items[jid]) return state;
  const items = cow.writable(state.items);
  delete items[jid];
  return { items, active: state.active === jid ? null : state.active };
}

export function conversationsReducer(state: ConversationsState, event: SessionEvent, cow = new CopyOnWrite()): ConversationsState {
  switch (event.type) {
    case 'conversationOpened': {
      const current = summary(state, event.conversation);
      if (state.active === event.conversation && current.unread === 0 && state.items[event.conversation]) return state;
      return { active: event.conversation, items: withItem(state, { ...current, unread: 0, mentions: 0 }, cow) };
    }
    case 'displayed': {
      // Another client of the user's displayed this chat (XEP-0333 on a carbon): it is read.
      const current = state.items[event.conversation];
      if (event.by !== 'self' || !current || current.unread === 0) return state;
      return { ...state, items: withItem(state, { ...current, unread: 0, mentions: 0 }, cow) };
    }
    case 'conversationClosed':
      return state.active === event.conversation ? { ...state, active: null } : state;
    case 'roomJoining': {
      const current = summary(state, event.room);
      return current.kind === 'room' && state.items[event.room] ? state : { ...state, items: withItem(state, { ...current, kind: 'room' }, cow) };
    }
    case 'roomClosed':
      return removeItem(state, event.room, cow);
    case 'messageAdded': {
      const { message, fromHistory } = event;
      // Join and leave notices are not news.
      if (message.notice) return state;
      const current = summary(state, message.conversation);
      const isNewest = !current.lastMessage || current.lastMessage.timestamp <= message.timestamp;
      const countsAsUnread = !fromHistory && message.direction === 'in' && state.active !== message.conversation;
      if (!isNewest && !countsAsUnread) return state;
      const next: ConversationSummary = {
        ...current,
        unread: countsAsUnread ? current.unread + 1 : current.unread,
        mentions: countsAsUnread && event.mentionsSelf ? (current.mentions ?? 0) + 1 : current.mentions,
        lastMessage: isNewest
          ? { body: message.body, timestamp: message.timestamp, from: message.from, direction: message.direction }
          : current.lastMessage,
      };
      return { ...state, items: withItem(state, next, cow) };
    }
    default:
      return state;
  }
}

/** What is unread over all conversations: messages, and of those the ones that mention the user. */
export interface UnreadTotal {
  total: number;
  mentions: number;
}

/** The unread totals of a conversation list (what a title or a badge for the whole account shows). */
export function unreadTotal(state: Pick<ConversationsState, 'items'>): UnreadTotal {
  let total = 0;
  let mentions = 0;
  for (const jid in state.items) {
    const item = state.items[jid];
    total += item.unread;
    mentions += item.mentions ?? 0;
  }
  return { total, mentions };
}

export function createConversationsStore(): ConversationsStore {
  return createStore<ConversationsState>({ ...initialConversationsState });
}
