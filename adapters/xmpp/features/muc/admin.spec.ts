import { stanza } from '../../spec-helpers';
import { MAX_AFFILIATION_ITEMS, parseAffiliationList, parseDecline, parseOwnerForm } from './parser';
import { affiliationListGet, declineMessage, destroyRoomIq, mediatedInvitation, ownerSet } from './stanzas';
import { formCancel } from '../dataforms/form';

const ROOM = 'cave@conference.example.org';

describe('room administration stanzas', () => {
  it('builds a mediated invitation and a decline addressed to the room, with XML-safe reasons', () => {
    expect(mediatedInvitation(ROOM, 'bob@example.org', 'i1', 'come \u0001in').toString()).toBe(
      `<message to="${ROOM}" id="i1"><x xmlns="http://jabber.org/protocol/muc#user"><invite to="bob@example.org"><reason>come in</reason></invite></x></message>`,
    );
    expect(declineMessage(ROOM, 'alice@example.org', 'd1').toString()).toBe(
      `<message to="${ROOM}" id="d1"><x xmlns="http://jabber.org/protocol/muc#user"><decline to="alice@example.org"/></x></message>`,
    );
  });

  it('asks for an affiliation list, sends owner forms and destroys with a reason and an alternate venue', () => {
    expect(affiliationListGet('q1', ROOM, 'outcast').toString()).toBe(
      `<iq type="get" id="q1" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#admin"><item affiliation="outcast"/></query></iq>`,
    );
    expect(ownerSet('c1', ROOM, formCancel()).toString()).toBe(
      `<iq type="set" id="c1" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="cancel"/></query></iq>`,
    );
    expect(destroyRoomIq('x1', ROOM, { reason: ' bye ', alternate: 'new@conference.example.org' }).toString()).toBe(
      `<iq type="set" id="x1" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"><destroy jid="new@conference.example.org"><reason>bye</reason></destroy></query></iq>`,
    );
    expect(destroyRoomIq('x2', ROOM).toString()).toBe(`<iq type="set" id="x2" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"><destroy/></query></iq>`);
  });
});

describe('parseDecline', () => {
  const decline = (inner: string, from = ROOM, type?: string) =>
    stanza(`<message from="${from}" to="alice@example.org/web"${type ? ` type="${type}"` : ''}><x xmlns="http://jabber.org/protocol/muc#user">${inner}</x></message>`);

  it('reads who declined (bare) and why', () => {
    expect(parseDecline(decline('<decline from="bob@example.org/phone"><reason>Busy</reason></decline>'))).toEqual({
      room: ROOM,
      from: 'bob@example.org',
      reason: 'Busy',
    });
    expect(parseDecline(decline('<decline from="bob@example.org"/>'))).toEqual({ room: ROOM, from: 'bob@example.org' });
  });

  it('is null unless a room bare JID relays a decline with a valid decliner', () => {
    expect(parseDecline(decline('<decline from="bob@example.org"/>', `${ROOM}/nick`))).toBeNull();
    expect(parseDecline(decline('<decline from="bob@example.org"/>', 'conference.example.org'))).toBeNull();
    expect(parseDecline(decline('<decline/>'))).toBeNull();
    expect(parseDecline(decline('<decline from="@@"/>'))).toBeNull();
    expect(parseDecline(decline('<invite from="bob@example.org"/>'))).toBeNull();
    expect(parseDecline(decline('<decline from="bob@example.org"/>', ROOM, 'groupchat'))).toBeNull();
  });

  it('bounds a hostile reason', () => {
    const d = parseDecline(decline(`<decline from="bob@example.org"><reason>${'r'.repeat(100_000)}</reason></decline>`));
    expect(d!.reason!.length).toBeLessThanOrEqual(1000);
  });
});

describe('parseAffiliationList', () => {
  const result = (items: string) => stanza(`<iq type="result" from="${ROOM}" id="q1"><query xmlns="http://jabber.org/protocol/muc#admin">${items}</query></iq>`);

  it('reads bare JIDs with nick and reason, dropping bad, full, duplicate and other-affiliation items', () => {
    const items = parseAffiliationList(
      result(`<item affiliation="member" jid="bob@example.org" nick="bobby"><reason>friend</reason></item>
        <item affiliation="member" jid="bob@example.org"/>
        <item affiliation="member" jid="carol@example.org/phone"/>
        <item affiliation="admin" jid="dave@example.org"/>
        <item affiliation="member"/>
        <item jid="example.org"/>`),
      'member',
    );
    expect(items).toEqual([
      { jid: 'bob@example.org', affiliation: 'member', nick: 'bobby', reason: 'friend' },
      { jid: 'example.org', affiliation: 'member' },
    ]);
  });

  it('is null for an error or another payload, and bounded in length', () => {
    expect(parseAffiliationList(stanza(`<iq type="error" from="${ROOM}" id="q1"/>`), 'member')).toBeNull();
    expect(parseAffiliationList(stanza(`<iq type="result" from="${ROOM}" id="q1"><query xmlns="urn:other"/></iq>`), 'member')).toBeNull();
    const many = Array.from({ length: MAX_AFFILIATION_ITEMS + 5 }, (_, i) => `<item affiliation="outcast" jid="u${i}@example.org"/>`).join('');
    expect(parseAffiliationList(result(many), 'outcast')).toHaveLength(MAX_AFFILIATION_ITEMS);
  });
});

describe('parseOwnerForm', () => {
  it('reads the room configuration form, and nothing else', () => {
    const form = parseOwnerForm(
      stanza(`<iq type="result" from="${ROOM}" id="c1"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="form">
        <field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>
        <field var="muc#roomconfig_roomname" type="text-single"><value>Cave</value></field></x></query></iq>`),
    );
    expect(form!.fields.map(f => f.var)).toEqual(['FORM_TYPE', 'muc#roomconfig_roomname']);
    expect(parseOwnerForm(stanza(`<iq type="result" from="${ROOM}" id="c1"><query xmlns="http://jabber.org/protocol/muc#owner"/></iq>`))).toBeNull();
    expect(
      parseOwnerForm(
        stanza(`<iq type="result" from="${ROOM}" id="c1"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="form">
          <field var="FORM_TYPE" type="hidden"><value>urn:other</value></field></x></query></iq>`),
      ),
    ).toBeNull();
  });
});
