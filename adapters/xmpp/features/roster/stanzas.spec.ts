import { stanza } from '../../spec-helpers';
import { rosterGet, rosterRemove, rosterSet, subscriptionPresence } from './stanzas';

describe('roster builders', () => {
  it('builds a roster get', () => {
    expect(rosterGet('r1').toString()).toBe('<iq type="get" id="r1"><query xmlns="jabber:iq:roster"/></iq>');
  });

  it('builds a roster set with name and unique, non-empty groups', () => {
    expect(rosterSet('s1', 'romeo@montague.lit', 'Romeo', ['Friends', ' Friends ', '', 'Lovers']).toString()).toBe(
      '<iq type="set" id="s1"><query xmlns="jabber:iq:roster"><item jid="romeo@montague.lit" name="Romeo"><group>Friends</group><group>Lovers</group></item></query></iq>',
    );
  });

  it('omits an empty name', () => {
    expect(rosterSet('s1', 'romeo@montague.lit', '  ').toString()).toBe(
      '<iq type="set" id="s1"><query xmlns="jabber:iq:roster"><item jid="romeo@montague.lit"/></query></iq>',
    );
  });

  it('escapes user strings and strips characters XML cannot carry', () => {
    const el = rosterSet('s1', 'romeo@montague.lit', '"/><evil a="\u0001', ['<g>&\u0000']);
    const out = el.toString();
    expect(out).not.toContain('<evil');
    expect(out).not.toContain('\u0001');
    const back = stanza(out);
    const item = back.getChild('query')!.getChild('item')!;
    expect(item.attrs.name).toBe('"/><evil a="');
    expect(item.getChildText('group')).toBe('<g>&');
  });

  it('builds a roster removal', () => {
    expect(rosterRemove('d1', 'romeo@montague.lit').toString()).toBe(
      '<iq type="set" id="d1"><query xmlns="jabber:iq:roster"><item jid="romeo@montague.lit" subscription="remove"/></query></iq>',
    );
  });

  it.each(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed'] as const)('builds presence type=%s', (type) => {
    expect(subscriptionPresence(type, 'romeo@montague.lit').toString()).toBe(`<presence type="${type}" to="romeo@montague.lit"/>`);
  });

  it('adds a nickname to subscribe only', () => {
    expect(subscriptionPresence('subscribe', 'r@m.lit', 'Jules & co').toString()).toBe(
      '<presence type="subscribe" to="r@m.lit"><nick xmlns="http://jabber.org/protocol/nick">Jules &amp; co</nick></presence>',
    );
    expect(subscriptionPresence('subscribed', 'r@m.lit', 'Jules').toString()).toBe('<presence type="subscribed" to="r@m.lit"/>');
  });
});
