/** What the account's PEP nodes are published with: private ones (bookmarks, displayed state) and open ones (profile). */
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

/**
 * Publish-options for what anyone may read (XEP-0084 §4.1, XEP-0172, XEP-0292): persistent, and
 * `open` access, so people who are not contacts (room occupants, someone asking to subscribe) see
 * the face and the name.
 */
export const OPEN_PUBLISH_OPTIONS: readonly [string, string][] = [
  ['pubsub#persist_items', 'true'],
  ['pubsub#access_model', 'open'],
];

/** The `<publish-options/>` of `options` (XEP-0060 §7.1.5), to follow a `<publish/>`. */
function publishOptions(options: readonly [string, string][]): XmlElement {
  return xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: NS_DATA, type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBSUB_PUBLISH_OPTIONS)),
      ...options.map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
    ),
  );
}

/** Publishes `item` (an `<item id>`) to the account's own `node`, with `options`. */
function publishWith(id: string, node: string, item: XmlElement, options: readonly [string, string][]): XmlElement {
  return xml('iq', { type: 'set', id }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, item), publishOptions(options)));
}

/** The `<publish-options/>` of PRIVATE_PUBLISH_OPTIONS, to follow a `<publish/>`. */
export function privatePublishOptions(): XmlElement {
  return publishOptions(PRIVATE_PUBLISH_OPTIONS);
}

/** Publishes `item` (an `<item id>`) to the account's own `node`, with PRIVATE_PUBLISH_OPTIONS. */
export function privatePublish(id: string, node: string, item: XmlElement): XmlElement {
  return publishWith(id, node, item, PRIVATE_PUBLISH_OPTIONS);
}

/** Publishes `item` to the account's own `node`, readable by anyone (OPEN_PUBLISH_OPTIONS). */
export function openPublish(id: string, node: string, item: XmlElement): XmlElement {
  return publishWith(id, node, item, OPEN_PUBLISH_OPTIONS);
}
