/** XEP-0313 message archive management (urn:xmpp:mam:2) results and XEP-0059 paging. */
import { NS_FORWARD, NS_MAM, NS_RSM } from '../namespaces';
import { attr, child, type XmlElement } from '../xml';
import { delayStamp, forwardedMessage } from './message';
import { fromOwnAccount, type ParseContext } from './context';

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
 * One `<message><result xmlns="urn:xmpp:mam:2" queryid id><forwarded>…`. Accepted only when the
 * outer `from` is absent or exactly the own bare JID (we only query our own archive; a contact
 * must not be able to inject history). The caller still has to check `queryId` against its
 * outstanding queries. Returns null for malformed results.
 */
export function parseMamResult(stanza: XmlElement, ctx: ParseContext): MamResult | null {
  if (stanza.name !== 'message') return null;
  if (!fromOwnAccount(attr(stanza, 'from'), ctx)) return null;
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
 * the own account or has no `<fin/>`.
 */
export function parseMamFin(iq: XmlElement, ctx: ParseContext): MamFin | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  if (!fromOwnAccount(attr(iq, 'from'), ctx)) return null;
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
