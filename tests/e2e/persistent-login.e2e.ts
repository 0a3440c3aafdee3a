/**
 * "Stay signed in" (XEP-0484 FAST tokens) in the browser against the test Prosody: sign in with
 * the password, reload, signed in with no password typed; sign out, reload, the form; a copy of
 * the revoked token is refused by the server and the form asks for the password.
 *
 * The page runs in a browser context of its own: a kept login lives in the origin's IndexedDB,
 * which the other tests' pages (in the default context of the same browser) must not see.
 */
import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import type { Page } from 'puppeteer';
import { createAccount, prosody, stopAllBots } from '../prosody';
import { TEXT, axeViolations, installDeep, keepFocused, texts, waitForElement, waitForText } from './support';

jest.setTimeout(60_000);

const HTML = '<main lang="en"><natter-session><natter-login></natter-login></natter-session></main>';
const login = 'natter-login';
const status = `${login} >>> [part=status]`;
const alert = `${login} >>> [role=alert]`;
const form = `${login} >>> form`;
const passwordField = `${login} >>> input[name=password]`;

const contexts: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await stopAllBots();
  await Promise.all(contexts.splice(0).map(c => c.close()));
});

/**
 * Stencil's setContent, in a new browser context: the page URL is answered with the HTML (also on
 * reload), everything else (the build) by Stencil's dev server.
 */
async function isolatedPage(): Promise<E2EPage> {
  const shared = await newE2EPage();
  const context = await shared.browser().createBrowserContext();
  await shared.close();
  contexts.push(context);
  const page = (await context.newPage()) as unknown as Page;
  const url = process.env.__STENCIL_BROWSER_URL__!;
  const body = [
    '<!doctype html><html><head>',
    `<script type="module" src="${process.env.__STENCIL_APP_SCRIPT_URL__}"></script>`,
    `</head><body>${HTML}</body></html>`,
  ].join('\n');
  await page.setRequestInterception(true);
  page.on('request', request => {
    if (request.url() === url) void request.respond({ status: 200, contentType: 'text/html', body });
    else void request.continue();
  });
  // What the password field held, sampled every frame from the first one, and how often the form
  // was submitted: proof nobody (no test step, no script) filled it in while the page signed in.
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __passwordSeen: string[]; __submits: number };
    w.__passwordSeen = [];
    w.__submits = 0;
    document.addEventListener('natterLoginSubmit', () => w.__submits++);
    const sample = () => {
      const field = document.querySelector('natter-login')?.shadowRoot?.querySelector<HTMLInputElement>('input[name=password]');
      if (field && field.value !== '') w.__passwordSeen.push(field.value);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.setViewport({ width: 1000, height: 800 });
  const e2e = page as unknown as E2EPage;
  await keepFocused(e2e);
  await load(e2e, () => page.goto(url));
  return e2e;
}

async function load(page: E2EPage, go: () => Promise<unknown>): Promise<void> {
  await go();
  // (Stencil's own "app loaded" flag comes from a script newE2EPage injects into its pages only.)
  await page.waitForFunction(() => !!document.querySelector('natter-login')?.shadowRoot?.querySelector('[part=base]'), { timeout: 15_000 });
  await installDeep(page);
}

const reload = (page: E2EPage) => load(page, () => page.reload());

/** The logins kept in the page origin's IndexedDB (database `natter-login`). */
function storedLogins(page: E2EPage): Promise<{ jid: string; token: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ jid: string; token: string }[]>((resolve, reject) => {
        const open = indexedDB.open('natter-login');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('logins')) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction('logins').objectStore('logins').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

function putLogin(page: E2EPage, record: unknown): Promise<void> {
  return page.evaluate(
    (value: unknown) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('natter-login');
        open.onsuccess = () => {
          const tx = open.result.transaction('logins', 'readwrite');
          tx.objectStore('logins').put(value);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    record,
  );
}

const sessionState = (page: E2EPage) =>
  page.evaluate(() => {
    const session = (document.querySelector('natter-session') as unknown as { session: { connection: { get(k: string): unknown } } }).session;
    return { status: session.connection.get('status'), jid: session.connection.get('jid') };
  });

/** Non-empty values the password field had since the page (re)loaded, and how often the form was submitted. */
const passwordUse = (page: E2EPage) =>
  page.evaluate(() => {
    const w = window as unknown as { __passwordSeen: string[]; __submits: number };
    return { seen: w.__passwordSeen, submits: w.__submits };
  });

describe('stay signed in', () => {
  it('signs in again on reload with no password; after sign-out a reload shows the form, and the revoked token is refused', async () => {
    const user = await createAccount('stay');
    const page = await isolatedPage();

    // The form offers "Stay signed in", checked, and is accessible with it.
    await waitForElement(page, `${login} >>> input[name=remember]`);
    expect(await page.$eval(`${login} >>> input[name=remember]`, el => (el as HTMLInputElement).checked)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // The user types address, password and WebSocket URL, leaves "Stay signed in" checked, signs in.
    await page.type(`${login} >>> input[name=jid]`, user.jid);
    await page.type(passwordField, user.password);
    await page.click(`${login} >>> summary[part=settings-toggle]`);
    await waitForElement(page, `${login} >>> input[name=service]`);
    await page.type(`${login} >>> input[name=service]`, prosody().wsUrl);
    await page.click(`${login} >>> button[part=submit-button]`);
    await waitForText(page, status, TEXT['login.signedInAs'].replace('{jid}', user.jid));
    const kept = await storedLogins(page);
    expect(kept.map(l => l.jid)).toEqual([user.jid]);
    expect(JSON.stringify(kept)).not.toContain(user.password);

    // Reload: signed in again, the form never submitted and the password field never filled in.
    await reload(page);
    await waitForText(page, status, TEXT['login.signedInAs'].replace('{jid}', user.jid));
    const state = await sessionState(page);
    expect(state.status).toBe('online');
    expect(state.jid).toMatch(new RegExp(`^${user.jid}/`));
    expect(await passwordUse(page)).toEqual({ seen: [], submits: 0 });
    expect(await axeViolations(page)).toEqual([]);

    // Sign out: the login is forgotten here (and revoked on the server).
    await page.click(`${login} >>> button[part=sign-out-button]`);
    await waitForElement(page, form);
    expect(await storedLogins(page)).toEqual([]);

    // Reload: the form, not signed in.
    await reload(page);
    await waitForElement(page, passwordField);
    await new Promise(resolve => setTimeout(resolve, 1000)); // time in which a (wrong) sign-in would start
    expect((await sessionState(page)).status).toBe('offline');
    expect(await texts(page, status)).toEqual([]);

    // A copy of the token kept from before sign-out: the server refuses it, the form asks for the password.
    await putLogin(page, kept[0]);
    await reload(page);
    await waitForText(page, alert, TEXT['error.token-refused']);
    expect((await sessionState(page)).status).toBe('error');
    expect(await page.$eval(`${login} >>> input[name=jid]`, el => (el as HTMLInputElement).value)).toBe(user.jid);
    expect(await page.$eval(passwordField, el => (el as HTMLInputElement).value)).toBe('');
    expect(await storedLogins(page)).toEqual([]); // the refused copy is deleted
    expect(await passwordUse(page)).toEqual({ seen: [], submits: 0 });
    expect(await axeViolations(page)).toEqual([]);
  });
});
