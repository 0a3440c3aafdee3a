import { find, registerCustomProtocol } from 'linkifyjs';

/** The only link schemes Natter makes clickable. Anything else stays plain text. */
export const ALLOWED_SCHEMES = ['http:', 'https:', 'xmpp:', 'geo:', 'mailto:'] as const;

// linkifyjs knows http(s) and mailto; xmpp: and geo: URIs have no "//".
registerCustomProtocol('xmpp', true);
registerCustomProtocol('geo', true);

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Returns the href if its scheme is allowed, else null (so `javascript:`, `data:` etc. never become links). */
export function safeHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return (ALLOWED_SCHEMES as readonly string[]).includes(url.protocol.toLowerCase()) ? url.href : null;
}

/**
 * Splits plain text into text and link segments. linkifyjs scans in linear
 * time, so a 100 KB body from a hostile contact cannot stall the page.
 */
export function splitLinks(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let position = 0;
  for (const match of find(text)) {
    const href = match.isLink ? safeHref(match.href) : null;
    if (!href) continue;
    if (match.start > position) segments.push({ kind: 'text', text: text.slice(position, match.start) });
    segments.push({ kind: 'link', text: match.value, href });
    position = match.end;
  }
  if (position < text.length) segments.push({ kind: 'text', text: text.slice(position) });
  return segments;
}
