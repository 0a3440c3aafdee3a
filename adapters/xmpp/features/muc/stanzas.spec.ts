import { stanza } from '../../spec-helpers';
import {
  adminSet,
  configGet,
  configSubmit,
  directInvitation,
  groupchatMessage,
  instantRoom,
  joinPresence,
  leavePresence,
  nickChangePresence,
  privateMessage,
  roomConfigFields,
  selfPing,
  subjectMessage,
} from './stanzas';

const ROOM = 'coven@chat.shakespeare.lit';

describe('room presences', () => {
  it('joins asking for no discussion history', () => {
    expect(joinPresence(`${ROOM}/thirdwitch`).toString()).toBe(
      `<presence to="${ROOM}/thirdwitch"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`,
    );
  });

  it('adds the password (escaped) and, when asked, some history', () => {
    expect(joinPresence(`${ROOM}/w`, { password: 'a<b&"c\u0001', maxStanzas: 20.7 }).toString()).toBe(
      `<presence to="${ROOM}/w"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="20"/><password>a&lt;b&amp;"c</password></x></presence>`,
    );
    expect(joinPresence(`${ROOM}/w`, { password: '', maxStanzas: -3 }).toString()).toContain('<history maxstanzas="0"/></x>');
    expect(joinPresence(`${ROOM}/w`, { maxStanzas: NaN }).toString()).toContain('maxstanzas="0"');
  });

  it('joins with the user\'s own show and status', () => {
    expect(joinPresence(`${ROOM}/w`, { show: 'dnd', status: 'In <a> call' }).toString()).toBe(
      `<presence to="${ROOM}/w"><show>dnd</show><status>In &lt;a&gt; call</status><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`,
    );
  });

  it('changes nick with a plain presence and leaves with an optional status', () => {
    expect(nickChangePresence(`${ROOM}/oldhag`).toString()).toBe(`<presence to="${ROOM}/oldhag"/>`);
    expect(leavePresence(`${ROOM}/w`).toString()).toBe(`<presence to="${ROOM}/w" type="unavailable"/>`);
    expect(leavePresence(`${ROOM}/w`, ' Gone <home> ').toString()).toBe(`<presence to="${ROOM}/w" type="unavailable"><status>Gone &lt;home&gt;</status></presence>`);
  });
});

