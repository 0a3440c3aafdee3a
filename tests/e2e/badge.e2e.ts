/**
 * <natter-room-badge> stand-alone on a page (no <natter-session>): it signs in anonymously by
 * itself, with its own small client, to the test Prosody's anonymous host and shows a room's name
 * and occupant count, kept up to date while bots (driven by @xmpp/client) come and go. The page
 * loads neither @xmpp/client nor the session.
 */
import type { E2EPage } from '@stencil/core/testing';
import type { AddressInfo } from 'node:net';
import { parse } from 'ltx';
import { WebSocketServer, type WebSocket } from 'ws';
import { botJoinRoom, botLeaveRoom, connectBot, createAccount, prosody, roomJid, stopAllBots } from '../prosody';
import { axeViolations, openPage, texts, waitForText } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

afterEach(stopAllBots);

const badge = '#badge';
const label = `${badge} >>> [part=base] .label`;

/** Text found only in the code of @xmpp/client (its SASL2 namespace), of the XMPP adapter, of the session, and of the badge's own client. */
const MARKERS = { xmppClient: 'urn:xmpp:sasl:2', xmppAdapter: '[natter/xmpp]', session: '[natter] dropped an event', ownClient: 'RoomInfoError' };

/** Records the URL of every script the page requests, from its first request on. */
function recordScripts(page: E2EPage): string[] {
  const urls: string[] = [];
  page.on('request', request => {
    if (request.resourceType() === 'script') urls.push(request.url());
  });
  return urls;
}

/** Which of MARKERS the scripts at `urls` contain (fetched again in the page, from the same server). */
async function markersIn(page: E2EPage, urls: string[]): Promise<string[]> {
  const bodies = await page.evaluate((list: string[]) => Promise.all(list.map(url => fetch(url).then(response => response.text()))), urls);
  return Object.entries(MARKERS)
    .filter(([, marker]) => bodies.some(body => body.includes(marker)))
    .map(([name]) => name);
}

describe('natter-room-badge against Prosody', () => {
  it('stand-alone with an anonymous login: shows the room’s name and how many are in it, and the count drops when someone leaves', async () => {
    const room = roomJid('badge');
    const owner = await connectBot(await createAccount('badge-owner'));
    await botJoinRoom(owner, room, 'Owner', { config: { 'muc#roomconfig_roomname': 'Badge Room' } });
    const guest = await connectBot(await createAccount('badge-guest'));
    await botJoinRoom(guest, room, 'Guest');

    const { wsUrl, anonDomain } = prosody();
    const errors: string[] = [];
    let scripts: string[] = [];
    const page = await openPage(
      `<main lang="en"><p>Talk to us: <natter-room-badge id="badge" room="${room}" service="${wsUrl}" domain="${anonDomain}" refresh="1"></natter-room-badge></p></main>`,
      errors,
      empty => (scripts = recordScripts(empty)),
    );

    // The badge refreshes only while its page is visible. Its tab shares the test browser with the
    // other test files' pages, and a tab opened there hides this one: keep it reading "visible",
    // as it is for someone looking at the page.
    await page.evaluate(() => {
      Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => 'visible' });
      Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => false });
    });

    await waitForText(page, label, 'Badge Room: 2 people');
    expect(await texts(page, `${badge} >>> [part=name]`)).toEqual(['Badge Room']);
    expect(await texts(page, `${badge} >>> [part=count]`)).toEqual(['2']);
    expect(await page.$eval(`${badge} >>> [part=base]`, el => el.getAttribute('href'))).toBe(`xmpp:${room}?join`);
    // It has no session from the page: its own one is anonymous, on the anonymous host.
    expect(await page.evaluate(() => document.querySelector('natter-session'))).toBeNull();

    await botLeaveRoom(guest, room, 'Guest');
    await waitForText(page, label, 'Badge Room: 1 person');
    expect(await texts(page, `${badge} >>> [part=count]`)).toEqual(['1']);

    // And it rises again when someone comes in.
    const third = await connectBot(await createAccount('badge-third'));
    await botJoinRoom(third, room, 'Third');
    await waitForText(page, label, 'Badge Room: 2 people');

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // Its own client did all that: neither @xmpp/client, nor the XMPP adapter, nor the session came.
    expect(scripts.length).toBeGreaterThan(0);
    expect(await markersIn(page, scripts)).toEqual(['ownClient']);
  });

  it('stand-alone, a room that does not exist reads "room unavailable"', async () => {
    const { wsUrl, anonDomain } = prosody();
    const errors: string[] = [];
    const nowhere = roomJid('nowhere');
    const page = await openPage(
      `<main lang="en"><natter-room-badge id="badge" room="${nowhere}" service="${wsUrl}" domain="${anonDomain}" refresh="0"></natter-room-badge></main>`,
      errors,
    );
    const local = nowhere.split('@')[0];
    await waitForText(page, label, `${local}: room unavailable`);
    expect(await texts(page, `${badge} >>> [part=count]`)).toEqual(['unavailable']);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('stand-alone, in the browser: malformed and spoofed frames are dropped with a warning, only the room’s own answer counts', async () => {
    const room = 'scripted@conference.scripted.test';
    const server = scriptedServer(room);
    try {
      const errors: string[] = [];
      const warnings: string[] = [];
      const page = await openPage(
        `<main lang="en"><natter-room-badge id="badge" room="${room}" service="${await server.url}" domain="scripted.test" refresh="0"></natter-room-badge></main>`,
        errors,
        empty => empty.on('console', message => void (message.type() === 'warn' && warnings.push(message.text()))),
      );
      await waitForText(page, label, 'Scripted room: 3 people');
      expect(warnings.filter(text => text.includes('dropped a malformed frame'))).toHaveLength(2);
      expect(warnings.filter(text => text.includes('dropped an unexpected <iq>'))).toHaveLength(2);
      expect(errors).toEqual([]);
      // Asked once (`refresh` 0): the badge ends the stream.
      await server.closed;
    } finally {
      server.stop();
    }
  });
});

