import * as fakeIndexedDb from 'fake-indexeddb';
import { createDemoAdapter } from '../adapters/demo/demo-adapter';
import type { Message } from '../adapters/types';
import { CACHED_MESSAGES } from './cache';
import { createSession } from './session';
import { indexedDbCache, memoryCache, memoryOutbox, type CacheStorage } from './storage';

// Jest's Node has no IndexedDB (see outbox.spec.ts).
Object.assign(globalThis, fakeIndexedDb);

const ME = 'me@demo.natter.chat';
const ALICE = 'alice@demo.natter.chat';
const settle = () => new Promise(resolve => setTimeout(resolve, 0));
/** IndexedDB answers after a few turns of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !condition(); turn++) await settle();
}
/** The cache saves a burst of changes 2 s after it began. */
const saved = () => new Promise(resolve => setTimeout(resolve, 2_200));

function incoming(id: string, timestamp: number, extra: Partial<Message> = {}): Message {
  return { id, stanzaId: id, conversation: ALICE, from: ALICE, direction: 'in', body: id, timestamp, status: 'received', ...extra };
}

function setup(cacheStorage: CacheStorage) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  const session = createSession({ adapter, cacheStorage, outboxStorage: memoryOutbox() });
  const catchUp = jest.spyOn(adapter, 'catchUp');
  return { adapter, session, catchUp };
}

describe('the local cache', () => {
  it.each([
    ['IndexedDB', () => indexedDbCache()],
    ['memory', () => memoryCache()],
  ])('%s: a returning user sees the roster and recent chats at once, nothing unread, and the catch-up reads from the newest one', async (_name, make) => {
    const storage = make();
    const first = setup(storage);
    await first.session.actions.login({ jid: ME, password: 'pw' });
    const base = Date.now() - 60_000;
    for (let i = 0; i < CACHED_MESSAGES + 5; i++) first.adapter.emit({ type: 'message', message: incoming(`m${i}`, base + i) });
    first.session.flush();
    await saved();
    first.session.dispose();

    const second = setup(storage);
    const login = second.session.actions.login({ jid: ME, password: 'pw' });
    // Nothing of the account shows before the server has signed it in.
    expect(second.session.conversation(ALICE).get('messages')).toEqual([]);
    await until(() => second.session.conversation(ALICE).get('messages').length > 0);
    const messages = second.session.conversation(ALICE).get('messages');
    expect(messages).toHaveLength(CACHED_MESSAGES);
    expect(messages.at(-1)!.id).toBe(`m${CACHED_MESSAGES + 4}`);
    expect(second.session.roster.get('contacts')[ALICE]).toBeDefined();
    expect(second.session.conversations.get('items')[ALICE]).toMatchObject({ unread: 0, lastMessage: { body: `m${CACHED_MESSAGES + 4}` } });
    await login;
    await until(() => second.catchUp.mock.calls.length > 0);
    expect(second.catchUp).toHaveBeenCalledWith(null, expect.objectContaining({ after: `m${CACHED_MESSAGES + 4}` }));
    second.session.dispose();
    await storage.clear(ME);
  });

  it('keeps no queued own messages or notices, and nothing after sign-out', async () => {
    const storage = memoryCache();
    const { adapter, session } = setup(storage);
    await session.actions.login({ jid: ME, password: 'pw' });
    adapter.emit({ type: 'message', message: incoming('kept', Date.now()) });
    adapter.emit({ type: 'message', message: { ...incoming('queued', Date.now() + 1), direction: 'out', from: ME, status: 'pending', stanzaId: undefined } });
    session.flush();
    await saved();
    expect((await storage.load(ME))?.chats).toEqual([{ jid: ALICE, messages: [expect.objectContaining({ id: 'kept' })] }]);
    await session.actions.logout();
    expect(await storage.load(ME)).toBeNull();
  });

  it('shows nothing kept for an account whose sign-in failed', async () => {
    const storage = memoryCache();
    await storage.save(ME, { roster: [], chats: [{ jid: ALICE, messages: [incoming('private', Date.now())] }], savedAt: 0 });
    const { session } = setup(storage);
    await expect(session.actions.login({ jid: ME, password: 'wrong' })).rejects.toBeDefined();
    await settle();
    expect(session.conversation(ALICE).get('messages')).toEqual([]);
  });

  it('does not replace a roster the server sent first', async () => {
    const storage = memoryCache();
    await storage.save(ME, { roster: [{ jid: 'old@demo.natter.chat', groups: [], subscription: 'both', pendingOut: false }], chats: [], savedAt: 0 });
    const { session } = setup(storage);
    await session.actions.login({ jid: ME, password: 'pw' });
    await settle();
    expect(session.roster.get('contacts')['old@demo.natter.chat']).toBeUndefined();
    expect(session.roster.get('contacts')[ALICE]).toBeDefined();
  });
});
