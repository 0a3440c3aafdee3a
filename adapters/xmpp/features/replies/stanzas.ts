/**
 * XEP-0461 replies as they go out: `<reply to id/>`, and for clients without it a quote of the
 * replied message before the body, marked as the reply's XEP-0428 fallback so that clients with
 * it strip the quote again (features/messages/parser reads both).
 */
import type { OutgoingReply } from '../../../types';
import { formatJid, parseJid } from '../../jid';
import { NS_FALLBACK, NS_REPLY } from '../../namespaces';
import { checkId, xml, xmlSafe, type XmlElement } from '../../xml';

/** How much of the replied text the fallback quotes: enough to recognise it, never a whole long message again. */
export const QUOTE_MAX_CHARS = 200;

/** `> author:` then `> ` before each line of the (shortened) text, and a line break: what clients without replies show. */
export function fallbackQuote(quote: { author: string; text: string }): string {
  // XML parsers turn CR LF into LF: the quote is measured as the reader's parser will count it.
  const chars = Array.from(quote.text.slice(0, QUOTE_MAX_CHARS * 2).replace(/\r\n?/g, '\n'));
  const text = chars.length > QUOTE_MAX_CHARS || quote.text.length > QUOTE_MAX_CHARS * 2 ? `${chars.slice(0, QUOTE_MAX_CHARS).join('')}…` : chars.join('');
  return `${[`${quote.author}:`, ...text.split('\n')].map(line => `> ${line}`).join('\n')}\n`;
}

/** The text a reply puts before its body for clients without replies ('' without a quote). */
export function replyQuote(reply: OutgoingReply): string {
  return reply.quote ? xmlSafe(fallbackQuote(reply.quote)) : '';
}

/**
 * `message` answering `reply`: the reply element and, with a quote, the quote put before its body
 * and its range (in code points) marked as fallback. Returns `message`. Throws for an id or an
 * author that could not be sent as given.
 */
export function withReply(message: XmlElement, reply: OutgoingReply | undefined): XmlElement {
  if (!reply) return message;
  checkId(reply.id);
  const to = parseJid(reply.to);
  if (!to) throw new Error('invalid-jid');
  message.append(xml('reply', { xmlns: NS_REPLY, to: formatJid(to), id: reply.id }));
  const body = message.getChild('body');
  const quote = replyQuote(reply);
  if (!quote || !body) return message;
  body.children = [quote + body.getText()];
  message.append(xml('fallback', { xmlns: NS_FALLBACK, for: NS_REPLY }, xml('body', { start: '0', end: String(Array.from(quote).length) })));
  return message;
}
