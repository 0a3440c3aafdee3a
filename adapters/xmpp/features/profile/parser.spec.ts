import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { stanza } from '../../spec-helpers';
import {
  boundName,
  decodeBase64,
  encodeBase64,
  MAX_AVATAR_BYTES,
  MAX_NAME_LENGTH,
  parseAvatarData,
  parsePhotoUpdate,
  parseProfileEvent,
  parseVcardTemp,
  pepItem,
} from './parser';
import { openPublish } from '../pep/stanzas';
import { avatarDataItem, avatarMetadataItem, nickItem, photoUpdate, vcardSet } from './stanzas';

const ROMEO = 'romeo@montague.lit';
const HASH = '111f4b3c50d7b0df729d299bc6f8e9ef9066971f';
const event = (node: string, items: string, from = ROMEO) =>
  stanza(`<message from="${from}" to="juliet@capulet.lit"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}">${items}</items></event></message>`);
const META = 'urn:xmpp:avatar:metadata';
const info = (attrs: string) => `<item id="${HASH}"><metadata xmlns="${META}"><info ${attrs}/></metadata></item>`;

describe('XEP-0172 nick notifications', () => {
  it('reads the nick of a contact from its bare JID, bounded to one line', () => {
    expect(parseProfileEvent(event('http://jabber.org/protocol/nick', '<item><nick xmlns="http://jabber.org/protocol/nick">  Romeo\n  M. </nick></item>'))).toEqual({
      jid: ROMEO,
      profile: { nick: 'Romeo M.' },
    });
  });

  it('an empty nick clears it; a full-JID sender, an error or another node is not believed', () => {
    expect(parseProfileEvent(event('http://jabber.org/protocol/nick', '<item><nick xmlns="http://jabber.org/protocol/nick"/></item>'))?.profile).toEqual({ nick: '' });
    expect(parseProfileEvent(event('http://jabber.org/protocol/nick', '<item><nick xmlns="http://jabber.org/protocol/nick">X</nick></item>', `${ROMEO}/phone`))).toBeNull();
    expect(parseProfileEvent(event('http://jabber.org/protocol/nick', '<item><nick xmlns="http://jabber.org/protocol/nick">X</nick></item>', 'montague.lit'))).toBeNull();
    expect(parseProfileEvent(stanza(`<message type="error" from="${ROMEO}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="http://jabber.org/protocol/nick"/></event></message>`))).toBeNull();
    expect(parseProfileEvent(event('urn:xmpp:bookmarks:1', '<item/>'))).toBeNull();
    expect(parseProfileEvent(stanza(`<message from="${ROMEO}"><body>hi</body></message>`))).toBeNull();
  });

  it('bounds a 100 KB name, and strips controls and bidi overrides', () => {
    // boundName reads only a head of the name; a cost quadratic in 100 KB would run past the test's timeout.
    const huge = 'n'.repeat(100_000);
    const nick = parseProfileEvent(event('http://jabber.org/protocol/nick', `<item><nick xmlns="http://jabber.org/protocol/nick">${huge}</nick></item>`))!.profile.nick!;
    expect(Array.from(nick).length).toBe(MAX_NAME_LENGTH + 1); // and the ellipsis
    expect(nick.endsWith('…')).toBe(true);
    expect(boundName('Eve\u202Eevil\u0000\u2028x')).toBe('Eve evil x');
    expect(boundName('👩‍💻'.repeat(100)).length).toBeLessThan(200);
    expect(boundName(undefined)).toBe('');
  });
});

