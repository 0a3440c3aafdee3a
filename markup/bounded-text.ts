/**
 * Bounds on how much of a peer's text is laid out at once (decision 0025). A browser's line
 * breaking of one long run without break opportunities can cost seconds, depending on fonts the
 * page does not control; these cuts make the work depend on the bounds, never on the text.
 *
 * Cuts fall between grapheme clusters (never inside a surrogate pair or before a combining mark),
 * and every function reads no more of its text than it keeps, plus a small window: linear time.
 * A single "cluster" longer than `MAX_CLUSTER_UNITS` (a hostile run of combining marks; no script
 * has one) is cut between code points instead, or it would defeat every bound.
 */

/** What a long body shows until "Show the whole message": at most this many UTF-16 code units… */
export const PREVIEW_UNITS = 1000;
/** …and at most this many lines. */
export const PREVIEW_LINES = 24;
/** A run of more than this many grapheme clusters without whitespace gets a break opportunity after each such chunk. */
export const RUN_CHUNK_GRAPHEMES = 24;
/** The whole message is shown in blocks of at most this many code units… */
export const WHOLE_CHUNK_UNITS = 256;
/** …and this many lines, each block laid out only when scrolled into view. */
export const WHOLE_CHUNK_LINES = 32;
/** A name, subject, status text, file name or reason from a peer: at most this many code units. */
export const LABEL_UNITS = 200;
/** Longer than this, a grapheme cluster is cut between code points. */
export const MAX_CLUSTER_UNITS = 64;

type Segmenter = { segment(text: string): Iterable<{ segment: string; index: number }> };
let segmenter: Segmenter | null | undefined;
function graphemes(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new (locale: undefined, options: { granularity: 'grapheme' }) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenter;
}

/** A code-unit index moved back off the second half of a surrogate pair. */
function codePointBoundary(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const code = text.charCodeAt(index);
  const before = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff ? index - 1 : index;
}

/**
 * The largest grapheme boundary at or before `limit` (code units) in `text`, reading only
 * `text[start, limit + MAX_CLUSTER_UNITS)`; `start` must be a boundary. Returns `start` only when
 * the first cluster is longer than the window allows, then the caller cuts between code points.
 */
function boundaryBefore(text: string, start: number, limit: number): number {
  if (limit >= text.length) return text.length;
  const seg = graphemes();
  if (!seg) return codePointBoundary(text, limit);
  // The cluster that straddles `limit` ends within the window unless it is hostile.
  const windowEnd = Math.min(text.length, limit + MAX_CLUSTER_UNITS);
  let boundary = start;
  for (const { index, segment } of seg.segment(text.slice(start, windowEnd))) {
    const end = start + index + segment.length;
    if (end > limit) break;
    boundary = end;
  }
  if (boundary > start && limit - boundary <= MAX_CLUSTER_UNITS) return boundary;
  return codePointBoundary(text, limit);
}

/** A long body's first part, and whether it leaves anything out. */
export interface BodyPreview {
  text: string;
  truncated: boolean;
}

/** The start of `body` a collapsed message shows: at most `units` code units and `lines` lines. */
export function previewOf(body: string, units = PREVIEW_UNITS, lines = PREVIEW_LINES): BodyPreview {
  let limit = Math.min(body.length, units);
  let newline = -1;
  for (let count = 0; count < lines; count++) {
    newline = body.indexOf('\n', newline + 1);
    if (newline < 0 || newline >= limit) break;
    if (count === lines - 1) limit = newline;
  }
  if (limit >= body.length) return { text: body, truncated: false };
  const cut = body.charCodeAt(limit) === 10 ? limit : boundaryBefore(body, 0, limit);
  return { text: body.slice(0, cut), truncated: true };
}

/** `text` cut to at most `units` code units between clusters, with "…" when it was longer. */
export function clip(text: string | undefined, units = LABEL_UNITS): string {
  if (!text || text.length <= units) return text ?? '';
  return `${text.slice(0, boundaryBefore(text, 0, units - 1))}…`;
}

/**
 * `text` in pieces between which a line may break: a run of more than `every` clusters without
 * whitespace is split after each `every` clusters (renderers put a `<wbr>` between the pieces), so
 * no line box holds more than that of one run. Joined, the pieces are `text`.
 */
export function breakRuns(text: string, every = RUN_CHUNK_GRAPHEMES): string[] {
  // Only runs that could exceed the chunk in clusters are segmented: most text is returned whole.
  const long = new RegExp(`\\S{${every + 1},}`, 'g');
  const pieces: string[] = [];
  let from = 0;
  const seg = graphemes();
  for (let match = long.exec(text); match; match = long.exec(text)) {
    const runStart = match.index;
    const run = match[0];
    let count = 0;
    let pieceStart = 0;
    const cutAt = (offset: number) => {
      pieces.push(text.slice(from, runStart + offset));
      from = runStart + offset;
      pieceStart = offset;
      count = 0;
    };
    if (seg) {
      for (const { index, segment } of seg.segment(run)) {
        if (count === every) cutAt(index);
        // A hostile cluster is broken too, between code points, every `every` of them.
        for (let inner = every * 2; inner < segment.length; inner += every * 2) {
          const at = codePointBoundary(run, index + inner);
          if (at > pieceStart) cutAt(at);
        }
        count++;
      }
    } else {
      let offset = 0;
      for (const char of run) {
        if (count === every) cutAt(offset);
        offset += char.length;
        count++;
      }
    }
  }
  pieces.push(text.slice(from));
  return pieces;
}

/**
 * Where the block of `text` that starts at `start` ends: after at most `lines` lines and `units`
 * code units; a cut that is not after a line break falls after one in the block's last quarter
 * when there is one, else between clusters. Reads only the block and a small window after it.
 */
export function chunkEnd(text: string, start: number, units = WHOLE_CHUNK_UNITS, lines = WHOLE_CHUNK_LINES): number {
  const limit = start + units;
  const block = text.slice(start, Math.min(text.length, limit));
  let newline = -1;
  for (let count = 0; count < lines; count++) {
    newline = block.indexOf('\n', newline + 1);
    if (newline < 0) break;
    if (count === lines - 1) return start + newline + 1;
  }
  if (limit >= text.length) return text.length;
  const lastNewline = block.lastIndexOf('\n');
  if (lastNewline >= (units * 3) / 4) return start + lastNewline + 1;
  const end = boundaryBefore(text, start, limit);
  return end > start ? end : Math.max(start + 1, codePointBoundary(text, limit));
}

/** `text` as consecutive blocks (see `chunkEnd`). Joined, the blocks are `text`. */
export function chunksOf(text: string, units = WHOLE_CHUNK_UNITS, lines = WHOLE_CHUNK_LINES): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = chunkEnd(text, start, units, lines);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}
