/** XEP-0030 disco#info requests and our own answer. */
import { NS_CHATSTATES, NS_DISCO_INFO, NS_RECEIPTS } from '../namespaces';
import { xml, type XmlElement } from '../xml';

/** `<iq type="get" to><query xmlns="…disco#info"/></iq>` */
export function discoInfoGet(id: string, to: string): XmlElement {
  return xml('iq', { type: 'get', id, to }, xml('query', { xmlns: NS_DISCO_INFO }));
}

/** Features Natter's client implements, answered to disco#info queries (XEP-0184 §6 requires it). */
export const OWN_FEATURES: readonly string[] = [NS_DISCO_INFO, NS_CHATSTATES, NS_RECEIPTS, 'urn:xmpp:sid:0'];

/** The `<query/>` payload of our disco#info answer. */
export function discoInfoAnswer(): XmlElement {
  return xml(
    'query',
    { xmlns: NS_DISCO_INFO },
    xml('identity', { category: 'client', type: 'web', name: 'Natter' }),
    ...OWN_FEATURES.map((v) => xml('feature', { var: v })),
  );
}
