/** XEP-0490: publishing what the user displayed, for the user's other clients. */
import { NS_MDS, NS_SID } from '../../namespaces';
import { privatePublish } from '../pep/stanzas';
import { xml, xmlSafe, type XmlElement } from '../../xml';

/** The user displayed `conversation` up to the message with stanza-id `stanzaId` given by `by` (our account, or the room). */
export function displayedPublish(id: string, conversation: string, stanzaId: string, by: string): XmlElement {
  return privatePublish(id, NS_MDS, xml('item', { id: conversation }, xml('displayed', { xmlns: NS_MDS }, xml('stanza-id', { xmlns: NS_SID, by, id: xmlSafe(stanzaId) }))));
}
