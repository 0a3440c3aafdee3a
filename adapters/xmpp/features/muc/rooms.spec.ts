/**
 * Groupchat through the adapter with a fake @xmpp/client: the join sequence, forged and spoofed
 * room stanzas, room archives, errors and timeouts, room creation, self-pings, reconnects,
 * bookmarks (XEP-0402 and the XEP-0048 fallback), service discovery, invitations and private
 * messages. The real thing runs in muc.prosody.spec.ts.
 */
import { RoomError, type AdapterEvent } from '../../../types';
import { FakeClient, FULL, OWN, defaultResponder, result, stanzaError, type Responder } from '../../fake-client';
import { stanza } from '../../spec-helpers';
import { XmppAdapter, type XmppAdapterOptions } from '../../xmpp-adapter';
import { xml, type XmlElement } from '../../xml';

const ROOM = 'coven@chat.shakespeare.lit';
const SERVICE = 'chat.shakespeare.lit';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const ROOM_FEATURES = ['http://jabber.org/protocol/muc', 'urn:xmpp:occupant-id:0', 'urn:xmpp:mam:2', 'muc_open'];

type EventOf<T extends AdapterEvent['type']> = Extract<AdapterEvent, { type: T }>;

let clients: FakeClient[];
let warn: jest.Mock;
const adapters: XmppAdapter[] = [];

beforeEach(() => {
  clients = [];
  warn = jest.fn();
});

afterEach(async () => {
  // Pending joins, leave timeouts and self-ping timers end with the session.
  await Promise.all(adapters.splice(0).map((a) => a.disconnect()));
});

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function info(iq: XmlElement, features: string[], identities: XmlElement[] = []): XmlElement {
  return result(iq, xml('query', { xmlns: DISCO_INFO }, ...identities, ...features.map((v) => xml('feature', { var: v }))));
}

/** Answers like a server whose rooms have `roomFeatures` (null: the room does not exist yet). */
function mucResponder(roomFeatures: string[] | null = ROOM_FEATURES, more: Responder = defaultResponder): Responder {
  return (iq, c) => {
    const q = iq.getChildElements()[0];
    if (q?.is('query', DISCO_INFO) && iq.attrs.to === ROOM) return roomFeatures ? info(iq, roomFeatures) : stanzaError('item-not-found');
    return more(iq, c);
  };
}

async function online(options: XmppAdapterOptions = {}, responder: Responder = mucResponder(), jid = FULL) {
  const adapter = new XmppAdapter({
    logger: { warn },
    now: () => 1_000_000,
    clientFactory: (o) => {
      const c = new FakeClient(o);
      c.responder = responder;
      clients.push(c);
      return c;
    },
    ...options,
  });
  adapters.push(adapter);
  const events: AdapterEvent[] = [];
  adapter.subscribe((e) => events.push(e));
  await adapter.connect({ jid, password: 'secret' });
  await tick(5);
  const client = () => clients[clients.length - 1];
  client().sent = [];
  events.length = 0;
  const of = <T extends AdapterEvent['type']>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  return { adapter, events, of, client };
}

const occupantPresence = (nick: string, x: string, attrs = '', extra = '') =>
  stanza(`<presence from="${ROOM}/${nick}" to="${FULL}" ${attrs}>${extra}<x xmlns="${MUC_USER}">${x}</x></presence>`);
const groupchat = (nick: string | null, inner: string, attrs = '') =>
  stanza(`<message type="groupchat" from="${nick === null ? ROOM : `${ROOM}/${nick}`}" to="${FULL}" ${attrs}>${inner}</message>`);
const subject = (text = '') => groupchat(null, `<subject>${text}</subject>`);

function sentTo(c: FakeClient, to: string, name = 'presence'): XmlElement[] {
  return c.sent.filter((s) => s.name === name && s.attrs.to === to);
}

/** Joins ROOM as `nick` with an owner already there; resolves when joined (subject received). */
async function join(s: Awaited<ReturnType<typeof online>>, nick = 'thirdwitch', options: { selfX?: string; history?: number } = {}) {
  const pending = s.adapter.joinRoom(ROOM, { nick, history: options.history });
  await tick();
  const c = s.client();
  c.receive(occupantPresence('firstwitch', '<item affiliation="owner" role="moderator"/>', '', '<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-first"/>'));
  c.receive(
    occupantPresence(nick, options.selfX ?? '<item affiliation="none" role="participant"/><status code="110"/>', '', '<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-me"/>'),
  );
  await pending;
  c.receive(subject('Fire burn'));
  await tick();
}

