/**
 * Persistent login against the real Prosody (mod_sasl2, mod_sasl2_bind2, mod_sasl2_fast, see
 * tests/prosody/global-setup.ts): a token asked for at a password login signs in a new adapter
 * (a reload) with no password; signing out revokes it on the server.
 */
import { createAccount, prosody } from '../../tests/prosody';
import { memoryTokenStore, type TokenStore } from './token-store';
import { prosodyAdapters } from './spec-prosody';
import { XmppAdapter } from './xmpp-adapter';
import { Recorder } from './spec-recorder';

jest.setTimeout(30_000);

const spec = prosodyAdapters();
const { adapters } = spec;

/** One adapter per "page load"; the store is what survives a reload. */
function page(tokenStore: TokenStore) {
  const adapter = new XmppAdapter({ tokenStore });
  adapters.push(adapter);
  return { adapter, rec: new Recorder(adapter) };
}

describe('XmppAdapter against Prosody: persistent login (FAST)', () => {
  it('stays signed in: a password login with remember keeps a token; the next page signs in with it alone; sign-out revokes it', async () => {
    const alice = await createAccount('alice');
    const store = memoryTokenStore();

    const first = page(store);
    await first.adapter.connect({ jid: alice.jid, password: alice.password, service: prosody().wsUrl, mechanisms: ['PLAIN'], remember: true });
    const login = await store.get(alice.jid);
    expect(login).toMatchObject({ jid: alice.jid, mechanism: 'HT-SHA-256-NONE', service: prosody().wsUrl });
    expect(login!.token).toMatch(/^secret-token:/);
    expect(Date.parse(login!.expiry)).toBeGreaterThan(Date.now());
    await first.adapter.disconnect(); // the page goes away: the login stays

    // "Reload": a new adapter, the JID only. No password anywhere.
    const second = page(store);
    expect(await second.adapter.rememberedAccount()).toBe(alice.jid);
    await second.adapter.connect({ jid: alice.jid });
    expect(second.adapter.saslMechanism).toBe('HT-SHA-256-NONE');
    expect(second.rec.statuses()).toEqual(['connecting', 'online']);
    // Bind2 bound the resource in the same round trip (Prosody: tag~hash of the user-agent id).
    expect(second.rec.of('connection').at(-1)?.jid).toMatch(new RegExp(`^${alice.jid}/natter-[0-9a-f]{8}~`));
    expect(second.rec.of('features').at(-1)?.features.streamManagement).toBe(true);

    // Sign out for good: gone here, and revoked on the server.
    await second.adapter.disconnect({ forget: true });
    expect(await store.get(alice.jid)).toBeUndefined();
    expect(await second.adapter.rememberedAccount()).toBeNull();

    const stolen = memoryTokenStore();
    await stolen.put(login!); // someone kept a copy of the token before sign-out
    const third = page(stolen);
    await expect(third.adapter.connect({ jid: alice.jid })).rejects.toMatchObject({ code: 'token-refused' });
    expect(third.rec.statuses()).toEqual(['connecting', 'error']);
    expect(await stolen.get(alice.jid)).toBeUndefined(); // the refused copy is deleted
  });

  it('refuses a token the server never issued (or issued to another device id) with token-refused', async () => {
    const alice = await createAccount('alice');
    const store = memoryTokenStore();
    const first = page(store);
    await first.adapter.connect({ jid: alice.jid, password: alice.password, service: prosody().wsUrl, mechanisms: ['PLAIN'], remember: true });
    await first.adapter.disconnect();
    const real = (await store.get(alice.jid))!;

    const forged = memoryTokenStore();
    await forged.put({ ...real, token: `${real.token}x` });
    await expect(page(forged).adapter.connect({ jid: alice.jid })).rejects.toMatchObject({ code: 'token-refused' });

    // The token is bound to the user-agent id it was issued to (XEP-0484 §3.4).
    const elsewhere = memoryTokenStore();
    await elsewhere.put({ ...real, clientId: 'another-device' });
    await expect(page(elsewhere).adapter.connect({ jid: alice.jid })).rejects.toMatchObject({ code: 'token-refused' });

    // The genuine one still works.
    const again = page(store);
    await again.adapter.connect({ jid: alice.jid });
    expect(again.adapter.saslMechanism).toBe('HT-SHA-256-NONE');
  });

  it('a token session resumes its stream (XEP-0198) after the socket drops', async () => {
    const alice = await createAccount('alice');
    const store = memoryTokenStore();
    const first = page(store);
    await first.adapter.connect({ jid: alice.jid, password: alice.password, service: prosody().wsUrl, mechanisms: ['PLAIN'], remember: true });
    await first.adapter.disconnect();

    const { adapter, rec } = page(store);
    await adapter.connect({ jid: alice.jid });
    (adapter as unknown as { client: { socket: { end(): void } } }).client.socket.end();
    await rec.waitFor('connection', (e) => e.status === 'reconnecting');
    await rec.waitFor('connection', (e) => e.status === 'online' && rec.of('connection').indexOf(e) > rec.statuses().indexOf('reconnecting'), 10_000);
    expect(rec.statuses()).toEqual(['connecting', 'online', 'reconnecting', 'online']);
    expect(rec.of('roster')).toHaveLength(1); // resumed, not a fresh session
  });
});
