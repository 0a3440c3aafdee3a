/**
 * What people say of themselves: XEP-0172 nick, XEP-0292 vCard4 and XEP-0054 vCard-temp full
 * names, XEP-0084 avatars (PEP) and XEP-0153 avatar hashes (presence). Everything here is peer
 * text: names are bounded, ids must be SHA-1 hex, images are bounded before they are decoded.
 */
import type { AvatarRef, ProfileUpdate } from '../../../types';
import { formatBare, parseJid } from '../../jid';
import {
  NODE_VCARD4,
  NS_AVATAR_DATA,
  NS_AVATAR_METADATA,
  NS_NICK,
  NS_PUBSUB,
  NS_PUBSUB_EVENT,
  NS_VCARD4,
  NS_VCARD_TEMP,
  NS_VCARD_UPDATE,
} from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';

/** Names longer than this (in code points) are cut: a name is a label, not a text. */
export const MAX_NAME_LENGTH = 64;
/** Images larger than this are refused unread (bytes). */
export const MAX_AVATAR_BYTES = 1024 * 1024;
/** Base64 of MAX_AVATAR_BYTES, with room for line breaks. */
const MAX_BASE64_CHARS = Math.ceil(MAX_AVATAR_BYTES / 3) * 4 + 64 * 1024;
/** Infos read from one metadata element at most. */
const MAX_INFOS = 16;

const SHA1_HEX = /^[0-9a-f]{40}$/i;
/** Controls, bidi overrides and isolates, line and paragraph separators: a name is one plain line. */
const NOT_IN_NAME = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]+/g;

/** A name as it may be shown: one line, trimmed, at most MAX_NAME_LENGTH code points; '' when nothing is left. */
export function boundName(text: string | undefined | null): string {
  if (typeof text !== 'string') return '';
  // Only the head is looked at: a 100 KB name costs no more than a short one.
  const head = text.slice(0, MAX_NAME_LENGTH * 8).replace(NOT_IN_NAME, ' ').replace(/\s+/g, ' ').trim();
  const points = Array.from(head);
  return (points.length > MAX_NAME_LENGTH ? points.slice(0, MAX_NAME_LENGTH).join('').trimEnd() + '…' : head);
}

/** An avatar id as advertised, lower-case, or undefined when it is no SHA-1 hex. */
export function avatarId(text: string | undefined): string | undefined {
  return text !== undefined && SHA1_HEX.test(text) ? text.toLowerCase() : undefined;
}

/** The `<item/>`s of `node` in a pubsub event or an items result. */
function itemsOf(el: XmlElement | undefined, ns: string, node: string): XmlElement[] | null {
  const items = el ? child(el, 'items', ns) : undefined;
  if (!items || attr(items, 'node') !== node) return null;
  return items.getChildren('item') as XmlElement[];
}

/** XEP-0172: the nick of an item ('' for an empty one: no nick). */
function nickOf(item: XmlElement | undefined): string {
  const nick = item ? child(item, 'nick', NS_NICK) : undefined;
  return boundName(nick?.getText());
}

/**
 * XEP-0084 §4.2: the avatar a metadata item describes. The PNG info is the one every client can
 * show; else the first one served through PEP (an info with a `url` is outside it, not fetched).
 * `null`: an empty metadata element, avatars turned off. `undefined`: not an avatar metadata item.
 */
export function parseAvatarMetadata(item: XmlElement | undefined): AvatarRef | null | undefined {
  const metadata = item ? child(item, 'metadata', NS_AVATAR_METADATA) : undefined;
  if (!metadata) return undefined;
  const infos = (metadata.getChildren('info') as XmlElement[]).slice(0, MAX_INFOS).filter((i) => !attr(i, 'url') && avatarId(attr(i, 'id')));
  if (infos.length === 0) return metadata.getChildElements().length === 0 ? null : undefined;
  const info = infos.find((i) => attr(i, 'type') === 'image/png') ?? infos[0];
  const ref: AvatarRef = { id: avatarId(attr(info, 'id'))!, source: 'pep' };
  const type = attr(info, 'type');
  if (type && type.length <= 100) ref.type = type.toLowerCase();
  const bytes = Number(attr(info, 'bytes'));
  if (Number.isSafeInteger(bytes) && bytes > 0) ref.bytes = bytes;
  return ref;
}

