import { stanza, ctx, OWN, watchChildReads } from '../../spec-helpers';
import type { XmlElement } from '../../xml';
import { MAX_BLOCK_ITEMS, parseBlocklistPush, parseBlocklistResult } from './parser';

const NS = 'urn:xmpp:blocking';

describe('blocklist result', () => {
  it('lists the valid items, normalized, without repeats', () => {
    const iq = stanza(`<iq type="result" id="b1"><blocklist xmlns="${NS}"><item jid="Spam@Example.ORG"/><item jid="spam@example.org"/><item jid="room@muc.example.org/Troll"/><item jid="bad.example"/><item jid="not a jid"/><item/><other jid="x@y.z"/></blocklist></iq>`);
    expect(parseBlocklistResult(iq, ctx)).toEqual(['spam@example.org', 'room@muc.example.org/Troll', 'bad.example']);
  });

  it('gives an empty list for an empty blocklist', () => {
    expect(parseBlocklistResult(stanza(`<iq type="result" id="b1" from="${OWN}"><blocklist xmlns="${NS}"/></iq>`), ctx)).toEqual([]);
  });

  it('refuses a result from anyone but the own account, or without a blocklist', () => {
    expect(parseBlocklistResult(stanza(`<iq type="result" id="b1" from="mallory@evil.example"><blocklist xmlns="${NS}"/></iq>`), ctx)).toBeNull();
    expect(parseBlocklistResult(stanza(`<iq type="result" id="b1" from="${OWN}/phone"><blocklist xmlns="${NS}"/></iq>`), ctx)).toBeNull();
    expect(parseBlocklistResult(stanza(`<iq type="result" id="b1"><blocklist xmlns="urn:other"/></iq>`), ctx)).toBeNull();
    expect(parseBlocklistResult(stanza(`<iq type="error" id="b1"><blocklist xmlns="${NS}"/></iq>`), ctx)).toBeNull();
  });

  it('stops at a bound on items, reading none past it', () => {
    const items = Array.from({ length: MAX_BLOCK_ITEMS + 50 }, (_, i) => `<item jid="u${i}@example.org"/>`).join('');
    const iq = stanza(`<iq type="result" id="b1"><blocklist xmlns="${NS}">${items}</blocklist></iq>`);
    const read = watchChildReads(iq.getChild('blocklist') as unknown as XmlElement);
    const jids = parseBlocklistResult(iq, ctx);
    expect(jids).toHaveLength(MAX_BLOCK_ITEMS);
    expect(read.size).toBe(MAX_BLOCK_ITEMS);
  });
});

describe('blocklist pushes', () => {
  it('takes a block push from the own account, from no one (the server) or the own server', () => {
    for (const from of ['', ` from="${OWN}"`, ' from="capulet.lit"']) {
      expect(parseBlocklistPush(stanza(`<iq type="set" id="p1"${from}><block xmlns="${NS}"><item jid="romeo@montague.lit"/></block></iq>`), ctx)).toEqual({ kind: 'block', jids: ['romeo@montague.lit'] });
    }
  });

  it('ignores a push from a wrong sender', () => {
    for (const from of ['mallory@evil.example', `${OWN}/balcony`, 'romeo@montague.lit', 'evil.example', 'capulet.lit/x']) {
      expect(parseBlocklistPush(stanza(`<iq type="set" id="p1" from="${from}"><block xmlns="${NS}"><item jid="romeo@montague.lit"/></block></iq>`), ctx)).toBeNull();
      expect(parseBlocklistPush(stanza(`<iq type="set" id="p1" from="${from}"><unblock xmlns="${NS}"/></iq>`), ctx)).toBeNull();
    }
  });

  it('takes an unblock push, and an empty one as "everyone"', () => {
    expect(parseBlocklistPush(stanza(`<iq type="set" id="p2"><unblock xmlns="${NS}"><item jid="romeo@montague.lit"/></unblock></iq>`), ctx)).toEqual({ kind: 'unblock', jids: ['romeo@montague.lit'], all: false });
    expect(parseBlocklistPush(stanza(`<iq type="set" id="p3"><unblock xmlns="${NS}"/></iq>`), ctx)).toEqual({ kind: 'unblock', jids: [], all: true });
  });

  it('drops malformed pushes: no id, not a set, an empty block, only invalid items', () => {
    expect(parseBlocklistPush(stanza(`<iq type="set"><block xmlns="${NS}"><item jid="a@b.c"/></block></iq>`), ctx)).toBeNull();
    expect(parseBlocklistPush(stanza(`<iq type="get" id="x"><block xmlns="${NS}"><item jid="a@b.c"/></block></iq>`), ctx)).toBeNull();
    expect(parseBlocklistPush(stanza(`<iq type="set" id="x"><block xmlns="${NS}"/></iq>`), ctx)).toBeNull();
    // An unblock whose items are all invalid must not read as "unblock everyone".
    expect(parseBlocklistPush(stanza(`<iq type="set" id="x"><unblock xmlns="${NS}"><item jid="@@"/></unblock></iq>`), ctx)).toBeNull();
    expect(parseBlocklistPush(stanza(`<iq type="set" id="x"><query xmlns="jabber:iq:roster"/></iq>`), ctx)).toBeNull();
  });

  it('copes with a huge attribute', () => {
    const huge = 'a'.repeat(100_000);
    expect(parseBlocklistPush(stanza(`<iq type="set" id="x"><block xmlns="${NS}"><item jid="${huge}@b.c"/></block></iq>`), ctx)).toBeNull();
  });
});
