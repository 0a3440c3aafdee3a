/** XEP-0363 HTTP File Upload: the slot request. The caller validates the service JID. */
import { NS_UPLOAD } from '../namespaces';
import { xml, xmlSafe, type XmlElement } from '../xml';

export interface SlotRequest {
  filename: string;
  /** Bytes; a whole number. */
  size: number;
  contentType?: string;
}

/** RFC 6838 restricted names, as the attachment parser reads them. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

/**
 * The `type/subtype` of a media type, lower case, without parameters (MediaRecorder gives
 * `audio/webm;codecs=opus`; peers' parsers and the PUT's Content-Type want the essence), or
 * undefined when it is not one.
 */
export function mediaTypeOf(value: string | undefined): string | undefined {
  const essence = String(value ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(essence) ? essence : undefined;
}

/**
 * A file name a server takes: no path (servers refuse `/`; Windows-style `\\` too), no control
 * characters nor bidi controls (which can make `gpj.exe` read as `exe.jpg`), not empty and not
 * only dots; at most 255 characters, keeping the extension.
 */
export function uploadFilename(name: string): string {
  let n = xmlSafe(String(name ?? ''))
    .replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/.*[/\\]/, '')
    .trim();
  if (/^\.*$/.test(n)) n = 'file';
  if (n.length > 255) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 16 ? n.slice(dot) : '';
    n = n.slice(0, 255 - ext.length) + ext;
  }
  return n;
}

/** `<iq type="get" to><request xmlns="urn:xmpp:http:upload:0" filename size content-type/></iq>` */
export function slotRequest(id: string, service: string, request: SlotRequest): XmlElement {
  const contentType = mediaTypeOf(request.contentType);
  return xml(
    'iq',
    { type: 'get', id, to: service },
    xml('request', {
      xmlns: NS_UPLOAD,
      filename: uploadFilename(request.filename),
      size: String(Math.max(0, Math.floor(request.size))),
      ...(contentType ? { 'content-type': contentType } : {}),
    }),
  );
}
