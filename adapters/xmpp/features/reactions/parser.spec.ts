import { ctx, NOW, stanza } from '../../spec-helpers';
import { parseChatMessage } from '../messages/parser';
import { parseGroupchat, type RoomContext } from '../muc/parser';
import { isEmoji, MAX_REACTIONS, reactionsOf } from './parser';

const NS = 'urn:xmpp:reactions:0';
const chat = (inner: string) =>
  parseChatMessage(stanza(`<message type="chat" id="x1" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony">${inner}</message>`), ctx, { mode: 'live' })?.message;

describe('isEmoji', () => {
  it.each(['👍', '❤️', '👩‍👩‍👧', '🇫🇷', '1️⃣', '👍🏽', '🏳️‍🌈'])('accepts %s', emoji => expect(isEmoji(emoji)).toBe(true));
  it.each(['', 'a', '👍👍', ' 👍', '👍a', 'ok', '<b>', '1', '😀'.repeat(40)])('refuses %p', text => expect(isEmoji(text)).toBe(false));
});

describe('reactions (XEP-0444)', () => {
  it('reads the whole set a peer gives a message, without a body, in order and without duplicates', () => {
    expect(chat(`<reactions xmlns="${NS}" id="o1"><reaction>👍</reaction><reaction>🐢</reaction><reaction>👍</reaction></reactions>`)).toMatchObject({
      reactsTo: { id: 'o1', emojis: ['👍', '🐢'] },
      body: '',
      from: 'romeo@montague.lit',
      timestamp: NOW,
    });
  });

  it('an empty set takes them back; a fallback body is not shown as text', () => {
    expect(chat(`<reactions xmlns="${NS}" id="o1"/>`)).toMatchObject({ reactsTo: { id: 'o1', emojis: [] }, body: '' });
    expect(chat(`<reactions xmlns="${NS}" id="o1"><reaction>👍</reaction></reactions><body>👍</body>`)).toMatchObject({ body: '' });
  });

  it('drops what is not one emoji, and keeps at most MAX_REACTIONS of one person', () => {
    const junk = ['hello', '&lt;script&gt;', '👍👍', 'x'.repeat(100_000)].map(text => `<reaction>${text}</reaction>`).join('');
    expect(chat(`<reactions xmlns="${NS}" id="o1">${junk}<reaction> 🎉 </reaction></reactions>`)?.reactsTo).toEqual({ id: 'o1', emojis: ['🎉'] });
    const many = Array.from('😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩🤔🤨😐😑', emoji => `<reaction>${emoji}</reaction>`).join('');
    expect(chat(`<reactions xmlns="${NS}" id="o1">${many}</reactions>`)?.reactsTo?.emojis).toHaveLength(MAX_REACTIONS);
  });

  it('ignores reactions without a usable id, or in another namespace', () => {
    expect(chat(`<reactions xmlns="${NS}"><reaction>👍</reaction></reactions>`)).toBeUndefined();
    expect(chat(`<reactions xmlns="${NS}" id="${'i'.repeat(5000)}"><reaction>👍</reaction></reactions>`)).toBeUndefined();
    expect(chat(`<reactions xmlns="urn:xmpp:other" id="o1"><reaction>👍</reaction></reactions>`)).toBeUndefined();
    expect(reactionsOf(stanza(`<message><reactions xmlns="${NS}" id=""/></message>`))).toBeUndefined();
  });

  it('in a room, names the message by the room’s stanza-id and carries the reactor’s nick and occupant id', () => {
    const room: RoomContext = { room: 'coven@chat.shakespeare.lit', nick: 'secondwitch', occupantIds: true, ownOccupantId: 'me' };
    const parsed = parseGroupchat(
      stanza(`<message type="groupchat" id="r1" from="coven@chat.shakespeare.lit/firstwitch"><reactions xmlns="${NS}" id="s1"><reaction>🔥</reaction></reactions>
        <occupant-id xmlns="urn:xmpp:occupant-id:0" id="w1"/><stanza-id xmlns="urn:xmpp:sid:0" by="coven@chat.shakespeare.lit" id="s2"/></message>`),
      ctx,
      room,
      { mode: 'live' },
    );
    expect(parsed?.kind === 'message' && parsed.message).toMatchObject({ reactsTo: { id: 's1', emojis: ['🔥'] }, nick: 'firstwitch', occupantId: 'w1', body: '' });
  });
});
