/**
 * XEP-0393 Message Styling: the plain-text body every XMPP client sends, shown with its styling.
 *
 * `marked` drives the work, but none of its Markdown rules run: block tokenizers of our own take
 * every line first (so headings, lists, HTML, link syntax, `**` and setext never match), and
 * renderers of our own write the HTML. What the XEP says, in short:
 *
 * - blocks: a line starting with ```` ``` ```` opens a preformatted block that runs to a line of
 *   exactly ```` ``` ```` or the end of its parent; lines starting with `>` are a quotation (the
 *   `>` and one whitespace after it are stripped, the rest is parsed again, so quotes nest);
 *   every other line is a plain block.
 * - spans, within one line: `*strong*`, `_emphasis_`, `~strike~`, `` `code` `` (not styled
 *   inside). An opening directive starts the line (or its parent span) or follows whitespace, and
 *   is followed by a non-space; the closing one is the first same directive after it that follows
 *   a non-space. Spans never cross lines or their parent span, and are never empty.
 * - directives stay in the text (so copying keeps them), wrapped in `part="directive"`.
 *
 * Every character of the body is escaped into the HTML, links are only those of `links.ts`, and the
 * result passes DOMPurify with an allow-list of exactly the tags and attributes written here.
 * Everything runs in time linear in the body, whatever a hostile peer sends.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { splitLinks } from './links';
import { breakRuns } from './bounded-text';

/** The span directives and the style each one means. */
export const SPAN_DIRECTIVES = { strong: '*', emphasis: '_', strike: '~', code: '`' } as const;
export type SpanStyle = keyof typeof SPAN_DIRECTIVES;

/** Opens a preformatted block (the rest of that line is ignored); a line of exactly this closes it. */
export const CODE_FENCE = '```';
export const QUOTE_MARKER = '>';

/**
 * Quotes nested deeper render their remaining markers as text. Each level lexes its content again,
 * so the cap keeps a body of 100,000 `>` linear, and keeps it from building as many nested elements.
 */
export const MAX_QUOTE_DEPTH = 8;

/** The only tags and attributes the renderer writes; DOMPurify removes anything else. */
const ALLOWED_TAGS = ['a', 'blockquote', 'code', 'em', 'pre', 's', 'span', 'strong', 'wbr'];
const ALLOWED_ATTR = ['aria-hidden', 'class', 'href', 'part', 'rel', 'target'];
/** Every attribute but `href` holds a fixed word: without this, DOMPurify would hold those words to the URI pattern too. */
const URI_SAFE_ATTR = ['aria-hidden', 'part', 'rel', 'target'];
const ALLOWED_URI = /^(?:https?|xmpp|geo|mailto):/i;

const SPAN_TAGS: Record<Exclude<SpanStyle, 'code'>, string> = { strong: 'strong', emphasis: 'em', strike: 's' };
const STYLE_OF_DIRECTIVE = new Map<string, SpanStyle>(Object.entries(SPAN_DIRECTIVES).map(([style, directive]) => [directive, style as SpanStyle]));

/** One line as written, split into the quote markers before it and the text after them. */
interface StyledLine {
  /** The quote markers of every enclosing quotation, outermost first (`"> > "`). */
  prefix: string;
  text: string;
  /** A line break follows the line in the body. */
  newline: boolean;
}

type InlineToken =
  | { type: 'stylingText'; raw: string; text: string }
  | { type: 'stylingLink'; raw: string; text: string; href: string }
  | { type: 'stylingCode'; raw: string; text: string }
  | { type: 'stylingSpan'; raw: string; style: Exclude<SpanStyle, 'code'>; tokens: InlineToken[] };

type BlockToken =
  | ({ type: 'stylingLine'; raw: string; tokens: InlineToken[] } & StyledLine)
  | { type: 'stylingPre'; raw: string; opening: StyledLine; lines: StyledLine[]; closing: StyledLine | null }
  | { type: 'stylingQuote'; raw: string; tokens: BlockToken[]; newline: boolean };

/** Counts the parser's elementary steps, so a test can show the work grows linearly with the body. */
export interface StylingWork {
  steps: number;
}

const isWhitespace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/** The first line of `src` and whether a line break ends it; `work` counts the characters scanned. */
function firstLine(src: string, work: StylingWork): { text: string; newline: boolean; length: number } {
  const end = src.indexOf('\n');
  work.steps += end < 0 ? src.length : end + 1;
  return end < 0 ? { text: src, newline: false, length: src.length } : { text: src.slice(0, end), newline: true, length: end + 1 };
}

/**
 * The spans of one line. Lazy matching would rescan the rest of the line for every opening
 * directive that never closes (`*a *a *a …`): instead, the positions where each directive could
 * close are listed once, and each directive's pointer only moves forward, because openings are
 * met left to right, nested ones included.
 */
