/**
 * The outbox: every message (and correction) the user sent, from the moment it is shown until
 * the server confirms it (XEP-0198 ack, the room's reflection, or its copy in the archive). It is
 * kept on the device (./storage.ts), so a message typed offline survives a reload, and is sent
 * when the session can send, in order, always with its first id (origin-id), so that a copy the
 * server already had is recognised instead of delivered twice.
 */
import type { Jid, Message } from '../adapters/types';
import type { OutboxEntry, OutboxStorage } from './storage';

export type { OutboxEntry } from './storage';

/**
 * Failures that say nothing about the message, only about the connection at the time: the
 * message stays queued and goes again when the session is back.
 */
const RETRYABLE = new Set(['not connected', 'not-acknowledged', 'disconnected', 'not in the room']);

/** An error bounce from the network (a peer's server that timed out) is an answer about the message: it fails. */
export function isRetryable(error: string | undefined): boolean {
  return error !== undefined && RETRYABLE.has(error);
}

export interface Outbox {
  /**
   * Takes the account's kept entries (a reload, or another tab's leftovers): they join the queue
   * after what is queued already, and `show` gets each message to show again as pending.
   */
  open(account: Jid, show: (message: Message) => void): Promise<void>;
  /** Resolves when the kept entries of the account opened last are in the queue. */
  ready(): Promise<void>;
  add(entry: Omit<OutboxEntry, 'seq' | 'attempted' | 'createdAt'>): void;
  has(id: string): boolean;
  get(id: string): OutboxEntry | undefined;
  /** It is being written to the stream: from now on it may reach the server. */
  attempted(id: string): void;
  /** The server has it (or it failed for good): it leaves the queue. */
  remove(id: string): void;
  /** In queue order. */
  entries(): OutboxEntry[];
  /** Forgets every entry of the account, here and on the device (sign-out). */
  clear(): Promise<void>;
}

export function createOutbox(storage: OutboxStorage, log: Pick<Console, 'warn'> = console): Outbox {
  const queue = new Map<string, OutboxEntry>();
  let account: Jid | null = null;
  let seq = 0;
  let loading: Promise<void> = Promise.resolve();
  let signedOut = false;

  /** A device that refuses to store (quota, private mode) costs the reload guarantee, never the message. */
  const persist = (work: (account: Jid) => Promise<void>) => {
    if (account === null) return;
    work(account).catch(error => log.warn('[natter] the outbox could not be kept on this device', error));
  };

  return {
    open(next, show) {
      // Another account's queue is not this one's; what was queued before the first sign-in is (not after a sign-out: whose would it be?).
      if ((account !== null && next !== account) || (account === null && signedOut)) queue.clear();
      account = next;
      for (const entry of queue.values()) persist(owner => storage.save(owner, entry));
      loading = storage.load(next).then(
        kept => {
          if (account !== next) return;
          for (const entry of kept) {
            seq = Math.max(seq, entry.seq + 1);
            if (queue.has(entry.id)) continue;
            queue.set(entry.id, entry);
            show({ ...entry.message, status: 'pending', error: undefined });
          }
        },
        error => log.warn('[natter] the outbox kept on this device could not be read', error),
      );
      return loading;
    },
    ready: () => loading,
    add(entry) {
      const full: OutboxEntry = { ...entry, createdAt: Date.now(), attempted: false, seq: seq++ };
      queue.set(full.id, full);
      persist(owner => storage.save(owner, full));
    },
    has: id => queue.has(id),
    get: id => queue.get(id),
    attempted(id) {
      const entry = queue.get(id);
      if (!entry || entry.attempted) return;
      entry.attempted = true;
      persist(owner => storage.save(owner, entry));
    },
    remove(id) {
      if (!queue.delete(id)) return;
      persist(owner => storage.remove(owner, id));
    },
    entries: () => [...queue.values()],
    async clear() {
      queue.clear();
      signedOut = true;
      const owner = account;
      account = null;
      if (owner !== null) await storage.clear(owner).catch(error => log.warn('[natter] the outbox kept on this device could not be cleared', error));
    },
  };
}
