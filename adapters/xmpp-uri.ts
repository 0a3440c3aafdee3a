/**
 * `xmpp:` URIs of JIDs (RFC 5122), as XEP-0372 mentions carry them: the local part and resource are
 * percent-encoded, so a nick with spaces, `?` or `#` survives. Shared by components (which make
 * them for the people a user mentions) and adapters (which check them).
 */

/** The `xmpp:` URI of `jid` (`local@domain/resource`, the resource being everything after the first `/`). */
export function xmppUri(jid: string): string {
  const slash = jid.indexOf('/');
  const bare = slash < 0 ? jid : jid.slice(0, slash);
  const at = bare.indexOf('@');
  const local = at < 0 ? '' : `${encodeURIComponent(bare.slice(0, at))}@`;
  const resource = slash < 0 ? '' : `/${encodeURIComponent(jid.slice(slash + 1))}`;
  return `xmpp:${local}${bare.slice(at + 1)}${resource}`;
}

/** The JID an `xmpp:` URI names (without its query or fragment), decoded; undefined for anything else. */
export function jidOfXmppUri(uri: string): string | undefined {
  if (!uri.startsWith('xmpp:')) return undefined;
  try {
    return decodeURIComponent(uri.slice('xmpp:'.length).split(/[?#]/, 1)[0]);
  } catch {
    return undefined;
  }
}
