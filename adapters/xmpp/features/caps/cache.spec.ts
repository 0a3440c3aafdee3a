import '../../spec-indexeddb';
import { CapsCache, indexedDbCapsStorage, memoryCapsStorage, type CapsAsk } from './cache';
import type { CapsAdvert } from './parser';
import { capsVer, type CapsInfo } from './verification';

const INFO: CapsInfo = {
  identities: [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }],
  features: ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc'],
  forms: [],
};
const VER = 'QgayPKawpkPSDYmwT/WM94uAlu0=';
const ADVERT: CapsAdvert = { hash: 'sha-1', node: 'http://code.google.com/p/exodus', ver: VER };
const LIE: CapsInfo = { ...INFO, features: [...INFO.features, 'urn:xmpp:jingle:1'] };

/** An ask that answers after a tick with what each entity says, counting the queries per entity. */
function asker(answers: Record<string, CapsInfo | null>) {
  const asked: { entity: string; node: string }[] = [];
  const ask: CapsAsk = async (entity, node) => {
    asked.push({ entity, node });
    await new Promise((r) => setTimeout(r, 5));
    return answers[entity] ?? null;
  };
  return { ask, asked };
}

let dbCount = 0;
const freshDbName = () => `natter-caps-spec-${++dbCount}`;

describe('CapsCache', () => {
  it('the spec vector is what the cache checks against', () => {
    expect(capsVer(INFO)).toBe(VER);
  });

  it('asks one entity for many peers with the same ver, even when their presences come at once', async () => {
    const cache = new CapsCache();
    const peers = ['a@x.lit/1', 'b@x.lit/1', 'c@y.lit/2', 'd@y.lit/3'];
    const { ask, asked } = asker(Object.fromEntries(peers.map((p) => [p, INFO])));
    const results = await Promise.all(peers.map((p) => cache.resolve(ADVERT, p, ask)));
    expect(asked).toEqual([{ entity: 'a@x.lit/1', node: `http://code.google.com/p/exodus#${VER}` }]);
    expect(results.every((r) => r?.features.includes('http://jabber.org/protocol/muc'))).toBe(true);
    // Later peers are answered from the cache.
    expect(await cache.resolve(ADVERT, 'e@z.lit/9', ask)).toEqual(INFO);
    expect(asked).toHaveLength(1);
    expect(cache.peek('sha-1', VER)).toEqual(INFO);
  });

  it('does not cache an answer that does not hash to the ver: it is that entity’s alone, and the next advertiser is asked', async () => {
    const warn = jest.fn();
    const cache = new CapsCache({ warn });
    const { ask, asked } = asker({ 'liar@x.lit/1': LIE, 'honest@y.lit/1': INFO });
    const [liar, honest] = await Promise.all([cache.resolve(ADVERT, 'liar@x.lit/1', ask), cache.resolve(ADVERT, 'honest@y.lit/1', ask)]);
    expect(liar?.features).toContain('urn:xmpp:jingle:1');
    expect(honest).toEqual(INFO);
    expect(asked.map((a) => a.entity)).toEqual(['liar@x.lit/1', 'honest@y.lit/1']);
    expect(cache.peek('sha-1', VER)).toEqual(INFO);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('do not hash'));
  });

  it('a lie alone leaves the ver unknown', async () => {
    const cache = new CapsCache();
    const { ask } = asker({ 'liar@x.lit/1': LIE });
    await cache.resolve(ADVERT, 'liar@x.lit/1', ask);
    expect(cache.peek('sha-1', VER)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('asks at most five entities about a ver that never verifies', async () => {
    const cache = new CapsCache();
    const entities = Array.from({ length: 8 }, (_, i) => `liar${i}@x.lit/r`);
    const { ask, asked } = asker(Object.fromEntries(entities.map((e) => [e, LIE])));
    for (const e of entities) await cache.resolve(ADVERT, e, ask);
    expect(asked).toHaveLength(5);
  });

  it('a failed query (error, timeout) does not cache and lets the next advertiser be asked', async () => {
    const cache = new CapsCache();
    const asked: string[] = [];
    const ask: CapsAsk = async (entity) => {
      asked.push(entity);
      if (entity === 'gone@x.lit/1') throw new Error('remote-server-timeout');
      return INFO;
    };
    expect(await cache.resolve(ADVERT, 'gone@x.lit/1', ask)).toBeNull();
    expect(await cache.resolve(ADVERT, 'here@x.lit/1', ask)).toEqual(INFO);
    expect(asked).toEqual(['gone@x.lit/1', 'here@x.lit/1']);
  });

  it('keeps verified entries across a reload (IndexedDB), and asks no one then', async () => {
    const name = freshDbName();
    const first = new CapsCache({ storage: indexedDbCapsStorage(name) });
    const { ask, asked } = asker({ 'a@x.lit/1': INFO });
    await first.resolve(ADVERT, 'a@x.lit/1', ask);
    await new Promise((r) => setTimeout(r, 20)); // the write is not awaited by resolve
    const reloaded = new CapsCache({ storage: indexedDbCapsStorage(name) });
    expect(await reloaded.resolve(ADVERT, 'b@x.lit/1', ask)).toEqual(INFO);
    expect(asked).toHaveLength(1);
  });

  it('ignores stored records that are malformed or do not verify (storage is not trusted)', async () => {
    const storage = memoryCapsStorage();
    await storage.put({ key: `sha-1 ${VER}`, info: LIE, usedAt: 1 });
    await (storage.put as (r: unknown) => Promise<void>)({ key: 'sha-1 x', info: 'nope', usedAt: 1 });
    const cache = new CapsCache({ storage });
    await cache.ready();
    expect(cache.size).toBe(0);
    const { ask, asked } = asker({ 'a@x.lit/1': INFO });
    expect(await cache.resolve(ADVERT, 'a@x.lit/1', ask)).toEqual(INFO);
    expect(asked).toHaveLength(1);
  });

  it('is bounded: the least recently advertised entries go, in storage too', async () => {
    const storage = memoryCapsStorage();
    let now = 1_000;
    const cache = new CapsCache({ storage, maxEntries: 2, now: () => now++ });
    const infos = [0, 1, 2].map((i): CapsInfo => ({ identities: [{ category: 'client', type: 'pc', name: `C${i}` }], features: [], forms: [] }));
    const adverts = infos.map((info): CapsAdvert => ({ hash: 'sha-1', node: 'n', ver: capsVer(info) }));
    const ask: CapsAsk = async (entity) => infos[Number(entity.slice(-1))];
    await cache.resolve(adverts[0], 'p@x.lit/0', ask);
    await cache.resolve(adverts[1], 'p@x.lit/1', ask);
    expect(cache.peek('sha-1', adverts[0].ver)).toBeDefined(); // 0 is used again (a presence with a known ver): 1 is now the oldest
    await cache.resolve(adverts[2], 'p@x.lit/2', ask);
    expect(cache.size).toBe(2);
    expect(cache.peek('sha-1', adverts[1].ver)).toBeUndefined();
    expect(cache.peek('sha-1', adverts[0].ver)).toBeDefined();
    await new Promise((r) => setTimeout(r, 0));
    expect((await storage.all()).map((r) => r.key).sort()).toEqual([`sha-1 ${adverts[0].ver}`, `sha-1 ${adverts[2].ver}`].sort());
  });

  it('knows our own caps without asking', async () => {
    const own: CapsInfo = { identities: [{ category: 'client', type: 'web', name: 'Natter' }], features: ['urn:xmpp:receipts'], forms: [] };
    const cache = new CapsCache({ own });
    const ask = jest.fn();
    expect(await cache.resolve({ hash: 'sha-1', node: 'urn:x-natter:client', ver: capsVer(own) }, 'room@muc.x.lit/me', ask)).toEqual(own);
    expect(ask).not.toHaveBeenCalled();
  });

  it('works in memory when storage fails', async () => {
    const warn = jest.fn();
    const broken = { all: () => Promise.reject(new Error('denied')), put: () => Promise.reject(new Error('denied')), delete: () => Promise.reject(new Error('denied')) };
    const cache = new CapsCache({ storage: broken, warn });
    const { ask } = asker({ 'a@x.lit/1': INFO });
    expect(await cache.resolve(ADVERT, 'a@x.lit/1', ask)).toEqual(INFO);
    expect(cache.peek('sha-1', VER)).toEqual(INFO);
    await new Promise((r) => setTimeout(r, 0));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be read'), expect.any(Error));
  });
});
