/**
 * Coming back after the connection was lost. A resumed stream (XEP-0198) lost nothing: only the
 * messages queued meanwhile go out. A fresh session (the server forgot the old one, or the page
 * was reloaded with messages still queued) first reads what the archives hold since the last
 * message held — the account's archive for every chat at once, each room's own once it is joined
 * again — so that the view equals the archive and the queued messages the server already had are
 * recognised; then the outbox is sent, in order.
 */
import type { CatchUpFrom, Jid, Message } from '../../adapters/types';
import type { Outbox, OutboxEntry } from '../outbox';
import type { SessionContext } from './context';

/**
 * How far before the last message held (or the first queued message that may have gone out) the
 * archive is read when an archive id cannot be used: our clock and the server's may differ, and a
 * message is stamped before it reaches the server. Copies of what is held are recognised, not doubled.
 */
export const CATCH_UP_MARGIN_MS = 2 * 60_000;

export interface Recovery {
  /** The connection went online; `fresh` unless the stream was resumed. */
  online(fresh: boolean): Promise<void>;
  /** The connection is no longer online. */
  offline(): void;
  /** A room was joined (or joined again): catch it up, then send what waits for it. */
  roomJoined(room: Jid): Promise<void>;
  /** The user is out of a room for good (left, kicked, banned, the room destroyed): what waits for it fails. */
  roomLeft(room: Jid, reason: string): void;
  /** The session is gone: nothing is sent after a catch-up that was under way. */
  dispose(): void;
  /** Sign-out: the next login starts a new account's session. */
  reset(): void;
}

/** The newest message of `messages` with an archive id, if any. */
function newestArchived(messages: Message[]): Message | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.stanzaId !== undefined && !message.notice) return message;
  }
  return undefined;
}

/** What recovery asks of the message actions (./messages.ts). */
export interface OutboxSender {
  flush(which: (entry: OutboxEntry) => boolean): void;
  newStream(): void;
  hold(hold: (entry: OutboxEntry) => boolean): void;
}

/** Why a room was left that ends its queued messages: the user cannot post there any more. */
const ROOM_GONE = new Set(['left', 'kicked', 'banned', 'removed', 'destroyed']);

