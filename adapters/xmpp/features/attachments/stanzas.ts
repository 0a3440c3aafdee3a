/**
 * A shared file in a message: XEP-0066 out-of-band data (the URL, which is also the body, so
 * clients that know neither show a link) and XEP-0446 file metadata (name, type, size, length).
 */
import type { Attachment } from '../../../types';
import { NS_FILE_METADATA, NS_OOB } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';
import { httpUrl } from './parser';
import { mediaTypeOf, uploadFilename } from '../upload/stanzas';

function wholeNumber(value: number | undefined): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? String(Math.round(value)) : undefined;
}

/**
 * The children a message gets for `attachment`: `<x xmlns="jabber:x:oob"><url/><desc/></x>` and,
 * when anything is known about the file, `<file xmlns="urn:xmpp:file:metadata:0">`. Throws for a
 * URL that is not http(s), so nothing else is ever offered to peers as a file.
 */
export function attachmentElements(attachment: Attachment): XmlElement[] {
  // The URL as peers' parsers read it: anything but http(s) is never offered as a file.
  const url = httpUrl(attachment?.url);
  if (!url) throw new Error('invalid attachment url');
  const description = attachment.description !== undefined ? xmlSafe(attachment.description).trim() : '';
  const oob = xml('x', { xmlns: NS_OOB }, xml('url', {}, url), ...compact(description ? xml('desc', {}, description) : undefined));
  const mediaType = mediaTypeOf(attachment.mediaType);
  // The name as a slot request sends it: no path, controls or bidi controls.
  const name = attachment.name !== undefined && attachment.name.trim() !== '' ? uploadFilename(attachment.name) : '';
  const size = wholeNumber(attachment.size);
  const length = wholeNumber(attachment.duration);
  const meta = compact(
    mediaType ? xml('media-type', {}, mediaType) : undefined,
    name ? xml('name', {}, name) : undefined,
    size !== undefined ? xml('size', {}, size) : undefined,
    length !== undefined ? xml('length', {}, length) : undefined,
  );
  return meta.length ? [oob, xml('file', { xmlns: NS_FILE_METADATA }, ...meta)] : [oob];
}

/** `message` with the elements of `attachment` appended (returns `message`). */
export function withAttachment(message: XmlElement, attachment: Attachment | undefined): XmlElement {
  if (attachment) for (const el of attachmentElements(attachment)) message.append(el);
  return message;
}
