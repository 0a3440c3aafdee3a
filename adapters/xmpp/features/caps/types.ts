/**
 * The data of XEP-0115 caps, apart from the parsers: the public storage API (cache.ts) names these,
 * and a declaration that reached the stanza types would make every app's type check need @xmpp/client.
 */
/** The hash functions we verify (the IANA names XEP-0115 uses in `hash`). */
export type CapsHash = 'sha-1' | 'sha-256';

export interface CapsIdentity {
  category: string;
  type: string;
  lang?: string;
  name?: string;
}

export interface CapsField {
  var: string;
  values: string[];
}

/** An XEP-0128 extended form: its FORM_TYPE and its other fields. */
export interface CapsForm {
  formType: string;
  fields: CapsField[];
}

/** What a disco#info answer says, as far as the verification string covers it (plain data, so it can be stored). */
export interface CapsInfo {
  identities: CapsIdentity[];
  features: string[];
  forms: CapsForm[];
}

/** What an entity advertised: the caps node and ver under a hash we can verify. */
export interface CapsAdvert {
  hash: CapsHash;
  node: string;
  ver: string;
}
