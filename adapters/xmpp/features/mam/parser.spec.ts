import { ctx, stanza } from '../../spec-helpers';
import { isMamResult, mamQueryIdOf, parseMamFin, parseMamResult } from './parser';

const result = (outerAttrs: string, resultAttrs: string, inner: string, stamp = '2010-07-10T23:08:25Z') =>
  stanza(`<message ${outerAttrs} id="aeb213" to="juliet@capulet.lit/balcony">
    <result xmlns="urn:xmpp:mam:2" ${resultAttrs}>
      <forwarded xmlns="urn:xmpp:forward:0">
        <delay xmlns="urn:xmpp:delay" stamp="${stamp}"/>
        ${inner}
      </forwarded>
    </result>
  </message>`);

const INNER = '<message xmlns="jabber:client" type="chat" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony"><body>Hail</body></message>';

describe('parseMamResult', () => {
  it('parses a result from our own archive (no from)', () => {
    const r = parseMamResult(result('', 'queryid="q1" id="28482-98726-73623"', INNER), ctx);
    expect(r?.queryId).toBe('q1');
    expect(r?.archiveId).toBe('28482-98726-73623');
    expect(r?.forwardedStamp).toBe(Date.UTC(2010, 6, 10, 23, 8, 25));
    expect(r?.message.getChildText('body')).toBe('Hail');
  });

  it('accepts the own bare JID as sender', () => {
    expect(parseMamResult(result('from="juliet@capulet.lit"', 'queryid="q1" id="a"', INNER), ctx)).not.toBeNull();
  });

  it.each([
    ['a contact', 'from="romeo@montague.lit"'],
    ['a contact resource', 'from="romeo@montague.lit/orchard"'],
    ['our own full JID', 'from="juliet@capulet.lit/phone"'],
    ['a room', 'from="room@conference.capulet.lit"'],
    ['the server domain', 'from="capulet.lit"'],
  ])('refuses a result injected by %s', (_label, attrs) => {
    expect(parseMamResult(result(attrs, 'queryid="q1" id="a"', INNER), ctx)).toBeNull();
  });

  it('refuses results without queryid or id', () => {
    expect(parseMamResult(result('', 'id="a"', INNER), ctx)).toBeNull();
    expect(parseMamResult(result('', 'queryid="q1"', INNER), ctx)).toBeNull();
    expect(parseMamResult(result('', 'queryid="" id=""', INNER), ctx)).toBeNull();
  });

  it('refuses results without a forwarded message', () => {
    expect(parseMamResult(stanza('<message><result xmlns="urn:xmpp:mam:2" queryid="q" id="a"/></message>'), ctx)).toBeNull();
    expect(
      parseMamResult(stanza('<message><result xmlns="urn:xmpp:mam:2" queryid="q" id="a"><forwarded xmlns="urn:xmpp:forward:0"/></result></message>'), ctx),
    ).toBeNull();
  });

  it('refuses results of other MAM versions', () => {
    expect(
      parseMamResult(
        stanza(`<message><result xmlns="urn:xmpp:mam:1" queryid="q" id="a"><forwarded xmlns="urn:xmpp:forward:0">${INNER}</forwarded></result></message>`),
        ctx,
      ),
    ).toBeNull();
  });

  it('has no stamp when the forwarded delay is missing or malformed', () => {
    expect(parseMamResult(result('', 'queryid="q" id="a"', INNER, 'garbage'), ctx)?.forwardedStamp).toBeUndefined();
  });
});

describe('isMamResult', () => {
  it('detects the result element', () => {
    expect(isMamResult(result('from="romeo@montague.lit"', 'queryid="q" id="a"', INNER))).toBe(true);
    expect(isMamResult(stanza('<message><body>x</body></message>'))).toBe(false);
  });
});

