import type { Message } from '../adapters/types';
import { mentionMatcher, mentionsSelf } from './mentions';

const ROOM = 'coven@chat.shakespeare.lit';
const message = (overrides: Partial<Message> = {}): Message => ({ id: 'm', conversation: ROOM, from: `${ROOM}/alice`, nick: 'alice', direction: 'in', body: 'hello all', timestamp: 1, status: 'received', ...overrides });

describe('mentionsSelf', () => {
  const matcher = mentionMatcher('Third Witch');

  it('is a mention of our occupant JID or our account (XEP-0372), or our nick as a word', () => {
    expect(mentionsSelf(message({ mentions: [{ begin: 0, end: 5, uri: `xmpp:${ROOM}/Third%20Witch` }] }), ROOM, 'Third Witch', 'me@x.lit', matcher)).toBe(true);
    expect(mentionsSelf(message({ mentions: [{ begin: 0, end: 5, uri: 'xmpp:me@x.lit' }] }), ROOM, 'Third Witch', 'me@x.lit', matcher)).toBe(true);
    expect(mentionsSelf(message({ body: 'hi third witch!' }), ROOM, 'Third Witch', 'me@x.lit', matcher)).toBe(true);
    expect(mentionsSelf(message({ body: 'hi third witches' }), ROOM, 'Third Witch', 'me@x.lit', matcher)).toBe(false);
  });

  it('is never our own message, a notice, a removed one, or a mention of someone else', () => {
    expect(mentionsSelf(message({ body: 'Third Witch', direction: 'out' }), ROOM, 'Third Witch', null, matcher)).toBe(false);
    expect(mentionsSelf(message({ body: '', retractedAt: 2 }), ROOM, 'Third Witch', null, matcher)).toBe(false);
    expect(mentionsSelf(message({ mentions: [{ begin: 0, end: 5, uri: `xmpp:${ROOM}/bob` }] }), ROOM, 'Third Witch', 'me@x.lit', matcher)).toBe(false);
    expect(mentionsSelf(message({ mentions: [{ begin: 0, end: 5, uri: 'xmpp:%E0%A4%A' }] }), ROOM, 'Third Witch', null)).toBe(false);
  });
});
