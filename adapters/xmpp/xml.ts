/**
 * The one place the adapter takes `xml()` and the element type from: builders use `xml()`
 * (which escapes text and attribute values), parsers only read elements.
 */
import { xml } from '@xmpp/client';

export { xml };

/** An ltx element as produced by `xml()` or by the stream parser. */
export type XmlElement = ReturnType<typeof xml>;

/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and lone
 * surrogates). `xml()` escapes markup but would still write these, and a server answers an
 * ill-formed stanza with a stream error, which would cut the whole session.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Makes a user string safe to put into an element or attribute through `xml()`. */
export function xmlSafe(value: string): string {
  return String(value).replace(NOT_XML_CHAR, '');
}

/** Ids longer than this are not ids we want to store or echo. */
const MAX_ID_LENGTH = 512;

/** `v` when it is short enough to be an id we store and echo. */
export function validId(v: string | undefined): string | undefined {
  return v !== undefined && v.length <= MAX_ID_LENGTH ? v : undefined;
}

/** Ids we send must survive XML unchanged: they come back in receipts, errors and corrections. */
export function checkId(id: unknown): void {
  if (typeof id !== 'string' || id.length === 0 || xmlSafe(id) !== id) throw new Error('invalid message id');
}

/** The value of an attribute when it is a non-empty string, else undefined. */
export function attr(el: XmlElement, name: string): string | undefined {
  const v = el.attrs?.[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** First direct child element with this name in this namespace (namespace resolved through parents). */
export function child(el: XmlElement, name: string, ns: string): XmlElement | undefined {
  for (const c of el.children) {
    if (typeof c !== 'string' && c.name === name && c.getNS() === ns) return c as XmlElement;
  }
  return undefined;
}

/** All direct child elements in this namespace. */
export function childrenInNs(el: XmlElement, ns: string): XmlElement[] {
  return el.getChildElements().filter((c) => c.getNS() === ns) as XmlElement[];
}

/** Parses an XEP-0082 date-time (as used by XEP-0203) into ms since the epoch, or undefined. */
export function parseStamp(stamp: string | undefined): number | undefined {
  if (!stamp) return undefined;
  // XEP-0082 DateTime: CCYY-MM-DDThh:mm:ss[.sss]TZD, TZD = Z or +/-hh:mm
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(stamp)) return undefined;
  const t = Date.parse(stamp);
  return Number.isFinite(t) ? t : undefined;
}

/** A fresh random id (for stanza ids, query ids). Uses Web Crypto when present, which needs no secure context. */
export function randomId(bytes = 12): string {
  const buf = new Uint8Array(bytes);
  const c = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(buf);
  else for (let i = 0; i < bytes; i++) buf[i] = Math.floor(Math.random() * 256);
  let s = '';
  for (const b of buf) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Children for `xml()` without the absent ones (`xml()` skips them at runtime; its types do not allow them). */
export function compact(...children: (XmlElement | string | undefined | null | false)[]): (XmlElement | string)[] {
  return children.filter((c): c is XmlElement | string => c !== undefined && c !== null && c !== false && c !== '');
}
