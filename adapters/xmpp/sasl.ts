/**
 * SASL mechanisms beyond the built-in ones, and the order in which the adapter prefers them.
 *
 * A mechanism is a class in the shape `@xmpp/sasl` and `@xmpp/sasl2` drive (the `saslmechanisms`
 * convention): one instance per authentication, `response()` for each message we send,
 * `challenge()` for each the server sends, and optionally `final()` with the server's additional
 * data of `<success/>`. Natter calls `final()` exactly once after every success, also over plain
 * SASL (RFC 6120), whose `<success/>` data `@xmpp/sasl` would otherwise drop: a mechanism that
 * authenticates the server (SCRAM's server signature) throws there to fail the sign-in.
 */

/** What a mechanism is given: the account's credentials and the server's identity. */
export interface SaslCredentials {
  username?: string | null;
  password?: string | null;
  /** Authorization identity, when it differs from the authentication identity. */
  authzid?: string;
  /** The XMPP domain (also as `host`, `realm` and `serviceName`). */
  server?: string;
  [key: string]: unknown;
}

export interface SaslMechanism {
  /** True when the client sends the first message (`<auth>` carries its first response). */
  clientFirst?: boolean;
  /** The next message to send, from the credentials and the last challenge. */
  response(credentials: SaslCredentials): string | Promise<string>;
  /** A server challenge, already base64-decoded. */
  challenge(challenge: string): unknown;
  /**
   * The additional data of the server's `<success/>`, decoded ('' when there was none). Called
   * once per successful authentication; a rejection fails the sign-in.
   */
  final?(additionalData: string): void | Promise<void>;
}

/** A mechanism class: `new Mechanism()` gives one authentication's state. */
export type SaslMechanismClass = new () => SaslMechanism;

/** Natter's own order of preference (RFC 7677: SHA-256 over SHA-1; PLAIN only as a last resort). */
export const BUILT_IN_PREFERENCE: readonly string[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'ANONYMOUS'];

/** RFC 4422 §3.1: 1 to 20 characters of upper-case letters, digits, hyphens and underscores. */
const MECHANISM_NAME = /^[A-Z0-9_-]{1,20}$/;

// Module-level on purpose: a mechanism is code, like a custom element definition, shared by
// every client made after its registration; it holds no account or session state.
const registered = new Map<string, SaslMechanismClass>();

/**
 * Adds a SASL mechanism to every XMPP client created from now on (already connected sessions keep
 * theirs), or replaces the implementation of one of the same name (a built-in one keeps its rank).
 *
 * A new name is allowed by default (it joins the default whitelist) and preferred over the
 * built-in mechanisms, the latest registration first; a `mechanisms` list passed to `connect()`
 * or `login()` still decides which are allowed at all. Names are case-insensitive.
 */
export function registerSaslMechanism(name: string, mechanism: SaslMechanismClass): void {
  const upper = String(name).toUpperCase();
  if (!MECHANISM_NAME.test(upper)) throw new TypeError(`not a SASL mechanism name (RFC 4422): ${JSON.stringify(name)}`);
  if (typeof mechanism !== 'function' || typeof mechanism.prototype?.response !== 'function' || typeof mechanism.prototype?.challenge !== 'function') {
    throw new TypeError(`SASL mechanism ${upper}: expected a class with response() and challenge()`);
  }
  // Re-registering moves a name to the front of the registrations (the latest wins).
  registered.delete(upper);
  registered.set(upper, mechanism);
}

/** The registered mechanisms, in registration order. */
export function registeredSaslMechanisms(): [string, SaslMechanismClass][] {
  return [...registered];
}

/** Names registered that are not built in: they join the default whitelist. */
export function addedSaslMechanismNames(): string[] {
  return [...registered.keys()].filter((name) => !BUILT_IN_PREFERENCE.includes(name));
}

/** The order in which the adapter picks among allowed and offered mechanisms. */
export function saslPreference(): string[] {
  return [...addedSaslMechanismNames().reverse(), ...BUILT_IN_PREFERENCE];
}

/** For specs: forgets every registration. */
export function clearSaslMechanisms(): void {
  registered.clear();
}
