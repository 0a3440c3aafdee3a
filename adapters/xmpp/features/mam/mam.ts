/**
 * Message Archive Management (XEP-0313): pages of a conversation's history from the account's
 * archive, or of a room's from the room's own. Results are accepted only for a query we have
 * outstanding, from that archive, and of that conversation.
 */
import type { AdapterEvent, CatchUpFrom, Jid, Message } from '../../../types';
import { bare, formatBare, formatJid, parseJid } from '../../jid';
import type { ParseContext } from '../../parse-context';
import { bodyText, parseChatMessage } from '../messages/parser';
import { parseGroupchat, type RoomContext } from '../muc/parser';
import { randomId, type XmlElement } from '../../xml';
import { describeError, type FeatureHost } from '../host';
import { isMamResult, mamQueryIdOf, parseMamFin, parseMamResult } from './parser';
import { mamQuery } from './stanzas';

export interface MamHost extends FeatureHost {
  /** A room we are in or were in this session. */
  isRoom(jid: Jid): boolean;
  /** `jid` is a room occupant and a message with it is a private message in that room. */
  isOccupant(jid: unknown, message: XmlElement): boolean;
  /** What a room's messages are read with (its JID, our nick, whether it has occupant ids). */
  roomContext(room: Jid): RoomContext | undefined;
}

interface MamQuery {
  /** The conversation asked for; null for a catch-up of the own archive (every conversation). */
  conversation: Jid | null;
  messages: Message[];
  done: boolean;
  /** A room's archive (results must come from the room); undefined for our own archive. */
  archive?: Jid;
}

/** A catch-up reads at most this many pages (of 250): beyond, the rest is in the archive, for older pages. */
const CATCH_UP_PAGES = 40;
const CATCH_UP_PAGE = 250;

export class MamFeature {
  private queries = new Map<string, MamQuery>();

  constructor(
    private readonly host: MamHost,
    /** Page size when none is asked for (at most 250). */
    private readonly pageSize: number,
  ) {}

  /** Loads the page before `before` (or the newest); emits `history` or `historyError`, never throws. */
  async load(conversation: Jid, options: { before?: string; max?: number } = {}): Promise<void> {
    const peer = parseJid(conversation);
    // A private conversation with a room occupant is kept under its full JID.
    const occupant = !!peer && peer.resource !== undefined && peer.local !== undefined && this.host.isRoom(formatBare(peer));
    const conv = peer ? (occupant ? formatJid(peer) : formatBare(peer)) : String(conversation);
    if (!peer || (peer.resource !== undefined && !occupant)) {
      this.host.emit({ type: 'historyError', conversation: conv, error: 'invalid-jid' });
      return;
    }
    // A room's history is in the room's own archive (XEP-0313 §4.1.1 on the room JID).
    const archive = !occupant && this.host.isRoom(conv) ? conv : undefined;
    if (!this.host.online()) {
      this.host.emit({ type: 'historyError', conversation: conv, error: 'not connected' });
      return;
    }
    const max = Math.min(250, Math.max(1, Math.floor(options.max ?? this.pageSize)));
    const queryId = randomId();
    const query: MamQuery = { conversation: conv, messages: [], done: false };
    if (archive !== undefined) query.archive = archive;
    this.queries.set(queryId, query);
    try {
      const request = archive !== undefined
        ? mamQuery({ id: randomId(), queryId, to: archive, before: options.before, max })
        : mamQuery({ id: randomId(), queryId, with: conv, before: options.before, max });
      const result = await this.host.iq(request);
      if (query.done) return;
      const fin = parseMamFin(result, this.host.ctx(), { archive });
      query.done = true;
      if (!fin) {
        this.host.drop(`archive answer not from ${archive ?? 'the own account'} or without <fin/>`, result);
        this.host.emit({ type: 'historyError', conversation: conv, error: 'bad-response' });
        return;
      }
      const event: AdapterEvent = { type: 'history', conversation: conv, messages: query.messages, complete: fin.complete };
      if (fin.first !== undefined) event.cursor = fin.first;
      this.host.emit(event);
    } catch (err) {
      if (query.done) return;
      query.done = true;
      this.host.emit({ type: 'historyError', conversation: conv, error: describeError(err) });
    } finally {
      this.queries.delete(queryId);
    }
  }

