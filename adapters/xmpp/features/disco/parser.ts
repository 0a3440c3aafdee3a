/** XEP-0030 disco#info and disco#items results. */
import { formatJid, parseJid } from '../../jid';
import { NS_DISCO_INFO, NS_DISCO_ITEMS } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { dataFormsIn, type DataForm } from '../dataforms/parser';

export interface DiscoInfo {
  features: string[];
  identities: { category: string; type: string; name?: string }[];
  /** XEP-0128 extensions (e.g. `muc#roominfo`); only present when there are some. */
  forms?: DataForm[];
}

export interface DiscoItem {
  /** The item's JID, normalized. */
  jid: string;
  name?: string;
  node?: string;
}

/** Most items read from one disco#items answer. */
const MAX_ITEMS = 5000;

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
  const info: DiscoInfo = { features, identities };
  const forms = dataFormsIn(query);
  if (forms.length) info.forms = forms;
  return info;
}

/**
 * Parses `<iq type="result"><query xmlns="…disco#items">`: items with a valid JID, each JID once
 * (first wins; node items of the same JID are kept apart). The caller checks who answered.
 */
export function parseDiscoItems(iq: XmlElement): DiscoItem[] | null {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return null;
  const query = child(iq, 'query', NS_DISCO_ITEMS);
  if (!query) return null;
  const items: DiscoItem[] = [];
  const seen = new Set<string>();
  for (const el of query.getChildElements()) {
    if (el.name !== 'item') continue;
    if (items.length >= MAX_ITEMS) break;
    const j = parseJid(attr(el as XmlElement, 'jid'));
    if (!j) continue;
    const jid = formatJid(j);
    const node = attr(el as XmlElement, 'node');
    const key = `${jid}\u0000${node ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item: DiscoItem = { jid };
    const name = attr(el as XmlElement, 'name');
    if (name) item.name = name;
    if (node) item.node = node;
    items.push(item);
  }
  return items;
}
