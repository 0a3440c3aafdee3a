/**
 * Uploads in the XMPP adapter with a fake @xmpp/client and a fake XMLHttpRequest: discovering the
 * service, slots and their errors, the PUT, and messages that share a file. Against a real Prosody:
 * tests/e2e/upload.e2e.ts.
 */
import { UploadError, type AdapterEvent } from '../types';
import { FakeClient, FULL, ROMEO, defaultResponder, result, type Responder } from './fake-client';
import { FakePut } from './features/upload/fake-put';
import { stanza } from './spec-helpers';
import { XmppAdapter } from './xmpp-adapter';
import { xml, type XmlElement } from './xml';

const NS = 'urn:xmpp:http:upload:0';
const SERVICE = 'upload.capulet.lit';
const GET = 'https://download.capulet.lit/4a77/photo.png';

function uploadInfo(limit?: number): XmlElement[] {
  const form =
    limit === undefined
      ? []
      : [
          xml(
            'x',
            { xmlns: 'jabber:x:data', type: 'result' },
            xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS)),
            xml('field', { var: 'max-file-size' }, xml('value', {}, String(limit))),
          ),
        ];
  return [xml('identity', { category: 'store', type: 'file' }), xml('feature', { var: NS }), ...form];
}

function slotAnswer(iq: XmlElement, put = 'https://upload.capulet.lit/4a77/photo.png', get = GET): XmlElement {
  return result(iq, xml('slot', { xmlns: NS }, xml('put', { url: put }, xml('header', { name: 'Authorization' }, 'Bearer abc'), xml('header', { name: 'Host' }, 'evil')), xml('get', { url: get })));
}

function stanzaErrorWith(errorXml: string): Error {
  const element = stanza(`<iq type="error"><error type="modify">${errorXml}</error></iq>`).getChild('error');
  const condition = element!.getChildElements()[0].name;
  return Object.assign(new Error(condition), { name: 'StanzaError', condition, element });
}

/** The server lists `upload.capulet.lit` with a 5000-byte limit (or `limit`), and answers slot requests with `slot`. */
function serverWith(options: { limit?: number; items?: boolean; slot?: (iq: XmlElement) => XmlElement | Error } = {}): Responder {
  return (iq, client) => {
    const q = iq.getChildElements()[0];
    if (q?.is('query', 'http://jabber.org/protocol/disco#items') && iq.attrs.to === 'capulet.lit') {
      return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' }, ...(options.items === false ? [] : [xml('item', { jid: SERVICE })])));
    }
    if (q?.is('query', 'http://jabber.org/protocol/disco#info') && iq.attrs.to === SERVICE) {
      return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, ...uploadInfo('limit' in options ? options.limit : 5000)));
    }
    if (q?.is('request', NS)) return (options.slot ?? slotAnswer)(iq);
    return defaultResponder(iq, client);
  };
}

let puts: FakePut[];

async function online(responder: Responder = serverWith()) {
  const clients: FakeClient[] = [];
  const adapter = new XmppAdapter({
    logger: { warn: jest.fn() },
    clientFactory: (o) => {
      const c = new FakeClient(o);
      c.responder = responder;
      clients.push(c);
      return c;
    },
    createPutRequest: () => {
      const put = new FakePut();
      puts.push(put);
      return put;
    },
  });
  const events: AdapterEvent[] = [];
  adapter.subscribe((e) => events.push(e));
  await adapter.connect({ jid: FULL, password: 'secret' });
  await new Promise((r) => setTimeout(r, 5));
  const client = clients[0];
  client.sent = [];
  return { adapter, events, client };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const png = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: 'image/png' });

beforeEach(() => {
  puts = [];
});

describe('upload service discovery', () => {
  it('reports the service and its limit found among the server items in a features event', async () => {
    const { events } = await online();
    const features = events.filter((e): e is Extract<AdapterEvent, { type: 'features' }> => e.type === 'features');
    expect(features[features.length - 1].features.upload).toEqual({ jid: SERVICE, maxFileSize: 5000 });
  });

  it('reports a service without a limit when it gives none', async () => {
    const { events } = await online(serverWith({ limit: undefined }));
    const last = events.filter((e) => e.type === 'features').pop() as Extract<AdapterEvent, { type: 'features' }>;
    expect(last.features.upload).toEqual({ jid: SERVICE });
  });

  it('reports no service when the server has none', async () => {
    const { events, adapter } = await online(serverWith({ items: false }));
    expect(events.some((e) => e.type === 'features' && e.features.upload)).toBe(false);
    await expect(adapter.uploadFile(png(10), 'a.png')).rejects.toMatchObject({ code: 'no-service' });
  });
});

