/**
 * XEP-0115 against the real Prosody: bots that send the adapter's account a directed presence
 * with caps, answer disco#info themselves and count the queries they get.
 */
import { botJoinRoom, connectBot, createAccount, prosody, roomJid, type Bot } from '../../tests/prosody';
import { memoryCapsStorage, type CapsStorage } from './features/caps/cache';
import { capsVer, parseCapsQuery } from './features/caps/verification';
import { prosodyAdapters } from './spec-prosody';
import { Recorder } from './spec-recorder';
import { XmppAdapter } from './xmpp-adapter';
import { xml } from './xml';

jest.setTimeout(30_000);

const spec = prosodyAdapters();
const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const NS_CAPS = 'http://jabber.org/protocol/caps';
/** XEP-0115 §5.2: this disco#info hashes to this ver. */
const NODE = 'http://code.google.com/p/exodus';
const VER = 'QgayPKawpkPSDYmwT/WM94uAlu0=';
const FEATURES = ['http://jabber.org/protocol/caps', NS_DISCO_INFO, 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc'];

interface CapsBot {
  bot: Bot;
  /** disco#info queries the bot was sent, with their node. */
  queries: string[];
}

/** A bot that answers disco#info with `features` (the honest ones: FEATURES) and counts the queries. */
async function capsBot(prefix: string, features = FEATURES): Promise<CapsBot> {
  const bot = await connectBot(await createAccount(prefix), { initialPresence: false });
  const queries: string[] = [];
  bot.xmpp.iqCallee.get(NS_DISCO_INFO, 'query', ({ stanza }) => {
    const element = stanza.getChild('query', NS_DISCO_INFO)!;
    queries.push(String(element.attrs.node ?? ''));
    return xml(
      'query',
      { xmlns: NS_DISCO_INFO, ...(element.attrs.node ? { node: element.attrs.node } : {}) },
      xml('identity', { category: 'client', type: 'pc', name: 'Exodus 0.9.1' }),
      ...features.map((v) => xml('feature', { var: v })),
    );
  });
  return { bot, queries };
}

/** A directed presence with caps (a non-contact's presence reaches the full JID it is sent to). */
function advertise(b: CapsBot, to: string): Promise<void> {
  return b.bot.send(xml('presence', { to }, xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: NODE, ver: VER })));
}

