import { ctx, stanza } from '../../spec-helpers';
import { chatMessage } from '../messages/stanzas';
import { parseChatMessage } from '../messages/parser';
import { fallbackQuote, QUOTE_MAX_CHARS, withReply } from './stanzas';

describe('replies as they go out (XEP-0461 with the XEP-0428 fallback)', () => {
  const reply = { id: 'o1', to: 'romeo@montague.lit', quote: { author: 'romeo@montague.lit', text: 'Wherefore?\nArt thou 🌹' } };

  it('quotes the author and each line, then the body, and marks the quote’s code points as the fallback', () => {
    const el = withReply(chatMessage('romeo@montague.lit', 'Because.', 'm1'), reply);
    const quote = '> romeo@montague.lit:\n> Wherefore?\n> Art thou 🌹\n';
    expect(el.getChild('body')?.getText()).toBe(`${quote}Because.`);
    expect(el.getChild('reply')?.attrs).toEqual({ xmlns: 'urn:xmpp:reply:0', to: 'romeo@montague.lit', id: 'o1' });
    const fallback = el.getChild('fallback');
    expect(fallback?.attrs).toEqual({ xmlns: 'urn:xmpp:fallback:0', for: 'urn:xmpp:reply:0' });
    expect(fallback?.getChild('body')?.attrs).toEqual({ start: '0', end: String(Array.from(quote).length) });
  });

  it('reads back as the reply with its own text only (what a peer running Natter sees)', () => {
    const sent = withReply(chatMessage('juliet@capulet.lit', 'Because.', 'm1'), reply);
    sent.attrs.from = 'romeo@montague.lit/orchard';
    const parsed = parseChatMessage(stanza(sent.toString()), ctx, { mode: 'live' });
    expect(parsed?.message).toMatchObject({ body: 'Because.', replyTo: { id: 'o1', to: 'romeo@montague.lit' } });
  });

  it('quotes CR LF line ends as the LF a reader’s XML parser makes of them, so the range still fits', () => {
    expect(fallbackQuote({ author: 'a', text: 'one\r\ntwo\rthree' })).toBe('> a:\n> one\n> two\n> three\n');
  });

  it('quotes at most QUOTE_MAX_CHARS of a long text; without a quote, only the reply element', () => {
    expect(Array.from(fallbackQuote({ author: 'a', text: 'x'.repeat(100_000) })).length).toBeLessThan(QUOTE_MAX_CHARS + 20);
    const plain = withReply(chatMessage('romeo@montague.lit', 'Because.', 'm1'), { id: 'o1', to: 'romeo@montague.lit' });
    expect(plain.getChild('body')?.getText()).toBe('Because.');
    expect(plain.getChild('fallback')).toBeUndefined();
  });

  it('refuses an id or author that cannot be sent as given', () => {
    expect(() => withReply(chatMessage('romeo@montague.lit', 'b', 'm1'), { id: 'bad\u0000id', to: 'romeo@montague.lit' })).toThrow('invalid message id');
    expect(() => withReply(chatMessage('romeo@montague.lit', 'b', 'm1'), { id: 'o1', to: 'not a jid@@' })).toThrow('invalid-jid');
  });
});
