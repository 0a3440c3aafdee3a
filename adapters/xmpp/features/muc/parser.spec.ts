import { NOW, ctx, stanza } from '../../spec-helpers';
import { parseDiscoInfo } from '../disco/parser';
import {
  leaveReason,
  parseGroupchat,
  parseInvitation,
  parseMucPresence,
  parseMucPresenceError,
  parseRoomConfigForm,
  parseRoomInfo,
  parseRoomJid,
  roomErrorCode,
  roomFeaturesOf,
  statusCodes,
  suggestNick,
  type RoomContext,
} from './parser';

const ROOM = 'coven@chat.shakespeare.lit';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const trusted = { occupantIds: true };
const untrusted = { occupantIds: false };

function presence(body: string, attrs = `from="${ROOM}/thirdwitch"`) {
  return stanza(`<presence ${attrs}>${body}</presence>`);
}

describe('parseRoomJid', () => {
  it('splits room and nick, normalizing the room', () => {
    expect(parseRoomJid('Coven@Chat.Shakespeare.lit/Third Witch')).toEqual({ room: ROOM, nick: 'Third Witch' });
    expect(parseRoomJid(ROOM)).toEqual({ room: ROOM });
  });
  it.each([undefined, '', 'chat.shakespeare.lit', 'chat.shakespeare.lit/nick', 'a b@c.lit', 42])('refuses %j', (input) => {
    expect(parseRoomJid(input)).toBeNull();
  });
});

