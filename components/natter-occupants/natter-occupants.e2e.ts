import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import { axeViolations, waitInShadow } from '../../tests/e2e/support';

// One Chromium serves both jest workers; beside the heavy room suite a test here can take several times its 8 s alone.
jest.setTimeout(90_000);

const LOUNGE = 'lounge@rooms.demo.natter.chat';

/** A demo session signed in through the login form (the lounge is joined on login), with the sidebar beside it. */
async function loungeSidebar(dir: 'ltr' | 'rtl' = 'ltr'): Promise<E2EPage> {
  const page = await newE2EPage({
    html: `<main dir="${dir}" lang="en"><natter-session adapter="demo">
      <natter-login jid="me@demo.natter.chat"></natter-login>
      <aside aria-label="People"><natter-occupants room="${LOUNGE}"></natter-occupants></aside>
    </natter-session></main>`,
  });
  const password = await page.find('natter-login >>> #password');
  await password.type('secret');
  await password.press('Enter');
  await waitInShadow(page, 'natter-occupants', '[part="item"][data-nick="Bob"]');
  return page;
}

const CROWD = 2000;

/** The page after `crowdedSidebar`: `natterOccupants()` is the sidebar's shadow root. */
type CrowdWindow = Window & { natterOccupants(): ShadowRoot };

/** The lounge's sidebar in a 500 px high column, with 2,000 more people: user0000 to user1999, every tenth a visitor. */
async function crowdedSidebar(): Promise<E2EPage> {
  const page = await newE2EPage({
    html: `<main lang="en"><natter-session adapter="demo">
      <natter-login jid="me@demo.natter.chat"></natter-login>
      <aside aria-label="People" style="display: flex; flex-direction: column; block-size: 500px">
        <natter-occupants room="${LOUNGE}" style="flex: 1; min-block-size: 0"></natter-occupants>
      </aside>
    </natter-session></main>`,
  });
  const password = await page.find('natter-login >>> #password');
  await password.type('secret');
  await password.press('Enter');
  await waitInShadow(page, 'natter-occupants', '[part="item"][data-nick="Bob"]');
  await page.evaluate(
    (room: string, count: number) => {
      (window as unknown as CrowdWindow).natterOccupants = () => document.querySelector('natter-occupants')!.shadowRoot!;
      const session = (document.querySelector('natter-session') as unknown as { session: { conversation(jid: string): { get(key: 'occupants'): object; set(key: 'occupants', value: object): void } } }).session;
      const store = session.conversation(room);
      const crowd: Record<string, object> = { ...store.get('occupants') };
      for (let index = 0; index < count; index++) {
        const nick = `user${String(index).padStart(4, '0')}`;
        crowd[nick] = { nick, role: index % 10 === 0 ? 'visitor' : 'participant', affiliation: 'none', show: 'online' };
      }
      store.set('occupants', crowd);
    },
    LOUNGE,
    CROWD,
  );
  await page.waitForFunction((count: number) => (window as unknown as CrowdWindow).natterOccupants().querySelector('[part="count"]')?.textContent === `${count + 21} people`, { polling: 50, timeout: 10_000 }, CROWD);
  return page;
}

/** What the crowded sidebar shows: the list's box, the rows in the DOM, the nicks a user sees at its top, middle and bottom. */
function crowdState(page: E2EPage) {
  return page.evaluate(() => {
    const root = (window as unknown as CrowdWindow).natterOccupants();
    const list = root.querySelector<HTMLElement>('[part="list"]')!;
    const box = list.getBoundingClientRect();
    const seen = [box.top + 5, box.top + box.height / 2, box.bottom - 5].map(y => {
      const hit = root.elementFromPoint(box.left + box.width / 2, y);
      return (hit?.closest('li.row')?.querySelector('[part="nick"]') ?? hit?.closest('h3'))?.textContent ?? null;
    });
    return { height: box.height, scrollHeight: list.scrollHeight, rows: root.querySelectorAll('li.row').length, seen };
  });
}

/** The data-nick of the focused element inside the sidebar, or its text when it has none. */
async function focused(page: E2EPage): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.querySelector('natter-occupants')!.shadowRoot!.activeElement;
    return active ? (active.getAttribute('data-nick') ?? active.textContent) : null;
  });
}

