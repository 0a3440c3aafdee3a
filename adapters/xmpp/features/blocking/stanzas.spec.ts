import { blockSet, blocklistGet, unblockSet } from './stanzas';

describe('blocking builders', () => {
  it('builds a blocklist get', () => {
    expect(blocklistGet('g1').toString()).toBe('<iq type="get" id="g1"><blocklist xmlns="urn:xmpp:blocking"/></iq>');
  });

  it('builds a block and an unblock of one address', () => {
    expect(blockSet('b1', 'spam@example.org').toString()).toBe('<iq type="set" id="b1"><block xmlns="urn:xmpp:blocking"><item jid="spam@example.org"/></block></iq>');
    expect(unblockSet('u1', 'room@muc.example.org/Troll').toString()).toBe('<iq type="set" id="u1"><unblock xmlns="urn:xmpp:blocking"><item jid="room@muc.example.org/Troll"/></unblock></iq>');
  });

  it('puts a XEP-0377 spam report inside the item, with escaped text', () => {
    expect(blockSet('b2', 'spam@example.org', { reason: 'spam', text: ' Sells <pills> ' }).toString()).toBe(
      '<iq type="set" id="b2"><block xmlns="urn:xmpp:blocking"><item jid="spam@example.org"><report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:spam"><text>Sells &lt;pills&gt;</text></report></item></block></iq>',
    );
    expect(blockSet('b3', 'a@b.c', { reason: 'abuse' }).toString()).toBe(
      '<iq type="set" id="b3"><block xmlns="urn:xmpp:blocking"><item jid="a@b.c"><report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:abuse"/></item></block></iq>',
    );
  });

  it('strips characters XML cannot carry and bounds the text', () => {
    const out = blockSet('b4', 'a@b.c', { reason: 'spam', text: `x\u0000y${'z'.repeat(10_000)}` }).toString();
    expect(out).toContain('<text>xy');
    expect(out.length).toBeLessThan(4_300);
  });
});
