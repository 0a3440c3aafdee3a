import { LABEL_UNITS, PREVIEW_LINES, PREVIEW_UNITS, RUN_CHUNK_GRAPHEMES, WHOLE_CHUNK_LINES, WHOLE_CHUNK_UNITS, breakRuns, chunksOf, clip, previewOf } from './bounded-text';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clusters = (text: string) => Array.from(segmenter.segment(text), part => part.segment);
/** Whether `index` in `text` falls between two grapheme clusters. */
const atBoundary = (text: string, index: number) => {
  if (index === 0 || index === text.length) return true;
  let at = 0;
  for (const cluster of clusters(text)) {
    if (at === index) return true;
    if (at > index) return false;
    at += cluster.length;
  }
  return at === index;
};

/** Hostile runs of several scripts, without a break opportunity, 100 KB or so each. */
const RUNS: Record<string, string> = {
  latin: 'a'.repeat(100_000),
  cjk: '漢字仮名'.repeat(25_000),
  arabic: 'مرحبا'.repeat(20_000),
  emoji: '👩‍👩‍👧‍👦🏳️‍🌈👍🏽'.repeat(5_000),
  combining: 'e\u0301\u0302\u0323'.repeat(25_000),
  stars: '*'.repeat(100_000),
  backticks: '`'.repeat(100_000),
  quotes: '>'.repeat(100_000),
};

describe('bounded text', () => {
  describe('previewOf', () => {
    it('keeps a short body whole', () => {
      expect(previewOf('Hello\nthere')).toEqual({ text: 'Hello\nthere', truncated: false });
      expect(previewOf('')).toEqual({ text: '', truncated: false });
      expect(previewOf('x'.repeat(PREVIEW_UNITS))).toEqual({ text: 'x'.repeat(PREVIEW_UNITS), truncated: false });
    });

    it.each(Object.keys(RUNS))('cuts a long %s run within the bound, between clusters', name => {
      const body = RUNS[name];
      const { text, truncated } = previewOf(body);
      expect(truncated).toBe(true);
      expect(text.length).toBeLessThanOrEqual(PREVIEW_UNITS);
      expect(text.length).toBeGreaterThan(PREVIEW_UNITS - 64);
      expect(body.startsWith(text)).toBe(true);
      expect(atBoundary(body.slice(0, PREVIEW_UNITS + 64), text.length)).toBe(true);
    });

    it('stops after the last line it may show', () => {
      const body = Array.from({ length: 50_000 }, (_, index) => `line ${index}`).join('\n');
      const { text, truncated } = previewOf(body);
      expect(truncated).toBe(true);
      expect(text.split('\n')).toHaveLength(PREVIEW_LINES);
      expect(text.endsWith(`line ${PREVIEW_LINES - 1}`)).toBe(true);
      expect(previewOf('\n'.repeat(100_000)).text).toBe('\n'.repeat(PREVIEW_LINES - 1));
    });

    it('never splits a surrogate pair, even without a segmenter', () => {
      const body = `a${'🌹'.repeat(2000)}`;
      const { text } = previewOf(body);
      expect(text.length % 2).toBe(1);
      expect(text.endsWith('🌹')).toBe(true);
    });

    it('cuts a hostile cluster of combining marks between code points', () => {
      const body = `e${'\u0301'.repeat(100_000)}`;
      const { text, truncated } = previewOf(body);
      expect(truncated).toBe(true);
      expect(text.length).toBe(PREVIEW_UNITS);
    });
  });

  describe('clip', () => {
    it('keeps short labels and cuts long ones with an ellipsis, between clusters', () => {
      expect(clip('Alice')).toBe('Alice');
      expect(clip(undefined)).toBe('');
      const long = '👩‍👩‍👧‍👦'.repeat(100);
      const clipped = clip(long);
      expect(clipped.endsWith('…')).toBe(true);
      expect(clipped.length).toBeLessThanOrEqual(LABEL_UNITS);
      expect(atBoundary(long, clipped.length - 1)).toBe(true);
      expect(clip('x'.repeat(100_000))).toBe(`${'x'.repeat(LABEL_UNITS - 1)}…`);
    });
  });

  describe('breakRuns', () => {
    it('leaves text with spaces whole', () => {
      expect(breakRuns('Hello there, how are you?')).toEqual(['Hello there, how are you?']);
      expect(breakRuns('')).toEqual(['']);
    });

    it.each(Object.keys(RUNS))('splits a %s run into pieces of at most the chunk, between clusters, losing nothing', name => {
      const text = RUNS[name].slice(0, 3000);
      const pieces = breakRuns(text);
      expect(pieces.join('')).toBe(text);
      expect(pieces.length).toBeGreaterThan(3000 / (RUN_CHUNK_GRAPHEMES * 12));
      for (const piece of pieces) expect(clusters(piece).length).toBeLessThanOrEqual(RUN_CHUNK_GRAPHEMES);
      // Every cut falls between clusters of the whole text.
      let at = 0;
      const cuts = new Set<number>();
      for (const piece of pieces.slice(0, -1)) cuts.add((at += piece.length));
      let position = 0;
      const boundaries = new Set<number>([0]);
      for (const cluster of clusters(text)) boundaries.add((position += cluster.length));
      for (const cut of cuts) expect(boundaries.has(cut)).toBe(true);
    });

    it('breaks only the long runs of a line', () => {
      const run = 'x'.repeat(RUN_CHUNK_GRAPHEMES * 2 + 1);
      expect(breakRuns(`hi ${run} there`)).toEqual([`hi ${'x'.repeat(RUN_CHUNK_GRAPHEMES)}`, 'x'.repeat(RUN_CHUNK_GRAPHEMES), `x there`]);
    });

    it('breaks a hostile cluster of combining marks too', () => {
      const text = `e${'\u0301'.repeat(1000)}`;
      const pieces = breakRuns(text);
      expect(pieces.join('')).toBe(text);
      expect(Math.max(...pieces.map(piece => piece.length))).toBeLessThanOrEqual(RUN_CHUNK_GRAPHEMES * 2);
    });
  });

  describe('chunksOf', () => {
    it.each(Object.keys(RUNS))('splits a whole %s body into bounded blocks that join to it', name => {
      const body = RUNS[name];
      const chunks = chunksOf(body);
      expect(chunks.join('')).toBe(body);
      for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(WHOLE_CHUNK_UNITS);
      expect(chunks.length).toBeLessThan(body.length / (WHOLE_CHUNK_UNITS - 64) + 2);
    });

    it.each([
      ['empty lines', '\n'.repeat(100_000)],
      ['short lines', 'line\n'.repeat(20_000)],
      ['fence lines', '```\n'.repeat(25_000)],
    ])('splits %s into blocks of at most the lines allowed', (_, body) => {
      const chunks = chunksOf(body);
      expect(chunks.join('')).toBe(body);
      for (const chunk of chunks) expect(chunk.split('\n').length - 1).toBeLessThanOrEqual(WHOLE_CHUNK_LINES);
      expect(chunks.slice(0, -1).every(chunk => chunk.endsWith('\n'))).toBe(true);
    });

    it('cuts after a line break when there is one near the end of a block', () => {
      const line = `${'word '.repeat(7)}word\n`; // 40 units: a block of 256 ends inside the seventh line
      const body = line.repeat(500);
      const chunks = chunksOf(body);
      expect(chunks.join('')).toBe(body);
      for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith('\n')).toBe(true);
    });
  });
});
