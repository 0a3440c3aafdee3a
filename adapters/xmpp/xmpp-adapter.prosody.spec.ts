/**
 * The XMPP adapter in Node against the real Prosody started by tests/prosody/global-setup.ts,
 * with bots (second parties driven by @xmpp/client) from tests/prosody.ts.
 */
import * as net from 'node:net';
import { connectBot, createAccount, prosody, type Account, type Bot, type Stanza } from '../../tests/prosody';
import { AdapterError } from '../types';
import { createXmppClient, type XmppClient, type XmppClientFactory } from './client';
import { prosodyAdapters } from './spec-prosody';
import { XmppAdapter } from './xmpp-adapter';
import { xml } from './xml';
import { Recorder, type EventOf } from './spec-recorder';

jest.setTimeout(30_000);

const spec = prosodyAdapters();
const { adapters } = spec;

function newAdapter(options: ConstructorParameters<typeof XmppAdapter>[0] = {}): { adapter: XmppAdapter; rec: Recorder } {
  const adapter = new XmppAdapter({ reconnectDelay: 200, ...options });
  adapters.push(adapter);
  return { adapter, rec: new Recorder(adapter) };
}

async function login(account: Account, mechanisms = ['PLAIN'], resource = 'natter') {
  const { adapter, rec } = newAdapter();
  await adapter.connect({ jid: `${account.jid}/${resource}`, password: account.password, service: prosody().wsUrl, mechanisms });
  return { adapter, rec, full: `${account.jid}/${resource}` };
}

function internalClient(adapter: XmppAdapter): XmppClient & { socket: { end(): void } | null } {
  return (adapter as unknown as { client: XmppClient & { socket: { end(): void } | null } }).client;
}

const isMessageWithBody = (body: string) => (s: Stanza) => s.is('message') && s.getChildText('body') === body;

/** A loopback port nobody listens on. */
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Prosody delivers subscription state changes (subscribed, unsubscribed, …) and roster pushes only
 * to "interested" resources, i.e. those that requested the roster; bots do not by default.
 */
async function interested(bot: Bot) {
  await bot.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
}

/** Mutual subscription between the adapter's account and the bot's. */
async function befriend(adapter: XmppAdapter, rec: Recorder, own: Account, bot: Bot, name = 'Bot', groups = ['Bots']) {
  await adapter.addContact(bot.account.jid, name, groups);
  await bot.waitFor((s) => s.is('presence') && s.attrs.type === 'subscribe' && s.attrs.from === own.jid);
  await bot.approve(own.jid);
  await bot.subscribe(own.jid);
  await rec.waitFor('subscriptionRequest', (e) => e.jid === bot.account.jid);
  await adapter.approveSubscription(bot.account.jid);
  await rec.waitFor('rosterPush', (e) => e.contact.jid === bot.account.jid && e.contact.subscription === 'both');
}

