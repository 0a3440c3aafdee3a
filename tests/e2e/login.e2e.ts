/**
 * Signing in through <natter-login> inside <natter-app>, against the test Prosody.
 */
import { createAccount, prosody, stopAllBots } from '../prosody';
import { TEXT, answerHostMeta, appPaths, axeViolations, closedPort, openPage, setRemember, signIn, submitLogin, texts, waitForText } from './support';

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

  it("signs in with only address and password: the WebSocket URL comes from the domain's host-meta (XEP-0156)", async () => {
    const user = await createAccount('discover');
    const { domain, wsUrl } = prosody();
    const errors: string[] = [];
    const asked: string[] = [];
    const page = await openPage(APP, errors, pg => answerHostMeta(pg, domain, wsUrl, asked));
    // The form asks for two things; the URL field stays in the closed advanced settings.
    expect(await page.$eval(`${p.login} >>> details[part=settings]`, el => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await texts(page, p.loginSettings)).toEqual([TEXT['login.serverSettings']]);
    expect(await axeViolations(page, 'natter-app')).toEqual([]);

    await page.type(p.loginInput('jid'), user.jid);
    await page.type(p.loginInput('password'), user.password);
    await setRemember(page, false);
    await page.click(p.loginSubmit);

    await waitForText(page, p.status, TEXT['status.online']);
    expect(asked).toEqual([`https://${domain}/.well-known/host-meta`]);
    const bound = await page.evaluate(() => (document.querySelector('natter-session') as any).session.connection.get('jid'));
    expect(bound).toMatch(new RegExp(`^${user.jid}/`));
    expect(errors).toEqual([]);
  });

  it('does not follow a host-meta link that is not encrypted: it tries wss://<domain>/xmpp-websocket and says what it refused', async () => {
    const user = await createAccount('insecure');
    const { domain } = prosody();
    const page = await openPage(APP, [], pg => answerHostMeta(pg, domain, 'ws://chat.example.org/xmpp-websocket'));
    // Every WebSocket the page opens, seen by the browser's network layer.
    const sockets: string[] = [];
    const cdp = await page.createCDPSession();
    cdp.on('Network.webSocketCreated', event => sockets.push(event.url));
    await cdp.send('Network.enable');

    await page.type(p.loginInput('jid'), user.jid);
    await page.type(p.loginInput('password'), user.password);
    await setRemember(page, false);
    await page.click(p.loginSubmit);

    await waitForText(page, p.loginAlert, TEXT['error.unreachable']);
    expect(sockets).toEqual([`wss://${domain}/xmpp-websocket`]);
    const error = await page.evaluate(() => (document.querySelector('natter-session') as any).session.connection.get('error'));
    expect(error).toMatchObject({ code: 'unreachable', detail: expect.stringContaining('refused: ws://chat.example.org/xmpp-websocket: not encrypted') });
    expect(await axeViolations(page, 'natter-app')).toEqual([]);
  });
});
