import ScramSha1 from 'sasl-scram-sha-1';
import { AdapterError } from '../types';
import { FastScramSha1, ScramSha256, saltedPassword, saslPrep } from './scram';

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

  describe("checks the server's signature, which the library leaves unchecked", () => {
    async function afterProof() {
      const mechanism = new (FastScramSha1 as unknown as new (options: object) => FastScramSha1)({ genNonce: () => 'fyko+d2lbbFgONRv9qkxdawL' });
      const credentials = { username: 'user', password: 'pencil' };
      await mechanism.response(credentials);
      mechanism.challenge('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
      await mechanism.response(credentials);
      return { mechanism, credentials };
    }

    it("accepts RFC 5802's server-final message, in <success/> or as a last challenge", async () => {
      const { mechanism } = await afterProof();
      expect(() => mechanism.final('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')).not.toThrow();
      const late = await afterProof();
      late.mechanism.challenge('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=');
      expect(await late.mechanism.response(late.credentials)).toBe('');
      expect(() => late.mechanism.final('')).not.toThrow();
    });

    it('fails on a wrong signature, on none, and on a success before the proof', async () => {
      const { mechanism } = await afterProof();
      expect(() => mechanism.final('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toThrow(/signature is wrong/);
      expect(() => mechanism.final('')).toThrow(/did not send its signature/);
      const early = new FastScramSha1();
      expect(() => early.final('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')).toThrow(/before the proof/);
    });

    it('refuses a server nonce that does not extend ours, and fewer than 4096 iterations', async () => {
      const make = async () => {
        const m = new (FastScramSha1 as unknown as new (options: object) => FastScramSha1)({ genNonce: () => 'abc' });
        await m.response({ username: 'user', password: 'pencil' });
        return m;
      };
      await expect(make().then(m => m.challenge('r=xyzabc,s=QSXCR+Q6sek8bf92,i=4096'))).rejects.toThrow(/nonce/);
      await expect(make().then(m => m.challenge('r=abc,s=QSXCR+Q6sek8bf92,i=4096'))).rejects.toThrow(/nonce/);
      await expect(make().then(m => m.challenge('r=abcdef,s=QSXCR+Q6sek8bf92,i=1'))).rejects.toThrow(/iteration/);
    });
  });
});

describe('SCRAM-SHA-256 (RFC 7677)', () => {
  // RFC 7677 §3, the example exchange for user "user" with password "pencil".
  const NONCE = 'rOprNGfwEbeRWgbNEkqO';
  const SERVER_FIRST = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
  const CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
  const SERVER_FINAL = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';
  const credentials = { username: 'user', password: 'pencil' };

  async function afterProof() {
    const mechanism = new ScramSha256({ nonce: () => NONCE });
    const first = await mechanism.response(credentials);
    mechanism.challenge(SERVER_FIRST);
    const final = await mechanism.response(credentials);
    return { mechanism, first, final };
  }

  it('derives PBKDF2-HMAC-SHA256 in one WebCrypto call (the well-known "password"/"salt" vector)', async () => {
    const derived = await saltedPassword('password', new TextEncoder().encode('salt'), 4096, 'SHA-256');
    expect(hex(derived)).toBe('c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a');
  });

  it("sends the RFC's client-first and client-final messages, and accepts its server signature", async () => {
    const { mechanism, first, final } = await afterProof();
    expect(mechanism.name).toBe('SCRAM-SHA-256');
    expect(mechanism.clientFirst).toBe(true);
    expect(first).toBe(`n,,n=user,r=${NONCE}`);
    expect(final).toBe(CLIENT_FINAL);
    expect(() => mechanism.final(SERVER_FINAL)).not.toThrow();
  });

  it('accepts the server-final message as a last challenge (answered empty), then a <success/> without data', async () => {
    const { mechanism } = await afterProof();
    mechanism.challenge(SERVER_FINAL);
    expect(await mechanism.response(credentials)).toBe('');
    expect(() => mechanism.final('')).not.toThrow();
  });

  it('fails the sign-in on a wrong server signature, as a protocol error', async () => {
    const { mechanism } = await afterProof();
    const wrong = `v=${btoa('x'.repeat(32))}`;
    expect(() => mechanism.final(wrong)).toThrow(AdapterError);
    try {
      mechanism.final(wrong);
    } catch (e) {
      expect(e).toMatchObject({ code: 'protocol' });
      expect(String((e as Error).message)).toMatch(/signature is wrong/);
    }
    const late = await afterProof();
    expect(() => late.mechanism.challenge(wrong)).toThrow(/signature is wrong/);
  });

  it('fails when the server never sends its signature, or says e=', async () => {
    expect(() => new ScramSha256().final('v=x')).toThrow(/before the proof/);
    const silent = await afterProof();
    expect(() => silent.mechanism.final('')).toThrow(/did not send its signature/);
    const refused = await afterProof();
    expect(() => refused.mechanism.final('e=invalid-proof')).toThrow(expect.objectContaining({ code: 'not-authorized' }));
  });

  it.each([
    ['a server nonce that does not extend ours', 'r=somethingelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096', /nonce/],
    ['a server nonce equal to ours', `r=${NONCE},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`, /nonce/],
    ['no salt', `r=${NONCE}x,i=4096`, /salt/],
    ['a salt that is not base64', `r=${NONCE}x,s=!!!,i=4096`, /salt/],
    ['fewer than 4096 iterations', `r=${NONCE}x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095`, /iteration/],
    ['an iteration count that is not a number', `r=${NONCE}x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=lots`, /iteration/],
    ['a mandatory extension', `m=ext,r=${NONCE}x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`, /extension/],
    ['an error', 'e=unknown-user', /unknown-user/],
  ])('refuses a server-first message with %s', async (_what, serverFirst, error) => {
    const mechanism = new ScramSha256({ nonce: () => NONCE });
    await mechanism.response(credentials);
    expect(() => mechanism.challenge(serverFirst)).toThrow(error);
  });

  it('escapes = and , in the user name and sends an authorization identity when given one', async () => {
    const mechanism = new ScramSha256({ nonce: () => 'n0nce' });
    expect(await mechanism.response({ username: 'a,b=c', password: 'p', authzid: 'admin@example.org' })).toBe('n,a=admin@example.org,n=a=2Cb=3Dc,r=n0nce');
  });

  it('makes a fresh random nonce of printable characters without commas for each authentication', async () => {
    const nonce = (first: string) => first.split(',r=')[1];
    const a = nonce(await new ScramSha256().response(credentials));
    const b = nonce(await new ScramSha256().response(credentials));
    expect(a).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(a).not.toBe(b);
  });

  it('prepares the password with SASLprep, as the server stored it', async () => {
    expect(saslPrep('pen\u00A0cil')).toBe('pen cil');
    expect(saslPrep('pen\u00ADcil')).toBe('pencil');
    expect(saslPrep('\u2168')).toBe('IX');
    expect(saslPrep('plain ASCII =,')).toBe('plain ASCII =,');
    const plain = await afterProof();
    const prepared = new ScramSha256({ nonce: () => NONCE });
    await prepared.response(credentials);
    prepared.challenge(SERVER_FIRST);
    expect(await prepared.response({ username: 'user', password: 'pen\u00ADcil' })).toBe(plain.final);
  });
});