describe('joining', () => {
  it('asks the room’s disco#info first, then joins without legacy history, reports occupants, us, then the archive page', async () => {
    const s = await online();
    const pending = s.adapter.joinRoom(ROOM, { nick: 'thirdwitch' });
    await tick();
    const c = s.client();
    expect(c.sent.map((e) => `${e.name}:${e.attrs.to}`)).toEqual([`iq:${ROOM}`, `presence:${ROOM}/thirdwitch`]);
    expect(c.sent[1].toString()).toBe(`<presence to="${ROOM}/thirdwitch"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`);
    // The room's disco#info also names it for lists and headers.
    expect(s.events.map((e) => e.type)).toEqual(['roomJoining', 'roomInfo']);
    expect(s.of('roomInfo')[0].info.jid).toBe(ROOM);

    c.receive(occupantPresence('firstwitch', '<item affiliation="owner" role="moderator"/>', '', '<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-first"/>'));
    c.receive(occupantPresence('thirdwitch', '<item affiliation="none" role="participant" jid="juliet@capulet.lit/balcony"/><status code="110"/><status code="100"/>', '', '<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-me"/>'));
    await pending;
    await tick();
    expect(s.events.map((e) => e.type)).toEqual(['roomJoining', 'roomInfo', 'occupant', 'roomJoined', 'history']);
    expect(s.of('occupant')[0].occupant).toEqual({ nick: 'firstwitch', role: 'moderator', affiliation: 'owner', show: 'online', occupantId: 'oid-first' });
    expect(s.of('roomJoined')[0]).toEqual({
      type: 'roomJoined',
      room: ROOM,
      self: { nick: 'thirdwitch', role: 'participant', affiliation: 'none', show: 'online', jid: OWN, occupantId: 'oid-me' },
      features: { membersOnly: false, passwordProtected: false, persistent: false, public: false, moderated: false, nonAnonymous: false, occupantId: true, mam: true, moderation: false },
    });
    const mam = c.sent.find((e) => e.getChild('query', 'urn:xmpp:mam:2'));
    expect(mam?.attrs.to).toBe(ROOM);
    expect(mam?.toString()).not.toContain('var="with"');
    expect(s.of('history')[0]).toEqual({ type: 'history', conversation: ROOM, messages: [], complete: true });
    expect(s.of('presence')).toEqual([]);
  });

  it('takes the nick the room assigned (210) and a self-presence without 110 from our nick', async () => {
    const s = await online();
    const pending = s.adapter.joinRoom(ROOM, { nick: 'Third Witch' });
    await tick();
    s.client().receive(occupantPresence('thirdwitch', '<item affiliation="none" role="participant"/><status code="110"/><status code="210"/>'));
    await pending;
    expect(s.of('roomJoined')[0].self.nick).toBe('thirdwitch');

    const t = await online();
    const p2 = t.adapter.joinRoom(ROOM, { nick: 'hecate' });
    await tick();
    t.client().receive(occupantPresence('hecate', '<item affiliation="member" role="participant"/>'));
    await p2;
    expect(t.of('roomJoined')[0].self).toMatchObject({ nick: 'hecate', affiliation: 'member' });
  });

  it('trusts occupant ids only in rooms that advertise XEP-0421', async () => {
    const s = await online({}, mucResponder(['http://jabber.org/protocol/muc', 'urn:xmpp:mam:2']));
    await join(s);
    expect(s.of('occupant')[0].occupant.occupantId).toBeUndefined();
    expect(s.of('roomJoined')[0].self.occupantId).toBeUndefined();
    s.client().receive(groupchat('firstwitch', '<body>hi</body><occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-me"/>'));
    expect(s.of('message')[0].message).toMatchObject({ direction: 'in' });
    expect(s.of('message')[0].message.occupantId).toBeUndefined();
  });

  it('shares one join between two calls and resolves at once when already in', async () => {
    const s = await online();
    const a = s.adapter.joinRoom(ROOM, { nick: 'w' });
    const b = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    expect(sentTo(s.client(), `${ROOM}/w`)).toHaveLength(1);
    s.client().receive(occupantPresence('w', '<item role="participant"/><status code="110"/>'));
    await Promise.all([a, b]);
    await s.adapter.joinRoom(ROOM, { nick: 'w' });
    expect(s.of('roomJoining')).toHaveLength(1);
  });

  it.each([
    ['not-authorized', 'password-required'],
    ['registration-required', 'members-only'],
    ['forbidden', 'banned'],
    ['service-unavailable', 'room-full'],
    ['item-not-found', 'not-found'],
    ['not-allowed', 'creation-not-allowed'],
    ['jid-malformed', 'unknown'],
  ])('maps a %s join error to %s', async (condition, code) => {
    const s = await online();
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    s.client().receive(stanza(`<presence from="${ROOM}/w" type="error"><error type="auth"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`));
    await expect(pending).rejects.toEqual(new RoomError(code as RoomError['code'], condition));
    expect(s.of('roomJoinError')).toEqual([{ type: 'roomJoinError', room: ROOM, error: code, text: condition }]);
    // The room is forgotten: a new attempt starts afresh.
    const again = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    s.client().receive(occupantPresence('w', '<item role="participant"/><status code="110"/>'));
    await again;
  });

  it('suggests another nick on a conflict, with the room’s text', async () => {
    const s = await online();
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    s.client().receive(
      stanza(`<presence from="${ROOM}/w" type="error"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Taken</text></error></presence>`),
    );
    await expect(pending).rejects.toMatchObject({ code: 'nick-conflict', message: 'Taken', suggestedNick: 'w2' });
    expect(s.of('roomJoinError')[0]).toEqual({ type: 'roomJoinError', room: ROOM, error: 'nick-conflict', text: 'Taken', suggestedNick: 'w2' });
  });

  it('times out, reports it and leaves in case the room lets us in later', async () => {
    const s = await online({ roomJoinTimeout: 30 });
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await expect(pending).rejects.toMatchObject({ code: 'timeout' });
    expect(s.of('roomJoinError')[0]).toMatchObject({ error: 'timeout' });
    expect(sentTo(s.client(), `${ROOM}/w`).map((p) => p.attrs.type)).toEqual([undefined, 'unavailable']);
  });

  it('refuses bad input and use while offline', async () => {
    const s = await online();
    for (const room of ['', 'chat.shakespeare.lit', `${ROOM}/nick`, 'a b@c.lit']) {
      await expect(s.adapter.joinRoom(room, { nick: 'w' })).rejects.toThrow('invalid-jid');
    }
    for (const nick of ['', '   ', 'a\u0000b']) await expect(s.adapter.joinRoom(ROOM, { nick })).rejects.toThrow('invalid nick');
    await s.adapter.disconnect();
    await expect(s.adapter.joinRoom(ROOM, { nick: 'w' })).rejects.toThrow('not connected');
  });

  it('rejects a pending join on disconnect', async () => {
    const s = await online();
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    await s.adapter.disconnect();
    await expect(pending).rejects.toBeInstanceOf(RoomError);
  });
});

describe('discussion history', () => {
  it('ignores history the room replays anyway when it has an archive', async () => {
    const s = await online();
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    const c = s.client();
    c.receive(occupantPresence('w', '<item role="participant"/><status code="110"/>'));
    await pending;
    c.receive(groupchat('old', `<body>replayed</body><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="2020-01-01T00:00:00Z"/>`));
    c.receive(subject());
    c.receive(groupchat(null, `<body>late notice</body><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="2020-01-01T00:00:00Z"/>`));
    expect(s.of('message').map((e) => e.message.body)).toEqual(['late notice']);
  });

  it('asks a room without an archive for its history and reports it as one page', async () => {
    const s = await online({}, mucResponder(['http://jabber.org/protocol/muc']));
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w', history: 20 });
    await tick();
    const c = s.client();
    expect(sentTo(c, `${ROOM}/w`)[0].toString()).toContain('<history maxstanzas="20"/>');
    c.receive(occupantPresence('w', '<item role="participant"/><status code="110"/>'));
    await pending;
    c.receive(groupchat('gone', `<body>one</body><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="1970-01-01T00:00:01Z"/>`));
    c.receive(groupchat('w', `<body>two</body><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="1970-01-01T00:00:02Z"/>`));
    expect(s.of('history')).toEqual([]);
    c.receive(subject('s'));
    const page = s.of('history');
    expect(page).toHaveLength(1);
    expect(page[0].messages.map((m) => [m.body, m.nick, m.direction, m.timestamp])).toEqual([
      ['one', 'gone', 'in', 1000],
      ['two', 'w', 'out', 2000],
    ]);
    expect(page[0].complete).toBe(true);
    expect(c.sent.some((e) => e.getChild('query', 'urn:xmpp:mam:2'))).toBe(false);
  });

  it('loads nothing with history 0, leaving the archive to loadHistory', async () => {
    const s = await online();
    await join(s, 'w', { history: 0 });
    expect(s.client().sent.some((e) => e.getChild('query', 'urn:xmpp:mam:2'))).toBe(false);
    expect(s.of('history')).toEqual([]);
    await s.adapter.loadHistory(ROOM, { max: 5 });
    const query = s.client().sent.find((e) => e.getChild('query', 'urn:xmpp:mam:2'));
    expect(query?.attrs.to).toBe(ROOM);
    expect(s.of('history')).toEqual([{ type: 'history', conversation: ROOM, messages: [], complete: true }]);
  });

  it('reads the room archive: results only from the room and for our query', async () => {
    const s = await online({}, mucResponder(ROOM_FEATURES, (iq, c) => {
      const q = iq.getChild('query', 'urn:xmpp:mam:2');
      if (!q) return defaultResponder(iq, c);
      const qid = q.attrs.queryid;
      const res = (from: string, queryid: string, id: string, inner: string) =>
        stanza(`<message ${from} to="${FULL}"><result xmlns="urn:xmpp:mam:2" queryid="${queryid}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0">
          <delay xmlns="urn:xmpp:delay" stamp="2020-01-01T00:00:0${id.slice(-1)}Z"/>${inner}</forwarded></result></message>`);
      const gc = (nick: string, body: string, extra = '') => `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/${nick}">${extra}<body>${body}</body></message>`;
      c.receive(res(`from="${ROOM}"`, qid, 'a1', gc('firstwitch', 'first')));
      c.receive(res(`from="${ROOM}"`, qid, 'a2', gc('oldme', 'mine under an old nick', '<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-me"/>')));
      c.receive(res('', qid, 'a3', gc('x', 'from our own archive')));
      c.receive(res(`from="${ROOM}/firstwitch"`, qid, 'a4', gc('x', 'from an occupant')));
      c.receive(res(`from="${ROOM}"`, 'other', 'a5', gc('x', 'other query')));
      c.receive(res(`from="${ROOM}"`, qid, 'a6', `<message xmlns="jabber:client" type="groupchat" from="other@${SERVICE}/x"><body>other room</body></message>`));
      c.receive(res(`from="${ROOM}"`, qid, 'a7', `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/x"><subject>s</subject></message>`));
      return result(iq, xml('fin', { xmlns: 'urn:xmpp:mam:2' }, xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('first', {}, 'a1'))));
    }));
    await join(s);
    const page = s.of('history')[0];
    expect(page).toMatchObject({ conversation: ROOM, complete: false, cursor: 'a1' });
    expect(page.messages.map((m) => [m.body, m.id, m.direction, m.nick])).toEqual([
      ['first', 'a1', 'in', 'firstwitch'],
      ['mine under an old nick', 'a2', 'out', 'oldme'],
    ]);
    expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('dropped'))).toHaveLength(4);
  });
});

