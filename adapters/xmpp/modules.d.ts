/** @xmpp packages the adapter imports directly that ship no types. */
declare module '@xmpp/sasl-scram-sha-1' {
  /** Registers the SCRAM-SHA-1 mechanism (WebCrypto based) in a `saslmechanisms` factory. */
  export default function saslScramSha1(factory: unknown): void;
}
