/**
 * The XEP-0115 caps cache: `hash` + `ver` → the disco#info it stands for, filled only with
 * answers whose verification string hashes to that ver, so one peer's answer can be used for
 * every peer advertising the same ver. Kept across reloads (IndexedDB `natter-caps` where there
 * is one, else memory) and bounded: the least recently used entries go first.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { CapsAdvert, CapsHash, CapsInfo } from './types';
import { capsVer } from './verification';

export interface CapsRecord {
  /** `hash` + ' ' + `ver`. */
  key: string;
  info: CapsInfo;
  /** Last time an entity advertised it (ms since the epoch): the least recent go first. */
  usedAt: number;
}

/** Where verified entries are kept. */
export interface CapsStorage {
  all(): Promise<CapsRecord[]>;
  put(record: CapsRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Entries kept by default (a few hundred client versions are more than any roster shows). */
export const DEFAULT_CAPS_CACHE_SIZE = 500;
/**
 * Different entities asked about one unverified ver at most (XEP-0115 §8.4 allows five): then
 * its advertisers get no features until the page is reloaded.
 */
const MAX_TRIES = 5;
/** Waiting no longer than this for storage to answer; the cache then starts empty. */
const LOAD_TIMEOUT = 2_000;

export function capsKey(hash: CapsHash, ver: string): string {
  return `${hash} ${ver}`;
}

/** A stored record is used only if it has the shape written and still verifies (storage is outside our control). */
function usable(value: unknown): value is CapsRecord {
  const v = value as Partial<CapsRecord> | null;
  if (!v || typeof v.key !== 'string' || typeof v.usedAt !== 'number' || !v.info) return false;
  const { identities, features, forms } = v.info as Partial<CapsInfo>;
  if (!Array.isArray(identities) || !Array.isArray(features) || !Array.isArray(forms)) return false;
  const space = v.key.indexOf(' ');
  const hash = v.key.slice(0, space) as CapsHash;
  if (hash !== 'sha-1' && hash !== 'sha-256') return false;
  try {
    return capsVer(v.info as CapsInfo, hash) === v.key.slice(space + 1);
  } catch {
    return false;
  }
}

/** Records are plain data: a copy keeps the caller from changing what is stored. */
function clone(record: CapsRecord): CapsRecord {
  return JSON.parse(JSON.stringify(record)) as CapsRecord;
}

export function memoryCapsStorage(): CapsStorage {
  const records = new Map<string, CapsRecord>();
  return {
    async all() {
      return [...records.values()].map((r) => clone(r));
    },
    async put(record) {
      records.set(record.key, clone(record));
    },
    async delete(key) {
      records.delete(key);
    },
  };
}

export const CAPS_DB_NAME = 'natter-caps';
const STORE = 'caps';

/** A database of its own, so that its version never depends on other Natter databases. */
export function indexedDbCapsStorage(name = CAPS_DB_NAME): CapsStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore(STORE, { keyPath: 'key' });
      },
    }).catch((err: unknown) => {
      db = null; // try again next time (e.g. a blocked upgrade)
      throw err;
    }));
  return {
    async all() {
      return (await (await open()).getAll(STORE)) as CapsRecord[];
    },
    async put(record) {
      await (await open()).put(STORE, record);
    },
    async delete(key) {
      await (await open()).delete(STORE, key);
    },
  };
}

/** IndexedDB where the environment has it (browsers), else memory. */
export function defaultCapsStorage(): CapsStorage {
  return typeof indexedDB !== 'undefined' ? indexedDbCapsStorage() : memoryCapsStorage();
}

/** Asks `entity` for disco#info of `node`; the answer's query as XEP-0115 reads it, or null (failed, malformed, someone else answered). */
export type CapsAsk = (entity: string, node: string) => Promise<CapsInfo | null>;

interface Outcome {
  info: CapsInfo | null;
  verified: boolean;
}

export interface CapsCacheOptions {
  storage?: CapsStorage;
  maxEntries?: number;
  warn?: (message: string, ...rest: unknown[]) => void;
  now?: () => number;
  /** Our own disco#info: known without asking (our occupant presence in a room advertises it). */
  own?: CapsInfo;
}

export class CapsCache {
  /** Verified entries; Map order is recency (the first is the least recently used). */
  private readonly entries = new Map<string, CapsRecord>();
  private readonly inflight = new Map<string, Promise<Outcome>>();
  /** Unverified answers (or failed queries) per key, for MAX_TRIES. */
  private readonly failures = new Map<string, number>();
  private readonly storage: CapsStorage;
  private readonly max: number;
  private readonly warn: (message: string, ...rest: unknown[]) => void;
  private readonly now: () => number;
  private loading: Promise<void> | null = null;
  private ownKey: string | undefined;
  private ownInfo: CapsInfo | undefined;

