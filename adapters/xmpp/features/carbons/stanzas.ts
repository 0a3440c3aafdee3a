/** XEP-0280 message carbons. */
import { NS_CARBONS } from '../../namespaces';
import { xml, type XmlElement } from '../../xml';

/** `<iq type="set"><enable xmlns="urn:xmpp:carbons:2"/></iq>` */
export function carbonsEnable(id: string): XmlElement {
  return xml('iq', { type: 'set', id }, xml('enable', { xmlns: NS_CARBONS }));
}
