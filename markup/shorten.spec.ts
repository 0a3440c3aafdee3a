import { shorten } from './shorten';

describe('shorten', () => {
  it('keeps a text within the limit, and cuts a longer one at a code point with an ellipsis', () => {
    expect(shorten('Alice', 5)).toBe('Alice');
    expect(shorten('Alice Martin', 5)).toBe('Alice…');
    expect(shorten('🌹🌹🌹', 2)).toBe('🌹🌹…');
    expect(shorten('', 3)).toBe('');
  });
});
