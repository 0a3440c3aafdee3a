/**
 * A minimal XMPP server over WebSocket (RFC 7395) on loopback, for specs of the SASL exchange with
 * the real @xmpp/client: it offers the mechanisms it is told to, plays the server side of
 * SCRAM-SHA-256 with node:crypto (an implementation independent of ours), and can send a wrong
 * server signature or none. After authentication it binds a resource and answers every other IQ
 * with an empty result, which is enough for the adapter to come online.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { stanza } from './spec-helpers';
import type { XmlElement } from './xml';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

/** Where the server-final message goes: in `<success/>`, in a last `<challenge/>`, wrong, or nowhere. */
export type ServerFinal = 'success' | 'challenge' | 'wrong' | 'missing';

export interface FakeSaslServerOptions {
  mechanisms: string[];
  username: string;
  password: string;
  serverFinal?: ServerFinal;
  /** The `<success/>` data of a mechanism other than SCRAM-SHA-256 (it succeeds on its first message). */
  otherSuccessData?: string;
}

export interface FakeSaslServer {
  url: string;
  /** Every element the client sent, in order. */
  received: XmlElement[];
  /** The `mechanism` attribute of each `<auth/>`. */
  authMechanisms(): string[];
  /** How many times the client opened a stream (2 after a successful authentication). */
  opens(): number;
  close(): Promise<void>;
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();

export async function startFakeSaslServer(options: FakeSaslServerOptions): Promise<FakeSaslServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const received: XmlElement[] = [];
  const salt = randomBytes(16);
  const iterations = 4096;

  wss.on('connection', (socket: WebSocket) => {
    let authenticated = false;
    let scram: { clientFirstBare: string; serverFirst: string; nonce: string } | undefined;
    let serverSignature = '';
    const send = (xml: string) => socket.send(xml);
    const features = () =>
      authenticated
        ? '<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>'
        : `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="${NS_SASL}">${options.mechanisms
            .map((m) => `<mechanism>${m}</mechanism>`)
            .join('')}</mechanisms></stream:features>`;
    const success = (data: string) => {
      authenticated = true;
      send(`<success xmlns="${NS_SASL}">${data ? b64(data) : ''}</success>`);
    };
    socket.on('message', (raw) => {
      const el = stanza(String(raw));
      received.push(el);
      if (el.is('open', NS_FRAMING)) {
        send(`<open xmlns="${NS_FRAMING}" from="localhost" id="${randomBytes(4).toString('hex')}" version="1.0" xml:lang="en"/>`);
        send(features());
      } else if (el.is('close', NS_FRAMING)) {
        send(`<close xmlns="${NS_FRAMING}"/>`);
        socket.close();
      } else if (el.is('auth', NS_SASL)) {
        const message = Buffer.from(el.text(), 'base64').toString();
        if (el.attrs.mechanism !== 'SCRAM-SHA-256') {
          success(options.otherSuccessData ?? '');
          return;
        }
        const clientFirstBare = message.slice(message.indexOf(',', message.indexOf(',') + 1) + 1);
        const clientNonce = /(?:^|,)r=([^,]*)/.exec(clientFirstBare)?.[1] ?? '';
        const nonce = clientNonce + randomBytes(12).toString('base64');
        const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${iterations}`;
        scram = { clientFirstBare, serverFirst, nonce };
        send(`<challenge xmlns="${NS_SASL}">${b64(serverFirst)}</challenge>`);
      } else if (el.is('response', NS_SASL) && scram && !serverSignature) {
        const clientFinal = Buffer.from(el.text(), 'base64').toString();
        const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
        const proof = Buffer.from(clientFinal.slice(clientFinal.lastIndexOf(',p=') + 3), 'base64');
        const authMessage = `${scram.clientFirstBare},${scram.serverFirst},${withoutProof}`;
        const salted = pbkdf2Sync(options.password, salt, iterations, 32, 'sha256');
        const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
        const clientKey = Buffer.from(hmac(storedKey, authMessage).map((byte, i) => byte ^ proof[i]));
        const ok = proof.length === 32 && timingSafeEqual(createHash('sha256').update(clientKey).digest(), storedKey);
        if (!ok || !withoutProof.includes(`r=${scram.nonce}`)) {
          send(`<failure xmlns="${NS_SASL}"><not-authorized/></failure>`);
          return;
        }
        serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
        const mode = options.serverFinal ?? 'success';
        if (mode === 'success') success(`v=${serverSignature}`);
        else if (mode === 'wrong') success(`v=${b64(randomBytes(32))}`);
        else if (mode === 'missing') success('');
        else send(`<challenge xmlns="${NS_SASL}">${b64(`v=${serverSignature}`)}</challenge>`);
      } else if (el.is('response', NS_SASL) && serverSignature) {
        success(''); // the empty answer to the server-final challenge
      } else if (el.is('iq') && authenticated) {
        const child = el.getChildElements()[0];
        if (child?.is('bind', 'urn:ietf:params:xml:ns:xmpp-bind')) {
          const resource = child.getChildText('resource') ?? 'r';
          send(`<iq xmlns="jabber:client" type="result" id="${el.attrs.id}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>${options.username}@localhost/${resource}</jid></bind></iq>`);
        } else if (el.attrs.type === 'get' || el.attrs.type === 'set') {
          const echo = child ? `<${child.name} xmlns="${child.attrs.xmlns ?? ''}"/>` : '';
          send(`<iq xmlns="jabber:client" type="result" id="${el.attrs.id}">${child?.is('enable', 'urn:xmpp:carbons:2') ? '' : echo}</iq>`);
        }
      }
    });
  });

  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/xmpp-websocket`,
    received,
    authMechanisms: () => received.filter((el) => el.is('auth', NS_SASL)).map((el) => String(el.attrs.mechanism)),
    opens: () => received.filter((el) => el.is('open', NS_FRAMING)).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
