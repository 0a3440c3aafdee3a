import { newE2EPage, type E2EPage } from '@stencil/core/testing';
import { axeViolations, waitInShadow } from '../../tests/e2e/support';

// One Chromium serves both jest workers; beside the heavy room suite a test here can take several times its 8 s alone.
jest.setTimeout(90_000);

const ME = 'me@demo.natter.chat';

async function loginPage(dir: 'ltr' | 'rtl' = 'ltr'): Promise<E2EPage> {
  return newE2EPage({
    html: `<main dir="${dir}" lang="en"><natter-session adapter="demo"><natter-login jid="${ME}"></natter-login></natter-session></main>`,
  });
}

async function focusedId(page: E2EPage): Promise<string | null> {
  return page.evaluate(() => document.querySelector('natter-login')!.shadowRoot!.activeElement?.id ?? null);
}

describe('natter-login (browser)', () => {
  it('has no axe violations in its empty, invalid and failed states', async () => {
    const page = await loginPage();
    expect(await axeViolations(page)).toEqual([]);

    const jid = await page.find('natter-login >>> #jid');
    await jid.press('End');
    for (let i = 0; i < ME.length; i++) await jid.press('Backspace');
    await jid.type('nobody');
    await jid.press('Enter');
    await page.waitForChanges();
    expect((await page.find('natter-login >>> #jid-error')).textContent).toContain('not a valid chat address');
    expect(await focusedId(page)).toBe('jid');
    expect(await axeViolations(page)).toEqual([]);

    await jid.type('@demo.natter.chat');
    const password = await page.find('natter-login >>> #password');
    await password.type('wrong');
    await password.press('Enter');
    await waitInShadow(page, 'natter-login', '[role="alert"]');
    expect((await page.find('natter-login >>> [role="alert"]')).textContent).toBe('Wrong address or password.');
    // The user is put back in the password field to retry.
    expect(await focusedId(page)).toBe('password');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens "Advanced connection settings" with the keyboard: the optional URL field and its hint pass axe', async () => {
    const page = await loginPage();
    const summary = await page.find('natter-login >>> summary[part="settings-toggle"]');
    await summary.focus();
    await summary.press('Enter');
    await page.waitForChanges();
    expect(await page.evaluate(() => document.querySelector('natter-login')!.shadowRoot!.querySelector('details')!.open)).toBe(true);
    const service = await page.find('natter-login >>> #service');
    expect(service).toEqualAttribute('aria-describedby', 'service-hint');
    expect((await page.find('natter-login >>> #service-hint')).textContent).toBe('Leave empty to find it from your chat address.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signs in with the keyboard, then signs out; the password is never stored', async () => {
    const page = await loginPage();
    const submitted = await page.spyOnEvent('natterLoginSubmit');
    const password = await page.find('natter-login >>> #password');
    await password.type('s3cret-pass');
    await password.press('Enter');
    await page.waitForChanges();
    const button = await page.find('natter-login >>> [part="submit-button"]');
    if (button) {
      // Still connecting (the demo network answers after 400 ms).
      expect(button.textContent).toBe('Connecting…');
      expect(button).toHaveAttribute('disabled');
    }
    await waitInShadow(page, 'natter-login', '[part="status"]');
    expect((await page.find('natter-login >>> [part="status"]')).textContent).toBe(`Signed in as ${ME}`);
    expect(submitted).toHaveReceivedEventDetail({ jid: ME });
    expect(await axeViolations(page)).toEqual([]);

    const stored = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]));
    expect(stored).not.toContain('s3cret-pass');

    const signOut = await page.find('natter-login >>> [part="sign-out-button"]');
    await signOut.click();
    await waitInShadow(page, 'natter-login', 'form');
    expect(await page.evaluate(() => (document.querySelector('natter-login')!.shadowRoot!.querySelector('#password') as HTMLInputElement).value)).toBe('');
  });

  it('lays out right to left with logical properties', async () => {
    const page = await loginPage('rtl');
    const alignment = await page.evaluate(() => {
      const input = document.querySelector('natter-login')!.shadowRoot!.querySelector('#jid') as HTMLInputElement;
      const form = input.closest('form')!;
      const style = getComputedStyle(input);
      return {
        textAlign: style.textAlign,
        direction: style.direction,
        inputRight: Math.round(input.getBoundingClientRect().right),
        formRight: Math.round(form.getBoundingClientRect().right),
      };
    });
    expect(alignment.direction).toBe('rtl');
    expect(['start', 'right']).toContain(alignment.textAlign);
    expect(alignment.inputRight).toBe(alignment.formRight);
    expect(await axeViolations(page)).toEqual([]);
  });
});