describe('room messages', () => {
  it('emits messages from occupants and our reflections; drops messages from nicks not in the room', async () => {
    const s = await online();
    await join(s);
    const c = s.client();
    c.receive(groupchat('firstwitch', `<body>Thrice</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s1"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-first"/>`));
    c.receive(groupchat('thirdwitch', `<body>mine</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s2"/>`));
    c.receive(groupchat('stranger', '<body>I was never here</body>'));
    c.receive(groupchat(null, '<body>Room notice</body>'));
    expect(s.of('message').map((e) => [e.message.body, e.message.id, e.message.direction, e.message.status, e.message.nick])).toEqual([
      ['Thrice', 's1', 'in', 'received', 'firstwitch'],
      ['mine', 's2', 'out', 'sent', 'thirdwitch'],
      ['Room notice', expect.any(String), 'in', 'received', undefined],
    ]);
    expect(s.of('message')[1].message).toMatchObject({ originId: 'o1', from: `${ROOM}/thirdwitch`, conversation: ROOM });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`dropped message from ${ROOM}/stranger: groupchat message from stranger, who is not in ${ROOM}`));
  });

  it('drops groupchat from rooms we are not in, also ones we left', async () => {
    const s = await online({ roomLeaveTimeout: 20 });
    await join(s);
    await s.adapter.leaveRoom(ROOM);
    s.client().receive(groupchat('firstwitch', '<body>after you left</body>'));
    s.client().receive(stanza(`<message type="groupchat" from="mallory@evil.lit/x"><body>fake room</body></message>`));
    expect(s.of('message')).toEqual([]);
  });

  it('sends groupchat messages with origin-id; sent on the wire without stream management', async () => {
    const s = await online();
    await join(s);
    s.client().sent = [];
    await s.adapter.sendRoomMessage(ROOM, 'Hail', 'm-1');
    expect(s.client().sent[0].toString()).toBe(
      `<message type="groupchat" to="${ROOM}" id="m-1"><body>Hail</body><origin-id xmlns="urn:xmpp:sid:0" id="m-1"/><active xmlns="http://jabber.org/protocol/chatstates"/></message>`,
    );
    expect(s.of('messageStatus')).toEqual([{ type: 'messageStatus', conversation: ROOM, id: 'm-1', status: 'sent' }]);
    // An error from the room fails it.
    s.client().receive(stanza(`<message type="error" id="m-1" from="${ROOM}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`));
    expect(s.of('messageStatus')[1]).toEqual({ type: 'messageStatus', conversation: ROOM, id: 'm-1', status: 'failed', error: 'forbidden' });
    await expect(s.adapter.sendRoomMessage('other@chat.shakespeare.lit', 'x', 'm-2')).rejects.toThrow('not in the room');
    await expect(s.adapter.sendRoomMessage(ROOM, '', 'm-3')).rejects.toThrow('empty message');
  });

  it('reports subjects and resolves setSubject on the broadcast, rejects it on the room’s error', async () => {
    const s = await online();
    await join(s);
    expect(s.of('roomSubject')).toEqual([{ type: 'roomSubject', room: ROOM, subject: 'Fire burn' }]);
    const set = s.adapter.setSubject(ROOM, 'Cauldron bubble');
    await tick();
    const sent = s.client().sent.at(-1)!;
    expect(sent.toString()).toBe(`<message type="groupchat" to="${ROOM}" id="${sent.attrs.id}"><subject>Cauldron bubble</subject></message>`);
    s.client().receive(groupchat('thirdwitch', '<subject>Cauldron bubble</subject>'));
    await set;
    expect(s.of('roomSubject')[1]).toEqual({ type: 'roomSubject', room: ROOM, subject: 'Cauldron bubble', by: 'thirdwitch' });

    const refused = s.adapter.setSubject(ROOM, 'No');
    await tick();
    const id = s.client().sent.at(-1)!.attrs.id;
    s.client().receive(stanza(`<message type="error" id="${id}" from="${ROOM}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`));
    await expect(refused).rejects.toThrow('forbidden');
  });
});

describe('chat states in rooms (XEP-0085 §5.5)', () => {
  const CHATSTATES = 'http://jabber.org/protocol/chatstates';

  it('reports each occupant’s state as from its occupant JID; ignores ours reflected, absent nicks and the room itself', async () => {
    const s = await online();
    await join(s);
    const c = s.client();
    c.receive(groupchat('firstwitch', `<composing xmlns="${CHATSTATES}"/>`));
    c.receive(groupchat('thirdwitch', `<composing xmlns="${CHATSTATES}"/>`));
    c.receive(groupchat('stranger', `<composing xmlns="${CHATSTATES}"/>`));
    c.receive(groupchat(null, `<composing xmlns="${CHATSTATES}"/>`));
    c.receive(groupchat('firstwitch', `<paused xmlns="${CHATSTATES}"/>`));
    expect(s.of('chatState')).toEqual([
      { type: 'chatState', conversation: ROOM, from: `${ROOM}/firstwitch`, state: 'composing' },
      { type: 'chatState', conversation: ROOM, from: `${ROOM}/firstwitch`, state: 'paused' },
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`chat state from stranger, who is not in ${ROOM}`));
    expect(s.of('message')).toEqual([]);
  });

  it('sends our state to the room as groupchat, and to an occupant (a private chat) as chat', async () => {
    const s = await online();
    await join(s);
    s.client().sent = [];
    await s.adapter.sendChatState(ROOM, 'composing');
    await s.adapter.sendChatState(`${ROOM}/firstwitch`, 'paused');
    const [toRoom, toOccupant] = s.client().sent;
    expect(toRoom.attrs).toMatchObject({ type: 'groupchat', to: ROOM });
    expect(toRoom.getChild('composing', CHATSTATES)).toBeDefined();
    expect(toOccupant.attrs).toMatchObject({ type: 'chat', to: `${ROOM}/firstwitch` });
    expect(toOccupant.getChild('paused', CHATSTATES)).toBeDefined();
  });
});