  /**
   * What an archive (the own one when `archive` is null, else a room's) holds after `from`, page
   * after page, oldest first, as `missed` events; resolves with how many messages came. An `after`
   * id the archive no longer knows (item-not-found) falls back to `from.start`.
   */
  async catchUp(archive: Jid | null, from: CatchUpFrom): Promise<number> {
    if (!this.host.online()) throw new Error('not connected');
    let after = from.after;
    let start = after === undefined ? from.start : undefined;
    let total = 0;
    for (let page = 0; page < CATCH_UP_PAGES; page++) {
      const queryId = randomId();
      const query: MamQuery = { conversation: archive, messages: [], done: false };
      if (archive !== null) query.archive = archive;
      this.queries.set(queryId, query);
      let result: XmlElement;
      try {
        result = await this.host.iq(mamQuery({ id: randomId(), queryId, to: archive ?? undefined, after, start, max: CATCH_UP_PAGE }));
      } catch (err) {
        query.done = true;
        const unknownId = page === 0 && after !== undefined && describeError(err) === 'item-not-found';
        if (unknownId && from.start !== undefined) {
          after = undefined;
          start = from.start;
          page--;
          continue;
        }
        throw err;
      } finally {
        this.queries.delete(queryId);
      }
      const fin = parseMamFin(result, this.host.ctx(), { archive: archive ?? undefined });
      query.done = true;
      if (!fin) {
        this.host.drop(`archive answer not from ${archive ?? 'the own account'} or without <fin/>`, result);
        throw new Error('bad-response');
      }
      total += query.messages.length;
      this.emitMissed(query.messages);
      if (fin.complete || fin.last === undefined || fin.last === after) return total;
      after = fin.last;
      start = undefined;
    }
    this.host.warn(`[natter/xmpp] catch-up of ${archive ?? 'the own archive'} stopped after ${CATCH_UP_PAGES} pages`);
    return total;
  }

  /** One `missed` event per conversation, each oldest first. */
  private emitMissed(messages: Message[]): void {
    const byConversation = new Map<Jid, Message[]>();
    for (const message of messages) {
      const list = byConversation.get(message.conversation);
      if (list) list.push(message);
      else byConversation.set(message.conversation, [message]);
    }
    for (const [conversation, list] of byConversation) this.host.emit({ type: 'missed', conversation, messages: list });
  }

  /** The session ended: every outstanding query fails with `reason`. */
  endSession(reason: string): void {
    for (const [queryId, q] of this.queries) {
      if (!q.done) {
        q.done = true;
        if (q.conversation !== null) this.host.emit({ type: 'historyError', conversation: q.conversation, error: reason });
      }
      this.queries.delete(queryId);
    }
  }

  /** A result of an archive query: true when `stanza` was one (kept, or dropped with a warning). */
  onMessage(stanza: XmlElement, ctx: ParseContext): boolean {
    if (!isMamResult(stanza)) return false;
    const queryId = mamQueryIdOf(stanza);
    const query = queryId !== undefined ? this.queries.get(queryId) : undefined;
    if (!query || query.done) {
      this.host.drop('archive result for no outstanding query', stanza);
      return true;
    }
    const result = parseMamResult(stanza, ctx, { archive: query.archive });
    if (!result) {
      this.host.drop(`archive result not from ${query.archive ?? 'the own account'} or malformed`, stanza);
      return true;
    }
    if (query.archive !== undefined) {
      this.onRoomResult(query, result.message, result.archiveId, result.forwardedStamp, stanza);
      return true;
    }
    const from = result.message.attrs.from;
    const mine = parseJid(from) !== null && bare(from) === ctx.ownJid;
    const parsed = parseChatMessage(result.message, ctx, {
      mode: 'archive',
      archiveId: result.archiveId,
      forwardedStamp: result.forwardedStamp,
      privateOccupant: this.host.isOccupant(mine ? result.message.attrs.to : from, result.message),
    });
    if (!parsed?.message) return true; // bodiless archived stanzas (receipts, states) are not history
    if (query.conversation !== null && parsed.peer !== query.conversation) {
      this.host.drop(`archive result of another conversation (${parsed.peer})`, stanza);
      return true;
    }
    query.messages.push(parsed.message);
    return true;
  }

  /** One message of a room's archive: a groupchat message of exactly that room. */
  private onRoomResult(query: MamQuery, message: XmlElement, archiveId: string, forwardedStamp: number | undefined, stanza: XmlElement): void {
    const room = this.host.roomContext(query.archive!) ?? { room: query.archive!, nick: '', occupantIds: false };
    const parsed = parseGroupchat(message, this.host.ctx(), room, { mode: 'archive', archiveId, forwardedStamp });
    if (!parsed) {
      if (bodyText(message) !== undefined) this.host.drop(`archive result that is not a message of ${query.archive}`, stanza);
      return;
    }
    if (parsed.kind === 'message') query.messages.push(parsed.message);
  }
}
