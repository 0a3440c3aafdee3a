/** One-to-one message stanzas: chat messages, corrections, retractions, chat states, receipts. JIDs must be validated by the caller. */
import type { ChatState } from '../../../types';
import { NS_CHATSTATES, NS_CORRECT, NS_FALLBACK, NS_HINTS, NS_MARKERS, NS_RECEIPTS, NS_RETRACT, NS_SID } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

/** The XEP-0308 `<replace id/>` that makes a message the correction of our message `originalId`. */
export function replaceElement(originalId: string): XmlElement {
  return xml('replace', { xmlns: NS_CORRECT, id: xmlSafe(originalId) });
}

/**
 * `<message type="chat" to id>` with the body, an XEP-0359 origin-id equal to `id`, an XEP-0184
 * receipt request and the XEP-0085 `<active/>` state. With `replaces`, it is the XEP-0308
 * correction of our message sent with that id.
 */
export function chatMessage(to: string, body: string, id: string, replaces?: string): XmlElement {
  const safeId = xmlSafe(id);
  return xml(
    'message',
    { type: 'chat', to, id: safeId },
    xml('body', {}, xmlSafe(body)),
    xml('origin-id', { xmlns: NS_SID, id: safeId }),
    xml('request', { xmlns: NS_RECEIPTS }),
    xml('markable', { xmlns: NS_MARKERS }),
    xml('active', { xmlns: NS_CHATSTATES }),
    ...compact(replaces !== undefined ? replaceElement(replaces) : undefined),
  );
}

/** What a client without XEP-0424 shows instead of removing the message. */
export const RETRACTION_FALLBACK = 'This person attempted to retract a previous message, but it is unsupported by your client.';

/**
 * XEP-0424 §4: retracts our message `retractedId` (its origin-id; in a room, the room's stanza-id),
 * with the fallback body and its XEP-0428 marker, and a hint that archives keep it (§6), so that
 * history shows the message removed too.
 */
export function retractionMessage(to: string, type: 'chat' | 'groupchat', retractedId: string, id: string): XmlElement {
  const safeId = xmlSafe(id);
  return xml(
    'message',
    { type, to, id: safeId },
    xml('retract', { xmlns: NS_RETRACT, id: xmlSafe(retractedId) }),
    xml('fallback', { xmlns: NS_FALLBACK, for: NS_RETRACT }),
    xml('body', {}, RETRACTION_FALLBACK),
    xml('origin-id', { xmlns: NS_SID, id: safeId }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/**
 * XEP-0333: the user displayed everything up to `displayedId`; with a store hint (§4.3: archived,
 * so the user's other clients catching up learn it too) and no body.
 */
export function displayedMessage(to: string, displayedId: string, id: string): XmlElement {
  return xml('message', { type: 'chat', to, id }, xml('displayed', { xmlns: NS_MARKERS, id: xmlSafe(displayedId) }), xml('store', { xmlns: NS_HINTS }));
}

/** A standalone chat state notification (no body, so servers neither store nor archive it). */
export function chatStateMessage(to: string, state: ChatState, id: string, type: 'chat' | 'groupchat' = 'chat'): XmlElement {
  return xml('message', { type, to, id }, xml(state, { xmlns: NS_CHATSTATES }));
}

/**
 * The XEP-0184 ack for a message `receivedId` from `to` (a full JID when known). It carries no
 * receipt request (§5.4) and nothing else; `type` echoes the acknowledged message's type.
 */
export function receiptMessage(to: string, receivedId: string, id: string, type: 'chat' | 'normal' = 'chat'): XmlElement {
  return xml('message', { to, id, type: type === 'chat' ? 'chat' : undefined }, xml('received', { xmlns: NS_RECEIPTS, id: xmlSafe(receivedId) }));
}