describe('retractions (XEP-0424)', () => {
  it('sends ours to the room as groupchat naming the room’s stanza-id, and to a contact as chat', async () => {
    const s = await online();
    await join(s);
    s.client().sent = [];
    await s.adapter.retractMessage(ROOM, 'room-sid-1', 'r-1');
    await s.adapter.retractMessage('romeo@montague.lit', 'o-1', 'r-2');
    const [toRoom, toContact] = s.client().sent;
    expect(toRoom.attrs).toMatchObject({ type: 'groupchat', to: ROOM, id: 'r-1' });
    expect(toRoom.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs.id).toBe('room-sid-1');
    expect(toContact.attrs).toMatchObject({ type: 'chat', to: 'romeo@montague.lit', id: 'r-2' });
    expect(toContact.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs.id).toBe('o-1');
    await expect(s.adapter.retractMessage(ROOM, '', 'r-3')).rejects.toThrow('invalid message id');
  });
});

describe('corrections (XEP-0308)', () => {
  it('sends a correction to the room as groupchat, and to an occupant as a private message', async () => {
    const s = await online();
    await join(s);
    s.client().sent = [];
    await s.adapter.correctMessage(ROOM, 'm-1', 'Hail!', 'm-2');
    const groupchatCorrection = s.client().sent[0];
    expect(groupchatCorrection.attrs).toMatchObject({ type: 'groupchat', to: ROOM, id: 'm-2' });
    expect(groupchatCorrection.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe('m-1');
    expect(groupchatCorrection.getChildText('body')).toBe('Hail!');
    expect(s.of('messageStatus')).toEqual([{ type: 'messageStatus', conversation: ROOM, id: 'm-2', status: 'sent' }]);
    await s.adapter.correctMessage(`${ROOM}/firstwitch`, 'p-1', 'psst!', 'p-2');
    const privateCorrection = s.client().sent[1];
    expect(privateCorrection.attrs).toMatchObject({ type: 'chat', to: `${ROOM}/firstwitch`, id: 'p-2' });
    expect(privateCorrection.getChild('x', MUC_USER)).toBeDefined();
    expect(privateCorrection.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe('p-1');
  });

  it('emits an occupant’s correction as a message that replaces the id it refers to', async () => {
    const s = await online();
    await join(s);
    s.client().receive(
      groupchat(
        'firstwitch',
        `<body>Thrice!</body><replace xmlns="urn:xmpp:message-correct:0" id="m0"/><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s9"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-first"/>`,
        'id="m5"',
      ),
    );
    expect(s.of('message').map((e) => e.message)).toEqual([expect.objectContaining({ id: 's9', replaces: 'm0', occupantId: 'oid-first', idAttribute: 'm5' })]);
  });
});

describe('presence changes in the room', () => {
  it('reports others joining, changing, changing nick and leaving for every reason', async () => {
    const s = await online();
    await join(s);
    const c = s.client();
    s.events.length = 0;
    c.receive(occupantPresence('hecate', '<item affiliation="member" role="participant"/>', '', '<show>dnd</show>'));
    c.receive(occupantPresence('hecate', '<item affiliation="member" role="participant" nick="queen"/><status code="303"/>', 'type="unavailable"'));
    c.receive(occupantPresence('queen', '<item affiliation="member" role="visitor"/>'));
    c.receive(occupantPresence('queen', '<item affiliation="member" role="none"><actor nick="firstwitch"/><reason>Hush</reason></item><status code="307"/>', 'type="unavailable"'));
    c.receive(occupantPresence('firstwitch', '<item affiliation="outcast" role="none"/><status code="301"/>', 'type="unavailable"'));
    c.receive(occupantPresence('never-seen', '<item role="none"/>', 'type="unavailable"'));
    expect(s.events).toEqual([
      { type: 'occupant', room: ROOM, occupant: { nick: 'hecate', role: 'participant', affiliation: 'member', show: 'dnd' } },
      { type: 'occupantLeft', room: ROOM, nick: 'hecate', reason: 'nick', newNick: 'queen' },
      { type: 'occupant', room: ROOM, occupant: { nick: 'queen', role: 'visitor', affiliation: 'member', show: 'online' } },
      { type: 'occupantLeft', room: ROOM, nick: 'queen', reason: 'kicked', actor: 'firstwitch', text: 'Hush' },
      { type: 'occupantLeft', room: ROOM, nick: 'firstwitch', reason: 'banned' },
    ]);
    // Their later messages are not accepted any more.
    c.receive(groupchat('firstwitch', '<body>ghost</body>'));
    expect(s.of('message')).toEqual([]);
  });

  it.each([
    ['<status code="307"/>', 'kicked'],
    ['<status code="301"/>', 'banned'],
    ['<status code="321"/>', 'removed'],
    ['<status code="322"/>', 'removed'],
    ['<status code="332"/>', 'removed'],
    ['<status code="333"/>', 'error'],
    ['<destroy jid="heath@chat.shakespeare.lit"><reason>Macbeth doth come</reason></destroy>', 'destroyed'],
  ])('reports our own removal %s as roomLeft %s', async (x, reason) => {
    const s = await online();
    await join(s);
    s.client().receive(occupantPresence('thirdwitch', `<item role="none"><actor nick="firstwitch"/><reason>why</reason></item>${x}<status code="110"/>`, 'type="unavailable"'));
    const left = s.of('roomLeft');
    expect(left).toEqual([{ type: 'roomLeft', room: ROOM, reason, actor: 'firstwitch', text: reason === 'destroyed' ? 'Macbeth doth come' : 'why' }]);
    await expect(s.adapter.sendRoomMessage(ROOM, 'x', 'y')).rejects.toThrow('not in the room');
  });

  it('changes our nick (303 + 110, then the new self-presence)', async () => {
    const s = await online();
    await join(s);
    const change = s.adapter.changeNick(ROOM, 'oldhag');
    await tick();
    expect(s.client().sent.at(-1)!.toString()).toBe(`<presence to="${ROOM}/oldhag"/>`);
    s.client().receive(occupantPresence('thirdwitch', '<item role="participant" nick="oldhag"/><status code="303"/><status code="110"/>', 'type="unavailable"'));
    s.client().receive(occupantPresence('oldhag', '<item role="participant"/><status code="110"/>'));
    await change;
    expect(s.of('roomNick')).toEqual([{ type: 'roomNick', room: ROOM, nick: 'oldhag' }]);
    expect(s.of('roomLeft')).toEqual([]);
    s.client().receive(groupchat('oldhag', '<body>me</body>'));
    expect(s.of('message')[0].message.direction).toBe('out');
  });

  it('rejects a nick change the room refuses, with a suggestion on conflict', async () => {
    const s = await online();
    await join(s);
    const change = s.adapter.changeNick(ROOM, 'firstwitch');
    await tick();
    s.client().receive(stanza(`<presence from="${ROOM}/firstwitch" type="error"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`));
    await expect(change).rejects.toMatchObject({ code: 'nick-conflict', suggestedNick: 'firstwitch2' });
    expect(s.of('roomJoinError')).toEqual([]);
    expect(s.of('roomLeft')).toEqual([]);
  });

  it('leaves: resolves on our unavailable, or after the leave timeout', async () => {
    const s = await online({ roomLeaveTimeout: 30 });
    await join(s);
    const leaving = s.adapter.leaveRoom(ROOM);
    await tick();
    expect(s.client().sent.at(-1)!.toString()).toBe(`<presence to="${ROOM}/thirdwitch" type="unavailable"/>`);
    s.client().receive(occupantPresence('thirdwitch', '<item role="none"/><status code="110"/>', 'type="unavailable"'));
    await leaving;
    expect(s.of('roomLeft')).toEqual([{ type: 'roomLeft', room: ROOM, reason: 'left' }]);

    await join(s);
    await s.adapter.leaveRoom(ROOM); // no answer: the timeout
    expect(s.of('roomLeft')).toHaveLength(2);
    await s.adapter.leaveRoom(ROOM); // not in it: nothing to do
    expect(s.of('roomLeft')).toHaveLength(2);
  });

  it('never reports a presence of a room we are not in, nor one with a muc#user payload from elsewhere', async () => {
    const s = await online();
    s.client().receive(occupantPresence('x', '<item role="participant"/>'));
    s.client().receive(stanza(`<presence from="romeo@montague.lit/orchard"><x xmlns="${MUC_USER}"><item role="moderator"/></x></presence>`));
    expect(s.events).toEqual([]);
  });
});

describe('moderation commands', () => {
  it('sends muc#admin items and rejects with the room’s condition', async () => {
    const s = await online({}, mucResponder(ROOM_FEATURES, (iq, c) => (iq.getChild('query', 'http://jabber.org/protocol/muc#admin') && iq.toString().includes('nick="nobody"') ? stanzaError('not-acceptable') : defaultResponder(iq, c))));
    await join(s);
    s.client().sent = [];
    await s.adapter.kick(ROOM, 'firstwitch', 'Out');
    await s.adapter.setRole(ROOM, 'firstwitch', 'participant');
    await s.adapter.setAffiliation(ROOM, 'Hecate@Shakespeare.lit', 'outcast', 'Banned');
    expect(s.client().sent.map((e) => e.getChild('query')!.getChild('item')!.toString())).toEqual([
      '<item nick="firstwitch" role="none"><reason>Out</reason></item>',
      '<item nick="firstwitch" role="participant"/>',
      '<item jid="hecate@shakespeare.lit" affiliation="outcast"><reason>Banned</reason></item>',
    ]);
    await expect(s.adapter.setRole(ROOM, 'nobody', 'visitor')).rejects.toThrow('not-acceptable');
    await expect(s.adapter.setRole(ROOM, 'x', 'god' as never)).rejects.toThrow('invalid role');
    await expect(s.adapter.setAffiliation(ROOM, 'x', 'king' as never)).rejects.toThrow('invalid affiliation');
    await expect(s.adapter.setAffiliation(ROOM, `${ROOM}/nick`, 'member')).rejects.toThrow('invalid-jid');
    await expect(s.adapter.kick('other@chat.shakespeare.lit', 'x')).rejects.toThrow('not in the room');
  });
});

describe('creating rooms', () => {
  it('configures a new room (201) with the fields its form offers, then reports us in', async () => {
    let submitted = '';
    const s = await online({}, (iq, c) => {
      const owner = iq.getChild('query', 'http://jabber.org/protocol/muc#owner');
      if (owner && iq.attrs.type === 'get') {
        return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('x', { xmlns: 'jabber:x:data', type: 'form' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig')),
          ...['roomname', 'membersonly', 'persistentroom', 'publicroom', 'roomsecret'].map((f) => xml('field', { var: `muc#roomconfig_${f}` })))));
      }
      if (owner) {
        submitted = iq.toString();
        return result(iq);
      }
      if (iq.getChild('query', DISCO_INFO) && iq.attrs.to === ROOM) {
        return submitted ? info(iq, ['muc_membersonly', 'muc_persistent', 'muc_hidden', 'muc_passwordprotected', 'urn:xmpp:occupant-id:0']) : stanzaError('item-not-found');
      }
      return defaultResponder(iq, c);
    });
    const creating = s.adapter.createRoom(ROOM, 'hecate', { name: 'Cave', membersOnly: true, persistent: true, public: false, password: 'pw' });
    await tick();
    expect(sentTo(s.client(), `${ROOM}/hecate`)[0].toString()).toContain('<password>pw</password>');
    s.client().receive(occupantPresence('hecate', '<item affiliation="owner" role="moderator"/><status code="201"/><status code="110"/>', '', '<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-h"/>'));
    await creating;
    expect(submitted).toContain('<field var="muc#roomconfig_roomname"><value>Cave</value></field>');
    expect(submitted).toContain('<field var="muc#roomconfig_membersonly"><value>1</value></field>');
    expect(submitted).toContain('<field var="muc#roomconfig_roomsecret"><value>pw</value></field>');
    expect(submitted).not.toContain('passwordprotectedroom'); // not offered by this room
    expect(s.of('roomInfo')).toEqual([{ type: 'roomInfo', info: { jid: ROOM, features: expect.objectContaining({ membersOnly: true }) } }]);
    expect(s.of('roomJoined')[0]).toMatchObject({
      self: { nick: 'hecate', affiliation: 'owner', occupantId: 'oid-h' },
      features: { membersOnly: true, persistent: true, public: false, passwordProtected: true, occupantId: true },
    });
  });

  it('accepts the default configuration of a room that joinRoom created', async () => {
    const s = await online({}, mucResponder(null));
    const joining = s.adapter.joinRoom(ROOM, { nick: 'w' });
    await tick();
    s.client().receive(occupantPresence('w', '<item affiliation="owner" role="moderator"/><status code="201"/><status code="110"/>'));
    await joining;
    const owner = s.client().sent.find((e) => e.getChild('query', 'http://jabber.org/protocol/muc#owner'));
    expect(owner?.toString()).toContain('<x xmlns="jabber:x:data" type="submit"/>');
  });

  it('refuses to create a room that exists (disco#info answers), or that turns out to exist', async () => {
    const s = await online();
    await expect(s.adapter.createRoom(ROOM, 'w', {})).rejects.toMatchObject({ code: 'unknown', message: 'room exists' });
    expect(s.events).toEqual([]);

    const t = await online({}, mucResponder(null));
    const creating = t.adapter.createRoom(ROOM, 'w', { name: 'x' });
    await tick();
    t.client().receive(occupantPresence('w', '<item affiliation="none" role="participant"/><status code="110"/>'));
    await expect(creating).rejects.toMatchObject({ message: 'room exists' });
    expect(sentTo(t.client(), `${ROOM}/w`).map((p) => p.attrs.type)).toEqual([undefined, 'unavailable']);
  });
});

describe('self-ping (XEP-0410)', () => {
  function pingResponder(answer: () => XmlElement | Error | 'never'): Responder {
    return mucResponder(ROOM_FEATURES, (iq, c) => {
      if (!iq.getChild('ping', 'urn:xmpp:ping')) return defaultResponder(iq, c);
      const a = answer();
      return a === 'never' ? new Promise(() => undefined) : a instanceof Error ? a : a;
    });
  }

  it('keeps quiet while the room answers (or answers that a client lacks ping)', async () => {
    for (const answer of [(iq: XmlElement) => result(iq), () => stanzaError('service-unavailable'), () => stanzaError('feature-not-implemented'), () => stanzaError('item-not-found')]) {
      let last: XmlElement | undefined;
      const s = await online({ selfPingInterval: 20 }, mucResponder(ROOM_FEATURES, (iq, c) => {
        if (!iq.getChild('ping', 'urn:xmpp:ping')) return defaultResponder(iq, c);
        last = iq;
        return answer(iq);
      }));
      await join(s);
      await tick(80);
      expect(last?.attrs.to).toBe(`${ROOM}/thirdwitch`);
      expect(s.of('roomLeft')).toEqual([]);
      await s.adapter.disconnect();
    }
  });

  it('does not ping a room that was busy', async () => {
    let pings = 0;
    // Messages every 20 ms for over two intervals; the interval leaves room for a busy machine's stalls.
    const s = await online({ selfPingInterval: 250 }, pingResponder(() => (pings++, stanzaError('not-acceptable'))));
    await join(s);
    for (let i = 0; i < 30; i++) {
      s.client().receive(groupchat('firstwitch', `<body>${i}</body>`));
      await tick(20);
    }
    expect(pings).toBe(0);
    await s.adapter.disconnect();
  });

  it('rejoins after an error that means we are out, and ignores timeouts', async () => {
    let answer: () => Error | 'never' = () => Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const s = await online({ selfPingInterval: 20 }, pingResponder(() => answer()));
    await join(s);
    await tick(60);
    expect(s.of('roomLeft')).toEqual([]);
    answer = () => stanzaError('not-acceptable');
    const before = sentTo(s.client(), `${ROOM}/thirdwitch`).length;
    await tick(60);
    expect(s.of('roomLeft')[0]).toEqual({ type: 'roomLeft', room: ROOM, reason: 'error', text: 'not-acceptable' });
    expect(s.of('roomJoining')).toHaveLength(2);
    expect(sentTo(s.client(), `${ROOM}/thirdwitch`).length).toBeGreaterThan(before);
    await s.adapter.disconnect();
  });
});

describe('reconnects', () => {
  it('joins the rooms again after a fresh session, not after a resumed one', async () => {
    const s = await online();
    await join(s);
    const c = s.client();
    s.events.length = 0;
    c.sent = [];
    c.setStatus('disconnect');
    c.streamManagement.emit('resumed');
    await tick(10);
    expect(sentTo(c, `${ROOM}/thirdwitch`)).toEqual([]);
    expect(s.of('roomJoining')).toEqual([]);

    c.setStatus('disconnect');
    c.goOnline();
    await tick(10);
    const joins = sentTo(c, `${ROOM}/thirdwitch`);
    expect(joins).toHaveLength(1);
    expect(joins[0].getChild('x', 'http://jabber.org/protocol/muc')).toBeDefined();
    expect(s.of('roomJoining')).toEqual([{ type: 'roomJoining', room: ROOM, nick: 'thirdwitch' }]);
    c.receive(occupantPresence('thirdwitch', '<item role="participant"/><status code="110"/>'));
    await tick();
    expect(s.of('roomJoined')).toHaveLength(1);
  });

  it('forgets rooms on disconnect', async () => {
    const s = await online();
    await join(s);
    await s.adapter.disconnect();
    await s.adapter.connect({ jid: FULL, password: 'x' });
    await tick(5);
    expect(clients.at(-1)!.sent.some((e) => e.attrs.to === `${ROOM}/thirdwitch`)).toBe(false);
  });
});

describe('private messages', () => {
  it('sends to an occupant marked with muc#user, under the occupant JID', async () => {
    const s = await online({ roomLeaveTimeout: 10 });
    await join(s);
    s.client().sent = [];
    await s.adapter.sendMessage(`${ROOM}/firstwitch`, 'psst', 'p-1');
    const sent = s.client().sent[0];
    expect(sent.attrs).toMatchObject({ type: 'chat', to: `${ROOM}/firstwitch` });
    expect(sent.getChild('x', MUC_USER)).toBeDefined();
    expect(s.of('messageStatus')[0]).toMatchObject({ conversation: `${ROOM}/firstwitch`, id: 'p-1' });
    // An error from the room (our conversation is with the occupant) fails it.
    s.client().receive(stanza(`<message type="error" id="p-1" from="${ROOM}/firstwitch"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`));
    expect(s.of('messageStatus')[1]).toMatchObject({ conversation: `${ROOM}/firstwitch`, status: 'failed', error: 'item-not-found' });
    // Still a private conversation after we left the room.
    await s.adapter.leaveRoom(ROOM);
    await s.adapter.sendMessage(`${ROOM}/firstwitch`, 'after', 'p-3');
    expect(s.of('messageStatus').at(-1)).toMatchObject({ conversation: `${ROOM}/firstwitch`, id: 'p-3' });
    // A full JID that is not in a room stays an ordinary chat.
    await s.adapter.sendMessage('romeo@montague.lit/orchard', 'hi', 'p-2');
    expect(s.client().sent.at(-1)!.getChild('x', MUC_USER)).toBeUndefined();
  });

  it('receives them as a conversation with the occupant; chat from the room’s own JID is ignored', async () => {
    const s = await online();
    await join(s);
    s.client().receive(stanza(`<message type="chat" from="${ROOM}/firstwitch" id="x"><body>psst</body><x xmlns="${MUC_USER}"/></message>`));
    s.client().receive(stanza(`<message type="chat" from="other@${SERVICE}/nick" id="y"><body>from a room we are not in</body><x xmlns="${MUC_USER}"/></message>`));
    s.client().receive(stanza(`<message from="${ROOM}"><body>A decline or notice</body><x xmlns="${MUC_USER}"><decline from="a@b.lit"/></x></message>`));
    expect(s.of('message').map((e) => [e.message.conversation, e.message.from, e.message.nick])).toEqual([
      [`${ROOM}/firstwitch`, `${ROOM}/firstwitch`, 'firstwitch'],
      [`other@${SERVICE}/nick`, `other@${SERVICE}/nick`, 'nick'],
    ]);
  });
});

describe('invitations', () => {
  it('emits direct and mediated invitations, never as chat messages', async () => {
    const s = await online();
    s.client().receive(stanza(`<message from="crone@shakespeare.lit/pda"><x xmlns="jabber:x:conference" jid="${ROOM}" reason="Come"/><body>Join us</body></message>`));
    s.client().receive(stanza(`<message from="${ROOM}"><x xmlns="${MUC_USER}"><invite from="crone@shakespeare.lit"/><password>pw</password></x><x xmlns="jabber:x:conference" jid="${ROOM}"/><body>crone invited you</body></message>`));
    expect(s.events).toEqual([
      { type: 'invitation', room: ROOM, from: 'crone@shakespeare.lit', reason: 'Come', kind: 'direct' },
      { type: 'invitation', room: ROOM, from: 'crone@shakespeare.lit', password: 'pw', kind: 'mediated' },
    ]);
  });

  it('invites through the room while in it (mediated, XEP-0045 §7.8.2), else directly (XEP-0249)', async () => {
    const s = await online();
    await s.adapter.invite(ROOM, 'hecate@shakespeare.lit', 'Come');
    expect(s.client().sent.at(-1)!.getChild('x', 'jabber:x:conference')!.attrs).toEqual({ xmlns: 'jabber:x:conference', jid: ROOM, reason: 'Come' });
    const pending = s.adapter.joinRoom(ROOM, { nick: 'w', password: 'secret' });
    await tick();
    s.client().receive(occupantPresence('w', '<item role="participant"/><status code="110"/>'));
    await pending;
    await s.adapter.invite(ROOM, 'hecate@shakespeare.lit', 'Come');
    const sent = s.client().sent.at(-1)!;
    expect(sent.attrs.to).toBe(ROOM);
    expect(sent.getChild('x', 'jabber:x:conference')).toBeUndefined();
    const invite = sent.getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('invite')!;
    expect(invite.attrs.to).toBe('hecate@shakespeare.lit');
    expect(invite.getChildText('reason')).toBe('Come');
  });

  it('believes a decline only from a room we invited someone to', async () => {
    const s = await online();
    const decline = (room: string) =>
      stanza(`<message from="${room}" to="${FULL}"><x xmlns="http://jabber.org/protocol/muc#user"><decline from="hecate@shakespeare.lit"><reason>No</reason></decline></x></message>`);
    s.client().receive(decline(ROOM));
    await tick();
    expect(s.events.filter(e => e.type === 'invitationDeclined')).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('decline from a room we invited nobody to'));
    await s.adapter.invite(ROOM, 'hecate@shakespeare.lit');
    s.client().receive(decline(ROOM));
    await tick();
    expect(s.events.filter(e => e.type === 'invitationDeclined')).toEqual([{ type: 'invitationDeclined', room: ROOM, from: 'hecate@shakespeare.lit', reason: 'No' }]);
  });
});

