import { createHash } from 'node:crypto';
import { carbonsEnable } from '../carbons/stanzas';
import { CAPS_NODE, CAPS_VER, OWN_FEATURES, OWN_IDENTITY, capsElement, discoInfoAnswer, discoInfoGet, discoItemsGet } from './stanzas';

describe('disco and carbons builders', () => {
  it('builds a disco#info get', () => {
    expect(discoInfoGet('d1', 'capulet.lit').toString()).toBe(
      '<iq type="get" id="d1" to="capulet.lit"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>',
    );
  });

  it('builds a disco#items get', () => {
    expect(discoItemsGet('d2', 'capulet.lit').toString()).toBe(
      '<iq type="get" id="d2" to="capulet.lit"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>',
    );
  });

  it('answers with our identity and the features we implement', () => {
    const q = discoInfoAnswer()!;
    expect(q.attrs.node).toBeUndefined();
    expect(q.getChild('identity')?.attrs).toEqual({ category: 'client', type: 'web', name: 'Natter' });
    const features = q.getChildren('feature').map((f) => f.attrs.var);
    expect(features).toEqual(
      expect.arrayContaining([
        'urn:xmpp:receipts',
        'http://jabber.org/protocol/chatstates',
        'http://jabber.org/protocol/muc',
        'jabber:x:conference',
        'urn:xmpp:ping',
        'urn:xmpp:message-correct:0',
        'urn:xmpp:bookmarks:1+notify',
      ]),
    );
  });

  it('answers for our capabilities node (echoing it) and for no other node', () => {
    expect(discoInfoAnswer(`${CAPS_NODE}#${CAPS_VER}`)?.attrs.node).toBe(`${CAPS_NODE}#${CAPS_VER}`);
    expect(discoInfoAnswer('http://other#x')).toBeUndefined();
    expect(discoInfoAnswer(`${CAPS_NODE}#stale`)).toBeUndefined();
  });

  it('CAPS_VER is the XEP-0115 hash of our identity and features', () => {
    const { category, type, name } = OWN_IDENTITY;
    const s = `${category}/${type}//${name}<` + [...OWN_FEATURES].sort().map((f) => `${f}<`).join('');
    expect(createHash('sha1').update(s, 'utf8').digest('base64')).toBe(CAPS_VER);
    expect(new Set(OWN_FEATURES).size).toBe(OWN_FEATURES.length);
  });

  it('builds the caps element', () => {
    expect(capsElement().toString()).toBe(`<c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="${CAPS_NODE}" ver="${CAPS_VER}"/>`);
  });

  it('builds the carbons enable request', () => {
    expect(carbonsEnable('c1').toString()).toBe('<iq type="set" id="c1"><enable xmlns="urn:xmpp:carbons:2"/></iq>');
  });
});
