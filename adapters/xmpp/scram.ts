import ScramSha1, { type ScramCredentials } from 'sasl-scram-sha-1';
import { AdapterError } from '../types';
import type { SaslCredentials, SaslMechanism } from './sasl';

export type ScramHash = 'SHA-1' | 'SHA-256';

/** The output length of each hash, in bits: RFC 5802's Hi() takes exactly one PBKDF2 block. */
const HASH_BITS: Record<ScramHash, number> = { 'SHA-1': 160, 'SHA-256': 256 };

/**
 * RFC 7677 §4 asks servers for at least 4,096 iterations. A server-first message is not yet
 * authenticated, so a lower count may be an attacker making the proof cheap to brute-force.
 */
export const MIN_ITERATIONS = 4096;

const encoder = new TextEncoder();

/** A copy on its own ArrayBuffer, which is what WebCrypto's `BufferSource` accepts. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/**
 * RFC 5802's Hi(password, salt, i) is PBKDF2 with HMAC of the mechanism's hash and one block of
 * its size, so WebCrypto derives it natively in one call.
 */
export async function saltedPassword(password: string, salt: Uint8Array, iterations: number, hash: ScramHash = 'SHA-1'): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: own(salt), iterations }, key, HASH_BITS[hash]));
}

/**
 * SASLprep (RFC 4013) as far as a client needs it: the mappings (non-ASCII spaces to a space,
 * the "mapped to nothing" characters removed) and NFKC. Servers store the prepared password
 * (Prosody does), so a password with, say, a no-break space must be prepared the same way here.
 * Prohibited characters are left for the server to refuse.
 */
export function saslPrep(text: string): string {
  return text
    .replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u00AD\u034F\u1806\u180B-\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g, '')
    .normalize('NFKC');
}

/** RFC 5802 §5.1 saslname: `=` and `,` are escaped. */
const saslName = (name: string) => name.replace(/=/g, '=3D').replace(/,/g, '=2C');

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function unbase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** `k=v,k=v` attributes of a SCRAM message; a value keeps any `=` after the first (base64 padding). */
export function scramAttributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && !out.has(part.slice(0, eq))) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

async function hmac(hash: ScramHash, key: Uint8Array, data: Uint8Array | string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', own(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, typeof data === 'string' ? encoder.encode(data) : own(data)));
}

/** Compares in time independent of where the strings differ. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

const protocolError = (name: string, why: string) => new AdapterError('protocol', `${name}: ${why}`);

/**
 * Checks the server-final message of RFC 5802 §5.1 (`v=` signature or `e=` error) against the
 * server signature we computed: a server that cannot sign has not proven it knows the password.
 */
function checkServerFinal(name: string, serverFinal: Map<string, string>, expected: Uint8Array | undefined): void {
  const error = serverFinal.get('e');
  if (error !== undefined) throw new AdapterError('not-authorized', `${name}: the server says ${error}`);
  const signature = serverFinal.get('v');
  if (signature === undefined || !expected) throw protocolError(name, 'the server did not send its signature');
  if (!sameText(signature, base64(expected))) throw protocolError(name, "the server's signature is wrong (it does not know the password)");
}

/**
 * SCRAM (RFC 5802) without channel binding, over WebCrypto: client-first, client-final with the
 * proof, and the server's signature verified (from the last challenge or from `<success/>`).
 */
class Scram implements SaslMechanism {
  readonly clientFirst = true;
  private stage: 'initial' | 'first-sent' | 'challenged' | 'final-sent' | 'verified' = 'initial';
  private clientNonce = '';
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private salt: Uint8Array = new Uint8Array();
  private iterations = 0;
  private serverSignature: Uint8Array | undefined;

  constructor(
    readonly name: string,
    private readonly hash: ScramHash,
    private readonly makeNonce: () => string = randomNonce,
  ) {}

  async response(credentials: SaslCredentials): Promise<string> {
    if (this.stage === 'initial') return this.firstMessage(credentials);
    if (this.stage === 'challenged') return this.clientFinal(credentials);
    // The server-final message came as a challenge (RFC 6120 §6.3.10 allows it): answer empty.
    if (this.stage === 'verified') return '';
    throw protocolError(this.name, `nothing to answer at stage ${this.stage}`);
  }

  challenge(challenge: string): this {
    const attrs = scramAttributes(challenge);
    if (this.stage === 'first-sent') {
      this.readServerFirst(challenge, attrs);
      this.stage = 'challenged';
    } else if (this.stage === 'final-sent') {
      checkServerFinal(this.name, attrs, this.serverSignature);
      this.stage = 'verified';
    } else {
      throw protocolError(this.name, `unexpected challenge at stage ${this.stage}`);
    }
    return this;
  }

  final(additionalData: string): void {
    if (additionalData) {
      if (this.stage !== 'final-sent' && this.stage !== 'verified') throw protocolError(this.name, 'success before the proof');
      checkServerFinal(this.name, scramAttributes(additionalData), this.serverSignature);
      this.stage = 'verified';
    } else if (this.stage !== 'verified') {
      throw protocolError(this.name, 'the server did not send its signature');
    }
  }