describe('XmppAdapter against Prosody: login', () => {
  it('logs in with PLAIN: connecting → roster → features → online with the full JID', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec, full } = await login(alice, ['PLAIN']);
    expect(adapter.saslMechanism).toBe('PLAIN');
    expect(rec.statuses()).toEqual(['connecting', 'online']);
    expect(rec.of('connection').at(-1)?.jid).toBe(full);
    expect(rec.of('roster')).toEqual([{ type: 'roster', contacts: [] }]);
    expect(rec.of('features')).toEqual([{ type: 'features', features: { blocking: true, carbons: true, mam: true, streamManagement: true } }]);
    const order = rec.events.map((e) => e.type);
    expect(order.indexOf('roster')).toBeLessThan(order.lastIndexOf('connection'));
  });

  it('logs in with SCRAM-SHA-1 when that is the only allowed mechanism', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec } = await login(alice, ['SCRAM-SHA-1']);
    expect(adapter.saslMechanism).toBe('SCRAM-SHA-1');
    expect(rec.statuses()).toEqual(['connecting', 'online']);
  });

  /** A client factory that records the SASL mechanisms each stream offers. */
  function offering(): { clientFactory: XmppClientFactory; offered: string[][] } {
    const offered: string[][] = [];
    const clientFactory: XmppClientFactory = (options) => {
      const c = createXmppClient(options);
      c.on('nonza', (el: Stanza) => {
        const mechs = el.getChild('mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl');
        if (el.is('features', 'http://etherx.jabber.org/streams') && mechs) offered.push(mechs.getChildren('mechanism').map((m: Stanza) => m.text()).sort());
      });
      return c;
    };
    return { clientFactory, offered };
  }

  it('prefers SCRAM-SHA-1 over PLAIN with the default whitelist where SCRAM-SHA-256 is not offered, and derives nothing from a resource-less JID', async () => {
    const alice = await createAccount('alice');
    const { clientFactory, offered } = offering();
    const { adapter, rec } = newAdapter({ clientFactory });
    await adapter.connect({ jid: alice.jid, password: alice.password, service: prosody().wsUrl });
    // Prosody 0.12's internal_hashed offers the SCRAM of the hash its accounts are stored with (SHA-1 by default).
    expect(offered).toEqual([['PLAIN', 'SCRAM-SHA-1']]);
    expect(adapter.saslMechanism).toBe('SCRAM-SHA-1');
    // Bound by Bind2 (XEP-0386): Prosody makes the resource from our tag and the user-agent id.
    expect(rec.of('connection').at(-1)?.jid).toMatch(new RegExp(`^${alice.jid}/natter-[0-9a-f]{8}~[A-Za-z0-9+/]{12}$`));
  });

  it('signs in with SCRAM-SHA-256 with the default whitelist on a host with SHA-256 keys (password_hash = "SHA-256"), its signature checked', async () => {
    const { scram256Domain, wsUrl } = prosody();
    const bea = await createAccount('bea', { domain: scram256Domain });
    const { clientFactory, offered } = offering();
    const { adapter, rec } = newAdapter({ clientFactory });
    await adapter.connect({ jid: `${bea.jid}/natter`, password: bea.password, service: wsUrl });
    expect(offered).toEqual([['PLAIN', 'SCRAM-SHA-256']]);
    expect(adapter.saslMechanism).toBe('SCRAM-SHA-256');
    expect(rec.statuses()).toEqual(['connecting', 'online']);
    expect(rec.of('connection').at(-1)?.jid).toBe(`${bea.jid}/natter`);
  });

  it('refuses a wrong password over SCRAM-SHA-256 with not-authorized', async () => {
    const { scram256Domain, wsUrl } = prosody();
    const bea = await createAccount('bea', { domain: scram256Domain });
    const { adapter } = newAdapter();
    await expect(adapter.connect({ jid: bea.jid, password: `${bea.password}x`, service: wsUrl, mechanisms: ['SCRAM-SHA-256'] })).rejects.toMatchObject({ code: 'not-authorized' });
    expect(adapter.saslMechanism).toBe('SCRAM-SHA-256');
  });

  it('rejects a wrong password with not-authorized and does not retry', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec } = newAdapter();
    const attempt = adapter.connect({ jid: alice.jid, password: 'wrong', service: prosody().wsUrl, mechanisms: ['PLAIN'] });
    await expect(attempt).rejects.toBeInstanceOf(AdapterError);
    await expect(attempt).rejects.toMatchObject({ code: 'not-authorized' });
    expect(rec.statuses()).toEqual(['connecting', 'error']);
    expect(rec.of('connection').at(-1)?.error?.code).toBe('not-authorized');
    await pause(800); // longer than the reconnect delay
    expect(rec.statuses()).toEqual(['connecting', 'error']);
    expect(internalClient(adapter)).toBeNull();
  });

  it('rejects an unreachable server with unreachable and does not retry', async () => {
    const { adapter, rec } = newAdapter();
    const port = await deadPort();
    const attempt = adapter.connect({ jid: 'alice@localhost', password: 'x', service: `ws://127.0.0.1:${port}/xmpp-websocket` });
    await expect(attempt).rejects.toMatchObject({ code: 'unreachable' });
    expect(rec.statuses()).toEqual(['connecting', 'error']);
    await pause(800);
    expect(rec.statuses()).toEqual(['connecting', 'error']);
  });

  it('rejects an invalid JID with invalid-jid without touching the network', async () => {
    const factory = jest.fn<XmppClient, Parameters<XmppClientFactory>>(createXmppClient);
    const { adapter, rec } = newAdapter({ clientFactory: factory });
    await expect(adapter.connect({ jid: 'not a jid@localhost', password: 'x', service: prosody().wsUrl })).rejects.toMatchObject({
      code: 'invalid-jid',
    });
    await expect(adapter.connect({ jid: 'localhost', password: 'x', service: prosody().wsUrl })).rejects.toMatchObject({ code: 'invalid-jid' });
    expect(factory).not.toHaveBeenCalled();
    expect(rec.of('connection').map((e) => [e.status, e.error?.code])).toEqual([
      ['error', 'invalid-jid'],
      ['error', 'invalid-jid'],
    ]);
  });

  it('fails with no-mechanism when the server offers none of the allowed mechanisms', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec } = newAdapter();
    const attempt = adapter.connect({ jid: alice.jid, password: alice.password, service: prosody().wsUrl, mechanisms: ['DIGEST-MD5'] });
    await expect(attempt).rejects.toMatchObject({ code: 'no-mechanism' });
    expect(rec.of('connection').at(-1)?.error?.code).toBe('no-mechanism');
  });

  it('disconnects: offline, and commands are refused afterwards', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec } = await login(alice);
    await adapter.disconnect();
    expect(rec.statuses()).toEqual(['connecting', 'online', 'offline']);
    await expect(adapter.sendMessage('bob@localhost', 'x', 'id1')).rejects.toThrow('not connected');
  });
});

