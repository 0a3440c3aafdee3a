import { ctx, stanza } from '../../spec-helpers';
import { chatMessage } from '../messages/stanzas';
import { parseChatMessage } from '../messages/parser';
import { withExtras } from '../messages/outgoing';
import { xmppUri } from '../../../xmpp-uri';
import { MAX_MENTIONS, mentionedJid, mentionsAfterCuts, mentionsOf } from './parser';

const NS = 'urn:xmpp:reference:0';
const ref = (begin: number, end: number, uri = 'xmpp:juliet@capulet.lit', type = 'mention') => `<reference xmlns="${NS}" type="${type}" uri="${uri}" begin="${begin}" end="${end}"/>`;
const parse = (inner: string) =>
  parseChatMessage(stanza(`<message type="chat" id="x" from="romeo@montague.lit/o" to="juliet@capulet.lit/b">${inner}</message>`), ctx, { mode: 'live' })?.message;

describe('mentions (XEP-0372 references)', () => {
  it('reads mentions by code point ranges, in order', () => {
    expect(parse(`<body>🌹 Juliet and Nurse</body>${ref(13, 18, 'xmpp:nurse@capulet.lit')}${ref(2, 8)}`)?.mentions).toEqual([
      { begin: 2, end: 8, uri: 'xmpp:juliet@capulet.lit' },
      { begin: 13, end: 18, uri: 'xmpp:nurse@capulet.lit' },
    ]);
  });

  it('drops what does not fit: out of the body, empty, overlapping, other types, other schemes, bad JIDs, too many', () => {
    const body = '<body>hello there</body>';
    for (const bad of [ref(0, 99), ref(3, 3), ref(-1, 2), ref(0, 2, 'https://evil.example'), ref(0, 2, 'xmpp:@@'), ref(0, 2, 'xmpp:juliet@capulet.lit', 'data')]) {
      expect(parse(body + bad)?.mentions).toBeUndefined();
    }
    expect(parse(body + ref(0, 5) + ref(3, 8))?.mentions).toEqual([{ begin: 0, end: 5, uri: 'xmpp:juliet@capulet.lit' }]);
    expect(parse(body + ref(0, 10) + ref(2, 3) + ref(5, 8))?.mentions).toEqual([{ begin: 0, end: 10, uri: 'xmpp:juliet@capulet.lit' }]);
    const many = Array.from({ length: 200 }, (_, i) => ref(i, i + 1)).join('');
    expect(mentionsOf(stanza(`<message>${many}</message>`), 'x'.repeat(300))).toHaveLength(MAX_MENTIONS);
  });

  it('a reply’s mentions move back with its stripped quote; one inside the quote is dropped', () => {
    const quote = '> Romeo:\n> hi Juliet\n';
    const q = Array.from(quote).length;
    const body = `${quote}Nurse, come`;
    const fallback = `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${q}"/></fallback>`;
    const message = parse(`<body>${body}</body><reply xmlns="urn:xmpp:reply:0" id="o1"/>${fallback}${ref(14, 20)}${ref(q, q + 5, 'xmpp:nurse@capulet.lit')}`);
    expect(message?.body).toBe('Nurse, come');
    expect(message?.mentions).toEqual([{ begin: 0, end: 5, uri: 'xmpp:nurse@capulet.lit' }]);
    expect(mentionsAfterCuts([{ begin: 10, end: 12, uri: 'xmpp:a@b' }], [[0, 2], [4, 6]])).toEqual([{ begin: 6, end: 8, uri: 'xmpp:a@b' }]);
    // A range inside an earlier one is dropped, and so is one after it that overlaps the first.
    const nested = `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="10"/><body start="2" end="3"/><body start="5" end="8"/></fallback>`;
    expect(parse(`<body>0123456789rest</body><reply xmlns="urn:xmpp:reply:0" id="o1"/>${nested}${ref(10, 14)}`)).toMatchObject({ body: 'rest', mentions: [{ begin: 0, end: 4 }] });
  });

  it('URIs: occupant nicks with spaces, ? and # survive both ways', () => {
    const uri = xmppUri('coven@chat.shakespeare.lit/Third Witch?#');
    expect(uri).toBe('xmpp:coven@chat.shakespeare.lit/Third%20Witch%3F%23');
    expect(mentionedJid(uri)).toBe('coven@chat.shakespeare.lit/Third Witch?#');
    expect(mentionedJid('xmpp:juliet@capulet.lit?message')).toBe('juliet@capulet.lit');
    expect(mentionedJid('xmpp:%E0%A4%A')).toBeUndefined();
  });

  it('goes out moved past a reply’s quote, and reads back where it was typed', () => {
    const body = 'Nurse, come';
    const el = withExtras(chatMessage('romeo@montague.lit', body, 'm1'), body, {
      reply: { id: 'o1', to: 'romeo@montague.lit', quote: { author: 'romeo@montague.lit', text: 'hi' } },
      mentions: [{ begin: 0, end: 5, uri: 'xmpp:nurse@capulet.lit' }, { begin: 0, end: 99, uri: 'xmpp:too@long.lit' }],
    });
    const quote = '> romeo@montague.lit:\n> hi\n';
    expect(el.getChildren('reference', NS).map(r => r.attrs)).toEqual([{ xmlns: NS, type: 'mention', uri: 'xmpp:nurse@capulet.lit', begin: String(Array.from(quote).length), end: String(Array.from(quote).length + 5) }]);
    el.attrs.from = 'romeo@montague.lit/o';
    el.attrs.to = 'juliet@capulet.lit/b';
    expect(parseChatMessage(stanza(el.toString()), ctx, { mode: 'live' })?.message).toMatchObject({ body, mentions: [{ begin: 0, end: 5, uri: 'xmpp:nurse@capulet.lit' }] });
  });
});