async function signIn(storage: CapsStorage = memoryCapsStorage()) {
  const account = await createAccount('caps');
  const adapter = new XmppAdapter({ reconnectDelay: 200, capsStorage: storage });
  spec.adapters.push(adapter);
  const rec = new Recorder(adapter);
  const full = `${account.jid}/natter`;
  await adapter.connect({ jid: full, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
  return { adapter, rec, full };
}

const bareOf = (jid: string) => jid.slice(0, jid.indexOf('/'));
const resourceOf = (jid: string) => jid.slice(jid.indexOf('/') + 1);

describe('XEP-0115 caps against Prosody', () => {
  it('two peers with the same caps ver: only one of them is asked, and both get its features', async () => {
    const [one, two] = await Promise.all([capsBot('one'), capsBot('two')]);
    const { rec, full } = await signIn();
    await Promise.all([advertise(one, full), advertise(two, full)]);
    for (const b of [one, two]) {
      const e = await rec.waitFor('resourceFeatures', (x) => x.jid === bareOf(b.bot.jid) && x.resource === resourceOf(b.bot.jid));
      expect(e.features).toEqual(FEATURES);
    }
    expect([...one.queries, ...two.queries]).toEqual([`${NODE}#${VER}`]);
  });

  it('a peer whose answer does not match its ver is not trusted: the next peer is asked, and its answer is the one cached', async () => {
    const liar = await capsBot('liar', [...FEATURES, 'urn:xmpp:jingle:1']);
    const [honest, third] = await Promise.all([capsBot('honest'), capsBot('third')]);
    const { rec, full } = await signIn();
    await advertise(liar, full);
    const lie = await rec.waitFor('resourceFeatures', (x) => x.jid === bareOf(liar.bot.jid));
    // Its own answer stands for itself alone.
    expect(lie.features).toContain('urn:xmpp:jingle:1');
    expect(spec.warn).toHaveBeenCalledWith(expect.stringContaining('do not hash'));

    await advertise(honest, full);
    const truth = await rec.waitFor('resourceFeatures', (x) => x.jid === bareOf(honest.bot.jid));
    expect(truth.features).toEqual(FEATURES);
    expect(honest.queries).toHaveLength(1);

    await advertise(third, full);
    const cached = await rec.waitFor('resourceFeatures', (x) => x.jid === bareOf(third.bot.jid));
    expect(cached.features).toEqual(FEATURES);
    expect(third.queries).toEqual([]);
    expect(liar.queries).toHaveLength(1);
  });

  it('room occupants: two with the same ver are asked once (through the room), and are forgotten when we leave', async () => {
    const [one, two] = await Promise.all([capsBot('occ-one'), capsBot('occ-two')]);
    const room = roomJid('caps');
    await botJoinRoom(one.bot, room, 'One');
    await botJoinRoom(two.bot, room, 'Two');
    for (const [b, nick] of [[one, 'One'], [two, 'Two']] as const) {
      await b.bot.send(xml('presence', { to: `${room}/${nick}` }, xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: NODE, ver: VER })));
    }
    const { adapter, rec } = await signIn();
    await adapter.joinRoom(room, { nick: 'Juliet' });
    for (const nick of ['One', 'Two']) {
      const e = await rec.waitFor('resourceFeatures', (x) => x.jid === room && x.resource === nick && !!x.features);
      expect(e.features).toEqual(FEATURES);
    }
    expect([...one.queries, ...two.queries]).toEqual([`${NODE}#${VER}`]);
    await adapter.leaveRoom(room);
    await rec.waitFor('resourceFeatures', (x) => x.jid === room && x.resource === 'One' && !x.features);
    await rec.waitFor('resourceFeatures', (x) => x.jid === room && x.resource === 'Two' && !x.features);
  });

  it('the next session (a reload) with the same storage asks no one for a ver it verified', async () => {
    const storage = memoryCapsStorage();
    const [first, later] = await Promise.all([capsBot('first'), capsBot('later')]);
    const a = await signIn(storage);
    await advertise(first, a.full);
    await a.rec.waitFor('resourceFeatures', (x) => x.jid === bareOf(first.bot.jid));
    await a.adapter.disconnect();

    const b = await signIn(storage);
    await advertise(later, b.full);
    const e = await b.rec.waitFor('resourceFeatures', (x) => x.jid === bareOf(later.bot.jid));
    expect(e.features).toEqual(FEATURES);
    expect(later.queries).toEqual([]);
    expect(first.queries).toHaveLength(1);
  });

  it('our own presence carries the ver of the disco#info we answer for node#ver, which a peer can verify', async () => {
    const watcher = await capsBot('watcher');
    const { adapter, rec, full } = await signIn();
    // Once we let it see our presence, the server sends it (available) our presence, with our caps.
    await watcher.bot.presence();
    await watcher.bot.subscribe(full);
    await rec.waitFor('subscriptionRequest', (e) => e.jid === watcher.bot.account.jid);
    await adapter.approveSubscription(watcher.bot.account.jid);
    const presence = await watcher.bot.waitFor((s) => s.is('presence') && s.attrs.from === full && !s.attrs.type && !!s.getChild('c', NS_CAPS));
    const c = presence.getChild('c', NS_CAPS)!;
    expect(c.attrs.hash).toBe('sha-1');
    const node = `${c.attrs.node}#${c.attrs.ver}`;
    const answer = await watcher.bot.iq(xml('iq', { type: 'get', to: full }, xml('query', { xmlns: NS_DISCO_INFO, node })));
    const query = answer.getChild('query', NS_DISCO_INFO)!;
    expect(query.attrs.node).toBe(node);
    const info = parseCapsQuery(query)!;
    expect(info.features).toEqual(expect.arrayContaining([NS_CAPS, 'urn:xmpp:message-correct:0']));
    expect(capsVer(info)).toBe(c.attrs.ver);
  });
});
