/**
 * Groupchat in <natter-app> against Prosody's MUC service (conference.localhost, with muc_mam):
 * the user joins rooms through <natter-room-list>, reads and writes in <natter-chatbox>, sees and
 * moderates people in <natter-occupants>, while bots driven by @xmpp/client are the other
 * occupants (raw XEP-0045 stanzas: join presences, groupchat messages, muc#admin IQs).
 *
 * Every test makes its own accounts and rooms; every condition is polled, never slept on.
 */
import { xml } from '@xmpp/client';
import type { E2EPage } from '@stencil/core/testing';
import {
  botAdmin,
  botJoinRoom,
  botLeaveRoom,
  connectBot,
  createAccount,
  mucStatusCodes,
  roomJid,
  stopAllBots,
  type Stanza,
} from '../prosody';
import {
  NICK,
  TEXT,
  appPaths,
  describeViolations,
  isGroupchat,
  joinRoomByAddress,
  messageLines,
  roomListPaths,
  roomWithBots,
  runAxe,
  say,
  sendFromComposer,
  signedInUser,
  submitJoin,
  texts,
  waitForConsole,
  waitForCount,
  waitForElement,
  waitForHistory,
  waitForNone,
  waitForOpenRoom,
  waitForText,
  waitForTextContaining,
} from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

const p = appPaths();

const roomList = `${p.app} >>> natter-room-list`;
const sidebar = `${p.app} >>> natter-occupants`;
const r = {
  ...roomListPaths(),
  browseButton: `${roomList} >>> button[part=browse-button]`,
  createButton: `${roomList} >>> button[part=create-button]`,
  joinAlert: `${roomList} >>> form[part=join-form] [role=alert]`,
  listAlert: `${roomList} >>> p[part=error][role=alert]`,
  createLocal: `${roomList} >>> #create-local`,
  createName: `${roomList} >>> #create-name`,
  rowName: (room: string) => `${roomList} >>> button[part=item][data-room="${room}"] [part=name]`,
  directoryJids: `${roomList} >>> [part=directory-item] .jid`,
  notices: `${p.chatbox} >>> [part=notices] li`,
  roomStatus: `${p.chatbox} >>> [part=room-status]`,
  roomStatusButton: `${p.chatbox} >>> [part=room-status] button`,
  sidebarCount: `${sidebar} >>> [part=count]`,
  sidebarGroupLabels: `${sidebar} >>> [part=group-label]`,
  sidebarItem: (nick: string) => `${sidebar} >>> [part=item][data-nick="${nick}"]`,
  sidebarAction: (action: string) => `${sidebar} >>> [part=actions] button[data-action=${action}]`,
  confirmReason: `${sidebar} >>> form[part=confirm] #confirm-reason`,
};

afterEach(stopAllBots);

// ------------------------------------------------------------------------------------- helpers

/** The sidebar's role groups: heading → nicks in order. */
async function sidebarGroups(page: E2EPage): Promise<Record<string, string[]>> {
  return page.evaluate((path: string) => {
    const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
    const groups: Record<string, string[]> = {};
    for (const group of deep(path)) {
      const label = (group.querySelector('[part=group-label]')?.textContent ?? '').trim();
      groups[label] = Array.from(group.querySelectorAll('[part=item] [part=nick]')).map(n => (n.textContent ?? '').trim());
    }
    return groups;
  }, `${sidebar} >>> [part=group]`);
}

/** The user's full JID, as the page's session bound it. */
async function userFullJid(page: E2EPage): Promise<string> {
  return page.evaluate(() => (document.querySelector('natter-session') as unknown as { session: { connection: { get(k: 'jid'): string } } }).session.connection.get('jid'));
}

// --------------------------------------------------------------------------------------- tests

