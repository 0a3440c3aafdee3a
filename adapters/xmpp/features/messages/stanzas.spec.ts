import { ctx, stanza } from '../../spec-helpers';
import { parseChatMessage } from './parser';
import { chatMessage, chatStateMessage, receiptMessage, replaceElement, retractionMessage, RETRACTION_FALLBACK } from './stanzas';

describe('message builders', () => {
  it('builds a chat message with origin-id, receipt request and active state', () => {
    expect(chatMessage('romeo@montague.lit', 'Hello', 'id-1').toString()).toBe(
      '<message type="chat" to="romeo@montague.lit" id="id-1"><body>Hello</body>' +
        '<origin-id xmlns="urn:xmpp:sid:0" id="id-1"/><request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/>' +
        '<active xmlns="http://jabber.org/protocol/chatstates"/></message>',
    );
  });

  it('escapes markup in the body and keeps it as text', () => {
    const body = '</body><script>alert(1)</script> & "quotes" \'single\'';
    const out = chatMessage('romeo@montague.lit', body, 'x').toString();
    expect(out).not.toContain('<script>');
    expect(stanza(out).getChildText('body')).toBe(body);
  });

  it('strips characters XML 1.0 cannot carry, keeping emoji and newlines', () => {
    const out = chatMessage('r@m.lit', 'a\u0000b\u0008c\u000Bd\uFFFEe\uD800f 😀\nline\ttab', 'x').toString();
    expect(stanza(out).getChildText('body')).toBe('abcdef 😀\nline\ttab');
  });

  it('escapes the id in both places', () => {
    const out = chatMessage('r@m.lit', 'x', 'a"b<c').toString();
    const back = stanza(out);
    expect(back.attrs.id).toBe('a"b<c');
    expect(back.getChild('origin-id')!.attrs.id).toBe('a"b<c');
  });

  it('round-trips through the parser as a sent carbon would', () => {
    const el = chatMessage('romeo@montague.lit', 'round trip', 'rt-1');
    el.attrs.from = 'juliet@capulet.lit/balcony';
    const parsed = parseChatMessage(stanza(el.toString()), ctx, { mode: 'carbon-sent' });
    expect(parsed?.message?.id).toBe('rt-1');
    expect(parsed?.message?.originId).toBe('rt-1');
    expect(parsed?.message?.body).toBe('round trip');
  });

  it('builds a correction (XEP-0308): the whole message again with a new id and a replace of the original id', () => {
    expect(chatMessage('juliet@capulet.lit/balcony', 'yonder window', 'good1', 'bad1').toString()).toBe(
      '<message type="chat" to="juliet@capulet.lit/balcony" id="good1"><body>yonder window</body>' +
        '<origin-id xmlns="urn:xmpp:sid:0" id="good1"/><request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/>' +
        '<active xmlns="http://jabber.org/protocol/chatstates"/><replace xmlns="urn:xmpp:message-correct:0" id="bad1"/></message>',
    );
    expect(replaceElement('a"b<c').toString()).toBe('<replace xmlns="urn:xmpp:message-correct:0" id="a&quot;b&lt;c"/>');
  });

  it('round-trips a correction through the parser', () => {
    const el = chatMessage('romeo@montague.lit', 'fixed', 'c2', 'c1');
    el.attrs.from = 'juliet@capulet.lit/balcony';
    const parsed = parseChatMessage(stanza(el.toString()), ctx, { mode: 'carbon-sent' });
    expect(parsed?.message).toMatchObject({ id: 'c2', body: 'fixed', replaces: 'c1', direction: 'out' });
  });

  it.each(['active', 'composing', 'paused', 'inactive', 'gone'] as const)('builds a standalone %s state', (state) => {
    expect(chatStateMessage('r@m.lit', state, 'c1').toString()).toBe(
      `<message type="chat" to="r@m.lit" id="c1"><${state} xmlns="http://jabber.org/protocol/chatstates"/></message>`,
    );
  });

  it('builds a receipt without a request in it', () => {
    expect(receiptMessage('r@m.lit/orchard', 'm1', 'a1').toString()).toBe(
      '<message to="r@m.lit/orchard" id="a1" type="chat"><received xmlns="urn:xmpp:receipts" id="m1"/></message>',
    );
    expect(receiptMessage('r@m.lit/orchard', 'm1', 'a1', 'normal').toString()).toBe(
      '<message to="r@m.lit/orchard" id="a1"><received xmlns="urn:xmpp:receipts" id="m1"/></message>',
    );
  });
});

describe('retraction builder (XEP-0424)', () => {
  it('names the retracted id, marks the body as the fallback, keeps its own origin-id and asks archives to store it', () => {
    const el = retractionMessage('romeo@montague.lit', 'chat', 'o1', 'r1');
    expect(el.toString()).toBe(
      `<message type="chat" to="romeo@montague.lit" id="r1"><retract xmlns="urn:xmpp:message-retract:1" id="o1"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>${RETRACTION_FALLBACK}</body><origin-id xmlns="urn:xmpp:sid:0" id="r1"/><store xmlns="urn:xmpp:hints"/></message>`,
    );
    expect(retractionMessage('room@conference.example.org', 'groupchat', 's1', 'r2').attrs.type).toBe('groupchat');
  });

  it('is read back by the parser as a retraction of that id (what a peer running Natter sees)', () => {
    const sent = retractionMessage('juliet@capulet.lit', 'chat', 'o7', 'r7');
    sent.attrs.from = 'romeo@montague.lit/orchard';
    expect(parseChatMessage(stanza(sent.toString()), ctx, { mode: 'live' })?.message).toMatchObject({ retracts: 'o7', originId: 'r7' });
  });
});