describe('parseMamFin', () => {
  it('parses complete, first, last and count', () => {
    const iq = stanza(`<iq type="result" id="juliet1"><fin xmlns="urn:xmpp:mam:2" complete="true">
      <set xmlns="http://jabber.org/protocol/rsm"><first index="0">28482-98726-73623</first><last>09af3-cc343-b409f</last><count>20</count></set>
    </fin></iq>`);
    expect(parseMamFin(iq, ctx)).toEqual({ complete: true, first: '28482-98726-73623', last: '09af3-cc343-b409f', count: 20 });
  });

  it('treats a missing complete as false and an empty page as cursorless', () => {
    const iq = stanza('<iq type="result" id="q"><fin xmlns="urn:xmpp:mam:2"><set xmlns="http://jabber.org/protocol/rsm"><count>0</count></set></fin></iq>');
    expect(parseMamFin(iq, ctx)).toEqual({ complete: false, count: 0 });
  });

  it('accepts complete="1"', () => {
    expect(parseMamFin(stanza('<iq type="result" id="q"><fin xmlns="urn:xmpp:mam:2" complete="1"/></iq>'), ctx)?.complete).toBe(true);
  });

  it('refuses a fin from someone else, errors, and missing fin', () => {
    expect(parseMamFin(stanza('<iq type="result" id="q" from="romeo@montague.lit"><fin xmlns="urn:xmpp:mam:2" complete="true"/></iq>'), ctx)).toBeNull();
    expect(parseMamFin(stanza('<iq type="error" id="q"><fin xmlns="urn:xmpp:mam:2"/></iq>'), ctx)).toBeNull();
    expect(parseMamFin(stanza('<iq type="result" id="q"/>'), ctx)).toBeNull();
    expect(parseMamFin(stanza('<iq type="result" id="q"><fin xmlns="urn:xmpp:mam:1"/></iq>'), ctx)).toBeNull();
  });

  it('ignores a non-numeric count', () => {
    const iq = stanza('<iq type="result" id="q"><fin xmlns="urn:xmpp:mam:2"><set xmlns="http://jabber.org/protocol/rsm"><count>many</count></set></fin></iq>');
    expect(parseMamFin(iq, ctx)?.count).toBeUndefined();
  });
});

describe('room archives (archive option)', () => {
  const ROOM = 'coven@chat.shakespeare.lit';
  const GC = `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/firstwitch"><body>Hail</body></message>`;

  it('accepts results and the fin only from exactly the room', () => {
    expect(parseMamResult(result(`from="${ROOM}"`, 'queryid="q1" id="a"', GC), ctx, { archive: ROOM })?.archiveId).toBe('a');
    expect(parseMamResult(result(`from="Coven@Chat.Shakespeare.lit"`, 'queryid="q1" id="a"', GC), ctx, { archive: ROOM })).not.toBeNull();
    const fin = stanza(`<iq type="result" id="f" from="${ROOM}"><fin xmlns="urn:xmpp:mam:2" complete="true"/></iq>`);
    expect(parseMamFin(fin, ctx, { archive: ROOM })).toEqual({ complete: true });
  });

  it.each([
    ['no from (our own archive)', ''],
    ['our own account', 'from="juliet@capulet.lit"'],
    ['an occupant', `from="${ROOM}/firstwitch"`],
    ['another room', 'from="heath@chat.shakespeare.lit"'],
    ['the service', 'from="chat.shakespeare.lit"'],
  ])('refuses room results from %s', (_label, attrs) => {
    expect(parseMamResult(result(attrs, 'queryid="q1" id="a"', GC), ctx, { archive: ROOM })).toBeNull();
    expect(parseMamFin(stanza(`<iq type="result" id="f" ${attrs}><fin xmlns="urn:xmpp:mam:2"/></iq>`), ctx, { archive: ROOM })).toBeNull();
  });

  it('reads the queryid before anything is checked', () => {
    expect(mamQueryIdOf(result('from="mallory@evil.lit"', 'queryid="q9" id="a"', GC))).toBe('q9');
    expect(mamQueryIdOf(stanza('<message><body>x</body></message>'))).toBeUndefined();
  });
});
