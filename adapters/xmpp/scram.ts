import ScramSha1, { type ScramCredentials } from 'sasl-scram-sha-1';

/**
 * RFC 5802's Hi(password, salt, i) is PBKDF2 with HMAC-SHA-1 and one 20-byte block, so WebCrypto
 * derives it natively in one call.
 */
export async function saltedPassword(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations }, key, 160));
}

/**
 * `sasl-scram-sha-1`'s mechanism with the salted password derived by `saltedPassword`. The library
 * computes Hi() with one awaited WebCrypto HMAC per iteration: 4,096 to 10,000 trips to the crypto
 * thread, about half a second of a browser's sign-in. It takes a salted password computed
 * beforehand for the same salt (its credential cache), so only that step is replaced.
 */
export class FastScramSha1 extends ScramSha1 {
  response(credentials: ScramCredentials): string | Promise<string> {
    if (this._stage !== 'challenge' || credentials.saltedPassword) return super.response(credentials);
    const salt = this._salt;
    return saltedPassword(credentials.password ?? '', salt, this._iterationCount).then(derived =>
      super.response({ ...credentials, salt, saltedPassword: derived, clientKey: undefined, serverKey: undefined }),
    );
  }
}
