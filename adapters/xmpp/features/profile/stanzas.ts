/** Asking for and publishing profiles: PEP items, vCard-temp, avatar items and the presence hash. */
import { NS_AVATAR_DATA, NS_AVATAR_METADATA, NS_NICK, NS_PUBSUB, NS_VCARD4, NS_VCARD_TEMP, NS_VCARD_UPDATE } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

/** XEP-0060 §6.5: the newest item of `node` at `to` (or item `itemId`). */
export function pepItemsGet(id: string, to: string, node: string, itemId?: string): XmlElement {
  return xml(
    'iq',
    { type: 'get', id, to },
    xml('pubsub', { xmlns: NS_PUBSUB }, itemId ? xml('items', { node }, xml('item', { id: itemId })) : xml('items', { node, max_items: '1' })),
  );
}

/** XEP-0084 §4.1: the image, base64, under its SHA-1. */
export function avatarDataItem(hash: string, base64: string): XmlElement {
  return xml('item', { id: hash }, xml('data', { xmlns: NS_AVATAR_DATA }, base64));
}

/** XEP-0084 §4.2: what the image is. */
export function avatarMetadataItem(hash: string, info: { bytes: number; type: string; width: number; height: number }): XmlElement {
  return xml(
    'item',
    { id: hash },
    xml(
      'metadata',
      { xmlns: NS_AVATAR_METADATA },
      xml('info', { id: hash, bytes: String(info.bytes), type: info.type, width: String(info.width), height: String(info.height) }),
    ),
  );
}

/** XEP-0172 §4.5: the nick; an empty one clears it. */
export function nickItem(nick: string): XmlElement {
  const text = xmlSafe(nick);
  return xml('item', { id: 'current' }, xml('nick', { xmlns: NS_NICK }, ...compact(text)));
}

/** XEP-0292 §3: a vCard4 item with the full name and nickname. */
export function vcard4Item(fullName: string, nick: string): XmlElement {
  return xml(
    'item',
    { id: 'current' },
    xml(
      'vcard',
      { xmlns: NS_VCARD4 },
      ...compact(
        fullName ? xml('fn', {}, xml('text', {}, xmlSafe(fullName))) : undefined,
        nick ? xml('nickname', {}, xml('text', {}, xmlSafe(nick))) : undefined,
      ),
    ),
  );
}


/** XEP-0054 §3.1: someone's vCard-temp (`to` omitted: the user's own). */
export function vcardGet(id: string, to?: string): XmlElement {
  return xml('iq', to ? { type: 'get', id, to } : { type: 'get', id }, xml('vCard', { xmlns: NS_VCARD_TEMP }));
}

export interface VcardChange {
  fullName?: string;
  nick?: string;
  photo?: { type: string; base64: string };
}

/**
 * XEP-0054 §3.2: the user's vCard-temp with `change` applied to `current` (the vCard element as
 * read, or none, whose children move into the new one): a set replaces the whole vCard, so every
 * other field is kept as it was.
 */
export function vcardSet(id: string, current: XmlElement | undefined, change: VcardChange): XmlElement {
  const replaced = new Set<string>();
  if (change.fullName !== undefined) replaced.add('FN');
  if (change.nick !== undefined) replaced.add('NICKNAME');
  if (change.photo) replaced.add('PHOTO');
  const kept = (current?.getChildElements() ?? []).filter((c) => !replaced.has(c.name)) as XmlElement[];
  return xml(
    'iq',
    { type: 'set', id },
    xml(
      'vCard',
      { xmlns: NS_VCARD_TEMP },
      ...kept,
      ...compact(
        change.fullName ? xml('FN', {}, xmlSafe(change.fullName)) : undefined,
        change.nick ? xml('NICKNAME', {}, xmlSafe(change.nick)) : undefined,
        change.photo ? xml('PHOTO', {}, xml('TYPE', {}, change.photo.type), xml('BINVAL', {}, change.photo.base64)) : undefined,
      ),
    ),
  );
}

/** XEP-0153 §4.1: the photo hash for our presence (`''`: we have none). */
export function photoUpdate(hash: string): XmlElement {
  return xml('x', { xmlns: NS_VCARD_UPDATE }, xml('photo', {}, ...compact(hash)));
}
