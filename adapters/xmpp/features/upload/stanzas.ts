/** XEP-0363 HTTP File Upload: the slot request. The caller validates the service JID. */
import { cleanFileName, MEDIA_TYPE } from '../../file-meta';
import { NS_UPLOAD } from '../../namespaces';
import { xml, type XmlElement } from '../../xml';

export interface SlotRequest {
  filename: string;
  /** Bytes; a whole number. */
  size: number;
  contentType?: string;
}

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
 * A file name a server takes: the one file-name rule (`cleanFileName`: no path, no control or bidi
 * characters, at most 255 characters), and `file` when that leaves nothing or only dots.
 */
export function uploadFilename(name: string): string {
  return cleanFileName(name) ?? 'file';
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
