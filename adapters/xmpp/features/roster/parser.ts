/** RFC 6121 roster: the result of a roster get and roster pushes. */
import type { Contact, Subscription } from '../../../types';
import { parseJid, formatBare } from '../../jid';
import { NS_ROSTER } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { fromOwnAccount, type ParseContext } from '../../parse-context';

const SUBSCRIPTIONS: readonly Subscription[] = ['none', 'to', 'from', 'both'];

export interface RosterItemChange {
  contact: Contact;
  /** `subscription="remove"`: the item is gone from the roster. */
  removed: boolean;
}

/**
 * One `<item/>`. Returns null when the item has no valid bare JID or an unknown subscription.
 * `allowRemove` accepts `subscription="remove"` (pushes only).
 */
export function parseRosterItem(item: XmlElement, allowRemove = false): RosterItemChange | null {
  if (item.name !== 'item') return null;
  const j = parseJid(attr(item, 'jid'));
  if (!j || j.resource !== undefined) return null;
  const sub = item.attrs.subscription ?? 'none';
  const removed = sub === 'remove';
  if (removed && !allowRemove) return null;
  if (!removed && !SUBSCRIPTIONS.includes(sub)) return null;
  const groups: string[] = [];
  for (const g of item.getChildren('group')) {
    const name = g.getText();
    if (name && !groups.includes(name)) groups.push(name);
  }
  const contact: Contact = {
    jid: formatBare(j),
    groups,
    subscription: removed ? 'none' : (sub as Subscription),
    pendingOut: item.attrs.ask === 'subscribe',
  };
  const name = attr(item, 'name');
  if (name !== undefined) contact.name = name;
  return { contact, removed };
}

/**
 * The answer to a roster get: `<iq type="result"><query xmlns="jabber:iq:roster">…`.
 * Returns null when it is not a roster result or does not come from the own account.
 * Invalid items are skipped; an empty result (no `<query/>`, RFC 6121 §2.6.3 versioning) gives [].
 */
export function parseRosterResult(iq: XmlElement, ctx: ParseContext): Contact[] | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  if (!fromOwnAccount(attr(iq, 'from'), ctx)) return null;
  const query = child(iq, 'query', NS_ROSTER);
  if (!query) return iq.getChildElements().length === 0 ? [] : null;
  const byJid = new Map<string, Contact>();
  for (const item of query.getChildElements()) {
    const parsed = parseRosterItem(item as XmlElement);
    if (parsed) byJid.set(parsed.contact.jid, parsed.contact);
  }
  return [...byJid.values()];
}

/**
 * A roster push: `<iq type="set"><query xmlns="jabber:iq:roster"><item …/></query></iq>` with
 * exactly one item. Accepted only without `from` or with `from` equal to the own bare JID
 * (RFC 6121 §2.1.6): anything else is a spoofing attempt and gives null.
 */
export function parseRosterPush(iq: XmlElement, ctx: ParseContext): RosterItemChange | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'set' || !attr(iq, 'id')) return null;
  if (!fromOwnAccount(attr(iq, 'from'), ctx)) return null;
  const query = child(iq, 'query', NS_ROSTER);
  if (!query) return null;
  const items = query.getChildElements();
  if (items.length !== 1) return null;
  return parseRosterItem(items[0] as XmlElement, true);
}
