/** XEP-0363 HTTP File Upload: the service in disco#info, the slot, and slot errors. */
import type { UploadErrorCode, UploadService } from '../../../types';
import { parseWholeNumber } from '../../file-meta';
import { NS_STANZAS, NS_UPLOAD } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { httpUrl } from '../attachments/parser';
import type { DiscoInfo } from '../disco/parser';

/**
 * The headers a slot may ask the PUT to carry; any other is ignored. XEP-0363 §5 also allows
 * `Cookie`, but it is a forbidden header name for XMLHttpRequest (the browser drops it and logs
 * "Refused to set unsafe header"), so it is ignored like a header the XEP does not allow.
 */
export const SLOT_HEADERS: readonly string[] = ['Authorization', 'Expires'];
const MAX_HEADER_VALUE = 8192;

export interface UploadSlot {
  put: string;
  get: string;
  /** Allowed headers only, with their names as XEP-0363 writes them. */
  headers: Record<string, string>;
}

/**
 * The upload service `jid` offers, from its disco#info: the feature `urn:xmpp:http:upload:0`, and
 * its limit from the XEP-0128 form of that FORM_TYPE (`max-file-size`); null without the feature.
 */
export function parseUploadService(jid: string, info: DiscoInfo | null): UploadService | null {
  if (!info?.features.includes(NS_UPLOAD)) return null;
  const form = info.forms?.find((f) => f.formType === NS_UPLOAD);
  const limit = parseWholeNumber(form?.fields.get('max-file-size')?.values[0]);
  return limit !== undefined ? { jid, maxFileSize: limit } : { jid };
}

/**
 * The slot in an answer to a slot request; null when it is not one we can use: a PUT or GET URL
 * that is not absolute http(s), or an allowed header whose value could split the request (line
 * breaks, other control characters) — a hostile or broken service, refused as a whole.
 */
export function parseUploadSlot(iq: XmlElement): UploadSlot | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  const slot = child(iq, 'slot', NS_UPLOAD);
  const putEl = slot && child(slot, 'put', NS_UPLOAD);
  const getEl = slot && child(slot, 'get', NS_UPLOAD);
  const put = httpUrl(putEl ? attr(putEl, 'url') : undefined);
  const get = httpUrl(getEl ? attr(getEl, 'url') : undefined);
  if (!putEl || !put || !get) return null;
  const headers: Record<string, string> = {};
  for (const h of putEl.getChildElements()) {
    if (h.name !== 'header' || h.getNS() !== NS_UPLOAD) continue;
    const name = SLOT_HEADERS.find((allowed) => allowed.toLowerCase() === String(h.attrs.name ?? '').trim().toLowerCase());
    if (!name) continue;
    const value = h.getText();
    if (value.length > MAX_HEADER_VALUE || /[\u0000-\u001f\u007f]/.test(value)) return null;
    headers[name] = value.trim();
  }
  return { put, get, headers };
}

/**
 * What a slot request's `<error/>` means: too large (`<file-too-large><max-file-size>`, the limit
 * when it says) or refused (anything else: not allowed, quota, bad name, no such service).
 */
export function parseUploadError(error: XmlElement | undefined): { code: UploadErrorCode; limit?: number; condition?: string } {
  if (!error || error.name !== 'error') return { code: 'refused' };
  const condition = error.getChildElements().find((c) => c.getNS() === NS_STANZAS && c.name !== 'text')?.name;
  const tooLarge = child(error, 'file-too-large', NS_UPLOAD);
  if (tooLarge) {
    const limit = parseWholeNumber(child(tooLarge, 'max-file-size', NS_UPLOAD)?.getText());
    return { code: 'too-large', ...(limit !== undefined ? { limit } : {}), ...(condition ? { condition } : {}) };
  }
  return { code: 'refused', ...(condition ? { condition } : {}) };
}