describe('uploadFile', () => {
  it('asks for a slot with name, size and type, PUTs with the allowed headers only, and resolves with the GET URL', async () => {
    const { adapter, client } = await online();
    const progress: number[] = [];
    const done = adapter.uploadFile(png(1200), 'photo.png', { onProgress: (sent) => progress.push(sent) });
    await tick();
    expect(client.sent[0].toString()).toMatch(new RegExp(`<iq type="get" id="[0-9a-f]+" to="${SERVICE}"><request xmlns="${NS}" filename="photo.png" size="1200" content-type="image/png"/></iq>`));
    const put = puts[0];
    expect(put.method).toBe('PUT');
    expect(put.url).toBe('https://upload.capulet.lit/4a77/photo.png');
    expect(put.headers).toEqual({ Authorization: 'Bearer abc', 'Content-Type': 'image/png' });
    put.progress(600, 1200);
    put.answer(201);
    await expect(done).resolves.toBe(GET);
    expect(progress).toEqual([0, 600, 1200]);
  });

  it('says too large with the limit before asking, for a file over the advertised limit', async () => {
    const { adapter, client } = await online();
    const error: UploadError = await adapter.uploadFile(png(5001), 'big.png').catch((e) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect([error.code, error.limit]).toEqual(['too-large', 5000]);
    expect(client.sent).toEqual([]);
  });

  it("says too large with the service's limit when it refuses the size", async () => {
    const { adapter } = await online(
      serverWith({
        limit: undefined,
        slot: () => stanzaErrorWith(`<not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><file-too-large xmlns="${NS}"><max-file-size>1000</max-file-size></file-too-large>`),
      }),
    );
    const error: UploadError = await adapter.uploadFile(png(2000), 'big.png').catch((e) => e);
    expect([error.code, error.limit]).toEqual(['too-large', 1000]);
    expect(puts).toEqual([]);
  });

  it('says refused for any other slot error, with the condition', async () => {
    const { adapter } = await online(serverWith({ slot: () => stanzaErrorWith('<forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>') }));
    const error: UploadError = await adapter.uploadFile(png(10), 'a.png').catch((e) => e);
    expect([error.code, error.message]).toEqual(['refused', 'forbidden']);
  });

  it.each([
    ['a javascript: GET URL', (iq: XmlElement) => slotAnswer(iq, undefined, 'javascript:alert(1)')],
    ['a file: PUT URL', (iq: XmlElement) => slotAnswer(iq, 'file:///etc/passwd')],
    ['a slot from someone else', (iq: XmlElement) => Object.assign(slotAnswer(iq), { attrs: { ...slotAnswer(iq).attrs, from: 'evil.lit' } })],
  ])('refuses %s and PUTs nothing', async (_what, slot) => {
    const { adapter } = await online(serverWith({ slot }));
    await expect(adapter.uploadFile(png(10), 'a.png')).rejects.toMatchObject({ code: 'refused' });
    expect(puts).toEqual([]);
  });

  it('cancels while the slot is asked for, and PUTs nothing', async () => {
    let answer: (el: XmlElement) => void = () => undefined;
    const { adapter } = await online(serverWith({ slot: undefined }));
    const controller = new AbortController();
    const c = (adapter as unknown as { client: FakeClient }).client;
    c.responder = (iq, client) => (iq.getChild('request', NS) ? new Promise<XmlElement>((r) => (answer = r)) : serverWith()(iq, client));
    const done = adapter.uploadFile(png(10), 'a.png', { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
    answer(result(c.sent[0]));
    await tick();
    expect(puts).toEqual([]);
  });

  it('cancels the PUT', async () => {
    const { adapter } = await online();
    const controller = new AbortController();
    const done = adapter.uploadFile(png(10), 'a.png', { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
    expect(puts[0].aborted).toBe(true);
  });

  it('passes on network and HTTP failures of the PUT', async () => {
    const { adapter } = await online();
    const first = adapter.uploadFile(png(10), 'a.png');
    await tick();
    puts[0].answer(0);
    await expect(first).rejects.toMatchObject({ code: 'network' });
    const second = adapter.uploadFile(png(10), 'a.png');
    await tick();
    puts[1].answer(500);
    await expect(second).rejects.toMatchObject({ code: 'http', message: 'HTTP 500' });
  });
});

describe('messages that share a file', () => {
  const attachment = { url: GET, name: 'photo.png', mediaType: 'image/png', size: 1200 };

  it('sends a chat message whose body is the URL, with OOB and file metadata', async () => {
    const { adapter, client } = await online();
    await adapter.sendMessage(ROMEO, GET, 'f1', { attachment });
    const sent = stanza(client.sent[0].toString());
    expect(sent.getChildText('body')).toBe(GET);
    expect(sent.getChild('x', 'jabber:x:oob')!.getChildText('url')).toBe(GET);
    expect(sent.getChild('file', 'urn:xmpp:file:metadata:0')!.toString()).toBe(
      '<file xmlns="urn:xmpp:file:metadata:0"><media-type>image/png</media-type><name>photo.png</name><size>1200</size></file>',
    );
  });

  it('refuses to send a file that is not at an http(s) URL, sending nothing', async () => {
    const { adapter, client } = await online();
    await expect(adapter.sendMessage(ROMEO, 'x', 'f2', { attachment: { url: 'javascript:alert(1)' } })).rejects.toThrow('invalid attachment url');
    expect(client.sent).toEqual([]);
  });
});
