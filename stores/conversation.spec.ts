import type { Message } from '../adapters/types';
import { conversationReducer, findMessageId, initialConversationState, trimToWindow, type ConversationState } from './conversation';

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

  it('puts an older archive page before held messages with the same whole-second stamp, in page order', () => {
    // Archive stamps have whole seconds: a burst spans few of them, and the page before ours shares them.
    const held = { ...empty, messages: [message({ id: 'm3', timestamp: 5_000 }), message({ id: 'm4', timestamp: 5_000 })] };
    const page = [message({ id: 'm1', timestamp: 5_000 }), message({ id: 'm2', timestamp: 5_000 })];
    const state = conversationReducer(held, { type: 'history', conversation: PEER, messages: page, complete: false });
    expect(state.messages.map(m => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
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
        message({ id: 'e', timestamp: 5_000 }),
      ],
      complete: false,
    });
    expect(state.messages.map(m => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(state.messages[2].status).toBe('delivered');
  });

  it('remembers whether the user follows the newest messages', () => {
    expect(empty.followingLatest).toBe(true);
    const away = conversationReducer(empty, { type: 'followingLatest', conversation: PEER, following: false });
    expect(away.followingLatest).toBe(false);
    expect(conversationReducer(away, { type: 'followingLatest', conversation: PEER, following: false })).toBe(away);
    expect(conversationReducer(away, { type: 'followingLatest', conversation: 'bob@example.org', following: true })).toBe(away);
  });
});

describe('trimToWindow', () => {
  const empty = initialConversationState(PEER);

  /** `count` messages m0…, those whose index `archived` accepts with a stanza-id s<index>. */
  function conversation(count: number, archived: (index: number) => boolean = () => true): ConversationState {
    const messages = Array.from({ length: count }, (_, i) =>
      message({ id: `m${i}`, originId: `o${i}`, stanzaId: archived(i) ? `s${i}` : undefined, timestamp: 1_000 + i }),
    );
    return conversationReducer(empty, { type: 'history', conversation: PEER, messages, complete: true });
  }

  it('leaves a conversation alone up to its window plus the slack', () => {
    const state = conversation(12);
    expect(trimToWindow(state, 10)).toBe(state);
  });

  it('drops the oldest messages down to the window; the archive id of the new oldest becomes the cursor', () => {
    const trimmed = trimToWindow(conversation(13), 10);
    expect(trimmed.messages.map(m => m.id)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12']);
    expect(trimmed.history).toMatchObject({ complete: false, cursor: 's3' });
  });

  it('cuts at the first message with an archive id, keeping fewer than the window', () => {
    const trimmed = trimToWindow(conversation(13, i => i === 0 || i >= 5), 10);
    expect(trimmed.messages[0].id).toBe('m5');
    expect(trimmed.messages).toHaveLength(8);
    expect(trimmed.history.cursor).toBe('s5');
  });

  it('drops nothing when no message it would keep has an archive id (there would be no way back)', () => {
    const state = conversation(13, i => i < 3);
    expect(trimToWindow(state, 10)).toBe(state);
  });

  it('rebuilds the alias index for the kept messages only, so a dropped message can come back', () => {
    const trimmed = trimToWindow(conversation(13), 10);
    expect(Object.values(trimmed.aliases).every(id => trimmed.messages.some(m => m.id === id))).toBe(true);
    expect(findMessageId(trimmed, message({ id: 'x', originId: 'o3' }))).toBe('m3');
    expect(findMessageId(trimmed, message({ id: 'm2', originId: 'o2', stanzaId: 's2' }))).toBeUndefined();
    const reloaded = conversationReducer(trimmed, {
      type: 'history',
      conversation: PEER,
      messages: [message({ id: 's2', originId: 'o2', stanzaId: 's2', timestamp: 1_002 })],
      complete: false,
      cursor: 's2',
    });
    expect(reloaded.messages.map(m => m.id).slice(0, 2)).toEqual(['s2', 'm3']);
  });

  it('drops nothing while the user reads older messages', () => {
    const state = conversationReducer(conversation(13), { type: 'followingLatest', conversation: PEER, following: false });
    expect(trimToWindow(state, 10)).toBe(state);
  });

  it('drops nothing while a page of history is on its way (its cursor would replace ours)', () => {
    const state = conversationReducer(conversation(13), { type: 'historyLoading', conversation: PEER });
    expect(trimToWindow(state, 10)).toBe(state);
  });
});

describe('missed messages (a catch-up)', () => {
  const at = (id: string, timestamp: number, extra: Partial<Message> = {}): Message => ({ id, conversation: 'a@x', from: 'a@x', direction: 'in', body: id, timestamp, status: 'received', ...extra });

  it('puts a message stamped in whole seconds after the newest held one of the same second, and keeps queued own ones by their time', () => {
    let state = conversationReducer(initialConversationState('a@x'), { type: 'message', message: at('live', 10_700, { stanzaId: 's0' }) });
    state = conversationReducer(state, { type: 'message', message: at('queued', 12_500, { direction: 'out', status: 'pending' }) });
    state = conversationReducer(state, { type: 'missed', conversation: 'a@x', messages: [at('m1', 10_000, { stanzaId: 's1' }), at('m2', 11_000, { stanzaId: 's2' }), at('older', 9_000, { stanzaId: 's3' })] });
    expect(state.messages.map(m => m.id)).toEqual(['older', 'live', 'm1', 'm2', 'queued']);
  });

  it('recognises a copy of a held message instead of adding it twice', () => {
    let state = conversationReducer(initialConversationState('a@x'), { type: 'message', message: at('o1', 10_700, { originId: 'o1' }) });
    state = conversationReducer(state, { type: 'missed', conversation: 'a@x', messages: [at('s1', 10_000, { originId: 'o1', stanzaId: 's1' })] });
    expect(state.messages.map(m => [m.id, m.stanzaId])).toEqual([['o1', 's1']]);
  });
});
