/**
 * XEP-0425 moderation in <natter-app> against Prosody with Debian's mod_muc_moderation: the user,
 * made a moderator, removes someone else's message from its menu with a reason; the room tells
 * everyone, and the page shows it removed, by whom and why, also from the archive after a new
 * sign-in. An occupant who forges the room's announcement changes nothing, and a participant sees
 * no moderation in the menu.
 */
import { xml } from '@xmpp/client';
import { botAdmin, stopAllBots } from '../prosody';
import {
  APP,
  NICK,
  appPaths,
  chooseMenuItem,
  describeViolations,
  joinRoomByAddress,
  openMessageMenu,
  openPage,
  postInRoom,
  runAxe,
  say,
  signIn,
  texts,
  userInRoom,
  waitForElement,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const p = appPaths();
const removed = `${p.messages} >>> [part=retracted]`;
const menuItems = `${p.messages} >>> [role=menu] [role=menuitem]`;

afterEach(stopAllBots);

describe('moderation in a room', () => {
  it('a moderator removes a message with a reason; everyone is told; a forged announcement and a participant’s menu do nothing', async () => {
    const { room, occupants, user, page, errors } = await userInRoom('moderate', 'Moderated Room', ['Owner', 'Spammer']);
    const [owner, spammer] = occupants;
    const stanzaId = await postInRoom(spammer, room, 'Buy cheap watches');
    await say(owner.bot, room, 'Owner', 'Welcome!');
    await waitForText(page, p.incomingMessageBodies, 'Welcome!');

    // As a participant the user has no moderation to offer.
    await openMessageMenu(page, 'Buy cheap watches');
    expect(await texts(page, menuItems)).toEqual(['React', 'Reply', 'Reply in thread', 'Copy text']);
    await page.keyboard.press('Escape');

    // An occupant cannot speak for the room: its "announcement" removes nothing.
    await spammer.bot.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'forged-1' },
        xml('apply-to', { xmlns: 'urn:xmpp:fasten:0', id: stanzaId }, xml('moderated', { xmlns: 'urn:xmpp:message-moderate:0', by: `${room}/Owner` }, xml('retract', { xmlns: 'urn:xmpp:message-retract:0' }))),
        xml('body', {}, 'This message was moderated.'),
      ),
    );
    await say(owner.bot, room, 'Owner', 'Rules are in the topic');
    await waitForText(page, p.incomingMessageBodies, 'Rules are in the topic');
    expect(await texts(page, removed)).toEqual([]);

    await botAdmin(owner.bot, room, { nick: NICK, role: 'moderator' });
    await openMessageMenu(page, 'Buy cheap watches');
    await waitForText(page, menuItems, 'Remove as moderator');
    await chooseMenuItem(page, 'moderate');
    await waitForElement(page, `${p.messages} >>> [part=confirm] input[part=reason-input]`);
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    await page.keyboard.type('Spam');
    await page.keyboard.press('Enter');

    const announcement = await owner.bot.waitFor(s => s.is('message') && s.attrs.from === room && !!s.getChild('apply-to', 'urn:xmpp:fasten:0'));
    const applyTo = announcement.getChild('apply-to', 'urn:xmpp:fasten:0')!;
    expect(applyTo.attrs.id).toBe(stanzaId);
    const moderated = applyTo.getChild('moderated', 'urn:xmpp:message-moderate:0')!;
    expect(moderated.attrs.by).toBe(`${room}/${NICK}`);
    expect(moderated.getChildText('reason')).toBe('Spam');
    await waitForText(page, removed, `Removed by ${NICK}, a moderator. Reason: Spam`);
    // The forger's fallback text is just what they wrote.
    expect((await texts(page, p.incomingMessageBodies)).sort()).toEqual(['Rules are in the topic', 'This message was moderated.', 'Welcome!']);
    expect(errors).toEqual([]);

    // A new sign-in reads the room's archive: the message is removed there too.
    const again: string[] = [];
    const later = await openPage(APP, again);
    await signIn(later, user);
    await joinRoomByAddress(later, room, `${NICK}2`);
    await waitForText(later, p.incomingMessageBodies, 'Rules are in the topic');
    await waitForText(later, removed, `Removed by ${NICK}, a moderator. Reason: Spam`);
    expect((await texts(later, p.incomingMessageBodies)).sort()).toEqual(['Rules are in the topic', 'This message was moderated.', 'Welcome!']);
    expect(again).toEqual([]);
  });
});
