import { applyEdit, formatSelection, type StylingFormat } from './format-selection';

/** Applies `format` to a text whose selection is marked with [ and ] (or a caret |), and marks the result the same way. */
function apply(marked: string, format: StylingFormat): string {
  const caret = marked.indexOf('|');
  const start = caret >= 0 ? caret : marked.indexOf('[');
  const end = caret >= 0 ? caret : marked.indexOf(']') - 1;
  const value = marked.replace(/[|[\]]/g, '');
  const edit = formatSelection({ value, start, end }, format);
  const result = applyEdit(value, edit);
  return edit.start === edit.end
    ? result.slice(0, edit.start) + '|' + result.slice(edit.start)
    : result.slice(0, edit.start) + '[' + result.slice(edit.start, edit.end) + ']' + result.slice(edit.end);
}

describe('formatSelection', () => {
  const cases: [string, StylingFormat, string][] = [
    // spans: a pair at the caret, the selection wrapped, pressed again: unwrapped
    ['say |', 'strong', 'say *|*'],
    ['say *|*', 'strong', 'say |'],
    ['say [hello]', 'strong', 'say *[hello]*'],
    ['say *[hello]*', 'strong', 'say [hello]'],
    ['say [hello]', 'emphasis', 'say _[hello]_'],
    ['say [hello]', 'strike', 'say ~[hello]~'],
    ['run [npm test] now', 'code', 'run `[npm test]` now'],
    // whitespace at the ends stays outside: a directive next to a space would not style
    ['say[ hello ]now', 'strong', 'say *[hello]* now'],
    // spans never cross lines: each line is wrapped
    ['[one\n\ntwo]', 'strong', '[*one*\n\n*two*]'],
    // a code block takes lines of its own
    ['|', 'code-block', '```\n|\n```'],
    ['see [x = 1] here', 'code-block', 'see \n```\n[x = 1]\n```\n here'],
    ['[line one\nline two]', 'code-block', '```\n[line one\nline two]\n```'],
    // quotes: every touched line, and off again
    ['hel|lo', 'quote', '> hel|lo'],
    ['> hel|lo', 'quote', 'hel|lo'],
    ['>|hello', 'quote', '|hello'],
    ['a\nb[b\nc]c\nd', 'quote', 'a\n[> bb\n> cc]\nd'],
    ['[a\n]b', 'quote', '[> a]\nb'],
    ['[> a\n>b]', 'quote', '[a\nb]'],
    ['[> a\nb]', 'quote', '[> > a\n> b]'],
  ];

  it.each(cases)('%j with %s gives %j', (before, format, after) => {
    expect(apply(before, format)).toBe(after);
  });
});
