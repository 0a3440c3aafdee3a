import { NOW, OWN, ctx, stanza } from '../../spec-helpers';
import { bodyText, chatStateOf, forwardedMessage, parseChatMessage, parseMessageError, replacedIdOf, withoutFallback } from './parser';

const live = { mode: 'live' as const };

describe('parseChatMessage (live)', () => {
  it('parses a chat message with origin-id, own stanza-id and receipt request', () => {
    const parsed = parseChatMessage(
      stanza(`<message type="chat" id="m1" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony">
        <body>Art thou not Romeo?</body>
        <origin-id xmlns="urn:xmpp:sid:0" id="o1"/>
        <stanza-id xmlns="urn:xmpp:sid:0" id="s1" by="juliet@capulet.lit"/>
        <request xmlns="urn:xmpp:receipts"/>
        <active xmlns="http://jabber.org/protocol/chatstates"/>
      </message>`),
      ctx,
      live,
    );
    expect(parsed).toEqual({
      peer: 'romeo@montague.lit',
      direction: 'in',
      fromFull: 'romeo@montague.lit/orchard',
      stanzaIdAttr: 'm1',
      chatState: 'active',
      receiptRequested: true,
      message: {
        id: 's1',
        conversation: 'romeo@montague.lit',
        from: 'romeo@montague.lit',
        direction: 'in',
        body: 'Art thou not Romeo?',
        timestamp: NOW,
        status: 'received',
        originId: 'o1',
        stanzaId: 's1',
        receiptRequested: true,
        idAttribute: 'm1',
      },
    });
  });

  it('accepts type=normal (and a missing type) with a body', () => {
    expect(parseChatMessage(stanza('<message type="normal" from="r@m.lit/o"><body>hi</body></message>'), ctx, live)?.message?.body).toBe('hi');
    expect(parseChatMessage(stanza('<message from="r@m.lit/o"><body>hi</body></message>'), ctx, live)?.message?.body).toBe('hi');
  });

  it('ignores groupchat, headline and error messages', () => {
    for (const type of ['groupchat', 'headline', 'error', 'weird']) {
      expect(parseChatMessage(stanza(`<message type="${type}" from="r@m.lit/o"><body>hi</body></message>`), ctx, live)).toBeNull();
    }
  });

  it('trusts a stanza-id only when our own archive (by = own bare JID) added it', () => {
    const msg = (by: string) =>
      parseChatMessage(
        stanza(`<message type="chat" id="m1" from="r@m.lit/o"><body>x</body><stanza-id xmlns="urn:xmpp:sid:0" id="forged" by="${by}"/></message>`),
        ctx,
        live,
      )?.message;
    expect(msg('r@m.lit')?.stanzaId).toBeUndefined();
    expect(msg('capulet.lit')?.stanzaId).toBeUndefined();
    expect(msg('juliet@capulet.lit/balcony')?.stanzaId).toBeUndefined();
    expect(msg('juliet@capulet.lit')?.stanzaId).toBe('forged');
    expect(msg('Juliet@Capulet.LIT')?.stanzaId).toBe('forged');
  });

  it('picks our stanza-id among several', () => {
    const m = parseChatMessage(
      stanza(`<message type="chat" from="r@m.lit/o"><body>x</body>
        <stanza-id xmlns="urn:xmpp:sid:0" id="theirs" by="r@m.lit"/>
        <stanza-id xmlns="urn:xmpp:sid:0" id="ours" by="juliet@capulet.lit"/></message>`),
      ctx,
      live,
    )?.message;
    expect(m?.stanzaId).toBe('ours');
    expect(m?.id).toBe('ours');
  });

  it('ignores a stanza-id in another namespace', () => {
    const m = parseChatMessage(
      stanza('<message type="chat" id="m" from="r@m.lit/o"><body>x</body><stanza-id xmlns="urn:xmpp:sid:1" id="s" by="juliet@capulet.lit"/></message>'),
      ctx,
      live,
    )?.message;
    expect(m?.stanzaId).toBeUndefined();
    expect(m?.id).toBe('m');
  });

  it('uses the origin-id as id for incoming messages without our stanza-id, then the stanza id, then the fallback', () => {
    const id = (xml: string) => parseChatMessage(stanza(xml), ctx, { mode: 'live', fallbackId: () => 'fb' })?.message?.id;
    expect(id('<message type="chat" id="m" from="r@m.lit/o"><body>x</body><origin-id xmlns="urn:xmpp:sid:0" id="o"/></message>')).toBe('o');
    expect(id('<message type="chat" id="m" from="r@m.lit/o"><body>x</body></message>')).toBe('m');
    expect(id('<message type="chat" from="r@m.lit/o"><body>x</body></message>')).toBe('fb');
    // Making a fallback id costs; it is made only for a message without any id.
    const fallbackId = jest.fn(() => 'fb');
    parseChatMessage(stanza('<message type="chat" id="m" from="r@m.lit/o"><body>x</body></message>'), ctx, { mode: 'live', fallbackId });
    expect(fallbackId).not.toHaveBeenCalled();
  });

  it('ignores an origin-id without id and absurdly long ids', () => {
    const m = parseChatMessage(
      stanza(`<message type="chat" id="${'i'.repeat(600)}" from="r@m.lit/o"><body>x</body><origin-id xmlns="urn:xmpp:sid:0"/></message>`),
      ctx,
      { mode: 'live', fallbackId: () => 'fb' },
    )?.message;
    expect(m?.originId).toBeUndefined();
    expect(m?.id).toBe('fb');
  });

  it('takes the timestamp from an XEP-0203 delay', () => {
    const m = parseChatMessage(
      stanza('<message type="chat" from="r@m.lit/o"><body>x</body><delay xmlns="urn:xmpp:delay" from="capulet.lit" stamp="2002-09-10T23:08:25Z"/></message>'),
      ctx,
      live,
    )?.message;
    expect(m?.timestamp).toBe(Date.UTC(2002, 8, 10, 23, 8, 25));
  });

  it('accepts fractional seconds and offsets in the delay stamp', () => {
    const m = parseChatMessage(
      stanza('<message type="chat" from="r@m.lit/o"><body>x</body><delay xmlns="urn:xmpp:delay" stamp="2002-09-10T23:08:25.250+02:00"/></message>'),
      ctx,
      live,
    )?.message;
    expect(m?.timestamp).toBe(Date.UTC(2002, 8, 10, 21, 8, 25, 250));
  });

  it('falls back to arrival time for malformed or future stamps and foreign delay namespaces', () => {
    for (const delay of [
      '<delay xmlns="urn:xmpp:delay" stamp="yesterday"/>',
      '<delay xmlns="urn:xmpp:delay"/>',
      '<delay xmlns="urn:xmpp:delay" stamp="2999-01-01T00:00:00Z"/>',
      '<delay xmlns="jabber:x:delay" stamp="2002-09-10T23:08:25Z"/>',
    ]) {
      const m = parseChatMessage(stanza(`<message type="chat" from="r@m.lit/o"><body>x</body>${delay}</message>`), ctx, live)?.message;
      expect(m?.timestamp).toBe(NOW);
    }
  });

  it('reports a chat state without a body (no message)', () => {
    const parsed = parseChatMessage(stanza('<message type="chat" from="r@m.lit/o"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>'), ctx, live);
    expect(parsed).toEqual({ peer: 'r@m.lit', direction: 'in', fromFull: 'r@m.lit/o', chatState: 'composing', receiptRequested: false });
  });

  it.each(['active', 'composing', 'paused', 'inactive', 'gone'])('recognizes chat state %s', (state) => {
    expect(chatStateOf(stanza(`<message><${state} xmlns="http://jabber.org/protocol/chatstates"/></message>`))).toBe(state);
  });

  it('ignores unknown chat states and chat state names in other namespaces', () => {
    expect(chatStateOf(stanza('<message><dancing xmlns="http://jabber.org/protocol/chatstates"/></message>'))).toBeUndefined();
    expect(chatStateOf(stanza('<message><composing xmlns="urn:example"/></message>'))).toBeUndefined();
  });

  it('reports a receipt', () => {
    const parsed = parseChatMessage(stanza('<message from="r@m.lit/o" id="ack1"><received xmlns="urn:xmpp:receipts" id="m42"/></message>'), ctx, live);
    expect(parsed?.receiptFor).toBe('m42');
    expect(parsed?.message).toBeUndefined();
  });

  it('ignores a receipt without id', () => {
    expect(parseChatMessage(stanza('<message from="r@m.lit/o"><received xmlns="urn:xmpp:receipts"/></message>'), ctx, live)).toBeNull();
  });

  it('does not offer to acknowledge a request without id or without body', () => {
    expect(parseChatMessage(stanza('<message type="chat" from="r@m.lit/o"><body>x</body><request xmlns="urn:xmpp:receipts"/></message>'), ctx, live)?.receiptRequested).toBe(false);
    expect(
      parseChatMessage(
        stanza('<message type="chat" id="m" from="r@m.lit/o"><request xmlns="urn:xmpp:receipts"/><composing xmlns="http://jabber.org/protocol/chatstates"/></message>'),
        ctx,
        live,
      )?.receiptRequested,
    ).toBe(false);
  });

  it('returns null when there is nothing to show', () => {
    expect(parseChatMessage(stanza('<message type="chat" from="r@m.lit/o"/>'), ctx, live)).toBeNull();
    expect(parseChatMessage(stanza('<message type="chat" from="r@m.lit/o"><body></body></message>'), ctx, live)).toBeNull();
    expect(parseChatMessage(stanza('<message type="chat" from="r@m.lit/o"><subject>s</subject></message>'), ctx, live)).toBeNull();
  });

  it('returns null without a valid from, or with an invalid to', () => {
    expect(parseChatMessage(stanza('<message type="chat"><body>x</body></message>'), ctx, live)).toBeNull();
    expect(parseChatMessage(stanza('<message type="chat" from="bad jid"><body>x</body></message>'), ctx, live)).toBeNull();
    expect(parseChatMessage(stanza('<message type="chat" from="r@m.lit/o" to="@"><body>x</body></message>'), ctx, live)).toBeNull();
  });

  it('keeps the body as text, markup and entities included', () => {
    const m = parseChatMessage(stanza('<message type="chat" from="r@m.lit/o"><body>&lt;img src=x onerror=alert(1)&gt; &amp; co</body></message>'), ctx, live)?.message;
    expect(m?.body).toBe('<img src=x onerror=alert(1)> & co');
  });

  it('prefers the body without xml:lang', () => {
    expect(bodyText(stanza('<message><body xml:lang="de">Hallo</body><body>Hello</body></message>'))).toBe('Hello');
    expect(bodyText(stanza('<message><body xml:lang="de">Hallo</body></message>'))).toBe('Hallo');
  });

  it('returns null for a non-message element', () => {
    expect(parseChatMessage(stanza('<presence from="r@m.lit/o"><body>x</body></presence>'), ctx, live)).toBeNull();
  });
});