export function recoveryActions(
  ctx: SessionContext,
  outbox: Outbox,
  sender: OutboxSender,
  /** Resolves with whether the local cache showed chats from an earlier visit (which then need catching up too). */
  cacheRestored: () => Promise<boolean> = async () => false,
): Recovery {
  const { adapter, conversation } = ctx;
  let wasOnline = false;
  /** When the connection was last lost, while it is not back. */
  let lostAt: number | undefined;
  /** Rooms joined since sign-in: joined again, they catch up from their newest message held. */
  const joinedRooms = new Set<Jid>();
  const isRoom = (jid: Jid) => conversation(jid).get('room') !== null;

  /**
   * Where to read an archive from: after its newest message held (`after`), with a time for when
   * the archive no longer knows that id (`start`); only from a time when nothing is held, or when
   * a queued message that may have gone out is older than what is held. Null: nothing to read.
   */
  function catchUpFrom(held: Message | undefined, earliest: number | undefined): CatchUpFrom | null {
    if (held === undefined && earliest === undefined) return null;
    const from: CatchUpFrom = { start: Math.min(held?.timestamp ?? Infinity, earliest ?? Infinity) - CATCH_UP_MARGIN_MS };
    if (held?.stanzaId !== undefined && (earliest === undefined || earliest >= held.timestamp)) from.after = held.stanzaId;
    return from;
  }

  const earliestOf = (...times: (number | undefined)[]) => {
    const known = times.filter((t): t is number => t !== undefined);
    return known.length ? Math.min(...known) : undefined;
  };

  /** The oldest queued message of these conversations that may have reached the server. */
  function oldestAttempted(which: (entry: OutboxEntry) => boolean): number | undefined {
    let oldest: number | undefined;
    for (const entry of outbox.entries()) {
      if (entry.attempted && which(entry)) oldest = Math.min(oldest ?? Infinity, entry.createdAt);
    }
    return oldest;
  }

  // While an archive is read, what it may already hold waits: the chats', or one room's.
  let chatsHeld = false;
  const roomsHeld = new Set<Jid>();
  let disposed = false;
  let onlineGen = 0;
  const roomGen = new Map<Jid, number>();
  sender.hold(entry => (entry.room ? roomsHeld.has(entry.conversation) : chatsHeld));

  async function catchUp(archive: Jid | null, from: CatchUpFrom | null): Promise<void> {
    if (!from) return;
    try {
      await ctx.settled(adapter.catchUp(archive, from));
    } catch (error) {
      // Sending is still better than holding the queue: a copy the server had would be its only cost.
      console.warn(`[natter] catching up ${archive ?? 'the chats'} after the reconnect failed`, error);
    }
  }

  return {
    async online(fresh) {
      const wasBefore = wasOnline;
      wasOnline = true;
      const lost = lostAt;
      lostAt = undefined;
      if (!fresh) {
        // Resumed: the stream resends what it had not acknowledged; what was queued meanwhile goes now (rooms too: still joined).
        sender.flush(() => true);
        return;
      }
      sender.newStream();
      // A newer session start supersedes this one (the connection went and came back meanwhile).
      const gen = ++onlineGen;
      chatsHeld = true;
      try {
        await outbox.ready();
        // Chats cached from an earlier visit are held like those of an earlier connection: what came since is missing.
        const reconnect = wasBefore || (await cacheRestored());
        let held: Message | undefined;
        /** The newest message held at all: without an archive id, its time is where the gap starts (cached chats). */
        let newestAny: number | undefined;
        if (reconnect) {
          for (const jid of Object.keys(ctx.conversations.get('items'))) {
            if (isRoom(jid)) continue;
            const messages = conversation(jid).get('messages');
            const newest = newestArchived(messages);
            if (newest && (!held || newest.timestamp > held.timestamp)) held = newest;
            for (let index = messages.length - 1; index >= 0; index--) {
              const message = messages[index];
              if (message.status === 'pending' || message.status === 'failed' || message.notice) continue;
              newestAny = Math.max(newestAny ?? 0, message.timestamp);
              break;
            }
          }
        }
        const queued = oldestAttempted(entry => !entry.room);
        // A first sign-in has nothing to catch up, unless a reload left messages that may have gone out;
        // after a reconnect, new chats may have started too: read from when the connection was lost.
        if (gen !== onlineGen) return;
        await catchUp(null, catchUpFrom(held, reconnect ? earliestOf(queued, lost ?? newestAny ?? Date.now()) : queued));
      } finally {
        if (gen === onlineGen) chatsHeld = false;
      }
      if (gen === onlineGen && !disposed && ctx.connection.get('status') === 'online') sender.flush(entry => !entry.room);
    },
    offline() {
      if (wasOnline) lostAt ??= Date.now();
    },
    async roomJoined(room) {
      // A first join has its newest page loaded by the join itself; a room joined again has a gap to fill.
      const rejoined = joinedRooms.has(room);
      joinedRooms.add(room);
      const gen = (roomGen.get(room) ?? 0) + 1;
      roomGen.set(room, gen);
      roomsHeld.add(room);
      try {
        await outbox.ready();
        const held = rejoined ? newestArchived(conversation(room).get('messages')) : undefined;
        await catchUp(room, catchUpFrom(held, oldestAttempted(entry => entry.room && entry.conversation === room)));
      } finally {
        if (roomGen.get(room) === gen) roomsHeld.delete(room);
      }
      if (roomGen.get(room) === gen && !disposed) sender.flush(entry => entry.room && entry.conversation === room);
    },
    roomLeft(room, reason) {
      if (!ROOM_GONE.has(reason)) return;
      for (const entry of outbox.entries()) {
        if (!entry.room || entry.conversation !== room) continue;
        outbox.remove(entry.id);
        ctx.dispatch({ type: 'messageStatus', conversation: room, id: entry.id, status: 'failed', error: 'not in the room any more' });
      }
    },
    dispose() {
      disposed = true;
    },
    reset() {
      wasOnline = false;
      joinedRooms.clear();
      lostAt = undefined;
    },
  };
}
