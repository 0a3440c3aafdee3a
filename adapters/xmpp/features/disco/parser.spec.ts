import { stanza } from '../../spec-helpers';
import { parseDiscoInfo, parseDiscoItems } from './parser';

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

  it('returns the XEP-0128 extension forms', () => {
    const info = parseDiscoInfo(
      stanza(`<iq type="result" id="d"><query xmlns="http://jabber.org/protocol/disco#info"><feature var="x"/>
        <x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>urn:a</value></field><field var="n"><value>3</value></field></x>
      </query></iq>`),
    );
    expect(info?.forms).toHaveLength(1);
    expect(info?.forms?.[0].formType).toBe('urn:a');
    expect(info?.forms?.[0].fields.get('n')?.values).toEqual(['3']);
  });

  it('returns null for errors and other payloads', () => {
    expect(parseDiscoInfo(stanza('<iq type="error" id="d"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>'))).toBeNull();
    expect(parseDiscoInfo(stanza('<iq type="result" id="d"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>'))).toBeNull();
    expect(parseDiscoInfo(stanza('<message><query xmlns="http://jabber.org/protocol/disco#info"/></message>'))).toBeNull();
  });
});

describe('parseDiscoItems', () => {
  it('parses items with names and nodes, normalized, each once, skipping invalid JIDs', () => {
    const items = parseDiscoItems(
      stanza(`<iq type="result" id="i" from="capulet.lit"><query xmlns="http://jabber.org/protocol/disco#items">
        <item jid="Conference.Capulet.lit" name="Chatrooms"/>
        <item jid="conference.capulet.lit"/>
        <item jid="pubsub.capulet.lit" node="news" name="News"/>
        <item jid="pubsub.capulet.lit" node="other"/>
        <item jid="bad jid@x"/><item/>
        <item jid="room@conference.capulet.lit/nick"/>
      </query></iq>`),
    );
    expect(items).toEqual([
      { jid: 'conference.capulet.lit', name: 'Chatrooms' },
      { jid: 'pubsub.capulet.lit', node: 'news', name: 'News' },
      { jid: 'pubsub.capulet.lit', node: 'other' },
      { jid: 'room@conference.capulet.lit/nick' },
    ]);
  });

  it('returns an empty list for an empty answer and null for anything else', () => {
    expect(parseDiscoItems(stanza('<iq type="result" id="i"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>'))).toEqual([]);
    expect(parseDiscoItems(stanza('<iq type="result" id="i"/>'))).toBeNull();
    expect(parseDiscoItems(stanza('<iq type="error" id="i"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>'))).toBeNull();
  });
});
