import { stanza } from '../spec-helpers';
import { parseDiscoInfo } from './disco';

describe('parseDiscoInfo', () => {
  it('parses features and identities', () => {
    const iq = stanza(`<iq type="result" id="d" from="capulet.lit"><query xmlns="http://jabber.org/protocol/disco#info">
      <identity category="server" type="im" name="Prosody"/>
      <identity category="pubsub"/>
      <feature var="urn:xmpp:carbons:2"/><feature var="urn:xmpp:carbons:2"/><feature/>
      <feature var="http://jabber.org/protocol/disco#info"/>
    </query></iq>`);
    expect(parseDiscoInfo(iq)).toEqual({
      features: ['urn:xmpp:carbons:2', 'http://jabber.org/protocol/disco#info'],
      identities: [{ category: 'server', type: 'im', name: 'Prosody' }],
    });
  });

  it('returns null for errors and other payloads', () => {
    expect(parseDiscoInfo(stanza('<iq type="error" id="d"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>'))).toBeNull();
    expect(parseDiscoInfo(stanza('<iq type="result" id="d"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>'))).toBeNull();
    expect(parseDiscoInfo(stanza('<message><query xmlns="http://jabber.org/protocol/disco#info"/></message>'))).toBeNull();
  });
});