describe('room messages', () => {
  it('sends groupchat with origin-id and no receipt request', () => {
    expect(groupchatMessage(ROOM, 'Harpier cries', 'g1').toString()).toBe(
      `<message type="groupchat" to="${ROOM}" id="g1"><body>Harpier cries</body><origin-id xmlns="urn:xmpp:sid:0" id="g1"/>` +
        '<active xmlns="http://jabber.org/protocol/chatstates"/></message>',
    );
  });

  it('keeps hostile text as text', () => {
    const body = '</body><subject>pwned</subject>';
    const back = stanza(groupchatMessage(ROOM, body, 'a"b').toString());
    expect(back.getChildText('body')).toBe(body);
    expect(back.getChild('subject')).toBeUndefined();
    expect(back.getChild('origin-id')?.attrs.id).toBe('a"b');
  });

  it('marks private messages with muc#user', () => {
    const el = privateMessage(`${ROOM}/firstwitch`, 'psst', 'p1');
    expect(el.attrs).toMatchObject({ type: 'chat', to: `${ROOM}/firstwitch`, id: 'p1' });
    expect(el.getChild('x', 'http://jabber.org/protocol/muc#user')?.children).toEqual([]);
    expect(el.getChild('request', 'urn:xmpp:receipts')).toBeDefined();
  });

  it('corrects our groupchat and private messages (XEP-0308): a new id, the replace refers to the original', () => {
    expect(groupchatMessage(ROOM, 'Harpier cries!', 'g2', 'g1').toString()).toBe(
      `<message type="groupchat" to="${ROOM}" id="g2"><body>Harpier cries!</body><origin-id xmlns="urn:xmpp:sid:0" id="g2"/>` +
        '<active xmlns="http://jabber.org/protocol/chatstates"/><replace xmlns="urn:xmpp:message-correct:0" id="g1"/></message>',
    );
    const pm = privateMessage(`${ROOM}/firstwitch`, 'psst!', 'p2', 'p1');
    expect(pm.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe('p1');
    expect(pm.getChild('x', 'http://jabber.org/protocol/muc#user')).toBeDefined();
    expect(groupchatMessage(ROOM, 'x', 'g1').getChild('replace')).toBeUndefined();
  });

  it('sets (and clears) the subject with a subject-only message', () => {
    expect(subjectMessage(ROOM, 'Fire & cauldron', 's1').toString()).toBe(`<message type="groupchat" to="${ROOM}" id="s1"><subject>Fire &amp; cauldron</subject></message>`);
    expect(subjectMessage(ROOM, '', 's2').toString()).toBe(`<message type="groupchat" to="${ROOM}" id="s2"><subject/></message>`);
  });
});

describe('moderation and configuration', () => {
  it('changes a role by nick, with a reason', () => {
    expect(adminSet('k1', ROOM, { nick: 'pistol', role: 'none', reason: 'Avaunt, you cullion!' }).toString()).toBe(
      `<iq type="set" id="k1" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#admin"><item nick="pistol" role="none"><reason>Avaunt, you cullion!</reason></item></query></iq>`,
    );
  });

  it('changes an affiliation by JID, without an empty reason', () => {
    expect(adminSet('b1', ROOM, { jid: 'earlofcambridge@shakespeare.lit', affiliation: 'outcast', reason: '  ' }).toString()).toBe(
      `<iq type="set" id="b1" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#admin"><item jid="earlofcambridge@shakespeare.lit" affiliation="outcast"/></query></iq>`,
    );
  });

  it('escapes a hostile nick', () => {
    const back = stanza(adminSet('x', ROOM, { nick: '"/><evil/>', role: 'visitor' }).toString());
    expect(back.getChild('query')!.getChild('item')!.attrs.nick).toBe('"/><evil/>');
  });

  it('asks for the form, accepts an instant room', () => {
    expect(configGet('c1', ROOM).toString()).toBe(`<iq type="get" id="c1" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"/></iq>`);
    expect(instantRoom('c2', ROOM).toString()).toBe(
      `<iq type="set" id="c2" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query></iq>`,
    );
  });

  it('maps a RoomConfig to muc#roomconfig fields', () => {
    expect([...roomConfigFields({ name: ' Cave ', membersOnly: true, persistent: false, public: true, password: 'pw' })]).toEqual([
      ['muc#roomconfig_roomname', ['Cave']],
      ['muc#roomconfig_membersonly', ['1']],
      ['muc#roomconfig_persistentroom', ['0']],
      ['muc#roomconfig_publicroom', ['1']],
      ['muc#roomconfig_passwordprotectedroom', ['1']],
      ['muc#roomconfig_roomsecret', ['pw']],
    ]);
    expect([...roomConfigFields({ password: '' })]).toEqual([
      ['muc#roomconfig_passwordprotectedroom', ['0']],
      ['muc#roomconfig_roomsecret', ['']],
    ]);
    expect(roomConfigFields({}).size).toBe(0);
  });

  it('submits only the fields the room offers', () => {
    const out = configSubmit('c3', ROOM, { name: 'Cave', membersOnly: true, password: 'pw' }, new Set(['muc#roomconfig_roomname', 'muc#roomconfig_roomsecret'])).toString();
    expect(out).toBe(
      `<iq type="set" id="c3" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit">` +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>' +
        '<field var="muc#roomconfig_roomname"><value>Cave</value></field>' +
        '<field var="muc#roomconfig_roomsecret"><value>pw</value></field></x></query></iq>',
    );
    expect(configSubmit('c4', ROOM, { membersOnly: true }).toString()).toContain('<field var="muc#roomconfig_membersonly"><value>1</value></field>');
  });
});

describe('invitations and self-ping', () => {
  it('builds a direct invitation', () => {
    expect(directInvitation('hecate@shakespeare.lit', ROOM, 'i1', { reason: 'Come <in>', password: 'pw' }).toString()).toBe(
      `<message to="hecate@shakespeare.lit" id="i1"><x xmlns="jabber:x:conference" jid="${ROOM}" reason="Come &lt;in&gt;" password="pw"/></message>`,
    );
    expect(directInvitation('hecate@shakespeare.lit', ROOM, 'i2', { reason: ' ' }).toString()).toBe(
      `<message to="hecate@shakespeare.lit" id="i2"><x xmlns="jabber:x:conference" jid="${ROOM}"/></message>`,
    );
  });

  it('pings our own occupant JID', () => {
    expect(selfPing('p1', `${ROOM}/w`).toString()).toBe(`<iq type="get" id="p1" to="${ROOM}/w"><ping xmlns="urn:xmpp:ping"/></iq>`);
  });
});
