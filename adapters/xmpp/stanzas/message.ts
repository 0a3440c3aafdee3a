/** One-to-one message stanzas: chat messages, chat states, receipts. JIDs must be validated by the caller. */
import type { ChatState } from '../../types';
import { NS_CHATSTATES, NS_RECEIPTS, NS_SID } from '../namespaces';
import { xml, xmlSafe, type XmlElement } from '../xml';

/**
 * `<message type="chat" to id>` with the body, an XEP-0359 origin-id equal to `id`, an XEP-0184
 * receipt request and the XEP-0085 `<active/>` state.
 */
export function chatMessage(to: string, body: string, id: string): XmlElement {
  const safeId = xmlSafe(id);
  return xml(
    'message',
    { type: 'chat', to, id: safeId },
    xml('body', {}, xmlSafe(body)),
    xml('origin-id', { xmlns: NS_SID, id: safeId }),
    xml('request', { xmlns: NS_RECEIPTS }),
    xml('active', { xmlns: NS_CHATSTATES }),
  );
}

/** A standalone chat state notification (no body, so servers neither store nor archive it). */
export function chatStateMessage(to: string, state: ChatState, id: string): XmlElement {
  return xml('message', { type: 'chat', to, id }, xml(state, { xmlns: NS_CHATSTATES }));
}

/**
 * The XEP-0184 ack for a message `receivedId` from `to` (a full JID when known). It carries no
 * receipt request (§5.4) and nothing else; `type` echoes the acknowledged message's type.
 */
export function receiptMessage(to: string, receivedId: string, id: string, type: 'chat' | 'normal' = 'chat'): XmlElement {
  return xml('message', { to, id, type: type === 'chat' ? 'chat' : undefined }, xml('received', { xmlns: NS_RECEIPTS, id: xmlSafe(receivedId) }));
}
