/**
 * The quick check a form or a demo makes before anything reaches the network:
 * `local@domain`, optionally `/resource`, no spaces. The XMPP adapter validates
 * fully (RFC 7622) on top of this.
 */
const JID_SHAPE = /^[^@\s/]+@[^@\s/]+(\/\S+)?$/;
const BARE_JID_SHAPE = /^[^@\s/]+@[^@\s/]+$/;

export function looksLikeJid(text: string, options: { bare?: boolean } = {}): boolean {
  return (options.bare ? BARE_JID_SHAPE : JID_SHAPE).test(text);
}
