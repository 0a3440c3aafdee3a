/**
 * Two accounts on one page: two <natter-session> elements, each with its own <natter-app>.
 */
import { connectBot, createAccount, stopAllBots } from '../prosody';
import { TEXT, appPaths, befriend, openConversation, openPage, sendFromComposer, signIn, texts, waitForText } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

afterEach(stopAllBots);

const HTML = `
  <natter-session id="session-a"><natter-app id="app-a"></natter-app></natter-session>
  <natter-session id="session-b"><natter-app id="app-b"></natter-app></natter-session>`;

describe('two sessions on one page', () => {
  it('signs in two accounts independently; a message from A through the components reaches B', async () => {
    const [accountA, accountB] = await Promise.all([createAccount('two-a'), createAccount('two-b')]);
    // Mutual contacts, set up once from two other devices of theirs.
    const [deviceA, deviceB] = await Promise.all([connectBot(accountA, { resource: 'setup' }), connectBot(accountB, { resource: 'setup' })]);
    await befriend(deviceA, deviceB, { aCallsB: 'Bea', bCallsA: 'Abe' });
    await Promise.all([deviceA.stop(), deviceB.stop()]);

    const errors: string[] = [];
    const page = await openPage(HTML, errors);
    const a = appPaths('#app-a');
    const b = appPaths('#app-b');

    await signIn(page, accountA, { app: '#app-a' });
    // B's app is untouched by A's sign-in.
    expect(await texts(page, b.status)).toEqual([TEXT['status.offline']]);
    expect(await page.$(b.loginInput('jid'))).not.toBeNull();
    expect(await page.$eval(b.loginInput('jid'), el => (el as HTMLInputElement).value)).toBe('');

    await signIn(page, accountB, { app: '#app-b' });
    expect(await texts(page, a.status)).toEqual([TEXT['status.online']]);

    // Two connections, one per account.
    const jids = await page.evaluate(() =>
      ['#session-a', '#session-b'].map(sel => (document.querySelector(sel) as any).session.connection.get('jid') as string),
    );
    expect(jids[0]).toMatch(new RegExp(`^${accountA.jid}/`));
    expect(jids[1]).toMatch(new RegExp(`^${accountB.jid}/`));

    // Each roster lists the other account under the name it gave.
    await waitForText(page, a.rowName(accountB.jid), 'Bea');
    await waitForText(page, b.rowName(accountA.jid), 'Abe');
    expect(await texts(page, a.rows)).toHaveLength(1);
    expect(await texts(page, b.rows)).toHaveLength(1);

    await openConversation(page, accountB.jid, 'Bea', { app: '#app-a' });
    await sendFromComposer(page, 'Hello B, from session A', { app: '#app-a' });
    await waitForText(page, a.ownMessageBodies, 'Hello B, from session A');

    // B sees it arrive: unread in its roster, then in its chatbox as an incoming message.
    await waitForText(page, b.rowUnread(accountA.jid), '1');
    await openConversation(page, accountA.jid, 'Abe', { app: '#app-b' });
    await waitForText(page, b.incomingMessageBodies, 'Hello B, from session A');
    expect(await texts(page, b.ownMessageBodies)).toEqual([]);

    // A's side: its own message only, no unread badge, still online.
    expect(await texts(page, a.messageBodies)).toEqual(['Hello B, from session A']);
    expect(await texts(page, a.rowUnread(accountB.jid))).toEqual([]);
    expect(await texts(page, a.status)).toEqual([TEXT['status.online']]);
    expect(errors).toEqual([]);
  });
});