describe('discovery', () => {
  const server: Responder = (iq, c) => {
    const q = iq.getChildElements()[0];
    if (q?.is('query', 'http://jabber.org/protocol/disco#items') && iq.attrs.to === 'capulet.lit') {
      return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' }, xml('item', { jid: 'upload.capulet.lit' }), xml('item', { jid: SERVICE })));
    }
    if (q?.is('query', 'http://jabber.org/protocol/disco#items') && iq.attrs.to === SERVICE) {
      return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' },
        xml('item', { jid: ROOM, name: 'Coven (listed)' }),
        xml('item', { jid: `heath@${SERVICE}`, name: 'Heath' }),
        xml('item', { jid: 'room@elsewhere.lit', name: 'Not of this service' }),
        xml('item', { jid: `${ROOM}/nick` })));
    }
    if (q?.is('query', DISCO_INFO) && iq.attrs.to === SERVICE) return info(iq, ['http://jabber.org/protocol/muc'], [xml('identity', { category: 'conference', type: 'text', name: 'Chatrooms' })]);
    if (q?.is('query', DISCO_INFO) && iq.attrs.to === 'upload.capulet.lit') return info(iq, ['urn:xmpp:http:upload:0'], [xml('identity', { category: 'store', type: 'file' })]);
    if (q?.is('query', DISCO_INFO) && iq.attrs.to === ROOM) {
      return result(iq, xml('query', { xmlns: DISCO_INFO }, xml('identity', { category: 'conference', type: 'text', name: 'The Coven' }), xml('feature', { var: 'muc_public' }),
        xml('x', { xmlns: 'jabber:x:data', type: 'result' }, xml('field', { var: 'FORM_TYPE' }, xml('value', {}, 'http://jabber.org/protocol/muc#roominfo')), xml('field', { var: 'muc#roominfo_occupants' }, xml('value', {}, '3')))));
    }
    if (q?.is('query', DISCO_INFO) && iq.attrs.to === `heath@${SERVICE}`) return stanzaError('item-not-found');
    return defaultResponder(iq, c);
  };

  it('finds the conference service after login and emits the features again', async () => {
    const adapter = new XmppAdapter({ logger: { warn }, clientFactory: (o) => Object.assign(new FakeClient(o), { responder: server }) });
    adapters.push(adapter);
    const events: AdapterEvent[] = [];
    adapter.subscribe((e) => events.push(e));
    await adapter.connect({ jid: FULL, password: 'x' });
    await tick(5);
    const features = events.filter((e): e is EventOf<'features'> => e.type === 'features');
    expect(features.map((e) => e.features.conferenceService)).toEqual([undefined, SERVICE]);
  });

  it('lists the rooms of the service with what their disco#info says, up to the limit', async () => {
    const s = await online({ roomDirectoryInfoLimit: 1 }, server);
    await s.adapter.listRooms();
    expect(s.of('roomDirectory')).toEqual([
      {
        type: 'roomDirectory',
        service: SERVICE,
        rooms: [
          { jid: ROOM, name: 'The Coven', occupants: 3, features: expect.objectContaining({ public: true }) },
          { jid: `heath@${SERVICE}`, name: 'Heath' },
        ],
      },
    ]);
    const t = await online({}, server);
    await t.adapter.listRooms(SERVICE);
    expect(t.of('roomDirectory')[0].rooms[1]).toEqual({ jid: `heath@${SERVICE}`, name: 'Heath' }); // its disco#info failed
  });

  it('queries one room, and rejects with the condition when it cannot', async () => {
    const s = await online({}, server);
    await s.adapter.queryRoom(ROOM);
    expect(s.of('roomInfo')[0].info).toMatchObject({ jid: ROOM, name: 'The Coven', occupants: 3 });
    await expect(s.adapter.queryRoom(`heath@${SERVICE}`)).rejects.toThrow('item-not-found');
  });

  it('needs a conference service to list rooms', async () => {
    const s = await online();
    await expect(s.adapter.listRooms()).rejects.toThrow('no conference service');
  });
});

