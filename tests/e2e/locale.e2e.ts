/**
 * Natter in Arabic against Prosody: `<natter-session locale="ar">` loads the Arabic catalogue (a
 * chunk of its own, the only one fetched) and lays the app out right to left. Sign in, the roster, a chat with a
 * message from a bot (Arabic with an English word) and the composer show the Arabic strings; own
 * messages sit on the left and the contact's on the right; names and bodies keep their own
 * direction; axe-core finds nothing in any theme.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2EPage } from '@stencil/core/testing';
import { connectBot, createAccount, prosody, stopAllBots } from '../prosody';
import ar from '../../i18n/locales/ar.json';
import { appPaths, axeViolations, befriendUser, openPage, setRemember, waitForElement, waitForText } from './support';

jest.setTimeout(120_000); // one Chromium on a shared 2-core machine; axe runs in every theme

afterEach(stopAllBots);

const THEMES_DIR = join(__dirname, '..', '..', 'themes');
const THEMES = [...readFileSync(join(THEMES_DIR, 'index.css'), 'utf8').matchAll(/natter-([a-z-]+)\.css/g)].map(m => m[1]);

const PAGE = `
  <link rel="stylesheet" href="/themes/index.css">
  <style>
    body { margin: 0; }
    #theme-root { background: var(--natter-color-bg, #ffffff); color: var(--natter-color-text, #1f2328); padding: 8px; }
  </style>
  <div id="theme-root">
    <natter-session locale="ar"><natter-app style="--natter-app-height: 640px"></natter-app></natter-session>
  </div>`;

const p = appPaths();

/** The computed `direction` of the element at a deep path. */
function direction(page: E2EPage, path: string): Promise<string> {
  return page.evaluate((sel: string) => {
    const el = (window as unknown as { __natterDeep: (path: string) => Element[] }).__natterDeep(sel)[0];
    return el ? getComputedStyle(el).direction : 'missing';
  }, path);
}

/** Where the element at a deep path sits in the chatbox: its distances to the chatbox's left and right edges. */
function sides(page: E2EPage, path: string): Promise<{ left: number; right: number }> {
  return page.evaluate(
    (sel: string, box: string) => {
      const deep = (window as unknown as { __natterDeep: (path: string) => Element[] }).__natterDeep;
      const el = deep(sel)[0].getBoundingClientRect();
      const frame = deep(box)[0].getBoundingClientRect();
      return { left: el.left - frame.left, right: frame.right - el.right };
    },
    path,
    p.chatbox,
  );
}

async function applyTheme(page: E2EPage, theme: string): Promise<void> {
  await page.evaluate((name: string) => {
    document.getElementById('theme-root')!.className = `natter-theme-${name}`;
  }, theme);
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe('Natter in Arabic', () => {
  it('signs in, lists contacts and chats right to left, in Arabic, with no axe violation in any theme', async () => {
    const user = await createAccount('locale-user');
    const peer = await connectBot(await createAccount('locale-peer'));
    await befriendUser(user, peer, 'Alice');
    const errors: string[] = [];
    // Every script the page loads, to see that only the Arabic catalogue comes.
    const scripts: Promise<string>[] = [];
    const page = await openPage(PAGE, errors, page =>
      page.on('response', response => {
        if (response.url().endsWith('.js')) scripts.push(response.text().catch(() => ''));
      }),
    );

    // The sign-in form, in Arabic, right to left.
    await waitForText(page, p.loginSubmit, ar['login.submit']);
    expect(await page.evaluate(() => [document.querySelector('natter-session')!.getAttribute('dir'), document.querySelector('natter-session')!.getAttribute('lang')])).toEqual(['rtl', 'ar']);
    expect(await direction(page, p.login)).toBe('rtl');
    expect(await axeViolations(page, '#theme-root')).toEqual([]);
    const loaded = await Promise.all(scripts);
    expect(loaded.some(code => code.includes(ar['login.rememberHint']))).toBe(true);
    // The other catalogues (German, Hebrew) are never fetched.
    expect(loaded.filter(code => code.includes('ungelesene') || code.includes('שליחה'))).toEqual([]);

    await page.type(p.loginInput('jid'), user.jid);
    await page.type(p.loginInput('password'), user.password);
    await setRemember(page, false);
    await page.click(p.loginSettings);
    await waitForElement(page, p.loginInput('service'));
    await page.type(p.loginInput('service'), prosody().wsUrl);
    await page.click(p.loginSubmit);
    await waitForText(page, p.status, ar['status.online']);

    // The roster: Arabic headings around the contact's English name, which keeps its direction.
    await waitForText(page, `${p.roster} >>> [part=title]`, ar['roster.title']);
    await waitForText(page, p.rowName(peer.account.jid), 'Alice');
    expect(await page.evaluate((sel: string) => (window as unknown as { __natterDeep: (path: string) => Element[] }).__natterDeep(sel)[0].getAttribute('dir'), p.rowName(peer.account.jid))).toBe('auto');

    // A chat: the bot's message, then one of ours.
    const incoming = 'مرحبا! Are you there?';
    await peer.sendMessage(user.jid, incoming);
    await waitForText(page, p.rowUnread(peer.account.jid), '1');
    await page.click(p.row(peer.account.jid));
    await waitForText(page, p.chatTitle, 'Alice');
    await waitForElement(page, p.composer);
    await waitForText(page, p.incomingMessageBodies, incoming);

    expect(await page.$eval(p.composer, el => el.getAttribute('placeholder'))).toBe(ar['composer.placeholder']);
    await waitForText(page, `${p.chatbox} >>> natter-composer >>> [part=send-button]`, ar['composer.send']);
    await page.type(p.composer, 'أنا هنا');
    await page.keyboard.press('Enter');
    await waitForText(page, p.ownMessageBodies, 'أنا هنا');
    await waitForText(page, p.messageStatuses, ar['message.status.sent']);
    await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'أنا هنا');

    // Mirrored: own messages on the left, the contact's on the right.
    expect(await direction(page, p.messages)).toBe('rtl');
    const own = await sides(page, p.ownMessageBodies);
    const theirs = await sides(page, p.incomingMessageBodies);
    expect(own.left).toBeLessThan(own.right);
    expect(theirs.right).toBeLessThan(theirs.left);
    // Each body in its own direction: a sentence that starts in Arabic reads right to left.
    expect(await page.evaluate((sel: string) => (window as unknown as { __natterDeep: (path: string) => Element[] }).__natterDeep(sel)[0].getAttribute('dir'), p.incomingMessageBodies)).toBe('auto');

    for (const theme of THEMES) {
      await applyTheme(page, theme);
      expect({ theme, violations: await axeViolations(page, '#theme-root') }).toEqual({ theme, violations: [] });
    }
    expect(errors).toEqual([]);
  });
});
