/** What the account's private PEP nodes (bookmarks, displayed state) are published with. */
import { NS_DATA, NS_PUBSUB, NS_PUBSUB_PUBLISH_OPTIONS } from '../../namespaces';
import { xml, type XmlElement } from '../../xml';

/**
 * Publish-options for a node of the account's own (XEP-0402 §3, XEP-0490 §4): persistent, as many
 * items as the server allows, never re-sent on presence, and `whitelist` access so nothing in it
 * (room passwords, what the user read) ever becomes public.
 */
export const PRIVATE_PUBLISH_OPTIONS: readonly [string, string][] = [
  ['pubsub#persist_items', 'true'],
  ['pubsub#max_items', 'max'],
  ['pubsub#send_last_published_item', 'never'],
  ['pubsub#access_model', 'whitelist'],
];

/** The `<publish-options/>` of PRIVATE_PUBLISH_OPTIONS, to follow a `<publish/>`. */
export function privatePublishOptions(): XmlElement {
  return xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: NS_DATA, type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBSUB_PUBLISH_OPTIONS)),
      ...PRIVATE_PUBLISH_OPTIONS.map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
    ),
  );
}

/** Publishes `item` (an `<item id>`) to the account's own `node`, with PRIVATE_PUBLISH_OPTIONS. */
export function privatePublish(id: string, node: string, item: XmlElement): XmlElement {
  return xml('iq', { type: 'set', id }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, item), privatePublishOptions()));
}