describe('XmppAdapter against Prosody: chatting', () => {
  let alice: Account;
  let bobAccount: Account;
  let bob: Bot;
  let adapter: XmppAdapter;
  let rec: Recorder;
  let full: string;

  beforeEach(async () => {
    [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    bob = await connectBot(bobAccount);
    ({ adapter, rec, full } = await login(alice));
  });

  it('sends a message with origin-id, receipt request and active state; the server ack marks it sent', async () => {
    await adapter.sendMessage(bobAccount.jid, 'Hello <Bob> & co', 'msg-1');
    const got = await bob.waitFor(isMessageWithBody('Hello <Bob> & co'));
    expect(got.attrs).toMatchObject({ type: 'chat', id: 'msg-1', from: full });
    expect(got.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe('msg-1');
    expect(got.getChild('request', 'urn:xmpp:receipts')).toBeTruthy();
    expect(got.getChild('active', 'http://jabber.org/protocol/chatstates')).toBeTruthy();
    await rec.waitFor('messageStatus', (e) => e.id === 'msg-1' && e.status === 'sent');
  });

  it('receives a message', async () => {
    await bob.sendMessage(full, 'Hi Alice');
    const { message } = await rec.waitFor('message', (e) => e.message.body === 'Hi Alice');
    expect(message).toMatchObject({ conversation: bobAccount.jid, from: bobAccount.jid, direction: 'in', status: 'received' });
    // Prosody's mod_mam stamps a stanza-id by our own bare JID; it becomes the message id.
    expect(message.stanzaId).toBeTruthy();
    expect(message.id).toBe(message.stanzaId);
  });

  it('marks a message delivered on the peer receipt, but not on a receipt from someone else', async () => {
    const mallory = await connectBot(await createAccount('mallory'));
    await adapter.sendMessage(bobAccount.jid, 'please ack', 'msg-ack');
    const got = await bob.waitFor(isMessageWithBody('please ack'));
    await mallory.send(xml('message', { to: full, id: 'forged' }, xml('received', { xmlns: 'urn:xmpp:receipts', id: 'msg-ack' })));
    await bob.send(xml('message', { to: got.attrs.from, id: 'ack1' }, xml('received', { xmlns: 'urn:xmpp:receipts', id: 'msg-ack' })));
    const status = await rec.waitFor('messageStatus', (e) => e.id === 'msg-ack' && e.status === 'delivered');
    expect(status.conversation).toBe(bobAccount.jid);
    expect(rec.of('messageStatus').filter((e) => e.status === 'delivered')).toHaveLength(1);
    expect(spec.warn).toHaveBeenCalledWith(expect.stringContaining('receipt for a message to'));
  });

  it('reports chat states', async () => {
    await bob.send(xml('message', { to: full, type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
    const e = await rec.waitFor('chatState');
    expect(e).toEqual({ type: 'chatState', conversation: bobAccount.jid, from: bobAccount.jid, state: 'composing' });
  });

  it('sends chat states', async () => {
    await adapter.sendChatState(bobAccount.jid, 'composing');
    const got = await bob.waitFor((s) => s.is('message') && !!s.getChild('composing', 'http://jabber.org/protocol/chatstates'));
    expect(got.getChild('body')).toBeUndefined();
  });

  it('marks a message to a nonexistent account failed with the error condition', async () => {
    await adapter.sendMessage('nobody-here@localhost', 'hello?', 'msg-lost');
    const e = await rec.waitFor('messageStatus', (s) => s.id === 'msg-lost' && s.status === 'failed');
    expect(e.conversation).toBe('nobody-here@localhost');
    expect(e.error).toBe('service-unavailable');
  });

  it('does not answer receipt requests from strangers (XEP-0184 §8), but does for contacts', async () => {
    await bob.send(xml('message', { to: full, type: 'chat', id: 'stranger-1' }, xml('body', {}, 'ack me?'), xml('request', { xmlns: 'urn:xmpp:receipts' })));
    await rec.waitFor('message', (e) => e.message.body === 'ack me?');
    expect(rec.of('message').find((e) => e.message.body === 'ack me?')?.message.receiptRequested).toBe(true);

    await befriend(adapter, rec, alice, bob);
    await bob.send(xml('message', { to: full, type: 'chat', id: 'friend-1' }, xml('body', {}, 'ack me now'), xml('request', { xmlns: 'urn:xmpp:receipts' })));
    const receipt = await bob.waitFor((s) => s.is('message') && !!s.getChild('received', 'urn:xmpp:receipts'));
    expect(receipt.getChild('received', 'urn:xmpp:receipts')?.attrs.id).toBe('friend-1');
    expect(receipt.getChild('request', 'urn:xmpp:receipts')).toBeUndefined();
    expect(bob.buffered.some((s) => s.getChild('received', 'urn:xmpp:receipts')?.attrs.id === 'stranger-1')).toBe(false);
  });

  it('turns carbons of our other client into own outgoing and incoming messages', async () => {
    const phone = await connectBot(alice, { resource: 'phone' });
    await phone.sendMessage(bobAccount.jid, 'sent from my phone');
    const out = await rec.waitFor('message', (e) => e.message.body === 'sent from my phone');
    expect(out.message).toMatchObject({ conversation: bobAccount.jid, from: alice.jid, direction: 'out', status: 'sent' });

    await bob.sendMessage(`${alice.jid}/phone`, 'to your phone');
    const inc = await rec.waitFor('message', (e) => e.message.body === 'to your phone');
    expect(inc.message).toMatchObject({ conversation: bobAccount.jid, from: bobAccount.jid, direction: 'in' });
  });

  it('drops a carbon forged by a contact', async () => {
    const forged = (kind: 'sent' | 'received') =>
      xml(
        'message',
        { to: full, type: 'chat' },
        xml(
          kind,
          { xmlns: 'urn:xmpp:carbons:2' },
          xml(
            'forwarded',
            { xmlns: 'urn:xmpp:forward:0' },
            xml('message', { xmlns: 'jabber:client', type: 'chat', from: `${alice.jid}/evil`, to: 'victim@localhost' }, xml('body', {}, `forged ${kind}`)),
          ),
        ),
      );
    await bob.send(forged('sent'));
    await bob.send(forged('received'));
    await bob.sendMessage(full, 'marker after forgeries');
    await rec.waitFor('message', (e) => e.message.body === 'marker after forgeries');
    expect(rec.of('message').map((e) => e.message.body)).toEqual(['marker after forgeries']);
    expect(spec.warn).toHaveBeenCalledWith(expect.stringContaining('dropped message from'));
  });

  it('answers a forged roster push with an error and ignores it', async () => {
    const push = xml('iq', { type: 'set', to: full }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: 'mallory@evil.lit', subscription: 'both' })));
    await expect(bob.iq(push)).rejects.toMatchObject({ condition: 'service-unavailable' });
    expect(rec.of('rosterPush')).toEqual([]);
  });

  it('answers disco#info with receipts and chat states', async () => {
    const result = await bob.iq(xml('iq', { type: 'get', to: full }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    const features = result.getChild('query')!.getChildren('feature').map((f) => f.attrs.var);
    expect(features).toEqual(expect.arrayContaining(['urn:xmpp:receipts', 'http://jabber.org/protocol/chatstates']));
  });
});

describe('XmppAdapter against Prosody: roster, subscriptions, presence', () => {
  it('a subscription request from the bot becomes subscriptionRequest; approving sends subscribed (and subscribe back)', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    await interested(bob);
    const { adapter, rec } = await login(alice);
    await bob.send(xml('presence', { type: 'subscribe', to: alice.jid }, xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, 'Bobby')));
    const req = await rec.waitFor('subscriptionRequest');
    expect(req).toEqual({ type: 'subscriptionRequest', jid: bobAccount.jid, name: 'Bobby' });
    await adapter.approveSubscription(bobAccount.jid);
    await bob.waitFor((s) => s.is('presence') && s.attrs.type === 'subscribed' && s.attrs.from === alice.jid);
    await bob.waitFor((s) => s.is('presence') && s.attrs.type === 'subscribe' && s.attrs.from === alice.jid);
    await rec.waitFor('rosterPush', (e) => e.contact.jid === bobAccount.jid && e.contact.subscription === 'from' && e.contact.pendingOut);
  });

  it('denies a subscription with unsubscribed', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    await interested(bob);
    const { adapter, rec } = await login(alice);
    await bob.subscribe(alice.jid);
    await rec.waitFor('subscriptionRequest');
    await adapter.denySubscription(bobAccount.jid);
    await bob.waitFor((s) => s.is('presence') && s.attrs.type === 'unsubscribed' && s.attrs.from === alice.jid);
  });

  it('adds a contact (pending, then both), sees presence come and go, gets the roster at the next login, removes it', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    const { adapter, rec } = await login(alice);

    await befriend(adapter, rec, alice, bob, 'Bob', ['Friends']);
    const pending = await rec.waitFor('rosterPush', (e) => e.contact.pendingOut);
    expect(pending.contact).toEqual({ jid: bobAccount.jid, name: 'Bob', groups: ['Friends'], subscription: 'none', pendingOut: true });

    // Bob's bot is online: once subscribed we get its presence; a second resource comes and goes.
    await rec.waitFor('presence', (e) => e.jid === bobAccount.jid && e.resource === bob.jid.split('/')[1] && !!e.presence);
    const tablet = await connectBot(bobAccount, { resource: 'tablet' });
    await tablet.send(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'on the tablet')));
    const seen = await rec.waitFor('presence', (e) => e.resource === 'tablet' && e.presence?.show === 'away');
    expect(seen.presence).toEqual({ show: 'away', status: 'on the tablet', priority: 0 });
    await tablet.stop();
    await rec.waitFor('presence', (e) => e.resource === 'tablet' && !e.presence);

    await adapter.disconnect();
    const again = await login(alice, ['PLAIN'], 'second');
    const roster = await again.rec.waitFor('roster');
    expect(roster.contacts).toEqual([{ jid: bobAccount.jid, name: 'Bob', groups: ['Friends'], subscription: 'both', pendingOut: false }]);

    await again.adapter.removeContact(bobAccount.jid);
    const removed = await again.rec.waitFor('rosterPush', (e) => !!e.removed);
    expect(removed.contact.jid).toBe(bobAccount.jid);
  });
});

