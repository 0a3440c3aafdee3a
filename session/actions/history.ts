/** The actions of a conversation's history: archive pages, and following the newest messages. */
import type { Jid } from '../../adapters/types';
import { errorMessage } from '../errors';
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

/** Messages asked of the archive per page. */
export const HISTORY_PAGE_SIZE = 50;

export interface HistoryActions {
  actions: Pick<SessionActions, 'loadOlderMessages' | 'setFollowingLatest'>;
  /** A conversation opened while offline gets its history once we are online. */
  loadActiveHistory(): void;
}

export function historyActions(ctx: SessionContext): HistoryActions {
  const { adapter, conversation, dispatch } = ctx;

  async function loadHistory(jid: Jid, before?: string): Promise<void> {
    const store = conversation(jid);
    if (store.get('history').status === 'loading') return;
    dispatch({ type: 'historyLoading', conversation: jid });
    try {
      await ctx.settled(adapter.loadHistory(jid, { before, max: HISTORY_PAGE_SIZE }));
    } catch (error) {
      dispatch({ type: 'historyError', conversation: jid, error: errorMessage(error) });
    }
  }

  return {
    loadActiveHistory() {
      const active = ctx.conversations.get('active');
      if (active && !conversation(active).get('history').requested) void loadHistory(active);
    },
    actions: {
      async loadOlderMessages(jid) {
        const history = conversation(jid).get('history');
        if (history.complete) return;
        await loadHistory(jid, history.cursor);
      },
      setFollowingLatest(jid, following) {
        dispatch({ type: 'followingLatest', conversation: jid, following });
      },
    },
  };
}
