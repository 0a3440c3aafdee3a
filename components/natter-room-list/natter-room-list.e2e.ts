import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import { axeViolations, waitInShadow } from '../../tests/e2e/support';

// One Chromium serves both jest workers; beside the heavy room suite a test here can take several times its 8 s alone.
jest.setTimeout(90_000);

const SERVICE = 'rooms.demo.natter.chat';
const LOUNGE = `lounge@${SERVICE}`;
const DESIGN = `design@${SERVICE}`;

/** A demo session signed in through the login form (the lounge is bookmarked and joined on login), with the room list. */
async function signedInRoomList(): Promise<E2EPage> {
  const page = await newE2EPage({
    html: `<main lang="en"><natter-session adapter="demo">
      <natter-login jid="me@demo.natter.chat"></natter-login>
      <nav aria-label="Rooms"><natter-room-list></natter-room-list></nav>
    </natter-session></main>`,
  });
  const password = await page.find('natter-login >>> #password');
  await password.type('secret');
  await password.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('natter-room-list')?.shadowRoot?.querySelector(`[data-room="lounge@rooms.demo.natter.chat"] [part="status"]`)?.textContent === 'Joined',
    { polling: 50, timeout: 10_000 },
  );
  return page;
}

/** The focused element inside the room list: its data-room, else its name attribute, else its text. */
async function focused(page: E2EPage): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.querySelector('natter-room-list')!.shadowRoot!.activeElement;
    return active ? (active.getAttribute('data-room') ?? active.getAttribute('name') ?? active.textContent) : null;
  });
}

async function alertText(page: E2EPage): Promise<string | null> {
  return page.evaluate(() => document.querySelector('natter-room-list')!.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? null);
}

describe('natter-room-list (browser)', () => {
  it('has no axe violations: rooms, invitation, join form with an error, create form, public rooms', async () => {
    const page = await signedInRoomList();
    expect(await axeViolations(page)).toEqual([]);

    await page.evaluate(() => {
      const host = document.querySelector('natter-session') as unknown as { session: { dispatch(event: object): void } };
      host.session.dispatch({ type: 'invitation', room: 'design@rooms.demo.natter.chat', from: 'alice@demo.natter.chat', reason: 'Reviews at 3', kind: 'direct' });
    });
    await waitInShadow(page, 'natter-room-list', '[part="invitation"]');
    expect(await axeViolations(page)).toEqual([]);

    await (await page.find('natter-room-list >>> [part="join-button"]')).click();
    await waitInShadow(page, 'natter-room-list', '[part="join-form"]');
    const address = await page.find('natter-room-list >>> #join-address');
    await address.type('nope');
    await address.press('Enter');
    await waitInShadow(page, 'natter-room-list', '#join-address-error');
    expect(await axeViolations(page)).toEqual([]);

    await (await page.find('natter-room-list >>> [part="create-button"]')).click();
    await waitInShadow(page, 'natter-room-list', '[part="create-form"]');
    await (await page.find('natter-room-list >>> [part="browse-button"]')).click();
    await waitInShadow(page, 'natter-room-list', '[part="directory-item"]');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('joins by address with the keyboard; a members-only room says so clearly, Escape closes the form', async () => {
    const page = await signedInRoomList();
    await (await page.find('natter-room-list >>> [part="join-button"]')).focus();
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-room-list', '[part="join-form"]');
    expect(await focused(page)).toBe('room');
    await page.keyboard.type(DESIGN);
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-room-list', '[part="join-form"] [role="alert"]');
    expect(await alertText(page)).toBe('This room is for members only.');
    expect(await focused(page)).toBe('room');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await waitInShadow(page, 'natter-room-list', '[part="join-form"]', false);
    expect(await focused(page)).toBe('Join a room');
  });

  it('rooms are one tab stop: Enter on a room emits natterRoomListSelect and marks it current', async () => {
    const page = await signedInRoomList();
    const selected = await page.spyOnEvent('natterRoomListSelect');
    await (await page.find('natter-room-list >>> [part="create-button"]')).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(LOUNGE);
    const row = await page.evaluateHandle(() => document.querySelector('natter-room-list')!.shadowRoot!.activeElement!);
    const node = await page.accessibility.snapshot({ root: row as never });
    expect(node).toMatchObject({ role: 'button', name: 'Natter lounge Joined' });
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-room-list', '[part="item"][aria-current="true"]');
    expect(selected).toHaveReceivedEventDetail({ room: LOUNGE });
    // After the row: its bookmark toggle and Leave.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('natter-room-list')!.shadowRoot!.activeElement!.getAttribute('aria-label'))).toBe('Bookmark Natter lounge');
  });

  it('browses the public rooms and joins one; refusals show in an alert', async () => {
    const page = await signedInRoomList();
    await (await page.find('natter-room-list >>> [part="browse-button"]')).click();
    await waitInShadow(page, 'natter-room-list', '[part="directory-item"]');
    const names = await page.evaluate(() =>
      Array.from(document.querySelector('natter-room-list')!.shadowRoot!.querySelectorAll('[part="directory-item"] .directory-name')).map(name => name.textContent),
    );
    expect(names).toEqual(['Natter lounge', 'Design reviews']);
    await (await page.find('natter-room-list >>> [part="directory-join-button"][aria-label="Join Design reviews"]')).click();
    await page.waitForFunction(
      () => !!document.querySelector('natter-room-list')!.shadowRoot!.querySelector('[role="alert"]'),
      { polling: 50, timeout: 10_000 },
    );
    expect(await alertText(page)).toBe('Could not join Design reviews: This room is for members only.');
    expect(await axeViolations(page)).toEqual([]);
  });
});
