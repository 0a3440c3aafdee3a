/**
 * axe-core on every screen of <natter-app> against the real server: sign-in, roster, chatbox.
 */
import { connectBot, createAccount, stopAllBots } from '../prosody';
import {
  appPaths,
  runAxe,
  befriendUser,
  describeViolations,
  openConversation,
  openPage,
  sendFromComposer,
  signIn,
  waitForElement,
  waitForHistory,
  waitForText,
} from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

const APP = '<natter-session><natter-app></natter-app></natter-session>';
const p = appPaths();

afterEach(stopAllBots);

describe('accessibility (axe-core)', () => {
  it('finds no violation on the sign-in, roster and chatbox screens', async () => {
    const user = await createAccount('a11y-user');
    const peer = await connectBot(await createAccount('a11y-peer'));
    await befriendUser(user, peer, 'Peer Axe');
    const page = await openPage(APP);

    await waitForElement(page, p.loginSubmit);
    const login = await runAxe(page, 'natter-app');
    expect(describeViolations(login.violations)).toEqual([]);
    // axe did look inside the shadow roots: the form's labels and button were checked.
    expect(login.passes).toEqual(expect.arrayContaining(['label', 'button-name', 'color-contrast']));

    await signIn(page, user);
    await waitForText(page, p.rowName(peer.account.jid), 'Peer Axe');
    await peer.sendMessage(user.jid, 'An unread message for the roster badge');
    await waitForText(page, p.rowUnread(peer.account.jid), '1');
    const roster = await runAxe(page, 'natter-app');
    expect(describeViolations(roster.violations)).toEqual([]);
    expect(roster.passes).toEqual(expect.arrayContaining(['button-name', 'aria-valid-attr-value', 'color-contrast']));

    await openConversation(page, peer.account.jid, 'Peer Axe');
    await waitForHistory(page, peer.account.jid);
    await sendFromComposer(page, 'A reply with a link: https://example.org/a11y');
    await waitForText(page, p.ownMessageBodies, 'A reply with a link: https://example.org/a11y');
    await waitForText(page, p.incomingMessageBodies, 'An unread message for the roster badge');
    const chat = await runAxe(page, 'natter-app');
    expect(describeViolations(chat.violations)).toEqual([]);
    expect(chat.passes).toEqual(expect.arrayContaining(['aria-allowed-role', 'link-name', 'color-contrast']));
  });
});