describe('parseMucPresence', () => {
  it('parses an occupant: role, affiliation, show, status, real JID when shown', () => {
    const p = parseMucPresence(
      presence(`<show>away</show><status>brewing</status>
        <x xmlns="${MUC_USER}"><item affiliation="member" role="participant" jid="Hag66@shakespeare.lit/pda"/></x>`),
      untrusted,
    );
    expect(p).toEqual({
      room: ROOM,
      nick: 'thirdwitch',
      available: true,
      codes: [],
      self: false,
      occupant: { nick: 'thirdwitch', role: 'participant', affiliation: 'member', show: 'away', status: 'brewing', jid: 'hag66@shakespeare.lit' },
    });
  });

  it('defaults a missing or unknown role to participant and affiliation to none', () => {
    const p = parseMucPresence(presence(`<x xmlns="${MUC_USER}"><item role="god" affiliation="king"/></x>`), untrusted);
    expect(p?.occupant).toEqual({ nick: 'thirdwitch', role: 'participant', affiliation: 'none', show: 'online' });
    expect(parseMucPresence(presence(`<x xmlns="${MUC_USER}"/>`), untrusted)?.occupant.role).toBe('participant');
  });

  it('reads the occupant id only when the room advertises XEP-0421', () => {
    const el = presence(`<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-1"/><x xmlns="${MUC_USER}"><item role="visitor" affiliation="none"/></x>`);
    expect(parseMucPresence(el, trusted)?.occupant.occupantId).toBe('oid-1');
    expect(parseMucPresence(el, untrusted)?.occupant.occupantId).toBeUndefined();
  });

  it('ignores an occupant id inside the muc#user payload or of another namespace', () => {
    const el = presence(`<occupant-id xmlns="urn:xmpp:occupant-id:1" id="nope"/><x xmlns="${MUC_USER}"><occupant-id xmlns="urn:xmpp:occupant-id:0" id="nested"/></x>`);
    expect(parseMucPresence(el, trusted)?.occupant.occupantId).toBeUndefined();
  });

  it('recognises the self-presence (110) and collects status codes once each', () => {
    const p = parseMucPresence(
      presence(`<x xmlns="${MUC_USER}"><item affiliation="owner" role="moderator"/><status code="110"/><status code="201"/><status code="110"/><status code="abc"/><status code="42"/></x>`),
      untrusted,
    );
    expect(p?.self).toBe(true);
    expect(p?.codes).toEqual([110, 201]);
  });

  it('ignores status elements outside the muc#user namespace', () => {
    expect(statusCodes(stanza(`<x xmlns="${MUC_USER}"><status xmlns="jabber:client" code="110"/></x>`))).toEqual([]);
  });

  it('parses an unavailable presence with role none', () => {
    const p = parseMucPresence(presence(`<x xmlns="${MUC_USER}"><item affiliation="member" role="participant"/></x>`, `from="${ROOM}/thirdwitch" type="unavailable"`), untrusted);
    expect(p).toMatchObject({ available: false, occupant: { role: 'none', affiliation: 'member' } });
    expect(leaveReason(p!)).toBe('left');
  });

  it('parses a nick change (303) with the new nick', () => {
    const p = parseMucPresence(
      presence(`<x xmlns="${MUC_USER}"><item affiliation="member" role="participant" nick="oldhag"/><status code="303"/></x>`, `from="${ROOM}/thirdwitch" type="unavailable"`),
      untrusted,
    );
    expect(p?.newNick).toBe('oldhag');
    // A new nick only counts on an unavailable 303.
    const available = parseMucPresence(presence(`<x xmlns="${MUC_USER}"><item nick="oldhag"/><status code="303"/></x>`), untrusted);
    expect(available?.newNick).toBeUndefined();
  });

  it.each([
    ['307', 'kicked'],
    ['301', 'banned'],
    ['321', 'removed'],
    ['322', 'removed'],
    ['332', 'removed'],
    ['333', 'error'],
    ['100', 'left'],
  ])('maps status %s to %s, with actor and reason', (code, reason) => {
    const p = parseMucPresence(
      presence(
        `<x xmlns="${MUC_USER}"><item affiliation="none" role="none"><actor nick="Fluellen"/><reason>Avaunt, you cullion!</reason></item><status code="${code}"/><status code="110"/></x>`,
        `from="${ROOM}/pistol" type="unavailable"`,
      ),
      untrusted,
    );
    expect(leaveReason(p!)).toBe(reason);
    expect(p).toMatchObject({ self: true, actor: 'Fluellen', reason: 'Avaunt, you cullion!' });
  });

  it('names an actor by JID when it has no nick', () => {
    const p = parseMucPresence(presence(`<x xmlns="${MUC_USER}"><item role="none"><actor jid="admin@shakespeare.lit"/></item><status code="307"/></x>`, `from="${ROOM}/pistol" type="unavailable"`), untrusted);
    expect(p?.actor).toBe('admin@shakespeare.lit');
  });

  it('parses a room destruction with reason and alternative room', () => {
    const p = parseMucPresence(
      presence(
        `<x xmlns="${MUC_USER}"><item affiliation="none" role="none"/><destroy jid="heath@chat.shakespeare.lit"><reason>Macbeth doth come.</reason></destroy></x>`,
        `from="${ROOM}/firstwitch" type="unavailable"`,
      ),
      untrusted,
    );
    expect(p?.destroyed).toEqual({ reason: 'Macbeth doth come.', alternate: 'heath@chat.shakespeare.lit' });
    expect(leaveReason(p!)).toBe('destroyed');
  });

  it('returns null for presences that are not occupant presences', () => {
    expect(parseMucPresence(presence('<show>away</show>'), untrusted)).toBeNull(); // no muc#user
    expect(parseMucPresence(presence(`<x xmlns="${MUC_USER}"/>`, `from="${ROOM}"`), untrusted)).toBeNull(); // no nick
    expect(parseMucPresence(presence(`<x xmlns="${MUC_USER}"/>`, `from="${ROOM}/x" type="subscribe"`), untrusted)).toBeNull();
    expect(parseMucPresence(presence(`<x xmlns="${MUC_USER}"/>`, `from="${ROOM}/x" type="error"`), untrusted)).toBeNull();
    expect(parseMucPresence(presence(`<x xmlns="http://jabber.org/protocol/muc"/>`), untrusted)).toBeNull();
    expect(parseMucPresence(stanza(`<message from="${ROOM}/x"><x xmlns="${MUC_USER}"/></message>`), untrusted)).toBeNull();
    expect(parseMucPresence(presence(`<x xmlns="${MUC_USER}"/>`, 'from="chat.shakespeare.lit/x"'), untrusted)).toBeNull();
  });
});

