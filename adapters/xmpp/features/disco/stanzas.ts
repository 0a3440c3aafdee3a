/** XEP-0030 disco#info/#items requests, our own disco#info answer and XEP-0115 capabilities. */
import {
  NODE_VCARD4,
  NS_AVATAR_METADATA,
  NS_BOOKMARKS,
  NS_CAPS,
  NS_CHATSTATES,
  NS_CONFERENCE,
  NS_CORRECT,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  NS_MARKERS,
  NS_MDS,
  NS_MUC,
  NS_NICK,
  NS_PING,
  NS_REACTIONS,
  NS_RECEIPTS,
  NS_REFERENCE,
  NS_REPLY,
  NS_RETRACT,
  NS_SID,
  NS_SPOILER,
} from '../../namespaces';
import { xml, type XmlElement } from '../../xml';
import { capsVer, type CapsInfo } from '../caps/verification';

/** `<iq type="get" to><query xmlns="…disco#info" node?/></iq>` */
export function discoInfoGet(id: string, to: string, node?: string): XmlElement {
  return xml('iq', { type: 'get', id, to }, xml('query', node === undefined ? { xmlns: NS_DISCO_INFO } : { xmlns: NS_DISCO_INFO, node }));
}

/** `<iq type="get" to><query xmlns="…disco#items"/></iq>` */
export function discoItemsGet(id: string, to: string): XmlElement {
  return xml('iq', { type: 'get', id, to }, xml('query', { xmlns: NS_DISCO_ITEMS }));
}

/** Our XEP-0030 identity. */
export const OWN_IDENTITY = { category: 'client', type: 'web', name: 'Natter' } as const;

/**
 * Features Natter's client implements, answered to disco#info queries (XEP-0184 §6 requires it).
 * `urn:xmpp:bookmarks:1+notify` asks the server (XEP-0163 PEP) for bookmark changes made by our
 * other clients. Changing this list changes `CAPS_VER` (its spec recomputes it).
 */
export const OWN_FEATURES: readonly string[] = [
  NS_DISCO_INFO,
  NS_CHATSTATES,
  NS_RECEIPTS,
  NS_SID,
  NS_CAPS,
  NS_MUC,
  NS_CONFERENCE,
  NS_PING,
  NS_CORRECT,
  // Peers look for these before sending what they name (XEP-0444 §2, XEP-0333 §3, XEP-0424 §3, …).
  NS_REACTIONS,
  NS_MARKERS,
  NS_RETRACT,
  NS_REPLY,
  NS_SPOILER,
  NS_REFERENCE,
  `${NS_BOOKMARKS}+notify`,
  // XEP-0490: the server pushes what our other clients displayed.
  `${NS_MDS}+notify`,
  // Contacts' avatars, nicks and vCard4 names as they change (XEP-0084 §4.5, XEP-0172 §4.3, XEP-0292 §3.2).
  `${NS_AVATAR_METADATA}+notify`,
  `${NS_NICK}+notify`,
  `${NODE_VCARD4}+notify`,
];

/** XEP-0115 node: identifies the software. */
export const CAPS_NODE = 'urn:x-natter:client';

/** Our disco#info as XEP-0115 hashes it (the identity and features answered below, no forms). */
export const OWN_CAPS_INFO: CapsInfo = { identities: [{ ...OWN_IDENTITY }], features: [...OWN_FEATURES], forms: [] };

/**
 * XEP-0115 §5.1 verification string hash (SHA-1, base64) of our disco#info answer, computed from
 * the same identity and features the answer carries, so the two cannot drift apart.
 */
export const CAPS_VER = capsVer(OWN_CAPS_INFO, 'sha-1');

/** The `<c/>` element for our presence. */
export function capsElement(): XmlElement {
  return xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: CAPS_NODE, ver: CAPS_VER });
}

/**
 * The `<query/>` payload of our disco#info answer: for no node or for our caps node
 * (`CAPS_NODE#CAPS_VER`, echoed as XEP-0115 §6.2 wants); undefined for any other node.
 */
export function discoInfoAnswer(node?: string): XmlElement | undefined {
  if (node !== undefined && node !== `${CAPS_NODE}#${CAPS_VER}`) return undefined;
  return xml(
    'query',
    { xmlns: NS_DISCO_INFO, node },
    xml('identity', { ...OWN_IDENTITY }),
    ...OWN_FEATURES.map((v) => xml('feature', { var: v })),
  );
}
