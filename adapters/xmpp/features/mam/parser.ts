/** XEP-0313 message archive management (urn:xmpp:mam:2) results and XEP-0059 paging. */
import { NS_FORWARD, NS_MAM, NS_RSM } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { delayStamp, forwardedMessage } from '../messages/parser';
import { fromOwnAccount, type ParseContext } from '../../parse-context';
import { formatBare, parseJid } from '../../jid';

export interface MamResult {
  queryId: string;
  /** The archive id of the message (its stanza-id in our archive). */
  archiveId: string;
  /** The archived message. */
  message: XmlElement;
  /** The archive's timestamp for the message. */
  forwardedStamp?: number;
}

export interface MamFin {
  /** The archive has nothing beyond this page in the direction of the query. */
  complete: boolean;
  /** RSM `<first/>`: the id of the oldest message of the page (the next `before`). */
  first?: string;
  /** RSM `<last/>`. */
  last?: string;
  /** RSM `<count/>`, when the server gave it. */
  count?: number;
}

/** True when the message carries a MAM `<result/>` (valid or not); such messages are never live messages. */
export function isMamResult(stanza: XmlElement): boolean {
  return !!child(stanza, 'result', NS_MAM);
}

/**
 * Whose archive answers: our own account's (no `archive`), or another entity's such as a room
 * (`archive` = its bare JID), which must then be exactly the `from`.
 */
export interface ArchiveOptions {
  archive?: string;
}

function fromArchive(from: string | undefined, ctx: ParseContext, opts: ArchiveOptions): boolean {
  if (opts.archive === undefined) return fromOwnAccount(from, ctx);
  const j = parseJid(from);
  return !!j && j.resource === undefined && formatBare(j) === opts.archive;
}

/** The `queryid` of a MAM `<result/>`, before anything else is checked (to find the query it belongs to). */
export function mamQueryIdOf(stanza: XmlElement): string | undefined {
  const result = child(stanza, 'result', NS_MAM);
  return result ? attr(result, 'queryid') : undefined;
}

/**
 * One `<message><result xmlns="urn:xmpp:mam:2" queryid id><forwarded>…`. Accepted only when the
 * outer `from` is absent or exactly the own bare JID (we only query our own archive; a contact
 * must not be able to inject history) — or, for a room's archive (`opts.archive`), exactly the
 * room's bare JID. The caller still has to check `queryId` against its outstanding queries.
 * Returns null for malformed results.
 */
export function parseMamResult(stanza: XmlElement, ctx: ParseContext, opts: ArchiveOptions = {}): MamResult | null {
  if (stanza.name !== 'message') return null;
  if (!fromArchive(attr(stanza, 'from'), ctx, opts)) return null;
  const result = child(stanza, 'result', NS_MAM);
  if (!result) return null;
  const queryId = attr(result, 'queryid');
  const archiveId = attr(result, 'id');
  if (!queryId || !archiveId) return null;
  const forwarded = child(result, 'forwarded', NS_FORWARD);
  if (!forwarded) return null;
  const message = forwardedMessage(forwarded);
  if (!message) return null;
  const out: MamResult = { queryId, archiveId, message };
  const stamp = delayStamp(forwarded);
  if (stamp !== undefined) out.forwardedStamp = stamp;
  return out;
}

/**
 * The `<fin/>` in the IQ result that ends a query. Returns null when the IQ is not a result from
 * the own account (or from `opts.archive`) or has no `<fin/>`.
 */
export function parseMamFin(iq: XmlElement, ctx: ParseContext, opts: ArchiveOptions = {}): MamFin | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  if (!fromArchive(attr(iq, 'from'), ctx, opts)) return null;
  const fin = child(iq, 'fin', NS_MAM);
  if (!fin) return null;
  const out: MamFin = { complete: fin.attrs.complete === 'true' || fin.attrs.complete === '1' };
  const set = child(fin, 'set', NS_RSM);
  if (set) {
    const first = child(set, 'first', NS_RSM)?.getText();
    const last = child(set, 'last', NS_RSM)?.getText();
    const count = child(set, 'count', NS_RSM)?.getText();
    if (first) out.first = first;
    if (last) out.last = last;
    if (count && /^\d+$/.test(count)) out.count = Number(count);
  }
  return out;
}
