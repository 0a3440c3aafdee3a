/**
 * XEP-0372 mentions in <natter-app> against Prosody: the user types @ and picks an occupant from the
 * suggestions with the keyboard, and the occupant receives the mention reference by code points
 * with the occupant's URI; an occupant's mention of the user is highlighted and, while the user is
 * in another room, counted apart from the unread messages.
 */
import { xml } from '@xmpp/client';
import { stopAllBots } from '../prosody';
import {
  NICK,
  appPaths,
  describeViolations,
  isGroupchat,
  joinRoomByAddress,
  roomListPaths,
  roomWithBots,
  runAxe,
  say,
  texts,
  userInRoom,
  waitForCount,
  waitForElement,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_REFERENCE = 'urn:xmpp:reference:0';
const p = appPaths();
const r = roomListPaths();
const options = `${p.chatbox} >>> natter-composer >>> [role=option]`;

afterEach(stopAllBots);

describe('mentions', () => {
  it('the user mentions an occupant picked from the suggestions; the occupant’s mention of the user is highlighted and counted apart', async () => {
    const { room: other } = await roomWithBots('mention-other', 'Other Room', ['Carol']);
    const { room, occupants, page, errors } = await userInRoom('mention', 'Mention Room', ['Alice', 'Albert']);
    const [alice] = occupants;

    await page.focus(p.composer);
    await page.keyboard.type('@Ali');
    // Each key narrows the suggestions: "@Al" shows Albert too, "@Ali" only Alice.
    await page.waitForFunction(
      (path: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).map(el => el.textContent?.trim()).join('|') === 'Alice',
      { polling: 50, timeout: 10_000 },
      options,
    );
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.type('lunch?');
    await page.keyboard.press('Enter');
    const sent = await alice.bot.waitFor(isGroupchat(room, NICK, 'Alice lunch?'));
    expect(sent.getChildren('reference', NS_REFERENCE).map(ref => ref.attrs)).toEqual([
      { xmlns: NS_REFERENCE, type: 'mention', uri: `xmpp:${room}/Alice`, begin: '0', end: '5' },
    ]);

    // Alice answers with a mention of the user: highlighted here.
    const mention = (body: string) =>
      xml('message', { to: room, type: 'groupchat', id: `m-${Date.now()}` }, xml('body', {}, body), xml('reference', { xmlns: NS_REFERENCE, type: 'mention', uri: `xmpp:${room}/${NICK}`, begin: '0', end: '3' }));
    await alice.bot.send(mention('You: yes'));
    await waitForText(page, p.incomingMessageBodies, 'You: yes');
    await waitForCount(page, `${p.chatbox} >>> natter-message[mention]`, 1);

    // In another room, news in the first is counted, its mentions apart.
    await joinRoomByAddress(page, other);
    await say(alice.bot, room, 'Alice', 'anyone?');
    await alice.bot.send(mention('You: ping'));
    await waitForElement(page, `${r.row(room)} [part=mentions]`);
    expect(await texts(page, `${r.row(room)} [part=unread]`)).toEqual(['22 unread messages']);
    expect(await texts(page, `${r.row(room)} [part=mentions]`)).toEqual(['@11 mentions you']);
    expect(errors).toEqual([]);
  });
});
