import type { Occupant } from '../adapters/types';
import { conversationReducer, initialConversationState } from './conversation';
import { conversationsReducer, initialConversationsState } from './conversations';
import { initialRoomsState, roomsReducer } from './rooms';

const ROOM = 'room@conference.example.org';
const alice: Occupant = { nick: 'alice', role: 'moderator', affiliation: 'owner', show: 'online' };
const me: Occupant = { nick: 'me', role: 'participant', affiliation: 'member', show: 'online' };

function joined() {
  let state = conversationReducer(initialConversationState(ROOM), { type: 'roomJoining', room: ROOM, nick: 'me' });
  state = conversationReducer(state, { type: 'occupant', room: ROOM, occupant: alice });
  return conversationReducer(state, { type: 'roomJoined', room: ROOM, self: me });
}

describe('room state in the conversation reducer', () => {
  it('joins: occupants, our own entry and status', () => {
    const state = joined();
    expect(state.room).toMatchObject({ status: 'joined', nick: 'me', self: me });
    expect(Object.keys(state.occupants).sort()).toEqual(['alice', 'me']);
  });

  it('ignores events of another room', () => {
    const state = joined();
    expect(conversationReducer(state, { type: 'occupant', room: 'other@conference.example.org', occupant: alice })).toBe(state);
  });

  it('renames an occupant on a nick change and removes one who left', () => {
    let state = conversationReducer(joined(), { type: 'occupantLeft', room: ROOM, nick: 'alice', reason: 'nick', newNick: 'alicia' });
    expect(state.occupants.alicia).toMatchObject({ nick: 'alicia', role: 'moderator' });
    expect(state.occupants.alice).toBeUndefined();
    state = conversationReducer(state, { type: 'occupantLeft', room: ROOM, nick: 'alicia', reason: 'kicked' });
    expect(state.occupants.alicia).toBeUndefined();
  });

  it('follows our own nick change and role change', () => {
    let state = conversationReducer(joined(), { type: 'roomNick', room: ROOM, nick: 'me2' });
    expect(state.room).toMatchObject({ nick: 'me2', self: { nick: 'me2' } });
    expect(state.occupants.me2).toBeDefined();
    state = conversationReducer(state, { type: 'occupant', room: ROOM, occupant: { ...me, nick: 'me2', role: 'visitor' } });
    expect(state.room?.self?.role).toBe('visitor');
  });

  it('records join errors with the suggested nick, and why we left', () => {
    const failed = conversationReducer(initialConversationState(ROOM), { type: 'roomJoinError', room: ROOM, error: 'nick-conflict', suggestedNick: 'me_' });
    expect(failed.room).toMatchObject({ status: 'error', error: 'nick-conflict', suggestedNick: 'me_' });
    const kicked = conversationReducer(joined(), { type: 'roomLeft', room: ROOM, reason: 'kicked', actor: 'alice', text: 'spam' });
    expect(kicked.room).toMatchObject({ status: 'left', leftReason: 'kicked', leftActor: 'alice', leftText: 'spam' });
    expect(kicked.occupants).toEqual({});
    // Joining again clears the old error.
    expect(conversationReducer(kicked, { type: 'roomJoining', room: ROOM, nick: 'me' }).room).toMatchObject({ status: 'joining', leftReason: undefined });
  });

  it('lists who is typing by nick: a message, leaving, a nick change or another state ends it; a chat keeps peerState', () => {
    const state = (from: string, chatState: 'composing' | 'paused' | 'active') => ({ type: 'chatState' as const, conversation: ROOM, from: `${ROOM}/${from}`, state: chatState });
    let room = conversationReducer(joined(), { type: 'occupant', room: ROOM, occupant: { ...alice, nick: 'bob' } });
    room = conversationReducer(room, state('alice', 'composing'));
    room = conversationReducer(room, state('bob', 'composing'));
    room = conversationReducer(room, state('a/b', 'paused'));
    expect(room.typing).toEqual({ alice: 'composing', bob: 'composing', 'a/b': 'paused' });
    expect(room.peerState).toBeNull();
    // The same state again changes nothing (no re-render).
    expect(conversationReducer(room, state('alice', 'composing'))).toBe(room);
    room = conversationReducer(room, {
      type: 'message',
      message: { id: 'm1', conversation: ROOM, from: `${ROOM}/alice`, nick: 'alice', direction: 'in', body: 'done', timestamp: 1, status: 'received' },
    });
    room = conversationReducer(room, state('a/b', 'active'));
    expect(room.typing).toEqual({ bob: 'composing' });
    room = conversationReducer(room, { type: 'occupantLeft', room: ROOM, nick: 'bob', reason: 'nick', newNick: 'robert' });
    expect(room.typing).toEqual({});
    room = conversationReducer(room, state('alice', 'composing'));
    expect(conversationReducer(room, { type: 'roomLeft', room: ROOM, reason: 'left' }).typing).toEqual({});
    expect(conversationReducer(room, { type: 'roomJoining', room: ROOM, nick: 'me' }).typing).toEqual({});
  });

  it('keeps the subject', () => {
    expect(conversationReducer(joined(), { type: 'roomSubject', room: ROOM, subject: 'Hello', by: 'alice' }).room).toMatchObject({ subject: 'Hello', subjectBy: 'alice' });
  });
});

describe('rooms in the conversation list', () => {
  it('marks a room as a room, does not count notices as unread, and drops it when closed', () => {
    let state = conversationsReducer(initialConversationsState, { type: 'roomJoining', room: ROOM, nick: 'me' });
    expect(state.items[ROOM].kind).toBe('room');
    const notice = { id: 'n', conversation: ROOM, from: `${ROOM}/x`, direction: 'in' as const, body: '', timestamp: 1, status: 'received' as const, notice: { kind: 'join' as const, nick: 'x' } };
    state = conversationsReducer(state, { type: 'messageAdded', message: notice, fromHistory: false });
    expect(state.items[ROOM].unread).toBe(0);
    state = conversationsReducer(state, { type: 'roomClosed', room: ROOM });
    expect(state.items[ROOM]).toBeUndefined();
  });
});

describe('roomsReducer', () => {
  it('keeps bookmarks, merges room info from the directory and queries, and one invitation per room', () => {
    let state = roomsReducer(initialRoomsState, { type: 'bookmarks', bookmarks: [{ jid: ROOM, autojoin: true }] });
    expect(state.bookmarks).toHaveLength(1);
    state = roomsReducer(state, { type: 'directoryLoading' });
    expect(state.directory.status).toBe('loading');
    state = roomsReducer(state, { type: 'roomDirectory', service: 'conference.example.org', rooms: [{ jid: ROOM, name: 'Room', occupants: 3 }] });
    state = roomsReducer(state, { type: 'roomInfo', info: { jid: ROOM, occupants: 4 } });
    expect(state.info[ROOM]).toEqual({ jid: ROOM, name: 'Room', occupants: 4 });
    expect(state.directory).toMatchObject({ status: 'idle', rooms: [{ jid: ROOM }] });
    const invitation = { type: 'invitation' as const, room: ROOM, from: 'alice@example.org', kind: 'direct' as const };
    state = roomsReducer(roomsReducer(state, invitation), invitation);
    expect(state.invitations).toHaveLength(1);
    expect(roomsReducer(state, { type: 'invitationHandled', room: ROOM }).invitations).toEqual([]);
  });
});
