import { ctx, stanza } from '../../spec-helpers';
import { parseBookmarksResult, parseLegacyBookmarks } from './parser';
import { bookmarkPublish, bookmarkRetract, bookmarksGet, legacyBookmarksGet, legacyBookmarksSet } from './stanzas';

const ROOM = 'theplay@conference.shakespeare.lit';

describe('XEP-0402 builders', () => {
  it('gets the items of the node', () => {
    expect(bookmarksGet('g').toString()).toBe(
      '<iq type="get" id="g"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:bookmarks:1"/></pubsub></iq>',
    );
  });

  it('publishes one item per room with whitelist publish-options', () => {
    expect(bookmarkPublish('p', { jid: ROOM, name: "The Play's the Thing", nick: 'JC', autojoin: true }).toString()).toBe(
      '<iq type="set" id="p"><pubsub xmlns="http://jabber.org/protocol/pubsub">' +
        `<publish node="urn:xmpp:bookmarks:1"><item id="${ROOM}"><conference xmlns="urn:xmpp:bookmarks:1" name="The Play&apos;s the Thing" autojoin="true"><nick>JC</nick></conference></item></publish>` +
        '<publish-options><x xmlns="jabber:x:data" type="submit">' +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/pubsub#publish-options</value></field>' +
        '<field var="pubsub#persist_items"><value>true</value></field>' +
        '<field var="pubsub#max_items"><value>max</value></field>' +
        '<field var="pubsub#send_last_published_item"><value>never</value></field>' +
        '<field var="pubsub#access_model"><value>whitelist</value></field>' +
        '</x></publish-options></pubsub></iq>',
    );
  });

  it('leaves out empty name, nick and password, and round-trips through the parser', () => {
    const el = bookmarkPublish('p', { jid: ROOM, name: ' ', nick: '', password: 'se<cret', autojoin: false });
    const item = el.getChild('pubsub')!.getChild('publish')!.getChild('item')!;
    expect(item.toString()).toBe(`<item id="${ROOM}"><conference xmlns="urn:xmpp:bookmarks:1" autojoin="false"><password>se&lt;cret</password></conference></item>`);
    const answer = stanza(
      `<iq type="result" id="r"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:bookmarks:1">${item.toString()}</items></pubsub></iq>`,
    );
    expect(parseBookmarksResult(answer, ctx)).toEqual([{ jid: ROOM, password: 'se<cret', autojoin: false }]);
  });

  it('retracts with notify', () => {
    expect(bookmarkRetract('r', ROOM).toString()).toBe(
      `<iq type="set" id="r"><pubsub xmlns="http://jabber.org/protocol/pubsub"><retract node="urn:xmpp:bookmarks:1" notify="true"><item id="${ROOM}"/></retract></pubsub></iq>`,
    );
  });
});

describe('XEP-0048 builders', () => {
  it('gets the storage', () => {
    expect(legacyBookmarksGet('l').toString()).toBe('<iq type="get" id="l"><query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks"/></query></iq>');
  });

  it('writes the whole list and keeps other elements', () => {
    const previous = parseLegacyBookmarks(
      stanza('<iq type="result" id="x"><query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks"><url name="W" url="http://w.lit/"/></storage></query></iq>'),
      ctx,
    )!;
    const out = legacyBookmarksSet('s', [{ jid: ROOM, name: 'Play', nick: 'JC', autojoin: true }, { jid: 'b@c.lit', autojoin: false }], previous.others).toString();
    expect(out).toBe(
      '<iq type="set" id="s"><query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks">' +
        `<conference jid="${ROOM}" name="Play" autojoin="true"><nick>JC</nick></conference>` +
        '<conference jid="b@c.lit" autojoin="false"/>' +
        '<url name="W" url="http://w.lit/"/></storage></query></iq>',
    );
    const back = parseLegacyBookmarks(stanza(out.replace('type="set"', 'type="result"')), ctx);
    expect(back?.bookmarks).toEqual([
      { jid: ROOM, name: 'Play', nick: 'JC', autojoin: true },
      { jid: 'b@c.lit', autojoin: false },
    ]);
  });
});
