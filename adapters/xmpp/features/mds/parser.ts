/**
 * XEP-0490 message displayed synchronization: the account's PEP node `urn:xmpp:mds:displayed:0`
 * holds, per conversation (the item id), the stanza-id of the last message the user displayed on
 * any client. Notifications are believed only from the own account.
 */
import { formatBare, parseJid } from '../../jid';
import { NS_MDS, NS_PUBSUB_EVENT, NS_SID } from '../../namespaces';
import { fromOwnAccount, type ParseContext } from '../../parse-context';
import { attr, child, validId, type XmlElement } from '../../xml';

/** Conversations per notification at the most (a server sends one; anything can be forged). */
const MAX_ITEMS = 100;

/** What another client of the user's displayed: per conversation, the stanza-id of the last message. */
export interface DisplayedUpTo {
  conversation: string;
  stanzaId: string;
}

/**
 * A PEP notification of the displayed node from the own account, or null when `stanza` is not
 * one. Items whose id is no bare JID, or whose stanza-id is not the archive's (ours for a chat,
 * the room's for a room: `by` is then the item's JID), are left out.
 */
export function parseDisplayedEvent(stanza: XmlElement, ctx: ParseContext): DisplayedUpTo[] | null {
  if (stanza.name !== 'message' || stanza.attrs.type === 'error') return null;
  const items = child(child(stanza, 'event', NS_PUBSUB_EVENT) ?? stanza, 'items', NS_PUBSUB_EVENT);
  if (!items || attr(items, 'node') !== NS_MDS || !fromOwnAccount(attr(stanza, 'from'), ctx)) return null;
  const found: DisplayedUpTo[] = [];
  for (const item of items.getChildren('item').slice(0, MAX_ITEMS)) {
    const jid = parseJid(attr(item, 'id'));
    const sid = child(child(item, 'displayed', NS_MDS) ?? item, 'stanza-id', NS_SID);
    const by = parseJid(sid ? attr(sid, 'by') : undefined);
    const stanzaId = sid ? validId(attr(sid, 'id')) : undefined;
    if (!jid || jid.resource !== undefined || !by || !stanzaId) continue;
    const conversation = formatBare(jid);
    if (formatBare(by) === ctx.ownJid || formatBare(by) === conversation) found.push({ conversation, stanzaId });
  }
  return found;
}
