/**
 * The stand-alone room badge's own client against a scripted server on a fake WebSocket: the
 * exchange in order (RFC 7395 framing, SASL ANONYMOUS, restart, bind, disco#info, close), the
 * room's errors, and frames that must be ignored (spoofed, stray, malformed).
 *
 * Frames are parsed with ltx here: the spec DOM (Stencil's mock-doc) parses HTML only. The real
 * DOMParser path runs in Chromium against Prosody (tests/e2e/badge.e2e.ts).
 */
import { parse, type Element as LtxElement } from 'ltx';
import { RoomInfoClient, RoomInfoError, type FrameElement, type FrameSocket, type RoomInfoClientOptions } from './room-info';

const DOMAIN = 'anon.example.org';
const ROOM = 'lounge@conference.example.org';
const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const DISCO = 'http://jabber.org/protocol/disco#info';

function asFrame(el: LtxElement): FrameElement {
  return {
    localName: el.getName(),
    namespaceURI: el.getNS() ?? null,
    children: el.getChildElements().map(asFrame),
    textContent: el.getText(),
    getAttribute: name => (el.attrs[name] as string | undefined) ?? null,
  };
}

function parseFrame(text: string): FrameElement | null {
  try {
    return asFrame(parse(text));
  } catch {
    return null;
  }
}

class FakeSocket implements FrameSocket {
  readyState = 0;
  /** Frames the client sent, not yet read by the test. */
  readonly outbox: string[] = [];
  closeCode?: number | 'none';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string) {
    if (this.readyState !== 1) throw new Error(`send on a socket in state ${this.readyState}`);
    this.outbox.push(data);
  }
  close(code?: number) {
    this.closeCode = code ?? 'none';
    this.readyState = 3;
  }

  // The server's side.
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  deliver(...frames: string[]) {
    for (const data of frames) this.onmessage?.({ data });
  }
  hangUp() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
}

/** Lets the client's awaited steps run. */
const turn = () => new Promise(resolve => setTimeout(resolve, 0));

/** The next frame the client sent, parsed; fails when it sent nothing. */
async function sent(socket: FakeSocket): Promise<LtxElement> {
  for (let i = 0; i < 5 && socket.outbox.length === 0; i++) await turn();
  const text = socket.outbox.shift();
  if (text === undefined) throw new Error('the client sent nothing');
  return parse(text);
}

const streamOpen = `<open xmlns="${FRAMING}" from="${DOMAIN}" id="s1" version="1.0" xml:lang="en"/>`;
const saslFeatures = (...mechanisms: string[]) =>
  `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="${SASL}">${mechanisms.map(m => `<mechanism>${m}</mechanism>`).join('')}</mechanisms></stream:features>`;
const bindFeatures = (extra = '') => `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="${BIND}"/>${extra}</stream:features>`;

function roomInfo(id: string, { from = ROOM, name = 'Natter lounge', occupants = '12' }: { from?: string; name?: string; occupants?: string } = {}) {
  return (
    `<iq xmlns="jabber:client" type="result" id="${id}" from="${from}" to="x@${DOMAIN}/r"><query xmlns="${DISCO}">` +
    `<identity category="conference" type="text" name="${name}"/><feature var="http://jabber.org/protocol/muc"/>` +
    `<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roominfo</value></field>` +
    `<field var="muc#roominfo_occupants"><value>${occupants}</value></field></x></query></iq>`
  );
}

function setUp(options: Partial<RoomInfoClientOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const warn = jest.fn();
  const client = new RoomInfoClient({
    service: 'wss://example.org/xmpp-websocket',
    domain: DOMAIN,
    openSocket: url => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    parseFrame,
    warn,
    ...options,
  });
  return { client, sockets, warn };
}

