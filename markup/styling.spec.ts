import { MAX_QUOTE_DEPTH, lexStyling, parseSpans, renderStyledBody, stylingHtml } from './styling';

/** The HTML of `body` as a DOM, parsed by mock-doc (inside a span: mock-doc trims whitespace at the top level of innerHTML). */
function rendered(body: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = `<span>${stylingHtml(body)}</span>`;
  return host.firstElementChild as HTMLElement;
}

/**
 * A compact picture of the rendering: elements as `<tag>…</tag>` (links with their href),
 * directives as `[*]`, text as it is.
 */
function shape(body: string): string {
  const walk = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    const element = node as Element;
    const inner = Array.from(element.childNodes).map(walk).join('');
    if (element.classList.contains('directive')) return `[${inner}]`;
    const tag = element.tagName.toLowerCase();
    // A break opportunity in a long run (bounded-text.ts), not part of the text.
    if (tag === 'wbr') return '';
    const href = tag === 'a' ? ` ${element.getAttribute('href')}` : '';
    return `<${tag}${href}>${inner}</${tag}>`;
  };
  return Array.from(rendered(body).childNodes).map(walk).join('');
}

describe('XEP-0393 styling', () => {
  // [body, what renders]; the cases of the XEP's own examples come first.
  const cases: [string, string][] = [
    // spans
    ['*strong*', '<strong>[*]strong[*]</strong>'],
    ['plain *strong* plain', 'plain <strong>[*]strong[*]</strong> plain'],
    ['*strong* plain *strong*', '<strong>[*]strong[*]</strong> plain <strong>[*]strong[*]</strong>'],
    ['*strong*plain*', '<strong>[*]strong[*]</strong>plain*'],
    ['* plain *strong*', '* plain <strong>[*]strong[*]</strong>'],
    ['not strong*', 'not strong*'],
    ['*not strong', '*not strong'],
    ['*not \n strong*', '*not \n strong*'],
    ['*not *strong', '*not *strong'],
    ['**', '**'],
    ['****', '****'],
    ['**not markdown bold**', '**not markdown bold**'],
    ['_emphasis_ and ~strike~', '<em>[_]emphasis[_]</em> and <s>[~]strike[~]</s>'],
    ['The full title is _Twelfth Night, or What You Will_ but', 'The full title is <em>[_]Twelfth Night, or What You Will[_]</em> but'],
    ['Everyone ~dis~likes cake.', 'Everyone <s>[~]dis[~]</s>likes cake.'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['a * b * c', 'a * b * c'],
    ['*a *b* c*', '<strong>[*]a *b[*]</strong> c*'],
    // nesting
    ['_emphasis with *strong* inside_', '<em>[_]emphasis with <strong>[*]strong[*]</strong> inside[_]</em>'],
    ['*`monospace and bold`*', '<strong>[*]<code>[`]monospace and bold[`]</code>[*]</strong>'],
    ['_a *b_ c*', '<em>[_]a *b[_]</em> c*'],
    ['~_*all three*_~', '<s>[~]<em>[_]<strong>[*]all three[*]</strong>[_]</em>[~]</s>'],
    // code spans protect their contents
    ['This is `*monospace*`', 'This is <code>[`]*monospace*[`]</code>'],
    ['`a *b` c*', '<code>[`]a *b[`]</code> c*'],
    ['`https://example.org`', '<code>[`]https://example.org[`]</code>'],
    ['``', '``'],
    // unclosed markers stay text
    ['*open _never `closed ~here', '*open _never `closed ~here'],
    ['_a_a_a', '<em>[_]a[_]</em>a_a'],
    // plain blocks: a span never crosses a line
    ['*one\ntwo*', '*one\ntwo*'],
    ['*one*\n_two_', '<strong>[*]one[*]</strong>\n<em>[_]two[_]</em>'],
    // preformatted blocks
    ['```ignored\n(println "Hello, world!")\n```\n\nafter *it*', '<pre><code>[```ignored]\n(println "Hello, world!")\n[```]\n</code></pre>\nafter <strong>[*]it[*]</strong>'],
    ['```\n*not styled* > not a quote\n```', '<pre><code>[```]\n*not styled* > not a quote\n[```]</code></pre>'],
    ['```\nunclosed *runs* to the end\nof the body', '<pre><code>[```]\nunclosed *runs* to the end\nof the body</code></pre>'],
    ['```\ncode\n``` not a close\n```', '<pre><code>[```]\ncode\n``` not a close\n[```]</code></pre>'],
    ['text ```not a block```', 'text ```not a block```'],
    // quotations
    ['> That that is, is.\n\nSaid the old hermit of Prague.', '<blockquote>[> ]That that is, is.\n</blockquote>\nSaid the old hermit of Prague.'],
    [
      '>> That that is, is.\n> Said the old hermit of Prague.\n\nWho?',
      '<blockquote><blockquote>[>> ]That that is, is.\n</blockquote>[> ]Said the old hermit of Prague.\n</blockquote>\nWho?',
    ],
    ['> > nested with a space', '<blockquote><blockquote>[> > ]nested with a space</blockquote></blockquote>'],
    ['>  > two spaces: text', '<blockquote>[> ] > two spaces: text</blockquote>'],
    ['> *styled* in a quote', '<blockquote>[> ]<strong>[*]styled[*]</strong> in a quote</blockquote>'],
    ['> ```\n> (println "Hello, world!")\n\nplain', '<blockquote><pre><code>[> ][```]\n[> ](println "Hello, world!")</code></pre>\n</blockquote>\nplain'],
    ['> ```\n> code\n> ```\n> after', '<blockquote><pre><code>[> ][```]\n[> ]code\n[> ][```]\n</code></pre>[> ]after</blockquote>'],
    ['a > b', 'a > b'],
    ['>', '<blockquote>[>]</blockquote>'],
    ['> a\n>', '<blockquote>[> ]a\n[>]</blockquote>'],
    ['> a\n> \nb', '<blockquote>[> ]a\n[> ]\n</blockquote>b'],
    // no Markdown
    ['# not a heading', '# not a heading'],
    ['not a setext heading\n===', 'not a setext heading\n==='],
    ['- not\n- a list', '- not\n- a list'],
    ['[not a link](https://example.org)', '[not a link](<a https://example.org/>https://example.org</a>)'],
    ['    not indented code', '    not indented code'],
    ['line with two spaces  \nnext', 'line with two spaces  \nnext'],
    // links
    ['see https://example.org/a_b_c and xmpp:bob@example.org', 'see <a https://example.org/a_b_c>https://example.org/a_b_c</a> and <a xmpp:bob@example.org>xmpp:bob@example.org</a>'],
    ['*https://example.org/x*', '<strong>[*]<a https://example.org/x>https://example.org/x</a>[*]</strong>'],
    ['geo:37.78,-122.39 mailto:a@example.org', '<a geo:37.78,-122.39>geo:37.78,-122.39</a> <a mailto:a@example.org>mailto:a@example.org</a>'],
    ['ftp://example.org stays text', 'ftp://example.org stays text'],
  ];

  it.each(cases)('renders %j as %j', (body, expected) => {
    expect(shape(body)).toBe(expected);
  });

  it.each(cases)('keeps every character of %j in the text, in order', body => {
    expect(rendered(body).textContent).toBe(body);
  });

  it('marks directives hidden from screen readers and styled pieces with parts', () => {
    const host = rendered('*a* _b_ ~c~ `d`\n```\ne\n```\n> f https://example.org');
    const parts = Array.from(host.querySelectorAll('[part]')).map(element => element.getAttribute('part'));
    expect(new Set(parts)).toEqual(new Set(['strong', 'emphasis', 'strike', 'code', 'code-block', 'quote', 'directive', 'link']));
    for (const directive of Array.from(host.querySelectorAll('[part="directive"]'))) expect(directive.getAttribute('aria-hidden')).toBe('true');
    const link = host.querySelector('a')!;
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it(`nests quotes at most ${MAX_QUOTE_DEPTH} deep; deeper markers are text`, () => {
    const host = rendered('>'.repeat(MAX_QUOTE_DEPTH + 3) + ' deep');
    expect(host.querySelectorAll('blockquote')).toHaveLength(MAX_QUOTE_DEPTH);
    expect(host.textContent).toBe('>'.repeat(MAX_QUOTE_DEPTH + 3) + ' deep');
  });
});

describe('XEP-0393 styling of hostile bodies', () => {
  const ALLOWED_TAGS = new Set(['a', 'blockquote', 'code', 'em', 'pre', 's', 'span', 'strong', 'wbr']);
  const ALLOWED_ATTRIBUTES = new Set(['aria-hidden', 'class', 'href', 'part', 'rel', 'target']);
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<svg onload=alert(1)><use href="data:image/svg+xml,<svg id=x onload=alert(2)>#x"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1) data:text/html,<script>alert(1)</script> vbscript:msgbox(1)',
    '[click](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    'https://example.org/"onmouseover="alert(1)"x=" and https://example.org/\'><img src=x onerror=alert(1)>',
    '*<b onclick=alert(1)>bold</b>*',
    '_<i>x</i>_ ~<s>y</s>~',
    '`<img src=x onerror=alert(1)>`',
    '```\n<script>alert(1)</script>\n```',
    '> <iframe srcdoc="<script>alert(1)</script>">',
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;',
    '<!-- comment --><![CDATA[x]]><?php ?>',
    '<style>*{background:url(javascript:alert(1))}</style>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  ];

  it.each(payloads)('renders %j as inert text', payload => {
    const host = rendered(payload);
    expect(host.textContent).toBe(payload);
    for (const element of Array.from(host.querySelectorAll('*'))) {
      expect(ALLOWED_TAGS.has(element.tagName.toLowerCase())).toBe(true);
      for (const attribute of Array.from(element.attributes)) expect(ALLOWED_ATTRIBUTES.has(attribute.name)).toBe(true);
      const href = element.getAttribute('href');
      if (href !== null) expect(href).toMatch(/^(https?|xmpp|geo|mailto):/);
    }
  });

  it('renders nothing as HTML without a working sanitizer (mock-doc has none): the caller shows text', () => {
    expect(renderStyledBody('*bold* <img src=x onerror=alert(1)>')).toBeNull();
  });
});

describe('XEP-0393 styling runs in linear time', () => {
  // Steps the parser takes (tokenizer calls, characters scanned, pointer moves), not time.
  const steps = (body: string) => lexStyling(body).steps;
  const hostile: Record<string, (n: number) => string> = {
    'asterisks': n => '*'.repeat(n),
    'openers that never close': n => '*a '.repeat(n),
    'all four openers': n => '*a _b ~c `d '.repeat(n),
    'alternating _a': n => '_a'.repeat(n),
    'openers inside one long span': n => '*' + 'x _a '.repeat(n) + 'x*',
    'closers before openers': n => 'a* '.repeat(n) + ' *b'.repeat(n),
    'deep quote nesting': n => '>'.repeat(n) + ' x',
    'a deep quote per line': n => ('>'.repeat(20) + ' *x\n').repeat(n),
    'unclosed code block': n => '```\n' + '*a* `b`\n'.repeat(n),
    'code fences on every line': n => '```\n'.repeat(n),
    'quoted code fences': n => '> ```\n'.repeat(n),
    'many links': n => 'https://example.org/*a '.repeat(n),
  };

  it.each(Object.keys(hostile))('%s: twice the body, about twice the work', name => {
    const make = hostile[name];
    const small = make(2_000);
    const large = make(4_000);
    const smallSteps = steps(small);
    const largeSteps = steps(large);
    expect(largeSteps / smallSteps).toBeGreaterThan(1.8);
    expect(largeSteps / smallSteps).toBeLessThan(2.2);
    // And a small constant per character: never a rescan of the rest of the line per directive.
    expect(largeSteps).toBeLessThan(large.length * (MAX_QUOTE_DEPTH + 4));
  });

  it('renders a 100 KB hostile body completely', () => {
    const body = '*a _b '.repeat(17_000);
    // Not toBe: a failure would print 100 KB twice.
    expect(rendered(body).textContent === body).toBe(true);
  });

  it('parseSpans scans a line once per directive pointer', () => {
    const work = { steps: 0 };
    const line = '*a '.repeat(10_000);
    parseSpans(line, work);
    // one pass to list closers, one pass to parse, plus the text handed to the link scanner
    expect(work.steps).toBeLessThanOrEqual(line.length * 3 + 10);
  });
});

describe('XEP-0393 styling of long runs without spaces', () => {
  it.each([
    ['plain text', 'x'.repeat(100), '', 'x'],
    ['strong text', `*${'y'.repeat(100)}*`, 'strong', 'y'],
    ['preformatted text in a line', `\`${'z'.repeat(100)}\``, 'code', 'z'],
    ['a code block', `\`\`\`\n${'w'.repeat(100)}\n\`\`\``, 'pre', 'w'],
    ['a link', `https://example.org/${'v'.repeat(100)}`, 'a', 'v'],
  ])('puts break opportunities into %s, keeping its text', (_, body, tag, char) => {
    const host = rendered(body);
    expect(host.textContent).toBe(body);
    const scope = tag ? host.querySelector(tag)! : host;
    // 100 characters in runs of at most 24: at least 4 breaks.
    expect(scope.querySelectorAll('wbr').length).toBeGreaterThanOrEqual(4);
    const longest = Math.max(...(scope.textContent ?? '').split(/\s/).map(run => run.length));
    expect(longest).toBeGreaterThan(24); // the text is one run…
    expect(scope.innerHTML).not.toContain(char.repeat(25)); // …but no piece of it is longer than 24
  });

  it('keeps a link\'s address whole', () => {
    const url = `https://example.org/${'v'.repeat(100)}`;
    expect(rendered(url).querySelector('a')!.getAttribute('href')).toBe(url);
  });

  it('leaves words with spaces between them alone', () => {
    expect(rendered('a few short words').querySelectorAll('wbr')).toHaveLength(0);
  });
});