describe('join errors', () => {
  it.each([
    ['not-authorized', 'password-required'],
    ['registration-required', 'members-only'],
    ['forbidden', 'banned'],
    ['service-unavailable', 'room-full'],
    ['conflict', 'nick-conflict'],
    ['item-not-found', 'not-found'],
    ['not-allowed', 'creation-not-allowed'],
    ['jid-malformed', 'unknown'],
    ['undefined-condition', 'unknown'],
  ])('maps %s to %s', (condition, code) => {
    expect(roomErrorCode(condition)).toBe(code);
    const err = parseMucPresenceError(
      presence(
        `<x xmlns="http://jabber.org/protocol/muc"/><error type="auth" by="${ROOM}"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Go away</text></error>`,
        `from="${ROOM}/thirdwitch" type="error"`,
      ),
    );
    expect(err).toEqual({ room: ROOM, nick: 'thirdwitch', condition, code, text: 'Go away' });
  });

  it('handles an error without condition or nick', () => {
    expect(parseMucPresenceError(presence('<error type="cancel"/>', `from="${ROOM}" type="error"`))).toEqual({ room: ROOM, condition: 'undefined-condition', code: 'unknown' });
    expect(parseMucPresenceError(presence('<error/>', `from="${ROOM}/x"`))).toBeNull(); // not an error
    expect(parseMucPresenceError(presence('<error/>', 'from="server.lit" type="error"'))).toBeNull(); // not a room
  });

  it.each([
    ['Juliet', 'Juliet2'],
    ['Juliet2', 'Juliet3'],
    ['r2d2', 'r2d3'],
    ['Juliet_9', 'Juliet_10'],
    ['42', '422'],
    ['x1234567890', 'x12345678902'],
  ])('suggests %s → %s', (nick, next) => {
    expect(suggestNick(nick)).toBe(next);
  });
});

