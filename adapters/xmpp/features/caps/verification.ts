/**
 * XEP-0115 §5: the verification string of a disco#info answer and its hash, and the checks of §5.4
 * (an ill-formed answer is never trusted). Pure functions; SHA-1 and SHA-256 from @noble/hashes
 * (synchronous, so no secure context is needed as with WebCrypto).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { NS_DATA, NS_DISCO_INFO } from '../../namespaces';
import { attr, type XmlElement } from '../../xml';

import type { CapsField, CapsForm, CapsHash, CapsIdentity, CapsInfo } from './types';

export type { CapsField, CapsForm, CapsHash, CapsIdentity, CapsInfo } from './types';
export const CAPS_HASHES: readonly CapsHash[] = ['sha-1', 'sha-256'];

// Bounds for a hostile answer: past them the answer is not trusted at all (a cut answer could never verify).
const MAX_IDENTITIES = 50;
const MAX_FEATURES = 1000;
const MAX_FORMS = 20;
const MAX_FIELDS = 200;
const MAX_VALUES = 100;

/** i;octet order (RFC 4790) of UTF-8 strings, which is the order of their code points. */
export function octetCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (U+D800–DFFF) stands for a code point above U+FFFF, so it sorts after U+E000–FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function identityKey(id: CapsIdentity): string {
  return `${id.category}/${id.type}/${id.lang ?? ''}/${id.name ?? ''}`;
}

function compareIdentities(a: CapsIdentity, b: CapsIdentity): number {
  return octetCompare(a.category, b.category) || octetCompare(a.type, b.type) || octetCompare(a.lang ?? '', b.lang ?? '');
}

/** The XEP-0115 §5.1 verification string S. */
export function verificationString(info: CapsInfo): string {
  let s = '';
  for (const id of [...info.identities].sort(compareIdentities)) s += `${identityKey(id)}<`;
  for (const f of [...info.features].sort(octetCompare)) s += `${f}<`;
  for (const form of [...info.forms].sort((a, b) => octetCompare(a.formType, b.formType))) {
    s += `${form.formType}<`;
    for (const field of [...form.fields].sort((a, b) => octetCompare(a.var, b.var))) {
      s += `${field.var}<`;
      for (const v of [...field.values].sort(octetCompare)) s += `${v}<`;
    }
  }
  return s;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** base64 of the hash of S (the `ver` an entity with this disco#info advertises). */
export function capsHash(hash: CapsHash, s: string): string {
  const data = utf8ToBytes(s);
  return base64(hash === 'sha-256' ? sha256(data) : sha1(data));
}

/** The `ver` of this disco#info under `hash`. */
export function capsVer(info: CapsInfo, hash: CapsHash = 'sha-1'): string {
  return capsHash(hash, verificationString(info));
}

/** The text of an element's children, as XML character data. */
function text(el: XmlElement): string {
  return el.getText();
}

function parseForm(x: XmlElement): CapsForm | null | 'ill-formed' {
  let formType: string | undefined;
  let formTypeHidden = false;
  const fields: CapsField[] = [];
  for (const f of x.getChildElements()) {
    if (f.name !== 'field' || f.getNS() !== NS_DATA) continue;
    const name = attr(f as XmlElement, 'var');
    if (!name) continue;
    const values = (f as XmlElement).getChildElements().filter((v) => v.name === 'value');
    if (values.length > MAX_VALUES) return 'ill-formed';
    if (name === 'FORM_TYPE') {
      if (formType !== undefined) return 'ill-formed';
      const distinct = new Set(values.map((v) => text(v as XmlElement)));
      if (distinct.size !== 1) return distinct.size > 1 ? 'ill-formed' : null;
      formType = [...distinct][0];
      formTypeHidden = f.attrs.type === 'hidden';
      continue;
    }
    if (fields.length >= MAX_FIELDS) return 'ill-formed';
    fields.push({ var: name, values: values.map((v) => text(v as XmlElement)) });
  }
  // §5.4: a form without a hidden FORM_TYPE is left out (and so not hashed), the answer still counts.
  if (formType === undefined || !formTypeHidden) return null;
  return { formType, fields };
}

/**
 * Reads the `<query xmlns="…disco#info"/>` of an answer for XEP-0115: null when it is not one or is
 * ill-formed by §5.4 (the same identity or feature twice, two forms of one FORM_TYPE, a FORM_TYPE
 * with different values), or past the bounds above.
 */
export function parseCapsQuery(query: XmlElement | undefined): CapsInfo | null {
  if (!query || query.name !== 'query' || query.getNS() !== NS_DISCO_INFO) return null;
  const identities: CapsIdentity[] = [];
  const features: string[] = [];
  const forms: CapsForm[] = [];
  const seenIdentities = new Set<string>();
  const seenFeatures = new Set<string>();
  const seenForms = new Set<string>();
  for (const el of query.getChildElements()) {
    const e = el as XmlElement;
    if (e.name === 'identity' && e.getNS() === NS_DISCO_INFO) {
      const category = attr(e, 'category');
      const type = attr(e, 'type');
      if (!category || !type) return null;
      const id: CapsIdentity = { category, type };
      const lang = attr(e, 'xml:lang');
      const name = attr(e, 'name');
      if (lang) id.lang = lang;
      if (name) id.name = name;
      const key = identityKey(id);
      if (seenIdentities.has(key) || identities.length >= MAX_IDENTITIES) return null;
      seenIdentities.add(key);
      identities.push(id);
    } else if (e.name === 'feature' && e.getNS() === NS_DISCO_INFO) {
      const v = attr(e, 'var');
      if (!v) return null;
      if (seenFeatures.has(v) || features.length >= MAX_FEATURES) return null;
      seenFeatures.add(v);
      features.push(v);
    } else if (e.name === 'x' && e.getNS() === NS_DATA) {
      const form = parseForm(e);
      if (form === 'ill-formed') return null;
      if (!form) continue;
      if (seenForms.has(form.formType) || forms.length >= MAX_FORMS) return null;
      seenForms.add(form.formType);
      forms.push(form);
    }
  }
  return { identities, features, forms };
}
