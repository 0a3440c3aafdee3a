/**
 * What the session keeps on the device, per account: the outbox (messages not yet confirmed by
 * the server) and a cache of the roster and recent chats (shown at once on the next visit).
 * IndexedDB through `idb` (a small, maintained promise wrapper) where the browser has
 * it; in memory elsewhere (Node, private modes that refuse IndexedDB), so nothing fails for lack of it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Contact, Jid, Message, OutgoingExtras, OwnAvailability, OwnPresence } from '../adapters/types';

/** One message (or correction) the user sent that the server has not confirmed yet. */
export interface OutboxEntry {
  /** Id of what is sent (the message's, or the correction's): its origin-id, so a copy is recognised. */
  id: string;
  conversation: Jid;
  /** A room's: sent only once the room is joined again, never as a chat to its address. */
  room: boolean;
  body: string;
  /** With a correction: the id the corrected message was sent with. */
  replaces?: string;
  extras?: OutgoingExtras;
  /** As shown, to show it again after a reload. */
  message: Message;
  /** When it was queued (ms since the epoch): the archive is searched from before it. */
  createdAt: number;
  /** Written to a stream at least once: it may have reached the server, so the archive is asked first. */
  attempted: boolean;
  /** Queue order across a reload. */
  seq: number;
}

export interface OutboxStorage {
  /** The account's entries, in queue order. */
  load(account: Jid): Promise<OutboxEntry[]>;
  save(account: Jid, entry: OutboxEntry): Promise<void>;
  remove(account: Jid, id: string): Promise<void>;
  clear(account: Jid): Promise<void>;
}

/** What a returning user sees before the server answers. */
export interface CachedAccount {
  roster: Contact[];
  /** Chats, each with its newest messages (oldest first). */
  chats: { jid: Jid; messages: Message[] }[];
  savedAt: number;
}

export interface CacheStorage {
  load(account: Jid): Promise<CachedAccount | null>;
  save(account: Jid, cached: CachedAccount): Promise<void>;
  clear(account: Jid): Promise<void>;
}

/** Avatar images by id (their SHA-1): checked bytes, shared by every account (the id says what they are). */
export interface AvatarStorage {
  get(id: string): Promise<{ type: string; bytes: Uint8Array } | null>;
  put(id: string, image: { type: string; bytes: Uint8Array }): Promise<void>;
}

interface NatterDb extends DBSchema {
  outbox: { key: [string, string]; value: OutboxEntry & { account: Jid }; indexes: { account: string } };
  cache: { key: string; value: CachedAccount & { account: Jid } };
  avatars: { key: string; value: { id: string; type: string; bytes: Uint8Array; savedAt: number } };
}

const DB_NAME = 'natter';
/** 1: outbox and cache; 2: avatars. */
const DB_VERSION = 2;

let database: Promise<IDBPDatabase<NatterDb>> | undefined;

/** The page's one connection to the database `natter` (stores `outbox`, `cache` and `avatars`). */
function open(): Promise<IDBPDatabase<NatterDb>> {
  database ??= openDB<NatterDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const store = db.createObjectStore('outbox', { keyPath: ['account', 'id'] });
        store.createIndex('account', 'account');
        db.createObjectStore('cache', { keyPath: 'account' });
      }
      if (oldVersion < 2) db.createObjectStore('avatars', { keyPath: 'id' });
    },
  } as Parameters<typeof openDB<NatterDb>>[2]);
  // A failed open (a refusing private mode) is tried again next time rather than kept.
  database.catch(() => (database = undefined));
  return database;
}

/** The outbox in IndexedDB (store `outbox`, keyed by account and id). */
export function indexedDbOutbox(): OutboxStorage {
  return {
    async load(account) {
      const rows = await (await open()).getAllFromIndex('outbox', 'account', account);
      return rows.map(({ account: _account, ...entry }) => entry).sort((a, b) => a.seq - b.seq);
    },
    async save(account, entry) {
      await (await open()).put('outbox', { ...entry, account });
    },
    async remove(account, id) {
      await (await open()).delete('outbox', [account, id]);
    },
    async clear(account) {
      const database = await open();
      const keys = await database.getAllKeysFromIndex('outbox', 'account', account);
      const tx = database.transaction('outbox', 'readwrite');
      await Promise.all([...keys.map(key => tx.store.delete(key)), tx.done]);
    },
  };
}

/** The outbox in memory: lost with the page, for where IndexedDB is missing. */
export function memoryOutbox(): OutboxStorage {
  const accounts = new Map<Jid, Map<string, OutboxEntry>>();
  const of = (account: Jid) => {
    let entries = accounts.get(account);
    if (!entries) accounts.set(account, (entries = new Map()));
    return entries;
  };
  return {
    async load(account) {
      return [...of(account).values()].sort((a, b) => a.seq - b.seq).map(entry => structuredCopy(entry));
    },
    async save(account, entry) {
      of(account).set(entry.id, structuredCopy(entry));
    },
    async remove(account, id) {
      of(account).delete(id);
    },
    async clear(account) {
      accounts.delete(account);
    },
  };
}

