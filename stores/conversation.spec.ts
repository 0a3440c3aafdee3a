import type { Message } from '../adapters/types';
import { conversationReducer, initialConversationState, type ConversationState } from './conversation';

const PEER = 'alice@example.org';
const ME = 'me@example.org';

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    conversation: PEER,
    from: PEER,
    direction: 'in',
    body: 'hello',
    timestamp: 1_000,
    status: 'received',
    ...overrides,
  };
}

function apply(state: ConversationState, ...messages: Message[]): ConversationState {
  return messages.reduce((current, next) => conversationReducer(current, { type: 'message', message: next }), state);
}

describe('conversationReducer', () => {
  const empty = initialConversationState(PEER);

  it('adds a message and keeps the state object when the same message arrives again', () => {
    const once = apply(empty, message());
    expect(once.messages.map(m => m.body)).toEqual(['hello']);
    expect(conversationReducer(once, { type: 'message', message: message() })).toBe(once);
  });

  it('stores a live message, its carbon and its archive copy once', () => {
    const live = message({ id: 'o1', originId: 'o1', stanzaId: 's1' });
    const archived = message({ id: 's1', stanzaId: 's1', originId: undefined, timestamp: 1_000 });
    const carbon = message({ id: 'o1', originId: 'o1' });
    const state = apply(empty, live, carbon, archived);
    expect(state.messages).toHaveLength(1);
  });

  it('recognises an own message echoed back by the archive through its origin-id and learns the stanza-id', () => {
    const sent = message({ id: 'o9', originId: 'o9', from: ME, direction: 'out', status: 'sent' });
    const fromArchive = message({ id: 's9', originId: 'o9', stanzaId: 's9', from: ME, direction: 'out', status: 'sent' });
    const state = apply(empty, sent, fromArchive);
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0].stanzaId).toBe('s9');
    // A later copy known only by the stanza-id is the same message too.
    expect(apply(state, message({ id: 'x', stanzaId: 's9', from: ME, direction: 'out' })).messages).toHaveLength(1);
  });

  it('does not merge equal origin-ids from different authors', () => {
    const state = apply(empty, message({ id: 'a', originId: 'same' }), message({ id: 'b', originId: 'same', from: ME, direction: 'out' }));
    expect(state.messages).toHaveLength(2);
  });

  it('keeps messages ordered by timestamp, equal stamps in arrival order', () => {
    const state = apply(
      empty,
      message({ id: 'late', timestamp: 3_000 }),
      message({ id: 'early', timestamp: 1_000 }),
      message({ id: 'tie', timestamp: 3_000 }),
    );
    expect(state.messages.map(m => m.id)).toEqual(['early', 'late', 'tie']);
  });

  it('ignores messages for another conversation', () => {
    expect(apply(empty, message({ conversation: 'bob@example.org' }))).toBe(empty);
  });

  it('moves an own message through pending, sent, delivered and never back', () => {
    let state = apply(empty, message({ id: 'o1', from: ME, direction: 'out', status: 'pending' }));
    const status = (s: Message['status']) => {
      state = conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'o1', status: s });
      return state.messages[0].status;
    };
    expect(status('delivered')).toBe('delivered');
    expect(status('sent')).toBe('delivered');
    expect(status('failed')).toBe('delivered');
  });

  it('marks a failed message with its reason and lets a retry make it pending again', () => {
    let state = apply(empty, message({ id: 'o1', from: ME, direction: 'out', status: 'pending' }));
    state = conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'o1', status: 'failed', error: 'service-unavailable' });
    expect(state.messages[0]).toMatchObject({ status: 'failed', error: 'service-unavailable' });
    state = conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'o1', status: 'pending' });
    expect(state.messages[0]).toMatchObject({ status: 'pending', error: undefined });
    expect(state.messages).toHaveLength(1);
  });

  it('ignores a status for an unknown message', () => {
    expect(conversationReducer(empty, { type: 'messageStatus', conversation: PEER, id: 'nope', status: 'delivered' })).toBe(empty);
  });

  it('merges a history page, records cursor and completeness, and skips what it already has', () => {
    const live = apply(empty, message({ id: 'live', stanzaId: 's3', timestamp: 3_000 }));
    const state = conversationReducer(live, {
      type: 'history',
      conversation: PEER,
      messages: [message({ id: 's1', stanzaId: 's1', timestamp: 1_000 }), message({ id: 's3', stanzaId: 's3', timestamp: 3_000 })],
      complete: true,
      cursor: 's1',
    });
    expect(state.messages.map(m => m.id)).toEqual(['s1', 'live']);
    expect(state.history).toEqual({ status: 'idle', complete: true, cursor: 's1', requested: true });
  });

  it('tracks history loading and errors', () => {
    const loading = conversationReducer(empty, { type: 'historyLoading', conversation: PEER });
    expect(loading.history.status).toBe('loading');
    const failed = conversationReducer(loading, { type: 'historyError', conversation: PEER, error: 'item-not-found' });
    expect(failed.history).toMatchObject({ status: 'error', error: 'item-not-found', requested: true });
  });

  it('keeps the draft and the peer chat state; a message from the peer ends "composing"', () => {
    let state = conversationReducer(empty, { type: 'draft', conversation: PEER, text: 'half a thought' });
    expect(state.draft).toBe('half a thought');
    state = conversationReducer(state, { type: 'chatState', conversation: PEER, from: PEER, state: 'composing' });
    expect(state.peerState).toBe('composing');
    state = apply(state, message());
    expect(state.peerState).toBe('active');
    expect(state.draft).toBe('half a thought');
  });

  it('handles a 100 KB body and thousands of messages without quadratic blowup in the alias index', () => {
    const big = 'x'.repeat(100_000);
    let state = empty;
    for (let i = 0; i < 2_000; i++) state = apply(state, message({ id: `m${i}`, timestamp: i, body: i === 0 ? big : 'hi' }));
    expect(state.messages).toHaveLength(2_000);
    expect(state.messages[0].body).toHaveLength(100_000);
  });

  it('merges a page into the middle in timestamp order and a copy repeated within the page once', () => {
    let state = apply(empty, message({ id: 'a', timestamp: 1_000 }), message({ id: 'd', timestamp: 4_000 }));
    state = conversationReducer(state, {
      type: 'history',
      conversation: PEER,
      messages: [
        message({ id: 'c', stanzaId: 'sc', timestamp: 3_000 }),
        message({ id: 'b', timestamp: 2_000 }),
        message({ id: 'c2', stanzaId: 'sc', timestamp: 3_000, status: 'delivered' }),
        message({ id: 'e', timestamp: 4_000 }),
      ],
      complete: false,
    });
    expect(state.messages.map(m => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(state.messages[2].status).toBe('delivered');
  });
});
