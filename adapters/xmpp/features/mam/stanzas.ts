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
  /** Page size. */
  max: number;
}

/**
 * A query of the own account's archive (no `to`) or of a room's (`to` = the room): a data form
 * with FORM_TYPE and `with` (if given), and an RSM set with `max` and `before` (always present, so
 * the server returns the newest page first).
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
      ),
      xml('set', { xmlns: NS_RSM }, xml('max', {}, String(max)), xml('before', {}, ...compact(o.before ? xmlSafe(o.before) : undefined))),
    ),
  );
}