describe('bookmarks', () => {
  const compat: Responder = (iq, c) => {
    const q = iq.getChildElements()[0];
    if (q?.is('query', DISCO_INFO) && iq.attrs.to === OWN) return info(iq, ['urn:xmpp:mam:2', 'urn:xmpp:bookmarks:1#compat']);
    return mucResponder()(iq, c);
  };

  it('uses XEP-0402 where the server offers #compat, and joins autojoin bookmarks after login', async () => {
    const items = `<item id="${ROOM}"><conference xmlns="urn:xmpp:bookmarks:1" autojoin="true"><nick>hecate</nick></conference></item>
      <item id="heath@${SERVICE}"><conference xmlns="urn:xmpp:bookmarks:1" autojoin="false"/></item>`;
    const responder: Responder = (iq, c) => {
      const ps = iq.getChild('pubsub', 'http://jabber.org/protocol/pubsub');
      if (ps?.getChild('items')) return stanza(`<iq type="result" id="${iq.attrs.id}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:bookmarks:1">${items}</items></pubsub></iq>`);
      return compat(iq, c);
    };
    const adapter = new XmppAdapter({ logger: { warn }, clientFactory: (o) => Object.assign(new FakeClient(o), { responder }) });
    adapters.push(adapter);
    const events: AdapterEvent[] = [];
    adapter.subscribe((e) => events.push(e));
    await adapter.connect({ jid: FULL, password: 'x' });
    await tick(5);
    expect(events.find((e) => e.type === 'bookmarks')).toEqual({
      type: 'bookmarks',
      bookmarks: [
        { jid: ROOM, nick: 'hecate', autojoin: true },
        { jid: `heath@${SERVICE}`, autojoin: false },
      ],
    });
    expect(events.filter((e) => e.type === 'roomJoining')).toEqual([{ type: 'roomJoining', room: ROOM, nick: 'hecate' }]);
  });

  it('publishes and retracts with XEP-0402, and follows notifications from our own account only', async () => {
    const s = await online({}, compat);
    s.client().sent = [];
    await s.adapter.saveBookmark({ jid: 'Coven@Chat.Shakespeare.lit', name: 'Coven', autojoin: true });
    expect(s.client().sent[0].toString()).toContain('<pubsub#access_model>'.slice(0, 0) + '<field var="pubsub#access_model"><value>whitelist</value></field>');
    expect(s.of('bookmarks').at(-1)?.bookmarks).toEqual([{ jid: ROOM, name: 'Coven', autojoin: true }]);
    const event = (from: string, inner: string) =>
      stanza(`<message from="${from}" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:bookmarks:1">${inner}</items></event></message>`);
    s.client().receive(event(OWN, `<item id="heath@${SERVICE}"><conference xmlns="urn:xmpp:bookmarks:1"/></item>`));
    s.client().receive(event('mallory@evil.lit', `<retract id="${ROOM}"/>`));
    expect(s.of('bookmarks').at(-1)?.bookmarks.map((b) => b.jid)).toEqual([ROOM, `heath@${SERVICE}`]);
    await s.adapter.removeBookmark(ROOM);
    expect(s.client().sent.at(-1)!.toString()).toContain(`<retract node="urn:xmpp:bookmarks:1" notify="true"><item id="${ROOM}"/></retract>`);
    expect(s.of('bookmarks').at(-1)?.bookmarks.map((b) => b.jid)).toEqual([`heath@${SERVICE}`]);
  });

  it('falls back to XEP-0048 private storage, keeping what else it holds', async () => {
    let stored = `<storage xmlns="storage:bookmarks"><url name="W" url="http://w.lit/"/><conference jid="heath@${SERVICE}" autojoin="false"/></storage>`;
    const s = await online({}, (iq, c) => {
      const q = iq.getChild('query', 'jabber:iq:private');
      if (q && iq.attrs.type === 'get') return stanza(`<iq type="result" id="${iq.attrs.id}"><query xmlns="jabber:iq:private">${stored}</query></iq>`);
      if (q) {
        stored = q.getChild('storage')!.toString();
        return result(iq);
      }
      return mucResponder()(iq, c);
    });
    await s.adapter.loadBookmarks();
    expect(s.of('bookmarks').at(-1)?.bookmarks).toEqual([{ jid: `heath@${SERVICE}`, autojoin: false }]);
    await s.adapter.saveBookmark({ jid: ROOM, nick: 'w', autojoin: true });
    expect(stored).toContain('<url name="W" url="http://w.lit/"/>');
    expect(stored).toContain(`<conference jid="${ROOM}" autojoin="true"><nick>w</nick></conference>`);
    await s.adapter.removeBookmark(`heath@${SERVICE}`);
    expect(stored).not.toContain('heath');
    expect(s.of('bookmarks').at(-1)?.bookmarks).toEqual([{ jid: ROOM, nick: 'w', autojoin: true }]);
    expect(s.client().sent.some((e) => e.getChild('pubsub', 'http://jabber.org/protocol/pubsub'))).toBe(false);
    await expect(s.adapter.saveBookmark({ jid: `${ROOM}/nick`, autojoin: false })).rejects.toThrow('invalid-jid');
  });
});

