import { ctx, stanza } from '../../spec-helpers';
import { parseGroupchat, type RoomContext } from '../muc/parser';
import { moderationOf, moderationVersion, tombstoneOf } from './parser';
import { moderateIq } from './stanzas';

const ROOM = 'coven@chat.shakespeare.lit';
const room: RoomContext = { room: ROOM, nick: 'secondwitch', occupantIds: true, ownOccupantId: 'me' };
const groupchat = (inner: string, from = ROOM, mode: 'live' | 'archive' = 'live') =>
  parseGroupchat(stanza(`<message type="groupchat" id="x" from="${from}">${inner}</message>`), ctx, room, mode === 'archive' ? { mode, archiveId: 'a9', forwardedStamp: 5_000 } : { mode });
const asMessage = (parsed: ReturnType<typeof groupchat>) => (parsed?.kind === 'message' ? parsed.message : undefined);

const v1 = (id = 's1') =>
  `<retract xmlns="urn:xmpp:message-retract:1" id="${id}"><moderated xmlns="urn:xmpp:message-moderate:1" by="${ROOM}/firstwitch"/><reason>Spam</reason></retract>`;
const v0 = (id = 's1') =>
  `<apply-to xmlns="urn:xmpp:fasten:0" id="${id}"><moderated xmlns="urn:xmpp:message-moderate:0" by="${ROOM}/firstwitch"><retract xmlns="urn:xmpp:message-retract:0"/><reason>Spam</reason></moderated></apply-to>`;

describe('moderation (XEP-0425)', () => {
  it('reads the room’s announcement, current and older form: the message’s stanza-id, the moderator’s nick, the reason', () => {
    for (const inner of [v1(), v0()]) {
      expect(moderationOf(stanza(`<message>${inner}</message>`))).toEqual({ id: 's1', moderated: { by: 'firstwitch', reason: 'Spam' } });
      expect(asMessage(groupchat(inner))).toMatchObject({ from: ROOM, retracts: 's1', moderated: { by: 'firstwitch', reason: 'Spam' }, body: '' });
    }
  });

  it('believes it only from the room itself: from an occupant it moderates nothing', () => {
    expect(asMessage(groupchat(v0(), `${ROOM}/mallory`))?.moderated).toBeUndefined();
    const forged = asMessage(groupchat(`${v1()}<body>fallback</body>`, `${ROOM}/mallory`));
    expect(forged?.moderated).toBeUndefined();
    expect(forged?.from).toBe(`${ROOM}/mallory`); // at most a retraction of mallory's own message, which the store checks
  });

  it('ignores an announcement without an id, or of the older form without its retract', () => {
    expect(moderationOf(stanza('<message><retract xmlns="urn:xmpp:message-retract:1"><moderated xmlns="urn:xmpp:message-moderate:1"/></retract></message>'))).toBeUndefined();
    expect(moderationOf(stanza(`<message><apply-to xmlns="urn:xmpp:fasten:0" id="s1"><moderated xmlns="urn:xmpp:message-moderate:0"/></apply-to></message>`))).toBeUndefined();
    expect(groupchat('<apply-to xmlns="urn:xmpp:fasten:0" id="s1"/>')).toBeNull();
  });

  it('cuts a long reason', () => {
    const long = v1().replace('Spam', 'x'.repeat(10_000));
    expect(moderationOf(stanza(`<message>${long}</message>`))?.moderated.reason).toHaveLength(500);
  });

  it('reads the archive’s tombstone of a moderated message (both forms) as a removed message, only from the archive', () => {
    const tombstone0 = `<moderated xmlns="urn:xmpp:message-moderate:0" by="${ROOM}/firstwitch"><retracted xmlns="urn:xmpp:message-retract:0" stamp="2024-05-01T12:00:00Z"/></moderated>`;
    const tombstone1 = `<retracted xmlns="urn:xmpp:message-retract:1" stamp="2024-05-01T12:00:00Z"><moderated xmlns="urn:xmpp:message-moderate:1" by="${ROOM}/firstwitch"/></retracted>`;
    for (const inner of [tombstone0, tombstone1]) {
      expect(tombstoneOf(stanza(`<message>${inner}</message>`))).toEqual({ moderated: { by: 'firstwitch' }, stamp: Date.UTC(2024, 4, 1, 12) });
      expect(asMessage(groupchat(inner, `${ROOM}/thirdwitch`, 'archive'))).toMatchObject({ id: 'a9', nick: 'thirdwitch', body: '', retractedAt: Date.UTC(2024, 4, 1, 12), moderated: { by: 'firstwitch' } });
      expect(groupchat(inner, `${ROOM}/thirdwitch`, 'live')).toBeNull();
      // With a text it is an occupant's own message dressed up as a moderator's tombstone.
      const dressedUp = asMessage(groupchat(`<body>Removed by Admin</body>${inner}`, `${ROOM}/thirdwitch`, 'archive'));
      expect(dressedUp).toMatchObject({ body: 'Removed by Admin' });
      expect(dressedUp?.moderated).toBeUndefined();
    }
  });

  it('knows which form a room speaks, the newer first', () => {
    expect(moderationVersion(['urn:xmpp:message-moderate:0', 'urn:xmpp:message-moderate:1'])).toBe(1);
    expect(moderationVersion(['urn:xmpp:message-moderate:0'])).toBe(0);
    expect(moderationVersion(['http://jabber.org/protocol/muc'])).toBeUndefined();
  });

  it('asks the room in the form it speaks, with an optional reason', () => {
    expect(moderateIq(ROOM, 's1', 1, 'q1', ' Spam ').toString()).toBe(
      `<iq type="set" to="${ROOM}" id="q1"><moderate xmlns="urn:xmpp:message-moderate:1" id="s1"><retract xmlns="urn:xmpp:message-retract:1"/><reason>Spam</reason></moderate></iq>`,
    );
    expect(moderateIq(ROOM, 's1', 0, 'q2').toString()).toBe(
      `<iq type="set" to="${ROOM}" id="q2"><apply-to xmlns="urn:xmpp:fasten:0" id="s1"><moderate xmlns="urn:xmpp:message-moderate:0"><retract xmlns="urn:xmpp:message-retract:0"/></moderate></apply-to></iq>`,
    );
  });
});
