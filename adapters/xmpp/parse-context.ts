import { parseJid, formatBare } from './jid';

/** What a parser needs to know besides the stanza. Parsers are pure: the same input gives the same output. */
export interface ParseContext {
  /** The account's own bare JID, normalized (see `jid.ts`). */
  ownJid: string;
  /** "Now" in ms since the epoch: the arrival time of the stanza. */
  now: number;
}

/**
 * True for a stanza the server sent on behalf of the account: no `from`, or `from` is exactly the
 * own bare JID (no resource). Roster pushes, carbons and archive results must pass this check.
 */
export function fromOwnAccount(from: string | undefined, ctx: ParseContext): boolean {
  if (from === undefined) return true;
  const j = parseJid(from);
  return !!j && j.resource === undefined && j.local !== undefined && formatBare(j) === ctx.ownJid;
}