describe('anonymous login', () => {
  it('logs in to a domain with SASL ANONYMOUS only, and loads no bookmarks', async () => {
    let mechanism = '';
    const adapter = new XmppAdapter({
      logger: { warn },
      clientFactory: (o) => {
        const c = new FakeClient(o);
        c.startImpl = async () => {
          c.setStatus('connecting');
          c.setStatus('connect');
          await o.credentials(async (_creds, mech) => void (mechanism = mech), ['PLAIN', 'ANONYMOUS', 'SCRAM-SHA-1'], null, { isSecure: () => true });
          c.goOnline('x7f3@anon.capulet.lit/r');
        };
        clients.push(c);
        return c;
      },
    });
    adapters.push(adapter);
    await adapter.connect({ jid: 'anon.capulet.lit', password: '', anonymous: true });
    await tick(5);
    expect(mechanism).toBe('ANONYMOUS');
    expect(adapter.saslMechanism).toBe('ANONYMOUS');
    expect(clients[0].options.domain).toBe('anon.capulet.lit');
    expect(clients[0].sent.some((e) => e.getChild('query', 'jabber:iq:private') || e.getChild('pubsub'))).toBe(false);
    // Without `anonymous`, a bare domain is no account.
    await expect(new XmppAdapter({ logger: { warn } }).connect({ jid: 'anon.capulet.lit', password: '' })).rejects.toMatchObject({ code: 'invalid-jid' });
  });
});

