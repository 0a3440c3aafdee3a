import compactEmoji from 'emojibase-data/en/compact.json';
import { GROUP_ORDER, MAX_QUERY_LENGTH, loadEmojiData, loadedEmojiData, reduceEmojiData, searchEmoji, type PickerEmoji } from './emoji-data';

const data = reduceEmojiData(compactEmoji);
const emojiOf = (found: PickerEmoji[]) => found.map(item => item.emoji);
const codePoints = (text: string) => [...text].map(char => char.codePointAt(0)!.toString(16));

describe('emoji data', () => {
  it('keeps the base emoji of every group but the components, in emojibase order', () => {
    expect(data.groups.map(group => group.group)).toEqual([...GROUP_ORDER]);
    expect(data.emoji[0]).toMatchObject({ emoji: '😀', label: 'grinning face', group: 'smileys-emotion' });
    expect(data.groups[data.groups.length - 1].emoji.some(item => item.label === 'flag: Germany')).toBe(true);
    expect(data.emoji.length).toBe(data.groups.reduce((sum, group) => sum + group.emoji.length, 0));
    // Skin tone modifiers and hair components alone, and regional indicators alone, are not emoji to pick.
    const all = new Set(emojiOf([...data.emoji]));
    for (const component of ['🏻', '🏿', '🦰', '🦲', '🇦', '🇿']) expect(all.has(component)).toBe(false);
    expect(data.emoji.some(item => item.label.includes('skin tone'))).toBe(false);
    expect(all.size).toBe(data.emoji.length);
  });

  it('gives each emoji in the form other clients send: no U+FE0F after a character that is emoji anyway', () => {
    const byLabel = (label: string) => data.emoji.find(item => item.label === label)!.emoji;
    // emojibase writes 👍 with U+FE0F; Unicode's fully-qualified form and other clients' reactions have none.
    expect(codePoints(byLabel('thumbs up'))).toEqual(['1f44d']);
    expect(codePoints(byLabel('red heart'))).toEqual(['2764', 'fe0f']);
    expect(codePoints(byLabel('keycap: #'))).toEqual(['23', 'fe0f', '20e3']);
    expect(codePoints(byLabel('rainbow flag'))).toEqual(['1f3f3', 'fe0f', '200d', '1f308']);
  });

  it('names any emoji given from outside, skin tones too, with or without U+FE0F', () => {
    expect(data.labelOf('👍')).toBe('thumbs up');
    expect(data.labelOf('👍\uFE0F')).toBe('thumbs up');
    expect(data.labelOf('👍🏽')).toBe('thumbs up: medium skin tone');
    expect(data.labelOf('❤')).toBe('red heart');
    expect(data.labelOf('not an emoji')).toBeUndefined();
  });

  it('loads the English dataset once', async () => {
    const first = await loadEmojiData();
    expect(first.emoji.length).toBeGreaterThan(1800);
    expect(await loadEmojiData()).toBe(first);
    expect(loadedEmojiData()).toBe(first);
  });
});

describe('searchEmoji', () => {
  it('finds by the start of label words, case-insensitively, label matches first', () => {
    const thumbs = emojiOf(searchEmoji(data.emoji, 'thumbs'));
    expect(thumbs.slice(0, 2)).toEqual(['👍', '👎']);
    expect(emojiOf(searchEmoji(data.emoji, 'THUMB'))).toEqual(emojiOf(searchEmoji(data.emoji, 'thumb')));
    expect(emojiOf(searchEmoji(data.emoji, 'heart'))).toContain('❤️');
    expect(emojiOf(searchEmoji(data.emoji, 'red heart'))[0]).toBe('❤️');
    // A word's middle is not its start.
    expect(emojiOf(searchEmoji(data.emoji, 'umbs'))).not.toContain('👍');
  });

  it('needs every word of the query, each at the start of a label word or tag, in any order', () => {
    const found = searchEmoji(data.emoji, 'face cat');
    expect(emojiOf(found)).toContain('🐱');
    for (const item of found) {
      expect(item.keywords.some(keyword => keyword.startsWith('face'))).toBe(true);
      expect(item.keywords.some(keyword => keyword.startsWith('cat'))).toBe(true);
    }
    expect(emojiOf(searchEmoji(data.emoji, 'flag: uni'))).toContain('🇺🇸');
    expect(emojiOf(searchEmoji(data.emoji, 'rex'))).toContain('🦖');
  });

  it('finds by tags and emoticons after label matches, and by the emoji itself', () => {
    expect(emojiOf(searchEmoji(data.emoji, '+1'))).toContain('👍');
    expect(emojiOf(searchEmoji(data.emoji, 'like'))).toContain('👍');
    expect(emojiOf(searchEmoji(data.emoji, '<3'))).toContain('❤️');
    expect(emojiOf(searchEmoji(data.emoji, '👍\uFE0F'))[0]).toBe('👍');
    const love = searchEmoji(data.emoji, 'love');
    const firstByTag = love.findIndex(item => !item.label.toLowerCase().split(' ').some(word => word.startsWith('love')));
    const lastByLabel = love.map(item => item.label.toLowerCase().split(' ').some(word => word.startsWith('love'))).lastIndexOf(true);
    expect(firstByTag).toBeGreaterThan(lastByLabel);
  });

  it('returns at most the limit, 200 unless given, and nothing for an empty query', () => {
    expect(searchEmoji(data.emoji, 'a', 5)).toHaveLength(5);
    expect(searchEmoji(data.emoji, 'a').length).toBe(200);
    expect(searchEmoji(data.emoji, 'a', 0)).toEqual([]);
    expect(searchEmoji(data.emoji, '')).toEqual([]);
    expect(searchEmoji(data.emoji, ' \t\n ')).toEqual([]);
    expect(searchEmoji([], 'heart')).toEqual([]);
  });

  it('takes the query as text, not a pattern, and reads only its start: 100 000 characters return at once', () => {
    expect(searchEmoji(data.emoji, '.*')).toEqual([]);
    expect(searchEmoji(data.emoji, '(')).toEqual([]);
    expect(searchEmoji(data.emoji, '[a-z]+')).toEqual([]);
    // A search quadratic in the query's length would run past the test's timeout on these.
    const huge = 'a'.repeat(100_000);
    expect(searchEmoji(data.emoji, huge)).toEqual([]);
    expect(emojiOf(searchEmoji(data.emoji, `  thumbs up${' '.repeat(100_000)}`))[0]).toBe('👍');
    // Only the first MAX_QUERY_LENGTH characters count: what follows is not read.
    expect(emojiOf(searchEmoji(data.emoji, `thumbs${' '.repeat(MAX_QUERY_LENGTH)}zzzz`))).toContain('👍');
    expect(searchEmoji(data.emoji, 'a '.repeat(50_000))).toEqual(searchEmoji(data.emoji, 'a '.repeat(MAX_QUERY_LENGTH / 2)));
  });

  it('does not throw on odd Unicode', () => {
    const odd = ['\uD83D', '\uDC4D'.repeat(50_000), '\u0000', '\u202E\u200F', 'e\u0301'.repeat(40), '\uFFFF', '🏻', 'İ', 'ß'];
    for (const query of odd) expect(() => searchEmoji(data.emoji, query)).not.toThrow();
    // Decomposed "ñ" finds the label written with the composed one.
    expect(emojiOf(searchEmoji(data.emoji, 'pin\u0303ata'))).toContain('🪅');
  });
});