describe('parseChatMessage (carbons and archive modes)', () => {
  it('carbon-received: incoming from the peer, inner to must be us', () => {
    const inner = (to: string) => stanza(`<message xmlns="jabber:client" type="chat" from="r@m.lit/o" to="${to}" id="x"><body>hi</body></message>`);
    const ok = parseChatMessage(inner('juliet@capulet.lit/phone'), ctx, { mode: 'carbon-received' });
    expect(ok?.direction).toBe('in');
    expect(ok?.peer).toBe('r@m.lit');
    expect(ok?.message?.status).toBe('received');
    expect(parseChatMessage(inner('someone@else.lit'), ctx, { mode: 'carbon-received' })).toBeNull();
  });

  it('carbon-sent: outgoing to the inner to, status sent, author us', () => {
    const parsed = parseChatMessage(
      stanza(`<message xmlns="jabber:client" type="chat" from="juliet@capulet.lit/phone" to="romeo@montague.lit/orchard" id="x">
        <body>Wherefore?</body><origin-id xmlns="urn:xmpp:sid:0" id="o9"/></message>`),
      ctx,
      { mode: 'carbon-sent' },
    );
    expect(parsed?.message).toEqual({
      id: 'o9',
      conversation: 'romeo@montague.lit',
      from: 'juliet@capulet.lit',
      direction: 'out',
      body: 'Wherefore?',
      timestamp: NOW,
      status: 'sent',
      originId: 'o9',
      idAttribute: 'x',
    });
  });

  it('carbon-sent: refuses an inner from that is not us, and a missing to', () => {
    expect(
      parseChatMessage(stanza('<message type="chat" from="mallory@evil.lit/x" to="romeo@montague.lit"><body>x</body></message>'), ctx, { mode: 'carbon-sent' }),
    ).toBeNull();
    expect(parseChatMessage(stanza('<message type="chat" from="juliet@capulet.lit/phone"><body>x</body></message>'), ctx, { mode: 'carbon-sent' })).toBeNull();
  });

  it('carbon-sent: a chat state of ours is outgoing (the adapter does not report it)', () => {
    const parsed = parseChatMessage(
      stanza('<message type="chat" from="juliet@capulet.lit/phone" to="r@m.lit"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>'),
      ctx,
      { mode: 'carbon-sent' },
    );
    expect(parsed?.direction).toBe('out');
  });

  it('uses the forwarded stamp when given', () => {
    const m = parseChatMessage(stanza('<message type="chat" from="r@m.lit/o" to="juliet@capulet.lit"><body>x</body></message>'), ctx, {
      mode: 'carbon-received',
      forwardedStamp: 1000,
    })?.message;
    expect(m?.timestamp).toBe(1000);
  });

  it('archive: our own message is outgoing to the peer and keeps the archive id', () => {
    const m = parseChatMessage(
      stanza(`<message xmlns="jabber:client" type="chat" from="juliet@capulet.lit/balcony" to="romeo@montague.lit" id="x">
        <body>old</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/><request xmlns="urn:xmpp:receipts"/></message>`),
      ctx,
      { mode: 'archive', archiveId: 'A1', forwardedStamp: 5000 },
    )?.message;
    expect(m).toEqual({
      id: 'o1',
      conversation: 'romeo@montague.lit',
      from: 'juliet@capulet.lit',
      direction: 'out',
      body: 'old',
      timestamp: 5000,
      status: 'sent',
      originId: 'o1',
      stanzaId: 'A1',
      idAttribute: 'x',
    });
  });

  it('archive: an incoming message is identified by the archive id and never asks for a receipt', () => {
    const parsed = parseChatMessage(
      stanza(`<message type="chat" from="romeo@montague.lit/orchard" to="juliet@capulet.lit" id="x">
        <body>old</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/><request xmlns="urn:xmpp:receipts"/>
        <stanza-id xmlns="urn:xmpp:sid:0" id="inner" by="juliet@capulet.lit"/></message>`),
      ctx,
      { mode: 'archive', archiveId: 'A2' },
    );
    expect(parsed?.message?.id).toBe('A2');
    expect(parsed?.message?.stanzaId).toBe('A2');
    expect(parsed?.message?.direction).toBe('in');
    expect(parsed?.receiptRequested).toBe(false);
    expect(parsed?.message?.receiptRequested).toBeUndefined();
  });

  it('archive: refuses messages that involve neither side as expected', () => {
    expect(
      parseChatMessage(stanza('<message type="chat" from="a@b.lit/x" to="c@d.lit"><body>x</body></message>'), ctx, { mode: 'archive', archiveId: 'A' }),
    ).toBeNull();
    expect(parseChatMessage(stanza('<message type="chat" from="juliet@capulet.lit/x"><body>x</body></message>'), ctx, { mode: 'archive', archiveId: 'A' })).toBeNull();
  });
});

