/**
 * <natter-app>'s layouts, deep links and focus in Chromium against Prosody: a deep link opens its
 * chat after sign-in; in one column the keyboard focus follows the user into the conversation and
 * back to the list; the overlay docks a chat box per conversation; every layout is axe-clean.
 */
import type { E2EPage } from '@stencil/core/testing';
import { connectBot, createAccount, stopAllBots } from '../prosody';
import { APP, appPaths, befriendUser, chatSetup, describeViolations, openPage, runAxe, signIn, waitForElement, waitForHistory, waitForNone, waitForText } from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const p = appPaths();

afterEach(stopAllBots);

/** A description of the element that has the keyboard focus, looking through shadow roots. */
function focused(page: E2EPage): Promise<{ tag: string; part: string | null; jid: string | null } | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? { tag: element.tagName.toLowerCase(), part: element.getAttribute('part'), jid: element.getAttribute('data-jid') } : null;
  });
}

async function waitForFocus(page: E2EPage, expected: { tag: string; part?: string; jid?: string }): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: Awaited<ReturnType<typeof focused>> = null;
  while (Date.now() < deadline) {
    last = await focused(page);
    if (last && last.tag === expected.tag && (expected.part === undefined || last.part === expected.part) && (expected.jid === undefined || last.jid === expected.jid)) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`focus is on ${JSON.stringify(last)}, not ${JSON.stringify(expected)}`);
}

async function setLayout(page: E2EPage, layout: string): Promise<void> {
  await page.evaluate((value: string) => document.querySelector('natter-app')!.setAttribute('layout', value), layout);
  await page.waitForChanges();
}

describe('natter-app layouts', () => {
  it('a #natter/chat deep link in the page before sign-in opens its chat once signed in', async () => {
    const user = await createAccount('layout-link-user');
    const peer = await connectBot(await createAccount('layout-link-peer'));
    await befriendUser(user, peer, 'Peer Lin');
    const page = await openPage(APP);
    await page.evaluate((jid: string) => {
      window.location.hash = `#natter/chat?jid=${encodeURIComponent(jid)}`;
    }, peer.account.jid);
    await signIn(page, user);
    await waitForText(page, p.chatTitle, 'Peer Lin');
    await waitForHistory(page, peer.account.jid);
  });

  it('in one column the focus follows the keyboard user into the conversation, and Back brings it to the row', async () => {
    const { page, peer } = await chatSetup('layout-focus', 'Peer Foc');
    await setLayout(page, 'mobile');
    const row = p.row(peer.account.jid);
    await waitForElement(page, row);
    await page.focus(row);
    await page.keyboard.press('Enter');
    await waitForText(page, p.chatTitle, 'Peer Foc');
    await waitForFocus(page, { tag: 'textarea', part: 'input' });
    expect(describeViolations((await runAxe(page, 'natter-app')).violations)).toEqual([]);
    await page.click(`${p.app} >>> [part=back-button]`);
    await waitForFocus(page, { tag: 'button', part: 'item', jid: peer.account.jid });
  });

  it('the overlay docks a chat box for the conversation opened from its launcher, focused, and is axe-clean', async () => {
    const { page, peer } = await chatSetup('layout-dock', 'Peer Doc');
    await setLayout(page, 'overlay');
    const launcher = `${p.app} >>> [part=launcher] [part=dock-toggle]`;
    await page.click(launcher);
    const row = p.row(peer.account.jid);
    await waitForElement(page, row);
    await page.click(row);
    const panel = `${p.app} >>> [part=dock-panel][data-conversation="${peer.account.jid}"]`;
    await waitForElement(page, `${panel} natter-chatbox`);
    await waitForFocus(page, { tag: 'textarea', part: 'input' });
    expect(describeViolations((await runAxe(page, 'natter-app')).violations)).toEqual([]);
    // Minimized (and the launcher closed), only title bars are left, docked at the bottom of the window.
    await page.click(`${panel} [part=dock-toggle]`);
    await page.click(launcher);
    await waitForNone(page, `${panel} natter-chatbox`);
    await waitForNone(page, `${p.app} >>> [part=launcher] natter-roster`);
    const box = await page.evaluate(() => {
      const rect = document.querySelector('natter-app')!.getBoundingClientRect();
      return { bottom: Math.round(rect.bottom), height: Math.round(rect.height), viewport: window.innerHeight };
    });
    expect(box.bottom).toBe(box.viewport);
    expect(box.height).toBeLessThan(200);
  });
});
