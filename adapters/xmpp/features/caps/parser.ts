/** XEP-0115 `<c/>` elements of presences. */
import { NS_CAPS } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import { CAPS_HASHES } from './verification';
import type { CapsAdvert, CapsHash } from './types';

export type { CapsAdvert } from './types';

/** A node longer than this is not a software URI we keep. */
const MAX_NODE = 1024;
/** base64 length of each hash's digest. */
const VER_LENGTH: Record<CapsHash, number> = { 'sha-1': 28, 'sha-256': 44 };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The caps a presence advertises, or null: none, legacy caps (no `hash`, XEP-0115 1.3 and older:
 * their `ver` is no hash, nothing can be verified), a hash we do not implement, or a `ver` that
 * is not the base64 of one such hash.
 */
export function parseCaps(presence: XmlElement): CapsAdvert | null {
  const c = child(presence, 'c', NS_CAPS);
  if (!c) return null;
  const hash = attr(c, 'hash')?.toLowerCase();
  const node = attr(c, 'node');
  const ver = attr(c, 'ver');
  if (!hash || !node || !ver) return null;
  if (!(CAPS_HASHES as readonly string[]).includes(hash)) return null;
  const h = hash as CapsHash;
  if (node.length > MAX_NODE) return null;
  if (ver.length !== VER_LENGTH[h] || !BASE64.test(ver)) return null;
  return { hash: h, node, ver };
}
