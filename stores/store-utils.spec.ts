import { createStore } from '@stencil/store';
import type { Message, Occupant } from '../adapters/types';
import { conversationReducer, initialConversationState, type ConversationState } from './conversation';
import type { SessionEvent } from './events';
import { initialRosterState, rosterReducer } from './roster';
import { CopyOnWrite, reduceAll, StoreBatch } from './store-utils';

const ROOM = 'room@conference.example.org';

function message(index: number, extra: Partial<Message> = {}): Message {
  return {
    id: `m${index}`,
    stanzaId: `s${index}`,
    conversation: ROOM,
    from: `${ROOM}/nick${index % 7}`,
    nick: `nick${index % 7}`,
    direction: 'in',
    body: `message ${index}`,
    timestamp: 1_000 + index,
    status: 'received',
    ...extra,
  };
}

function occupant(index: number): Occupant {
  return { nick: `occupant${index}`, role: 'participant', affiliation: 'none', show: 'online' };
}

/** A room with `size` messages and occupants. */
function bigRoom(size: number): ConversationState {
  const events: SessionEvent[] = [{ type: 'roomJoining', room: ROOM, nick: 'me' }];
  for (let i = 0; i < size; i++) events.push({ type: 'occupant', room: ROOM, occupant: occupant(i) });
  events.push({ type: 'history', conversation: ROOM, messages: Array.from({ length: size }, (_, i) => message(i)), complete: false, cursor: 's0' });
  return reduceAll(conversationReducer, initialConversationState(ROOM), events);
}

/** A burst as a busy room sends it: messages, presences, an occupant leaving, a status update. */
function burst(from: number, count: number): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (let i = from; i < from + count; i++) {
    events.push({ type: 'message', message: message(i) });
    events.push({ type: 'occupant', room: ROOM, occupant: { ...occupant(i), show: 'away' } });
  }
  events.push({ type: 'occupantLeft', room: ROOM, nick: 'occupant1', reason: 'left' });
  events.push({ type: 'messageStatus', conversation: ROOM, id: `m${from}`, status: 'delivered' });
  return events;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Counts the collections a batch had to copy. */
class CountingCopyOnWrite extends CopyOnWrite {
  copies = 0;
  writable<T extends object>(value: T): T {
    const result = super.writable(value);
    if (result !== value) this.copies++;
    return result;
  }
}

describe('CopyOnWrite', () => {
  it('copies a value the batch does not own once, then hands out that copy', () => {
    const cow = new CopyOnWrite();
    const list = [1, 2];
    const copy = cow.writable(list);
    expect(copy).not.toBe(list);
    expect(copy).toEqual(list);
    expect(cow.writable(copy)).toBe(copy);
    expect(new CopyOnWrite().writable(copy)).not.toBe(copy);
  });
});

describe('reduceAll', () => {
  it('gives the same state as reducing the events one by one', () => {
    const start = bigRoom(50);
    const events = burst(50, 30);
    const oneByOne = events.reduce((state, event) => conversationReducer(state, event), start);
    expect(reduceAll(conversationReducer, start, events)).toEqual(oneByOne);
  });

  it('never changes its input, which stays usable as it was', () => {
    const start = deepFreeze(bigRoom(50));
    const before = JSON.stringify(start);
    // Frozen input: any write to it would throw.
    const after = reduceAll(conversationReducer, start, burst(50, 30));
    expect(JSON.stringify(start)).toBe(before);
    expect(after.messages).toHaveLength(80);
    expect(start.messages).toHaveLength(50);
  });

  it('copies each collection once per batch, however many events change it', () => {
    const size = 2_000;
    const start = bigRoom(size);
    const events = burst(size, 1_000);

    const shared = new CountingCopyOnWrite();
    const batched = events.reduce((state, event) => conversationReducer(state, event, shared), start);
    // messages, aliases and occupants: one copy each for 2,002 events.
    expect(shared.copies).toBe(3);

    let copiesOneByOne = 0;
    const oneByOne = events.reduce((state, event) => {
      const cow = new CountingCopyOnWrite();
      const next = conversationReducer(state, event, cow);
      copiesOneByOne += cow.copies;
      return next;
    }, start);
    expect(copiesOneByOne).toBeGreaterThan(2_000);
    expect(batched).toEqual(oneByOne);
  });

  it('copies the roster presence once for a burst of presences', () => {
    const cow = new CountingCopyOnWrite();
    let state = initialRosterState;
    for (let i = 0; i < 500; i++) {
      state = rosterReducer(state, { type: 'presence', jid: `c${i}@example.org`, resource: 'r', presence: { show: 'online', priority: 0 } }, cow);
    }
    expect(Object.keys(state.presence)).toHaveLength(500);
    expect(cow.copies).toBe(1);
    expect(initialRosterState.presence).toEqual({});
  });
});

describe('StoreBatch', () => {
  it('reads a store once, reduces every event into it and writes each changed key once', () => {
    const store = createStore<ConversationState>(bigRoom(10));
    const keys = Object.keys(initialConversationState(ROOM)) as (keyof ConversationState & string)[];
    const writes: string[] = [];
    store.on('set', key => writes.push(key));
    const untouched = store.get('draft');

    const batch = new StoreBatch();
    for (const event of burst(10, 100)) batch.reduce(store, keys, conversationReducer, event);
    expect(writes).toEqual([]);
    batch.commit();

    expect(writes.sort()).toEqual(['aliases', 'messages', 'occupants']);
    expect(store.get('messages')).toHaveLength(110);
    expect(store.get('draft')).toBe(untouched);
  });
});
