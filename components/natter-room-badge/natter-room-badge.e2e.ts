import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import { axeViolations } from '../../tests/e2e/support';

// One Chromium serves both jest workers; beside the heavy room suite a test here can take several times its 8 s alone.
jest.setTimeout(90_000);

const LOUNGE = 'lounge@rooms.demo.natter.chat';

/** Waits until the badge matching `selector` has the accessible name `label`. */
async function waitForLabel(page: E2EPage, selector: string, label: string): Promise<void> {
  await page.waitForFunction(
    (sel: string, want: string) => document.querySelector(sel)?.shadowRoot?.querySelector('[part="base"] .label')?.textContent === want,
    { polling: 50, timeout: 10_000 },
    selector,
    label,
  );
}

describe('natter-room-badge (browser)', () => {
  it('stand-alone on a page: signs in anonymously on its own, shows the count, is a focusable link with a full name', async () => {
    const page = await newE2EPage({
      html: `<main lang="en"><p>Talk to us:
        <natter-room-badge id="badge" adapter="demo" domain="demo.natter.chat" room="${LOUNGE}" refresh="1"></natter-room-badge>
      </p></main>`,
    });
    await waitForLabel(page, '#badge', 'Natter lounge: 20 people');
    const link = await page.find('#badge >>> [part="base"]');
    expect(link.getAttribute('href')).toBe(`xmpp:${LOUNGE}?join`);
    expect((await page.find('#badge >>> [part="count"]')).textContent).toBe('20');

    await page.keyboard.press('Tab');
    const focused = await page.evaluateHandle(() => document.querySelector('#badge')!.shadowRoot!.activeElement!);
    const node = await page.accessibility.snapshot({ root: focused as never });
    expect(node).toMatchObject({ role: 'link', name: 'Natter lounge: 20 people' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('inside a signed-in session: the live count follows people leaving', async () => {
    const page = await newE2EPage({
      html: `<main lang="en"><natter-session adapter="demo">
        <natter-login jid="me@demo.natter.chat"></natter-login>
        <p><natter-room-badge id="badge" room="${LOUNGE}"></natter-room-badge></p>
      </natter-session></main>`,
    });
    expect(await page.evaluate(() => document.querySelector('#badge')!.shadowRoot!.querySelector('[part="base"] .label')!.textContent)).toBe('lounge: loading…');
    const password = await page.find('natter-login >>> #password');
    await password.type('secret');
    await password.press('Enter');
    await waitForLabel(page, '#badge', 'Natter lounge: 21 people');
    await page.evaluate(() => {
      const host = document.querySelector('natter-session') as unknown as { session: { dispatch(event: object): void } };
      host.session.dispatch({ type: 'occupantLeft', room: 'lounge@rooms.demo.natter.chat', nick: 'Bob', reason: 'left' });
    });
    await waitForLabel(page, '#badge', 'Natter lounge: 20 people');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('an unknown room reads "room unavailable" and passes axe', async () => {
    const page = await newE2EPage({
      html: `<main lang="en"><natter-room-badge id="badge" adapter="demo" domain="demo.natter.chat" room="nowhere@rooms.demo.natter.chat"></natter-room-badge></main>`,
    });
    await waitForLabel(page, '#badge', 'nowhere: room unavailable');
    expect((await page.find('#badge >>> [part="count"]')).textContent).toBe('unavailable');
    expect(await axeViolations(page)).toEqual([]);
  });
});