describe('parseGroupchat', () => {
  const room: RoomContext = { room: ROOM, nick: 'secondwitch', occupantIds: true, ownOccupantId: 'me' };
  const live = { mode: 'live' as const };
  const msg = (inner: string, from = `${ROOM}/firstwitch`, extra = '') =>
    stanza(`<message type="groupchat" id="m1" from="${from}" to="crone1@shakespeare.lit/desktop" ${extra}>${inner}</message>`);

  it('parses a message: nick, occupant JID, room stanza-id as id, origin-id, occupant id', () => {
    const parsed = parseGroupchat(
      msg(`<body>Thrice the brinded cat hath mew'd.</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/>
        <stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s1"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="w1"/>`),
      ctx,
      room,
      live,
    );
    expect(parsed).toEqual({
      kind: 'message',
      nick: 'firstwitch',
      delayedByRoom: false,
      message: {
        id: 's1',
        conversation: ROOM,
        from: `${ROOM}/firstwitch`,
        nick: 'firstwitch',
        direction: 'in',
        body: "Thrice the brinded cat hath mew'd.",
        timestamp: NOW,
        status: 'received',
        originId: 'o1',
        stanzaId: 's1',
        occupantId: 'w1',
        idAttribute: 'm1',
      },
    });
  });

  it('trusts a stanza-id only when the room added it', () => {
    const id = (by: string) => parseGroupchat(msg(`<body>x</body><stanza-id xmlns="urn:xmpp:sid:0" by="${by}" id="forged"/>`), ctx, room, live);
    for (const by of [`${ROOM}/firstwitch`, 'juliet@capulet.lit', 'chat.shakespeare.lit', 'other@chat.shakespeare.lit']) {
      const parsed = id(by);
      expect(parsed?.kind === 'message' && parsed.message.stanzaId).toBeUndefined();
      expect(parsed?.kind === 'message' && parsed.message.id).toBe('m1');
    }
    const ok = id(ROOM);
    expect(ok?.kind === 'message' && ok.message.stanzaId).toBe('forged');
  });

  it('falls back to origin-id, stanza id, then the fallback id', () => {
    const a = parseGroupchat(msg('<body>x</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/>'), ctx, room, live);
    expect(a?.kind === 'message' && a.message.id).toBe('o1');
    const b = parseGroupchat(stanza(`<message type="groupchat" from="${ROOM}/a"><body>x</body></message>`), ctx, room, { mode: 'live', fallbackId: () => 'fb' });
    expect(b?.kind === 'message' && b.message.id).toBe('fb');
    // Making a fallback id costs; it is made only for a message without any id.
    const fallbackId = jest.fn(() => 'fb');
    parseGroupchat(msg('<body>x</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/>'), ctx, room, { mode: 'live', fallbackId });
    expect(fallbackId).not.toHaveBeenCalled();
  });

  it('is ours (out, sent) by occupant id when both are known, else by nick', () => {
    const withId = (nick: string, oid: string, r: RoomContext = room) =>
      parseGroupchat(msg(`<body>x</body><occupant-id xmlns="urn:xmpp:occupant-id:0" id="${oid}"/>`, `${ROOM}/${nick}`), ctx, r, live);
    const dir = (p: ReturnType<typeof withId>) => (p?.kind === 'message' ? [p.message.direction, p.message.status] : null);
    expect(dir(withId('secondwitch', 'me'))).toEqual(['out', 'sent']);
    expect(dir(withId('oldname', 'me'))).toEqual(['out', 'sent']); // our message under an earlier nick
    expect(dir(withId('secondwitch', 'someone-else'))).toEqual(['in', 'received']); // someone who had our nick before
    expect(dir(withId('secondwitch', 'x', { ...room, ownOccupantId: undefined }))).toEqual(['out', 'sent']);
    expect(dir(withId('other', 'me', { ...room, occupantIds: false }))).toEqual(['in', 'received']); // untrusted ids mean nothing
  });

  it('ignores occupant ids when the room does not advertise them', () => {
    const p = parseGroupchat(msg('<body>x</body><occupant-id xmlns="urn:xmpp:occupant-id:0" id="w1"/>'), ctx, { ...room, occupantIds: false }, live);
    expect(p?.kind === 'message' && p.message.occupantId).toBeUndefined();
  });

  it('takes the time of a delay added by the room only, and marks it as replayed history', () => {
    const byRoom = parseGroupchat(msg(`<body>x</body><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="2024-05-01T11:00:00Z"/>`), ctx, room, live);
    expect(byRoom).toMatchObject({ delayedByRoom: true, message: { timestamp: Date.UTC(2024, 4, 1, 11) } });
    const byOccupant = parseGroupchat(msg(`<body>x</body><delay xmlns="urn:xmpp:delay" from="${ROOM}/firstwitch" stamp="2001-01-01T00:00:00Z"/>`), ctx, room, live);
    expect(byOccupant).toMatchObject({ delayedByRoom: false, message: { timestamp: NOW } });
    const noFrom = parseGroupchat(msg('<body>x</body><delay xmlns="urn:xmpp:delay" stamp="2001-01-01T00:00:00Z"/>'), ctx, room, live);
    expect(noFrom).toMatchObject({ delayedByRoom: false, message: { timestamp: NOW } });
    const future = parseGroupchat(msg(`<body>x</body><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="2099-01-01T00:00:00Z"/>`), ctx, room, live);
    expect(future?.kind === 'message' && future.message.timestamp).toBe(NOW);
  });

  it('parses archive results with the archive id and stamp', () => {
    const p = parseGroupchat(
      stanza(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}/firstwitch"><body>old</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="ignored"/></message>`),
      ctx,
      room,
      { mode: 'archive', archiveId: 'a1', forwardedStamp: 1234 },
    );
    expect(p).toMatchObject({ kind: 'message', message: { id: 'a1', stanzaId: 'a1', timestamp: 1234, direction: 'in' } });
  });

  it('reads a correction (XEP-0308) live and from the archive, with the stanza id attribute it refers to', () => {
    const replace = '<replace xmlns="urn:xmpp:message-correct:0" id="m0"/>';
    const parsed = parseGroupchat(msg(`<body>fixed</body>${replace}<stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s2"/>`), ctx, room, live);
    expect(parsed?.kind === 'message' && parsed.message).toMatchObject({ id: 's2', replaces: 'm0', idAttribute: 'm1', nick: 'firstwitch' });
    const archived = parseGroupchat(msg(`<body>fixed</body>${replace}`), ctx, room, { mode: 'archive', archiveId: 'a2', forwardedStamp: 1234 });
    expect(archived?.kind === 'message' && archived.message).toMatchObject({ id: 'a2', replaces: 'm0', timestamp: 1234 });
  });

  it('reads a spoiler (XEP-0382) live and from the archive', () => {
    const spoiler = '<spoiler xmlns="urn:xmpp:spoiler:0">the ending</spoiler>';
    const parsed = parseGroupchat(msg(`<body>Birnam wood moves</body>${spoiler}`), ctx, room, live);
    expect(parsed?.kind === 'message' && parsed.message.spoiler).toEqual({ hint: 'the ending' });
    const archived = parseGroupchat(msg(`<body>Birnam wood moves</body>${spoiler}`), ctx, room, { mode: 'archive', archiveId: 'a3' });
    expect(archived?.kind === 'message' && archived.message.spoiler).toEqual({ hint: 'the ending' });
  });

  it('reads a retraction (XEP-0424) of a room message, which refers to the room’s stanza-id, live and from the archive', () => {
    const retract = '<retract xmlns="urn:xmpp:message-retract:1" id="s9"/>';
    const parsed = parseGroupchat(msg(`${retract}<body>fallback</body>`), ctx, room, live);
    expect(parsed?.kind === 'message' && parsed.message).toMatchObject({ retracts: 's9', nick: 'firstwitch' });
    const bodiless = parseGroupchat(msg(retract), ctx, room, { mode: 'archive', archiveId: 'a9' });
    expect(bodiless?.kind === 'message' && bodiless.message).toMatchObject({ retracts: 's9', body: '' });
  });

  it('turns a subject-only message into a subject, also an empty one', () => {
    expect(parseGroupchat(msg('<subject>Fire Burn and Cauldron Bubble!</subject>'), ctx, room, live)).toEqual({
      kind: 'subject',
      subject: 'Fire Burn and Cauldron Bubble!',
      by: 'firstwitch',
    });
    expect(parseGroupchat(msg('<subject/>', ROOM), ctx, room, live)).toEqual({ kind: 'subject', subject: '' });
  });

  it('reads a message with subject and body as a message, and subject with thread as nothing', () => {
    expect(parseGroupchat(msg('<subject>s</subject><body>b</body>'), ctx, room, live)?.kind).toBe('message');
    expect(parseGroupchat(msg('<subject>s</subject><thread>t</thread>'), ctx, room, live)).toBeNull();
  });

  it('reports body-less status notices from the room itself', () => {
    expect(parseGroupchat(msg(`<x xmlns="${MUC_USER}"><status code="104"/></x>`, ROOM), ctx, room, live)).toEqual({ kind: 'status', codes: [104] });
    expect(parseGroupchat(msg(`<x xmlns="${MUC_USER}"><status code="104"/></x>`), ctx, room, live)).toBeNull(); // from an occupant
  });

  it('takes a message from the room itself without a nick', () => {
    const p = parseGroupchat(msg('<body>The room will restart</body>', ROOM), ctx, room, live);
    expect(p).toMatchObject({ kind: 'message', message: { from: ROOM, direction: 'in' } });
    expect(p?.kind === 'message' && p.message.nick).toBeUndefined();
  });

  it("reads an occupant's body-less chat state, ours reflected as own, and none from the room itself", () => {
    const composing = '<composing xmlns="http://jabber.org/protocol/chatstates"/>';
    expect(parseGroupchat(msg(composing), ctx, room, live)).toEqual({ kind: 'chatState', state: 'composing', nick: 'firstwitch', own: false });
    expect(parseGroupchat(msg('<paused xmlns="http://jabber.org/protocol/chatstates"/>'), ctx, room, live)).toMatchObject({ kind: 'chatState', state: 'paused' });
    expect(parseGroupchat(msg(composing, `${ROOM}/${room.nick}`), ctx, room, live)).toMatchObject({ kind: 'chatState', own: true });
    expect(parseGroupchat(msg(composing, ROOM), ctx, room, live)).toBeNull();
  });

  it('ignores chat states that are not live: replayed by the room, from the archive, or unknown elements', () => {
    const composing = '<composing xmlns="http://jabber.org/protocol/chatstates"/>';
    expect(parseGroupchat(msg(`${composing}<delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="2020-01-01T00:00:00Z"/>`), ctx, room, live)).toBeNull();
    expect(parseGroupchat(msg(composing), ctx, room, { mode: 'archive', archiveId: 'a1' })).toBeNull();
    expect(parseGroupchat(msg('<typing xmlns="http://jabber.org/protocol/chatstates"/>'), ctx, room, live)).toBeNull();
  });

  it('returns null for another room, another type and archive wrappers', () => {
    expect(parseGroupchat(msg('<body>x</body>', 'other@chat.shakespeare.lit/firstwitch'), ctx, room, live)).toBeNull();
    expect(parseGroupchat(msg('<body>x</body>', 'firstwitch@shakespeare.lit/pda'), ctx, room, live)).toBeNull();
    expect(parseGroupchat(stanza(`<message type="chat" from="${ROOM}/firstwitch"><body>x</body></message>`), ctx, room, live)).toBeNull();
    expect(parseGroupchat(msg('<body>x</body><result xmlns="urn:xmpp:mam:2" id="r" queryid="q"/>'), ctx, room, live)).toBeNull();
    expect(parseGroupchat(stanza(`<message type="groupchat"><body>x</body></message>`), ctx, room, live)).toBeNull();
  });
});

