/** XEP-0191 blocking command requests, with XEP-0377 reports. JIDs must be validated by the caller. */
import type { AbuseReport } from '../../../types';
import { NS_BLOCKING, NS_REPORTING } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

/** XEP-0377 §4: the report's text is free text; this much is plenty for an operator to read. */
const MAX_REPORT_TEXT = 4_000;

/** `<iq type="get"><blocklist xmlns="urn:xmpp:blocking"/></iq>` */
export function blocklistGet(id: string): XmlElement {
  return xml('iq', { type: 'get', id }, xml('blocklist', { xmlns: NS_BLOCKING }));
}

/** XEP-0377: `<report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:spam"><text/></report>`. */
export function reportElement(report: AbuseReport): XmlElement {
  const reason = report.reason === 'abuse' ? 'urn:xmpp:reporting:abuse' : 'urn:xmpp:reporting:spam';
  const text = report.text !== undefined ? xmlSafe(report.text).trim().slice(0, MAX_REPORT_TEXT) : '';
  return xml('report', { xmlns: NS_REPORTING, reason }, ...compact(text ? xml('text', {}, text) : undefined));
}

/** Blocks `jid`, reporting it with `report` when given. */
export function blockSet(id: string, jid: string, report?: AbuseReport): XmlElement {
  return xml('iq', { type: 'set', id }, xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid }, ...compact(report ? reportElement(report) : undefined))));
}

/** Unblocks `jid`. (An `<unblock/>` without items would unblock everyone: never built here.) */
export function unblockSet(id: string, jid: string): XmlElement {
  return xml('iq', { type: 'set', id }, xml('unblock', { xmlns: NS_BLOCKING }, xml('item', { jid })));
}
