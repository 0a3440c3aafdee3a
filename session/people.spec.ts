/** The session's presence, contact and blocking actions on the demo adapter, and the stores' blocklist. */
import { createDemoAdapter } from '../adapters/demo/demo-adapter';
import type { Message } from '../adapters/types';
import { initialRosterState, isBlocked, rosterReducer } from '../stores/roster';
import { createSession } from './session';
import { memoryPresenceStorage, type PresenceStorage } from './storage';

const ALICE = 'alice@demo.natter.chat';
const ROOM = 'lounge@rooms.demo.natter.chat';

async function signedIn(options: { storage?: PresenceStorage; blocking?: boolean; invisible?: boolean } = {}) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, blocking: options.blocking, invisible: options.invisible });
  const presenceStorage = options.storage ?? memoryPresenceStorage();
  const session = createSession({ adapter, presenceStorage });
  await session.actions.login({ jid: 'me@demo.natter.chat', password: 'pw' });
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
  return { adapter, session, presenceStorage };
}

function from(jid: string, id: string, extra: Partial<Message> = {}): Message {
  return { id, conversation: jid, from: jid, direction: 'in', body: id, timestamp: Date.now(), status: 'received', ...extra };
}

describe('isBlocked', () => {
  it('matches the JID, its bare JID and its domain, and a full JID only itself', () => {
    const blocked = { 'spam@example.org': true, 'evil.example': true, 'room@muc.example.org/Troll': true } as const;
    expect(isBlocked(blocked, 'spam@example.org')).toBe(true);
    expect(isBlocked(blocked, 'spam@example.org/phone')).toBe(true);
    expect(isBlocked(blocked, 'anyone@evil.example/x')).toBe(true);
    expect(isBlocked(blocked, 'room@muc.example.org/Troll')).toBe(true);
    expect(isBlocked(blocked, 'room@muc.example.org/Friend')).toBe(false);
    expect(isBlocked(blocked, 'room@muc.example.org')).toBe(false);
    expect(isBlocked(blocked, undefined)).toBe(false);
  });
});

describe('blocklist reducer', () => {
  it('replaces the list, adds and removes by pushes, empties on "all", and forgets it at sign-out', () => {
    let state = rosterReducer(initialRosterState, { type: 'blocklist', jids: ['a@b.c'] });
    expect(state).toMatchObject({ blocked: { 'a@b.c': true }, blocklistLoaded: true });
    state = rosterReducer(state, { type: 'blocked', jids: ['d@e.f'] });
    expect(Object.keys(state.blocked)).toEqual(['a@b.c', 'd@e.f']);
    state = rosterReducer(state, { type: 'unblocked', jids: ['a@b.c'] });
    expect(Object.keys(state.blocked)).toEqual(['d@e.f']);
    expect(rosterReducer(state, { type: 'unblocked', jids: [], all: true }).blocked).toEqual({});
    expect(rosterReducer(state, { type: 'connection', status: 'offline' })).toMatchObject({ blocked: {}, blocklistLoaded: false });
  });

  it('drops the request and the presence of someone blocked', () => {
    let state = rosterReducer(initialRosterState, { type: 'subscriptionRequest', jid: 'spam@x.y' });
    state = rosterReducer(state, { type: 'presence', jid: 'spam@x.y', resource: 'r', presence: { show: 'online', priority: 0 } });
    state = rosterReducer(state, { type: 'blocked', jids: ['spam@x.y'] });
    expect(state.requests).toEqual([]);
    expect(state.presence).toEqual({});
  });

  it('returns the same state for a push that changes nothing', () => {
    const state = rosterReducer(initialRosterState, { type: 'blocked', jids: ['a@b.c'] });
    expect(rosterReducer(state, { type: 'blocked', jids: ['a@b.c'] })).toBe(state);
    expect(rosterReducer(state, { type: 'unblocked', jids: ['x@y.z'] })).toBe(state);
  });
});

