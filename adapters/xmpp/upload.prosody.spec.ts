/**
 * XEP-0363 with the XMPP adapter in Node against the test Prosody (mod_http_file_share, 1 MB):
 * the service and its limit are discovered, a slot is granted and the PUT stores the bytes the
 * GET URL then serves, the service's own file-too-large answer maps to too-large with its limit,
 * and a message that shares the file reaches a peer with body = OOB URL. (Node has no
 * XMLHttpRequest: the PUT goes through fetch here; the browser's XHR runs in tests/e2e/upload.e2e.ts.)
 */
import { connectBot, createAccount, prosody, stopAllBots } from '../../tests/prosody';
import type { AdapterEvent, UploadService } from '../types';
import type { PutRequest } from './features/upload/http-put';
import { XmppAdapter } from './xmpp-adapter';

jest.setTimeout(30_000);

/** PutRequest over fetch, for Node. */
class FetchPut implements PutRequest {
  status = 0;
  statusText = '';
  upload: PutRequest['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  private method = '';
  private url = '';
  private headers: Record<string, string> = {};
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    fetch(this.url, { method: this.method, headers: this.headers, body }).then(
      response => {
        this.status = response.status;
        this.statusText = response.statusText;
        this.onload?.();
      },
      () => this.onerror?.(),
    );
  }
  abort() {
    this.onabort?.();
  }
}

const adapters: XmppAdapter[] = [];
afterEach(async () => {
  await Promise.all(adapters.splice(0).map(a => a.disconnect()));
  await stopAllBots();
});

async function signedIn() {
  const account = await createAccount('upload');
  const adapter = new XmppAdapter({ logger: { warn: () => undefined }, createPutRequest: () => new FetchPut() });
  adapters.push(adapter);
  const events: AdapterEvent[] = [];
  adapter.subscribe(e => events.push(e));
  await adapter.connect({ jid: `${account.jid}/natter`, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
  // The service is found after login (disco#items of the server, then disco#info of each item).
  let upload: UploadService | undefined;
  for (let turn = 0; turn < 100 && !upload; turn++) {
    upload = [...events].reverse().find((e): e is Extract<AdapterEvent, { type: 'features' }> => e.type === 'features')?.features.upload;
    if (!upload) await new Promise(r => setTimeout(r, 50));
  }
  return { adapter, account, upload };
}

describe('uploads against Prosody', () => {
  it('finds upload.localhost with its 1 MB limit, uploads, and the GET URL serves the same bytes', async () => {
    const { adapter, upload } = await signedIn();
    expect(upload).toEqual({ jid: prosody().uploadDomain, maxFileSize: prosody().uploadLimit });
    const bytes = new Uint8Array(3000).map((_, i) => i % 251);
    const progress: number[] = [];
    const url = await adapter.uploadFile(new Blob([bytes], { type: 'application/octet-stream' }), 'data.bin', { onProgress: sent => progress.push(sent) });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/file_share\/.+\/data\.bin$/);
    expect(progress[progress.length - 1]).toBe(3000);
    const got = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
  });

  it('maps the service’s own file-too-large refusal to too-large with the limit it states', async () => {
    const { adapter } = await signedIn();
    // Without the advertised limit the adapter asks, and Prosody refuses the size.
    delete (adapter as unknown as { features: { upload: UploadService } }).features.upload.maxFileSize;
    const error = await adapter.uploadFile(new Blob([new Uint8Array(prosody().uploadLimit + 1)]), 'big.bin').catch(e => e);
    expect([error.code, error.limit]).toEqual(['too-large', prosody().uploadLimit]);
  });

  it('a message sharing the file reaches the peer with body = OOB URL and the file metadata', async () => {
    const { adapter } = await signedIn();
    const peer = await connectBot(await createAccount('upload-peer'));
    const url = await adapter.uploadFile(new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    await adapter.sendMessage(peer.account.jid, url, 'share-1', { attachment: { url, name: 'hello.txt', mediaType: 'text/plain', size: 5 } });
    const got = await peer.waitFor(s => s.is('message') && s.attrs.id === 'share-1');
    expect(got.getChildText('body')).toBe(url);
    expect(got.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(url);
    expect(got.getChild('file', 'urn:xmpp:file:metadata:0')?.getChildText('name')).toBe('hello.txt');
  });
});
