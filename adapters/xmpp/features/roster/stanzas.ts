/** RFC 6121 roster requests and subscription presences. JIDs must be validated by the caller. */
import { NS_NICK, NS_ROSTER } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

/** `<iq type="get"><query xmlns="jabber:iq:roster"/></iq>` */
export function rosterGet(id: string): XmlElement {
  return xml('iq', { type: 'get', id }, xml('query', { xmlns: NS_ROSTER }));
}

/** Adds or updates an item: `<iq type="set"><query><item jid name><group/>…</item></query></iq>`. */
export function rosterSet(id: string, jid: string, name?: string, groups: string[] = []): XmlElement {
  const cleanName = name !== undefined ? xmlSafe(name).trim() : '';
  const uniqueGroups = [...new Set(groups.map((g) => xmlSafe(g).trim()).filter((g) => g.length > 0))];
  return xml(
    'iq',
    { type: 'set', id },
    xml(
      'query',
      { xmlns: NS_ROSTER },
      xml('item', { jid, name: cleanName || undefined }, ...uniqueGroups.map((g) => xml('group', {}, g))),
    ),
  );
}

/** Removes an item, which also cancels the subscriptions both ways (RFC 6121 §2.5). */
export function rosterRemove(id: string, jid: string): XmlElement {
  return xml('iq', { type: 'set', id }, xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'remove' })));
}

export type SubscriptionPresenceType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

/**
 * `<presence type to/>` for subscription management, addressed to a bare JID. A `subscribe`
 * may carry our XEP-0172 nickname.
 */
export function subscriptionPresence(type: SubscriptionPresenceType, to: string, nick?: string): XmlElement {
  const cleanNick = type === 'subscribe' && nick !== undefined ? xmlSafe(nick).trim() : '';
  return xml('presence', { type, to }, ...compact(cleanNick ? xml('nick', { xmlns: NS_NICK }, cleanNick) : undefined));
}
