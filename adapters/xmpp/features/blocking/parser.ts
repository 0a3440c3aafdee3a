/** XEP-0191 blocking command: the blocklist result and the block / unblock pushes. */
import { formatJid, parseJid } from '../../jid';
import { NS_BLOCKING } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { fromOwnAccount, type ParseContext } from '../../parse-context';

/** More items than any real blocklist holds: the rest are ignored (a hostile or broken server). */
export const MAX_BLOCK_ITEMS = 10_000;

export type BlocklistPush = { kind: 'block'; jids: string[] } | { kind: 'unblock'; jids: string[]; all: boolean };

/** The valid, normalized JIDs of a `<block/>`, `<unblock/>` or `<blocklist/>`'s items, without repeats. */
function itemJids(el: XmlElement): string[] {
  const out = new Set<string>();
  for (const item of el.getChildElements()) {
    if (out.size >= MAX_BLOCK_ITEMS) break;
    if (item.name !== 'item') continue;
    const j = parseJid(attr(item as XmlElement, 'jid'));
    if (j) out.add(formatJid(j));
  }
  return [...out];
}

/**
 * The answer to a blocklist get. Null unless it is a result from the own account (no `from`, or
 * the own bare JID) holding `<blocklist xmlns="urn:xmpp:blocking"/>`. Invalid items are skipped.
 */
export function parseBlocklistResult(iq: XmlElement, ctx: ParseContext): string[] | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  if (!fromOwnAccount(attr(iq, 'from'), ctx)) return null;
  const list = child(iq, 'blocklist', NS_BLOCKING);
  return list ? itemJids(list) : null;
}

/**
 * A blocklist push (XEP-0191 §3.3, §3.4): an IQ set with `<block/>` (at least one item) or
 * `<unblock/>` (no item: everything was unblocked). Accepted only from the user's own account
 * (no `from`, or the own bare JID) or the account's server itself; anything else gives null.
 */
export function parseBlocklistPush(iq: XmlElement, ctx: ParseContext): BlocklistPush | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'set' || !attr(iq, 'id')) return null;
  const from = attr(iq, 'from');
  const server = ctx.ownJid.slice(ctx.ownJid.indexOf('@') + 1);
  if (!fromOwnAccount(from, ctx) && from !== server) return null;
  const block = child(iq, 'block', NS_BLOCKING);
  if (block) {
    const jids = itemJids(block);
    return jids.length > 0 ? { kind: 'block', jids } : null;
  }
  const unblock = child(iq, 'unblock', NS_BLOCKING);
  if (!unblock) return null;
  const hasItems = unblock.getChildElements().some((item) => item.name === 'item');
  const jids = itemJids(unblock);
  if (hasItems && jids.length === 0) return null;
  return { kind: 'unblock', jids, all: !hasItems };
}
