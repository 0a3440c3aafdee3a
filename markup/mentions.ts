/** Whether a message mentions the user: what the chatbox highlights and the unread count keeps apart. */
import type { Jid, Message } from '../adapters/types';
import { jidOfXmppUri } from '../adapters/xmpp-uri';

/** Matches a nick as a whole word, case-insensitively; built once per render, runs in linear time. */
export function mentionMatcher(nick: string | undefined): ((body: string) => boolean) | undefined {
  if (!nick) return undefined;
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu');
  return body => pattern.test(body);
}

/**
 * Someone else's message in a room that mentions the user: a XEP-0372 mention of our occupant JID
 * (`room/nick`) or our account, or our nick written as a word (`matcher`, from `mentionMatcher`).
 */
export function mentionsSelf(message: Message, room: Jid, nick: string | undefined, ownJid: Jid | null, matcher?: (body: string) => boolean): boolean {
  if (message.direction !== 'in' || message.notice || message.retractedAt !== undefined) return false;
  const selves = new Set<string>();
  if (nick) selves.add(`${room}/${nick}`);
  if (ownJid) selves.add(ownJid);
  for (const mention of message.mentions ?? []) {
    const jid = jidOfXmppUri(mention.uri);
    if (jid !== undefined && selves.has(jid)) return true;
  }
  return !!matcher?.(message.body);
}
