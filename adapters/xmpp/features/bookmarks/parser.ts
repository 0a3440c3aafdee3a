/**
 * Bookmarks: XEP-0402 (PEP node `urn:xmpp:bookmarks:1`, one item per room, item id = room JID)
 * and the XEP-0048 fallback in XEP-0049 private XML storage. Both only ever come from our own
 * account: results and notifications from anyone else are refused.
 */
import type { Bookmark } from '../../../types';
import { NS_BOOKMARKS, NS_PRIVATE, NS_PUBSUB, NS_PUBSUB_EVENT, NS_STORAGE_BOOKMARKS } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { fromOwnAccount, type ParseContext } from '../../parse-context';
import { parseBoolean } from '../dataforms/parser';
import { parseRoomJid } from '../muc/parser';

/** Most bookmarks read from one answer. */
const MAX_BOOKMARKS = 1000;

function bookmarkOf(jidValue: string | undefined, el: XmlElement, ns: string): Bookmark | null {
  const room = parseRoomJid(jidValue);
  if (!room || room.nick !== undefined) return null;
  const bookmark: Bookmark = { jid: room.room, autojoin: parseBoolean(attr(el, 'autojoin')) ?? false };
  const name = attr(el, 'name');
  if (name) bookmark.name = name;
  const nick = child(el, 'nick', ns)?.getText();
  if (nick) bookmark.nick = nick;
  const password = child(el, 'password', ns)?.getText();
  if (password) bookmark.password = password;
  return bookmark;
}

/** One XEP-0402 `<item id="room@service"><conference xmlns="urn:xmpp:bookmarks:1" …/></item>`. */
export function parseBookmarkItem(item: XmlElement): Bookmark | null {
  if (item.name !== 'item') return null;
  const conference = child(item, 'conference', NS_BOOKMARKS);
  return conference ? bookmarkOf(attr(item, 'id'), conference, NS_BOOKMARKS) : null;
}

function uniqueByJid(list: Bookmark[]): Bookmark[] {
  const byJid = new Map<string, Bookmark>();
  for (const b of list) if (!byJid.has(b.jid) && byJid.size < MAX_BOOKMARKS) byJid.set(b.jid, b);
  return [...byJid.values()];
}

/**
 * The answer to an items request on the bookmarks node: the valid bookmarks (malformed items are
 * skipped, each room once). Null when the answer is not a result from our own account.
 */
export function parseBookmarksResult(iq: XmlElement, ctx: ParseContext): Bookmark[] | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  if (!fromOwnAccount(attr(iq, 'from'), ctx)) return null;
  const pubsub = child(iq, 'pubsub', NS_PUBSUB);
  if (!pubsub) return [];
  const items = child(pubsub, 'items', NS_PUBSUB);
  if (!items) return [];
  if (attr(items, 'node') !== NS_BOOKMARKS) return null;
  return uniqueByJid(
    items
      .getChildElements()
      .map((i) => parseBookmarkItem(i as XmlElement))
      .filter((b): b is Bookmark => b !== null),
  );
}

export interface BookmarksChange {
  /** Added or replaced bookmarks. */
  published: Bookmark[];
  /** Room JIDs whose bookmarks were removed. */
  retracted: string[];
  /** The whole node was purged (or deleted): no bookmarks left. */
  purged: boolean;
}

/**
 * A PEP notification about the bookmarks node (`<event xmlns="…pubsub#event">`), from our own
 * account only. Null for other messages and for notifications from anyone else.
 */
export function parseBookmarksEvent(message: XmlElement, ctx: ParseContext): BookmarksChange | null {
  if (message.name !== 'message' || message.attrs.type === 'error') return null;
  const event = child(message, 'event', NS_PUBSUB_EVENT);
  if (!event) return null;
  const items = child(event, 'items', NS_PUBSUB_EVENT);
  const purge = child(event, 'purge', NS_PUBSUB_EVENT) ?? child(event, 'delete', NS_PUBSUB_EVENT);
  const node = items ? attr(items, 'node') : purge ? attr(purge, 'node') : undefined;
  if (node !== NS_BOOKMARKS) return null;
  if (!fromOwnAccount(attr(message, 'from'), ctx)) return null;
  const change: BookmarksChange = { published: [], retracted: [], purged: !items };
  if (items) {
    for (const el of items.getChildElements()) {
      if (el.name === 'item') {
        const b = parseBookmarkItem(el as XmlElement);
        if (b) change.published.push(b);
      } else if (el.name === 'retract') {
        const room = parseRoomJid(attr(el as XmlElement, 'id'));
        if (room && room.nick === undefined) change.retracted.push(room.room);
      }
    }
    change.published = uniqueByJid(change.published);
  }
  return change;
}

export interface LegacyBookmarks {
  bookmarks: Bookmark[];
  /** Everything else in the storage element (URL bookmarks, other clients' data), kept on save. */
  others: XmlElement[];
}

/** The answer to a XEP-0049 get of `storage:bookmarks`; null unless a result from our own account. */
export function parseLegacyBookmarks(iq: XmlElement, ctx: ParseContext): LegacyBookmarks | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  if (!fromOwnAccount(attr(iq, 'from'), ctx)) return null;
  const query = child(iq, 'query', NS_PRIVATE);
  const storage = query ? child(query, 'storage', NS_STORAGE_BOOKMARKS) : undefined;
  // An empty result (nothing stored yet, some servers leave the query out) is an empty list.
  if (!storage) return { bookmarks: [], others: [] };
  const bookmarks: Bookmark[] = [];
  const others: XmlElement[] = [];
  for (const el of storage.getChildElements()) {
    if (el.name === 'conference' && el.getNS() === NS_STORAGE_BOOKMARKS) {
      const b = bookmarkOf(attr(el as XmlElement, 'jid'), el as XmlElement, NS_STORAGE_BOOKMARKS);
      if (b) bookmarks.push(b);
    } else {
      others.push(el as XmlElement);
    }
  }
  return { bookmarks: uniqueByJid(bookmarks), others };
}
