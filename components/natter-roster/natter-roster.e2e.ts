import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import { axeViolations, waitInShadow } from '../../tests/e2e/support';

// One Chromium serves both jest workers; beside the heavy room suite a test here can take several times its 8 s alone.
jest.setTimeout(90_000);

/** A demo session signed in through the login form, with the roster beside it. */
async function signedInRoster(dir: 'ltr' | 'rtl' = 'ltr'): Promise<E2EPage> {
  const page = await newE2EPage({
    html: `<main dir="${dir}" lang="en"><natter-session adapter="demo">
      <natter-login jid="me@demo.natter.chat"></natter-login>
      <natter-roster></natter-roster>
    </natter-session></main>`,
  });
  const password = await page.find('natter-login >>> #password');
  await password.type('secret');
  await password.press('Enter');
  await waitInShadow(page, 'natter-roster', '[part="item"]');
  await waitInShadow(page, 'natter-roster', '[part="request"]');
  return page;
}

const BIG = 5000;

/** The page after `bigRosterInApp`: `natterRoster()` is the roster's shadow root inside the app, once signed in. */
type BigRosterWindow = Window & { natterRoster(): ShadowRoot | null };

/**
 * A demo session in a 900 px high <natter-app>, signed in, its roster replaced by 5,000
 * contacts "Contact 0000" (c0000@big.example) on, in no group.
 */
async function bigRosterInApp(): Promise<E2EPage> {
  const page = await newE2EPage({
    html: `<natter-session adapter="demo">
      <natter-app lang="en" jid="me@demo.natter.chat" style="--natter-app-height: 900px"></natter-app>
    </natter-session>`,
  });
  await page.setViewport({ width: 1000, height: 1000 });
  await page.evaluate(() => {
    (window as unknown as BigRosterWindow).natterRoster = () => document.querySelector('natter-app')?.shadowRoot?.querySelector('natter-roster')?.shadowRoot ?? null;
  });
  const password = await page.find('natter-app >>> natter-login >>> #password');
  await password.type('secret');
  await password.press('Enter');
  await waitInRoster(page, () => !!(window as unknown as BigRosterWindow).natterRoster()?.querySelector('[part="item"]'));
  await page.evaluate((count: number) => {
    const session = (document.querySelector('natter-session') as unknown as { session: { dispatch(event: object): void } }).session;
    const contacts = Array.from({ length: count }, (_, index) => {
      const number = String(index).padStart(4, '0');
      return { jid: `c${number}@big.example`, name: `Contact ${number}`, groups: [], subscription: 'both', pendingOut: false };
    });
    session.dispatch({ type: 'roster', contacts });
  }, BIG);
  await waitInRoster(page, () => !!(window as unknown as BigRosterWindow).natterRoster()?.querySelector('[data-jid="c0000@big.example"]'));
  return page;
}

/** Polls `check` in the page until it holds. */
async function waitInRoster(page: E2EPage, check: () => boolean): Promise<void> {
  await page.waitForFunction(check, { polling: 50, timeout: 10_000 });
}

/** What the big roster shows: the list's box, the rows in the DOM, what a user sees at its top, middle and bottom, the focused row. */
function bigRosterState(page: E2EPage) {
  return page.evaluate(() => {
    const root = (window as unknown as BigRosterWindow).natterRoster()!;
    const list = root.querySelector<HTMLElement>('[part="list"]')!;
    const box = list.getBoundingClientRect();
    const seen = [box.top + 5, box.top + box.height / 2, box.bottom - 5].map(y => {
      const hit = root.elementFromPoint(box.left + box.width / 2, y);
      return (hit?.closest('li.row')?.querySelector('[part="name"]') ?? hit?.closest('h3'))?.textContent ?? null;
    });
    return {
      height: box.height,
      scrollHeight: list.scrollHeight,
      rows: root.querySelectorAll('li.row').length,
      seen,
      focused: root.activeElement?.getAttribute('data-jid') ?? null,
    };
  });
}

/** The data-jid of the focused row inside the roster, if a row has focus. */
async function focusedJid(page: E2EPage): Promise<string | null> {
  return page.evaluate(() => document.querySelector('natter-roster')!.shadowRoot!.activeElement?.getAttribute('data-jid') ?? null);
}