describe('own presence', () => {
  it('sets it, shows it in the connection store and keeps it for the account', async () => {
    const { session, presenceStorage } = await signedIn();
    expect(session.connection.get('presence')).toEqual({ availability: 'online' });
    await session.actions.setPresence({ availability: 'dnd', status: 'Focus time' });
    expect(session.connection.get('presence')).toEqual({ availability: 'dnd', status: 'Focus time' });
    expect(presenceStorage.load('me@demo.natter.chat')).toEqual({ availability: 'dnd', status: 'Focus time' });
  });

  it('restores the kept presence at the next sign-in, and forgets it at sign-out', async () => {
    const storage = memoryPresenceStorage();
    storage.save('me@demo.natter.chat', { availability: 'away', status: 'Back soon' });
    const { session } = await signedIn({ storage });
    expect(session.connection.get('presence')).toEqual({ availability: 'away', status: 'Back soon' });
    await session.actions.logout();
    expect(storage.load('me@demo.natter.chat')).toBeNull();
  });

  it('refuses Invisible where the server has no XEP-0186, and takes it where it has', async () => {
    const { session } = await signedIn();
    await expect(session.actions.setPresence({ availability: 'invisible' })).rejects.toThrow('feature-not-implemented');
    expect(session.connection.get('presence')?.availability).toBe('online');
    const other = await signedIn({ invisible: true });
    await other.session.actions.setPresence({ availability: 'invisible' });
    expect(other.session.connection.get('presence')?.availability).toBe('invisible');
  });

  it('ignores a kept value that is not a presence', () => {
    const store: Record<string, string> = {};
    const fake = { getItem: (k: string) => store[k] ?? null, setItem: (k: string, v: string) => void (store[k] = v), removeItem: (k: string) => void delete store[k] } as unknown as Storage;
    const { localPresenceStorage } = jest.requireActual('./storage') as typeof import('./storage');
    const kept = localPresenceStorage(fake);
    store['natter:presence:a@b.c'] = '{"availability":"sleeping"}';
    expect(kept.load('a@b.c')).toBeNull();
    store['natter:presence:a@b.c'] = 'not json';
    expect(kept.load('a@b.c')).toBeNull();
    store['natter:presence:a@b.c'] = JSON.stringify({ availability: 'away', status: 'x'.repeat(5_000) });
    expect(kept.load('a@b.c')).toEqual({ availability: 'away' });
  });
});

describe('blocking in the session', () => {
  it('reads the blocklist at sign-in where the server has blocking', async () => {
    const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, blocked: ['spam@x.y'] });
    const session = createSession({ adapter, presenceStorage: memoryPresenceStorage() });
    await session.actions.login({ jid: 'me@demo.natter.chat', password: 'pw' });
    for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    expect(session.roster.get('blocked')).toEqual({ 'spam@x.y': true });
    expect(session.roster.get('blocklistLoaded')).toBe(true);
  });

  it('does not show what a blocked contact sends, even if it arrives: messages, archive pages, chat states, requests', async () => {
    const { adapter, session } = await signedIn();
    await session.actions.block(ALICE);
    adapter.emit({ type: 'message', message: from(ALICE, 'live') });
    adapter.emit({ type: 'history', conversation: ALICE, messages: [from(ALICE, 'archived'), { ...from(ALICE, 'mine'), from: 'me@demo.natter.chat', direction: 'out', status: 'sent' }], complete: true });
    adapter.emit({ type: 'chatState', conversation: ALICE, from: ALICE, state: 'composing' });
    adapter.emit({ type: 'subscriptionRequest', jid: ALICE });
    adapter.emit({ type: 'presence', jid: ALICE, resource: 'x', presence: { show: 'online', priority: 0 } });
    session.flush();
    expect(session.conversation(ALICE).get('messages').map(m => m.id)).toEqual(['mine']);
    expect(session.conversation(ALICE).get('peerState')).not.toBe('composing');
    expect(session.roster.get('requests').some(r => r.jid === ALICE)).toBe(false);
    expect(session.roster.get('presence')[ALICE]).toBeUndefined();

    await session.actions.unblock(ALICE);
    adapter.emit({ type: 'message', message: from(ALICE, 'after') });
    session.flush();
    expect(session.conversation(ALICE).get('messages').map(m => m.id)).toEqual(['mine', 'after']);
  });

  it('hides a room occupant blocked by its real JID or its occupant address', async () => {
    const { adapter, session } = await signedIn();
    await session.actions.joinRoom(ROOM, { nick: 'me' });
    adapter.emit({ type: 'occupant', room: ROOM, occupant: { nick: 'Troll', jid: 'troll@x.y', role: 'participant', affiliation: 'none', show: 'online' } });
    adapter.emit({ type: 'occupant', room: ROOM, occupant: { nick: 'Anon', role: 'participant', affiliation: 'none', show: 'online' } });
    session.flush();
    await session.actions.block('troll@x.y');
    await session.actions.block(`${ROOM}/Anon`);
    for (const nick of ['Troll', 'Anon', 'Friend']) adapter.emit({ type: 'message', message: { ...from(ROOM, `room-${nick}`), from: `${ROOM}/${nick}`, nick } });
    session.flush();
    const bodies = session.conversation(ROOM).get('messages').map(m => m.body);
    expect(bodies).toContain('room-Friend');
    expect(bodies).not.toContain('room-Troll');
    expect(bodies).not.toContain('room-Anon');
  });

  it('rejects blocking where the server has none', async () => {
    const { session } = await signedIn({ blocking: false });
    await expect(session.actions.block(ALICE)).rejects.toThrow('feature-not-implemented');
  });
});

describe('contact updates', () => {
  it('renames and regroups a contact once the server pushes it', async () => {
    const { session } = await signedIn();
    await session.actions.updateContact(ALICE, 'Ally', ['Work', 'Work ', '']);
    expect(session.roster.get('contacts')[ALICE]).toMatchObject({ name: 'Ally', groups: ['Work'] });
    await session.actions.updateContact(ALICE, '', []);
    expect(session.roster.get('contacts')[ALICE].name).toBeUndefined();
    await expect(session.actions.updateContact('nobody@demo.natter.chat', 'x', [])).rejects.toThrow('item-not-found');
  });
});
