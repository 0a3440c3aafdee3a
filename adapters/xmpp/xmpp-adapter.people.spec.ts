/** The XMPP adapter's own presence, contact updates and blocking, over the fake client. */
import type { AdapterEvent } from '../types';
import { FakeClient, FULL, OWN, ROMEO, defaultResponder, result, type Responder } from './fake-client';
import { stanza } from './spec-helpers';
import { XmppAdapter } from './xmpp-adapter';
import { xml } from './xml';

let warn: jest.Mock;
beforeEach(() => {
  warn = jest.fn();
});

/** A server whose disco#info has `features` besides carbons. */
function serverWith(features: string[]): Responder {
  return (iq, client) => {
    const q = iq.getChildElements()[0];
    if (q?.is('query', 'http://jabber.org/protocol/disco#info') && iq.attrs.to === 'capulet.lit') {
      return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, ...['urn:xmpp:carbons:2', ...features].map((v) => xml('feature', { var: v }))));
    }
    if (q?.is('blocklist', 'urn:xmpp:blocking')) return result(iq, xml('blocklist', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: 'spam@evil.example' })));
    return defaultResponder(iq, client);
  };
}

async function online(features: string[] = ['urn:xmpp:blocking'], before?: (adapter: XmppAdapter) => Promise<void>) {
  let client!: FakeClient;
  const adapter = new XmppAdapter({
    logger: { warn },
    now: () => 1_000_000,
    tokenStore: null,
    clientFactory: (o) => {
      client = new FakeClient(o);
      client.responder = serverWith(features);
      return client;
    },
  });
  const events: AdapterEvent[] = [];
  adapter.subscribe((e) => events.push(e));
  await before?.(adapter);
  await adapter.connect({ jid: FULL, password: 'secret' });
  await new Promise((r) => setTimeout(r, 5));
  return { adapter, events, client };
}

const strings = (client: FakeClient) => client.sent.map((s) => s.toString());

describe('own presence', () => {
  it('sends the presence chosen before signing in as the first one', async () => {
    const { client, events } = await online([], (adapter) => adapter.setPresence({ availability: 'away', status: 'Lunch' }));
    const first = client.sent.find((s) => s.name === 'presence')!;
    expect(first.getChildText('show')).toBe('away');
    expect(first.getChildText('status')).toBe('Lunch');
    expect(events.filter((e) => e.type === 'ownPresence')).toEqual([{ type: 'ownPresence', presence: { availability: 'away', status: 'Lunch' } }]);
  });

  it('broadcasts a change, and refuses Invisible without XEP-0186', async () => {
    const { adapter, client } = await online([]);
    client.sent = [];
    await adapter.setPresence({ availability: 'dnd', status: 'Busy' });
    expect(strings(client)[0]).toMatch(/^<presence><show>dnd<\/show><status>Busy<\/status><c /);
    await expect(adapter.setPresence({ availability: 'invisible' })).rejects.toThrow('feature-not-implemented');
    await expect(adapter.setPresence({ availability: 'sleepy' as never })).rejects.toThrow('invalid presence');
  });

  it('goes invisible with XEP-0186 and visible again before the next presence', async () => {
    const { adapter, client } = await online(['urn:xmpp:invisible:0']);
    client.sent = [];
    await adapter.setPresence({ availability: 'invisible' });
    expect(strings(client)).toEqual([expect.stringContaining('<invisible xmlns="urn:xmpp:invisible:0"')]);
    client.sent = [];
    await adapter.setPresence({ availability: 'online' });
    expect(strings(client)[0]).toContain('<visible xmlns="urn:xmpp:invisible:0"/>');
    expect(strings(client)[1]).toMatch(/^<presence><c /);
  });
});

describe('contact updates', () => {
  it('sends a roster set with the name and groups, and no subscription request', async () => {
    const { adapter, client } = await online();
    client.sent = [];
    await adapter.updateContact(ROMEO, 'Romeo M.', ['Verona', 'Verona']);
    expect(strings(client)).toEqual([expect.stringContaining(`<item jid="${ROMEO}" name="Romeo M."><group>Verona</group></item>`)]);
    await expect(adapter.updateContact('not a jid', 'x', [])).rejects.toThrow('invalid-jid');
  });
});

describe('blocking', () => {
  it('reads the blocklist, blocks with a spam report and unblocks', async () => {
    const { adapter, client, events } = await online();
    events.length = 0;
    await adapter.loadBlocklist();
    expect(events).toEqual([{ type: 'blocklist', jids: ['spam@evil.example'] }]);
    client.sent = [];
    await adapter.block(ROMEO, { reason: 'spam', text: 'ads' });
    await adapter.unblock(ROMEO);
    expect(strings(client)[0]).toContain(`<block xmlns="urn:xmpp:blocking"><item jid="${ROMEO}"><report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:spam"><text>ads</text></report></item></block>`);
    expect(strings(client)[1]).toContain(`<unblock xmlns="urn:xmpp:blocking"><item jid="${ROMEO}"/></unblock>`);
  });

  it('applies pushes from the own account and drops those from anyone else', async () => {
    const { client, events } = await online();
    events.length = 0;
    expect(client.request(stanza(`<iq type="set" id="p1" from="${OWN}"><block xmlns="urn:xmpp:blocking"><item jid="${ROMEO}"/></block></iq>`))).toBe(true);
    expect(client.request(stanza(`<iq type="set" id="p2"><unblock xmlns="urn:xmpp:blocking"/></iq>`))).toBe(true);
    expect(client.request(stanza(`<iq type="set" id="p3" from="${ROMEO}/orchard"><unblock xmlns="urn:xmpp:blocking"/></iq>`))).toBeUndefined();
    expect(client.request(stanza(`<iq type="set" id="p4" from="mallory@evil.example"><block xmlns="urn:xmpp:blocking"><item jid="nurse@capulet.lit"/></block></iq>`))).toBeUndefined();
    expect(events).toEqual([
      { type: 'blocked', jids: [ROMEO] },
      { type: 'unblocked', jids: [], all: true },
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropped iq from romeo@montague.lit/orchard: blocklist push'));
  });

  it('rejects every command where the server has no XEP-0191', async () => {
    const { adapter } = await online([]);
    await expect(adapter.loadBlocklist()).rejects.toThrow('feature-not-implemented');
    await expect(adapter.block(ROMEO)).rejects.toThrow('feature-not-implemented');
    await expect(adapter.unblock(ROMEO)).rejects.toThrow('feature-not-implemented');
  });
});