describe('natter-roster (browser)', () => {
  it('has no axe violations: contacts, requests, add form, no match', async () => {
    const page = await signedInRoster();
    expect(await axeViolations(page)).toEqual([]);

    await (await page.find('natter-roster >>> [part="add-button"]')).click();
    await page.waitForChanges();
    const jid = await page.find('natter-roster >>> #add-jid');
    await jid.type('not valid');
    await jid.press('Enter');
    await page.waitForChanges();
    expect((await page.find('natter-roster >>> #add-jid-error')).textContent).toBe('Enter a chat address like name@example.org.');
    expect(await axeViolations(page)).toEqual([]);
    await jid.press('Escape');
    await page.waitForChanges();

    const filter = await page.find('natter-roster >>> [part="filter"]');
    await filter.type('nobody');
    await page.waitForChanges();
    expect((await page.find('natter-roster >>> [part="empty"]')).textContent).toBe('No contact matches “nobody”.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is operated with the keyboard: one tab stop, arrows move, Enter selects and marks the row current', async () => {
    const page = await signedInRoster();
    const selected = await page.spyOnEvent('natterRosterSelect');
    const filter = await page.find('natter-roster >>> [part="filter"]');
    await filter.focus();
    await page.keyboard.press('Tab');
    expect(await focusedJid(page)).toBe('alice@demo.natter.chat');
    // Chromium's accessible name for the row: name and presence, apart, without the avatar initial.
    const row = await page.evaluateHandle(() => document.querySelector('natter-roster')!.shadowRoot!.activeElement!);
    const node = await page.accessibility.snapshot({ root: row as never });
    expect(node).toMatchObject({ role: 'button', name: 'Alice Martin Online' });
    await page.keyboard.press('ArrowDown');
    expect(await focusedJid(page)).toBe('carol@demo.natter.chat');
    await page.keyboard.press('ArrowDown');
    expect(await focusedJid(page)).toBe('bob@demo.natter.chat');
    await page.keyboard.press('Enter');
    await page.waitForChanges();
    expect(selected).toHaveReceivedEventDetail({ jid: 'bob@demo.natter.chat' });
    const current = await page.find('natter-roster >>> [aria-current="true"]');
    expect(current.getAttribute('data-jid')).toBe('bob@demo.natter.chat');
    // Tab leaves the list from the focused row: only one row is a tab stop.
    const tabStops = await page.evaluate(
      () => Array.from(document.querySelector('natter-roster')!.shadowRoot!.querySelectorAll('[part="item"][tabindex="0"]')).length,
    );
    expect(tabStops).toBe(1);
    await page.keyboard.press(' ');
    await page.waitForChanges();
    expect(selected).toHaveReceivedEventTimes(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('accepts a contact request and shows the new contact', async () => {
    const page = await signedInRoster();
    await (await page.find('natter-roster >>> [part="accept-button"]')).click();
    await waitInShadow(page, 'natter-roster', '[part="requests"]', false);
    await waitInShadow(page, 'natter-roster', '[data-jid="farah@demo.natter.chat"]');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('with 5,000 contacts in natter-app: a bounded list that renders the rows in view as it scrolls; End reaches the last contact', async () => {
    const page = await bigRosterInApp();
    const top = await bigRosterState(page);
    // The app gives the list a bounded height; its content is as tall as all rows.
    expect(top.height).toBeGreaterThan(200);
    expect(top.height).toBeLessThan(900);
    expect(top.scrollHeight).toBeGreaterThan(BIG * 40);
    expect(top.rows).toBeLessThan(100);
    expect(top.seen).toEqual(['Contacts', expect.stringMatching(/^Contact 00/), expect.stringMatching(/^Contact 00/)]);

    // Scrolled to the middle, the rows there are rendered.
    await page.evaluate(() => {
      const list = (window as unknown as BigRosterWindow).natterRoster()!.querySelector('[part="list"]')!;
      list.scrollTop = list.scrollHeight / 2;
    });
    await waitInRoster(page, () => !!(window as unknown as BigRosterWindow).natterRoster()?.querySelector('[data-jid="c2500@big.example"]'));
    const middle = await bigRosterState(page);
    expect(middle.rows).toBeLessThan(100);
    expect(middle.seen).toEqual([expect.stringMatching(/^Contact 2[45]/), expect.stringMatching(/^Contact 2[45]/), expect.stringMatching(/^Contact 2[45]/)]);

    // Tab reaches the list's one tab stop (the first row, kept rendered); End goes to the last contact.
    await (await page.find('natter-app >>> natter-roster >>> [part="filter"]')).focus();
    await page.keyboard.press('Tab');
    await waitInRoster(page, () => (window as unknown as BigRosterWindow).natterRoster()?.activeElement?.getAttribute('data-jid') === 'c0000@big.example');
    await page.keyboard.press('End');
    await waitInRoster(page, () => (window as unknown as BigRosterWindow).natterRoster()?.activeElement?.getAttribute('data-jid') === 'c4999@big.example');
    const end = await bigRosterState(page);
    expect(end.rows).toBeLessThan(100);
    expect(end.seen[2]).toBe('Contact 4999');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lays out right to left: the avatar sits at the inline start (right)', async () => {
    const page = await signedInRoster('rtl');
    const box = await page.evaluate(() => {
      const row = document.querySelector('natter-roster')!.shadowRoot!.querySelector('[part="item"]')!;
      const avatar = row.querySelector('[part="avatar"]')!.getBoundingClientRect();
      const name = row.querySelector('[part="name"]')!.getBoundingClientRect();
      return { avatarLeft: avatar.left, nameRight: name.right };
    });
    expect(box.avatarLeft).toBeGreaterThanOrEqual(box.nameRight);
    expect(await axeViolations(page)).toEqual([]);
  });
});
