/** XEP-0490: publishing what the user displayed, for the user's other clients. */
import { NS_MDS, NS_PUBSUB, NS_SID } from '../../namespaces';
import { privatePublishOptions } from '../pep/stanzas';
import { xml, xmlSafe, type XmlElement } from '../../xml';

/** The user displayed `conversation` up to the message with stanza-id `stanzaId` given by `by` (our account, or the room). */
export function displayedPublish(id: string, conversation: string, stanzaId: string, by: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', id },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node: NS_MDS }, xml('item', { id: conversation }, xml('displayed', { xmlns: NS_MDS }, xml('stanza-id', { xmlns: NS_SID, by, id: xmlSafe(stanzaId) })))),
      privatePublishOptions(),
    ),
  );
}