describe('room information', () => {
  const info = parseDiscoInfo(
    stanza(`<iq type="result" from="${ROOM}" id="d"><query xmlns="http://jabber.org/protocol/disco#info">
      <identity category="conference" type="text" name="A Dark Cave"/>
      <feature var="http://jabber.org/protocol/muc"/><feature var="muc_membersonly"/><feature var="muc_passwordprotected"/>
      <feature var="muc_persistent"/><feature var="muc_public"/><feature var="muc_moderated"/><feature var="muc_nonanonymous"/>
      <feature var="urn:xmpp:occupant-id:0"/><feature var="urn:xmpp:mam:2"/><feature var="urn:xmpp:message-moderate:0"/>
      <x xmlns="jabber:x:data" type="result">
        <field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roominfo</value></field>
        <field var="muc#roominfo_description"><value>The place for all good witches!</value></field>
        <field var="muc#roominfo_occupants"><value>3</value></field>
      </x></query></iq>`),
  )!;

  it('reads every feature', () => {
    expect(roomFeaturesOf(info)).toEqual({
      membersOnly: true,
      passwordProtected: true,
      persistent: true,
      public: true,
      moderated: true,
      nonAnonymous: true,
      occupantId: true,
      mam: true,
      moderation: true,
    });
    expect(roomFeaturesOf({ features: ['muc_open', 'muc_unsecured', 'muc_temporary', 'muc_hidden'], identities: [] })).toEqual({
      membersOnly: false,
      passwordProtected: false,
      persistent: false,
      public: false,
      moderated: false,
      nonAnonymous: false,
      occupantId: false,
      mam: false,
      moderation: false,
    });
  });

  it('reads name, description and occupant count', () => {
    expect(parseRoomInfo(ROOM, info)).toMatchObject({ jid: ROOM, name: 'A Dark Cave', description: 'The place for all good witches!', occupants: 3 });
  });

  it('takes the name from the form when the identity has none, and refuses odd counts', () => {
    const bare = parseDiscoInfo(
      stanza(`<iq type="result" id="d"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text"/>
        <x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roominfo</value></field>
        <field var="muc#roomconfig_roomname"><value>Cave</value></field><field var="muc#roominfo_occupants"><value>-1</value></field></x></query></iq>`),
    )!;
    const r = parseRoomInfo(ROOM, bare);
    expect(r.name).toBe('Cave');
    expect(r.occupants).toBeUndefined();
  });

  it('ignores forms of another FORM_TYPE', () => {
    const other = parseDiscoInfo(
      stanza(`<iq type="result" id="d"><query xmlns="http://jabber.org/protocol/disco#info">
        <x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>urn:other</value></field>
        <field var="muc#roominfo_occupants"><value>99</value></field></x></query></iq>`),
    )!;
    expect(parseRoomInfo(ROOM, other).occupants).toBeUndefined();
  });

  it('lists the fields of the configuration form', () => {
    const form = parseRoomConfigForm(
      stanza(`<iq type="result" from="${ROOM}" id="c"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="form">
        <field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>
        <field var="muc#roomconfig_roomname" type="text-single"/><field var="muc#roomconfig_membersonly" type="boolean"/>
        <field type="fixed"><value>Section</value></field></x></query></iq>`),
    );
    expect(form).toEqual(new Set(['muc#roomconfig_roomname', 'muc#roomconfig_membersonly']));
    expect(parseRoomConfigForm(stanza(`<iq type="result" id="c"><query xmlns="http://jabber.org/protocol/muc#owner"/></iq>`))).toBeNull();
    expect(parseRoomConfigForm(stanza(`<iq type="error" id="c"><query xmlns="http://jabber.org/protocol/muc#owner"/></iq>`))).toBeNull();
  });
});