/** The server's side of a sign-in that goes well, checking each frame the client sends. */
async function signIn(socket: FakeSocket, sessionFeature = '') {
  socket.accept();
  const open = await sent(socket);
  expect(open.is('open', FRAMING)).toBe(true);
  expect(open.attrs).toMatchObject({ to: DOMAIN, version: '1.0' });
  socket.deliver(streamOpen, saslFeatures('SCRAM-SHA-1', 'ANONYMOUS'));

  const auth = await sent(socket);
  expect(auth.is('auth', SASL)).toBe(true);
  expect(auth.attrs.mechanism).toBe('ANONYMOUS');
  socket.deliver(`<success xmlns="${SASL}"/>`);

  const restart = await sent(socket);
  expect(restart.is('open', FRAMING)).toBe(true);
  expect(restart.attrs.to).toBe(DOMAIN);
  socket.deliver(streamOpen, bindFeatures(sessionFeature));

  const bind = await sent(socket);
  expect(bind.name).toBe('iq');
  expect(bind.attrs.type).toBe('set');
  expect(bind.getChild('bind', BIND)).toBeDefined();
  socket.deliver(`<iq xmlns="jabber:client" type="result" id="${bind.attrs.id}"><bind xmlns="${BIND}"><jid>x@${DOMAIN}/r</jid></bind></iq>`);
}

/** The client's disco#info request to `room`, checked; returns its id. */
async function discoRequest(socket: FakeSocket, room = ROOM): Promise<string> {
  const iq = await sent(socket);
  expect(iq.name).toBe('iq');
  expect(iq.attrs).toMatchObject({ type: 'get', to: room });
  expect(iq.getChild('query', DISCO)).toBeDefined();
  return iq.attrs.id as string;
}

