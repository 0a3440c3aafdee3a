import * as fakeIndexedDb from 'fake-indexeddb';
import { createDemoAdapter } from '../adapters/demo/demo-adapter';
import type { Message } from '../adapters/types';
import { createOutbox } from './outbox';
import { createSession } from './session';
import { indexedDbOutbox, memoryCache, memoryOutbox, type OutboxEntry, type OutboxStorage } from './storage';

// Jest's Node has no IndexedDB: fake-indexeddb is a complete one in memory. Its `auto` entry would put it
// on Stencil's mock window, which idb does not read.
Object.assign(globalThis, fakeIndexedDb);

const ME = 'me@demo.natter.chat';
const ALICE = 'alice@demo.natter.chat';
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

function shown(id: string, body = id): Message {
  return { id, originId: id, conversation: ALICE, from: ME, direction: 'out', body, timestamp: Date.now(), status: 'pending' };
}

function entry(id: string, seq: number): OutboxEntry {
  return { id, conversation: ALICE, room: false, body: id, message: shown(id), createdAt: 1_000 + seq, attempted: false, seq };
}

function setup(storage: OutboxStorage = memoryOutbox()) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  const session = createSession({ adapter, outboxStorage: storage, cacheStorage: memoryCache() });
  const send = jest.spyOn(adapter, 'sendMessage');
  const catchUp = jest.spyOn(adapter, 'catchUp');
  return { adapter, session, send, catchUp, storage };
}

/** The connection as the adapter reports it when the network goes and comes back. */
function drop(adapter: ReturnType<typeof createDemoAdapter>) {
  adapter.emit({ type: 'connection', status: 'reconnecting', retryAt: Date.now() + 1_000 });
}
function back(adapter: ReturnType<typeof createDemoAdapter>, fresh: boolean) {
  adapter.emit({ type: 'connection', status: 'online', jid: `${ME}/demo`, fresh });
}

describe('outbox storage', () => {
  it.each([
    ['IndexedDB', () => indexedDbOutbox()],
    ['memory', () => memoryOutbox()],
  ])('%s keeps entries per account in queue order, and removes and clears them', async (_name, make) => {
    const storage = make();
    await storage.save(ME, entry('b', 2));
    await storage.save(ME, entry('a', 1));
    await storage.save('other@demo.natter.chat', entry('x', 0));
    expect((await storage.load(ME)).map(e => e.id)).toEqual(['a', 'b']);
    await storage.remove(ME, 'a');
    expect((await storage.load(ME)).map(e => e.id)).toEqual(['b']);
    await storage.clear(ME);
    expect(await storage.load(ME)).toEqual([]);
    expect((await storage.load('other@demo.natter.chat')).map(e => e.id)).toEqual(['x']);
    await storage.clear('other@demo.natter.chat');
  });
});

describe('createOutbox', () => {
  it('shows the kept entries again as pending, after what is queued, and another account starts empty', async () => {
    const storage = memoryOutbox();
    await storage.save(ME, { ...entry('kept', 0), message: { ...shown('kept'), status: 'failed', error: 'not connected' } });
    const outbox = createOutbox(storage);
    const showed: Message[] = [];
    await outbox.open(ME, message => showed.push(message));
    expect(showed).toEqual([expect.objectContaining({ id: 'kept', status: 'pending', error: undefined })]);
    outbox.add({ id: 'new', conversation: ALICE, room: false, body: 'new', message: shown('new') });
    expect(outbox.entries().map(e => e.id)).toEqual(['kept', 'new']);
    outbox.attempted('new');
    await settle();
    expect((await storage.load(ME)).map(e => [e.id, e.attempted])).toEqual([
      ['kept', false],
      ['new', true],
    ]);
    await outbox.open('other@demo.natter.chat', () => undefined);
    expect(outbox.entries()).toEqual([]);
  });

  it('keeps working in memory when the device refuses to store', async () => {
    const broken: OutboxStorage = {
      load: async () => {
        throw new Error('InvalidStateError');
      },
      save: async () => {
        throw new Error('QuotaExceededError');
      },
      remove: async () => undefined,
      clear: async () => undefined,
    };
    const log = { warn: jest.fn() };
    const outbox = createOutbox(broken, log);
    await outbox.open(ME, () => undefined);
    outbox.add({ id: 'a', conversation: ALICE, room: false, body: 'a', message: shown('a') });
    await settle();
    expect(outbox.entries().map(e => e.id)).toEqual(['a']);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });
});

