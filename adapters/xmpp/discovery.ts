/**
 * XEP-0156: the WebSocket URL of a domain, from its host-meta
 * (`https://<domain>/.well-known/host-meta`), read by @xmpp/resolve's HTTP resolver, the one
 * @xmpp/client itself uses. Only `wss:` links are taken (`ws:` only to and from loopback, for
 * development); anything else a host-meta offers is refused and reported, and without a usable
 * link the URL is the conventional `wss://<domain>/xmpp-websocket`.
 */
import { resolve as hostMetaLinks } from '@xmpp/resolve/lib/http.js';

const WEBSOCKET = 'urn:xmpp:alt-connections:websocket';

/** How long host-meta may take before the default is used: it only delays the sign-in. */
export const DISCOVERY_TIMEOUT = 5000;

export interface ServiceDiscovery {
  /** The WebSocket URL to connect to. */
  service: string;
  /** `host-meta` when the domain published it, else `default`. */
  source: 'host-meta' | 'default';
  /** Each link of the host-meta that was not used, with the reason. */
  refused: string[];
}

export interface DiscoveryOptions {
  /** The page's host name (default `location.hostname`; `null`: no page, as in Node). */
  pageHost?: string | null;
  /** ms (default DISCOVERY_TIMEOUT). */
  timeout?: number;
}

/** The URL used when the domain publishes none. */
export const defaultService = (domain: string) => `wss://${domain}/xmpp-websocket`;

/** 127.0.0.0/8, ::1, `localhost` and its subdomains (RFC 6761): traffic that never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Why a host-meta WebSocket link must not be used, or null when it may. Plain `ws:` would carry
 * the password and the chat unencrypted, so it is taken only when both the server and the page
 * are on loopback (a development setup), never because a host-meta says so.
 */
export function refusal(href: string, pageHost: string | null): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol === 'wss:') return null;
  if (url.protocol !== 'ws:') return `not a WebSocket URL (${url.protocol})`;
  if (!isLoopbackHost(url.hostname)) return 'not encrypted (ws: is accepted only on loopback)';
  if (pageHost !== null && !isLoopbackHost(pageHost)) return 'not encrypted (ws: is accepted only from a page on loopback)';
  return null;
}

function currentPageHost(): string | null {
  const host = (globalThis as { location?: { hostname?: string } }).location?.hostname;
  return host ? host : null;
}

/** The WebSocket URL for `domain`. Never rejects: a host-meta that fails or is late gives the default. */
export async function discoverService(domain: string, options: DiscoveryOptions = {}): Promise<ServiceDiscovery> {
  const pageHost = options.pageHost !== undefined ? options.pageHost : currentPageHost();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), options.timeout ?? DISCOVERY_TIMEOUT)));
  // The resolver answers [] for a failed request or a document that is not XML.
  const links = await Promise.race([hostMetaLinks(domain).catch(() => []), late]).finally(() => clearTimeout(timer));
  const refused: string[] = [];
  for (const link of links) {
    if (link.rel !== WEBSOCKET) {
      refused.push(`${link.href}: ${link.method}, not a WebSocket`);
      continue;
    }
    const why = refusal(link.href, pageHost);
    if (!why) return { service: link.href, source: 'host-meta', refused };
    refused.push(`${link.href}: ${why}`);
  }
  return { service: defaultService(domain), source: 'default', refused };
}