describe('our client', () => {
  it('answers pings and the disco#info of its capabilities node', async () => {
    const s = await online();
    expect(s.client().request(stanza(`<iq type="get" id="p" from="${ROOM}/thirdwitch"><ping xmlns="urn:xmpp:ping"/></iq>`))).toBe(true);
    const caps = s.client().request(
      stanza(`<iq type="get" id="d" from="${OWN}"><query xmlns="${DISCO_INFO}" node="urn:x-natter:client#TA3O29iJVD3ZgaSD6dIyMQwquJk="/></iq>`),
    ) as XmlElement;
    expect(caps.attrs.node).toBe('urn:x-natter:client#TA3O29iJVD3ZgaSD6dIyMQwquJk=');
    expect(caps.getChildren('feature').map((f) => f.attrs.var)).toEqual(expect.arrayContaining(['urn:xmpp:bookmarks:1+notify', 'urn:xmpp:message-correct:0']));
  });
});

describe('ending the session', () => {
  it('fails IQs still waiting for an answer at once', async () => {
    const s = await online({}, (iq, c) => (iq.attrs.to === ROOM ? new Promise(() => undefined) : defaultResponder(iq, c)));
    const c = s.client();
    const handlers = new Map<string, { reject(err: unknown): void }>();
    c.iqCaller.handlers = handlers;
    const rejected = jest.fn();
    handlers.set('q1', { reject: rejected });
    const listing = s.adapter.queryRoom(ROOM);
    await s.adapter.disconnect();
    expect(rejected).toHaveBeenCalledWith(new Error('disconnected'));
    expect(handlers.size).toBe(0);
    void listing.catch(() => undefined);
  });
});
