/**
 * What the user has seen: XEP-0333 "displayed" to a contact who asked, once per message, and the
 * XEP-0490 displayed state in the account's PEP for the user's other clients (chats and rooms).
 */
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
  /** Per conversation, the stanza-id last published as displayed (XEP-0490). */
  const published = new Map<string, string>();

  /** The newest message with an archive id (ours or the room's) is what the user's other clients learn was displayed. */
  function publishDisplayed(jid: string): void {
    const messages = conversation(jid).get('messages');
    let newest;
    for (let index = messages.length - 1; index >= 0 && !newest; index--) if (messages[index].stanzaId !== undefined && !messages[index].notice) newest = messages[index];
    if (!newest?.stanzaId || published.get(jid) === newest.stanzaId || jid.includes('/')) return;
    published.set(jid, newest.stanzaId);
    adapter.publishDisplayed(jid, newest.stanzaId).catch(error => {
      published.delete(jid);
      console.warn('[natter] displayed state not published', error);
    });
  }

  return {
    reset: () => {
      marked.clear();
      published.clear();
    },
    actions: {
      markDisplayed(jid) {
        const store = conversation(jid);
        if (ctx.connection.get('status') !== 'online') return;
        publishDisplayed(jid);
        if (store.get('room')) return;
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
