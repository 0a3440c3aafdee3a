import { ctx, stanza } from '../../spec-helpers';
import { parseBookmarkItem, parseBookmarksEvent, parseBookmarksResult, parseLegacyBookmarks } from './parser';

const NODE = 'urn:xmpp:bookmarks:1';

describe('XEP-0402 bookmarks', () => {
  const items = (attrs: string, inner: string) =>
    stanza(`<iq type="result" id="b" ${attrs}><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${NODE}">${inner}</items></pubsub></iq>`);

  it('parses the items of the node', () => {
    expect(
      parseBookmarksResult(
        items(
          '',
          `<item id="Theplay@conference.shakespeare.lit"><conference xmlns="${NODE}" name="The Play's the Thing" autojoin="true"><nick>JC</nick><password>pw</password><extensions/></conference></item>
           <item id="orchard@conference.shakespeare.lit"><conference xmlns="${NODE}" autojoin="1"/></item>
           <item id="quiet@conference.shakespeare.lit"><conference xmlns="${NODE}"/></item>`,
        ),
        ctx,
      ),
    ).toEqual([
      { jid: 'theplay@conference.shakespeare.lit', name: "The Play's the Thing", nick: 'JC', password: 'pw', autojoin: true },
      { jid: 'orchard@conference.shakespeare.lit', autojoin: true },
      { jid: 'quiet@conference.shakespeare.lit', autojoin: false },
    ]);
  });

  it('skips malformed items and duplicates', () => {
    expect(
      parseBookmarksResult(
        items(
          'from="juliet@capulet.lit"',
          `<item id="a@conf.lit"><conference xmlns="urn:xmpp:bookmarks:0"/></item>
           <item id="conf.lit"><conference xmlns="${NODE}"/></item>
           <item id="a@conf.lit/nick"><conference xmlns="${NODE}"/></item>
           <item><conference xmlns="${NODE}"/></item>
           <item id="b@conf.lit"><conference xmlns="${NODE}" name="first"/></item>
           <item id="B@conf.lit"><conference xmlns="${NODE}" name="second"/></item>`,
        ),
        ctx,
      ),
    ).toEqual([{ jid: 'b@conf.lit', name: 'first', autojoin: false }]);
  });

  it('refuses answers from anyone but our own account, and of another node', () => {
    expect(parseBookmarksResult(items('from="romeo@montague.lit"', ''), ctx)).toBeNull();
    expect(parseBookmarksResult(items('from="juliet@capulet.lit/other"', ''), ctx)).toBeNull();
    expect(parseBookmarksResult(stanza(`<iq type="result" id="b"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:other"/></pubsub></iq>`), ctx)).toBeNull();
    expect(parseBookmarksResult(stanza(`<iq type="error" id="b"/>`), ctx)).toBeNull();
    expect(parseBookmarksResult(stanza(`<iq type="result" id="b"/>`), ctx)).toEqual([]);
  });

  it('parses one item', () => {
    expect(parseBookmarkItem(stanza(`<item id="x@conf.lit"><conference xmlns="${NODE}" autojoin="false"><nick></nick></conference></item>`))).toEqual({
      jid: 'x@conf.lit',
      autojoin: false,
    });
    expect(parseBookmarkItem(stanza(`<retract id="x@conf.lit"/>`))).toBeNull();
  });
});

describe('parseBookmarksEvent', () => {
  const event = (from: string, inner: string) =>
    stanza(`<message ${from} to="juliet@capulet.lit/balcony" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event">${inner}</event></message>`);

  it('reads published and retracted bookmarks from our own account', () => {
    expect(
      parseBookmarksEvent(
        event(
          'from="juliet@capulet.lit"',
          `<items node="${NODE}"><item id="a@conf.lit"><conference xmlns="${NODE}" autojoin="true"/></item><retract id="b@conf.lit"/><retract id="bad/jid/"/></items>`,
        ),
        ctx,
      ),
    ).toEqual({ published: [{ jid: 'a@conf.lit', autojoin: true }], retracted: ['b@conf.lit'], purged: false });
  });

  it('reads a purge of the node', () => {
    expect(parseBookmarksEvent(event('from="juliet@capulet.lit"', `<purge node="${NODE}"/>`), ctx)).toEqual({ published: [], retracted: [], purged: true });
  });

  it('refuses notifications from others, and ignores other nodes', () => {
    expect(parseBookmarksEvent(event('from="romeo@montague.lit"', `<items node="${NODE}"><retract id="b@conf.lit"/></items>`), ctx)).toBeNull();
    expect(parseBookmarksEvent(event('from="juliet@capulet.lit/x"', `<items node="${NODE}"/>`), ctx)).toBeNull();
    expect(parseBookmarksEvent(event('from="juliet@capulet.lit"', '<items node="urn:xmpp:avatar:metadata"/>'), ctx)).toBeNull();
    expect(parseBookmarksEvent(stanza('<message from="juliet@capulet.lit"><body>x</body></message>'), ctx)).toBeNull();
  });
});

describe('XEP-0048 bookmarks in private storage', () => {
  it('parses conferences and keeps everything else', () => {
    const parsed = parseLegacyBookmarks(
      stanza(`<iq type="result" id="p"><query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks">
        <conference name="Council of Oberon" autojoin="true" jid="council@conference.underhill.org"><nick>Puck</nick><password>titania</password></conference>
        <url name="Complete Works" url="http://the-tech.mit.edu/Shakespeare/"/>
        <conference jid="bad"/>
      </storage></query></iq>`),
      ctx,
    );
    expect(parsed?.bookmarks).toEqual([{ jid: 'council@conference.underhill.org', name: 'Council of Oberon', nick: 'Puck', password: 'titania', autojoin: true }]);
    expect(parsed?.others.map((o) => o.name)).toEqual(['url']);
  });

  it('treats an empty answer as no bookmarks and refuses others’ answers', () => {
    expect(parseLegacyBookmarks(stanza('<iq type="result" id="p"><query xmlns="jabber:iq:private"/></iq>'), ctx)).toEqual({ bookmarks: [], others: [] });
    expect(parseLegacyBookmarks(stanza('<iq type="result" id="p"/>'), ctx)).toEqual({ bookmarks: [], others: [] });
    expect(parseLegacyBookmarks(stanza('<iq type="result" id="p" from="romeo@montague.lit"/>'), ctx)).toBeNull();
    expect(parseLegacyBookmarks(stanza('<iq type="error" id="p"/>'), ctx)).toBeNull();
  });
});
