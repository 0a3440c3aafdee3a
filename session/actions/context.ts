/**
 * What a group of session actions works with: the adapter, the stores, and the session's way of
 * applying events. Each feature's actions live in a file of their own beside this one
 * (docs/decisions/0015-adapter-features.md); session.ts composes them.
 */
import type { ChatAdapter, Jid } from '../../adapters/types';
import type { ConnectionStore } from '../../stores/connection';
import type { ConversationStore } from '../../stores/conversation';
import type { ConversationsStore } from '../../stores/conversations';
import type { SessionEvent } from '../../stores/events';
import type { RoomsStore } from '../../stores/rooms';

export interface SessionContext {
  readonly adapter: ChatAdapter;
  readonly connection: ConnectionStore;
  readonly conversations: ConversationsStore;
  readonly rooms: RoomsStore;
  /** The store of one conversation, created on first use. */
  conversation(jid: Jid): ConversationStore;
  /** Applies an event now (after what is queued). */
  dispatch(event: SessionEvent): void;
  /** Queues an event for the next frame's batch. */
  enqueue(event: SessionEvent): void;
  /** Waits for adapter work, then applies what it emitted: an action settles with its outcome in the stores. */
  settled<T>(work: Promise<T>): Promise<T>;
  /** Own bare JID while signed in. */
  ownJid(): Jid | null;
}
