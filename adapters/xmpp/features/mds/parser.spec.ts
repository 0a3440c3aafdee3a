import { ctx, OWN, stanza } from '../../spec-helpers';
import { parseDisplayedEvent } from './parser';
import { displayedPublish } from './stanzas';

const NODE = 'urn:xmpp:mds:displayed:0';
const item = (id: string, by: string, sid = 's1') => `<item id="${id}"><displayed xmlns="${NODE}"><stanza-id xmlns="urn:xmpp:sid:0" by="${by}" id="${sid}"/></displayed></item>`;
const event = (items: string, from = OWN) => stanza(`<message from="${from}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${NODE}">${items}</items></event></message>`);

describe('message displayed synchronization (XEP-0490)', () => {
  it('reads what another client of ours displayed: per conversation, the archive’s stanza-id (ours in a chat, the room’s in a room)', () => {
    expect(parseDisplayedEvent(event(item('romeo@montague.lit', OWN) + item('coven@chat.shakespeare.lit', 'coven@chat.shakespeare.lit', 's2')), ctx)).toEqual([
      { conversation: 'romeo@montague.lit', stanzaId: 's1' },
      { conversation: 'coven@chat.shakespeare.lit', stanzaId: 's2' },
    ]);
  });

  it('believes only the own account, and drops items with a foreign stanza-id, a full JID or no id', () => {
    expect(parseDisplayedEvent(event(item('romeo@montague.lit', OWN), 'mallory@evil.lit'), ctx)).toBeNull();
    expect(parseDisplayedEvent(event(item('romeo@montague.lit', 'mallory@evil.lit') + item('romeo@montague.lit/x', OWN) + item('', OWN)), ctx)).toEqual([]);
    expect(parseDisplayedEvent(stanza(`<message from="${OWN}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:bookmarks:1"/></event></message>`), ctx)).toBeNull();
  });

  it('publishes one item per conversation with the stanza-id and private, persistent publish options', () => {
    const iq = displayedPublish('q1', 'romeo@montague.lit', 's9', OWN);
    const published = iq.getChild('pubsub')!.getChild('publish')!;
    expect(published.attrs.node).toBe(NODE);
    expect(published.getChild('item')?.attrs.id).toBe('romeo@montague.lit');
    expect(published.getChild('item')?.getChild('displayed', NODE)?.getChild('stanza-id')?.attrs).toEqual({ xmlns: 'urn:xmpp:sid:0', by: OWN, id: 's9' });
    expect(iq.toString()).toContain('<field var="pubsub#access_model"><value>whitelist</value></field>');
  });
});
