/**
 * The showcase page (www/index.html, built into the e2e server's root) shows a working demo chat.
 */
import { newE2EPage } from '@stencil/core/testing';
import { TEXT, installDeep, keepFocused, texts, waitForText } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

describe('showcase', () => {
  it('signs the demo session in by itself and lists "Alice Martin", with no page error', async () => {
    const page = await newE2EPage();
    await keepFocused(page);
    const errors: string[] = [];
    page.on('pageerror', (err: unknown) => errors.push(err instanceof Error ? err.message : String(err)));
    page.on('console', msg => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await page.goto('/');
    await page.waitForChanges();
    await installDeep(page);

    const demo = '#demo-session natter-app';
    await waitForText(page, `${demo} >>> header > p[part=status]`, TEXT['status.online']);
    await waitForText(page, `${demo} >>> natter-roster >>> [part=name]`, 'Alice Martin');
    expect(await texts(page, `${demo} >>> natter-roster >>> button.item[data-jid="alice@demo.natter.chat"] .presence-text`)).toEqual([
      TEXT['presence.online'],
    ]);
    // The second app waits for a real server: its sign-in form is there.
    expect(await page.$('#server-app >>> natter-login >>> input[name=jid]')).not.toBeNull();
    expect(errors).toEqual([]);
  });
});
