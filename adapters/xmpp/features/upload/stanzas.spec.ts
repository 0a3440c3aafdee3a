import { cleanFileName } from '../../file-meta';
import { stanza } from '../../spec-helpers';
import { mediaTypeOf, slotRequest, uploadFilename } from './stanzas';

describe('XEP-0363 slot request', () => {
  it('asks the service for a slot with the file name, size and content type (XEP-0363 example 4)', () => {
    expect(slotRequest('step_03', 'upload.montague.tld', { filename: 'très cool.jpg', size: 23456, contentType: 'image/jpeg' }).toString()).toBe(
      '<iq type="get" id="step_03" to="upload.montague.tld"><request xmlns="urn:xmpp:http:upload:0" filename="très cool.jpg" size="23456" content-type="image/jpeg"/></iq>',
    );
  });

  it('leaves out a content type that is no media type, and keeps only the essence of one with parameters', () => {
    expect(stanza(slotRequest('a', 'u.lit', { filename: 'x', size: 1, contentType: 'text/html"><x' }).toString()).getChild('request')!.attrs['content-type']).toBeUndefined();
    expect(stanza(slotRequest('a', 'u.lit', { filename: 'x', size: 1 }).toString()).getChild('request')!.attrs['content-type']).toBeUndefined();
    expect(mediaTypeOf('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(mediaTypeOf('Image/PNG')).toBe('image/png');
    expect(mediaTypeOf('')).toBeUndefined();
    expect(mediaTypeOf('image')).toBeUndefined();
  });

  it('escapes markup in the file name and keeps it as text', () => {
    const out = slotRequest('a', 'u.lit', { filename: '"><script>.png', size: 3 }).toString();
    expect(out).not.toContain('<script>');
    expect(stanza(out).getChild('request')!.attrs.filename).toBe('"><script>.png');
  });

  it('sends the name by the one file-name rule (file-meta.ts cleanFileName), and "file" when that leaves none', () => {
    for (const name of ['C:\\Users\\me\\photo.jpg', '../../etc/passwd', 'a\u0000b\nc.txt', 'invoice\u202Egpj.exe', ` ${'n'.repeat(300)}.jpeg `]) {
      expect(uploadFilename(name)).toBe(cleanFileName(name));
    }
    expect(uploadFilename('../../etc/passwd')).toBe('passwd');
    expect(uploadFilename('')).toBe('file');
    expect(uploadFilename('..')).toBe('file');
    expect(stanza(slotRequest('a', 'u.lit', { filename: '../x/report\u202Efdp.exe', size: 1 }).toString()).getChild('request')!.attrs.filename).toBe('reportfdp.exe');
  });

  it('sends whole, non-negative sizes', () => {
    expect(stanza(slotRequest('a', 'u.lit', { filename: 'x', size: 12.7 }).toString()).getChild('request')!.attrs.size).toBe('12');
    expect(stanza(slotRequest('a', 'u.lit', { filename: 'x', size: -4 }).toString()).getChild('request')!.attrs.size).toBe('0');
  });
});
