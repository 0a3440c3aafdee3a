/**
 * JID parsing and validation (RFC 7622, the basics that matter for a client).
 *
 * - `local@domain/resource`; the resource is everything after the first `/`, the local part
 *   is what precedes an `@` that comes before that `/`.
 * - Each part is 1..1023 bytes of UTF-8; a missing part is allowed for local and resource.
 * - Local part: no spaces, no controls, none of `" & ' / : < > @` (RFC 7622 §3.3.1).
 * - Domain: DNS labels (letters, digits, `-`, `_`, any non-ASCII letter), 1..63 characters each,
 *   no leading or trailing hyphen, or an IPv6 literal in brackets; a trailing dot is dropped.
 * - Resource: anything but controls.
 * - Local part and domain are compared case-insensitively: they are lowercased and NFC-normalized
 *   (an approximation of the PRECIS/IDNA mappings that is enough for comparisons).
 */

export interface ParsedJid {
  local?: string;
  domain: string;
  resource?: string;
}

const MAX_PART_BYTES = 1023;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const LOCAL_FORBIDDEN = /["&'/:<>@\s]/u;
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}_-]{1,63}$/u;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/i;

const encoder = new TextEncoder();

/**
 * True when `s` takes more UTF-8 bytes than a JID part may. A UTF-16 unit takes at most 3 bytes,
 * so short parts (nearly all) skip the encoding, which cost more than all the rest of parsing.
 */
function tooLong(s: string): boolean {
  return s.length * 3 > MAX_PART_BYTES && encoder.encode(s).length > MAX_PART_BYTES;
}

function validLocal(local: string): boolean {
  if (local.length === 0 || tooLong(local)) return false;
  return !CONTROL.test(local) && !LOCAL_FORBIDDEN.test(local);
}

function validDomain(domain: string): boolean {
  if (domain.length === 0 || tooLong(domain)) return false;
  if (IPV6_LITERAL.test(domain)) return domain.includes(':');
  return domain.split('.').every((label) => DOMAIN_LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'));
}

function validResource(resource: string): boolean {
  return resource.length > 0 && !tooLong(resource) && !CONTROL.test(resource);
}

/** Parses and normalizes a JID; returns null when it is not a valid JID. */
export function parseJid(input: unknown): ParsedJid | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 3071) return null;
  const s = input.normalize('NFC');
  const slash = s.indexOf('/');
  const head = slash === -1 ? s : s.slice(0, slash);
  const resource = slash === -1 ? undefined : s.slice(slash + 1);
  const at = head.indexOf('@');
  const local = at === -1 ? undefined : head.slice(0, at);
  let domain = at === -1 ? head : head.slice(at + 1);
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  domain = domain.toLowerCase();

  if (local !== undefined && !validLocal(local)) return null;
  if (!validDomain(domain)) return null;
  if (resource !== undefined && !validResource(resource)) return null;

  const out: ParsedJid = { domain };
  if (local !== undefined) out.local = local.toLowerCase();
  if (resource !== undefined) out.resource = resource;
  return out;
}

export function isValidJid(input: unknown): boolean {
  return parseJid(input) !== null;
}

/** `local@domain` (or `domain`) of a parsed JID. */
export function formatBare(j: ParsedJid): string {
  return j.local !== undefined ? `${j.local}@${j.domain}` : j.domain;
}

/** The full JID string of a parsed JID. */
export function formatJid(j: ParsedJid): string {
  return j.resource !== undefined ? `${formatBare(j)}/${j.resource}` : formatBare(j);
}

/** The normalized bare JID of `input`, or null when `input` is not a valid JID. */
export function bare(input: unknown): string | null {
  const j = parseJid(input);
  return j ? formatBare(j) : null;
}

/** The resource part of `input` ('' when there is none), or null when `input` is not a valid JID. */
export function resourceOf(input: unknown): string | null {
  const j = parseJid(input);
  return j ? (j.resource ?? '') : null;
}

/** True when `input` is a valid JID with a local part and no resource (an account address). */
export function isBareAccountJid(input: unknown): boolean {
  const j = parseJid(input);
  return !!j && j.local !== undefined && j.resource === undefined;
}

/** Compares two JIDs after normalization; false when either is invalid. */
export function sameJid(a: unknown, b: unknown): boolean {
  const pa = parseJid(a);
  const pb = parseJid(b);
  return !!pa && !!pb && formatJid(pa) === formatJid(pb);
}
