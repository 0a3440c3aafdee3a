/**
 * A shared file in a message: XEP-0066 out-of-band data (`<x xmlns="jabber:x:oob"><url/>`), with
 * XEP-0446 file metadata where the sender gave it (as a direct child, or inside a XEP-0447
 * `<file-sharing/>`). What Conversations, Dino, Converse and Natter send for HTTP uploads.
 */
import type { Attachment } from '../../../types';
import { cleanFileName, MEDIA_TYPE, parseWholeNumber } from '../../file-meta';
import { NS_FILE_METADATA, NS_OOB, NS_SFS } from '../../namespaces';
import { child, type XmlElement } from '../../xml';

/** Longer URLs are not uploads (and would only cost memory). */
const MAX_URL_LENGTH = 4096;
const MAX_DESCRIPTION_LENGTH = 1024;

/** The URL when it is an absolute http(s) URL; any other scheme (aesgcm:, javascript:, data:) is no attachment of ours. */
export function httpUrl(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (!value || value.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The last path segment of a URL, decoded, as a file name. */
export function nameFromUrl(href: string): string | undefined {
  const segment = new URL(href).pathname.split('/').pop() ?? '';
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A stray % is kept as it is.
  }
  return cleanFileName(decoded);
}

function text(el: XmlElement | undefined, name: string, ns: string): string | undefined {
  return el ? child(el, name, ns)?.getText() : undefined;
}

/** The XEP-0446 `<file/>` of a message: a direct child, else the one in a XEP-0447 `<file-sharing/>`. */
function fileMetadata(stanza: XmlElement): XmlElement | undefined {
  const direct = child(stanza, 'file', NS_FILE_METADATA);
  if (direct) return direct;
  const sharing = child(stanza, 'file-sharing', NS_SFS);
  return sharing ? child(sharing, 'file', NS_FILE_METADATA) : undefined;
}

/**
 * The attachment of a message, or undefined when it has no OOB URL or its URL is not http(s).
 * Metadata that does not parse (a size that is no number, a media type that is no type) is left out.
 */
export function attachmentOf(stanza: XmlElement): Attachment | undefined {
  const oob = child(stanza, 'x', NS_OOB);
  const url = httpUrl(text(oob, 'url', NS_OOB));
  if (!oob || !url) return undefined;
  const attachment: Attachment = { url };
  const file = fileMetadata(stanza);
  const name = cleanFileName(text(file, 'name', NS_FILE_METADATA)) ?? nameFromUrl(url);
  if (name) attachment.name = name;
  const mediaType = text(file, 'media-type', NS_FILE_METADATA)?.trim();
  if (mediaType && MEDIA_TYPE.test(mediaType)) attachment.mediaType = mediaType.toLowerCase();
  const size = parseWholeNumber(text(file, 'size', NS_FILE_METADATA));
  if (size !== undefined) attachment.size = size;
  const duration = parseWholeNumber(text(file, 'length', NS_FILE_METADATA));
  if (duration !== undefined) attachment.duration = duration;
  const description = (text(oob, 'desc', NS_OOB) ?? text(file, 'desc', NS_FILE_METADATA))?.trim().slice(0, MAX_DESCRIPTION_LENGTH);
  if (description) attachment.description = description;
  return attachment;
}