describe('parseMessageError', () => {
  it('parses condition and text', () => {
    expect(
      parseMessageError(
        stanza(`<message type="error" id="m1" from="romeo@montague.lit">
          <error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>
          <text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Gone</text></error></message>`),
      ),
    ).toEqual({ id: 'm1', from: 'romeo@montague.lit', condition: 'service-unavailable', text: 'Gone' });
  });

  it('finds the condition after the text and without from', () => {
    expect(
      parseMessageError(
        stanza(`<message type="error" id="m1"><error type="cancel"><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">t</text>
          <remote-server-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`),
      ),
    ).toEqual({ id: 'm1', condition: 'remote-server-not-found', text: 't' });
  });

  it('uses undefined-condition when there is none', () => {
    expect(parseMessageError(stanza('<message type="error" id="m1" from="r@m.lit"/>'))?.condition).toBe('undefined-condition');
    expect(parseMessageError(stanza('<message type="error" id="m1" from="r@m.lit"><error><foo xmlns="urn:x"/></error></message>'))?.condition).toBe('undefined-condition');
  });

  it('returns null without id, with a bad from, or for non-errors', () => {
    expect(parseMessageError(stanza('<message type="error" from="r@m.lit"><error/></message>'))).toBeNull();
    expect(parseMessageError(stanza('<message type="error" id="m" from="bad jid"><error/></message>'))).toBeNull();
    expect(parseMessageError(stanza('<message type="chat" id="m" from="r@m.lit"><error/></message>'))).toBeNull();
  });
});