describe('XEP-0292 vCard4 notifications', () => {
  it('reads the full name and nickname', () => {
    const card = '<item id="current"><vcard xmlns="urn:ietf:params:xml:ns:vcard-4.0"><fn><text>Romeo Montague</text></fn><nickname><text>Ro</text></nickname></vcard></item>';
    expect(parseProfileEvent(event('urn:xmpp:vcard4', card))).toEqual({ jid: ROMEO, profile: { fullName: 'Romeo Montague', nick: 'Ro' } });
  });

  it('ignores a vcard of another namespace and fields without text', () => {
    expect(parseProfileEvent(event('urn:xmpp:vcard4', '<item><vcard xmlns="urn:other"><fn><text>X</text></fn></vcard></item>'))).toBeNull();
    expect(parseProfileEvent(event('urn:xmpp:vcard4', '<item><vcard xmlns="urn:ietf:params:xml:ns:vcard-4.0"><fn/></vcard></item>'))?.profile).toEqual({ fullName: '', nick: '' });
  });
});

describe('XEP-0084 avatar metadata', () => {
  it('reads the id, type and size of the PNG info', () => {
    const items = `<item id="${HASH}"><metadata xmlns="${META}"><info id="${'a'.repeat(40)}" type="image/webp" bytes="10"/><info id="${HASH.toUpperCase()}" type="image/png" bytes="12345" width="64" height="64"/></metadata></item>`;
    expect(parseProfileEvent(event(META, items))).toEqual({ jid: ROMEO, profile: { avatar: { id: HASH, source: 'pep', type: 'image/png', bytes: 12345 } } });
  });

  it('an empty metadata element means no avatar; bad ids, external urls and odd sizes are left out', () => {
    expect(parseProfileEvent(event(META, `<item id="x"><metadata xmlns="${META}"/></item>`))?.profile).toEqual({ avatar: null });
    expect(parseProfileEvent(event(META, info('id="not-a-hash" type="image/png"')))).toBeNull();
    expect(parseProfileEvent(event(META, info(`id="${HASH}" type="image/png" url="https://evil.example/a.png"`)))).toBeNull();
    expect(parseProfileEvent(event(META, info(`id="${HASH}" bytes="-5"`)))?.profile).toEqual({ avatar: { id: HASH, source: 'pep' } });
    expect(parseProfileEvent(event(META, ''))).toBeNull();
    expect(parseProfileEvent(event(META, '<item/>'))).toBeNull();
  });

  it('reads at most a bounded number of infos', () => {
    const many = Array.from({ length: 5000 }, () => `<info id="bad"/>`).join('') + `<info id="${HASH}" type="image/png"/>`;
    expect(parseProfileEvent(event(META, `<item><metadata xmlns="${META}">${many}</metadata></item>`))).toBeNull();
  });
});

describe('XEP-0153 presence hash', () => {
  const presence = (x: string) => stanza(`<presence from="${ROMEO}/phone">${x}</presence>`);
  it('reads the hash, an empty photo as none, and no photo element as saying nothing', () => {
    expect(parsePhotoUpdate(presence(`<x xmlns="vcard-temp:x:update"><photo>${HASH.toUpperCase()}</photo></x>`))).toBe(HASH);
    expect(parsePhotoUpdate(presence('<x xmlns="vcard-temp:x:update"><photo/></x>'))).toBeNull();
    expect(parsePhotoUpdate(presence('<x xmlns="vcard-temp:x:update"/>'))).toBeUndefined();
    expect(parsePhotoUpdate(presence(''))).toBeUndefined();
    expect(parsePhotoUpdate(presence('<x xmlns="vcard-temp:x:update"><photo>zz</photo></x>'))).toBeUndefined();
  });

  it('puts our hash (or none) into presence', () => {
    expect(photoUpdate(HASH).toString()).toBe(`<x xmlns="vcard-temp:x:update"><photo>${HASH}</photo></x>`);
    expect(photoUpdate('').toString()).toBe('<x xmlns="vcard-temp:x:update"><photo/></x>');
  });
});

