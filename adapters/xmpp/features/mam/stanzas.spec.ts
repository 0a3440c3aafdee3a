import { mamQuery } from './stanzas';

describe('mamQuery', () => {
  it('asks for the latest page with an empty before', () => {
    expect(mamQuery({ id: 'i1', queryId: 'q1', with: 'romeo@montague.lit', max: 20 }).toString()).toBe(
      '<iq type="set" id="i1"><query xmlns="urn:xmpp:mam:2" queryid="q1">' +
        '<x xmlns="jabber:x:data" type="submit">' +
        '<field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field>' +
        '<field var="with"><value>romeo@montague.lit</value></field>' +
        '</x>' +
        '<set xmlns="http://jabber.org/protocol/rsm"><max>20</max><before/></set>' +
        '</query></iq>',
    );
  });

  it('pages back with a cursor', () => {
    const out = mamQuery({ id: 'i2', queryId: 'q2', with: 'r@m.lit', before: '09af3-cc343', max: 5 }).toString();
    expect(out).toContain('<set xmlns="http://jabber.org/protocol/rsm"><max>5</max><before>09af3-cc343</before></set>');
  });

  it('queries the own archive (no to) and keeps max at least 1', () => {
    const el = mamQuery({ id: 'i3', queryId: 'q3', with: 'r@m.lit', max: 0 });
    expect(el.attrs.to).toBeUndefined();
    expect(el.toString()).toContain('<max>1</max>');
  });

  it('escapes a hostile cursor', () => {
    const out = mamQuery({ id: 'i', queryId: 'q', with: 'r@m.lit', before: '</before><evil/>', max: 1 }).toString();
    expect(out).toContain('<before>&lt;/before&gt;&lt;evil/&gt;</before>');
  });
});

describe('mamQuery of a room archive', () => {
  it('is sent to the room, without a with filter', () => {
    const el = mamQuery({ id: 'i4', queryId: 'q4', to: 'coven@chat.shakespeare.lit', max: 50 });
    expect(el.toString()).toBe(
      '<iq type="set" id="i4" to="coven@chat.shakespeare.lit"><query xmlns="urn:xmpp:mam:2" queryid="q4">' +
        '<x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field></x>' +
        '<set xmlns="http://jabber.org/protocol/rsm"><max>50</max><before/></set></query></iq>',
    );
  });
});