describe('forwardedMessage', () => {
  it('accepts a jabber:client message and an unqualified one, nothing else', () => {
    const fw = (inner: string) => stanza(`<forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded>`);
    expect(forwardedMessage(fw('<message xmlns="jabber:client" id="a"/>'))?.attrs.id).toBe('a');
    expect(forwardedMessage(fw('<message id="b"/>'))?.attrs.id).toBe('b');
    expect(forwardedMessage(fw('<message xmlns="urn:evil" id="c"/>'))).toBeUndefined();
    expect(forwardedMessage(fw('<iq xmlns="jabber:client"/>'))).toBeUndefined();
  });
});

describe('parseChatMessage (private messages in a room)', () => {
  const ROOM = 'coven@chat.shakespeare.lit';
  const pm = { privateOccupant: true };

  it('keeps the occupant JID as conversation and author, with the nick', () => {
    const parsed = parseChatMessage(
      stanza(`<message type="chat" id="p1" from="${ROOM}/firstwitch" to="juliet@capulet.lit/balcony"><body>psst</body><x xmlns="http://jabber.org/protocol/muc#user"/></message>`),
      ctx,
      { mode: 'live', ...pm },
    );
    expect(parsed?.peer).toBe(`${ROOM}/firstwitch`);
    expect(parsed?.message).toMatchObject({ conversation: `${ROOM}/firstwitch`, from: `${ROOM}/firstwitch`, nick: 'firstwitch', direction: 'in' });
  });

  it('needs a nick: a room JID without one is no occupant', () => {
    expect(parseChatMessage(stanza(`<message type="chat" from="${ROOM}"><body>x</body></message>`), ctx, { mode: 'live', ...pm })).toBeNull();
  });

  it('sent carbons and archived own messages go to the occupant JID', () => {
    const sent = parseChatMessage(
      stanza(`<message type="chat" id="p2" from="juliet@capulet.lit/phone" to="${ROOM}/firstwitch"><body>mine</body><origin-id xmlns="urn:xmpp:sid:0" id="o2"/></message>`),
      ctx,
      { mode: 'carbon-sent', ...pm },
    );
    expect(sent?.message).toMatchObject({ conversation: `${ROOM}/firstwitch`, from: 'juliet@capulet.lit', direction: 'out', nick: 'firstwitch', id: 'o2' });
    const archived = parseChatMessage(
      stanza(`<message xmlns="jabber:client" type="chat" from="juliet@capulet.lit/phone" to="${ROOM}/firstwitch"><body>mine</body></message>`),
      ctx,
      { mode: 'archive', archiveId: 'a1', ...pm },
    );
    expect(archived?.message).toMatchObject({ conversation: `${ROOM}/firstwitch`, direction: 'out', id: 'a1' });
  });

  it('without the option, the conversation is the bare JID as before', () => {
    const parsed = parseChatMessage(stanza(`<message type="chat" from="${ROOM}/firstwitch"><body>x</body></message>`), ctx, { mode: 'live' });
    expect(parsed?.peer).toBe(ROOM);
    expect(parsed?.message?.nick).toBeUndefined();
  });
});

