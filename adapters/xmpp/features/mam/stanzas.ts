/** XEP-0313 archive queries with XEP-0059 paging. */
import { NS_DATA, NS_MAM, NS_RSM } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

export interface MamQueryOptions {
  /** IQ id. */
  id: string;
  /** Echoed in every `<result/>` of this query. */
  queryId: string;
  /** Only messages exchanged with this JID (leave out for a room's archive: all of it). */
  with?: string;
  /** Whose archive: a room's bare JID; leave out for the own account's archive. */
  to?: string;
  /** RSM `before`: the page before this archive id; empty or undefined = the latest page. */
  before?: string;
  /** RSM `after`: the page after this archive id, oldest first (a catch-up); replaces `before`. */
  after?: string;
  /** The form's `start`: only messages from this time on (ms since the epoch); the oldest page first. */
  start?: number;
  /** Page size. */
  max: number;
}

/**
 * A query of the own account's archive (no `to`) or of a room's (`to` = the room): a data form
 * with FORM_TYPE, `with` and `start` (if given), and an RSM set with `max` and `before` (present
 * unless paging forward, so the server returns the newest page first) or `after`.
 */
export function mamQuery(o: MamQueryOptions): XmlElement {
  const max = Math.max(1, Math.floor(o.max));
  return xml(
    'iq',
    { type: 'set', id: o.id, to: o.to },
    xml(
      'query',
      { xmlns: NS_MAM, queryid: o.queryId },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
        ...compact(o.with !== undefined ? xml('field', { var: 'with' }, xml('value', {}, o.with)) : undefined),
        ...compact(o.start !== undefined ? xml('field', { var: 'start' }, xml('value', {}, new Date(o.start).toISOString())) : undefined),
      ),
      xml('set', { xmlns: NS_RSM }, xml('max', {}, String(max)), ...pageChild(o)),
    ),
  );
}

/** Forward (`after`, or from `start`: the server's default order, oldest first) or back from the newest (`before`). */
function pageChild(o: MamQueryOptions): XmlElement[] {
  if (o.after) return [xml('after', {}, xmlSafe(o.after))];
  if (o.start !== undefined) return [];
  return [xml('before', {}, ...compact(o.before ? xmlSafe(o.before) : undefined))];
}
