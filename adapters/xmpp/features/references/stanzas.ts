/** XEP-0372 mentions as they go out. */
import type { Mention } from '../../../types';
import { NS_REFERENCE } from '../../namespaces';
import { xml, type XmlElement } from '../../xml';
import { xmppUri } from '../../../xmpp-uri';
import { MAX_MENTIONS, mentionedJid } from './parser';

/**
 * `message` with a `<reference type="mention">` for each of `mentions` that fits a body of `length`
 * code points, moved by `offset` (what was put before the text, a reply's quote). Returns `message`.
 */
export function withMentions(message: XmlElement, mentions: readonly Mention[] | undefined, length: number, offset = 0): XmlElement {
  for (const mention of (mentions ?? []).slice(0, MAX_MENTIONS)) {
    const jid = mentionedJid(mention.uri);
    if (!jid || !Number.isInteger(mention.begin) || !Number.isInteger(mention.end) || mention.begin < 0 || mention.begin >= mention.end || mention.end > length) continue;
    message.append(xml('reference', { xmlns: NS_REFERENCE, type: 'mention', uri: xmppUri(jid), begin: String(mention.begin + offset), end: String(mention.end + offset) }));
  }
  return message;
}