describe('XEP-0308 corrections', () => {
  const REPLACE = 'urn:xmpp:message-correct:0';

  it('reads the id a live correction replaces, and keeps the stanza id attribute it may be known by', () => {
    const m = parseChatMessage(
      stanza(`<message type="chat" id="good1" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony">
        <body>But soft, what light through yonder window breaks?</body>
        <replace id="bad1" xmlns="${REPLACE}"/>
        <stanza-id xmlns="urn:xmpp:sid:0" id="s2" by="juliet@capulet.lit"/></message>`),
      ctx,
      live,
    )?.message;
    expect(m).toMatchObject({ id: 's2', replaces: 'bad1', idAttribute: 'good1', direction: 'in', from: 'romeo@montague.lit' });
  });

  it('reads corrections in sent and received carbons and in archive results', () => {
    const inner = (from: string, to: string) =>
      stanza(`<message xmlns="jabber:client" type="chat" from="${from}" to="${to}" id="c2">
        <body>fixed</body><origin-id xmlns="urn:xmpp:sid:0" id="c2"/><replace xmlns="${REPLACE}" id="c1"/></message>`);
    const sent = parseChatMessage(inner('juliet@capulet.lit/phone', 'romeo@montague.lit'), ctx, { mode: 'carbon-sent' })?.message;
    expect(sent).toMatchObject({ id: 'c2', direction: 'out', from: OWN, replaces: 'c1' });
    // The id attribute is the origin-id here: nothing more to keep.
    expect(sent?.idAttribute).toBeUndefined();
    const received = parseChatMessage(inner('romeo@montague.lit/orchard', 'juliet@capulet.lit/phone'), ctx, { mode: 'carbon-received' })?.message;
    expect(received).toMatchObject({ direction: 'in', from: 'romeo@montague.lit', replaces: 'c1' });
    const archived = parseChatMessage(inner('romeo@montague.lit/orchard', 'juliet@capulet.lit'), ctx, { mode: 'archive', archiveId: 'A7' })?.message;
    expect(archived).toMatchObject({ id: 'A7', replaces: 'c1' });
  });

  it('ignores a replace without an id, with an empty or overlong one, or in another namespace', () => {
    const withReplace = (replace: string) => stanza(`<message type="chat" id="x" from="romeo@montague.lit/o"><body>b</body>${replace}</message>`);
    for (const replace of [`<replace xmlns="${REPLACE}"/>`, `<replace xmlns="${REPLACE}" id=""/>`, `<replace xmlns="${REPLACE}" id="${'i'.repeat(513)}"/>`, '<replace xmlns="urn:example" id="m1"/>']) {
      expect(parseChatMessage(withReplace(replace), ctx, live)?.message?.replaces).toBeUndefined();
      expect(replacedIdOf(withReplace(replace))).toBeUndefined();
    }
    expect(replacedIdOf(withReplace(`<replace xmlns="${REPLACE}" id="m1"/>`))).toBe('m1');
  });

  it('a plain message replaces nothing', () => {
    expect(parseChatMessage(stanza('<message type="chat" id="x" from="romeo@montague.lit/o"><body>b</body></message>'), ctx, live)?.message?.replaces).toBeUndefined();
  });
});

