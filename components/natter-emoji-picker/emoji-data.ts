// About 570 KB of JSON: only `<natter-emoji-picker>` imports this module, with a dynamic import(),
// so the data is a chunk of its own that no other component's bundle holds.
import compactEmoji from 'emojibase-data/en/compact.json';

/**
 * What the picker reads of an entry of emojibase's compact dataset. Restated here so that Natter's
 * published types name no package (emojibase's own types live in a package of their own).
 */
export interface CompactEmoji {
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
  emoticon?: string | string[];
  skins?: { label: string; unicode: string; group?: number; order?: number }[];
}

/** Emojibase's groups in its order, without 'component' (skin tones and hair styles only modify other emoji). */
export const GROUP_ORDER = ['smileys-emotion', 'people-body', 'animals-nature', 'food-drink', 'travel-places', 'activities', 'objects', 'symbols', 'flags'] as const;

export type EmojiGroup = (typeof GROUP_ORDER)[number];

/** Emojibase's group numbers (its `group` field); 2 is 'component', left out. */
const GROUP_BY_NUMBER: Readonly<Record<number, EmojiGroup>> = {
  0: 'smileys-emotion',
  1: 'people-body',
  3: 'animals-nature',
  4: 'food-drink',
  5: 'travel-places',
  6: 'activities',
  7: 'objects',
  8: 'symbols',
  9: 'flags',
};

/** One emoji as the picker shows and finds it. */
export interface PickerEmoji {
  /** The emoji as it is sent: the fully-qualified form (no U+FE0F after a character that is an emoji by default, e.g. 👍). */
  readonly emoji: string;
  /** Its CLDR name, e.g. "thumbs up": the button's accessible name and title. */
  readonly label: string;
  readonly group: EmojiGroup;
  /** Lower-case words it is found by: its label's words first, then its tags, emoticons and the emoji itself. */
  readonly keywords: readonly string[];
  /** How many of `keywords` come from the label: matches there rank before tag matches. */
  readonly labelWords: number;
}

export interface EmojiGroupData {
  readonly group: EmojiGroup;
  /** In emojibase's order; never empty. */
  readonly emoji: readonly PickerEmoji[];
}

export interface EmojiData {
  /** Every emoji, in emojibase's order. */
  readonly emoji: readonly PickerEmoji[];
  /** The groups that have emoji, in `GROUP_ORDER`. */
  readonly groups: readonly EmojiGroupData[];
  /** The name of any emoji in the data, skin tone variants included (U+FE0F ignored): for emoji given from outside, e.g. recent ones. */
  labelOf(emoji: string): string | undefined;
}

/** Search reads at most this many characters of the query: no emoji's words are longer together. */
export const MAX_QUERY_LENGTH = 64;

/** Default number of matches `searchEmoji` returns. */
export const DEFAULT_SEARCH_LIMIT = 200;

