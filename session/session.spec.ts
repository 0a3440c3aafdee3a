import { createDemoAdapter } from '../adapters/demo/demo-adapter';
import type { AdapterEvent, ChatState, Message, Occupant } from '../adapters/types';
import { CopyOnWrite } from '../stores/store-utils';
import { createSession, PAUSED_AFTER_MS, type Session } from './session';

const ALICE = 'alice@demo.natter.chat';

async function signedIn(jid = 'me@demo.natter.chat', messageWindow?: number) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  const session = createSession({ adapter, messageWindow });
  await session.actions.login({ jid, password: 'pw' });
  // What a sign-in starts (reading the device's outbox and cache, the catch-up) settles first: in
  // memory that takes only promise turns (no timer: some tests fake the clock).
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
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
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
    expect(session.conversations.get('items')[ALICE].unread).toBe(1);
  });

  it('re-renders only the store of the conversation a message belongs to', async () => {
    const { adapter, session } = await signedIn();
    const bob = session.conversation('bob@demo.natter.chat');
    const bobMessages = bob.get('messages');
    adapter.emit({ type: 'message', message: incoming('x') });
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
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
    session.flush();
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

  it('in a room, tells composing again after a message was sent (the message said active)', async () => {
    jest.useFakeTimers();
    try {
      const { adapter, session } = await signedIn();
      const room = 'room@conference.demo.natter.chat';
      session.dispatch({ type: 'roomJoined', room, self: { nick: 'me', role: 'participant', affiliation: 'member', show: 'online' } });
      const states: ChatState[] = [];
      jest.spyOn(adapter, 'sendChatState').mockImplementation(async (_to, state) => void states.push(state));
      jest.spyOn(adapter, 'sendRoomMessage').mockResolvedValue();
      session.actions.setDraft(room, 'h');
      session.actions.sendMessage(room, 'hi');
      session.actions.setDraft(room, 'a');
      expect(states).toEqual(['composing', 'composing']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('retracts an own message once the retraction is sent; never a contact’s; an incoming retraction is no new message', async () => {
    const { adapter, session } = await signedIn();
    const retract = jest.spyOn(adapter, 'retractMessage');
    const id = session.actions.sendMessage(ALICE, 'wrong chat, sorry');
    await new Promise(resolve => setTimeout(resolve, 0));
    await session.actions.retractMessage(ALICE, id);
    expect(retract).toHaveBeenCalledWith(ALICE, id, expect.any(String));
    const mine = session.conversation(ALICE).get('messages').find(m => m.id === id)!;
    expect(mine).toMatchObject({ body: '', retractedAt: expect.any(Number) });

    adapter.emit({ type: 'message', message: incoming('theirs', { originId: 'theirs' }) });
    session.flush();
    await expect(session.actions.retractMessage(ALICE, 'theirs')).rejects.toThrow('not a message of yours');
    const unread = session.conversations.get('items')[ALICE].unread;
    adapter.emit({ type: 'message', message: incoming('r1', { originId: 'r1', body: 'fallback', retracts: 'theirs' }) });
    session.flush();
    expect(session.conversations.get('items')[ALICE].unread).toBe(unread);
    expect(session.conversation(ALICE).get('messages').find(m => m.id === 'theirs')).toMatchObject({ body: '', retractedAt: expect.any(Number) });
  });

  it('keeps a message whose retraction could not be sent', async () => {
    const { adapter, session } = await signedIn();
    const id = session.actions.sendMessage(ALICE, 'still here');
    await new Promise(resolve => setTimeout(resolve, 0));
    jest.spyOn(adapter, 'retractMessage').mockRejectedValue(new Error('not connected'));
    await expect(session.actions.retractMessage(ALICE, id)).rejects.toThrow('not connected');
    expect(session.conversation(ALICE).get('messages').find(m => m.id === id)).toMatchObject({ body: 'still here' });
  });

  it('toggles an own reaction: the whole new set goes out, an incoming reaction is no new message nor unread', async () => {
    const { adapter, session } = await signedIn();
    const send = jest.spyOn(adapter, 'sendReactions');
    adapter.emit({ type: 'message', message: incoming('theirs', { originId: 'o-theirs' }) });
    session.flush();
    const unread = session.conversations.get('items')[ALICE].unread;
    await session.actions.toggleReaction(ALICE, 'theirs', '👍');
    await session.actions.toggleReaction(ALICE, 'theirs', '🎉');
    expect(send).toHaveBeenLastCalledWith(ALICE, 'o-theirs', ['👍', '🎉'], expect.any(String));
    await session.actions.toggleReaction(ALICE, 'theirs', '👍');
    expect(send).toHaveBeenLastCalledWith(ALICE, 'o-theirs', ['🎉'], expect.any(String));
    adapter.emit({ type: 'message', message: incoming('r1', { originId: 'r1', body: '', reactsTo: { id: 'o-theirs', emojis: ['😂'] } }) });
    session.flush();
    const [message] = session.conversation(ALICE).get('messages');
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
    expect(message.reactions).toEqual({ self: expect.objectContaining({ emojis: ['🎉'] }), [ALICE]: expect.objectContaining({ emojis: ['😂'] }) });
    expect(session.conversations.get('items')[ALICE].unread).toBe(unread);
  });

  it('a reaction that cannot be sent changes nothing; a pending message cannot be reacted to yet', async () => {
    const { adapter, session } = await signedIn();
    adapter.emit({ type: 'message', message: incoming('theirs') });
    session.flush();
    jest.spyOn(adapter, 'sendReactions').mockRejectedValueOnce(new Error('not connected'));
    await expect(session.actions.toggleReaction(ALICE, 'theirs', '👍')).rejects.toThrow('not connected');
    expect(session.conversation(ALICE).get('messages')[0].reactions).toBeUndefined();
    const pending = session.actions.sendMessage(ALICE, 'on its way');
    await expect(session.actions.toggleReaction(ALICE, pending, '👍')).rejects.toThrow('not reached the server');
  });

  it('sends a reply naming the answered message and quoting it by address, and keeps what it answers', async () => {
    const { adapter, session } = await signedIn();
    const send = jest.spyOn(adapter, 'sendMessage');
    adapter.emit({ type: 'message', message: incoming('theirs', { originId: 'o-theirs', body: 'Tea at five?' }) });
    session.flush();
    const id = session.actions.sendMessage(ALICE, 'Yes!', { replyTo: 'theirs' });
    expect(send).toHaveBeenCalledWith(ALICE, 'Yes!', id, { reply: { id: 'o-theirs', to: ALICE, quote: { author: ALICE, text: 'Tea at five?' } } });
    expect(session.conversation(ALICE).get('messages').find(m => m.id === id)).toMatchObject({ body: 'Yes!', replyTo: { id: 'o-theirs', to: ALICE } });
    const plain = session.actions.sendMessage(ALICE, 'To nothing', { replyTo: 'gone' });
    expect(send).toHaveBeenLastCalledWith(ALICE, 'To nothing', plain, {});
  });

  it('a failed reply is retried as the same reply', async () => {
    const { adapter, session } = await signedIn();
    adapter.emit({ type: 'message', message: incoming('theirs', { originId: 'o-theirs', body: 'Tea?' }) });
    session.flush();
    const send = jest.spyOn(adapter, 'sendMessage').mockRejectedValueOnce(new Error('forbidden'));
    const id = session.actions.sendMessage(ALICE, 'Yes!', { replyTo: 'theirs' });
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(session.conversation(ALICE).get('messages').find(m => m.id === id)?.status).toBe('failed');
    session.actions.retryMessage(ALICE, id);
    expect(send).toHaveBeenLastCalledWith(ALICE, 'Yes!', id, { reply: { id: 'o-theirs', to: ALICE, quote: { author: ALICE, text: 'Tea?' } } });
  });

  it('tells a contact who asked that the newest message was displayed, once, and nobody else', async () => {
    const { adapter, session } = await signedIn();
    const send = jest.spyOn(adapter, 'sendDisplayed');
    adapter.emit({ type: 'message', message: incoming('plain', { originId: 'plain' }) });
    session.flush();
    session.actions.markDisplayed(ALICE);
    expect(send).not.toHaveBeenCalled(); // not markable
    adapter.emit({ type: 'message', message: incoming('m1', { originId: 'o1', markable: true }) });
    session.flush();
    session.actions.markDisplayed(ALICE);
    session.actions.markDisplayed(ALICE);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(ALICE, 'o1');
    const stranger = 'stranger@elsewhere.example';
    adapter.emit({ type: 'message', message: incoming('s1', { conversation: stranger, from: stranger, markable: true }) });
    session.flush();
    session.actions.markDisplayed(stranger);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('counts unread messages that mention the user in a room apart; opening the room reads both', async () => {
    const { adapter, session } = await signedIn();
    const ROOM = 'lobby@rooms.demo.natter.chat';
    const occupant = (nick: string) => ({ nick, role: 'participant' as const, affiliation: 'none' as const, show: 'online' as const });
    adapter.emit({ type: 'roomJoining', room: ROOM, nick: 'me' });
    adapter.emit({ type: 'roomJoined', room: ROOM, self: occupant('me') });
    const said = (id: string, body: string, extra: Partial<Message> = {}) =>
      adapter.emit({ type: 'message', message: { id, conversation: ROOM, from: `${ROOM}/alice`, nick: 'alice', direction: 'in', body, timestamp: Date.now(), status: 'received', ...extra } });
    said('a', 'hello all');
    said('b', 'me: are you there?');
    said('c', 'see above', { mentions: [{ begin: 0, end: 3, uri: `xmpp:${ROOM}/me` }] });
    session.flush();
    expect(session.conversations.get('items')[ROOM]).toMatchObject({ unread: 3, mentions: 2 });
    session.actions.openConversation(ROOM);
    expect(session.conversations.get('items')[ROOM]).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('keeps two sessions (two accounts) fully independent', async () => {
    const first = await signedIn('one@demo.natter.chat');
    const second = await signedIn('two@demo.natter.chat');
    first.adapter.emit({ type: 'message', message: incoming('only-first') });
    first.session.actions.setDraft(ALICE, 'mine');
    second.session.flush();
    expect(first.session.conversation(ALICE).get('messages')).toHaveLength(1);
    expect(second.session.conversation(ALICE).get('messages')).toEqual([]);
    expect(second.session.conversation(ALICE).get('draft')).toBe('');
    expect(second.session.ownJid()).toBe('two@demo.natter.chat');
  });

  it('drops an event a reducer cannot apply with a warning instead of crashing', async () => {
    const { adapter, session } = await signedIn();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    adapter.emit({ type: 'history', conversation: ALICE, messages: null as unknown as Message[], complete: true });
    adapter.emit({ type: 'message', message: incoming('after') });
    session.flush();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    // The rest of the batch is applied.
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
    session.flush();
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
    session.flush();
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

describe('corrections (XEP-0308)', () => {
  const LOUNGE = 'lounge@rooms.demo.natter.chat';
  const settle = () => new Promise(resolve => setTimeout(resolve, 0));

  it('corrects an own message at once and sends the correction of the id it was sent with', async () => {
    const { adapter, session } = await signedIn();
    const correct = jest.spyOn(adapter, 'correctMessage');
    const id = session.actions.sendMessage(ALICE, 'helo');
    await settle();
    const correctionId = session.actions.correctMessage(ALICE, id, 'hello');
    expect(correctionId).toEqual(expect.any(String));
    const [message] = session.conversation(ALICE).get('messages');
    expect(message).toMatchObject({ id, body: 'hello', status: 'pending', correctionId, earlierVersions: [{ body: 'helo' }] });
    expect(correct).toHaveBeenCalledWith(ALICE, id, 'hello', correctionId);
    await settle();
    session.flush();
    expect(['sent', 'delivered']).toContain(session.conversation(ALICE).get('messages')[0].status);
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
  });

  it('sends nothing for an unchanged or empty text, someone else’s message or a message never sent', async () => {
    const { adapter, session } = await signedIn();
    const correct = jest.spyOn(adapter, 'correctMessage');
    const id = session.actions.sendMessage(ALICE, 'same');
    await settle();
    adapter.emit({ type: 'message', message: incoming('theirs') });
    session.flush();
    expect(session.actions.correctMessage(ALICE, id, 'same')).toBeNull();
    expect(session.actions.correctMessage(ALICE, id, '  ')).toBeNull();
    expect(session.actions.correctMessage(ALICE, 'theirs', 'changed')).toBeNull();
    expect(session.actions.correctMessage(ALICE, 'no-such-id', 'changed')).toBeNull();
    jest.spyOn(adapter, 'sendMessage').mockRejectedValueOnce(new Error('service-unavailable'));
    const lost = session.actions.sendMessage(ALICE, 'lost');
    await settle();
    expect(session.actions.correctMessage(ALICE, lost, 'found')).toBeNull();
    expect(correct).not.toHaveBeenCalled();
  });

  it('marks the message failed when the correction cannot be sent, and retrying resends the correction', async () => {
    const { adapter, session } = await signedIn();
    const id = session.actions.sendMessage(ALICE, 'helo');
    await settle();
    const correct = jest.spyOn(adapter, 'correctMessage').mockRejectedValueOnce(new Error('forbidden'));
    const correctionId = session.actions.correctMessage(ALICE, id, 'hello')!;
    await settle();
    expect(session.conversation(ALICE).get('messages')[0]).toMatchObject({ body: 'hello', status: 'failed', error: 'forbidden' });
    session.actions.retryMessage(ALICE, id);
    await settle();
    expect(correct).toHaveBeenLastCalledWith(ALICE, id, 'hello', correctionId);
    expect(session.conversation(ALICE).get('messages')[0].status).not.toBe('failed');
  });

  it('corrects in a room: the room’s copy of the correction is no new message', async () => {
    const { session } = await signedIn();
    await settle();
    const id = session.actions.sendMessage(LOUNGE, 'helo room');
    await settle();
    session.actions.correctMessage(LOUNGE, id, 'hello room');
    await settle();
    session.flush();
    const mine = session.conversation(LOUNGE).get('messages').filter(message => message.direction === 'out');
    expect(mine).toEqual([expect.objectContaining({ id, body: 'hello room', status: 'sent', earlierVersions: [expect.objectContaining({ body: 'helo room' })] })]);
  });

  it('counts no unread message for a correction, and warns about one it ignores', async () => {
    const { adapter, session } = await signedIn();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      adapter.emit({ type: 'message', message: incoming('m1', { originId: 'm1', body: 'helo' }) });
      adapter.emit({ type: 'message', message: incoming('m2', { originId: 'm2', body: 'hello', replaces: 'm1' }) });
      adapter.emit({ type: 'message', message: incoming('m3', { from: 'mallory@evil.lit', body: 'gotcha', replaces: 'm1' }) });
      session.flush();
      expect(session.conversation(ALICE).get('messages').map(message => message.body)).toEqual(['hello']);
      expect(session.conversations.get('items')[ALICE].unread).toBe(1);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toContain('ignored a correction from mallory@evil.lit of message m1');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('batched application of adapter events', () => {
  const BOB = 'bob@demo.natter.chat';
  const LOUNGE = 'lounge@rooms.demo.natter.chat';

  function ids(session: Session, jid: string): string[] {
    return session.conversation(jid).get('messages').map(message => message.id);
  }

  /** Counts store writes by key, e.g. `conversation:messages`. */
  function countWrites(session: Session, ...jids: string[]): Record<string, number> {
    const writes: Record<string, number> = {};
    const watch = (name: string, store: { on(event: 'set', handler: (key: string) => void): unknown }) =>
      store.on('set', key => {
        writes[`${name}:${key}`] = (writes[`${name}:${key}`] ?? 0) + 1;
      });
    watch('connection', session.connection);
    watch('roster', session.roster);
    watch('conversations', session.conversations);
    watch('rooms', session.rooms);
    for (const jid of jids) watch(jid, session.conversation(jid));
    return writes;
  }

  it('applies adapter events together at the next frame, not one by one', async () => {
    const { adapter, session } = await signedIn();
    adapter.emit({ type: 'message', message: incoming('a1') });
    expect(ids(session, ALICE)).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(ids(session, ALICE)).toEqual(['a1']);
  });

  it('spreads a flood over frames, a bounded slice each, in order; flush() applies the rest at once', async () => {
    const { adapter, session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    // A slow clock: 5 ms pass at every look, so a frame's 8 ms budget takes one batch of 500.
    let clock = 0;
    const slowClock = jest.spyOn(performance, 'now').mockImplementation(() => (clock += 5));
    try {
      for (let i = 0; i < 1_600; i++) adapter.emit({ type: 'message', message: { ...incoming(`f${i}`), timestamp: i } });
      await new Promise(resolve => setTimeout(resolve, 0));
      expect(ids(session, ALICE)).toEqual(Array.from({ length: 500 }, (_, i) => `f${i}`));
      await new Promise(resolve => setTimeout(resolve, 0));
      expect(ids(session, ALICE)).toHaveLength(1_000);
      session.flush();
      expect(ids(session, ALICE)).toEqual(Array.from({ length: 1_600 }, (_, i) => `f${i}`));
    } finally {
      slowClock.mockRestore();
    }
  });

  it('writes each changed store key once for a burst of a thousand stanzas', async () => {
    const { adapter, session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    const writes = countWrites(session, ALICE, BOB, LOUNGE);
    for (let i = 0; i < 250; i++) {
      adapter.emit({ type: 'message', message: incoming(`a${i}`) });
      adapter.emit({ type: 'message', message: { ...incoming(`b${i}`), conversation: BOB, from: BOB } });
      adapter.emit({ type: 'presence', jid: `c${i}@demo.natter.chat`, resource: 'r', presence: { show: 'online', priority: 0 } });
      adapter.emit({ type: 'occupant', room: LOUNGE, occupant: { nick: `guest${i}`, role: 'participant', affiliation: 'none', show: 'online' } });
    }
    expect(writes).toEqual({});
    session.flush();
    expect(writes).toEqual({
      'roster:presence': 1,
      'conversations:items': 1,
      [`${ALICE}:messages`]: 1,
      [`${ALICE}:aliases`]: 1,
      [`${BOB}:messages`]: 1,
      [`${BOB}:aliases`]: 1,
      [`${LOUNGE}:occupants`]: 1,
      // Join notices.
      [`${LOUNGE}:messages`]: 1,
      [`${LOUNGE}:aliases`]: 1,
    });
    expect(ids(session, ALICE)).toHaveLength(250);
    expect(session.conversations.get('items')[BOB].unread).toBe(250);
    expect(Object.keys(session.conversation(LOUNGE).get('occupants')).filter(nick => nick.startsWith('guest'))).toHaveLength(250);
  });

  it('copies each collection once per batch, so a burst costs its length plus the state size, not their product', async () => {
    const { adapter, session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    for (let i = 0; i < 2_000; i++) adapter.emit({ type: 'message', message: incoming(`old${i}`, { timestamp: i }) });
    session.flush();
    const writable = jest.spyOn(CopyOnWrite.prototype, 'writable');
    for (let i = 0; i < 1_000; i++) {
      adapter.emit({ type: 'message', message: incoming(`new${i}`) });
      adapter.emit({ type: 'occupant', room: LOUNGE, occupant: { nick: `guest${i}`, role: 'participant', affiliation: 'none', show: 'online' } });
    }
    session.flush();
    const copies = writable.mock.calls.filter(([value], call) => writable.mock.results[call].value !== value).length;
    writable.mockRestore();
    expect(ids(session, ALICE)).toHaveLength(3_000);
    // Alice's messages and aliases, the lounge's occupants, messages (notices) and aliases, the conversation list.
    expect(copies).toBe(6);
  });

  it('keeps arrival order across interleaved conversations and the user’s own sends', async () => {
    const { adapter, session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    jest.spyOn(Date, 'now').mockReturnValue(5_000);
    try {
      const at = (id: string, from: string) => ({ ...incoming(id, { timestamp: 5_000 }), conversation: from, from });
      adapter.emit({ type: 'message', message: at('a1', ALICE) });
      adapter.emit({ type: 'message', message: at('b1', BOB) });
      adapter.emit({ type: 'message', message: at('a2', ALICE) });
      // The user's message shows at once, after what had arrived before it.
      const mine = session.actions.sendMessage(ALICE, 'mine');
      expect(ids(session, ALICE)).toEqual(['a1', 'a2', mine]);
      expect(ids(session, BOB)).toEqual(['b1']);
      adapter.emit({ type: 'message', message: at('b2', BOB) });
      adapter.emit({ type: 'message', message: at('a3', ALICE) });
      session.actions.setDraft(BOB, 'x');
      session.actions.sendMessage(BOB, 'reply');
      adapter.emit({ type: 'message', message: at('a4', ALICE) });
      session.flush();
      expect(ids(session, ALICE)).toEqual(['a1', 'a2', mine, 'a3', 'a4']);
      expect(session.conversation(BOB).get('messages').map(message => message.body)).toEqual(['b1', 'b2', 'reply']);
      expect(session.conversations.get('items')[ALICE].lastMessage?.body).toBe('a4');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('judges room notices against the room as each event found it within a batch', async () => {
    const { adapter, session } = await signedIn();
    await new Promise(resolve => setTimeout(resolve, 0));
    const zed: Occupant = { nick: 'Zed', role: 'participant', affiliation: 'none', show: 'online' };
    const events: AdapterEvent[] = [
      { type: 'occupant', room: LOUNGE, occupant: zed },
      { type: 'occupant', room: LOUNGE, occupant: { ...zed, show: 'away' } },
      { type: 'occupantLeft', room: LOUNGE, nick: 'Zed', reason: 'left' },
      { type: 'occupant', room: LOUNGE, occupant: zed },
      { type: 'roomSubject', room: LOUNGE, subject: 'New topic', by: 'Zed' },
      { type: 'roomSubject', room: LOUNGE, subject: 'New topic', by: 'Zed' },
    ];
    for (const event of events) adapter.emit(event);
    session.flush();
    const notices = session.conversation(LOUNGE).get('messages').filter(message => message.notice).map(message => message.notice);
    expect(notices).toEqual([
      { kind: 'join', nick: 'Zed' },
      { kind: 'leave', nick: 'Zed', value: undefined, actor: undefined, reason: undefined },
      { kind: 'join', nick: 'Zed' },
      { kind: 'subject', nick: 'Zed', value: 'New topic' },
    ]);
  });

  it('shows no notices for occupants already there while joining, in the same batch as the join', async () => {
    const { adapter, session } = await signedIn();
    const room = 'quiet@rooms.demo.natter.chat';
    const me: Occupant = { nick: 'me', role: 'participant', affiliation: 'none', show: 'online' };
    adapter.emit({ type: 'roomJoining', room, nick: 'me' });
    adapter.emit({ type: 'occupant', room, occupant: { ...me, nick: 'early' } });
    adapter.emit({ type: 'roomJoined', room, self: me });
    adapter.emit({ type: 'occupant', room, occupant: { ...me, nick: 'late' } });
    session.flush();
    expect(session.conversation(room).get('messages').map(message => message.notice)).toEqual([{ kind: 'join', nick: 'late' }]);
  });

  it('counts a message once as unread when its copies arrive in the same batch', async () => {
    const { adapter, session } = await signedIn();
    adapter.emit({ type: 'history', conversation: ALICE, messages: [incoming('s1', { stanzaId: 's1' }), incoming('s1', { stanzaId: 's1' })], complete: false });
    adapter.emit({ type: 'message', message: incoming('o2', { originId: 'o2' }) });
    adapter.emit({ type: 'message', message: incoming('o2', { originId: 'o2', stanzaId: 's2' }) });
    session.flush();
    expect(ids(session, ALICE)).toEqual(['s1', 'o2']);
    expect(session.conversations.get('items')[ALICE].unread).toBe(1);
  });

  it('settles an awaited action with what the adapter emitted already in the stores', async () => {
    const { session } = await signedIn();
    await session.actions.changeNick(LOUNGE, 'me2');
    expect(session.conversation(LOUNGE).get('room')?.nick).toBe('me2');
    await session.actions.queryRoom(LOUNGE);
    expect(session.rooms.get('info')[LOUNGE]?.name).toBeTruthy();
  });
});

describe('the message window', () => {
  function archived(i: number, extra: Partial<Message> = {}): Message {
    return incoming(`m${i}`, { stanzaId: `s${i}`, timestamp: 1_000 + i, ...extra });
  }

  it('drops the oldest messages once live ones push a conversation over its window, and loads them back', async () => {
    const { adapter, session } = await signedIn('me@demo.natter.chat', 10);
    for (let i = 0; i < 12; i++) adapter.emit({ type: 'message', message: archived(i) });
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(12);
    adapter.emit({ type: 'message', message: archived(12) });
    session.flush();
    const store = session.conversation(ALICE);
    expect(store.get('messages').map(message => message.id)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12']);
    expect(store.get('history')).toMatchObject({ complete: false, cursor: 's3' });

    const load = jest.spyOn(adapter, 'loadHistory').mockImplementation(async (conversation, options) => {
      adapter.emit({ type: 'history', conversation, messages: [0, 1, 2].map(i => archived(i)), complete: true });
      expect(options?.before).toBe('s3');
    });
    await session.actions.loadOlderMessages(ALICE);
    expect(load).toHaveBeenCalledTimes(1);
    expect(store.get('messages').map(message => message.id)).toEqual(Array.from({ length: 13 }, (_, i) => `m${i}`));
    // Loaded back from the archive, they are not news.
    expect(session.conversations.get('items')[ALICE].unread).toBe(13);
  });

  it('drops nothing while the user reads older messages, and again once they follow the newest', async () => {
    const { adapter, session } = await signedIn('me@demo.natter.chat', 10);
    session.actions.setFollowingLatest(ALICE, false);
    for (let i = 0; i < 30; i++) adapter.emit({ type: 'message', message: archived(i) });
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(30);
    session.actions.setFollowingLatest(ALICE, true);
    adapter.emit({ type: 'message', message: archived(30) });
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(10);
    expect(session.conversation(ALICE).get('messages')[0].id).toBe('m21');
  });

  it('drops nothing when no message it would keep has an archive id', async () => {
    const { adapter, session } = await signedIn('me@demo.natter.chat', 10);
    for (let i = 0; i < 30; i++) adapter.emit({ type: 'message', message: archived(i, { stanzaId: undefined }) });
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(30);
    expect(session.conversation(ALICE).get('history').cursor).toBeUndefined();
  });

  it('is not trimmed by pages of history, only by new messages', async () => {
    const { adapter, session } = await signedIn('me@demo.natter.chat', 10);
    adapter.emit({ type: 'history', conversation: ALICE, messages: Array.from({ length: 40 }, (_, i) => archived(i)), complete: false, cursor: 's0' });
    session.flush();
    expect(session.conversation(ALICE).get('messages')).toHaveLength(40);
    expect(session.conversation(ALICE).get('history').cursor).toBe('s0');
  });
});
