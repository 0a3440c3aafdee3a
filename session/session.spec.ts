import { createDemoAdapter } from '../adapters/demo/demo-adapter';
import type { ChatState, Message } from '../adapters/types';
import { createSession, PAUSED_AFTER_MS } from './session';

const ALICE = 'alice@demo.natter.chat';

async function signedIn(jid = 'me@demo.natter.chat') {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  const session = createSession({ adapter });
  await session.actions.login({ jid, password: 'pw' });
  return { adapter, session };
}

function incoming(id: string, extra: Partial<Message> = {}): Message {
  return { id, conversation: ALICE, from: ALICE, direction: 'in', body: id, timestamp: Date.now(), status: 'received', ...extra };
}

describe('createSession', () => {
  it('signs in and fills connection and roster stores from adapter events', async () => {
    const { session } = await signedIn();
    expect(session.connection.get('status')).toBe('online');
    expect(session.ownJid()).toBe('me@demo.natter.chat');
    expect(session.roster.get('contacts')[ALICE].name).toBe('Alice Martin');
    expect(session.roster.get('presence')[ALICE].show).toBe('online');
    expect(session.roster.get('requests').map(r => r.jid)).toEqual(['farah@demo.natter.chat']);
  });

  it('records a failed login in the connection store and rejects with its code', async () => {
    const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0 }) });
    await expect(session.actions.login({ jid: 'me@demo.natter.chat', password: 'wrong' })).rejects.toMatchObject({ code: 'not-authorized' });
    expect(session.connection.get('status')).toBe('error');
    expect(session.connection.get('error')?.code).toBe('not-authorized');
  });

  it('counts a message that arrives live, as carbon and from the archive once', async () => {
    const { adapter, session } = await signedIn();
    adapter.emit({ type: 'message', message: incoming('o1', { originId: 'o1', stanzaId: 's1' }) });
    adapter.emit({ type: 'message', message: incoming('o1', { originId: 'o1' }) });
    adapter.emit({ type: 'history', conversation: ALICE, messages: [incoming('s1', { stanzaId: 's1' })], complete: true });
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
    expect(session.conversations.get('items')[ALICE].unread).toBe(1);
  });

  it('re-renders only the store of the conversation a message belongs to', async () => {
    const { adapter, session } = await signedIn();
    const bob = session.conversation('bob@demo.natter.chat');
    const bobMessages = bob.get('messages');
    adapter.emit({ type: 'message', message: incoming('x') });
    expect(bob.get('messages')).toBe(bobMessages);
  });

  it('loads the latest archive page the first time a conversation opens', async () => {
    const { adapter, session } = await signedIn();
    const load = jest.spyOn(adapter, 'loadHistory');
    session.actions.openConversation(ALICE);
    session.actions.openConversation(ALICE);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(load).toHaveBeenCalledTimes(1);
    expect(session.conversation(ALICE).get('messages').length).toBeGreaterThan(0);
    expect(session.conversation(ALICE).get('history')).toMatchObject({ status: 'idle', complete: true });
  });

  it('sends: shows the message at once as pending, then sent', async () => {
    const { session } = await signedIn();
    const id = session.actions.sendMessage(ALICE, 'hi');
    expect(session.conversation(ALICE).get('messages')[0]).toMatchObject({ id, originId: id, status: 'pending', from: 'me@demo.natter.chat' });
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(['sent', 'delivered']).toContain(session.conversation(ALICE).get('messages')[0].status);
  });

  it('tells the peer composing once, paused after a pause, active when the draft is cleared', async () => {
    jest.useFakeTimers();
    try {
      const { adapter, session } = await signedIn();
      const states: ChatState[] = [];
      jest.spyOn(adapter, 'sendChatState').mockImplementation(async (_to, state) => void states.push(state));
      session.actions.setDraft(ALICE, 'h');
      session.actions.setDraft(ALICE, 'he');
      jest.advanceTimersByTime(PAUSED_AFTER_MS + 1);
      session.actions.setDraft(ALICE, 'hel');
      session.actions.setDraft(ALICE, '');
      expect(states).toEqual(['composing', 'paused', 'composing', 'active']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps two sessions (two accounts) fully independent', async () => {
    const first = await signedIn('one@demo.natter.chat');
    const second = await signedIn('two@demo.natter.chat');
    first.adapter.emit({ type: 'message', message: incoming('only-first') });
    first.session.actions.setDraft(ALICE, 'mine');
    expect(second.session.conversation(ALICE).get('messages')).toEqual([]);
    expect(second.session.conversation(ALICE).get('draft')).toBe('');
    expect(second.session.ownJid()).toBe('two@demo.natter.chat');
  });

  it('drops an event a reducer cannot apply with a warning instead of crashing', async () => {
    const { adapter, session } = await signedIn();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    adapter.emit({ type: 'history', conversation: ALICE, messages: null as unknown as Message[], complete: true });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    adapter.emit({ type: 'message', message: incoming('after') });
    expect(session.conversation(ALICE).get('messages').map(m => m.id)).toEqual(['after']);
  });
});

describe('rooms in a session', () => {
  const LOUNGE = 'lounge@rooms.demo.natter.chat';

  it('autojoins a bookmarked room, sends into it and recognises the reflection', async () => {
    const { session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(session.conversation(LOUNGE).get('room')?.status).toBe('joined');
    expect(session.conversations.get('items')[LOUNGE].kind).toBe('room');
    const id = session.actions.sendMessage(LOUNGE, 'hello room');
    await new Promise(resolve => setTimeout(resolve, 0));
    const mine = session.conversation(LOUNGE).get('messages').filter(message => message.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ direction: 'out', nick: 'me', from: `${LOUNGE}/me`, status: 'sent' });
  });

  it('turns occupant changes of a joined room into timeline notices, not unread messages', async () => {
    const { adapter, session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: { nick: 'Zed', role: 'participant', affiliation: 'none', show: 'online' } });
    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: { nick: 'Zed', role: 'participant', affiliation: 'none', show: 'away' } });
    adapter.emit({ type: 'occupantLeft', room: LOUNGE, nick: 'Zed', reason: 'banned', actor: 'Alice' });
    const notices = session.conversation(LOUNGE).get('messages').filter(message => message.notice).map(message => message.notice);
    expect(notices).toEqual([
      { kind: 'join', nick: 'Zed' },
      { kind: 'ban', nick: 'Zed', actor: 'Alice', reason: undefined, value: undefined },
    ]);
    expect(session.conversations.get('items')[LOUNGE].unread).toBe(0);
  });

  it('rejects a members-only room with its code and keeps the error in the room state', async () => {
    const { session } = await signedIn();
    await expect(session.actions.joinRoom('design@rooms.demo.natter.chat')).rejects.toMatchObject({ code: 'members-only' });
    expect(session.conversation('design@rooms.demo.natter.chat').get('room')).toMatchObject({ status: 'error', error: 'members-only' });
  });

  it('leaving a room removes it from the conversation list and turns off its autojoin', async () => {
    const { session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(session.rooms.get('bookmarks').find(b => b.jid === LOUNGE)?.autojoin).toBe(true);
    await session.actions.leaveRoom(LOUNGE);
    expect(session.conversations.get('items')[LOUNGE]).toBeUndefined();
    expect(session.conversation(LOUNGE).get('room')?.status).toBe('left');
    expect(session.rooms.get('bookmarks').find(b => b.jid === LOUNGE)).toMatchObject({ autojoin: false });
  });
});