describe('RoomInfoClient', () => {
  it('signs in anonymously, binds, asks the room, and closes the stream cleanly', async () => {
    const { client, sockets, warn } = setUp();
    const answer = client.query(ROOM);
    expect(sockets).toHaveLength(1);
    expect(sockets[0].url).toBe('wss://example.org/xmpp-websocket');
    await signIn(sockets[0]);
    const id = await discoRequest(sockets[0]);
    sockets[0].deliver(roomInfo(id));
    await expect(answer).resolves.toEqual({ name: 'Natter lounge', occupants: 12 });

    const closed = client.close();
    const close = await sent(sockets[0]);
    expect(close.is('close', FRAMING)).toBe(true);
    expect(sockets[0].closeCode).toBeUndefined(); // waits for the server's <close/>
    sockets[0].deliver(`<close xmlns="${FRAMING}"/>`);
    await closed;
    expect(sockets[0].closeCode).toBe(1000);
    expect(sockets[0].outbox).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('asks again on the same stream, and opens a new one after the connection was lost', async () => {
    const { client, sockets } = setUp();
    const first = client.query(ROOM);
    await signIn(sockets[0]);
    sockets[0].deliver(roomInfo(await discoRequest(sockets[0])));
    await first;

    const second = client.query(ROOM);
    const id = await discoRequest(sockets[0]);
    sockets[0].deliver(roomInfo(id, { occupants: '11' }));
    await expect(second).resolves.toEqual({ name: 'Natter lounge', occupants: 11 });
    expect(sockets).toHaveLength(1);

    sockets[0].hangUp();
    const third = client.query(ROOM);
    expect(sockets).toHaveLength(2);
    await signIn(sockets[1]);
    sockets[1].deliver(roomInfo(await discoRequest(sockets[1]), { occupants: '10' }));
    await expect(third).resolves.toEqual({ name: 'Natter lounge', occupants: 10 });
  });

  it('rejects with the room’s error (item-not-found: no such room) and keeps the stream', async () => {
    const { client, sockets } = setUp();
    const missing = client.query('nowhere@conference.example.org');
    await signIn(sockets[0]);
    const id = await discoRequest(sockets[0], 'nowhere@conference.example.org');
    sockets[0].deliver(
      `<iq xmlns="jabber:client" type="error" id="${id}" from="nowhere@conference.example.org"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">No such room</text></error></iq>`,
    );
    await expect(missing).rejects.toMatchObject({ condition: 'item-not-found', byRoom: true });
    expect(sockets[0].closeCode).toBeUndefined();

    const lounge = client.query(ROOM);
    sockets[0].deliver(roomInfo(await discoRequest(sockets[0])));
    await expect(lounge).resolves.toEqual({ name: 'Natter lounge', occupants: 12 });
  });

  it('ignores spoofed, stray and malformed frames, with a warning each, and takes only the answer from the room with the request’s id', async () => {
    const { client, sockets, warn } = setUp();
    const answer = client.query(ROOM);
    await signIn(sockets[0]);
    const id = await discoRequest(sockets[0]);
    sockets[0].deliver(
      `<iq type="result" id="${id}" from="${ROOM}"`, // cut short
      'not xml at all',
      roomInfo(id, { from: 'evil@conference.example.org', occupants: '999' }), // another room
      roomInfo(id, { from: `${ROOM}/Mallory`, occupants: '998' }), // an occupant, not the room
      roomInfo('guessed-id', { occupants: '997' }), // not our request
      roomInfo(id, { from: DOMAIN, occupants: '996' }), // our own server
      `<message xmlns="jabber:client" from="${DOMAIN}"><body>Welcome</body></message>`,
    );
    sockets[0].onmessage?.({ data: new ArrayBuffer(4) }); // a binary frame
    expect(warn).toHaveBeenCalledTimes(8);
    expect(warn.mock.calls.slice(0, 2).map(call => call[0])).toEqual(['dropped a malformed frame', 'dropped a malformed frame']);

    sockets[0].deliver(roomInfo(id, { occupants: '12' }));
    await expect(answer).resolves.toEqual({ name: 'Natter lounge', occupants: 12 });
    // A second answer to the same request is stray too.
    sockets[0].deliver(roomInfo(id, { occupants: '13' }));
    expect(warn).toHaveBeenCalledTimes(9);
  });

  it('reads the name from the room-info form when the identity has none, and leaves out a count that is not a number', async () => {
    const { client, sockets } = setUp();
    const answer = client.query(ROOM);
    await signIn(sockets[0]);
    const id = await discoRequest(sockets[0]);
    sockets[0].deliver(
      `<iq type="result" id="${id}" from="${ROOM}"><query xmlns="${DISCO}"><identity category="conference" type="text"/>` +
        `<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roominfo</value></field>` +
        `<field var="muc#roomconfig_roomname"><value>Form name</value></field><field var="muc#roominfo_occupants"><value>many</value></field></x></query></iq>`,
    );
    await expect(answer).resolves.toEqual({ name: 'Form name' });
  });

  it('a result without its query is a protocol error', async () => {
    const { client, sockets } = setUp();
    const answer = client.query(ROOM);
    await signIn(sockets[0]);
    sockets[0].deliver(`<iq type="result" id="${await discoRequest(sockets[0])}" from="${ROOM}"/>`);
    await expect(answer).rejects.toMatchObject({ condition: 'protocol', byRoom: false });
  });

  it('answers the server’s requests with service-unavailable, and sends the session request a server requires', async () => {
    const { client, sockets } = setUp();
    const answer = client.query(ROOM);
    const socket = sockets[0];
    socket.accept();
    await sent(socket);
    socket.deliver(streamOpen, saslFeatures('ANONYMOUS'));
    await sent(socket);
    socket.deliver(`<success xmlns="${SASL}"/>`);
    await sent(socket);
    socket.deliver(streamOpen, bindFeatures('<session xmlns="urn:ietf:params:xml:ns:xmpp-session"/>'));
    const bind = await sent(socket);
    socket.deliver(`<iq type="result" id="${bind.attrs.id}"><bind xmlns="${BIND}"><jid>x@${DOMAIN}/r</jid></bind></iq>`);
    const session = await sent(socket);
    expect(session.getChild('session', 'urn:ietf:params:xml:ns:xmpp-session')).toBeDefined();
    socket.deliver(`<iq type="result" id="${session.attrs.id}" from="${DOMAIN}"/>`);
    const id = await discoRequest(socket);

    socket.deliver(`<iq xmlns="jabber:client" type="get" id="ping1" from="${DOMAIN}"><ping xmlns="urn:xmpp:ping"/></iq>`);
    const refusal = await sent(socket);
    expect(refusal.attrs).toMatchObject({ type: 'error', id: 'ping1', to: DOMAIN });
    expect(refusal.getChild('error')?.getChild('service-unavailable', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toBeDefined();

    socket.deliver(roomInfo(id));
    await expect(answer).resolves.toEqual({ name: 'Natter lounge', occupants: 12 });
  });

  describe('failures', () => {
    it('a server without SASL ANONYMOUS: no-mechanism, the socket closed', async () => {
      const { client, sockets } = setUp();
      const answer = client.query(ROOM);
      sockets[0].accept();
      await sent(sockets[0]);
      sockets[0].deliver(streamOpen, saslFeatures('SCRAM-SHA-1', 'PLAIN'));
      await expect(answer).rejects.toMatchObject({ condition: 'no-mechanism' });
      expect(sockets[0].closeCode).toBeDefined();
    });

    it('refused sign-in: not-authorized', async () => {
      const { client, sockets } = setUp();
      const answer = client.query(ROOM);
      sockets[0].accept();
      await sent(sockets[0]);
      sockets[0].deliver(streamOpen, saslFeatures('ANONYMOUS'));
      await sent(sockets[0]);
      sockets[0].deliver(`<failure xmlns="${SASL}"><not-authorized/></failure>`);
      await expect(answer).rejects.toMatchObject({ condition: 'not-authorized' });
    });

    it('a WebSocket that never opens: unreachable, and the next query tries again', async () => {
      const { client, sockets } = setUp();
      const answer = client.query(ROOM);
      sockets[0].hangUp();
      await expect(answer).rejects.toMatchObject({ condition: 'unreachable' });

      const again = client.query(ROOM);
      expect(sockets).toHaveLength(2);
      await signIn(sockets[1]);
      sockets[1].deliver(roomInfo(await discoRequest(sockets[1])));
      await expect(again).resolves.toMatchObject({ occupants: 12 });
    });

    it('a socket that cannot be made (a bad URL): unreachable', async () => {
      const { client } = setUp({
        openSocket: () => {
          throw new SyntaxError('bad URL');
        },
      });
      await expect(client.query(ROOM)).rejects.toMatchObject({ condition: 'unreachable' });
    });

    it('a room that does not answer: timeout, and the connection is dropped', async () => {
      const { client, sockets } = setUp({ timeoutMs: 100 });
      const answer = client.query(ROOM);
      await signIn(sockets[0]);
      await discoRequest(sockets[0]);
      await expect(answer).rejects.toMatchObject({ condition: 'timeout' });
      expect(sockets[0].closeCode).toBeDefined();
    });

    it('a stream error fails the query with its condition', async () => {
      const { client, sockets } = setUp();
      const answer = client.query(ROOM);
      await signIn(sockets[0]);
      await discoRequest(sockets[0]);
      sockets[0].deliver(
        `<stream:error xmlns:stream="http://etherx.jabber.org/streams"><system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>`,
      );
      await expect(answer).rejects.toMatchObject({ condition: 'system-shutdown' });
    });

    it('the server closing the stream: closed, after answering with our own <close/>', async () => {
      const { client, sockets } = setUp();
      const answer = client.query(ROOM);
      await signIn(sockets[0]);
      await discoRequest(sockets[0]);
      sockets[0].deliver(`<close xmlns="${FRAMING}"/>`);
      await expect(answer).rejects.toMatchObject({ condition: 'closed' });
      expect((await sent(sockets[0])).is('close', FRAMING)).toBe(true);
    });

    it('not a room JID: invalid-jid, without connecting', async () => {
      const { client, sockets } = setUp();
      for (const room of ['', 'conference.example.org', `${ROOM}/nick`, 'a b@example.org', 'x"/><iq@example.org']) {
        await expect(client.query(room)).rejects.toBeInstanceOf(RoomInfoError);
      }
      await expect(client.query('')).rejects.toMatchObject({ condition: 'invalid-jid' });
      expect(sockets).toHaveLength(0);
    });

    it('closing while signing in fails the query with closed', async () => {
      const { client, sockets } = setUp();
      const answer = client.query(ROOM);
      sockets[0].accept();
      await sent(sockets[0]);
      const closed = client.close();
      await expect(answer).rejects.toMatchObject({ condition: 'closed' });
      sockets[0].deliver(`<close xmlns="${FRAMING}"/>`);
      await closed;
      expect(sockets[0].closeCode).toBe(1000);
    });
  });
});
