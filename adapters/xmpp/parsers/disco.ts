/** XEP-0030 disco#info results. */
import { NS_DISCO_INFO } from '../namespaces';
import { attr, child, type XmlElement } from '../xml';

export interface DiscoInfo {
  features: string[];
  identities: { category: string; type: string; name?: string }[];
}

/** Parses `<iq type="result"><query xmlns="…disco#info">`. The caller checks who answered. */
export function parseDiscoInfo(iq: XmlElement): DiscoInfo | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  const query = child(iq, 'query', NS_DISCO_INFO);
  if (!query) return null;
  const features: string[] = [];
  const identities: DiscoInfo['identities'] = [];
  for (const el of query.getChildElements()) {
    if (el.name === 'feature') {
      const v = attr(el as XmlElement, 'var');
      if (v && !features.includes(v)) features.push(v);
    } else if (el.name === 'identity') {
      const category = attr(el as XmlElement, 'category');
      const type = attr(el as XmlElement, 'type');
      if (!category || !type) continue;
      const id: DiscoInfo['identities'][number] = { category, type };
      const name = attr(el as XmlElement, 'name');
      if (name) id.name = name;
      identities.push(id);
    }
  }
  return { features, identities };
}
