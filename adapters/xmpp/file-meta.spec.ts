import { cleanFileName, MEDIA_TYPE, parseWholeNumber } from './file-meta';

describe('cleanFileName, the one rule for file names sent and received', () => {
  it.each([
    ['photo.jpg', 'photo.jpg'],
    ['très cool.jpg', 'très cool.jpg'],
    // any path goes, whichever separator
    ['../../etc/passwd', 'passwd'],
    ['../invoice.pdf', 'invoice.pdf'],
    ['C:\\Users\\me\\photo.jpg', 'photo.jpg'],
    ['a/b\\c.txt', 'c.txt'],
    // controls and bidi controls (which can make gpj.exe read as exe.jpg) go
    ['a\u0000b\nc.txt', 'abc.txt'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['x\u2066y\u2069\u200E.png', 'xy.png'],
    ['a\u0085b.txt', 'ab.txt'],
    // trimmed
    ['  notes.txt \t', 'notes.txt'],
    ['dir/  spaced.txt', 'spaced.txt'],
  ])('%j is %j', (name, clean) => {
    expect(cleanFileName(name)).toBe(clean);
  });

  it.each(['', '   ', '.', '..', 'a/..', 'dir/', '\u202E', undefined])('%j is no name', (name) => {
    expect(cleanFileName(name)).toBeUndefined();
  });

  it('is at most 255 characters, keeping a short extension', () => {
    const long = cleanFileName(`${'n'.repeat(300)}.jpeg`)!;
    expect(long).toHaveLength(255);
    expect(long.endsWith('.jpeg')).toBe(true);
    expect(cleanFileName('a'.repeat(5000))).toBe('a'.repeat(255));
    expect(cleanFileName('a'.repeat(255))).toBe('a'.repeat(255));
    // An emoji across the cut is dropped whole, never halved.
    const emoji = cleanFileName(`${'a'.repeat(250)}😀😀.png`)!;
    expect(emoji).toBe(`${'a'.repeat(250)}.png`);
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['0', 0],
    ['48213', 48213],
    [' 12 ', 12],
    ['9'.repeat(15), 999999999999999],
  ])('reads %j as %j', (text, n) => {
    expect(parseWholeNumber(text)).toBe(n);
  });

  it.each(['', '-5', '1e9', '1.5', '0x10', '12 kB', '9'.repeat(16), undefined])('has no number in %j', (text) => {
    expect(parseWholeNumber(text)).toBeUndefined();
  });
});

describe('MEDIA_TYPE', () => {
  it('matches a type/subtype essence and nothing with parameters or markup', () => {
    for (const ok of ['image/jpeg', 'Audio/WebM', 'application/vnd.oasis.opendocument.text', 'image/svg+xml']) expect(MEDIA_TYPE.test(ok)).toBe(true);
    for (const bad of ['', 'image', 'image/', '/png', 'text/html; charset=utf-8', 'text/html"><x', 'a/b/c']) expect(MEDIA_TYPE.test(bad)).toBe(false);
  });
});
