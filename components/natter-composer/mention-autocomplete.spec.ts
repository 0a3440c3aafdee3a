import { matchingCandidates, MAX_SUGGESTIONS, mentionQuery, mentionRanges } from './mention-autocomplete';

describe('mention autocomplete', () => {
  it('finds the @word before the caret, only at a word start and without spaces', () => {
    expect(mentionQuery('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail me@al', 10)).toBeNull();
    expect(mentionQuery('@al ice', 7)).toBeNull();
    expect(mentionQuery('@al', 2)).toEqual({ start: 0, query: 'a' });
    expect(mentionQuery(`@${'x'.repeat(100_000)}`, 100_001)).toBeNull();
  });

  it('matches by label start first, then by a word, case-insensitively, at most a few, never the same label twice', () => {
    const people = [
      { label: 'Bob', uri: 'xmpp:r@c/Bob' },
      { label: 'alice', uri: 'xmpp:r@c/alice' },
      { label: 'Mary Alison', uri: 'xmpp:mary@x' },
      { label: 'Alice', uri: 'xmpp:r@c/Alice' },
      { label: 'alice', uri: 'xmpp:alice@x' },
    ];
    expect(matchingCandidates('AL', people).map(c => c.uri)).toEqual(['xmpp:r@c/alice', 'xmpp:r@c/Alice', 'xmpp:mary@x']);
    expect(matchingCandidates('', people)).toHaveLength(4);
    const many = Array.from({ length: 50 }, (_, i) => ({ label: `n${i}`, uri: `xmpp:r@c/n${i}` }));
    expect(matchingCandidates('n', many)).toHaveLength(MAX_SUGGESTIONS);
  });

  it('finds the picked people in the text as sent, by code points, whole words only, each once', () => {
    const alice = { label: 'Alice', uri: 'xmpp:r@c/Alice' };
    const bob = { label: 'Bob', uri: 'xmpp:r@c/Bob' };
    expect(mentionRanges('🌹 Alice and Bob', [bob, alice])).toEqual([
      { begin: 2, end: 7, uri: alice.uri },
      { begin: 12, end: 15, uri: bob.uri },
    ]);
    expect(mentionRanges('Alicea, Alice', [alice])).toEqual([{ begin: 8, end: 13, uri: alice.uri }]);
    expect(mentionRanges('Alice Alice', [alice, alice])).toEqual([
      { begin: 0, end: 5, uri: alice.uri },
      { begin: 6, end: 11, uri: alice.uri },
    ]);
    expect(mentionRanges('nobody here', [alice])).toEqual([]);
  });
});