describe('XEP-0054 vCard-temp', () => {
  it('reads FN, NICKNAME and the photo', () => {
    const iq = stanza(`<iq type="result" from="${ROMEO}"><vCard xmlns="vcard-temp"><FN>Romeo</FN><NICKNAME>Ro</NICKNAME><PHOTO><TYPE>image/PNG</TYPE><BINVAL>iVBO\nRw==</BINVAL></PHOTO></vCard></iq>`);
    expect(parseVcardTemp(iq)).toEqual({ fullName: 'Romeo', nick: 'Ro', photo: { type: 'image/png', base64: 'iVBO\nRw==' } });
    expect(parseVcardTemp(stanza(`<iq type="result" from="${ROMEO}"/>`))).toBeNull();
    expect(parseVcardTemp(stanza(`<iq type="result"><vCard xmlns="vcard-temp"><PHOTO><EXTVAL>https://x</EXTVAL></PHOTO></vCard></iq>`))).toEqual({ fullName: '', nick: '' });
  });

  it('a set keeps the fields it does not change, and replaces those it does', () => {
    const current = stanza('<iq type="result"><vCard xmlns="vcard-temp"><FN>Old</FN><EMAIL><USERID>r@m.lit</USERID></EMAIL><PHOTO><TYPE>image/png</TYPE></PHOTO></vCard></iq>').getChild('vCard')!;
    const iq = vcardSet('v1', current, { fullName: 'New <Name>' });
    expect(iq.toString()).toBe(
      '<iq type="set" id="v1"><vCard xmlns="vcard-temp"><EMAIL><USERID>r@m.lit</USERID></EMAIL><PHOTO><TYPE>image/png</TYPE></PHOTO><FN>New &lt;Name&gt;</FN></vCard></iq>',
    );
    expect(vcardSet('v2', undefined, { photo: { type: 'image/png', base64: 'AAAA' } }).toString()).toBe(
      '<iq type="set" id="v2"><vCard xmlns="vcard-temp"><PHOTO><TYPE>image/png</TYPE><BINVAL>AAAA</BINVAL></PHOTO></vCard></iq>',
    );
  });
});

describe('avatar data and base64', () => {
  it('finds the data item by id in an items result', () => {
    const iq = stanza(
      `<iq type="result" from="${ROMEO}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:avatar:data"><item id="other"><data xmlns="urn:xmpp:avatar:data">AA==</data></item><item id="${HASH}"><data xmlns="urn:xmpp:avatar:data">AQID</data></item></items></pubsub></iq>`,
    );
    expect(parseAvatarData(iq, HASH)).toBe('AQID');
    expect(parseAvatarData(iq, 'missing')).toBeUndefined();
    expect(pepItem(iq, 'urn:xmpp:avatar:data')?.attrs.id).toBe(HASH);
    expect(pepItem(iq, 'urn:xmpp:avatar:metadata')).toBeUndefined();
  });

  it('decodes base64 with line breaks, refuses what is not base64 or too large', () => {
    expect(Array.from(decodeBase64('AQ\r\nID')!)).toEqual([1, 2, 3]);
    expect(decodeBase64('<svg/>')).toBeUndefined();
    expect(decodeBase64('A')).toBeUndefined();
    expect(decodeBase64('A'.repeat(Math.ceil((MAX_AVATAR_BYTES * 4) / 3) + 100_000))).toBeUndefined();
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(Array.from(decodeBase64(encodeBase64(bytes))!)).toEqual(Array.from(bytes));
  });

  it('publishes data and metadata under the SHA-1, readable by anyone', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const hash = bytesToHex(sha1(bytes));
    const data = openPublish('p1', 'urn:xmpp:avatar:data', avatarDataItem(hash, encodeBase64(bytes)));
    expect(data.toString()).toContain(`<publish node="urn:xmpp:avatar:data"><item id="${hash}"><data xmlns="urn:xmpp:avatar:data">AQID</data></item></publish>`);
    expect(data.toString()).toContain('<field var="pubsub#access_model"><value>open</value></field>');
    const meta = avatarMetadataItem(hash, { bytes: 3, type: 'image/png', width: 192, height: 192 });
    expect(meta.getChild('metadata', META)?.getChild('info')?.attrs).toEqual({ id: hash, bytes: '3', type: 'image/png', width: '192', height: '192' });
    expect(nickItem('Jul\u0000ie').toString()).toBe('<item id="current"><nick xmlns="http://jabber.org/protocol/nick">Julie</nick></item>');
  });
});
