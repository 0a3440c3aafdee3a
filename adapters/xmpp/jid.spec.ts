import { bare, formatJid, isBareAccountJid, isValidJid, parseJid, resourceOf, sameJid } from './jid';

describe('parseJid', () => {
  it.each([
    ['juliet@capulet.lit', { local: 'juliet', domain: 'capulet.lit' }],
    ['juliet@capulet.lit/balcony', { local: 'juliet', domain: 'capulet.lit', resource: 'balcony' }],
    ['capulet.lit', { domain: 'capulet.lit' }],
    ['capulet.lit/res', { domain: 'capulet.lit', resource: 'res' }],
    ['localhost', { domain: 'localhost' }],
    ['a@127.0.0.1', { local: 'a', domain: '127.0.0.1' }],
    ['a@[::1]', { local: 'a', domain: '[::1]' }],
    ['Juliet@Capulet.LIT/Balcony', { local: 'juliet', domain: 'capulet.lit', resource: 'Balcony' }],
    ['juliet@capulet.lit.', { local: 'juliet', domain: 'capulet.lit' }],
    // the resource is everything after the first slash, including @ and /
    ['juliet@capulet.lit/a@b/c', { local: 'juliet', domain: 'capulet.lit', resource: 'a@b/c' }],
    // an @ after the first slash belongs to the resource: no local part
    ['capulet.lit/juliet@x', { domain: 'capulet.lit', resource: 'juliet@x' }],
    ['élodie@café.example', { local: 'élodie', domain: 'café.example' }],
    ['under_score@host_name.example', { local: 'under_score', domain: 'host_name.example' }],
    ['juliet@capulet.lit/with space', { local: 'juliet', domain: 'capulet.lit', resource: 'with space' }],
  ])('parses %s', (input, expected) => {
    expect(parseJid(input)).toEqual(expected);
  });

  it.each([
    [''],
    ['@capulet.lit'],
    ['juliet@'],
    ['juliet@/res'],
    ['juliet@capulet.lit/'],
    ['jul iet@capulet.lit'],
    ['jul"iet@capulet.lit'],
    ["jul'iet@capulet.lit"],
    ['jul&iet@capulet.lit'],
    ['jul:iet@capulet.lit'],
    ['jul<iet@capulet.lit'],
    ['jul>iet@capulet.lit'],
    ['a@b@capulet.lit'],
    ['juliet@capu let.lit'],
    ['juliet@capulet..lit'],
    ['juliet@-capulet.lit'],
    ['juliet@capulet-.lit'],
    ['juliet@capu<let.lit'],
    ['juliet@capulet.lit/\u0000'],
    ['ju\u0007liet@capulet.lit'],
    ['juliet\t@capulet.lit'],
    ['juliet@[zz]'],
  ])('rejects %j', (input) => {
    expect(parseJid(input)).toBeNull();
    expect(isValidJid(input)).toBe(false);
  });

  it('rejects parts that are too long', () => {
    expect(parseJid('x'.repeat(1024) + '@capulet.lit')).toBeNull();
    expect(parseJid('juliet@' + 'a'.repeat(64) + '.lit')).toBeNull();
    expect(parseJid('juliet@capulet.lit/' + 'r'.repeat(1024))).toBeNull();
    expect(parseJid('x'.repeat(1023) + '@capulet.lit/' + 'r'.repeat(1023))).not.toBeNull();
  });

  it('counts part lengths in UTF-8 bytes', () => {
    // 342 × 3 bytes = 1026 bytes > 1023
    expect(parseJid('€'.repeat(342) + '@capulet.lit')).toBeNull();
    expect(parseJid('€'.repeat(341) + '@capulet.lit')).not.toBeNull();
  });

  it.each([[undefined], [null], [42], [{}], [['a@b']]])('rejects the non-string %j', (input) => {
    expect(parseJid(input)).toBeNull();
  });

  it('normalizes to NFC so that composed and decomposed forms compare equal', () => {
    expect(bare('e\u0301lodie@capulet.lit')).toBe('\u00e9lodie@capulet.lit');
  });
});

describe('bare / resourceOf / formatJid / sameJid', () => {
  it('gives the normalized bare JID', () => {
    expect(bare('Juliet@Capulet.lit/Balcony')).toBe('juliet@capulet.lit');
    expect(bare('capulet.lit/x')).toBe('capulet.lit');
    expect(bare('not a jid')).toBeNull();
  });

  it('gives the resource', () => {
    expect(resourceOf('juliet@capulet.lit/balcony')).toBe('balcony');
    expect(resourceOf('juliet@capulet.lit')).toBe('');
    expect(resourceOf('@')).toBeNull();
  });

  it('formats full JIDs back', () => {
    expect(formatJid(parseJid('Juliet@Capulet.lit/Balcony')!)).toBe('juliet@capulet.lit/Balcony');
  });

  it('compares after normalization, resources case-sensitively', () => {
    expect(sameJid('Juliet@capulet.lit', 'juliet@CAPULET.lit')).toBe(true);
    expect(sameJid('juliet@capulet.lit/A', 'juliet@capulet.lit/a')).toBe(false);
    expect(sameJid('juliet@capulet.lit', 'bad jid')).toBe(false);
  });

  it('recognizes account JIDs', () => {
    expect(isBareAccountJid('juliet@capulet.lit')).toBe(true);
    expect(isBareAccountJid('juliet@capulet.lit/r')).toBe(false);
    expect(isBareAccountJid('capulet.lit')).toBe(false);
  });
});
