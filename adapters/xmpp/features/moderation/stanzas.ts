/** XEP-0425 requests: a moderator asks the room to remove a message. */
import { NS_FASTEN, NS_MODERATE, NS_MODERATE_0, NS_RETRACT, NS_RETRACT_0 } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';

/** The `iq` asking `room` to retract the message with this stanza-id, in the form the room speaks, with an optional reason. */
export function moderateIq(room: string, stanzaId: string, version: 0 | 1, id: string, reason?: string): XmlElement {
  const why = reason !== undefined && reason.trim() !== '' ? xml('reason', {}, xmlSafe(reason.trim())) : undefined;
  const request =
    version === 1
      ? xml('moderate', { xmlns: NS_MODERATE, id: xmlSafe(stanzaId) }, xml('retract', { xmlns: NS_RETRACT }), ...compact(why))
      : xml('apply-to', { xmlns: NS_FASTEN, id: xmlSafe(stanzaId) }, xml('moderate', { xmlns: NS_MODERATE_0 }, xml('retract', { xmlns: NS_RETRACT_0 }), ...compact(why)));
  return xml('iq', { type: 'set', to: room, id }, request);
}