export function parseSpans(line: string, work: StylingWork = { steps: 0 }): InlineToken[] {
  const closers = new Map<string, number[]>();
  for (const directive of STYLE_OF_DIRECTIVE.keys()) closers.set(directive, []);
  for (let i = 1; i < line.length; i++) {
    work.steps++;
    const positions = closers.get(line[i]);
    if (positions && !isWhitespace(line[i - 1])) positions.push(i);
  }
  const next = new Map<string, number>();
  const closerFrom = (directive: string, from: number): number => {
    const positions = closers.get(directive)!;
    let index = next.get(directive) ?? 0;
    while (index < positions.length && positions[index] < from) {
      work.steps++;
      index++;
    }
    next.set(directive, index);
    return index < positions.length ? positions[index] : -1;
  };

  const parseRange = (start: number, end: number): InlineToken[] => {
    const tokens: InlineToken[] = [];
    let textStart = start;
    for (let i = start; i < end; i++) {
      work.steps++;
      const directive = line[i];
      const style = STYLE_OF_DIRECTIVE.get(directive);
      if (!style) continue;
      const opens = (i === start || isWhitespace(line[i - 1])) && i + 1 < end && !isWhitespace(line[i + 1]) && line[i + 1] !== directive;
      if (!opens) continue;
      const close = closerFrom(directive, i + 2);
      if (close < 0 || close >= end) continue;
      if (textStart < i) pushText(tokens, line.slice(textStart, i), work);
      const raw = line.slice(i, close + 1);
      tokens.push(
        style === 'code'
          ? { type: 'stylingCode', raw, text: line.slice(i + 1, close) }
          : { type: 'stylingSpan', raw, style, tokens: parseRange(i + 1, close) },
      );
      i = close;
      textStart = close + 1;
    }
    if (textStart < end) pushText(tokens, line.slice(textStart, end), work);
    return tokens;
  };
  return parseRange(0, line.length);
}

/** Appends `text` as text and link tokens (one by one: a spread of thousands of links would overflow the stack). */
function pushText(tokens: InlineToken[], text: string, work: StylingWork): void {
  // linkifyjs scans the text once (see links.ts).
  work.steps += text.length;
  for (const segment of splitLinks(text)) {
    tokens.push(
      segment.kind === 'link'
        ? { type: 'stylingLink', raw: segment.text, text: segment.text, href: segment.href }
        : { type: 'stylingText', raw: segment.text, text: segment.text },
    );
  }
}

/** Every line of `tokens` in body order, quotes included, for `visit`. */
function forEachLine(tokens: BlockToken[], visit: (line: StyledLine) => void): void {
  for (const token of tokens) {
    if (token.type === 'stylingLine') visit(token);
    else if (token.type === 'stylingPre') {
      visit(token.opening);
      token.lines.forEach(visit);
      if (token.closing) visit(token.closing);
    } else forEachLine(token.tokens, visit);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);
}

/** Text as HTML, with a `<wbr>` in each long run without whitespace, so no line box holds a whole run (decision 0025). */
function textHtml(text: string): string {
  return breakRuns(text).map(escapeHtml).join('<wbr>');
}

const directiveHtml = (text: string) => (text ? `<span class="directive" part="directive" aria-hidden="true">${escapeHtml(text)}</span>` : '');
const lineEnd = (line: { newline: boolean }) => (line.newline ? '\n' : '');