/**
 * A WebSocket XMPP server that follows the script of one anonymous sign-in and answers a
 * disco#info request to `room` with two malformed frames, an answer from another room, one with
 * another id, then the room's answer (3 occupants).
 */
function scriptedServer(room: string) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'xmpp' });
  let signedIn = false;
  let markClosed!: () => void;
  const closed = new Promise<void>(resolve => (markClosed = resolve));
  const framing = 'urn:ietf:params:xml:ns:xmpp-framing';
  const info = (id: string, from: string, occupants: number) =>
    `<iq xmlns="jabber:client" type="result" id="${id}" from="${from}"><query xmlns="http://jabber.org/protocol/disco#info">` +
    `<identity category="conference" type="text" name="Scripted room"/><x xmlns="jabber:x:data" type="result">` +
    `<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roominfo</value></field>` +
    `<field var="muc#roominfo_occupants"><value>${occupants}</value></field></x></query></iq>`;
  wss.on('connection', (socket: WebSocket) => {
    socket.on('message', data => {
      const frame = parse(String(data));
      if (frame.is('open', framing)) {
        socket.send(`<open xmlns="${framing}" from="scripted.test" id="s" version="1.0"/>`);
        socket.send(
          signedIn
            ? `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>`
            : `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>ANONYMOUS</mechanism></mechanisms></stream:features>`,
        );
      } else if (frame.name === 'auth') {
        signedIn = true;
        socket.send(`<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`);
      } else if (frame.name === 'iq' && frame.getChild('bind')) {
        socket.send(`<iq xmlns="jabber:client" type="result" id="${frame.attrs.id}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>guest@scripted.test/r</jid></bind></iq>`);
      } else if (frame.name === 'iq' && frame.attrs.to === room) {
        socket.send(`<iq type="result" id="${frame.attrs.id}" from="${room}"><query`);
        socket.send('<<not xml>>');
        socket.send(info(frame.attrs.id, 'other@conference.scripted.test', 999));
        socket.send(info('another-id', room, 998));
        socket.send(info(frame.attrs.id, room, 3));
      } else if (frame.is('close', framing)) {
        socket.send(`<close xmlns="${framing}"/>`);
        markClosed();
      }
    });
  });
  const url = new Promise<string>(resolve => wss.on('listening', () => resolve(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`)));
  return { url, closed, stop: () => wss.close() };
}
