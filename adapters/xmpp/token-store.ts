/**
 * Where persistent logins (XEP-0484 FAST tokens) are kept: one record per account (bare JID).
 *
 * A token is a bearer credential for the account on its server (whoever holds it can sign in,
 * until it expires or is revoked), so it is kept only when the user asked to stay signed in,
 * never exposed in an event or a store, and deleted at sign-out. The password is never stored.
 */
import { openDB, type IDBPDatabase } from 'idb';

/** A XEP-0484 token as the server issued it (`<token/>` of a SASL2 success), bound to its mechanism. */
export interface FastToken {
  mechanism: string;
  token: string;
  /** XEP-0082 date-time. */
  expiry: string;
}

export interface StoredLogin extends FastToken {
  /** The account, a normalized bare JID. */
  jid: string;
  /** The XEP-0388 user-agent id the server bound the token to; it must be sent with the token. */
  clientId: string;
  /** The WebSocket URL of the login that got the token. */
  service?: string;
  /** When it was saved (ms since the epoch): the latest is the account to sign in on load. */
  savedAt: number;
}

export interface TokenStore {
  /** The account's login, unless none is kept or it has expired (an expired one is deleted). */
  get(jid: string): Promise<StoredLogin | undefined>;
  /** Keeps the login, replacing the account's previous one. */
  put(login: StoredLogin): Promise<void>;
  delete(jid: string): Promise<void>;
  /** The most recently saved login that has not expired. */
  latest(): Promise<StoredLogin | undefined>;
}

function expired(login: StoredLogin, now: number): boolean {
  const expiry = Date.parse(login.expiry);
  return !Number.isFinite(expiry) || expiry <= now;
}

/** A record read back is used only if it has the shape written (storage is outside our control). */
function valid(value: unknown): value is StoredLogin {
  const v = value as Partial<StoredLogin> | null;
  return (
    !!v &&
    typeof v.jid === 'string' &&
    typeof v.clientId === 'string' &&
    typeof v.mechanism === 'string' &&
    typeof v.token === 'string' &&
    typeof v.expiry === 'string' &&
    typeof v.savedAt === 'number' &&
    (v.service === undefined || typeof v.service === 'string')
  );
}

/**
 * Keeps logins in memory: they last as long as the page (or the test). For specs, and for pages
 * that want "stay signed in" to mean only "while this page is open".
 */
export function memoryTokenStore(now: () => number = Date.now): TokenStore {
  const logins = new Map<string, StoredLogin>();
  const get = (jid: string) => {
    const login = logins.get(jid);
    if (login && expired(login, now())) {
      logins.delete(jid);
      return undefined;
    }
    return login ? { ...login } : undefined;
  };
  return {
    async get(jid) {
      return get(jid);
    },
    async put(login) {
      logins.set(login.jid, { ...login });
    },
    async delete(jid) {
      logins.delete(jid);
    },
    async latest() {
      const all = [...logins.keys()].map(get).filter((l): l is StoredLogin => !!l);
      return all.sort((a, b) => b.savedAt - a.savedAt)[0];
    },
  };
}

/** The database of its own, so that its version never depends on other Natter databases. */
export const TOKEN_DB_NAME = 'natter-login';
const STORE = 'logins';

/** Keeps logins in the page origin's IndexedDB (`natter-login`, object store `logins`, key: the JID). */
export function indexedDbTokenStore(options: { name?: string; now?: () => number } = {}): TokenStore {
  const now = options.now ?? Date.now;
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(options.name ?? TOKEN_DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore(STORE, { keyPath: 'jid' });
      },
    }).catch((err: unknown) => {
      db = null; // try again next time (e.g. a blocked upgrade)
      throw err;
    }));
  const usable = async (database: IDBPDatabase, value: unknown): Promise<StoredLogin | undefined> => {
    if (!valid(value)) return undefined;
    if (!expired(value, now())) return value;
    await database.delete(STORE, value.jid);
    return undefined;
  };
  return {
    async get(jid) {
      const database = await open();
      return usable(database, await database.get(STORE, jid));
    },
    async put(login) {
      await (await open()).put(STORE, { ...login });
    },
    async delete(jid) {
      await (await open()).delete(STORE, jid);
    },
    async latest() {
      const database = await open();
      const all: StoredLogin[] = [];
      for (const value of await database.getAll(STORE)) {
        const login = await usable(database, value);
        if (login) all.push(login);
      }
      return all.sort((a, b) => b.savedAt - a.savedAt)[0];
    },
  };
}

/** IndexedDB where the environment has it (browsers), else none: persistent login is then off. */
export function defaultTokenStore(): TokenStore | null {
  return typeof indexedDB !== 'undefined' ? indexedDbTokenStore() : null;
}
