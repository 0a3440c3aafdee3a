/**
 * Proves the real-Prosody harness: globalSetup started a server, accounts can be created, two
 * bots exchange a message through it, and MAM (XEP-0313) archived it.
 * Every test here fails when Prosody is not running.
 */
import { xml } from '@xmpp/client';
import { bareJid, connectBot, createAccount, prosody, stopAllBots } from './prosody';

const MAM = 'urn:xmpp:mam:2';

describe('test Prosody', () => {
  afterAll(stopAllBots);

  it('is described by the env that globalSetup exported', () => {
    const { wsUrl, domain } = prosody();
    expect(wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket$/);
    expect(domain).toBe('localhost');
  });

  it('relays a chat message between two new accounts and archives it for the receiver', async () => {
    const [a, b] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const [alice, bob] = await Promise.all([connectBot(a), connectBot(b)]);
    expect(bareJid(alice.jid)).toBe(a.jid);

    const body = `hello from alice ${Date.now()}`;
    await alice.sendMessage(b.jid, body);
    const received = await bob.waitFor(s => s.is('message') && s.getChildText('body') === body);
    expect(bareJid(received.attrs.from)).toBe(a.jid);
    expect(received.attrs.type).toBe('chat');

    // Bob asks his archive for the conversation with Alice.
    const queryid = 'harness-q1';
    const form = xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, MAM)),
      xml('field', { var: 'with' }, xml('value', {}, a.jid)),
    );
    const done = await bob.iq(xml('iq', { type: 'set', id: 'mam-1' }, xml('query', { xmlns: MAM, queryid }, form)));
    expect(done.getChild('fin', MAM)?.attrs.complete).toBe('true');

    // The archive results arrive before the IQ result, so they are already buffered.
    const result = await bob.waitFor(s => s.getChild('result', MAM)?.attrs.queryid === queryid, 1000);
    const archived = result.getChild('result', MAM)?.getChild('forwarded', 'urn:xmpp:forward:0')?.getChild('message');
    expect(archived?.getChildText('body')).toBe(body);
    expect(bareJid(archived?.attrs.from ?? '')).toBe(a.jid);
    expect(bareJid(archived?.attrs.to ?? '')).toBe(b.jid);
  }, 20_000);

  it('refuses a login with a wrong password', async () => {
    const a = await createAccount('mallory');
    await expect(connectBot({ ...a, password: 'wrong' }, { timeoutMs: 5000 })).rejects.toThrow(/not-authorized/);
  }, 10_000);
});
