import { ctx, stanza } from '../../spec-helpers';
import { parseRosterItem, parseRosterPush, parseRosterResult } from './parser';

describe('parseRosterResult', () => {
  const result = (attrs: string, items: string) =>
    stanza(`<iq type="result" id="r1" ${attrs}><query xmlns="jabber:iq:roster" ver="v1">${items}</query></iq>`);

  it('parses items with name, groups, subscription and pending state', () => {
    const contacts = parseRosterResult(
      result(
        '',
        `<item jid="romeo@montague.lit" name="Romeo" subscription="both"><group>Friends</group><group>Lovers</group></item>
         <item jid="nurse@capulet.lit" subscription="none" ask="subscribe"/>
         <item jid="benvolio@montague.lit" subscription="from"/>
         <item jid="mercutio@verona.lit" subscription="to"><group>Friends</group><group>Friends</group></item>`,
      ),
      ctx,
    );
    expect(contacts).toEqual([
      { jid: 'romeo@montague.lit', name: 'Romeo', groups: ['Friends', 'Lovers'], subscription: 'both', pendingOut: false },
      { jid: 'nurse@capulet.lit', groups: [], subscription: 'none', pendingOut: true },
      { jid: 'benvolio@montague.lit', groups: [], subscription: 'from', pendingOut: false },
      { jid: 'mercutio@verona.lit', groups: ['Friends'], subscription: 'to', pendingOut: false },
    ]);
  });

  it('defaults a missing subscription to none and normalizes the JID', () => {
    expect(parseRosterResult(result('', '<item jid="Romeo@Montague.LIT"/>'), ctx)).toEqual([
      { jid: 'romeo@montague.lit', groups: [], subscription: 'none', pendingOut: false },
    ]);
  });

  it('accepts a result from the own bare JID', () => {
    expect(parseRosterResult(result('from="juliet@capulet.lit"', '<item jid="romeo@montague.lit"/>'), ctx)).toHaveLength(1);
  });

  it('accepts an empty roster and a versioned empty result', () => {
    expect(parseRosterResult(result('', ''), ctx)).toEqual([]);
    expect(parseRosterResult(stanza('<iq type="result" id="r1"/>'), ctx)).toEqual([]);
  });

  it('skips invalid items but keeps the valid ones', () => {
    const contacts = parseRosterResult(
      result(
        '',
        `<item name="no jid"/>
         <item jid="not a jid"/>
         <item jid="romeo@montague.lit/balcony"/>
         <item jid="x@y.lit" subscription="remove"/>
         <item jid="z@y.lit" subscription="weird"/>
         <foo jid="foo@y.lit"/>
         <item jid="ok@y.lit"/>`,
      ),
      ctx,
    );
    expect(contacts?.map((c) => c.jid)).toEqual(['ok@y.lit']);
  });

  it('keeps one entry per JID (the last one)', () => {
    const contacts = parseRosterResult(result('', '<item jid="a@b.lit" name="1"/><item jid="A@b.lit" name="2"/>'), ctx);
    expect(contacts).toEqual([{ jid: 'a@b.lit', name: '2', groups: [], subscription: 'none', pendingOut: false }]);
  });

  it('rejects a result from someone else (spoofed)', () => {
    expect(parseRosterResult(result('from="romeo@montague.lit"', '<item jid="evil@x.lit"/>'), ctx)).toBeNull();
    expect(parseRosterResult(result('from="juliet@capulet.lit/other"', '<item jid="evil@x.lit"/>'), ctx)).toBeNull();
    expect(parseRosterResult(result('from="capulet.lit"', '<item jid="evil@x.lit"/>'), ctx)).toBeNull();
  });

  it('rejects other IQ types and foreign payloads', () => {
    expect(parseRosterResult(stanza('<iq type="error" id="r1"><query xmlns="jabber:iq:roster"/></iq>'), ctx)).toBeNull();
    expect(parseRosterResult(stanza('<iq type="result" id="r1"><query xmlns="jabber:iq:private"/></iq>'), ctx)).toBeNull();
    expect(parseRosterResult(stanza('<message><query xmlns="jabber:iq:roster"/></message>'), ctx)).toBeNull();
  });
});