describe('a room in natter-app', () => {
  it('joins a room by its address in the room list; the bots’ messages appear with their nicks, in order', async () => {
    const { room, occupants } = await roomWithBots('talk', 'Team Lounge', ['Alice', 'Bob', 'Carol']);
    const [alice, bob, carol] = occupants;
    const { page, errors } = await signedInUser('talk');

    await joinRoomByAddress(page, room);
    // The bots see the user arrive under the nick typed in the form.
    await alice.bot.waitFor(s => s.is('presence') && s.attrs.from === `${room}/${NICK}` && s.attrs.type === undefined);

    await say(alice.bot, room, 'Alice', 'Good morning, everyone');
    await say(bob.bot, room, 'Bob', 'Morning Alice!');
    await say(carol.bot, room, 'Carol', 'Hi both 👋');
    await say(alice.bot, room, 'Alice', 'Standup in five');

    await waitForText(page, p.messageBodies, 'Standup in five');
    expect(await messageLines(page)).toEqual(['Alice: Good morning, everyone', 'Bob: Morning Alice!', 'Carol: Hi both 👋', 'Alice: Standup in five']);
    expect(await texts(page, p.ownMessageBodies)).toEqual([]);
    expect(await texts(page, p.occupantCount)).toEqual(['4 people']);
    expect(errors).toEqual([]);
  });

  it('shows a notice when someone joins and when they leave, and the header count follows', async () => {
    const { room } = await roomWithBots('notice', 'Notice Board', ['Olga', 'Pat']);
    const { page, errors } = await signedInUser('notice');
    await joinRoomByAddress(page, room);
    await waitForText(page, p.occupantCount, '3 people');
    // The occupants already there when we joined are not announced.
    expect(await texts(page, r.notices)).toEqual([]);

    const dana = await connectBot(await createAccount('notice-dana'));
    await botJoinRoom(dana, room, 'Dana');
    await waitForText(page, r.notices, 'Dana joined');
    await waitForText(page, p.occupantCount, '4 people');

    await botLeaveRoom(dana, room, 'Dana');
    await waitForText(page, r.notices, 'Dana left');
    await waitForText(page, p.occupantCount, '3 people');
    expect(await texts(page, r.notices)).toEqual(['Dana joined', 'Dana left']);
    expect(errors).toEqual([]);
  });

  it('sends a message typed in the composer: every bot receives it, it is shown once (the room’s echo is not a second copy)', async () => {
    const { room, occupants } = await roomWithBots('echo', 'Echo Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const { page, errors } = await signedInUser('echo');
    await joinRoomByAddress(page, room);

    await sendFromComposer(page, 'Hello room, Robin here');

    // Both bots get it from the user's occupant JID.
    await alice.bot.waitFor(isGroupchat(room, NICK, 'Hello room, Robin here'));
    await bob.bot.waitFor(isGroupchat(room, NICK, 'Hello room, Robin here'));
    // A reply sent after the bot saw it reaches the page after the room's echo of our message.
    await say(alice.bot, room, 'Alice', 'Welcome Robin');
    await waitForText(page, p.incomingMessageBodies, 'Welcome Robin');
    expect(await texts(page, p.ownMessageBodies)).toEqual(['Hello room, Robin here']);
    expect(await messageLines(page)).toEqual([`${TEXT['message.you']}: Hello room, Robin here`, 'Alice: Welcome Robin']);
    expect(errors).toEqual([]);
  });

  it('chat states per occupant: the page says who is typing, and its own typing reaches the bots as groupchat, again after it sent', async () => {
    const CHATSTATES = 'http://jabber.org/protocol/chatstates';
    const { room, occupants } = await roomWithBots('typing', 'Typing Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    const { page, errors } = await signedInUser('typing');
    await joinRoomByAddress(page, room);
    await alice.bot.waitFor(s => s.is('presence') && s.attrs.from === `${room}/${NICK}` && s.attrs.type === undefined);
    const typing = `${p.chatbox} >>> [part=typing]`;
    const state = (name: string) => xml('message', { to: room, type: 'groupchat' }, xml(name, { xmlns: CHATSTATES }));

    await alice.bot.send(state('composing'));
    await waitForText(page, typing, 'Alice is typing…');
    await bob.bot.send(state('composing'));
    await waitForText(page, typing, 'Alice and Bob are typing…');
    await say(alice.bot, room, 'Alice', 'Here it is');
    await waitForText(page, typing, 'Bob is typing…');
    await bob.bot.send(state('paused'));
    await waitForText(page, typing, '');

    // The user's typing goes to the room as groupchat (as chat the room would bounce it).
    const composingFromUser = (s: Stanza) => s.is('message') && s.attrs.type === 'groupchat' && s.attrs.from === `${room}/${NICK}` && !!s.getChild('composing', CHATSTATES);
    await page.type(p.composer, 'Hel');
    await alice.bot.waitFor(composingFromUser);
    await page.keyboard.press('Enter');
    await alice.bot.waitFor(isGroupchat(room, NICK, 'Hel'));
    await page.type(p.composer, 'again');
    await bob.bot.waitFor(composingFromUser);
    await bob.bot.waitFor(composingFromUser);
    expect(errors).toEqual([]);
  });

  it('shows the messages sent before the user joined, from the room’s archive, once each and in order', async () => {
    const { room, occupants } = await roomWithBots('history', 'History Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;
    await say(alice.bot, room, 'Alice', 'archived one');
    await say(bob.bot, room, 'Bob', 'archived two');
    await say(alice.bot, room, 'Alice', 'archived three');
    const { page, errors } = await signedInUser('history');

    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);
    await waitForCount(page, p.messageBodies, 3);
    // A live message after the archive: the list is the archive, then it, nothing twice.
    await say(bob.bot, room, 'Bob', 'live after the join');
    await waitForText(page, p.messageBodies, 'live after the join');
    expect(await messageLines(page)).toEqual(['Alice: archived one', 'Bob: archived two', 'Alice: archived three', 'Bob: live after the join']);
    expect(errors).toEqual([]);
  });

  it('a members-only room refuses a non-member with “This room is for members only.”; made a member, the user gets in', async () => {
    const { room, occupants } = await roomWithBots('members', 'Members Club', ['Owner'], { 'muc#roomconfig_membersonly': '1' });
    const [owner] = occupants;
    const { page, user, errors } = await signedInUser('members');
    const isUserPresence = (s: Stanza) =>
      s.is('presence') && String(s.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('item')?.attrs.jid ?? '').startsWith(`${user.jid}/`);
    expect(TEXT['room.error.members-only']).toBe('This room is for members only.');

    // From the join form: the form and the room's row say why.
    await submitJoin(page, room);
    await waitForText(page, r.joinAlert, TEXT['room.error.members-only']);
    await waitForText(page, r.rowStatus(room), TEXT['room.error.members-only']);
    // Picking the room again: refused again, and the chatbox says why.
    await page.click(r.row(room));
    await waitForTextContaining(page, r.listAlert, TEXT['room.error.members-only']);
    await waitForTextContaining(page, r.roomStatus, TEXT['room.error.members-only']);
    expect(await texts(page, p.composer)).toEqual([]);
    // The room never let the user in: its owner saw no presence of the user.
    expect(owner.bot.buffered.filter(isUserPresence)).toEqual([]);

    // Positive control: the same room, once the owner has made the user a member; "Join again"
    // joins under the nick the user asked for.
    await botAdmin(owner.bot, room, { jid: user.jid, affiliation: 'member' });
    await page.click(r.roomStatusButton);
    await waitForOpenRoom(page, room);
    const entered = await owner.bot.waitFor(isUserPresence);
    expect(entered.attrs.from).toBe(`${room}/${NICK}`);
    expect(await texts(page, r.sidebarItem(NICK))).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

describe('a room’s name', () => {
  it('is shown in the room list and the chatbox header once joined by address, not the room’s address', async () => {
    const { room } = await roomWithBots('named', 'Design Reviews', ['Alice']);
    const { page } = await signedInUser('named');
    await joinRoomByAddress(page, room);
    // The room's disco#info (asked while joining) names it "Design Reviews".
    await waitForText(page, r.rowName(room), 'Design Reviews');
    await waitForText(page, p.chatTitle, 'Design Reviews');
  });
});

describe('the occupant sidebar', () => {
  it('groups people by role with counts and affiliation badges, and follows someone leaving', async () => {
    const { room, occupants } = await roomWithBots('roles', 'Roles Room', ['Olga', 'Pat', 'Quinn']);
    const [olga, pat, quinn] = occupants;
    await botAdmin(olga.bot, room, { jid: pat.account.jid, affiliation: 'member' });
    const { page, errors } = await signedInUser('roles');
    await joinRoomByAddress(page, room);

    await waitForText(page, r.sidebarCount, '4 people');
    expect(await sidebarGroups(page)).toEqual({
      'Moderators (1)': ['Olga'],
      'Participants (3)': ['Pat', 'Quinn', NICK],
    });
    expect(await texts(page, `${r.sidebarItem('Olga')} [part=affiliation]`)).toEqual([TEXT['occupants.affiliation.owner']]);
    expect(await texts(page, `${r.sidebarItem('Pat')} [part=affiliation]`)).toEqual([TEXT['occupants.affiliation.member']]);
    expect(await texts(page, `${r.sidebarItem('Quinn')} [part=affiliation]`)).toEqual([]);
    expect(await texts(page, `${r.sidebarItem(NICK)} [part=you]`)).toEqual([TEXT['occupants.you']]);

    await botLeaveRoom(quinn.bot, room, 'Quinn');
    await waitForNone(page, r.sidebarItem('Quinn'));
    await waitForText(page, r.sidebarCount, '3 people');
    expect(await sidebarGroups(page)).toEqual({
      'Moderators (1)': ['Olga'],
      'Participants (2)': ['Pat', NICK],
    });
    expect(errors).toEqual([]);
  });

  it('the owner kicks a bot from the sidebar after confirming: the bot is thrown out (307), leaves the sidebar, the chatbox says so', async () => {
    const { page, errors, user } = await signedInUser('kick');
    // Created from the form, the room is joined under the account's local part.
    const me = user.local;
    const room = roomJid('kick');
    const local = room.slice(0, room.indexOf('@'));
    // The user creates the room with the room list's form, so the user owns and moderates it.
    await waitForElement(page, r.createButton);
    await page.click(r.createButton);
    await waitForElement(page, r.createLocal);
    await page.type(r.createLocal, local);
    await page.type(r.createName, 'Kick Room');
    await page.keyboard.press('Enter');
    await waitForText(page, r.rowStatus(room), TEXT['roomList.status.joined']);
    await waitForText(page, p.chatTitle, 'Kick Room');

    const bob = await connectBot(await createAccount('kick-bob'));
    const carol = await connectBot(await createAccount('kick-carol'));
    await botJoinRoom(bob, room, 'Bob');
    await botJoinRoom(carol, room, 'Carol');
    await waitForText(page, r.sidebarCount, '3 people');
    expect(await sidebarGroups(page)).toEqual({ 'Moderators (1)': [me], 'Participants (2)': ['Bob', 'Carol'] });
    expect(await texts(page, `${r.sidebarItem(me)} [part=affiliation]`)).toEqual([TEXT['occupants.affiliation.owner']]);

    await page.click(r.sidebarItem('Bob'));
    await waitForElement(page, r.sidebarAction('kick'));
    await page.click(r.sidebarAction('kick'));
    // A confirmation first: nothing has happened to Bob yet.
    await waitForTextContaining(page, `${sidebar} >>> form[part=confirm]`, 'Kick Bob out of the room?');
    expect(bob.buffered.filter(s => s.is('presence') && s.attrs.type === 'unavailable')).toEqual([]);
    await page.type(r.confirmReason, 'spamming');
    await page.keyboard.press('Enter');

    const kicked = await bob.waitFor(s => s.is('presence') && s.attrs.from === `${room}/Bob` && s.attrs.type === 'unavailable');
    expect(mucStatusCodes(kicked)).toEqual(expect.arrayContaining(['307', '110']));
    expect(kicked.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('item')?.getChildText('reason')).toBe('spamming');
    await waitForNone(page, r.sidebarItem('Bob'));
    await waitForText(page, r.sidebarCount, '2 people');
    await waitForTextContaining(page, r.notices, 'Bob was removed');
    expect((await texts(page, r.notices)).find(line => line.startsWith('Bob was removed'))).toContain('spamming');
    // Carol, not kicked, is still there.
    expect(await sidebarGroups(page)).toEqual({ 'Moderators (1)': [me], 'Participants (1)': ['Carol'] });
    expect(errors).toEqual([]);
  });
});

describe('spoofed room messages', () => {
  it('does not show a groupchat message sent straight to the user by someone who is not the room', async () => {
    const { room, occupants } = await roomWithBots('spoof', 'Spoof Room', ['Alice']);
    const [alice] = occupants;
    const { page, consoleLines } = await signedInUser('spoof');
    await joinRoomByAddress(page, room);
    const full = await userFullJid(page);

    const mallory = await connectBot(await createAccount('spoof-mallory'));
    // It claims to come from the room, from a nick that is not in it (the server stamps Mallory's real JID).
    await mallory.send(
      xml('message', { to: full, from: `${room}/Ghost`, type: 'groupchat', id: 'spoof-1' }, xml('body', {}, 'I am Ghost, trust me')),
    );
    // The browser got it and dropped it.
    await waitForConsole(consoleLines, ['dropped message', mallory.account.jid, 'not from a room we are in']);
    // Positive control: a real message, sent after the spoof, is shown; the spoof is not.
    await say(alice.bot, room, 'Alice', 'the real one');
    await waitForText(page, p.messageBodies, 'the real one');
    expect(await messageLines(page)).toEqual(['Alice: the real one']);
    expect(await texts(page, r.sidebarItem('Ghost'))).toEqual([]);
  });

  it('does not show a carbon (with a forged sender) that wraps a groupchat message', async () => {
    const { room, occupants } = await roomWithBots('carbon', 'Carbon Room', ['Alice']);
    const [alice] = occupants;
    const { page, user, consoleLines } = await signedInUser('carbon');
    await joinRoomByAddress(page, room);
    const full = await userFullJid(page);

    const mallory = await connectBot(await createAccount('carbon-mallory'));
    await mallory.send(
      xml(
        'message',
        { to: full, from: user.jid, id: 'carbon-1' },
        xml(
          'received',
          { xmlns: 'urn:xmpp:carbons:2' },
          xml(
            'forwarded',
            { xmlns: 'urn:xmpp:forward:0' },
            xml('message', { from: `${room}/Alice`, to: full, type: 'groupchat', id: 'inner-1' }, xml('body', {}, 'forged carbon from Alice')),
          ),
        ),
      ),
    );
    await waitForConsole(consoleLines, ['dropped message', mallory.account.jid, 'carbon']);
    await say(alice.bot, room, 'Alice', 'the real one');
    await waitForText(page, p.messageBodies, 'the real one');
    expect(await messageLines(page)).toEqual(['Alice: the real one']);
    // Nor did it open a conversation anywhere (no private chat with Alice, no chat with the room).
    expect(await page.evaluate(() => Object.keys((document.querySelector('natter-session') as any).session.conversations.get('items')))).toEqual([room]);
  });
});

describe('accessibility of the room screens (axe-core)', () => {
  it('finds no violation on the room (messages and notices), the sidebar and the room list with the join form and public rooms', async () => {
    // Public, so that it is listed among the public rooms.
    const { room, occupants } = await roomWithBots('axe', 'Axe Room', ['Alice', 'Bob'], { 'muc#roomconfig_publicroom': '1' });
    const [alice, bob] = occupants;
    await say(alice.bot, room, 'Alice', 'From the archive, with a link: https://example.org/axe');
    const { page } = await signedInUser('axe');
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);

    await say(bob.bot, room, 'Bob', `Hey ${NICK}, a mention for you`);
    await sendFromComposer(page, 'My own message');
    await waitForText(page, p.ownMessageBodies, 'My own message');
    const carol = await connectBot(await createAccount('axe-carol'));
    await botJoinRoom(carol, room, 'Carol');
    await waitForText(page, r.notices, 'Carol joined');
    await waitForText(page, p.incomingMessageBodies, `Hey ${NICK}, a mention for you`);
    await waitForText(page, r.sidebarCount, '4 people');
    // The sidebar with one person's actions disclosed.
    await page.click(r.sidebarItem('Alice'));
    await waitForElement(page, r.sidebarAction('private-message'));

    const roomScreen = await runAxe(page, 'natter-app');
    expect(describeViolations(roomScreen.violations)).toEqual([]);
    expect(roomScreen.passes).toEqual(expect.arrayContaining(['aria-allowed-role', 'button-name', 'link-name', 'color-contrast', 'list', 'heading-order']));

    // The room list with the join form open and the public rooms listed.
    await page.click(r.joinButton);
    await waitForElement(page, r.joinAddress);
    await page.click(r.browseButton);
    await waitForText(page, r.directoryJids, room);
    const listScreen = await runAxe(page, 'natter-app');
    expect(describeViolations(listScreen.violations)).toEqual([]);
    expect(listScreen.passes).toEqual(expect.arrayContaining(['label', 'button-name', 'color-contrast', 'aria-valid-attr-value']));
  });
});