  constructor(options: CapsCacheOptions = {}) {
    this.storage = options.storage ?? memoryCapsStorage();
    this.max = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_CAPS_CACHE_SIZE));
    this.warn = options.warn ?? (() => undefined);
    this.now = options.now ?? Date.now;
    if (options.own) {
      // In memory only: it changes with the code, and is never evicted by others' entries being stored.
      this.ownKey = capsKey('sha-1', capsVer(options.own, 'sha-1'));
      this.ownInfo = options.own;
    }
  }

  /** Reads the stored entries once; a storage failure leaves the cache in memory only. */
  ready(): Promise<void> {
    this.loading ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), LOAD_TIMEOUT)));
        const records = await Promise.race([this.storage.all(), timeout]);
        const valid = records.filter(usable).sort((a, b) => a.usedAt - b.usedAt);
        // Entries verified in this page before the load finished are newer.
        const fresh = [...this.entries.values()];
        this.entries.clear();
        for (const r of valid.slice(-this.max)) this.entries.set(r.key, r);
        for (const r of fresh) this.set(r);
        for (const r of valid.slice(0, Math.max(0, valid.length - this.max))) void this.storage.delete(r.key).catch(() => undefined);
      } catch (err) {
        this.warn('[natter/xmpp] the caps cache could not be read:', err);
      } finally {
        clearTimeout(timer);
      }
    })();
    return this.loading;
  }

  /** The verified disco#info of this ver, if known now (no query); marks it used. */
  peek(hash: CapsHash, ver: string): CapsInfo | undefined {
    const key = capsKey(hash, ver);
    if (key === this.ownKey) return this.ownInfo;
    const record = this.entries.get(key);
    if (!record) return undefined;
    this.touch(record);
    return record.info;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The disco#info `entity` stands for with `advert`: from the cache, else from the query under
   * way for the same ver, else by asking `entity` itself (`node#ver`). An answer that does not hash
   * to the ver is returned for that entity alone and not cached; the next advertiser is then asked.
   */
  async resolve(advert: CapsAdvert, entity: string, ask: CapsAsk): Promise<CapsInfo | null> {
    const key = capsKey(advert.hash, advert.ver);
    if (key === this.ownKey) return this.ownInfo!;
    await this.ready();
    for (;;) {
      const known = this.entries.get(key);
      if (known) {
        this.touch(known);
        return known.info;
      }
      if ((this.failures.get(key) ?? 0) >= MAX_TRIES) return null;
      const pending = this.inflight.get(key);
      if (pending) {
        await pending;
        continue;
      }
      return (await this.query(key, advert, entity, ask)).info;
    }
  }

  private query(key: string, advert: CapsAdvert, entity: string, ask: CapsAsk): Promise<Outcome> {
    const run = (async (): Promise<Outcome> => {
      let info: CapsInfo | null = null;
      try {
        // Never synchronously: the query is registered as in flight before it can settle.
        info = await Promise.resolve().then(() => ask(entity, `${advert.node}#${advert.ver}`));
      } catch (err) {
        this.warn(`[natter/xmpp] caps query to ${entity} failed:`, err);
      } finally {
        // Before anyone waiting on it resumes: they then find the entry, or ask themselves.
        this.inflight.delete(key);
      }
      const verified = !!info && capsVer(info, advert.hash) === advert.ver;
      if (verified) {
        const record: CapsRecord = { key, info: info!, usedAt: this.now() };
        this.set(record);
        void this.storage.put(record).catch((err: unknown) => this.warn('[natter/xmpp] the caps cache could not be written:', err));
      } else {
        this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
        if (info) this.warn(`[natter/xmpp] ${entity} answered for caps ver ${advert.ver} with features that do not hash to it: not cached`);
      }
      return { info, verified };
    })();
    this.inflight.set(key, run);
    return run;
  }

  private set(record: CapsRecord): void {
    this.entries.delete(record.key);
    this.entries.set(record.key, record);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      void this.storage.delete(oldest).catch(() => undefined);
    }
  }

  /** Marks an entry used; written back at most once an hour, so a busy roster does not write on every presence. */
  private touch(record: CapsRecord): void {
    const now = this.now();
    const updated = { ...record, usedAt: now };
    this.entries.delete(record.key);
    this.entries.set(record.key, updated);
    if (now - record.usedAt > 3_600_000) void this.storage.put(updated).catch(() => undefined);
  }
}
