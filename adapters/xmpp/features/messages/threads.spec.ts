import { ctx, stanza } from '../../spec-helpers';
import { parseGroupchat } from '../muc/parser';
import { chatMessage } from './stanzas';
import { withExtras } from './outgoing';
import { MAX_THREAD_ID, parseChatMessage, threadOf } from './parser';

const chat = (inner: string) =>
  parseChatMessage(stanza(`<message type="chat" id="x" from="romeo@montague.lit/o" to="juliet@capulet.lit/b"><body>hi</body>${inner}</message>`), ctx, { mode: 'live' })?.message;

describe('threads (XEP-0201)', () => {
  it('reads the thread id and its parent, in chats and rooms', () => {
    expect(chat('<thread>t1</thread>')?.thread).toEqual({ id: 't1' });
    expect(chat('<thread parent="t0"> t1 </thread>')?.thread).toEqual({ id: 't1', parent: 't0' });
    const room = { room: 'coven@chat.shakespeare.lit', nick: 'me', occupantIds: false };
    const parsed = parseGroupchat(stanza('<message type="groupchat" from="coven@chat.shakespeare.lit/alice"><body>x</body><thread>t9</thread></message>'), ctx, room, { mode: 'live', fallbackId: () => 'f' });
    expect(parsed?.kind === 'message' && parsed.message.thread).toEqual({ id: 't9' });
  });

  it('ignores an empty or oversized id, and a parent that is itself or oversized', () => {
    expect(chat('<thread> </thread>')?.thread).toBeUndefined();
    expect(chat(`<thread>${'t'.repeat(MAX_THREAD_ID + 1)}</thread>`)?.thread).toBeUndefined();
    expect(threadOf(stanza('<message><thread parent="t1">t1</thread></message>'))).toEqual({ id: 't1' });
    expect(threadOf(stanza(`<message><thread parent="${'p'.repeat(MAX_THREAD_ID + 1)}">t1</thread></message>`))).toEqual({ id: 't1' });
  });

  it('goes out as <thread/>; an id that could not come back as given is refused', () => {
    expect(withExtras(chatMessage('romeo@montague.lit', 'b', 'm1'), 'b', { thread: 't1' }).getChildText('thread')).toBe('t1');
    expect(() => withExtras(chatMessage('romeo@montague.lit', 'b', 'm1'), 'b', { thread: 'bad\u0000' })).toThrow('invalid thread id');
    expect(() => withExtras(chatMessage('romeo@montague.lit', 'b', 'm1'), 'b', { thread: ' ' })).toThrow('invalid thread id');
  });
});

describe('spoilers as they go out (XEP-0382)', () => {
  it('marks the message with its hint (trimmed, cut like readers cut it), or without one; reads back the same', () => {
    const el = withExtras(chatMessage('juliet@capulet.lit', 'Rosebud is the sled', 'm1'), 'Rosebud is the sled', { spoiler: { hint: '  Citizen Kane ' } });
    expect(el.getChild('spoiler', 'urn:xmpp:spoiler:0')?.getText()).toBe('Citizen Kane');
    el.attrs.from = 'romeo@montague.lit/o';
    expect(parseChatMessage(stanza(el.toString()), ctx, { mode: 'live' })?.message?.spoiler).toEqual({ hint: 'Citizen Kane' });
    const plain = withExtras(chatMessage('r@m.lit', 'b', 'm2'), 'b', { spoiler: {} });
    expect(plain.getChild('spoiler', 'urn:xmpp:spoiler:0')?.children).toEqual([]);
    const long = withExtras(chatMessage('r@m.lit', 'b', 'm3'), 'b', { spoiler: { hint: 'h'.repeat(10_000) } });
    expect(long.getChild('spoiler', 'urn:xmpp:spoiler:0')?.getText()).toHaveLength(200);
  });
});