const VARIATION_SELECTOR = /\uFE0F/g;
/** U+FE0F after a character shown as emoji anyway: emojibase keeps it, Unicode's fully-qualified form and other clients do not. */
const REDUNDANT_VARIATION_SELECTOR = /(\p{Emoji_Presentation})\uFE0F/gu;
/** Separators between a label's words ("flag: United States", "A button (blood type)", "Japanese “here” button"). */
const LABEL_SEPARATORS = /[\s,:()“”"]+/;
/** Separators inside a word that also start words of their own ("t-rex", "woman’s"). */
const WORD_JOINERS = /[-’']/;
const WHITESPACE = /\s+/;

/** An emoji's key for look-ups: without variation selectors, which clients add or drop. */
function bare(emoji: string): string {
  return emoji.replace(VARIATION_SELECTOR, '');
}

function keywordsOf(entry: CompactEmoji): { keywords: string[]; labelWords: number } {
  const keywords: string[] = [];
  const label = entry.label.toLowerCase();
  // The whole label too, so that a query with punctuation ("flag: uni") still finds it.
  keywords.push(label);
  for (const word of label.split(LABEL_SEPARATORS)) {
    if (!word) continue;
    keywords.push(word);
    if (WORD_JOINERS.test(word)) for (const part of word.split(WORD_JOINERS)) if (part) keywords.push(part);
  }
  const labelWords = keywords.length;
  for (const tag of entry.tags ?? []) keywords.push(tag.toLowerCase());
  const emoticons = entry.emoticon === undefined ? [] : Array.isArray(entry.emoticon) ? entry.emoticon : [entry.emoticon];
  for (const emoticon of emoticons) keywords.push(emoticon.toLowerCase());
  keywords.push(bare(entry.unicode));
  return { keywords, labelWords };
}

/** Emojibase's compact entries reduced to what the picker needs: no regional indicators, no skin tone or hair components. */
export function reduceEmojiData(entries: readonly CompactEmoji[]): EmojiData {
  const labels = new Map<string, string>();
  const picked: { entry: CompactEmoji; group: EmojiGroup }[] = [];
  for (const entry of entries) {
    const group = entry.group === undefined ? undefined : GROUP_BY_NUMBER[entry.group];
    if (!group) continue;
    picked.push({ entry, group });
    labels.set(bare(entry.unicode), entry.label);
    for (const skin of entry.skins ?? []) labels.set(bare(skin.unicode), skin.label);
  }
  picked.sort((a, b) => (a.entry.order ?? 0) - (b.entry.order ?? 0));
  const emoji = picked.map(({ entry, group }): PickerEmoji => ({
    emoji: entry.unicode.replace(REDUNDANT_VARIATION_SELECTOR, '$1'),
    label: entry.label,
    group,
    ...keywordsOf(entry),
  }));
  const groups = GROUP_ORDER.map(group => ({ group, emoji: emoji.filter(item => item.group === group) })).filter(group => group.emoji.length > 0);
  return { emoji, groups, labelOf: value => labels.get(bare(value)) };
}

let reduced: EmojiData | undefined;

/** The English data, reduced once. */
export function loadedEmojiData(): EmojiData | undefined {
  return reduced;
}

/**
 * The English data from emojibase, reduced on the first call. Async like the import before it,
 * so that the picker waits on one promise, and a spec can hold it pending (the loading state).
 */
export async function loadEmojiData(): Promise<EmojiData> {
  reduced ??= reduceEmojiData(compactEmoji);
  return reduced;
}

/**
 * The emoji whose label words, tags or emoticons start with every word of `query` (case-insensitive),
 * at most `limit`: first those whose label starts with the query, then those matched by label words
 * alone, then the rest, each in `list` order. The query is user input: it is trimmed and only its first
 * `MAX_QUERY_LENGTH` characters are read, and matching is by prefix comparison (no pattern is built
 * from it), so a search costs one pass over `list` whatever was typed. An empty query matches nothing.
 */
export function searchEmoji(list: readonly PickerEmoji[], query: string, limit = DEFAULT_SEARCH_LIMIT): PickerEmoji[] {
  const text = query.trim().slice(0, MAX_QUERY_LENGTH).replace(VARIATION_SELECTOR, '').normalize('NFC').toLowerCase();
  const terms = text.split(WHITESPACE).filter(Boolean);
  if (terms.length === 0 || !(limit > 0)) return [];
  const phrase = terms.join(' ');
  const byLabel: PickerEmoji[] = [];
  const byLabelWords: PickerEmoji[] = [];
  const others: PickerEmoji[] = [];
  for (const item of list) {
    if (byLabel.length >= limit) break;
    if (item.keywords[0]?.startsWith(phrase)) {
      byLabel.push(item);
      continue;
    }
    let labelOnly = true;
    let matched = true;
    for (const term of terms) {
      const at = item.keywords.findIndex(keyword => keyword.startsWith(term));
      if (at < 0) {
        matched = false;
        break;
      }
      if (at >= item.labelWords) labelOnly = false;
    }
    if (!matched) continue;
    const bucket = labelOnly ? byLabelWords : others;
    if (bucket.length < limit) bucket.push(item);
  }
  return byLabel.concat(byLabelWords, others).slice(0, limit);
}
