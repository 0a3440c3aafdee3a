/** Packages the adapter imports directly that ship no types. */
declare module 'sasl-scram-sha-1' {
  export interface ScramCredentials {
    username?: string | null;
    password?: string | null;
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
    /** Our nonce, and the combined one of the server-first message. */
    protected _cnonce: string;
    protected _nonce: string | undefined;
    /** Computed with the client-final message; the library never compares it. */
    protected _serverSignature: Uint8Array | undefined;
    /** `v=` and `e=` of the last challenge (the server-final message, when sent as one). */
    protected _verifier: string | undefined;
    protected _error: string | undefined;
    response(credentials: ScramCredentials): string | Promise<string>;
    challenge(challenge: string): this;
  }
}

declare module '@xmpp/resolve/lib/http.js' {
  /** A `<Link>` of the domain's XEP-0156 host-meta (only the alt-connections ones), secure ones first. */
  export interface HostMetaLink {
    rel: string;
    href: string;
    /** The last part of `rel`: `websocket`, `xbosh` or `httppoll`. */
    method: string;
    uri: string;
  }
  /** Fetches `https://<domain>/.well-known/host-meta`; resolves [] when that fails. */
  export function resolve(domain: string): Promise<HostMetaLink[]>;
}
