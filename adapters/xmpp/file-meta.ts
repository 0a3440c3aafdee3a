/**
 * File metadata as both directions read it: the slot request and the XEP-0446 metadata we send
 * (features/upload/stanzas.ts, features/attachments/stanzas.ts) and the attachments and upload answers we receive
 * (features/attachments/parser.ts, features/upload/parser.ts). One rule each, so what we send is what we accept.
 */
import { xmlSafe } from './xml';

/** type/subtype per RFC 6838's restricted names, without parameters. */
export const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

/**
 * Characters that must not reach a file name, sent or shown: controls and bidi controls (which
 * can make `gpj.exe` read as `exe.jpg`, disguising an extension).
 */
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const MAX_FILE_NAME_LENGTH = 255;

/** A whole number of at most 15 digits (sizes in bytes, lengths in ms), else undefined. */
export function parseWholeNumber(text: string | undefined): number | undefined {
  const value = text?.trim();
  return value && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/**
 * The one file-name rule, for names we send and names we receive: no path (anything up to the
 * last `/` or `\`; servers refuse them, and a received `../x` is no place to save to), no control
 * or bidi-control characters (nor any XML cannot carry), trimmed, at most 255 characters keeping a
 * short extension. Undefined when nothing is left, or only dots.
 */
export function cleanFileName(name: string | undefined): string | undefined {
  let n = xmlSafe(String(name ?? ''))
    .replace(UNSAFE_NAME_CHARS, '')
    .replace(/.*[/\\]/, '')
    .trim();
  if (/^\.*$/.test(n)) return undefined;
  if (n.length > MAX_FILE_NAME_LENGTH) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 16 ? n.slice(dot) : '';
    // A cut between the two halves of an emoji would leave a lone surrogate, which XML cannot carry.
    n = n.slice(0, MAX_FILE_NAME_LENGTH - ext.length).replace(/[\uD800-\uDBFF]$/, '') + ext;
  }
  return n;
}