describe('parseRosterPush', () => {
  const push = (attrs: string, item: string) => stanza(`<iq type="set" id="push1" ${attrs}><query xmlns="jabber:iq:roster">${item}</query></iq>`);

  it('accepts a push without from', () => {
    expect(parseRosterPush(push('', '<item jid="romeo@montague.lit" subscription="to" name="Romeo"/>'), ctx)).toEqual({
      contact: { jid: 'romeo@montague.lit', name: 'Romeo', groups: [], subscription: 'to', pendingOut: false },
      removed: false,
    });
  });

  it('accepts a push from the own bare JID (case-insensitively)', () => {
    expect(parseRosterPush(push('from="Juliet@Capulet.lit"', '<item jid="romeo@montague.lit"/>'), ctx)).not.toBeNull();
  });

  it('parses a removal', () => {
    expect(parseRosterPush(push('', '<item jid="romeo@montague.lit" subscription="remove"/>'), ctx)).toEqual({
      contact: { jid: 'romeo@montague.lit', groups: [], subscription: 'none', pendingOut: false },
      removed: true,
    });
  });

  it('parses a pending outgoing subscription (ask="subscribe")', () => {
    expect(parseRosterPush(push('', '<item jid="romeo@montague.lit" subscription="none" ask="subscribe"/>'), ctx)?.contact.pendingOut).toBe(true);
  });

  it.each([
    ['a contact', 'from="romeo@montague.lit"'],
    ['a contact resource', 'from="romeo@montague.lit/orchard"'],
    ['our own full JID', 'from="juliet@capulet.lit/balcony"'],
    ['the server domain', 'from="capulet.lit"'],
    ['another server', 'from="evil.lit"'],
    ['an unparsable JID', 'from="@@@"'],
  ])('drops a spoofed push from %s', (_label, attrs) => {
    expect(parseRosterPush(push(attrs, '<item jid="mallory@evil.lit" subscription="both"/>'), ctx)).toBeNull();
  });

  it('drops pushes with zero or several items', () => {
    expect(parseRosterPush(push('', ''), ctx)).toBeNull();
    expect(parseRosterPush(push('', '<item jid="a@b.lit"/><item jid="c@d.lit"/>'), ctx)).toBeNull();
  });

  it('drops malformed pushes', () => {
    expect(parseRosterPush(push('', '<item/>'), ctx)).toBeNull();
    expect(parseRosterPush(push('', '<item jid="a@b.lit" subscription="sometimes"/>'), ctx)).toBeNull();
    expect(parseRosterPush(stanza('<iq type="set"><query xmlns="jabber:iq:roster"><item jid="a@b.lit"/></query></iq>'), ctx)).toBeNull(); // no id
    expect(parseRosterPush(stanza('<iq type="get" id="g"><query xmlns="jabber:iq:roster"><item jid="a@b.lit"/></query></iq>'), ctx)).toBeNull();
    expect(parseRosterPush(stanza('<iq type="set" id="s"><query xmlns="jabber:iq:other"><item jid="a@b.lit"/></query></iq>'), ctx)).toBeNull();
  });
});

describe('parseRosterItem', () => {
  it('refuses subscription="remove" outside pushes', () => {
    const item = stanza('<item xmlns="jabber:iq:roster" jid="a@b.lit" subscription="remove"/>');
    expect(parseRosterItem(item)).toBeNull();
    expect(parseRosterItem(item, true)?.removed).toBe(true);
  });

  it('ignores empty group names', () => {
    const item = stanza('<item xmlns="jabber:iq:roster" jid="a@b.lit"><group></group><group>G</group></item>');
    expect(parseRosterItem(item)?.contact.groups).toEqual(['G']);
  });

  it('keeps names as text, markup included', () => {
    const item = stanza('<item xmlns="jabber:iq:roster" jid="a@b.lit" name="&lt;b&gt;x&lt;/b&gt;"/>');
    expect(parseRosterItem(item)?.contact.name).toBe('<b>x</b>');
  });
});