/** IndexedDB stores copies; so does the memory store, so callers cannot tell them apart. */
function structuredCopy<T>(value: T): T {
  return typeof structuredClone === 'function' ? structuredClone(value) : JSON.parse(JSON.stringify(value));
}

/** IndexedDB where the environment has it, else memory. */
export function defaultOutboxStorage(): OutboxStorage {
  return typeof indexedDB !== 'undefined' ? indexedDbOutbox() : memoryOutbox();
}

/** The cache in IndexedDB (store `cache`, one record per account). */
export function indexedDbCache(): CacheStorage {
  return {
    async load(account) {
      const row = await (await open()).get('cache', account);
      if (!row) return null;
      const { account: _account, ...cached } = row;
      return cached;
    },
    async save(account, cached) {
      await (await open()).put('cache', { ...cached, account });
    },
    async clear(account) {
      await (await open()).delete('cache', account);
    },
  };
}

export function memoryCache(): CacheStorage {
  const accounts = new Map<Jid, CachedAccount>();
  return {
    load: async account => (accounts.has(account) ? structuredCopy(accounts.get(account)!) : null),
    save: async (account, cached) => void accounts.set(account, structuredCopy(cached)),
    clear: async account => void accounts.delete(account),
  };
}

export function defaultCacheStorage(): CacheStorage {
  return typeof indexedDB !== 'undefined' ? indexedDbCache() : memoryCache();
}

/** The presence the user chose, per account: restored at the next sign-in on this device. */
export interface PresenceStorage {
  load(account: Jid): OwnPresence | null;
  save(account: Jid, presence: OwnPresence): void;
  clear(account: Jid): void;
}

const PRESENCE_KEY = 'natter:presence:';
const AVAILABILITIES: readonly OwnAvailability[] = ['online', 'away', 'dnd', 'invisible'];
/** A kept status text longer than this is someone else's data: ignored. */
const MAX_KEPT_STATUS = 1_000;

/** What was read back, if it is a presence at all (the storage is the page's, anyone may have written it). */
function keptPresence(raw: string | null): OwnPresence | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<OwnPresence>;
    if (!AVAILABILITIES.includes(value?.availability as OwnAvailability)) return null;
    const status = typeof value.status === 'string' && value.status.length <= MAX_KEPT_STATUS ? value.status : undefined;
    return status ? { availability: value.availability!, status } : { availability: value.availability! };
  } catch {
    return null;
  }
}

/** Small and read before signing in, so synchronous: `localStorage`. */
export function localPresenceStorage(storage: Storage): PresenceStorage {
  return {
    load: account => {
      try {
        return keptPresence(storage.getItem(PRESENCE_KEY + account));
      } catch {
        return null;
      }
    },
    save: (account, presence) => {
      try {
        storage.setItem(PRESENCE_KEY + account, JSON.stringify(presence));
      } catch {
        // Full or refused (private mode): the choice still holds for this visit.
      }
    },
    clear: account => {
      try {
        storage.removeItem(PRESENCE_KEY + account);
      } catch {
        // nothing kept
      }
    },
  };
}

/** Avatars in IndexedDB (store `avatars`, by id). */
export function indexedDbAvatars(): AvatarStorage {
  return {
    async get(id) {
      const row = await (await open()).get('avatars', id);
      return row ? { type: row.type, bytes: row.bytes } : null;
    },
    async put(id, image) {
      await (await open()).put('avatars', { id, type: image.type, bytes: image.bytes, savedAt: Date.now() });
    },
  };
}

export function memoryPresenceStorage(): PresenceStorage {
  const kept = new Map<Jid, OwnPresence>();
  return {
    load: account => kept.get(account) ?? null,
    save: (account, presence) => void kept.set(account, { ...presence }),
    clear: account => void kept.delete(account),
  };
}

export function defaultPresenceStorage(): PresenceStorage {
  try {
    if (typeof localStorage !== 'undefined' && localStorage) return localPresenceStorage(localStorage);
  } catch {
    // access refused (sandboxed frame)
  }
  return memoryPresenceStorage();
}

/** Avatars in memory, for where IndexedDB is missing: lost with the page. */
export function memoryAvatars(): AvatarStorage {
  const images = new Map<string, { type: string; bytes: Uint8Array }>();
  return {
    get: async id => images.get(id) ?? null,
    put: async (id, image) => void images.set(id, { type: image.type, bytes: image.bytes.slice() }),
  };
}

export function defaultAvatarStorage(): AvatarStorage {
  return typeof indexedDB !== 'undefined' ? indexedDbAvatars() : memoryAvatars();
}
