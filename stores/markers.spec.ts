/** XEP-0333 chat markers in the stores: the peer's "displayed" makes our messages seen; ours from another client reads the chat. */
import type { Message } from '../adapters/types';
import { conversationReducer, initialConversationState, type ConversationState } from './conversation';
import { conversationsReducer, initialConversationsState } from './conversations';

const PEER = 'romeo@montague.lit';
const ME = 'juliet@capulet.lit';
const mine = (id: string, status: Message['status'] = 'delivered', timestamp = 1_000): Message => ({ id, originId: id, conversation: PEER, from: ME, direction: 'out', body: id, timestamp, status });
const theirs = (id: string, timestamp = 1_000): Message => ({ id, conversation: PEER, from: PEER, direction: 'in', body: id, timestamp, status: 'received' });

function apply(state: ConversationState, ...messages: Message[]): ConversationState {
  return messages.reduce((current, message) => conversationReducer(current, { type: 'message', message }), state);
}
const statuses = (state: ConversationState) => state.messages.map(m => `${m.id}:${m.status}`);

describe('displayed markers', () => {
  const chat = apply(initialConversationState(PEER), mine('a', 'sent', 1), theirs('t', 2), mine('b', 'delivered', 3), mine('c', 'pending', 4), mine('d', 'sent', 5));

  it('the peer displayed our message b: it and every own sent message before it are seen, later ones and pending ones not', () => {
    const state = conversationReducer(chat, { type: 'displayed', conversation: PEER, id: 'b', by: 'peer' });
    expect(statuses(state)).toEqual(['a:seen', 't:received', 'b:seen', 'c:pending', 'd:sent']);
    // A later receipt never takes "seen" back.
    expect(statuses(conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'b', status: 'delivered' }))).toContain('b:seen');
  });

  it('a marker of a message of theirs, of an unknown id, for another chat or from our other client changes nothing', () => {
    for (const event of [
      { type: 'displayed' as const, conversation: PEER, id: 't', by: 'peer' as const },
      { type: 'displayed' as const, conversation: PEER, id: 'zzz', by: 'peer' as const },
      { type: 'displayed' as const, conversation: 'other@x.lit', id: 'b', by: 'peer' as const },
      { type: 'displayed' as const, conversation: PEER, id: 'b', by: 'self' as const },
    ]) {
      expect(conversationReducer(chat, event)).toBe(chat);
    }
  });

  it('our other client displayed the chat: it has no unread messages any more; the peer’s marker does not read it', () => {
    const withUnread = { ...initialConversationsState, items: { [PEER]: { jid: PEER, kind: 'chat' as const, unread: 3 } } };
    expect(conversationsReducer(withUnread, { type: 'displayed', conversation: PEER, id: 't', by: 'peer' })).toBe(withUnread);
    expect(conversationsReducer(withUnread, { type: 'displayed', conversation: PEER, id: 't', by: 'self' }).items[PEER].unread).toBe(0);
  });
});
