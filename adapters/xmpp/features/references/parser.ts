/**
 * XEP-0372 references of type `mention`: who a message's text mentions, by code point ranges of
 * its body. Anything a sender can make up is bounded: at most MAX_MENTIONS, ranges inside the
 * body, not overlapping, and only `xmpp:` URIs with a valid JID.
 */
import type { Mention } from '../../../types';
import { formatJid, parseJid } from '../../jid';
import { NS_REFERENCE } from '../../namespaces';
import { attr, type XmlElement } from '../../xml';
import { jidOfXmppUri, xmppUri } from '../../../xmpp-uri';
import { keepApart } from '../messages/parser';

/** More mentions than this in one message are not kept (a sender could send thousands). */
export const MAX_MENTIONS = 50;

/** The valid JID (RFC 7622, normalised) an `xmpp:` URI names, or undefined. */
export function mentionedJid(uri: string): string | undefined {
  const jid = parseJid(jidOfXmppUri(uri));
  return jid ? formatJid(jid) : undefined;
}

/** The mentions in `stanza` that fit in `body` (by code points), in order; undefined when none. */
export function mentionsOf(stanza: XmlElement, body: string): Mention[] | undefined {
  const found: Mention[] = [];
  let length: number | undefined;
  for (const reference of stanza.getChildren('reference', NS_REFERENCE)) {
    if (attr(reference, 'type') !== 'mention') continue;
    length ??= Array.from(body).length;
    const begin = Number(reference.attrs.begin);
    const end = Number(reference.attrs.end);
    const jid = mentionedJid(attr(reference, 'uri') ?? '');
    if (!jid || !Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || begin >= end || end > length) continue;
    found.push({ begin, end, uri: xmppUri(jid) });
    if (found.length === MAX_MENTIONS) break;
  }
  found.sort((a, b) => a.begin - b.begin);
  const kept = keepApart(found, mention => [mention.begin, mention.end]);
  return kept.length ? kept : undefined;
}

/**
 * `mentions` of a body from which the code point `ranges` were cut (a reply's fallback): each moves
 * back by what was cut before it; one that overlapped a cut is dropped.
 */
export function mentionsAfterCuts(mentions: Mention[] | undefined, ranges: readonly [number, number][]): Mention[] | undefined {
  if (!mentions || ranges.length === 0) return mentions;
  const kept: Mention[] = [];
  for (const mention of mentions) {
    let shift = 0;
    let overlaps = false;
    for (const [start, end] of ranges) {
      if (end <= mention.begin) shift += end - start;
      else if (start < mention.end) overlaps = true;
    }
    if (!overlaps) kept.push({ ...mention, begin: mention.begin - shift, end: mention.end - shift });
  }
  return kept.length ? kept : undefined;
}
