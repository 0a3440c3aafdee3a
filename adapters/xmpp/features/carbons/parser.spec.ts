import { ctx, stanza } from '../../spec-helpers';
import { isCarbon, parseCarbon } from './parser';

const wrap = (outerAttrs: string, kind: 'received' | 'sent', inner: string, forwardedExtra = '') =>
  stanza(`<message ${outerAttrs} to="juliet@capulet.lit/balcony">
    <${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${forwardedExtra}${inner}</forwarded></${kind}>
  </message>`);

const RECEIVED_INNER = '<message xmlns="jabber:client" type="chat" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/phone" id="x"><body>hi</body></message>';
const SENT_INNER = '<message xmlns="jabber:client" type="chat" from="juliet@capulet.lit/phone" to="romeo@montague.lit/orchard" id="y"><body>yo</body></message>';

describe('parseCarbon', () => {
  it('unwraps a received carbon from the own bare JID', () => {
    const c = parseCarbon(wrap('from="juliet@capulet.lit"', 'received', RECEIVED_INNER), ctx);
    expect(c?.kind).toBe('received');
    expect(c?.message.attrs.id).toBe('x');
    expect(c?.forwardedStamp).toBeUndefined();
  });

  it('unwraps a sent carbon', () => {
    const c = parseCarbon(wrap('from="juliet@capulet.lit"', 'sent', SENT_INNER), ctx);
    expect(c?.kind).toBe('sent');
    expect(c?.message.attrs.id).toBe('y');
  });

  it('reads a delay on the forwarded wrapper', () => {
    const c = parseCarbon(wrap('from="juliet@capulet.lit"', 'received', RECEIVED_INNER, '<delay xmlns="urn:xmpp:delay" stamp="2020-01-01T00:00:00Z"/>'), ctx);
    expect(c?.forwardedStamp).toBe(Date.UTC(2020, 0, 1));
  });

  it('compares the outer from after normalization', () => {
    expect(parseCarbon(wrap('from="Juliet@CAPULET.lit"', 'received', RECEIVED_INNER), ctx)).not.toBeNull();
  });

  it.each([
    ['a contact', 'from="romeo@montague.lit"'],
    ['a contact resource', 'from="romeo@montague.lit/orchard"'],
    ['our own full JID (another resource)', 'from="juliet@capulet.lit/phone"'],
    ['our server domain', 'from="capulet.lit"'],
    ['nobody (no from)', ''],
    ['an unparsable JID', 'from="juliet@@capulet.lit"'],
  ])('refuses a carbon forged by %s', (_label, attrs) => {
    expect(parseCarbon(wrap(attrs, 'sent', SENT_INNER), ctx)).toBeNull();
    expect(parseCarbon(wrap(attrs, 'received', RECEIVED_INNER), ctx)).toBeNull();
  });

  it('refuses carbons of groupchat messages', () => {
    const inner = '<message xmlns="jabber:client" type="groupchat" from="room@conf.lit/nick" to="juliet@capulet.lit/phone"><body>x</body></message>';
    expect(parseCarbon(wrap('from="juliet@capulet.lit"', 'received', inner), ctx)).toBeNull();
  });

  it('refuses malformed carbons', () => {
    const own = 'from="juliet@capulet.lit"';
    expect(parseCarbon(stanza(`<message ${own}><received xmlns="urn:xmpp:carbons:2"/></message>`), ctx)).toBeNull(); // no forwarded
    expect(parseCarbon(stanza(`<message ${own}><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"/></received></message>`), ctx)).toBeNull();
    expect(
      parseCarbon(stanza(`<message ${own}><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:other">${RECEIVED_INNER}</forwarded></received></message>`), ctx),
    ).toBeNull();
    expect(
      parseCarbon(
        stanza(`<message ${own}><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><iq xmlns="jabber:client" type="get"/></forwarded></received></message>`),
        ctx,
      ),
    ).toBeNull();
    // both received and sent
    expect(
      parseCarbon(
        stanza(`<message ${own}>
          <received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${RECEIVED_INNER}</forwarded></received>
          <sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${SENT_INNER}</forwarded></sent></message>`),
        ctx,
      ),
    ).toBeNull();
    // old carbons namespace
    expect(
      parseCarbon(stanza(`<message ${own}><received xmlns="urn:xmpp:carbons:1"><forwarded xmlns="urn:xmpp:forward:0">${RECEIVED_INNER}</forwarded></received></message>`), ctx),
    ).toBeNull();
    expect(parseCarbon(stanza(`<presence ${own}/>`), ctx)).toBeNull();
  });
});

describe('isCarbon', () => {
  it('detects carbon wrappers, valid or not', () => {
    expect(isCarbon(wrap('from="romeo@montague.lit"', 'sent', SENT_INNER))).toBe(true);
    expect(isCarbon(stanza('<message from="r@m.lit"><body>x</body></message>'))).toBe(false);
  });
});
