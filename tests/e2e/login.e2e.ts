/**
 * Signing in through <natter-login> inside <natter-app>, against the test Prosody.
 */
import { createAccount, stopAllBots } from '../prosody';
import { TEXT, appPaths, closedPort, openPage, signIn, submitLogin, texts, waitForText } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

const APP = '<natter-session><natter-app></natter-app></natter-session>';
const p = appPaths();

afterEach(stopAllBots);

describe('signing in', () => {
  it('signs in with the form and shows the roster, Online', async () => {
    const user = await createAccount('login');
    const errors: string[] = [];
    const page = await openPage(APP, errors);
    expect(await texts(page, p.status)).toEqual([TEXT['status.offline']]);

    await signIn(page, user);

    expect(await texts(page, p.status)).toEqual([TEXT['status.online']]);
    // The form is gone, the roster is there and has loaded (a fresh account has no contacts).
    expect(await page.$(p.login)).toBeNull();
    await waitForText(page, p.rosterNotice, TEXT['roster.empty']);
    expect(await texts(page, `${p.roster} >>> h2`)).toEqual([TEXT['roster.title']]);
    // The page's session is the account typed into the form.
    const bound = await page.evaluate(() => (document.querySelector('natter-session') as any).session.connection.get('jid'));
    expect(bound).toMatch(new RegExp(`^${user.jid}/`));
    expect(errors).toEqual([]);
  });

  it('says "Wrong address or password." for a wrong password', async () => {
    const user = await createAccount('badpw');
    const page = await openPage(APP);

    await submitLogin(page, { jid: user.jid, password: `${user.password}-wrong` });

    await waitForText(page, p.loginAlert, 'Wrong address or password.');
    expect(TEXT['error.not-authorized']).toBe('Wrong address or password.');
    // Still on the form, not signed in, and ready for another try.
    expect(await texts(page, p.status)).toEqual([TEXT['status.error']]);
    expect(await page.$(p.roster)).toBeNull();
    expect(await page.$eval(p.loginSubmit, el => (el as HTMLButtonElement).disabled)).toBe(false);
  });

  it('says the server cannot be reached for a WebSocket URL nobody listens on', async () => {
    const user = await createAccount('unreach');
    const page = await openPage(APP);
    const port = await closedPort();

    await submitLogin(page, user, { service: `ws://127.0.0.1:${port}/xmpp-websocket` });

    await waitForText(page, p.loginAlert, TEXT['error.unreachable']);
    expect(await texts(page, p.status)).toEqual([TEXT['status.error']]);
    expect(await page.$(p.roster)).toBeNull();
  });
});
