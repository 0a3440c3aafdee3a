import { ctx, stanza } from '../../spec-helpers';
import { parsePresence } from './presence-parser';

describe('parsePresence', () => {
  it('parses a plain available presence', () => {
    expect(parsePresence(stanza('<presence from="romeo@montague.lit/orchard"/>'), ctx)).toEqual({
      kind: 'availability',
      jid: 'romeo@montague.lit',
      resource: 'orchard',
      presence: { show: 'online', priority: 0 },
    });
  });

  it('parses show, status and priority', () => {
    expect(
      parsePresence(
        stanza('<presence from="romeo@montague.lit/orchard"><show>dnd</show><status>Wooing</status><priority>5</priority></presence>'),
        ctx,
      ),
    ).toEqual({ kind: 'availability', jid: 'romeo@montague.lit', resource: 'orchard', presence: { show: 'dnd', status: 'Wooing', priority: 5 } });
  });

  it.each(['away', 'chat', 'dnd', 'xa'])('keeps show=%s', (show) => {
    const p = parsePresence(stanza(`<presence from="r@m.lit/o"><show>${show}</show></presence>`), ctx);
    expect(p?.kind === 'availability' && p.presence?.show).toBe(show);
  });

  it('maps an unknown show to online', () => {
    const p = parsePresence(stanza('<presence from="r@m.lit/o"><show>sleeping</show></presence>'), ctx);
    expect(p?.kind === 'availability' && p.presence?.show).toBe('online');
  });

  it.each([
    ['abc', 0],
    ['200', 0],
    ['-129', 0],
    ['-128', -128],
    ['127', 127],
    [' 3 ', 3],
    ['1.5', 0],
  ])('reads priority %j as %d', (text, expected) => {
    const p = parsePresence(stanza(`<presence from="r@m.lit/o"><priority>${text}</priority></presence>`), ctx);
    expect(p?.kind === 'availability' && p.presence?.priority).toBe(expected);
  });

  it('prefers the status without xml:lang', () => {
    const p = parsePresence(
      stanza('<presence from="r@m.lit/o"><status xml:lang="fr">Ailleurs</status><status>Away</status></presence>'),
      ctx,
    );
    expect(p?.kind === 'availability' && p.presence?.status).toBe('Away');
  });

  it('parses unavailable per resource', () => {
    expect(parsePresence(stanza('<presence type="unavailable" from="romeo@montague.lit/orchard"/>'), ctx)).toEqual({
      kind: 'availability',
      jid: 'romeo@montague.lit',
      resource: 'orchard',
    });
  });

  it('uses an empty resource for a bare-JID sender', () => {
    const p = parsePresence(stanza('<presence from="romeo@montague.lit"/>'), ctx);
    expect(p?.kind === 'availability' && p.resource).toBe('');
  });

  it('parses a subscription request with a nickname', () => {
    expect(
      parsePresence(stanza('<presence type="subscribe" from="romeo@montague.lit"><nick xmlns="http://jabber.org/protocol/nick">Romeo</nick></presence>'), ctx),
    ).toEqual({ kind: 'subscription', type: 'subscribe', jid: 'romeo@montague.lit', name: 'Romeo' });
  });

  it.each(['subscribed', 'unsubscribe', 'unsubscribed'])('parses type=%s', (type) => {
    expect(parsePresence(stanza(`<presence type="${type}" from="Romeo@montague.lit/x"/>`), ctx)).toEqual({
      kind: 'subscription',
      type,
      jid: 'romeo@montague.lit',
    });
  });

  it('drops presences from our own account', () => {
    expect(parsePresence(stanza('<presence from="juliet@capulet.lit/balcony"/>'), ctx)).toBeNull();
    expect(parsePresence(stanza('<presence type="subscribe" from="juliet@capulet.lit"/>'), ctx)).toBeNull();
  });

  it('drops malformed and irrelevant presences', () => {
    expect(parsePresence(stanza('<presence/>'), ctx)).toBeNull(); // no from
    expect(parsePresence(stanza('<presence from="not a jid"/>'), ctx)).toBeNull();
    expect(parsePresence(stanza('<presence from="r@m.lit/o" type="probe"/>'), ctx)).toBeNull();
    expect(parsePresence(stanza('<presence from="r@m.lit/o" type="error"><error type="cancel"/></presence>'), ctx)).toBeNull();
    expect(parsePresence(stanza('<presence from="r@m.lit/o" type="bogus"/>'), ctx)).toBeNull();
    expect(parsePresence(stanza('<message from="r@m.lit/o"/>'), ctx)).toBeNull();
  });
});
