/**
 * Proves that a page in headless Chromium (served by Stencil's dev server, another origin) can
 * open the test Prosody's websocket and gets the pre-auth stream features, with PLAIN allowed.
 */
import { newE2EPage } from '@stencil/core/testing';
import { prosody } from './prosody';

describe('test Prosody from the browser', () => {
  it('accepts a websocket from a page and offers SASL PLAIN', async () => {
    const { wsUrl, domain } = prosody();
    const page = await newE2EPage({ html: '<p>ws probe</p>' });
    const result = await page.evaluate(
      (url: string, to: string) =>
        new Promise<{ origin: string; frames: string[] }>((resolve, reject) => {
          const ws = new WebSocket(url, ['xmpp']);
          const frames: string[] = [];
          const timer = setTimeout(() => reject(new Error(`timeout; frames: ${frames.join(' ')}`)), 5000);
          ws.onerror = () => reject(new Error('websocket error'));
          ws.onopen = () => ws.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${to}" version="1.0"/>`);
          ws.onmessage = ev => {
            frames.push(String(ev.data));
            if (String(ev.data).includes('features')) {
              clearTimeout(timer);
              ws.close();
              resolve({ origin: location.origin, frames });
            }
          };
        }),
      wsUrl,
      domain,
    );
    // The e2e dev server's address (stencil.config.ts devServer.address: 127.0.0.1 since f42a1f9).
    expect(result.origin).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+$/);
    expect(result.frames[0]).toMatch(new RegExp(`from=['"]${domain}['"]`));
    expect(result.frames.join('')).toContain('<mechanism>PLAIN</mechanism>');
  });
});