/** XEP-0292: full name and nickname of a vCard4 (`<vcard/>`). */
export function parseVcard4(vcard: XmlElement | undefined): ProfileUpdate | null {
  if (!vcard || vcard.name !== 'vcard' || vcard.getNS() !== NS_VCARD4) return null;
  const text = (name: string) => {
    const field = child(vcard, name, NS_VCARD4);
    return boundName(field ? child(field, 'text', NS_VCARD4)?.getText() : undefined);
  };
  return { fullName: text('fn'), nick: text('nickname') };
}

export interface VcardTemp {
  fullName: string;
  nick: string;
  /** PHOTO with BINVAL: its type and the base64 (bounded, not decoded yet). */
  photo?: { type: string; base64: string };
}

/** XEP-0054: a vCard-temp result (`<iq><vCard/></iq>`); null when it is none. */
export function parseVcardTemp(iq: XmlElement): VcardTemp | null {
  const vcard = child(iq, 'vCard', NS_VCARD_TEMP);
  if (!vcard) return null;
  const out: VcardTemp = { fullName: boundName(vcard.getChildText('FN')), nick: boundName(vcard.getChildText('NICKNAME')) };
  const photo = vcard.getChild('PHOTO');
  const binval = photo?.getChildText('BINVAL');
  if (photo && binval) {
    out.photo = { type: (photo.getChildText('TYPE') ?? '').trim().toLowerCase().slice(0, 100), base64: binval };
  }
  return out;
}

/** Someone's PEP notification: who (bare JID) and what changed; null when `stanza` is none of ours. */
export function parseProfileEvent(stanza: XmlElement): { jid: string; profile: ProfileUpdate } | null {
  if (stanza.name !== 'message' || stanza.attrs.type === 'error') return null;
  const event = child(stanza, 'event', NS_PUBSUB_EVENT);
  const items = event ? child(event, 'items', NS_PUBSUB_EVENT) : undefined;
  const node = items ? attr(items, 'node') : undefined;
  if (!event || (node !== NS_NICK && node !== NS_AVATAR_METADATA && node !== NODE_VCARD4)) return null;
  // PEP notifications come from the publisher's bare JID (XEP-0163 §4.3.2); anything else is forged.
  const from = parseJid(attr(stanza, 'from'));
  if (!from || from.local === undefined || from.resource !== undefined) return null;
  const jid = formatBare(from);
  const list = itemsOf(event, NS_PUBSUB_EVENT, node!) ?? [];
  const item = list[list.length - 1];
  if (node === NS_NICK) return { jid, profile: { nick: nickOf(item) } };
  if (node === NODE_VCARD4) {
    const card = parseVcard4(item ? child(item, 'vcard', NS_VCARD4) : undefined);
    return card ? { jid, profile: card } : null;
  }
  if (!item) return null; // a retraction alone says nothing of the current avatar
  const avatar = parseAvatarMetadata(item);
  return avatar === undefined ? null : { jid, profile: { avatar } };
}

/**
 * XEP-0153 §4.3: the photo hash of a presence. `undefined`: it says nothing (no update element, or
 * no `<photo/>`: the client is not ready); `null`: no avatar; else the id.
 */
export function parsePhotoUpdate(presence: XmlElement): string | null | undefined {
  const x = child(presence, 'x', NS_VCARD_UPDATE);
  const photo = x?.getChild('photo');
  if (!photo) return undefined;
  const text = photo.getText().trim();
  if (text === '') return null;
  return avatarId(text);
}

/** The only item of an items result for `node` (the newest, where the server gave more). */
export function pepItem(iq: XmlElement, node: string): XmlElement | undefined {
  const items = itemsOf(child(iq, 'pubsub', NS_PUBSUB), NS_PUBSUB, node);
  return items?.[items.length - 1];
}

/** XEP-0084 §4.1: the base64 of the data item `id` in an items result, or undefined. */
export function parseAvatarData(iq: XmlElement, id: string): string | undefined {
  const items = itemsOf(child(iq, 'pubsub', NS_PUBSUB), NS_PUBSUB, NS_AVATAR_DATA);
  const item = items?.find((i) => attr(i, 'id') === id);
  const data = item ? child(item, 'data', NS_AVATAR_DATA) : undefined;
  return data?.getText();
}

/** Decodes base64 (line breaks allowed) to bytes; undefined when it is not base64 or too large. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length > MAX_BASE64_CHARS) return undefined;
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    return undefined;
  }
  if (binary.length > MAX_AVATAR_BYTES) return undefined;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes as base64, in chunks (spreading a whole image into one call overflows the stack). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
