/**
 * Bookmark requests: XEP-0402 on the PEP node `urn:xmpp:bookmarks:1`, and the XEP-0048 fallback in
 * XEP-0049 private XML storage. The room JID must be validated by the caller.
 */
import type { Bookmark } from '../../../types';
import { NS_BOOKMARKS, NS_PRIVATE, NS_PUBSUB, NS_STORAGE_BOOKMARKS } from '../../namespaces';
import { privatePublish } from '../pep/stanzas';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

/** Children shared by both formats: `<nick/>` and `<password/>` when set. */
function nickAndPassword(b: Bookmark): XmlElement[] {
  const nick = b.nick !== undefined ? xmlSafe(b.nick).trim() : '';
  const password = b.password !== undefined ? xmlSafe(b.password) : '';
  return compact(nick ? xml('nick', {}, nick) : undefined, password ? xml('password', {}, password) : undefined) as XmlElement[];
}

function nameOf(b: Bookmark): string | undefined {
  const name = b.name !== undefined ? xmlSafe(b.name).trim() : '';
  return name || undefined;
}

/** Requests all items of the bookmarks node. */
export function bookmarksGet(id: string): XmlElement {
  return xml('iq', { type: 'get', id }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_BOOKMARKS })));
}

/** Publishes (adds or replaces) one bookmark as the item `bookmark.jid`. */
export function bookmarkPublish(id: string, b: Bookmark): XmlElement {
  return privatePublish(
    id,
    NS_BOOKMARKS,
    xml('item', { id: b.jid }, xml('conference', { xmlns: NS_BOOKMARKS, name: nameOf(b), autojoin: b.autojoin ? 'true' : 'false' }, ...nickAndPassword(b))),
  );
}

/** Removes the bookmark of `room` (and notifies our other clients). */
export function bookmarkRetract(id: string, room: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', id },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node: NS_BOOKMARKS, notify: 'true' }, xml('item', { id: room }))),
  );
}

/** XEP-0048: reads the bookmarks from private XML storage. */
export function legacyBookmarksGet(id: string): XmlElement {
  return xml('iq', { type: 'get', id }, xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE_BOOKMARKS })));
}

/** XEP-0048: replaces the whole storage element (conference bookmarks plus what else it held). */
export function legacyBookmarksSet(id: string, bookmarks: Bookmark[], others: XmlElement[] = []): XmlElement {
  return xml(
    'iq',
    { type: 'set', id },
    xml(
      'query',
      { xmlns: NS_PRIVATE },
      xml(
        'storage',
        { xmlns: NS_STORAGE_BOOKMARKS },
        ...bookmarks.map((b) =>
          xml('conference', { jid: b.jid, name: nameOf(b), autojoin: b.autojoin ? 'true' : 'false' }, ...nickAndPassword(b)),
        ),
        ...others,
      ),
    ),
  );
}
