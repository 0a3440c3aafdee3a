import { cleanFileName } from '../../file-meta';
import { ctx, stanza } from '../../spec-helpers';
import { attachmentOf, httpUrl, nameFromUrl } from './parser';
import { parseChatMessage } from '../messages/parser';
import { parseGroupchat } from '../muc/parser';

const URL_A = 'https://upload.example.org/slot/abc/photo%20one.jpg';

function message(inner: string): ReturnType<typeof stanza> {
  return stanza(`<message type="chat" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony"><body>${URL_A}</body>${inner}</message>`);
}

describe('attachmentOf', () => {
  it('takes the OOB URL and names the file after its last path segment, decoded', () => {
    expect(attachmentOf(message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url></x>`))).toEqual({ url: URL_A, name: 'photo one.jpg' });
  });

  it('adds XEP-0446 metadata given beside the OOB element', () => {
    const el = message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url><desc>At the orchard</desc></x>
      <file xmlns="urn:xmpp:file:metadata:0"><media-type>Audio/WebM</media-type><name>voice.webm</name><size>48213</size><length>5320</length></file>`);
    expect(attachmentOf(el)).toEqual({
      url: URL_A,
      name: 'voice.webm',
      mediaType: 'audio/webm',
      size: 48213,
      duration: 5320,
      description: 'At the orchard',
    });
  });

  it('reads the metadata inside a XEP-0447 file-sharing element', () => {
    const el = message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url></x>
      <file-sharing xmlns="urn:xmpp:sfs:0"><file xmlns="urn:xmpp:file:metadata:0"><media-type>image/jpeg</media-type><size>1024</size></file></file-sharing>`);
    expect(attachmentOf(el)).toEqual({ url: URL_A, name: 'photo one.jpg', mediaType: 'image/jpeg', size: 1024 });
  });

  it('has no attachment without an OOB element, without a URL, or with a URL that is not http(s)', () => {
    expect(attachmentOf(message(''))).toBeUndefined();
    expect(attachmentOf(message('<x xmlns="jabber:x:oob"/>'))).toBeUndefined();
    expect(attachmentOf(message('<x xmlns="jabber:x:oob"><url>   </url></x>'))).toBeUndefined();
    for (const bad of ['javascript:alert(1)', 'data:text/html,&lt;script&gt;', 'aesgcm://upload.example.org/a.jpg#00', 'file:///etc/passwd', '/relative/path.png', 'not a url']) {
      expect(attachmentOf(message(`<x xmlns="jabber:x:oob"><url>${bad}</url></x>`))).toBeUndefined();
    }
  });

  it('ignores an OOB element in another namespace', () => {
    expect(attachmentOf(message(`<x xmlns="jabber:x:oob:evil"><url>${URL_A}</url></x>`))).toBeUndefined();
  });

  it('leaves out metadata that does not parse', () => {
    const el = message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url></x>
      <file xmlns="urn:xmpp:file:metadata:0"><media-type>text/html; charset=utf-8</media-type><size>-5</size><length>1e9</length></file>`);
    expect(attachmentOf(el)).toEqual({ url: URL_A, name: 'photo one.jpg' });
  });

  it('cleans a received name by the rule a sent one follows (file-meta.ts cleanFileName): no path, no control or bidi characters, bounded', () => {
    const named = (name: string) => message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url></x><file xmlns="urn:xmpp:file:metadata:0"><name>${name}</name></file>`);
    for (const name of ['../invoice\u202Efdp.exe', 'C:\\dir\\x.png', 'a\u0085b.txt', '  spaced.txt ', `${'a'.repeat(5000)}`]) {
      expect(attachmentOf(named(name))?.name).toBe(cleanFileName(name));
    }
    expect(attachmentOf(named('../invoice\u202Efdp.exe'))?.name).toBe('invoicefdp.exe');
    expect(attachmentOf(named('a'.repeat(5000)))?.name).toHaveLength(255);
  });

  it('names the file after its URL when the name it was given cleans to nothing', () => {
    const el = message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url></x><file xmlns="urn:xmpp:file:metadata:0"><name>../</name></file>`);
    expect(attachmentOf(el)?.name).toBe('photo one.jpg');
  });

  it('bounds the description', () => {
    const el = message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url><desc>${'d'.repeat(5000)}</desc></x>`);
    expect(attachmentOf(el)?.description).toHaveLength(1024);
  });
});

describe('httpUrl and nameFromUrl', () => {
  it('normalises http(s) URLs and refuses very long ones', () => {
    expect(httpUrl(' HTTPS://Example.org/a b ')).toBe('https://example.org/a%20b');
    expect(httpUrl(`https://example.org/${'a'.repeat(5000)}`)).toBeUndefined();
  });

  it('keeps a name with a stray percent sign as it is, and has none for a bare host', () => {
    expect(nameFromUrl('https://example.org/100%.txt')).toBe('100%.txt');
    expect(nameFromUrl('https://example.org/')).toBeUndefined();
  });

  it('cleans a name from a URL by the same rule: an encoded path goes', () => {
    expect(nameFromUrl('https://example.org/a%2F..%2Fb%E2%80%AE.txt')).toBe('b.txt');
  });
});

describe('attachments in parsed messages', () => {
  it('a chat message carries its attachment', () => {
    const parsed = parseChatMessage(message(`<x xmlns="jabber:x:oob"><url>${URL_A}</url></x>`), ctx, { mode: 'live' });
    expect(parsed?.message?.attachment).toEqual({ url: URL_A, name: 'photo one.jpg' });
  });

  it('a room message carries its attachment', () => {
    const room = { room: 'coven@chat.shakespeare.lit', nick: 'thirdwitch', occupantIds: false };
    const parsed = parseGroupchat(
      stanza(`<message type="groupchat" from="coven@chat.shakespeare.lit/firstwitch" to="juliet@capulet.lit/balcony"><body>${URL_A}</body><x xmlns="jabber:x:oob"><url>${URL_A}</url></x></message>`),
      ctx,
      room,
      { mode: 'live' },
    );
    expect(parsed && parsed.kind === 'message' ? parsed.message.attachment : undefined).toEqual({ url: URL_A, name: 'photo one.jpg' });
  });
});
