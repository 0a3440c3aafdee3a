import type { AdapterEvent } from '../../../types';
import { OWN, ctx, stanza } from '../../spec-helpers';
import { xml, type XmlElement } from '../../xml';
import type { FeatureHost } from '../host';
import { CapsCache } from './cache';
import { CapsFeature } from './caps';

const VER = 'QgayPKawpkPSDYmwT/WM94uAlu0=';
const NODE = 'http://code.google.com/p/exodus';
const FEATURES = ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc'];

function answer(from: string, features = FEATURES, node = `${NODE}#${VER}`): XmlElement {
  return xml(
    'iq',
    { type: 'result', from },
    xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', node }, xml('identity', { category: 'client', type: 'pc', name: 'Exodus 0.9.1' }), ...features.map((v) => xml('feature', { var: v }))),
  );
}

function setup(reply: (iq: XmlElement) => XmlElement | Promise<XmlElement> = (iq) => answer(iq.attrs.to)) {
  const events: AdapterEvent[] = [];
  const iqs: XmlElement[] = [];
  const drop = jest.fn();
  let current = true;
  const host: FeatureHost = {
    emit: (e) => events.push(e),
    send: async () => undefined,
    iq: async (el) => {
      iqs.push(el);
      return reply(el);
    },
    drop,
    warn: () => undefined,
    ctx: () => ctx,
    online: () => true,
    sessionCheck: () => () => current,
  };
  const caps = new CapsFeature(host, new CapsCache());
  const end = () => (current = false);
  return { caps, events, iqs, drop, end };
}

const presence = (from: string, c = `<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='${NODE}' ver='${VER}'/>`, type = '') =>
  stanza(`<presence from='${from}'${type ? ` type='${type}'` : ''}>${c}</presence>`);
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('CapsFeature', () => {
  it('asks one advertiser with node#ver at its full JID, then tells each resource its features', async () => {
    const { caps, events, iqs } = setup();
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    caps.onPresence(presence('benvolio@montague.lit/square'));
    caps.onPresence(presence('room@muc.montague.lit/Mercutio'));
    await settle();
    expect(iqs).toHaveLength(1);
    expect(iqs[0].attrs).toMatchObject({ type: 'get', to: 'romeo@montague.lit/orchard' });
    expect(iqs[0].getChild('query')?.attrs).toEqual({ xmlns: 'http://jabber.org/protocol/disco#info', node: `${NODE}#${VER}` });
    expect(events).toEqual(
      expect.arrayContaining([
        { type: 'resourceFeatures', jid: 'romeo@montague.lit', resource: 'orchard', features: FEATURES },
        { type: 'resourceFeatures', jid: 'benvolio@montague.lit', resource: 'square', features: FEATURES },
        { type: 'resourceFeatures', jid: 'room@muc.montague.lit', resource: 'Mercutio', features: FEATURES },
      ]),
    );
    expect(caps.features('romeo@montague.lit/orchard')).toEqual(FEATURES);
  });

  it('answers a known ver at once, without a query, and a status change says nothing new', async () => {
    const { caps, events, iqs } = setup();
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    await settle();
    events.length = 0;
    caps.onPresence(presence('tybalt@capulet.lit/street'));
    expect(events).toEqual([{ type: 'resourceFeatures', jid: 'tybalt@capulet.lit', resource: 'street', features: FEATURES }]);
    caps.onPresence(presence('tybalt@capulet.lit/street'));
    expect(events).toHaveLength(1);
    expect(iqs).toHaveLength(1);
  });

  it('forgets a resource that goes unavailable or stops advertising caps', async () => {
    const { caps, events } = setup();
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    caps.onPresence(presence('romeo@montague.lit/balcony'));
    await settle();
    events.length = 0;
    caps.onPresence(presence('romeo@montague.lit/orchard', '', 'unavailable'));
    caps.onPresence(presence('romeo@montague.lit/balcony', ''));
    expect(events).toEqual([
      { type: 'resourceFeatures', jid: 'romeo@montague.lit', resource: 'orchard' },
      { type: 'resourceFeatures', jid: 'romeo@montague.lit', resource: 'balcony' },
    ]);
    expect(caps.features('romeo@montague.lit/orchard')).toBeUndefined();
  });

  it('does not trust an answer from someone other than the entity asked', async () => {
    const { caps, events, drop } = setup((iq) => answer(iq.attrs.to === 'romeo@montague.lit/orchard' ? 'evil@x.lit/r' : iq.attrs.to));
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    await settle();
    expect(drop).toHaveBeenCalledWith(expect.stringContaining('unexpected sender'), expect.anything());
    expect(events).toEqual([]);
  });

  it('gives a lying entity its own answer only, and asks the next advertiser', async () => {
    const { caps, events, iqs } = setup((iq) => answer(iq.attrs.to, iq.attrs.to.startsWith('liar') ? [...FEATURES, 'urn:xmpp:jingle:1'] : FEATURES));
    caps.onPresence(presence('liar@x.lit/r'));
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    await settle();
    expect(iqs.map((iq) => iq.attrs.to)).toEqual(['liar@x.lit/r', 'romeo@montague.lit/orchard']);
    expect(caps.features('liar@x.lit/r')).toContain('urn:xmpp:jingle:1');
    expect(caps.features('romeo@montague.lit/orchard')).toEqual(FEATURES);
    expect(events).toHaveLength(2);
  });

  it('drops an ill-formed answer (a feature twice)', async () => {
    const { caps, events, drop } = setup((iq) => answer(iq.attrs.to, [...FEATURES, FEATURES[0]]));
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    await settle();
    expect(drop).toHaveBeenCalledWith(expect.stringContaining('ill-formed'), expect.anything());
    expect(events).toEqual([]);
  });

  it('ignores malformed and legacy caps, own resources, bare JIDs and errors, without a query', async () => {
    const { caps, events, iqs } = setup();
    caps.onPresence(presence('romeo@montague.lit/orchard', `<c xmlns='http://jabber.org/protocol/caps' node='${NODE}' ver='0.9'/>`));
    caps.onPresence(presence('romeo@montague.lit/orchard', `<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='${NODE}' ver='${'x'.repeat(100_000)}'/>`));
    caps.onPresence(presence(`${OWN}/phone`));
    caps.onPresence(presence('montague.lit'));
    caps.onPresence(presence('romeo@montague.lit/orchard', undefined, 'error'));
    caps.onPresence(stanza('<presence/>'));
    await settle();
    expect(iqs).toEqual([]);
    expect(events).toEqual([]);
  });

  it('says nothing of an answer that arrives after the session ended', async () => {
    const { caps, events, end } = setup();
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    end();
    await settle();
    expect(events).toEqual([]);
  });

  it('forgets the occupants of a room left', async () => {
    const { caps, events } = setup();
    caps.onPresence(presence('room@muc.montague.lit/Mercutio'));
    caps.onPresence(presence('romeo@montague.lit/orchard'));
    await settle();
    events.length = 0;
    caps.forget('room@muc.montague.lit');
    expect(events).toEqual([{ type: 'resourceFeatures', jid: 'room@muc.montague.lit', resource: 'Mercutio' }]);
    expect(caps.features('romeo@montague.lit/orchard')).toEqual(FEATURES);
  });
});
