import type { Message } from '../adapters/types';
import { conversationsReducer, initialConversationsState, unreadTotal } from './conversations';
import { connectionReducer, initialConnectionState } from './connection';

const incoming: Message = {
  id: 'm1', conversation: 'alice@example.org', from: 'alice@example.org', direction: 'in',
  body: 'hi', timestamp: 10, status: 'received',
};

describe('conversationsReducer', () => {
  it('counts unread live messages of inactive conversations, not history and not own messages', () => {
    let state = conversationsReducer(initialConversationsState, { type: 'messageAdded', message: incoming, fromHistory: false });
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'm2', timestamp: 5 }, fromHistory: true });
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'm3', direction: 'out' }, fromHistory: false });
    expect(state.items['alice@example.org'].unread).toBe(1);
  });

  it('opening a conversation makes it active and clears its unread count; messages there do not count', () => {
    let state = conversationsReducer(initialConversationsState, { type: 'messageAdded', message: incoming, fromHistory: false });
    state = conversationsReducer(state, { type: 'conversationOpened', conversation: 'alice@example.org' });
    expect(state.active).toBe('alice@example.org');
    expect(state.items['alice@example.org'].unread).toBe(0);
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'm4', timestamp: 20 }, fromHistory: false });
    expect(state.items['alice@example.org']).toMatchObject({ unread: 0, lastMessage: { timestamp: 20 } });
  });

  it('keeps the newest message as last message when older history arrives', () => {
    let state = conversationsReducer(initialConversationsState, { type: 'messageAdded', message: incoming, fromHistory: false });
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'old', body: 'old', timestamp: 1 }, fromHistory: true });
    expect(state.items['alice@example.org'].lastMessage?.body).toBe('hi');
  });
});

describe('connectionReducer', () => {
  it('goes connecting → online with the bound JID and clears an earlier error', () => {
    let state = connectionReducer(initialConnectionState, { type: 'connection', status: 'error', error: { code: 'not-authorized' } });
    state = connectionReducer(state, { type: 'connection', status: 'connecting' });
    expect(state.error).toEqual({ code: 'not-authorized' });
    state = connectionReducer(state, { type: 'connection', status: 'online', jid: 'me@example.org/web' });
    expect(state).toMatchObject({ status: 'online', jid: 'me@example.org/web', error: null });
  });

  it('keeps the JID while reconnecting and drops it and the features when offline', () => {
    let state = connectionReducer(initialConnectionState, { type: 'connection', status: 'online', jid: 'me@example.org/web' });
    state = connectionReducer(state, { type: 'features', features: { carbons: true, mam: true, streamManagement: true } });
    state = connectionReducer(state, { type: 'connection', status: 'reconnecting' });
    expect(state.jid).toBe('me@example.org/web');
    state = connectionReducer(state, { type: 'connection', status: 'offline' });
    expect(state).toMatchObject({ jid: null, features: null });
  });
});

describe('unreadTotal', () => {
  it('is zero for no conversations', () => {
    expect(unreadTotal(initialConversationsState)).toEqual({ total: 0, mentions: 0 });
  });

  it('adds the unread messages of every conversation, and the mentions among them apart', () => {
    const room = 'lobby@rooms.example.org';
    let state = conversationsReducer(initialConversationsState, { type: 'messageAdded', message: incoming, fromHistory: false });
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'm2' }, fromHistory: false });
    state = conversationsReducer(state, { type: 'roomJoining', room, nick: 'me' });
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'r1', conversation: room }, fromHistory: false });
    state = conversationsReducer(state, { type: 'messageAdded', message: { ...incoming, id: 'r2', conversation: room }, fromHistory: false, mentionsSelf: true });
    expect(unreadTotal(state)).toEqual({ total: 4, mentions: 1 });
    state = conversationsReducer(state, { type: 'conversationOpened', conversation: room });
    expect(unreadTotal(state)).toEqual({ total: 2, mentions: 0 });
  });
});
