/**
 * How a shared file is shown: inline as an image, a player or a video, else as a download link.
 * Decided from the media type the sender gave, else from the file name's extension.
 */
import type { Attachment } from '../adapters/types';

export type AttachmentKind = 'image' | 'audio' | 'video' | 'file';

/** Images larger than this (when the sender says how large) load only when asked, to spare the reader's data. */
export const IMAGE_AUTOLOAD_MAX_BYTES = 10_000_000;

const EXTENSION_KINDS: Record<string, AttachmentKind> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
  bmp: 'image',
  mp3: 'audio',
  m4a: 'audio',
  aac: 'audio',
  oga: 'audio',
  ogg: 'audio',
  opus: 'audio',
  wav: 'audio',
  flac: 'audio',
  mp4: 'video',
  m4v: 'video',
  mov: 'video',
  webm: 'video',
  ogv: 'video',
};

function extensionOf(name: string | undefined): string | undefined {
  const dot = name?.lastIndexOf('.') ?? -1;
  return dot > 0 ? name!.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * The way to show an attachment. A `.webm` without a media type is a video unless it has a
 * duration (a voice message from a client that gave only its length). Images are shown with
 * `<img>`, where an SVG can run no script and load nothing else.
 */
export function attachmentKind(attachment: Attachment): AttachmentKind {
  const type = attachment.mediaType;
  if (type) {
    const major = type.slice(0, type.indexOf('/'));
    if (major === 'image' || major === 'audio' || major === 'video') return major;
    return 'file';
  }
  const extension = extensionOf(attachment.name);
  const kind = extension ? EXTENSION_KINDS[extension] : undefined;
  if (kind === 'video' && extension === 'webm' && attachment.duration !== undefined) return 'audio';
  return kind ?? 'file';
}

/** A voice message: audio the sender gave a length for (what recorders send). */
export function isVoiceMessage(attachment: Attachment): boolean {
  return attachmentKind(attachment) === 'audio' && attachment.duration !== undefined;
}

/** The body only repeats the attachment's URL (what upload clients send): it need not be shown as text. */
export function bodyIsAttachmentUrl(body: string, attachment: Attachment): boolean {
  const text = body.trim();
  if (text === attachment.url) return true;
  try {
    return new URL(text).href === attachment.url;
  } catch {
    return false;
  }
}

/**
 * Whether a shared file may be shown from `url`: http(s), or a `blob:` URL (made by this page,
 * e.g. for a file it keeps itself); a `data:` URL only in own messages (the demo network's uploads
 * where the page cannot make blob URLs). Anything else (`javascript:`, `file:`, an adapter's
 * mistake) is never loaded or linked; the parsers already drop such attachments from the network.
 */
export function isSafeAttachmentUrl(url: string, own: boolean): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  return protocol === 'https:' || protocol === 'http:' || protocol === 'blob:' || (own && protocol === 'data:');
}
