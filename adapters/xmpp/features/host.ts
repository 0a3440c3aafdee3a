/**
 * What the adapter core (xmpp-adapter.ts) gives a feature module: a feature owns one protocol
 * area's state, parsers, builders and stanza handling, and reaches the connection only through
 * this. See docs/decisions/0015-adapter-features.md.
 */
import type { AdapterEvent, Jid } from '../../types';
import { formatBare, formatJid, parseJid } from '../jid';
import type { ParseContext } from '../parse-context';
import type { XmlElement } from '../xml';

export interface FeatureHost {
  emit(event: AdapterEvent): void;
  /** Sends a stanza on the current session; throws when offline. */
  send(el: XmlElement): Promise<void>;
  /** An IQ request; rejects with an `Error` whose message is the RFC 6120 condition (or why it failed). */
  iq(el: XmlElement): Promise<XmlElement>;
  /** Logs why a stanza was dropped (malformed, spoofed, unexpected). */
  drop(reason: string, stanza?: XmlElement): void;
  warn(message: string, ...rest: unknown[]): void;
  ctx(): ParseContext;
  /** True while the session is up (not reconnecting). */
  online(): boolean;
  /** Tells, later, whether the session current now is still the current one (answers of an ended session are ignored). */
  sessionCheck(): () => boolean;
}

/** What to log or report of anything thrown: an Error's message (else its name), or the value as text. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Throws the adapter's "not connected" unless the session is up. */
export function requireOnline(host: FeatureHost): void {
  if (!host.online()) throw new Error('not connected');
}

/** A command's account argument: a bare JID (normalized), while online; throws `invalid-jid` or `not connected`. */
export function requireBareJid(host: FeatureHost, jid: Jid): Jid {
  const j = parseJid(jid);
  if (!j || j.local === undefined || j.resource !== undefined) throw new Error('invalid-jid');
  requireOnline(host);
  return formatBare(j);
}

/** True when `answer` came from `asked` (a missing `from` means the own account); else it is dropped. */
export function answeredBy(host: FeatureHost, answer: XmlElement, asked: string): boolean {
  const from = parseJid(answer.attrs.from ?? host.ctx().ownJid);
  const want = parseJid(asked);
  if (!from || !want || formatJid(from) !== formatJid(want)) {
    host.drop(`answer from an unexpected sender (asked ${asked})`, answer);
    return false;
  }
  return true;
}
