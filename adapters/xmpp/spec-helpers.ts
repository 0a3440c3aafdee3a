/** Helpers for the XMPP adapter's specs: parse literal stanzas the way the stream parser would. */
import { parse } from 'ltx';
import type { ParseContext } from './parse-context';
import type { XmlElement } from './xml';

/** Parses one literal stanza (top-level `jabber:client` is added when the stanza has no xmlns). */
export function stanza(source: string): XmlElement {
  const el = parse(source.trim()) as unknown as XmlElement;
  if (!el.attrs.xmlns && ['message', 'presence', 'iq'].includes(el.name)) el.attrs.xmlns = 'jabber:client';
  return el;
}

export const OWN = 'juliet@capulet.lit';
export const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
export const ctx: ParseContext = { ownJid: OWN, now: NOW };

/**
 * The child elements of `el` that a parser looks at (reads the name of) from now on. A parser's
 * bound on hostile input is proven by counting, not timing: a clock fails on a loaded machine.
 */
export function watchChildReads(el: XmlElement): Set<XmlElement> {
  const read = new Set<XmlElement>();
  for (const item of el.getChildElements() as XmlElement[]) {
    const name = item.name;
    Object.defineProperty(item, 'name', { get: () => (read.add(item), name) });
  }
  return read;
}
