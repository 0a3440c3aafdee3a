/**
 * What the composer's styling buttons and shortcuts do to the text: wrap the selection in XEP-0393
 * directives (styling.ts), or take them off again when they are already there.
 */
import { CODE_FENCE, QUOTE_MARKER, SPAN_DIRECTIVES, type SpanStyle } from './styling';

export type StylingFormat = SpanStyle | 'code-block' | 'quote';

/** The text of an input and its selection (the caret when both ends are equal). */
export interface TextSelection {
  value: string;
  start: number;
  end: number;
}

/** Replace `value.slice(from, to)` with `insert`, then select `start`…`end` of the new text. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
  start: number;
  end: number;
}

export function applyEdit(value: string, edit: TextEdit): string {
  return value.slice(0, edit.from) + edit.insert + value.slice(edit.to);
}

/** The edit that applies `format` to the selection in `selection.value`. */
export function formatSelection(selection: TextSelection, format: StylingFormat): TextEdit {
  if (format === 'code-block') return fenceSelection(selection);
  if (format === 'quote') return quoteLines(selection);
  return wrapSpan(selection, SPAN_DIRECTIVES[format]);
}

/**
 * A span: the caret gets an empty pair to type into; a selection is wrapped line by line (spans
 * never cross lines), without the whitespace at its ends, since a directive next to a space
 * does not style. A selection already between the directives loses them.
 */
function wrapSpan({ value, start, end }: TextSelection, directive: string): TextEdit {
  const wrapped = value.slice(start - directive.length, start) === directive && value.slice(end, end + directive.length) === directive;
  if (wrapped) {
    return { from: start - directive.length, to: end + directive.length, insert: value.slice(start, end), start: start - directive.length, end: end - directive.length };
  }
  if (start === end) return { from: start, to: end, insert: directive + directive, start: start + directive.length, end: start + directive.length };
  const lines = value.slice(start, end).split('\n');
  const insert = lines
    .map(line => {
      const text = line.trim();
      if (!text) return line;
      const lead = line.slice(0, line.indexOf(text));
      return lead + directive + text + directive + line.slice(lead.length + text.length);
    })
    .join('\n');
  if (lines.length === 1 && insert !== lines[0]) {
    // One line: keep the words selected, so pressing again takes the directives off.
    const lead = lines[0].indexOf(lines[0].trim());
    const textStart = start + lead + directive.length;
    return { from: start, to: end, insert, start: textStart, end: textStart + lines[0].trim().length };
  }
  return { from: start, to: end, insert, start, end: start + insert.length };
}

/** A preformatted block around the selection (or an empty one at the caret), its fences on lines of their own. */
function fenceSelection({ value, start, end }: TextSelection): TextEdit {
  const before = start === 0 || value[start - 1] === '\n' ? '' : '\n';
  const after = end === value.length || value[end] === '\n' ? '' : '\n';
  const opening = `${before}${CODE_FENCE}\n`;
  const content = value.slice(start, end);
  const insert = `${opening}${content}\n${CODE_FENCE}${after}`;
  return { from: start, to: end, insert, start: start + opening.length, end: start + opening.length + content.length };
}

/** `> ` before every line the selection touches; if all of them are quoted already, one level off. */
function quoteLines({ value, start, end }: TextSelection): TextEdit {
  const from = value.lastIndexOf('\n', start - 1) + 1;
  // A selection that ends at the start of a line does not touch that line.
  const lastEnd = end > start && value[end - 1] === '\n' ? end - 1 : end;
  const lineEnd = value.indexOf('\n', lastEnd);
  const to = lineEnd < 0 ? value.length : lineEnd;
  const lines = value.slice(from, to).split('\n');
  const quoted = lines.every(line => line.startsWith(QUOTE_MARKER));
  const insert = lines
    .map(line => (quoted ? line.slice(line.startsWith(`${QUOTE_MARKER} `) ? 2 : 1) : `${QUOTE_MARKER} ${line}`))
    .join('\n');
  if (start === end) {
    const shift = quoted ? -Math.min(start - from, lines[0].length - insert.length) : insert.length - lines[0].length;
    return { from, to, insert, start: start + shift, end: start + shift };
  }
  return { from, to, insert, start: from, end: from + insert.length };
}
