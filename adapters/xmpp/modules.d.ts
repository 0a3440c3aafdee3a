/** Packages the adapter imports directly that ship no types. */
declare module 'sasl-scram-sha-1' {
  export interface ScramCredentials {
    username?: string;
    password?: string;
    authzid?: string;
    salt?: Uint8Array;
    saltedPassword?: Uint8Array;
    clientKey?: Uint8Array;
    serverKey?: Uint8Array;
  }
  /** The SCRAM-SHA-1 mechanism for a `saslmechanisms` factory (state kept on the instance). */
  export default class ScramSha1 {
    protected _stage: 'initial' | 'challenge' | 'final';
    protected _salt: Uint8Array;
    protected _iterationCount: number;
    response(credentials: ScramCredentials): string | Promise<string>;
    challenge(challenge: string): this;
  }
}