  private firstMessage(credentials: SaslCredentials): string {
    this.clientNonce = this.makeNonce();
    this.gs2Header = `n,${credentials.authzid ? `a=${saslName(credentials.authzid)}` : ''},`;
    this.clientFirstBare = `n=${saslName(credentials.username ?? '')},r=${this.clientNonce}`;
    this.stage = 'first-sent';
    return this.gs2Header + this.clientFirstBare;
  }

  private readServerFirst(message: string, attrs: Map<string, string>): void {
    // RFC 5802 §5.1: an unknown mandatory extension (m=) must fail the authentication.
    if (attrs.has('m')) throw protocolError(this.name, 'the server asks for an extension we do not support');
    if (attrs.has('e')) throw new AdapterError('not-authorized', `${this.name}: the server says ${attrs.get('e')}`);
    const nonce = attrs.get('r') ?? '';
    // The server's nonce extends ours: anything else is a replay or a confused server.
    if (!nonce.startsWith(this.clientNonce) || nonce.length <= this.clientNonce.length) throw protocolError(this.name, 'the server nonce does not extend ours');
    const salt = unbase64(attrs.get('s') ?? '');
    if (!salt || salt.length === 0) throw protocolError(this.name, 'no salt');
    const iterations = /^\d{1,10}$/.test(attrs.get('i') ?? '') ? Number(attrs.get('i')) : NaN;
    if (!(iterations >= MIN_ITERATIONS)) throw protocolError(this.name, `iteration count ${attrs.get('i')} below ${MIN_ITERATIONS}`);
    this.serverFirst = message;
    this.nonce = nonce;
    this.salt = salt;
    this.iterations = iterations;
  }

  private async clientFinal(credentials: SaslCredentials): Promise<string> {
    const withoutProof = `c=${btoa(this.gs2Header)},r=${this.nonce}`;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const salted = await saltedPassword(saslPrep(credentials.password ?? ''), this.salt, this.iterations, this.hash);
    const clientKey = await hmac(this.hash, salted, 'Client Key');
    const storedKey = new Uint8Array(await crypto.subtle.digest(this.hash, own(clientKey)));
    const clientSignature = await hmac(this.hash, storedKey, authMessage);
    const proof = clientKey.map((byte, i) => byte ^ clientSignature[i]);
    this.serverSignature = await hmac(this.hash, await hmac(this.hash, salted, 'Server Key'), authMessage);
    this.stage = 'final-sent';
    return `${withoutProof},p=${base64(proof)}`;
  }
}

/** 18 random bytes as base64: 24 printable characters, never a comma. */
function randomNonce(): string {
  return base64(crypto.getRandomValues(new Uint8Array(18)));
}

/** SCRAM-SHA-256 (RFC 7677). `nonce` is for specs (the RFC's test vector fixes it). */
export class ScramSha256 extends Scram {
  constructor(options: { nonce?: () => string } = {}) {
    super('SCRAM-SHA-256', 'SHA-256', options.nonce);
  }
}

/**
 * `sasl-scram-sha-1`'s mechanism with the salted password derived by `saltedPassword`, and the
 * server's signature checked (the library computes it but never compares it). The library
 * computes Hi() with one awaited WebCrypto HMAC per iteration: 4,096 to 10,000 trips to the crypto
 * thread, about half a second of a browser's sign-in. It takes a salted password computed
 * beforehand for the same salt (its credential cache), so only that step is replaced.
 */
export class FastScramSha1 extends ScramSha1 implements SaslMechanism {
  response(credentials: ScramCredentials): string | Promise<string> {
    if (this._stage !== 'challenge' || credentials.saltedPassword) return super.response(credentials);
    const salt = this._salt;
    return saltedPassword(saslPrep(credentials.password ?? ''), salt, this._iterationCount).then(derived =>
      super.response({ ...credentials, salt, saltedPassword: derived, clientKey: undefined, serverKey: undefined }),
    );
  }

  challenge(challenge: string): this {
    super.challenge(challenge);
    // The library takes any server-first message; hold it to the same rules as SCRAM-SHA-256.
    if (this._stage === 'challenge') {
      if (!this._nonce?.startsWith(this._cnonce) || this._nonce.length <= this._cnonce.length) throw protocolError('SCRAM-SHA-1', 'the server nonce does not extend ours');
      if (!(this._iterationCount >= MIN_ITERATIONS)) throw protocolError('SCRAM-SHA-1', `iteration count below ${MIN_ITERATIONS}`);
    }
    return this;
  }

  final(additionalData: string): void {
    if (this._stage !== 'final') throw protocolError('SCRAM-SHA-1', 'success before the proof');
    // Without data in <success/>, the signature came in a last challenge, which the library kept.
    const serverFinal = additionalData
      ? scramAttributes(additionalData)
      : new Map(Object.entries({ v: this._verifier, e: this._error }).filter((e): e is [string, string] => e[1] !== undefined));
    checkServerFinal('SCRAM-SHA-1', serverFinal, this._serverSignature);
  }
}
