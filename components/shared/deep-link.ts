/**
 * Deep links in the URL fragment: `#natter/chat?jid=alice@example.org` opens that chat and
 * `#natter/room?jid=room@conference.example.org` joins and opens that room, once signed in.
 * The fragment never reaches a server, and only a bare JID is taken from it.
 */
import type { Jid } from '../../adapters/types';
import { looksLikeJid } from '../../adapters/jid-shape';

export interface DeepLink {
  kind: 'chat' | 'room';
  jid: Jid;
}

const PREFIX = '#natter/';
/** Longer than any JID may be (3 × 1023 bytes, RFC 7622). */
const MAX_LINK_LENGTH = 3100;

/** The conversation a fragment points at, or null when it is no (valid) Natter link. */
export function parseDeepLink(hash: string): DeepLink | null {
  if (!hash.startsWith(PREFIX) || hash.length > MAX_LINK_LENGTH) return null;
  const rest = hash.slice(PREFIX.length);
  const query = rest.indexOf('?');
  const kind = query < 0 ? rest : rest.slice(0, query);
  if (kind !== 'chat' && kind !== 'room') return null;
  let jid: string | null;
  try {
    jid = new URLSearchParams(query < 0 ? '' : rest.slice(query + 1)).get('jid');
  } catch {
    return null;
  }
  jid = jid?.trim().toLowerCase() ?? null;
  return jid && looksLikeJid(jid, { bare: true }) ? { kind, jid } : null;
}

/** The fragment that links to a conversation. */
export function deepLinkHash(link: DeepLink): string {
  return `${PREFIX}${link.kind}?jid=${encodeURIComponent(link.jid)}`;
}