describe('XmppAdapter against Prosody: history (MAM)', () => {
  it('loads history oldest first, pages back with the cursor, and reports completeness', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    const { adapter, rec, full } = await login(alice);

    const bodies = ['m1', 'm2', 'm3', 'm4', 'm5'];
    for (const [i, body] of bodies.entries()) {
      if (i % 2 === 0) {
        await adapter.sendMessage(bobAccount.jid, body, `hist-${i}`);
        await bob.waitFor(isMessageWithBody(body));
      } else {
        await bob.sendMessage(full, body);
        await rec.waitFor('message', (e) => e.message.body === body);
      }
    }

    await adapter.loadHistory(bobAccount.jid, { max: 3 });
    const page1 = await rec.waitFor('history');
    expect(page1.conversation).toBe(bobAccount.jid);
    expect(page1.messages.map((m) => m.body)).toEqual(['m3', 'm4', 'm5']);
    expect(page1.complete).toBe(false);
    expect(page1.cursor).toBe(page1.messages[0].stanzaId);
    expect(page1.messages.map((m) => m.direction)).toEqual(['out', 'in', 'out']);
    const own = page1.messages[0];
    expect(own).toMatchObject({ id: 'hist-2', originId: 'hist-2', from: alice.jid, status: 'sent', conversation: bobAccount.jid });
    const theirs = page1.messages[1];
    expect(theirs).toMatchObject({ from: bobAccount.jid, status: 'received' });
    // the live copy and the archived copy of an incoming message share their id
    expect(theirs.id).toBe(rec.of('message').find((e) => e.message.body === 'm4')?.message.id);
    for (let i = 1; i < page1.messages.length; i++) expect(page1.messages[i].timestamp).toBeGreaterThanOrEqual(page1.messages[i - 1].timestamp);

    await adapter.loadHistory(bobAccount.jid, { max: 3, before: page1.cursor });
    const page2 = (await rec.waitFor('history', (e) => e !== page1)) as EventOf<'history'>;
    expect(page2.messages.map((m) => m.body)).toEqual(['m1', 'm2']);
    expect(page2.complete).toBe(true);
  });

  it('returns an empty, complete page for a conversation without history', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec } = await login(alice);
    await adapter.loadHistory('nobody@localhost');
    const page = await rec.waitFor('history');
    expect(page).toEqual({ type: 'history', conversation: 'nobody@localhost', messages: [], complete: true });
  });

  it('reports historyError when the archive refuses the query', async () => {
    const alice = await createAccount('alice');
    const { adapter, rec } = await login(alice);
    await adapter.loadHistory('nobody@localhost', { before: 'no-such-archive-id' });
    const e = await rec.waitFor('historyError');
    expect(e.conversation).toBe('nobody@localhost');
    expect(e.error).toMatch(/item-not-found|bad-request|cancel/);
  });

  it('ignores archive results injected by a contact, even with the right queryid', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    const { adapter, rec, full } = await login(alice);
    await bob.sendMessage(full, 'genuine');
    await rec.waitFor('message', (e) => e.message.body === 'genuine');

    // Let Bob learn the queryid and inject a result before the query reaches the server.
    const client = internalClient(adapter);
    const send = client.send.bind(client);
    client.send = async (el) => {
      const query = el.getChild('query', 'urn:xmpp:mam:2');
      if (query) {
        await bob.send(
          xml(
            'message',
            { to: full },
            xml(
              'result',
              { xmlns: 'urn:xmpp:mam:2', queryid: query.attrs.queryid, id: 'fake-1' },
              xml(
                'forwarded',
                { xmlns: 'urn:xmpp:forward:0' },
                xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2001-01-01T00:00:00Z' }),
                xml('message', { xmlns: 'jabber:client', type: 'chat', from: `${bobAccount.jid}/x`, to: alice.jid }, xml('body', {}, 'injected')),
              ),
            ),
          ),
        );
        await pause(300);
      }
      return send(el);
    };
    await adapter.loadHistory(bobAccount.jid);
    const page = await rec.waitFor('history');
    expect(page.messages.map((m) => m.body)).toEqual(['genuine']);
    expect(spec.warn).toHaveBeenCalledWith(expect.stringContaining('archive result not from the own account'));
  });
});

