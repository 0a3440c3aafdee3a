import { reactionsMessage } from './stanzas';

describe('reactionsMessage', () => {
  it('carries the whole set for the message id, an origin-id equal to its id and a store hint, and no body', () => {
    const el = reactionsMessage('romeo@montague.lit', 'chat', 'o1', ['👍', '🐢'], 'r1');
    expect(el.toString()).toBe(
      '<message type="chat" to="romeo@montague.lit" id="r1"><reactions xmlns="urn:xmpp:reactions:0" id="o1"><reaction>👍</reaction><reaction>🐢</reaction></reactions>' +
        '<origin-id xmlns="urn:xmpp:sid:0" id="r1"/><store xmlns="urn:xmpp:hints"/></message>',
    );
  });

  it('an empty set is an empty element (all reactions taken back); groupchat to a room', () => {
    const el = reactionsMessage('coven@chat.shakespeare.lit', 'groupchat', 's1', [], 'r2');
    expect(el.attrs.type).toBe('groupchat');
    expect(el.getChild('reactions')?.children).toEqual([]);
  });
});
