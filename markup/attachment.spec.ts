import { attachmentKind, bodyIsAttachmentUrl, isSafeAttachmentUrl, isVoiceMessage } from './attachment';

const url = 'https://upload.example.org/a/file';

describe('attachmentKind', () => {
  it('follows the media type the sender gave', () => {
    expect(attachmentKind({ url, name: 'x.bin', mediaType: 'image/png' })).toBe('image');
    expect(attachmentKind({ url, name: 'x.png', mediaType: 'audio/ogg' })).toBe('audio');
    expect(attachmentKind({ url, mediaType: 'video/mp4' })).toBe('video');
    expect(attachmentKind({ url, name: 'x.png', mediaType: 'application/pdf' })).toBe('file');
  });

  it('falls back to the extension, in any case', () => {
    expect(attachmentKind({ url, name: 'Photo.JPG' })).toBe('image');
    expect(attachmentKind({ url, name: 'talk.m4a' })).toBe('audio');
    expect(attachmentKind({ url, name: 'clip.mp4' })).toBe('video');
    expect(attachmentKind({ url, name: 'report.pdf' })).toBe('file');
    expect(attachmentKind({ url, name: 'README' })).toBe('file');
    expect(attachmentKind({ url, name: '.png' })).toBe('file');
    expect(attachmentKind({ url })).toBe('file');
  });

  it('takes a .webm with a length and no type for a voice message, else for a video', () => {
    expect(attachmentKind({ url, name: 'voice.webm', duration: 4000 })).toBe('audio');
    expect(attachmentKind({ url, name: 'clip.webm' })).toBe('video');
  });
});

describe('isVoiceMessage', () => {
  it('is audio with a length', () => {
    expect(isVoiceMessage({ url, mediaType: 'audio/webm', duration: 3000 })).toBe(true);
    expect(isVoiceMessage({ url, mediaType: 'audio/webm' })).toBe(false);
    expect(isVoiceMessage({ url, mediaType: 'video/webm', duration: 3000 })).toBe(false);
  });
});

describe('bodyIsAttachmentUrl', () => {
  it('is true when the body is the URL, also unnormalised or with spaces around', () => {
    expect(bodyIsAttachmentUrl(url, { url })).toBe(true);
    expect(bodyIsAttachmentUrl(`  ${url}\n`, { url })).toBe(true);
    expect(bodyIsAttachmentUrl('HTTPS://upload.example.org/a/file', { url })).toBe(true);
  });

  it('is false for a caption or another URL', () => {
    expect(bodyIsAttachmentUrl('Look at this', { url })).toBe(false);
    expect(bodyIsAttachmentUrl(`${url} look`, { url })).toBe(false);
    expect(bodyIsAttachmentUrl('https://other.example.org/', { url })).toBe(false);
  });
});

describe('isSafeAttachmentUrl', () => {
  it('allows http(s) and blob: URLs, data: only in own messages', () => {
    expect(isSafeAttachmentUrl('https://upload.example.org/a.png', false)).toBe(true);
    expect(isSafeAttachmentUrl('http://127.0.0.1:5280/a.png', false)).toBe(true);
    expect(isSafeAttachmentUrl('blob:https://chat.example.org/0b6e', false)).toBe(true);
    expect(isSafeAttachmentUrl('data:image/png;base64,AAAA', true)).toBe(true);
    expect(isSafeAttachmentUrl('data:image/png;base64,AAAA', false)).toBe(false);
  });

  it('refuses script, file and other schemes, and what is no URL', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'aesgcm://a.example/x#k', 'vbscript:x', '', 'not a url']) {
      expect(isSafeAttachmentUrl(url, true)).toBe(false);
    }
  });
});
