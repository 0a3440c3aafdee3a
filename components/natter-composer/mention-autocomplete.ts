/**
 * The composer's mention autocomplete: what is being typed after `@`, who matches it, and the
 * XEP-0372 ranges of the people picked, found again in the text as sent (the user may edit around
 * them). Everything is linear in the text and bounded by the candidates shown.
 */
import type { Mention } from '../../adapters/types';

/** A person the user can mention: the text put into the message and who it means. */
export interface MentionCandidate {
  /** What is inserted: a nick, or a contact's address (their name in the user's roster is the user's private label). */
  label: string;
  /** What the suggestion list shows, when not the label (a contact's name and address). */
  display?: string;
  /** `xmpp:` URI of who is meant. */
  uri: string;
}

/** How many suggestions are shown at once. */
export const MAX_SUGGESTIONS = 8;
/** A query longer than this is no nick being typed. */
const MAX_QUERY = 32;
const SPACE = /\s/;

/**
 * The `@word` just before the caret: where its `@` is and what follows it, or null. The `@` must
 * start the text or follow whitespace, and nothing between it and the caret is whitespace.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const from = Math.max(0, caret - MAX_QUERY - 1);
  for (let at = caret - 1; at >= from; at--) {
    const char = text[at];
    if (SPACE.test(char)) return null;
    if (char === '@' && (at === 0 || SPACE.test(text[at - 1]))) return { start: at, query: text.slice(at + 1, caret) };
  }
  return null;
}

/** The candidates whose label starts with `query` (case-insensitive), then those with a word starting with it; at most MAX_SUGGESTIONS, no label twice. */
export function matchingCandidates(query: string, candidates: readonly MentionCandidate[]): MentionCandidate[] {
  const wanted = query.toLocaleLowerCase();
  const first: MentionCandidate[] = [];
  const then: MentionCandidate[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.label)) continue;
    const label = (candidate.display ?? candidate.label).toLocaleLowerCase();
    if (label.startsWith(wanted) || candidate.label.toLocaleLowerCase().startsWith(wanted)) first.push(candidate);
    else if (wanted && label.split(SPACE).some(word => word.startsWith(wanted))) then.push(candidate);
    else continue;
    seen.add(candidate.label);
    if (first.length >= MAX_SUGGESTIONS) break;
  }
  return first.concat(then).slice(0, MAX_SUGGESTIONS);
}

/**
 * Where the picked people stand in `body` as XEP-0372 code point ranges: each label found as a
 * whole word, in the order picked, each occurrence used once. A label edited away is no mention.
 */
export function mentionRanges(body: string, picked: readonly MentionCandidate[]): Mention[] {
  const mentions: Mention[] = [];
  const used = new Set<number>();
  for (const person of picked) {
    let at = body.indexOf(person.label);
    while (at >= 0) {
      const before = at === 0 || !/[\p{L}\p{N}_]/u.test(body[at - 1]);
      const end = at + person.label.length;
      const after = end >= body.length || !/[\p{L}\p{N}_]/u.test(body[end]);
      if (before && after && !used.has(at)) break;
      at = body.indexOf(person.label, at + 1);
    }
    if (at < 0) continue;
    used.add(at);
    const begin = Array.from(body.slice(0, at)).length;
    mentions.push({ begin, end: begin + Array.from(person.label).length, uri: person.uri });
  }
  return mentions.sort((a, b) => a.begin - b.begin);
}
