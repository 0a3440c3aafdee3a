import { stanza } from '../spec-helpers';
import { mediaTypeOf, slotRequest, uploadFilename } from './upload';

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

  it('sends a name a server takes: no path, no control characters, never empty, at most 255 characters with its extension', () => {
    expect(uploadFilename('C:\\Users\\me\\photo.jpg')).toBe('photo.jpg');
    expect(uploadFilename('../../etc/passwd')).toBe('passwd');
    expect(uploadFilename('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(uploadFilename('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(uploadFilename('x\u2066y\u2069.png')).toBe('xy.png');
    expect(uploadFilename('')).toBe('file');
    expect(uploadFilename('..')).toBe('file');
    const long = uploadFilename(`${'n'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.jpeg')).toBe(true);
  });

  it('sends whole, non-negative sizes', () => {
    expect(stanza(slotRequest('a', 'u.lit', { filename: 'x', size: 12.7 }).toString()).getChild('request')!.attrs.size).toBe('12');
    expect(stanza(slotRequest('a', 'u.lit', { filename: 'x', size: -4 }).toString()).getChild('request')!.attrs.size).toBe('0');
  });
});
