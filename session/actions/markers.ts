/** XEP-0333 chat markers the user's client sends: "displayed" once the user has seen a message. */
import { sentId } from '../../stores/conversation';
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

export interface MarkerActions {
  actions: Pick<SessionActions, 'markDisplayed'>;
  /** Forgets what was marked (sign-out). */
  reset(): void;
}

export function markerActions(ctx: SessionContext, subscription: (jid: string) => string | undefined): MarkerActions {
  const { adapter, conversation } = ctx;
  /** Per conversation, the id of the last message we said was displayed. */
  const marked = new Map<string, string>();
  return {
    reset: () => marked.clear(),
    actions: {
      markDisplayed(jid) {
        const store = conversation(jid);
        if (store.get('room') || ctx.connection.get('status') !== 'online') return;
        // Reading is private: only a contact who sees our presence learns it, as with receipts (never an occupant in a private chat).
        const shared = subscription(jid);
        if (shared !== 'from' && shared !== 'both') return;
        const messages = store.get('messages');
        for (let index = messages.length - 1; index >= 0; index--) {
          const message = messages[index];
          if (message.direction !== 'in' || message.notice) continue;
          // Only the newest incoming message counts; it marks all before it too.
          if (!message.markable) return;
          const id = sentId(message);
          if (marked.get(jid) === id) return;
          marked.set(jid, id);
          adapter.sendDisplayed(jid, id).catch(error => {
            marked.delete(jid);
            console.warn('[natter] displayed marker not sent', error);
          });
          return;
        }
      },
    },
  };
}