/** A `marked` that knows only XEP-0393; `work` counts its steps. */
function stylingMarked(work: StylingWork): Marked {
  let quoteDepth = 0;

  const preformatted: TokenizerAndRendererExtension = {
    name: 'stylingPre',
    level: 'block',
    tokenizer(src) {
      work.steps++;
      if (!src.startsWith(CODE_FENCE)) return undefined;
      const first = firstLine(src, work);
      const opening: StyledLine = { prefix: '', text: first.text, newline: first.newline };
      const lines: StyledLine[] = [];
      let closing: StyledLine | null = null;
      let position = first.length;
      while (position < src.length && !closing) {
        work.steps++;
        const line = firstLine(src.slice(position), work);
        position += line.length;
        const styled = { prefix: '', text: line.text, newline: line.newline };
        if (line.text === CODE_FENCE) closing = styled;
        else lines.push(styled);
      }
      const token: BlockToken = { type: 'stylingPre', raw: src.slice(0, position), opening, lines, closing };
      return token;
    },
    renderer(token) {
      const { opening, lines, closing } = token as Tokens.Generic & Extract<BlockToken, { type: 'stylingPre' }>;
      const lineHtml = (line: StyledLine, fence: boolean) =>
        directiveHtml(line.prefix) + (fence ? directiveHtml(line.text) : textHtml(line.text)) + lineEnd(line);
      return `<pre class="code-block" part="code-block"><code>${lineHtml(opening, true)}${lines.map(line => lineHtml(line, false)).join('')}${closing ? lineHtml(closing, true) : ''}</code></pre>`;
    },
  };

  const quotation: TokenizerAndRendererExtension = {
    name: 'stylingQuote',
    level: 'block',
    tokenizer(src) {
      work.steps++;
      if (!src.startsWith(QUOTE_MARKER) || quoteDepth >= MAX_QUOTE_DEPTH) return undefined;
      const markers: string[] = [];
      const inner: string[] = [];
      let position = 0;
      let newline = false;
      while (position < src.length && src.startsWith(QUOTE_MARKER, position)) {
        const line = firstLine(src.slice(position), work);
        const marker = isWhitespace(line.text[1]) ? line.text.slice(0, 2) : QUOTE_MARKER;
        markers.push(marker);
        inner.push(line.text.slice(marker.length));
        newline = line.newline;
        position += line.length;
      }
      quoteDepth++;
      let tokens: BlockToken[];
      try {
        tokens = this.lexer.blockTokens(inner.join('\n'), []) as unknown as BlockToken[];
      } finally {
        quoteDepth--;
      }
      let index = 0;
      forEachLine(tokens, line => {
        work.steps++;
        line.prefix = markers[index++] + line.prefix;
      });
      // marked makes no token of an empty last line ("> a\n>"), whose marker must still show.
      if (index < markers.length) tokens.push({ type: 'stylingLine', raw: '', prefix: markers[index], text: '', newline: false, tokens: [] });
      const token: BlockToken = { type: 'stylingQuote', raw: src.slice(0, position), tokens, newline };
      return token as unknown as Tokens.Generic;
    },
    renderer(token) {
      const quote = token as Tokens.Generic & Extract<BlockToken, { type: 'stylingQuote' }>;
      // The line break after a quote goes inside it: a break before the next line would be an empty line.
      return `<blockquote class="quote" part="quote">${this.parser.parse(quote.tokens as unknown as Tokens.Generic[])}${lineEnd(quote)}</blockquote>`;
    },
  };

  const plainLine: TokenizerAndRendererExtension = {
    name: 'stylingLine',
    level: 'block',
    tokenizer(src) {
      work.steps++;
      const line = firstLine(src, work);
      const token: BlockToken = {
        type: 'stylingLine',
        raw: src.slice(0, line.length),
        prefix: '',
        text: line.text,
        newline: line.newline,
        tokens: parseSpans(line.text, work),
      };
      return token as unknown as Tokens.Generic;
    },
    renderer(token) {
      const line = token as Tokens.Generic & Extract<BlockToken, { type: 'stylingLine' }>;
      return directiveHtml(line.prefix) + this.parser.parseInline(line.tokens as unknown as Tokens.Generic[]) + lineEnd(line);
    },
  };

  const renderers: TokenizerAndRendererExtension[] = [
    { name: 'stylingText', renderer: token => textHtml(token.text) },
    {
      name: 'stylingLink',
      renderer: token => `<a part="link" href="${escapeHtml(token.href)}" target="_blank" rel="noopener noreferrer">${textHtml(token.text)}</a>`,
    },
    {
      name: 'stylingCode',
      renderer: token => `<code class="code" part="code">${directiveHtml(SPAN_DIRECTIVES.code)}${textHtml(token.text)}${directiveHtml(SPAN_DIRECTIVES.code)}</code>`,
    },
    {
      name: 'stylingSpan',
      renderer(token) {
        const style = token.style as Exclude<SpanStyle, 'code'>;
        const tag = SPAN_TAGS[style];
        const directive = directiveHtml(SPAN_DIRECTIVES[style]);
        return `<${tag} class="${style}" part="${style}">${directive}${this.parser.parseInline(token.tokens ?? [])}${directive}</${tag}>`;
      },
    },
  ];

  // marked tries the block extensions registered last first: preformatted, quotation, then the
  // plain line, which takes any line, so marked's own Markdown tokenizers never run.
  return new Marked({ async: false, gfm: false, extensions: [...renderers, plainLine, quotation, preformatted] });
}

const marked = stylingMarked({ steps: 0 });

/** The tokens of `body` and the steps it took: for tests of the rules and of linear time. */
export function lexStyling(body: string): { tokens: Tokens.Generic[]; steps: number } {
  const work: StylingWork = { steps: 0 };
  const tokens = stylingMarked(work).lexer(body);
  return { tokens: [...tokens], steps: work.steps };
}

/** The styled HTML of `body`, before sanitizing: every character of the body is escaped into text. */
export function stylingHtml(body: string): string {
  return marked.parser(marked.lexer(body));
}

/**
 * The styled HTML of `body` for `innerHTML`, sanitized, or null where DOMPurify cannot run (no
 * full DOM, as in server rendering or mock-doc): callers then show the body as text.
 */
export function renderStyledBody(body: string): string | null {
  const sanitizer = purifier();
  return sanitizer ? sanitizer.sanitize(stylingHtml(body)) : null;
}

/**
 * DOMPurify configured once: given per call, the options were parsed (the allow-lists copied)
 * for every message rendered. An instance of our own, so the page's DOMPurify keeps its settings.
 */
let configured: ReturnType<typeof DOMPurify> | null | undefined;
function purifier(): ReturnType<typeof DOMPurify> | null {
  if (configured !== undefined) return configured;
  if (!DOMPurify.isSupported || typeof window === 'undefined') return (configured = null);
  configured = DOMPurify(window);
  configured.setConfig({
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ADD_URI_SAFE_ATTR: URI_SAFE_ATTR,
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
  return configured;
}