describe('parseInvitation', () => {
  it('parses a direct invitation (XEP-0249)', () => {
    expect(
      parseInvitation(stanza(`<message from="crone1@shakespeare.lit/desktop" to="hecate@shakespeare.lit"><x xmlns="jabber:x:conference" jid="Darkcave@macbeth.shakespeare.lit" password="cauldronburn" reason="Hey Hecate, this is the place for all good witches!"/></message>`)),
    ).toEqual({
      room: 'darkcave@macbeth.shakespeare.lit',
      from: 'crone1@shakespeare.lit',
      reason: 'Hey Hecate, this is the place for all good witches!',
      password: 'cauldronburn',
      kind: 'direct',
    });
  });

  it('parses a mediated invitation from the room', () => {
    expect(
      parseInvitation(stanza(`<message from="${ROOM}" to="hecate@shakespeare.lit"><x xmlns="${MUC_USER}"><invite from="crone1@shakespeare.lit/desktop"><reason>Hey Hecate</reason></invite><password>cauldronburn</password></x>
        <x xmlns="jabber:x:conference" jid="${ROOM}">Hey Hecate</x><body>crone1 invited you</body></message>`)),
    ).toEqual({ room: ROOM, from: 'crone1@shakespeare.lit', reason: 'Hey Hecate', password: 'cauldronburn', kind: 'mediated' });
  });

  it('keeps the occupant JID of an inviter the room hides', () => {
    expect(parseInvitation(stanza(`<message from="${ROOM}"><x xmlns="${MUC_USER}"><invite from="${ROOM}/crone"/></x></message>`))?.from).toBe(`${ROOM}/crone`);
  });

  it('refuses a mediated invitation not from a room JID', () => {
    expect(parseInvitation(stanza(`<message from="mallory@evil.lit/x"><x xmlns="${MUC_USER}"><invite from="crone1@shakespeare.lit"/></x></message>`))).toBeNull();
    expect(parseInvitation(stanza(`<message from="${ROOM}/nick"><x xmlns="${MUC_USER}"><invite from="crone1@shakespeare.lit"/></x></message>`))).toBeNull();
    expect(parseInvitation(stanza(`<message from="${ROOM}"><x xmlns="${MUC_USER}"><invite/></x></message>`))).toBeNull();
  });

  it('refuses direct invitations to odd rooms, from the room itself, or of other types', () => {
    const direct = (jid: string, from = 'crone1@shakespeare.lit/desktop', type = '') =>
      parseInvitation(stanza(`<message from="${from}" ${type}><x xmlns="jabber:x:conference" jid="${jid}"/></message>`));
    expect(direct(`${ROOM}/nick`)).toBeNull();
    expect(direct('macbeth.shakespeare.lit')).toBeNull();
    expect(direct('')).toBeNull();
    expect(direct(ROOM, ROOM)).toBeNull();
    expect(direct(ROOM, 'crone1@shakespeare.lit', 'type="groupchat"')).toBeNull();
    expect(direct(ROOM, 'crone1@shakespeare.lit', 'type="error"')).toBeNull();
    expect(direct(ROOM, 'crone1@shakespeare.lit', 'type="chat"')?.kind).toBe('direct');
    expect(parseInvitation(stanza(`<message><x xmlns="jabber:x:conference" jid="${ROOM}"/></message>`))).toBeNull();
    expect(parseInvitation(stanza(`<message from="a@b.lit"><body>no invitation</body></message>`))).toBeNull();
  });
});
