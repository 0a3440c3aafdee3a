/** XEP-0490: publishing what the user displayed, for the user's other clients. */
import { NS_DATA, NS_MDS, NS_PUBSUB, NS_PUBSUB_PUBLISH_OPTIONS, NS_SID } from '../../namespaces';
import { xml, xmlSafe, type XmlElement } from '../../xml';

/** XEP-0490 §4: one item per conversation, kept, private to the account, never pushed on presence. */
export const DISPLAYED_PUBLISH_OPTIONS: readonly [string, string][] = [
  ['pubsub#persist_items', 'true'],
  ['pubsub#max_items', 'max'],
  ['pubsub#send_last_published_item', 'never'],
  ['pubsub#access_model', 'whitelist'],
];

/** The user displayed `conversation` up to the message with stanza-id `stanzaId` given by `by` (our account, or the room). */
export function displayedPublish(id: string, conversation: string, stanzaId: string, by: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', id },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node: NS_MDS }, xml('item', { id: conversation }, xml('displayed', { xmlns: NS_MDS }, xml('stanza-id', { xmlns: NS_SID, by, id: xmlSafe(stanzaId) })))),
      xml(
        'publish-options',
        {},
        xml(
          'x',
          { xmlns: NS_DATA, type: 'submit' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBSUB_PUBLISH_OPTIONS)),
          ...DISPLAYED_PUBLISH_OPTIONS.map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
        ),
      ),
    ),
  );
}
