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
