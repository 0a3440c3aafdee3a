/**
 * Bookmarks of rooms: XEP-0402 (PEP) where the server keeps the XEP-0048 view in sync, else
 * XEP-0048 private storage; PEP notifications of changes made elsewhere.
 */
import type { Bookmark, Jid } from '../../../types';
import { NS_BOOKMARKS_COMPAT } from '../../namespaces';
import type { ParseContext } from '../../parse-context';
import type { DiscoInfo } from '../disco/parser';
import { checkRoom } from '../muc/rooms';
import { randomId, type XmlElement } from '../../xml';
import { requireOnline, type FeatureHost } from '../host';
import { parseBookmarksEvent, parseBookmarksResult, parseLegacyBookmarks } from './parser';
import { bookmarkPublish, bookmarkRetract, bookmarksGet, legacyBookmarksGet, legacyBookmarksSet } from './stanzas';

export class BookmarksFeature {
  /** XEP-0402 when the server keeps XEP-0048 in sync (`#compat`), else XEP-0048 private storage. */
  private protocol: '0402' | '0048' = '0048';
  private bookmarks = new Map<Jid, Bookmark>();

  constructor(private readonly host: FeatureHost) {}

  /** A new connect: nothing is known of the account's bookmarks. */
  reset(): void {
    this.protocol = '0048';
    this.bookmarks = new Map();
  }

  /** XEP-0402 §3.3: use PEP bookmarks only where the account's disco#info says the XEP-0048 view is kept in sync. */
  useProtocolOf(accountInfo: DiscoInfo | null): void {
    this.protocol = accountInfo?.features.includes(NS_BOOKMARKS_COMPAT) ? '0402' : '0048';
  }

  all(): Bookmark[] {
    return [...this.bookmarks.values()];
  }

  async load(): Promise<void> {
    requireOnline(this.host);
    const current = this.host.sessionCheck();
    let list: Bookmark[];
    if (this.protocol === '0402') {
      let answer: XmlElement | null = null;
      try {
        answer = await this.host.iq(bookmarksGet(randomId()));
      } catch (err) {
        if (!isItemNotFound(err)) throw err; // no node yet: no bookmarks
      }
      const parsed = answer ? parseBookmarksResult(answer, this.host.ctx()) : [];
      if (!parsed) {
        this.host.drop('bookmarks not from the own account or malformed', answer ?? undefined);
        throw new Error('bad-response');
      }
      list = parsed;
    } else {
      list = (await this.fetchLegacy()).bookmarks;
    }
    if (!current()) return; // that session is over
    this.bookmarks = new Map(list.map((b) => [b.jid, b]));
    this.emit();
  }

  async save(bookmark: Bookmark): Promise<void> {
    const jid = checkRoom(bookmark?.jid);
    requireOnline(this.host);
    const b: Bookmark = { jid, autojoin: !!bookmark.autojoin };
    if (bookmark.name) b.name = bookmark.name;
    if (bookmark.nick) b.nick = bookmark.nick;
    if (bookmark.password) b.password = bookmark.password;
    if (this.protocol === '0402') {
      await this.host.iq(bookmarkPublish(randomId(), b));
      this.bookmarks.set(jid, b);
    } else {
      // Read-modify-write of the whole list, so changes made elsewhere since are kept.
      const current = await this.fetchLegacy();
      const next = new Map(current.bookmarks.map((x) => [x.jid, x]));
      next.set(jid, b);
      await this.host.iq(legacyBookmarksSet(randomId(), [...next.values()], current.others));
      this.bookmarks = next;
    }
    this.emit();
  }

  async remove(room: Jid): Promise<void> {
    const jid = checkRoom(room);
    requireOnline(this.host);
    if (this.protocol === '0402') {
      try {
        await this.host.iq(bookmarkRetract(randomId(), jid));
      } catch (err) {
        if (!isItemNotFound(err)) throw err;
      }
      this.bookmarks.delete(jid);
    } else {
      const current = await this.fetchLegacy();
      const next = new Map(current.bookmarks.map((x) => [x.jid, x]));
      if (next.delete(jid)) await this.host.iq(legacyBookmarksSet(randomId(), [...next.values()], current.others));
      this.bookmarks = next;
    }
    this.emit();
  }

  /** A PEP notification of the bookmarks node (XEP-0402 §4.2): true when `stanza` was one. */
  onMessage(stanza: XmlElement, ctx: ParseContext): boolean {
    const change = parseBookmarksEvent(stanza, ctx);
    if (!change) return false;
    if (change.purged) this.bookmarks = new Map();
    for (const b of change.published) this.bookmarks.set(b.jid, b);
    for (const jid of change.retracted) this.bookmarks.delete(jid);
    this.emit();
    return true;
  }

  /** XEP-0048 storage, with what else it holds (URL bookmarks…), to be written back unchanged. */
  private async fetchLegacy(): Promise<{ bookmarks: Bookmark[]; others: XmlElement[] }> {
    const answer = await this.host.iq(legacyBookmarksGet(randomId()));
    const parsed = parseLegacyBookmarks(answer, this.host.ctx());
    if (!parsed) {
      this.host.drop('bookmarks not from the own account or malformed', answer);
      throw new Error('bad-response');
    }
    return parsed;
  }

  private emit(): void {
    this.host.emit({ type: 'bookmarks', bookmarks: this.all().map((b) => ({ ...b })) });
  }
}

/** The host's IQ errors carry the RFC 6120 condition as their message. */
function isItemNotFound(err: unknown): boolean {
  return err instanceof Error && err.message === 'item-not-found';
}
