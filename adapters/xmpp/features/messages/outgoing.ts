/** What an own message carries besides its text, added to the stanza the same way for chats, private chats and rooms. */
import type { OutgoingExtras } from '../../../types';
import { withAttachment } from '../attachments/stanzas';
import { withMentions } from '../references/stanzas';
import { replyQuote, withReply } from '../replies/stanzas';
import { xmlSafe, type XmlElement } from '../../xml';

/**
 * `message` (whose body is `body`) with `extras`: the shared file, what it answers (the quote goes
 * before the body) and the mentions (moved past that quote). Returns `message`; throws for a file
 * or reply that cannot be sent as given.
 */
export function withExtras(message: XmlElement, body: string, extras: OutgoingExtras = {}): XmlElement {
  withReply(withAttachment(message, extras.attachment), extras.reply);
  const quote = extras.reply && message.getChild('body') ? replyQuote(extras.reply) : '';
  return withMentions(message, extras.mentions, Array.from(xmlSafe(body)).length, Array.from(quote).length);
}
