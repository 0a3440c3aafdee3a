import { safeHref, splitLinks } from './links';

describe('splitLinks', () => {
  it('finds http(s), xmpp, geo, mailto links and bare e-mail addresses', () => {
    const segments = splitLinks('a https://example.org/x?y=1 b xmpp:bob@example.org?message c geo:37.78,-122.39 d mailto:x@example.org e me@example.org');
    expect(segments.filter(s => s.kind === 'link').map(s => (s as { href: string }).href)).toEqual([
      'https://example.org/x?y=1',
      'xmpp:bob@example.org?message',
      'geo:37.78,-122.39',
      'mailto:x@example.org',
      'mailto:me@example.org',
    ]);
  });

  it('keeps every character of the input, in order', () => {
    const text = 'go to www.example.org, then\nhttps://example.org/ä?q=1 — done';
    expect(splitLinks(text).map(s => s.text).join('')).toBe(text);
  });

  it('never makes javascript:, data: or vbscript: URIs clickable', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', 'JaVaScRiPt:alert(1)']) {
      expect(splitLinks(text).every(segment => segment.kind === 'text')).toBe(true);
    }
  });

  it('keeps HTML in a body as text', () => {
    expect(splitLinks('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('scans hostile bodies in time that grows linearly', () => {
    const hostile = (n: number) => 'a.'.repeat(n) + 'http://' + '@'.repeat(n) + 'x@'.repeat(n);
    splitLinks(hostile(1_000));
    // The fastest of three runs: a GC pause or the other test worker can stretch any one run.
    const time = (n: number) => {
      const body = hostile(n);
      let fastest = Infinity;
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        splitLinks(body);
        fastest = Math.min(fastest, performance.now() - start);
      }
      return fastest;
    };
    const small = time(10_000);
    const large = time(40_000);
    // Four times the input may cost at most ~4x (with slack for timer noise), not 16x.
    expect(large).toBeLessThan(Math.max(small, 5) * 8);
  });
});

describe('safeHref', () => {
  it('allows only the listed schemes', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org/');
    expect(safeHref('ftp://example.org')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
