import './spec-indexeddb';
import { indexedDbTokenStore, memoryTokenStore, type StoredLogin, type TokenStore } from './token-store';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function login(jid: string, savedAt: number, expiry = '2026-12-22T12:00:00Z'): StoredLogin {
  return { jid, clientId: `id-${jid}`, mechanism: 'HT-SHA-256-NONE', token: `secret-${jid}-${savedAt}`, expiry, service: 'wss://example.org/ws', savedAt };
}

let dbCount = 0;
const stores: [string, () => TokenStore][] = [
  ['memoryTokenStore', () => memoryTokenStore(() => NOW)],
  // A database per test, so that tests do not see each other's logins.
  ['indexedDbTokenStore', () => indexedDbTokenStore({ name: `natter-login-spec-${++dbCount}`, now: () => NOW })],
];

describe.each(stores)('%s', (_name, make) => {
  it('keeps one login per account, and gives back what was put', async () => {
    const store = make();
    expect(await store.get('juliet@capulet.lit')).toBeUndefined();
    await store.put(login('juliet@capulet.lit', 1));
    await store.put(login('romeo@montague.lit', 2));
    expect(await store.get('juliet@capulet.lit')).toEqual(login('juliet@capulet.lit', 1));
    // A new token for the account replaces the old one.
    await store.put(login('juliet@capulet.lit', 3));
    expect(await store.get('juliet@capulet.lit')).toEqual(login('juliet@capulet.lit', 3));
    expect(await store.get('romeo@montague.lit')).toEqual(login('romeo@montague.lit', 2));
  });

  it('deletes one account only', async () => {
    const store = make();
    await store.put(login('juliet@capulet.lit', 1));
    await store.put(login('romeo@montague.lit', 2));
    await store.delete('juliet@capulet.lit');
    expect(await store.get('juliet@capulet.lit')).toBeUndefined();
    expect(await store.get('romeo@montague.lit')).toBeDefined();
    await store.delete('nobody@nowhere.lit'); // nothing to delete is no error
  });

  it('names the most recently saved account as the latest', async () => {
    const store = make();
    expect(await store.latest()).toBeUndefined();
    await store.put(login('romeo@montague.lit', 5));
    await store.put(login('juliet@capulet.lit', 9));
    await store.put(login('nurse@capulet.lit', 7));
    expect((await store.latest())?.jid).toBe('juliet@capulet.lit');
    await store.delete('juliet@capulet.lit');
    expect((await store.latest())?.jid).toBe('nurse@capulet.lit');
  });

  it('never returns an expired token (or one with an unreadable expiry), and deletes it', async () => {
    const store = make();
    await store.put(login('juliet@capulet.lit', 9, '2026-12-01T11:59:59Z'));
    await store.put(login('romeo@montague.lit', 5, 'soon'));
    await store.put(login('nurse@capulet.lit', 1));
    expect(await store.get('juliet@capulet.lit')).toBeUndefined();
    expect(await store.get('romeo@montague.lit')).toBeUndefined();
    expect((await store.latest())?.jid).toBe('nurse@capulet.lit');
  });

  it('hands out copies: changing one does not change what is stored', async () => {
    const store = make();
    const original = login('juliet@capulet.lit', 1);
    await store.put(original);
    original.token = 'changed';
    const read = await store.get('juliet@capulet.lit');
    read!.token = 'changed again';
    expect((await store.get('juliet@capulet.lit'))?.token).toBe('secret-juliet@capulet.lit-1');
  });
});

describe('indexedDbTokenStore', () => {
  it('keeps logins across store instances (a page reload) in the same database', async () => {
    const name = 'natter-login-spec-reload';
    await indexedDbTokenStore({ name, now: () => NOW }).put(login('juliet@capulet.lit', 1));
    expect(await indexedDbTokenStore({ name, now: () => NOW }).get('juliet@capulet.lit')).toEqual(login('juliet@capulet.lit', 1));
  });

  it('ignores a record of another shape (the storage is the page origin’s, not ours alone)', async () => {
    const name = 'natter-login-spec-foreign';
    const store = indexedDbTokenStore({ name, now: () => NOW });
    await store.put(login('juliet@capulet.lit', 1));
    // Something else in the origin overwrites the record with a value of another shape.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const tx = open.result.transaction('logins', 'readwrite');
        tx.objectStore('logins').put({ jid: 'juliet@capulet.lit', token: 42 });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    expect(await store.get('juliet@capulet.lit')).toBeUndefined();
    expect(await store.latest()).toBeUndefined();
  });
});
