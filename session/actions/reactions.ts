/** The user's XEP-0444 reactions to messages: toggling one sends the whole new set. */
import type { Jid, Message } from '../../adapters/types';
import { sentId } from '../../stores/conversation';
import { randomId } from '../ids';
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

export function reactionActions(ctx: SessionContext): Pick<SessionActions, 'toggleReaction'> {
  const { adapter, conversation, dispatch } = ctx;
  return {
    async toggleReaction(jid, messageId, emoji) {
      const store = conversation(jid);
      const room = store.get('room');
      const target = store.get('messages').find(candidate => candidate.id === messageId);
      if (!target || target.notice || target.retractedAt !== undefined) throw new Error('no such message to react to');
      // XEP-0444: in a room the room's stanza-id names the message; in a chat the id it was sent with.
      const wireId = room ? target.stanzaId : target.direction === 'out' && target.status === 'pending' ? undefined : sentId(target);
      if (wireId === undefined) throw new Error('the message has not reached the server yet');
      if (room && room.status !== 'joined') throw new Error('not in the room');
      const own = target.reactions?.self?.emojis ?? [];
      const emojis = own.includes(emoji) ? own.filter(candidate => candidate !== emoji) : [...own, emoji];
      const reactionId = randomId();
      await ctx.settled(adapter.sendReactions(jid, wireId, emojis, reactionId));
      const from: Jid = room ? `${jid}/${room.nick}` : (ctx.ownJid() ?? '');
      const reaction: Message = { id: reactionId, originId: reactionId, conversation: jid, from, direction: 'out', body: '', timestamp: Date.now(), status: 'sent', reactsTo: { id: wireId, emojis } };
      if (room) reaction.nick = room.nick;
      dispatch({ type: 'message', message: reaction });
    },
  };
}
