import ScramSha1 from 'sasl-scram-sha-1';
import { FastScramSha1, saltedPassword } from './scram';

const hex = (bytes: Uint8Array) => Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');

/** Runs a mechanism through the client side of one SCRAM exchange and returns the client-final message. */
async function clientFinal(Mechanism: typeof ScramSha1, nonce: string): Promise<string> {
  const mechanism = new (Mechanism as unknown as new (options: object) => ScramSha1)({ genNonce: () => nonce });
  const credentials = { username: 'user', password: 'pencil' };
  await mechanism.response(credentials);
  mechanism.challenge(`r=${nonce}3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096`);
  return mechanism.response(credentials);
}

describe('SCRAM-SHA-1 with WebCrypto PBKDF2', () => {
  it('derives the salted password of RFC 6070 (PBKDF2-HMAC-SHA1, 4096 iterations)', async () => {
    const derived = await saltedPassword('password', new TextEncoder().encode('salt'), 4096);
    expect(hex(derived)).toBe('4b007901b765489abead49d926f721d065a429c1');
  });

  it('answers the RFC 5802 example exchange with its client proof, as the library does', async () => {
    const nonce = 'fyko+d2lbbFgONRv9qkxdawL';
    const fast = await clientFinal(FastScramSha1, nonce);
    expect(fast).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    expect(fast).toBe(await clientFinal(ScramSha1, nonce));
  });
});
