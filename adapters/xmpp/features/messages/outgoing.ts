/** What an own message carries besides its text, added to the stanza the same way for chats, private chats and rooms. */
import type { OutgoingExtras } from '../../../types';
import { withAttachment } from '../attachments/stanzas';
import { withMentions } from '../references/stanzas';
import { replyQuote, withReply } from '../replies/stanzas';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';
import { NS_SPOILER } from '../../namespaces';
import { MAX_SPOILER_HINT, MAX_THREAD_ID } from './parser';

/** XEP-0201 `<thread/>`; throws for an id that could not come back as given. */
function threadElement(id: string): XmlElement {
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_THREAD_ID || xmlSafe(id) !== id) throw new Error('invalid thread id');
  return xml('thread', {}, id);
}

/**
 * `message` (whose body is `body`) with `extras`: the shared file, what it answers (the quote goes
 * before the body), its thread, a spoiler mark with its hint, and the mentions (moved past that quote). Returns `message`; throws for a file
 * or reply that cannot be sent as given.
 */
export function withExtras(message: XmlElement, body: string, extras: OutgoingExtras = {}): XmlElement {
  withReply(withAttachment(message, extras.attachment), extras.reply);
  if (extras.thread !== undefined) message.append(threadElement(extras.thread));
  if (extras.spoiler) {
    // The hint as readers' parsers keep it: at most MAX_SPOILER_HINT code points.
    const hint = Array.from(xmlSafe(extras.spoiler.hint ?? '').trim()).slice(0, MAX_SPOILER_HINT).join('');
    message.append(xml('spoiler', { xmlns: NS_SPOILER }, ...compact(hint || undefined)));
  }
  const quote = extras.reply && message.getChild('body') ? replyQuote(extras.reply) : '';
  return withMentions(message, extras.mentions, Array.from(xmlSafe(body)).length, Array.from(quote).length);
}
