/**
 * The local cache of an account: its roster and the newest messages of its chats, kept on the
 * device (./storage.ts) so that a returning user sees their chats at once, before the server has
 * answered; the server's roster replaces the cached one, and the catch-up brings what came since.
 * Rooms are not cached: they come back with the bookmarks that join them, with their archives.
 */
import type { Jid, Message } from '../adapters/types';
import type { SessionEvent } from '../stores/events';
import type { RosterStore } from '../stores/roster';
import type { ConversationsStore } from '../stores/conversations';
import type { ConversationStore } from '../stores/conversation';
import type { CacheStorage, CachedAccount } from './storage';

/** Messages kept per chat: a screenful and more, not the archive. */
export const CACHED_MESSAGES = 50;
/** A burst of changes is saved once, this long after it began. */
const SAVE_AFTER_MS = 2_000;

export interface LocalCache {
  /** Shows what is kept for `account` (dispatching `roster` and `cached` events); resolves with whether there was anything. */
  restore(account: Jid): Promise<boolean>;
  /** Resolves like the latest `restore`. */
  restored(): Promise<boolean>;
  /** Something may have changed: save soon. */
  changed(): void;
  /** Forgets the account here and on the device (sign-out). */
  clear(): Promise<void>;
  dispose(): void;
}

interface CacheSources {
  roster: RosterStore;
  conversations: ConversationsStore;
  conversation(jid: Jid): ConversationStore;
  dispatch(event: SessionEvent): void;
  /** Saving only while signed in: what the stores hold then is the account's. */
  online(): boolean;
}

/** What of a chat is worth keeping: what the server has (not queued own messages: the outbox has those), no notices. */
function keptMessages(messages: Message[]): Message[] {
  const kept: Message[] = [];
  for (let index = messages.length - 1; index >= 0 && kept.length < CACHED_MESSAGES; index--) {
    const message = messages[index];
    if (message.notice || message.status === 'pending' || message.status === 'failed') continue;
    kept.push(message);
  }
  return kept.reverse();
}

export function createLocalCache(storage: CacheStorage, sources: CacheSources, log: Pick<Console, 'warn'> = console): LocalCache {
  let account: Jid | null = null;
  let restoring: Promise<boolean> = Promise.resolve(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function snapshot(): CachedAccount {
    const chats: CachedAccount['chats'] = [];
    for (const item of Object.values(sources.conversations.get('items'))) {
      if (item.kind !== 'chat') continue;
      const messages = keptMessages(sources.conversation(item.jid).get('messages'));
      if (messages.length > 0) chats.push({ jid: item.jid, messages });
    }
    return { roster: Object.values(sources.roster.get('contacts')), chats, savedAt: Date.now() };
  }

  function save(): void {
    timer = undefined;
    const owner = account;
    if (owner === null || !sources.online()) return;
    storage.save(owner, snapshot()).catch(error => log.warn('[natter] the local cache could not be saved', error));
  }

  return {
    restore(next) {
      account = next;
      restoring = storage.load(next).then(
        cached => {
          if (!cached || account !== next) return false;
          // The server's roster may have come first: it is newer.
          if (!sources.roster.get('loaded')) sources.dispatch({ type: 'roster', contacts: cached.roster });
          for (const chat of cached.chats) sources.dispatch({ type: 'cached', conversation: chat.jid, messages: chat.messages });
          return cached.chats.length > 0 || cached.roster.length > 0;
        },
        error => {
          log.warn('[natter] the local cache could not be read', error);
          return false;
        },
      );
      return restoring;
    },
    restored: () => restoring,
    changed() {
      if (account === null || timer !== undefined) return;
      timer = setTimeout(save, SAVE_AFTER_MS);
    },
    async clear() {
      clearTimeout(timer);
      timer = undefined;
      const owner = account;
      account = null;
      if (owner !== null) await storage.clear(owner).catch(error => log.warn('[natter] the local cache could not be cleared', error));
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
      account = null;
    },
  };
}
