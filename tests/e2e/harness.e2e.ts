/**
 * The test harness itself (tests/setup.ts): the test workers share one Chromium, and a page that
 * another worker's new page hid would get no animation frames, so every wait for a frame in it
 * would stall. Each page opens in a window of its own and stays visible.
 */
import { newE2EPage } from '@stencil/core/testing';

it('a test page keeps getting frames, and stays visible, when another page opens in the shared browser', async () => {
  const page = await newE2EPage({ html: '<p>test page</p>' });
  const other = await page.browser().newPage(); // as another worker's page would open
  try {
    const state = await page.evaluate(() =>
      Promise.race([
        new Promise(resolve => requestAnimationFrame(() => resolve(`frame, ${document.visibilityState}`))),
        new Promise(resolve => setTimeout(() => resolve(`no frame in 2 s, ${document.visibilityState}`), 2000)),
      ]),
    );
    expect(state).toBe('frame, visible');
  } finally {
    await other.close();
  }
});