describe('natter-occupants (browser)', () => {
  it('has no axe violations: groups, open actions, kick confirmation, no match', async () => {
    const page = await loungeSidebar();
    expect((await page.find('natter-occupants >>> [part="count"]')).textContent).toBe('21 people');
    expect(await axeViolations(page)).toEqual([]);

    await (await page.find('natter-occupants >>> [data-nick="Bob"]')).click();
    await waitInShadow(page, 'natter-occupants', '[part="actions"]');
    expect(await axeViolations(page)).toEqual([]);

    await (await page.find('natter-occupants >>> [data-action="kick"]')).click();
    await waitInShadow(page, 'natter-occupants', '[part="confirm"]');
    expect(await axeViolations(page)).toEqual([]);

    const filter = await page.find('natter-occupants >>> [part="filter"]');
    await filter.type('nobody');
    await page.waitForChanges();
    expect((await page.find('natter-occupants >>> [part="empty"]')).textContent).toBe('Nobody matches “nobody”.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is operated with the keyboard: arrows between people, Enter opens actions, kick with a reason', async () => {
    const page = await loungeSidebar();
    const filter = await page.find('natter-occupants >>> [part="filter"]');
    await filter.focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Alice');
    // Chromium's accessible name for the row: nick, badge, presence, and it says it expands.
    const row = await page.evaluateHandle(() => document.querySelector('natter-occupants')!.shadowRoot!.activeElement!);
    const node = await page.accessibility.snapshot({ root: row as never });
    expect(node).toMatchObject({ role: 'button', name: 'Alice Owner Online', expanded: false });

    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('Ana');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('Bob');
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-occupants', '[part="actions"]');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Private message');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Revoke voice');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Kick');
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-occupants', '[part="confirm"]');
    // The reason field takes focus; Enter confirms.
    expect(await page.evaluate(() => document.querySelector('natter-occupants')!.shadowRoot!.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.type('Off topic');
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-occupants', '[data-nick="Bob"]', false);
    expect((await page.find('natter-occupants >>> [part="count"]')).textContent).toBe('20 people');
    // Focus stays in the list, on the row that took Bob's place.
    expect(await focused(page)).toBe('Carol');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('Escape closes the actions and returns to the row; the private message event fires', async () => {
    const page = await loungeSidebar();
    const privateMessage = await page.spyOnEvent('natterOccupantsPrivateMessage');
    await (await page.find('natter-occupants >>> [data-nick="Carol"]')).click();
    await waitInShadow(page, 'natter-occupants', '[part="actions"]');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await waitInShadow(page, 'natter-occupants', '[part="actions"]', false);
    expect(await focused(page)).toBe('Carol');

    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-occupants', '[part="actions"]');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForChanges();
    expect(privateMessage).toHaveReceivedEventDetail({ room: LOUNGE, nick: 'Carol' });
  });

  it('with 2,000 more people: a bounded list that renders the rows in view as it scrolls; End reaches the last person', async () => {
    const page = await crowdedSidebar();
    const top = await crowdState(page);
    expect(top.height).toBeGreaterThan(200);
    expect(top.height).toBeLessThan(500);
    expect(top.scrollHeight).toBeGreaterThan(CROWD * 20);
    expect(top.rows).toBeLessThan(100);
    expect(top.seen[0]).toBe('Moderators (2)');

    await page.evaluate(() => {
      const list = (window as unknown as CrowdWindow).natterOccupants().querySelector('[part="list"]')!;
      list.scrollTop = list.scrollHeight / 2;
    });
    await page.waitForFunction(() => !!(window as unknown as CrowdWindow).natterOccupants().querySelector('[data-nick^="user1"]'), { polling: 50, timeout: 10_000 });
    const middle = await crowdState(page);
    expect(middle.rows).toBeLessThan(100);
    expect(middle.seen).toEqual([expect.stringMatching(/^user1\d{3}$/), expect.stringMatching(/^user1\d{3}$/), expect.stringMatching(/^user1\d{3}$/)]);

    // Tab reaches the one tab stop (Alice, kept rendered); End goes to the last person, a visitor.
    await (await page.find('natter-occupants >>> [part="filter"]')).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Alice');
    await page.keyboard.press('End');
    await page.waitForFunction(() => (window as unknown as CrowdWindow).natterOccupants().activeElement?.getAttribute('data-nick') === 'user1990', { polling: 50, timeout: 10_000 });
    const end = await crowdState(page);
    expect(end.rows).toBeLessThan(100);
    expect(end.seen[2]).toBe('user1990');
    // Its actions open below it, in view.
    await page.keyboard.press('Enter');
    await waitInShadow(page, 'natter-occupants', '[part="actions"]');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lays out right to left: the nick sits at the inline start (right)', async () => {
    const page = await loungeSidebar('rtl');
    const box = await page.evaluate(() => {
      const row = document.querySelector('natter-occupants')!.shadowRoot!.querySelector('[data-nick="Bob"]')!;
      const nick = row.querySelector('[part="nick"]')!.getBoundingClientRect();
      const presence = row.querySelector('[part="presence"]')!.getBoundingClientRect();
      return { nickLeft: nick.left, presenceRight: presence.right };
    });
    expect(box.nickLeft).toBeGreaterThanOrEqual(box.presenceRight);
    expect(await axeViolations(page)).toEqual([]);
  });
});
