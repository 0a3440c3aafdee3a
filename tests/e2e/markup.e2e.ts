/**
 * XEP-0393 message styling in Chromium, where DOMPurify runs: what <natter-message> renders for
 * styled, hostile and huge bodies; and, against Prosody, styled messages between the user's
 * <natter-app> and a bot, both ways, with the composer's toolbar, shortcuts and preview.
 */
import type { E2EPage } from '@stencil/core/testing';
import { openPage } from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

/** A page with one <natter-message> per body, incoming from "Alice", rendered. */
async function messagesPage(bodies: string[]): Promise<{ page: E2EPage; errors: string[] }> {
  const errors: string[] = [];
  const page = await openPage('<div id="messages"></div>', errors);
  await page.evaluate((all: string[]) => {
    const list = document.getElementById('messages')!;
    all.forEach((body, index) => {
      const element = document.createElement('natter-message') as HTMLElement & { message: unknown; senderName: string };
      element.message = { id: `m${index}`, conversation: 'alice@example.org', from: 'alice@example.org', direction: 'in', body, timestamp: Date.UTC(2026, 0, 1), status: 'received' };
      element.senderName = 'Alice';
      list.append(element);
    });
  }, bodies);
  await page.waitForChanges();
  return { page, errors };
}

interface RenderedBody {
  text: string;
  tags: string[];
  attributes: string[];
  hrefs: string[];
}

/** What the body of each message holds: its text, and every tag, attribute name and href inside it. */
function renderedBodies(page: E2EPage): Promise<RenderedBody[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('natter-message')).map(host => {
      const body = host.shadowRoot!.querySelector('[part=body]')!;
      const elements = Array.from(body.querySelectorAll('*'));
      return {
        text: body.textContent ?? '',
        tags: [...new Set(elements.map(element => element.tagName.toLowerCase()))].sort(),
        attributes: [...new Set(elements.flatMap(element => element.getAttributeNames()))].sort(),
        hrefs: elements.filter(element => element.hasAttribute('href')).map(element => element.getAttribute('href')!),
      };
    }),
  );
}

describe('styled messages in the browser', () => {
  it('renders each XEP-0393 style as its element, with the directives kept in the text', async () => {
    const body = '*bold* _it_ ~gone~ `co*de*`\n> quoted _x_\n```\n*raw*\n```\nsee https://example.org/a';
    const { page, errors } = await messagesPage([body]);
    const found = await page.evaluate(() => {
      const shadow = document.querySelector('natter-message')!.shadowRoot!;
      const text = (selector: string) => Array.from(shadow.querySelectorAll(selector)).map(element => element.textContent);
      const link = shadow.querySelector('a')!;
      return {
        strong: text('strong[part=strong]'),
        em: text('em[part=emphasis]'),
        strike: text('s[part=strike]'),
        code: text('code[part=code]'),
        block: text('pre[part=code-block]'),
        quote: text('blockquote[part=quote]'),
        link: [link.getAttribute('href'), link.getAttribute('rel'), link.getAttribute('target'), link.getAttribute('part')],
        // Directives are lighter than the text they style.
        directiveOpacity: getComputedStyle(shadow.querySelector('strong [part=directive]')!).opacity,
        hiddenDirectives: Array.from(shadow.querySelectorAll('[part=directive]')).every(element => element.getAttribute('aria-hidden') === 'true'),
      };
    });
    expect(found).toEqual({
      strong: ['*bold*'],
      em: ['_it_', '_x_'],
      strike: ['~gone~'],
      code: ['`co*de*`'],
      block: ['```\n*raw*\n```\n'],
      quote: ['> quoted _x_\n'],
      link: ['https://example.org/a', 'noopener noreferrer', '_blank', 'link'],
      directiveOpacity: '0.8',
      hiddenDirectives: true,
    });
    expect((await renderedBodies(page))[0].text).toBe(body);
    expect(errors).toEqual([]);
  });

  it('renders XSS payloads as inert text: only the styling elements, no handlers, no script links', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=2</script>',
      '<svg onload="window.__xss=3"><use href="data:image/svg+xml,<svg id=x onload=window.__xss=4>#x"/></svg>',
      '<iframe src="javascript:window.__xss=5"></iframe>',
      'javascript:window.__xss=6 JaVaScRiPt:alert(1) data:text/html,<script>alert(1)</script>',
      '[click](javascript:window.__xss=7)',
      'https://example.org/"onmouseover="window.__xss=8"x=" https://example.org/\'><img src=x onerror=window.__xss=9>',
      '*<b onclick="window.__xss=10">bold</b>* _<a href="javascript:alert(1)">x</a>_',
      '`<img src=x onerror=window.__xss=11>`',
      '```\n<script>window.__xss=12</script>\n```',
      '> <iframe srcdoc="<script>window.__xss=13</script>">',
      '"><svg/onload=window.__xss=14> \'><details open ontoggle=window.__xss=15>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math> <style>*{color:red}</style>',
    ];
    const { page, errors } = await messagesPage(payloads);
    const bodies = await renderedBodies(page);
    expect(bodies.map(body => body.text)).toEqual(payloads);
    for (const body of bodies) {
      for (const tag of body.tags) expect(['a', 'blockquote', 'code', 'em', 'pre', 's', 'span', 'strong']).toContain(tag);
      for (const attribute of body.attributes) expect(['aria-hidden', 'class', 'href', 'part', 'rel', 'target']).toContain(attribute);
      for (const href of body.hrefs) expect(href).toMatch(/^https:\/\/example\.org\//);
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('renders 100 KB hostile bodies without freezing the page', async () => {
    const hostile = [
      '*'.repeat(100_000),
      '_a'.repeat(50_000),
      '*a '.repeat(33_000),
      '*a _b ~c `d '.repeat(8_000),
      '>'.repeat(100_000) + ' deep',
      '> >> '.repeat(20_000),
      '```\n' + 'unclosed *a* `b`\n'.repeat(6_000),
      'a* '.repeat(17_000) + ' *b'.repeat(17_000),
    ];
    const { page, errors } = await messagesPage([]);
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver(list => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    for (const body of hostile) {
      // From setting the message to the next frame painted, measured in the page.
      const elapsed = await page.evaluate(async (text: string) => {
        const element = document.createElement('natter-message') as HTMLElement & { message: unknown };
        element.message = { id: 'h', conversation: 'a@example.org', from: 'a@example.org', direction: 'in', body: text, timestamp: 0, status: 'received' };
        const start = performance.now();
        document.getElementById('messages')!.replaceChildren(element);
        await customElements.whenDefined('natter-message');
        await (element as unknown as { componentOnReady(): Promise<unknown> }).componentOnReady();
        await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));
        const rendered = element.shadowRoot!.querySelector('[part=body]')!.textContent === text;
        return rendered ? performance.now() - start : -1;
      }, body);
      expect(elapsed).toBeGreaterThanOrEqual(0);
      // Linear work is tens of milliseconds here; a quadratic parser takes minutes. Generous for a loaded machine.
      expect(elapsed).toBeLessThan(3_000);
    }
    // The page still answers at once, and no single task blocked it for long.
    const answer = await page.evaluate(() => new Promise(resolve => setTimeout(() => resolve('ok'), 0)));
    expect(answer).toBe('ok');
    expect(await page.evaluate(() => (window as unknown as { __longest: number }).__longest)).toBeLessThan(3_000);
    expect(errors).toEqual([]);
  });
});
