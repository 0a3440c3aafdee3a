import { carbonsEnable } from './carbons';
import { discoInfoAnswer, discoInfoGet } from './disco';

describe('disco and carbons builders', () => {
  it('builds a disco#info get', () => {
    expect(discoInfoGet('d1', 'capulet.lit').toString()).toBe(
      '<iq type="get" id="d1" to="capulet.lit"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>',
    );
  });

  it('answers with our identity and the features we implement', () => {
    const q = discoInfoAnswer()!;
    expect(q.getChild('identity')?.attrs).toEqual({ category: 'client', type: 'web', name: 'Natter' });
    const features = q.getChildren('feature').map((f) => f.attrs.var);
    expect(features).toEqual(expect.arrayContaining(['urn:xmpp:receipts', 'http://jabber.org/protocol/chatstates']));
  });

  it('builds the carbons enable request', () => {
    expect(carbonsEnable('c1').toString()).toBe('<iq type="set" id="c1"><enable xmlns="urn:xmpp:carbons:2"/></iq>');
  });
});