describe('spoilers (XEP-0382)', () => {
  const spoilerMessage = (spoiler: string) =>
    stanza(`<message type="chat" id="sp1" from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony"><body>Mercutio dies</body>${spoiler}</message>`);

  it('marks the body a spoiler, with its hint when there is one', () => {
    expect(parseChatMessage(spoilerMessage('<spoiler xmlns="urn:xmpp:spoiler:0">Act 3</spoiler>'), ctx, live)?.message).toMatchObject({ body: 'Mercutio dies', spoiler: { hint: 'Act 3' } });
    expect(parseChatMessage(spoilerMessage('<spoiler xmlns="urn:xmpp:spoiler:0"/>'), ctx, live)?.message?.spoiler).toEqual({});
    expect(parseChatMessage(spoilerMessage('<spoiler xmlns="urn:xmpp:spoiler:0">   </spoiler>'), ctx, live)?.message?.spoiler).toEqual({});
  });

  it('ignores a spoiler element in another namespace, and cuts a hostile hint to 200 characters', () => {
    expect(parseChatMessage(spoilerMessage('<spoiler xmlns="urn:xmpp:other">x</spoiler>'), ctx, live)?.message?.spoiler).toBeUndefined();
    const hint = '🙈'.repeat(50_000);
    const parsed = parseChatMessage(spoilerMessage(`<spoiler xmlns="urn:xmpp:spoiler:0">${hint}</spoiler>`), ctx, live);
    expect(Array.from(parsed!.message!.spoiler!.hint!)).toHaveLength(200);
  });
});