describe('XmppAdapter against Prosody: reconnect', () => {
  it('resumes the stream after the socket drops: reconnecting → online, and keeps working', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    const { adapter, rec, full } = await login(alice);
    internalClient(adapter).socket!.end();
    await rec.waitFor('connection', (e) => e.status === 'reconnecting');
    await rec.waitFor('connection', (e) => e.status === 'online' && rec.of('connection').indexOf(e) > rec.statuses().indexOf('reconnecting'), 10_000);
    expect(rec.statuses()).toEqual(['connecting', 'online', 'reconnecting', 'online']);
    expect(rec.of('roster')).toHaveLength(1); // resumed: same session, no re-fetch
    await bob.sendMessage(full, 'after resume');
    await rec.waitFor('message', (e) => e.message.body === 'after resume');
  });

  it('acknowledges every stanza, IQ answers included, so nothing is redelivered after resumption', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    const { adapter, rec, full } = await login(alice); // roster, disco and carbons IQs precede the message
    await adapter.loadHistory(bobAccount.jid);
    await adapter.loadHistory('carol@localhost');
    await rec.waitFor('history', (e) => e.conversation === 'carol@localhost');
    await bob.sendMessage(full, 'only once');
    await rec.waitFor('message', (e) => e.message.body === 'only once');
    await pause(400); // let an <r/>/<a/> round happen
    internalClient(adapter).socket!.end();
    await rec.waitFor('connection', (e) => e.status === 'online' && rec.of('connection').indexOf(e) > rec.statuses().indexOf('reconnecting'), 10_000);
    await bob.sendMessage(full, 'marker');
    await rec.waitFor('message', (e) => e.message.body === 'marker');
    expect(rec.of('roster')).toHaveLength(1); // the stream was resumed, not replaced by a fresh session
    expect(rec.of('message').filter((e) => e.message.body === 'only once')).toHaveLength(1);
  });

  it('starts a fresh session when it cannot resume: re-fetches the roster and resends presence', async () => {
    const [alice, bobAccount] = await Promise.all([createAccount('alice'), createAccount('bob')]);
    const bob = await connectBot(bobAccount);
    const { adapter, rec, full } = await login(alice);
    await befriend(adapter, rec, alice, bob);
    await bob.waitFor((s) => s.is('presence') && s.attrs.from === full && !s.attrs.type);

    const client = internalClient(adapter);
    (client.streamManagement as { id: string }).id = 'expired-token'; // the server will answer <failed/>
    client.socket!.end();
    await rec.waitFor('connection', (e) => e.status === 'reconnecting');
    await rec.waitFor('connection', (e) => e.status === 'online' && rec.of('connection').indexOf(e) > rec.statuses().indexOf('reconnecting'), 10_000);
    expect(rec.of('roster')).toHaveLength(2);
    expect(rec.of('roster')[1].contacts.map((c) => c.jid)).toEqual([bobAccount.jid]);
    await bob.waitFor((s) => s.is('presence') && s.attrs.from === full && !s.attrs.type);
    await adapter.sendMessage(bobAccount.jid, 'after fresh session', 'fresh-1');
    await bob.waitFor(isMessageWithBody('after fresh session'));
  });
});
