/**
 * `text` cut to at most `max` code points, with "…" when it was longer. It reads no further than
 * it keeps, so a 100 KB body costs what the cut costs (it runs in renders), and never splits a
 * surrogate pair.
 */
export function shorten(text: string, max: number): string {
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count === max) return `${text.slice(0, end)}…`;
    count++;
    end += char.length;
  }
  return text;
}