describe('the outbox in a session', () => {
  it('queues what is sent before sign-in as pending, and sends it once online, in order, with its ids', async () => {
    const { session, send } = setup();
    const first = session.actions.sendMessage(ALICE, 'one');
    const second = session.actions.sendMessage(ALICE, 'two');
    expect(send).not.toHaveBeenCalled();
    expect(session.conversation(ALICE).get('messages').map(m => [m.id, m.status])).toEqual([
      [first, 'pending'],
      [second, 'pending'],
    ]);
    await session.actions.login({ jid: ME, password: 'pw' });
    await settle();
    expect(send.mock.calls.map(call => [call[1], call[2]])).toEqual([
      ['one', first],
      ['two', second],
    ]);
    await settle();
    session.flush();
    expect(session.conversation(ALICE).get('messages').every(m => m.status === 'sent' || m.status === 'delivered')).toBe(true);
  });

  it('keeps a message sent while reconnecting pending, never failed, and sends it when the stream is resumed', async () => {
    const { adapter, session, send, catchUp } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    drop(adapter);
    session.flush();
    const id = session.actions.sendMessage(ALICE, 'while away');
    await settle();
    expect(send).not.toHaveBeenCalled();
    expect(session.conversation(ALICE).get('messages')[0]).toMatchObject({ id, status: 'pending' });
    back(adapter, false);
    session.flush();
    await settle();
    // A resumed stream lost nothing: no archive query.
    expect(catchUp).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(ALICE, 'while away', id, {});
  });

  it('keeps a message the server never acknowledged queued, and after a fresh session sends it only if the archive lacks it', async () => {
    const { adapter, session, send, catchUp } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    adapter.emit({ type: 'message', message: { id: 's0', stanzaId: 's0', conversation: ALICE, from: ALICE, direction: 'in', body: 'before', timestamp: Date.now() - 5_000, status: 'received' } });
    session.flush();
    send.mockImplementation(async () => undefined);
    const reached = session.actions.sendMessage(ALICE, 'reached the server');
    const lost = session.actions.sendMessage(ALICE, 'lost on the way');
    await settle();
    // The stream dies before the acks: stream management fails both.
    adapter.emit({ type: 'messageStatus', conversation: ALICE, id: reached, status: 'failed', error: 'not-acknowledged' });
    adapter.emit({ type: 'messageStatus', conversation: ALICE, id: lost, status: 'failed', error: 'not-acknowledged' });
    drop(adapter);
    session.flush();
    expect(session.conversation(ALICE).get('messages').filter(m => m.direction === 'out').map(m => m.status)).toEqual(['pending', 'pending']);
    catchUp.mockImplementation(async () => {
      const copy: Message = { ...shown(reached, 'reached the server'), id: 'a1', originId: reached, stanzaId: 'a1', status: 'sent' };
      adapter.emit({ type: 'missed', conversation: ALICE, messages: [copy, { id: 'a2', stanzaId: 'a2', conversation: ALICE, from: ALICE, direction: 'in', body: 'while away', timestamp: Date.now(), status: 'received' }] });
      return 2;
    });
    send.mockClear();
    back(adapter, true);
    session.flush();
    await settle();
    await settle();
    expect(catchUp).toHaveBeenCalledWith(null, expect.objectContaining({ after: 's0', start: expect.any(Number) }));
    expect(send.mock.calls.map(call => [call[1], call[2]])).toEqual([['lost on the way', lost]]);
    const messages = session.conversation(ALICE).get('messages');
    expect(messages.map(m => m.body)).toEqual(['before', 'reached the server', 'lost on the way', 'while away']);
    expect(messages.find(m => m.id === reached)).toMatchObject({ status: 'sent', stanzaId: 'a1' });
    // What came while away counts as unread, like any new message.
    expect(session.conversations.get('items')[ALICE].unread).toBe(2);
  });

  it('marks failed, and takes out of the queue, a message refused for a reason retrying cannot fix', async () => {
    const { session, send, storage } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    send.mockRejectedValueOnce(new Error('forbidden'));
    const id = session.actions.sendMessage(ALICE, 'no');
    await settle();
    session.flush();
    expect(session.conversation(ALICE).get('messages')[0]).toMatchObject({ id, status: 'failed', error: 'forbidden' });
    expect(await storage.load(ME)).toEqual([]);
  });

  it('survives a reload: the next session of the account shows the queued message and sends it once', async () => {
    const storage = memoryOutbox();
    const before = setup(storage);
    await before.session.actions.login({ jid: ME, password: 'pw' });
    drop(before.adapter);
    before.session.flush();
    const id = before.session.actions.sendMessage(ALICE, 'typed offline');
    await settle();
    before.session.dispose();

    const after = setup(storage);
    after.send.mockImplementation(async () => undefined);
    // Shown to the account once the server has signed it in, under the address it bound.
    await after.session.actions.login({ jid: ME, password: 'pw' });
    await settle();
    expect(after.session.conversation(ALICE).get('messages')).toEqual([expect.objectContaining({ id, body: 'typed offline' })]);
    // Never written to a stream before the reload: nothing to look for in the archive.
    expect(after.catchUp).not.toHaveBeenCalled();
    expect(after.send).toHaveBeenCalledTimes(1);
    expect(after.send).toHaveBeenCalledWith(ALICE, 'typed offline', id, {});
    after.adapter.emit({ type: 'messageStatus', conversation: ALICE, id, status: 'sent' });
    after.session.flush();
    await settle();
    expect(await storage.load(ME)).toEqual([]);
  });

  it('after a reload asks the archive first for a queued message that may have gone out', async () => {
    const storage = memoryOutbox();
    await storage.save(ME, { ...entry('maybe', 0), attempted: true, createdAt: 50_000_000 });
    const { session, send, catchUp } = setup(storage);
    await session.actions.login({ jid: ME, password: 'pw' });
    await settle();
    expect(catchUp).toHaveBeenCalledWith(null, { start: 50_000_000 - 2 * 60_000 });
    expect(send).toHaveBeenCalledWith(ALICE, 'maybe', 'maybe', undefined);
  });

  it('clears the account’s queue from the device on sign-out', async () => {
    const { session, storage, adapter } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    drop(adapter);
    session.flush();
    session.actions.sendMessage(ALICE, 'unsent');
    await settle();
    expect(await storage.load(ME)).toHaveLength(1);
    await session.actions.logout();
    expect(await storage.load(ME)).toEqual([]);
  });

  it('never writes a message twice on one stream: a resumed stream resends what it had not acknowledged by itself', async () => {
    const { adapter, session, send } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    send.mockImplementation(async () => undefined);
    const id = session.actions.sendMessage(ALICE, 'written, not acknowledged');
    await settle();
    drop(adapter);
    session.flush();
    back(adapter, false);
    session.flush();
    await settle();
    expect(send.mock.calls.filter(call => call[2] === id)).toHaveLength(1);
    // A fresh stream is another matter: unacknowledged, it goes again (once).
    drop(adapter);
    adapter.emit({ type: 'messageStatus', conversation: ALICE, id, status: 'failed', error: 'not-acknowledged' });
    session.flush();
    back(adapter, true);
    session.flush();
    await settle();
    await settle();
    expect(send.mock.calls.filter(call => call[2] === id)).toHaveLength(2);
  });

  it('sends a new message after the older queued ones of its chat, and not while the catch-up reads the archive', async () => {
    const { adapter, session, send, catchUp } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    send.mockImplementation(async () => undefined);
    drop(adapter);
    session.flush();
    session.actions.sendMessage(ALICE, 'first');
    let finish: (n: number) => void = () => undefined;
    catchUp.mockImplementation(() => new Promise<number>(resolve => (finish = resolve)));
    back(adapter, true);
    session.flush();
    await settle();
    session.actions.sendMessage(ALICE, 'second');
    expect(send).not.toHaveBeenCalled();
    finish(0);
    await settle();
    await settle();
    expect(send.mock.calls.map(call => call[1])).toEqual(['first', 'second']);
  });

  it('sends a correction queued offline after a fresh session, though the archive has the corrected message', async () => {
    const { adapter, session, send, catchUp } = setup();
    await session.actions.login({ jid: ME, password: 'pw' });
    const correct = jest.spyOn(adapter, 'correctMessage').mockImplementation(async () => undefined);
    const id = session.actions.sendMessage(ALICE, 'helo');
    await settle();
    session.flush();
    drop(adapter);
    session.flush();
    const correctionId = session.actions.correctMessage(ALICE, id, 'hello')!;
    catchUp.mockImplementation(async () => {
      adapter.emit({ type: 'missed', conversation: ALICE, messages: [{ ...shown(id, 'helo'), id: 'a9', originId: id, stanzaId: 'a9', status: 'sent' }] });
      return 1;
    });
    back(adapter, true);
    session.flush();
    await settle();
    await settle();
    expect(correct).toHaveBeenCalledWith(ALICE, id, 'hello', correctionId);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps a room’s queued message for the room: sent in it once joined, failed when the user is out of it', async () => {
    const { adapter, session } = setup();
    const room = 'lounge@rooms.demo.natter.chat';
    await session.actions.login({ jid: ME, password: 'pw' });
    await settle();
    session.flush();
    expect(session.conversation(room).get('room')?.status).toBe('joined');
    const toRoom = jest.spyOn(adapter, 'sendRoomMessage').mockImplementation(async () => undefined);
    const toChat = jest.spyOn(adapter, 'sendMessage');
    drop(adapter);
    session.flush();
    const waiting = session.actions.sendMessage(room, 'for the room');
    adapter.emit({ type: 'roomJoining', room, nick: 'me' });
    back(adapter, true);
    session.flush();
    await settle();
    expect(toRoom).not.toHaveBeenCalled();
    expect(toChat).not.toHaveBeenCalledWith(room, expect.anything(), expect.anything(), expect.anything());
    adapter.emit({ type: 'roomJoined', room, self: { nick: 'me', role: 'participant', affiliation: 'member', show: 'online' } });
    session.flush();
    await settle();
    await settle();
    expect(toRoom).toHaveBeenCalledWith(room, 'for the room', waiting, {});

    drop(adapter);
    session.flush();
    const lost = session.actions.sendMessage(room, 'never goes');
    adapter.emit({ type: 'roomLeft', room, reason: 'kicked' });
    session.flush();
    expect(session.conversation(room).get('messages').find(m => m.id === lost)).toMatchObject({ status: 'failed', error: 'not in the room any more' });
  });
});
