import { stanza } from '../../spec-helpers';
import { parseDiscoInfo } from '../disco/parser';
import { parseUploadError, parseUploadService, parseUploadSlot } from './parser';

const NS = 'urn:xmpp:http:upload:0';

function info(body: string) {
  return parseDiscoInfo(stanza(`<iq type="result" id="1" from="upload.capulet.lit"><query xmlns="http://jabber.org/protocol/disco#info">${body}</query></iq>`));
}

function slot(body: string) {
  return parseUploadSlot(stanza(`<iq type="result" id="s" from="upload.capulet.lit"><slot xmlns="${NS}">${body}</slot></iq>`));
}

function error(body: string) {
  return parseUploadError(stanza(`<iq type="error" id="s"><error type="modify">${body}</error></iq>`).getChild('error'));
}

describe('upload service in disco#info', () => {
  it('reads the feature and max-file-size from the XEP-0128 form (XEP-0363 example 2)', () => {
    const i = info(
      `<identity category="store" type="file" name="HTTP File Upload"/><feature var="${NS}"/>` +
        `<x type="result" xmlns="jabber:x:data"><field var="FORM_TYPE" type="hidden"><value>${NS}</value></field>` +
        '<field var="max-file-size"><value>5242880</value></field></x>',
    );
    expect(parseUploadService('upload.capulet.lit', i)).toEqual({ jid: 'upload.capulet.lit', maxFileSize: 5242880 });
  });

  it('is a service without a limit when the form is missing, of another type, or says nonsense', () => {
    expect(parseUploadService('u', info(`<feature var="${NS}"/>`))).toEqual({ jid: 'u' });
    const other = `<x type="result" xmlns="jabber:x:data"><field var="FORM_TYPE" type="hidden"><value>urn:other</value></field><field var="max-file-size"><value>5</value></field></x>`;
    expect(parseUploadService('u', info(`<feature var="${NS}"/>${other}`))).toEqual({ jid: 'u' });
    const bad = `<x type="result" xmlns="jabber:x:data"><field var="FORM_TYPE" type="hidden"><value>${NS}</value></field><field var="max-file-size"><value>-1e9</value></field></x>`;
    expect(parseUploadService('u', info(`<feature var="${NS}"/>${bad}`))).toEqual({ jid: 'u' });
  });

  it('is no service without the feature', () => {
    expect(parseUploadService('u', info('<feature var="urn:xmpp:http:upload"/>'))).toBeNull();
    expect(parseUploadService('u', null)).toBeNull();
  });
});

describe('upload slot', () => {
  it('reads PUT and GET URLs and the allowed headers, ignoring Cookie, which XHR cannot set (XEP-0363 example 5)', () => {
    expect(
      slot(
        '<put url="https://upload.capulet.lit/4a77/tr%C3%A8s%20cool.jpg"><header name="Authorization">Basic Base64String==</header>' +
          '<header name="Cookie">foo=bar; user=romeo</header></put><get url="https://download.capulet.lit/4a77/tr%C3%A8s%20cool.jpg"/>',
      ),
    ).toEqual({
      put: 'https://upload.capulet.lit/4a77/tr%C3%A8s%20cool.jpg',
      get: 'https://download.capulet.lit/4a77/tr%C3%A8s%20cool.jpg',
      headers: { Authorization: 'Basic Base64String==' },
    });
  });

  it('ignores any header but Authorization and Expires (others could be Host, Origin, Content-Length; Cookie XHR refuses to set)', () => {
    const s = slot('<put url="http://127.0.0.1:5280/p"><header name="Host">evil</header><header name="expires">Tue</header><header name="X-Foo">1</header><header name="cookie">a=b</header></put><get url="http://127.0.0.1:5280/g"/>');
    expect(s?.headers).toEqual({ Expires: 'Tue' });
  });

  it.each([
    ['a non-http PUT URL', '<put url="javascript:alert(1)"/><get url="https://h/g"/>'],
    ['a file: GET URL', '<put url="https://h/p"/><get url="file:///etc/passwd"/>'],
    ['a data: GET URL', '<put url="https://h/p"/><get url="data:text/html,x"/>'],
    ['no GET', '<put url="https://h/p"/>'],
    ['no PUT', '<get url="https://h/g"/>'],
    ['a relative URL', '<put url="/p"/><get url="/g"/>'],
    ['a header value that splits the request', '<put url="https://h/p"><header name="Authorization">x&#13;&#10;Host: evil</header></put><get url="https://h/g"/>'],
  ])('refuses a slot with %s', (_what, body) => {
    expect(slot(body)).toBeNull();
  });

  it('is no slot in an error or another payload', () => {
    expect(parseUploadSlot(stanza('<iq type="error" id="s"><slot xmlns="urn:xmpp:http:upload:0"/></iq>'))).toBeNull();
    expect(parseUploadSlot(stanza('<iq type="result" id="s"><slot xmlns="urn:xmpp:http:upload"><put url="https://h/p"/><get url="https://h/g"/></slot></iq>'))).toBeNull();
  });
});

describe('slot request errors', () => {
  it('says too large with the limit (XEP-0363 example 6)', () => {
    expect(
      error(
        '<not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">File too large. The maximum file size is 20000 bytes</text>' +
          `<file-too-large xmlns="${NS}"><max-file-size>20000</max-file-size></file-too-large>`,
      ),
    ).toEqual({ code: 'too-large', limit: 20000, condition: 'not-acceptable' });
  });

  it('says too large without a limit when the limit is missing or not a number', () => {
    expect(error(`<not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><file-too-large xmlns="${NS}"><max-file-size>lots</max-file-size></file-too-large>`)).toEqual({
      code: 'too-large',
      condition: 'not-acceptable',
    });
  });

  it('says refused for anything else: quota, not allowed, bad name, unknown', () => {
    expect(error(`<resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><retry xmlns="${NS}" stamp="2017-12-03T23:42:05Z"/>`)).toEqual({ code: 'refused', condition: 'resource-constraint' });
    expect(error('<forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>')).toEqual({ code: 'refused', condition: 'forbidden' });
    expect(parseUploadError(undefined)).toEqual({ code: 'refused' });
  });
});