describe('retractions (XEP-0424)', () => {
  const from = 'from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony"';
  const parse = (inner: string) => parseChatMessage(stanza(`<message type="chat" id="r1" ${from}>${inner}</message>`), ctx, live)?.message;

  it('reads the id a retraction refers to, :1 and the older :0 in an XEP-0422 apply-to, with or without the fallback body', () => {
    expect(parse('<retract xmlns="urn:xmpp:message-retract:1" id="o1"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>fallback</body>')).toMatchObject({ retracts: 'o1', body: 'fallback' });
    expect(parse('<apply-to xmlns="urn:xmpp:fasten:0" id="o2"><retract xmlns="urn:xmpp:message-retract:0"/></apply-to><body>fallback</body>')).toMatchObject({ retracts: 'o2' });
    expect(parse('<retract xmlns="urn:xmpp:message-retract:1" id="o3"/>')).toMatchObject({ retracts: 'o3', body: '' });
  });

  it('ignores a retraction without a usable id, an apply-to of something else, and other namespaces', () => {
    expect(parse('<retract xmlns="urn:xmpp:message-retract:1"/>')).toBeUndefined();
    expect(parse(`<retract xmlns="urn:xmpp:message-retract:1" id="${'x'.repeat(5000)}"/><body>b</body>`)?.retracts).toBeUndefined();
    expect(parse('<apply-to xmlns="urn:xmpp:fasten:0" id="o4"><other xmlns="urn:x"/></apply-to><body>b</body>')?.retracts).toBeUndefined();
    expect(parse('<retract xmlns="urn:xmpp:other" id="o5"/><body>b</body>')?.retracts).toBeUndefined();
  });
});

describe('replies (XEP-0461) and their fallback (XEP-0428)', () => {
  const from = 'from="romeo@montague.lit/orchard" to="juliet@capulet.lit/balcony"';
  const parse = (inner: string) => parseChatMessage(stanza(`<message type="chat" id="r1" ${from}>${inner}</message>`), ctx, live)?.message;
  const fallback = (start: number, end: number) => `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="${start}" end="${end}"/></fallback>`;

  it('reads what a message replies to, and strips the quoted fallback from its body (code points, not UTF-16 units)', () => {
    const body = '> Juliet 🌹:\n> Wherefore?\nBecause.';
    const quoted = Array.from('> Juliet 🌹:\n> Wherefore?\n').length;
    expect(parse(`<reply xmlns="urn:xmpp:reply:0" to="juliet@capulet.lit/balcony" id="o1"/><body>${body}</body>${fallback(0, quoted)}`)).toMatchObject({
      body: 'Because.',
      replyTo: { id: 'o1', to: 'juliet@capulet.lit/balcony' },
    });
    expect(parse('<reply xmlns="urn:xmpp:reply:0" id="o2"/><body>plain reply</body>')).toMatchObject({ body: 'plain reply', replyTo: { id: 'o2' } });
  });

  it('keeps the body when the fallback is for something else, out of range or malformed; no reply without an id', () => {
    const reply = '<reply xmlns="urn:xmpp:reply:0" id="o3"/>';
    expect(parse(`${reply}<body>hello</body><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:other"><body start="0" end="2"/></fallback>`)?.body).toBe('hello');
    expect(parse(`${reply}<body>hello</body>${fallback(2, 99)}`)?.body).toBe('hello');
    expect(parse(`${reply}<body>hello</body>${fallback(3, 1)}`)?.body).toBe('hello');
    expect(parse('<reply xmlns="urn:xmpp:reply:0"/><body>> x\nhello</body>')).not.toHaveProperty('replyTo');
  });

  it('strips every range of a 100 KB body with thousands of fallback parts', () => {
    const body = 'x'.repeat(100_000);
    const parts = Array.from({ length: 2_000 }, (_, i) => `<body start="${i * 10}" end="${i * 10 + 5}"/>`).join('');
    const el = stanza(`<message><body>${body}</body><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0">${parts}</fallback></message>`);
    expect(withoutFallback(el, body, 'urn:xmpp:reply:0')).toHaveLength(100_000 - 2_000 * 5);
  });
});
