/** XEP-0444 reaction stanzas. JIDs must be validated by the caller. */
import { NS_HINTS, NS_REACTIONS, NS_SID } from '../../namespaces';
import { xml, xmlSafe, type XmlElement } from '../../xml';

/**
 * Our whole set of reactions to `messageId` (an empty set removes them all), with an origin-id and
 * a hint that archives keep it (XEP-0444 §5.1), so history shows them too. No body: clients
 * without reactions show nothing rather than a stray emoji.
 */
export function reactionsMessage(to: string, type: 'chat' | 'groupchat', messageId: string, emojis: string[], id: string): XmlElement {
  const safeId = xmlSafe(id);
  return xml(
    'message',
    { type, to, id: safeId },
    xml('reactions', { xmlns: NS_REACTIONS, id: xmlSafe(messageId) }, ...emojis.map(emoji => xml('reaction', {}, xmlSafe(emoji)))),
    xml('origin-id', { xmlns: NS_SID, id: safeId }),
    xml('store', { xmlns: NS_HINTS }),
  );
}
