import { stanza, watchChildReads } from '../../spec-helpers';
import { CAPS_NODE, CAPS_VER, OWN_CAPS_INFO, capsElement, discoInfoAnswer } from '../disco/stanzas';
import { capsHash, capsVer, octetCompare, parseCapsQuery, verificationString } from './verification';

/** XEP-0115 §5.2, Example 1's disco#info. */
const SIMPLE = `<query xmlns='http://jabber.org/protocol/disco#info' node='http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0='>
  <identity category='client' name='Exodus 0.9.1' type='pc'/>
  <feature var='http://jabber.org/protocol/caps'/>
  <feature var='http://jabber.org/protocol/disco#info'/>
  <feature var='http://jabber.org/protocol/disco#items'/>
  <feature var='http://jabber.org/protocol/muc'/>
</query>`;

/** XEP-0115 §5.3: two identities in two languages and an XEP-0232 software-info form, in document order that is not sorted. */
const COMPLEX = `<query xmlns='http://jabber.org/protocol/disco#info' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
  <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
  <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
  <feature var='http://jabber.org/protocol/caps'/>
  <feature var='http://jabber.org/protocol/disco#info'/>
  <feature var='http://jabber.org/protocol/disco#items'/>
  <feature var='http://jabber.org/protocol/muc'/>
  <x xmlns='jabber:x:data' type='result'>
    <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
    <field var='ip_version' type='text-multi'><value>ipv4</value><value>ipv6</value></field>
    <field var='os'><value>Mac</value></field>
    <field var='os_version'><value>10.5.1</value></field>
    <field var='software'><value>Psi</value></field>
    <field var='software_version'><value>0.11</value></field>
  </x>
</query>`;

const query = (source: string) => parseCapsQuery(stanza(source));

describe('XEP-0115 verification string', () => {
  it('§5.2 simple generation example', () => {
    const info = query(SIMPLE)!;
    const s = verificationString(info);
    expect(s).toBe('client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<');
    expect(capsHash('sha-1', s)).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('§5.3 complex generation example (identities by xml:lang, an extended form sorted by var and value)', () => {
    const info = query(COMPLEX)!;
    expect(verificationString(info)).toBe(
      'client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<',
    );
    expect(capsVer(info)).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('does not depend on the order features, fields and values come in', () => {
    const shuffled = COMPLEX.replace("<value>ipv4</value><value>ipv6</value>", '<value>ipv6</value><value>ipv4</value>')
      .replace("<feature var='http://jabber.org/protocol/caps'/>", '')
      .replace('</query>', "<feature var='http://jabber.org/protocol/caps'/></query>");
    expect(capsVer(query(shuffled)!)).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('hashes with SHA-256 as well', () => {
    expect(capsHash('sha-256', '')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(capsVer(query(SIMPLE)!, 'sha-256')).toHaveLength(44);
  });

  it('sorts by octets (code points), not UTF-16 units: U+1F600 after U+FFFD', () => {
    expect(octetCompare('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(octetCompare('a', 'b')).toBeLessThan(0);
    expect(octetCompare('ab', 'a')).toBeGreaterThan(0);
    expect(octetCompare('Z', 'a')).toBeLessThan(0); // i;octet is case-sensitive: 'Z' (0x5A) before 'a'
  });
});

describe('our own caps', () => {
  it('CAPS_VER is the hash of exactly what our disco#info answer says', () => {
    const answer = parseCapsQuery(discoInfoAnswer(`${CAPS_NODE}#${CAPS_VER}`))!;
    expect(answer).not.toBeNull();
    expect(capsVer(answer)).toBe(CAPS_VER);
    expect(capsVer(OWN_CAPS_INFO)).toBe(CAPS_VER);
    expect(capsElement().attrs).toEqual({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: CAPS_NODE, ver: CAPS_VER });
  });
});

describe('parseCapsQuery (§5.4)', () => {
  it('rejects an identity given twice', () => {
    expect(query(SIMPLE.replace('</query>', "<identity category='client' name='Exodus 0.9.1' type='pc'/></query>"))).toBeNull();
  });

  it('keeps identities that differ only by language', () => {
    expect(query(COMPLEX)?.identities).toHaveLength(2);
  });

  it('rejects a feature given twice', () => {
    expect(query(SIMPLE.replace('</query>', "<feature var='http://jabber.org/protocol/muc'/></query>"))).toBeNull();
  });

  it('rejects two forms of one FORM_TYPE, and a FORM_TYPE with different values', () => {
    const form = COMPLEX.slice(COMPLEX.indexOf('<x '), COMPLEX.indexOf('</x>') + 4);
    expect(query(COMPLEX.replace('</query>', `${form}</query>`))).toBeNull();
    expect(query(COMPLEX.replace('<value>urn:xmpp:dataforms:softwareinfo</value>', '<value>urn:a</value><value>urn:b</value>'))).toBeNull();
  });

  it('leaves out a form whose FORM_TYPE is not hidden, or that has none, and still reads the rest', () => {
    const notHidden = query(COMPLEX.replace("var='FORM_TYPE' type='hidden'", "var='FORM_TYPE'"))!;
    expect(notHidden.forms).toEqual([]);
    expect(notHidden.features).toHaveLength(4);
    const none = query(COMPLEX.replace(/<field var='FORM_TYPE'.*?<\/field>/s, ''))!;
    expect(none.forms).toEqual([]);
  });

  it('rejects identities without category or type and features without var', () => {
    expect(query(SIMPLE.replace("category='client' ", ''))).toBeNull();
    expect(query(SIMPLE.replace("<feature var='http://jabber.org/protocol/muc'/>", '<feature/>'))).toBeNull();
  });

  it('is null for anything that is not a disco#info query', () => {
    expect(parseCapsQuery(undefined)).toBeNull();
    expect(query("<query xmlns='http://jabber.org/protocol/disco#items'/>")).toBeNull();
  });

  it('refuses a hostile answer with thousands of features, reading no further than its limit', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `<feature var='urn:x:${i}'/>`).join('');
    const hostile = stanza(`<query xmlns='http://jabber.org/protocol/disco#info'>${many}</query>`);
    const read = watchChildReads(hostile);
    expect(parseCapsQuery(hostile)).toBeNull();
    expect(read.size).toBeGreaterThan(1_000);
    expect(read.size).toBeLessThanOrEqual(1_001);
  });

  it('hashes a 100 KB name and odd Unicode without trouble', () => {
    const name = 'x'.repeat(100_000) + '\u{1F600}\u200F\u0301';
    const info = query(`<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='pc' name='${name}'/></query>`)!;
    expect(info.identities[0].name).toBe(name);
    expect(capsVer(info)).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });
});
