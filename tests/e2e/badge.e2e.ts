/**
 * <natter-room-badge> stand-alone on a page (no <natter-session>): it signs in anonymously by
 * itself to the test Prosody's anonymous host and shows a room's name and occupant count, kept
 * up to date while bots (driven by @xmpp/client) come and go.
 */
import { botJoinRoom, botLeaveRoom, connectBot, createAccount, prosody, roomJid, stopAllBots } from '../prosody';
import { axeViolations, openPage, texts, waitForText } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

afterEach(stopAllBots);

const badge = '#badge';
const label = `${badge} >>> [part=base] .label`;

describe('natter-room-badge against Prosody', () => {
  it('stand-alone with an anonymous login: shows the room’s name and how many are in it, and the count drops when someone leaves', async () => {
    const room = roomJid('badge');
    const owner = await connectBot(await createAccount('badge-owner'));
    await botJoinRoom(owner, room, 'Owner', { config: { 'muc#roomconfig_roomname': 'Badge Room' } });
    const guest = await connectBot(await createAccount('badge-guest'));
    await botJoinRoom(guest, room, 'Guest');

    const { wsUrl, anonDomain } = prosody();
    const errors: string[] = [];
    const page = await openPage(
      `<main lang="en"><p>Talk to us: <natter-room-badge id="badge" room="${room}" service="${wsUrl}" domain="${anonDomain}" refresh="1"></natter-room-badge></p></main>`,
      errors,
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
  });
});
