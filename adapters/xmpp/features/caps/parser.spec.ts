import { stanza } from '../../spec-helpers';
import { parseCaps } from './parser';

const presence = (c: string) => stanza(`<presence from='romeo@montague.lit/orchard'>${c}</presence>`);
const NS = "xmlns='http://jabber.org/protocol/caps'";

describe('parseCaps', () => {
  it('reads hash, node and ver', () => {
    expect(parseCaps(presence(`<c ${NS} hash='sha-1' node='http://code.google.com/p/exodus' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>`))).toEqual({
      hash: 'sha-1',
      node: 'http://code.google.com/p/exodus',
      ver: 'QgayPKawpkPSDYmwT/WM94uAlu0=',
    });
  });

  it('reads a SHA-256 ver, and the hash name in any case', () => {
    const ver = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
    expect(parseCaps(presence(`<c ${NS} hash='SHA-256' node='n' ver='${ver}'/>`))).toEqual({ hash: 'sha-256', node: 'n', ver });
  });

  it('ignores legacy caps (no hash attribute: ver is a version, not a hash) and ext', () => {
    expect(parseCaps(presence(`<c ${NS} node='http://exodus.jabberstudio.org/caps' ver='0.9' ext='ftrans xhtml'/>`))).toBeNull();
  });

  it.each([
    ['no caps at all', ''],
    ['another namespace', "<c xmlns='urn:other' hash='sha-1' node='n' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"],
    ['an unknown hash', `<c ${NS} hash='md5' node='n' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>`],
    ['no node', `<c ${NS} hash='sha-1' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>`],
    ['no ver', `<c ${NS} hash='sha-1' node='n'/>`],
    ['an empty ver', `<c ${NS} hash='sha-1' node='n' ver=''/>`],
    ['a ver that is not base64', `<c ${NS} hash='sha-1' node='n' ver='QgayPKawpkPSDYmwT/WM94uAl<0='/>`],
    ['a ver of the wrong length for its hash', `<c ${NS} hash='sha-256' node='n' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>`],
    ['a 100 KB ver', `<c ${NS} hash='sha-1' node='n' ver='${'A'.repeat(100_000)}'/>`],
    ['a 100 KB node', `<c ${NS} hash='sha-1' node='${'n'.repeat(100_000)}' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>`],
  ])('ignores %s', (_name, c) => {
    expect(parseCaps(presence(c))).toBeNull();
  });
});
