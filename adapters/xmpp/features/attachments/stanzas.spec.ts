import { ctx, stanza } from '../../spec-helpers';
import { attachmentOf } from './parser';
import { chatMessage } from '../messages/stanzas';
import { attachmentElements, withAttachment } from './stanzas';

const URL_ = 'https://upload.capulet.lit/abc/photo.jpg';

describe('attachment elements (XEP-0066 OOB + XEP-0446 file metadata)', () => {
  it('gives the URL as OOB and what is known of the file as metadata, length in ms for audio', () => {
    const [oob, file] = attachmentElements({ url: URL_, name: 'voice.webm', mediaType: 'audio/webm', size: 4096, duration: 5300, description: 'Hello' });
    expect(oob.toString()).toBe(`<x xmlns="jabber:x:oob"><url>${URL_}</url><desc>Hello</desc></x>`);
    expect(file.toString()).toBe(
      '<file xmlns="urn:xmpp:file:metadata:0"><media-type>audio/webm</media-type><name>voice.webm</name><size>4096</size><length>5300</length></file>',
    );
  });

  it('sends only OOB when nothing is known of the file', () => {
    expect(attachmentElements({ url: URL_ }).map(String)).toEqual([`<x xmlns="jabber:x:oob"><url>${URL_}</url></x>`]);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'aesgcm://h/x', 'ftp://h/x', '/relative', ''])('refuses to offer %j as a file', (url) => {
    expect(() => attachmentElements({ url })).toThrow('invalid attachment url');
  });

  it('sends the name without path or bidi controls', () => {
    const [, file] = attachmentElements({ url: URL_, name: '../x/report\u202Efdp.exe' });
    expect(file.toString()).toBe('<file xmlns="urn:xmpp:file:metadata:0"><name>reportfdp.exe</name></file>');
  });

  it('escapes a hostile name and drops metadata that does not parse', () => {
    const [, file] = attachmentElements({ url: URL_, name: '<b onclick="x">&.png', mediaType: 'text/html; x="<"', size: -1, duration: Number.NaN });
    expect(file.toString()).toBe('<file xmlns="urn:xmpp:file:metadata:0"><media-type>text/html</media-type><name>&lt;b onclick="x"&gt;&amp;.png</name></file>');
  });

  it('round-trips through the parser peers use: the message body is the OOB URL and the metadata comes back', () => {
    const el = withAttachment(chatMessage('romeo@montague.lit', URL_, 'f1'), { url: URL_, name: 'photo.jpg', mediaType: 'image/jpeg', size: 1234 });
    el.attrs.from = 'juliet@capulet.lit/balcony';
    const back = stanza(el.toString());
    expect(back.getChildText('body')).toBe(URL_);
    expect(attachmentOf(back)).toEqual({ url: URL_, name: 'photo.jpg', mediaType: 'image/jpeg', size: 1234 });
    expect(ctx.ownJid).toBe('juliet@capulet.lit');
  });

  it('leaves a message without attachment as it was', () => {
    const el = chatMessage('romeo@montague.lit', 'hi', 'm1');
    expect(withAttachment(el, undefined).toString()).toBe(chatMessage('romeo@montague.lit', 'hi', 'm1').toString());
  });
});
