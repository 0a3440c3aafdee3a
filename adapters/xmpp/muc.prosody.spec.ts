/**
 * Groupchat (XEP-0045 and friends) through the XMPP adapter, in Node, against the real Prosody
 * MUC service started by tests/prosody/global-setup.ts (`conference.localhost`, with muc_mam and
 * XEP-0421 occupant ids), with bots from tests/prosody.ts as the other occupants.
 */
import {
  botAdmin,
  botJoinRoom,
  botLeaveRoom,
  connectBot,
  createAccount,
  mucStatusCodes,
  prosody,
  roomJid,
  type Account,
  type Bot,
  type Stanza,
} from '../../tests/prosody';
import { RoomError, type Message } from '../types';
import { Recorder } from './spec-recorder';
import { prosodyAdapters } from './spec-prosody';
import { XmppAdapter, type XmppAdapterOptions } from './xmpp-adapter';
import { xml } from './xml';

jest.setTimeout(30_000);

const spec = prosodyAdapters();
const { adapters } = spec;

async function login(account: Account, options: XmppAdapterOptions = {}, resource = `natter-${Math.random().toString(16).slice(2, 8)}`) {
  const adapter = new XmppAdapter({ reconnectDelay: 200, ...options });
  adapters.push(adapter);
  const rec = new Recorder(adapter);
  await adapter.connect({ jid: `${account.jid}/${resource}`, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
  return { adapter, rec, full: `${account.jid}/${resource}` };
}

/** A logged-in adapter for a fresh account. */
async function user(prefix: string, options: XmppAdapterOptions = {}) {
  const account = await createAccount(prefix);
  return { account, ...(await login(account, options)) };
}

/** A bot for a fresh account. */
async function bot(prefix: string): Promise<Bot> {
  return connectBot(await createAccount(prefix));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const isGroupchat = (room: string, body: string) => (s: Stanza) =>
  s.is('message') && s.attrs.type === 'groupchat' && s.attrs.from?.startsWith(`${room}/`) && s.getChildText('body') === body;

function bodies(messages: Message[]): string[] {
  return messages.map((m) => m.body);
}

describe('joining', () => {
  it('reports joining, the occupants with roles, affiliations and occupant ids, us, the room features and the subject', async () => {
    const room = roomJid('join');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec, account } = await user('juliet');

    await adapter.joinRoom(room, { nick: 'Juliet' });

    const types = rec.events.map((e) => e.type);
    expect(types.indexOf('roomJoining')).toBeLessThan(types.indexOf('occupant'));
    expect(types.indexOf('occupant')).toBeLessThan(types.indexOf('roomJoined'));
    expect(rec.of('roomJoining')).toEqual([{ type: 'roomJoining', room, nick: 'Juliet' }]);
    const occupant = await rec.waitFor('occupant', (e) => e.occupant.nick === 'Owner');
    expect(occupant.room).toBe(room);
    expect(occupant.occupant).toMatchObject({ nick: 'Owner', role: 'moderator', affiliation: 'owner', show: 'online' });
    expect(occupant.occupant.occupantId).toEqual(expect.any(String));
    // A semi-anonymous room shows real JIDs to moderators only.
    expect(occupant.occupant.jid).toBeUndefined();

    expect((await rec.waitFor('roomInfo', (e) => e.info.jid === room)).info).toMatchObject({ occupants: 1, features: expect.objectContaining({ occupantId: true }) });
    const joined = await rec.waitFor('roomJoined');
    expect(joined.room).toBe(room);
    expect(joined.self).toMatchObject({ nick: 'Juliet', role: 'participant', affiliation: 'none', jid: account.jid });
    expect(joined.self.occupantId).toEqual(expect.any(String));
    expect(joined.self.occupantId).not.toBe(occupant.occupant.occupantId);
    expect(joined.features).toMatchObject({ occupantId: true, mam: true, membersOnly: false, passwordProtected: false, nonAnonymous: false });

    await rec.waitFor('roomSubject', (e) => e.room === room);
    const history = await rec.waitFor('history', (e) => e.conversation === room);
    expect(history).toMatchObject({ messages: [], complete: true });
    // The bot sees us arrive.
    await owner.waitFor((s) => s.is('presence') && s.attrs.from === `${room}/Juliet` && !s.attrs.type);
    // Room presences are not contacts' presences.
    expect(rec.of('presence')).toEqual([]);
  });

  it('asks the room for no discussion history (the archive is the source)', async () => {
    const room = roomJid('nohist');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    await owner.sendMessage(room, 'before you came', 'groupchat');
    await owner.waitFor(isGroupchat(room, 'before you came'));
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });
    const history = await rec.waitFor('history', (e) => e.conversation === room);
    expect(bodies(history.messages)).toEqual(['before you came']);
    await rec.waitFor('roomSubject');
    await pause(200);
    // Once, from the archive, not also as a replayed live message.
    expect(rec.of('message')).toEqual([]);
  });

  it('offers another nick on a conflict', async () => {
    const room = roomJid('conflict');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Juliet');
    const { adapter, rec } = await user('juliet');
    const attempt = adapter.joinRoom(room, { nick: 'Juliet' });
    await expect(attempt).rejects.toBeInstanceOf(RoomError);
    await expect(attempt).rejects.toMatchObject({ code: 'nick-conflict', suggestedNick: 'Juliet2' });
    expect(rec.of('roomJoinError')).toEqual([expect.objectContaining({ room, error: 'nick-conflict', suggestedNick: 'Juliet2' })]);
    await adapter.joinRoom(room, { nick: 'Juliet2' });
    expect((await rec.waitFor('roomJoined')).self.nick).toBe('Juliet2');
  });
});

describe('messages', () => {
  it('sends and receives room messages; our reflection, the live copy and the archived copy share ids', async () => {
    const room = roomJid('talk');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });
    await rec.waitFor('history', (e) => e.conversation === room);

    await adapter.sendRoomMessage(room, 'Hello, room', 'origin-1');
    await owner.waitFor(isGroupchat(room, 'Hello, room'));
    const reflection = (await rec.waitFor('message', (e) => e.message.body === 'Hello, room')).message;
    expect(reflection).toMatchObject({
      conversation: room,
      from: `${room}/Juliet`,
      nick: 'Juliet',
      direction: 'out',
      status: 'sent',
      originId: 'origin-1',
    });
    expect(reflection.stanzaId).toEqual(expect.any(String));
    expect(reflection.id).toBe(reflection.stanzaId);
    expect(reflection.occupantId).toEqual(expect.any(String));

    await owner.sendMessage(room, 'Hello, Juliet', 'groupchat');
    const incoming = (await rec.waitFor('message', (e) => e.message.body === 'Hello, Juliet')).message;
    expect(incoming).toMatchObject({ conversation: room, from: `${room}/Owner`, nick: 'Owner', direction: 'in', status: 'received' });
    expect(incoming.id).toBe(incoming.stanzaId);

    rec.events.length = 0;
    await adapter.loadHistory(room);
    const page = await rec.waitFor('history', (e) => e.conversation === room);
    expect(page.messages.map((m) => [m.body, m.id, m.direction, m.nick, m.originId])).toEqual([
      ['Hello, room', reflection.id, 'out', 'Juliet', 'origin-1'],
      ['Hello, Juliet', incoming.id, 'in', 'Owner', undefined],
    ]);
    expect(page.messages[0].occupantId).toBe(reflection.occupantId);
    expect(page.complete).toBe(true);
  });

  it('loads the newest page of the room archive on joining and older pages with the cursor', async () => {
    const room = roomJid('archive');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    for (const body of ['one', 'two', 'three']) {
      await owner.sendMessage(room, body, 'groupchat');
      await owner.waitFor(isGroupchat(room, body));
    }
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet', history: 2 });
    const page = await rec.waitFor('history', (e) => e.conversation === room);
    expect(bodies(page.messages)).toEqual(['two', 'three']);
    expect(page.complete).toBe(false);
    expect(page.messages.every((m) => m.nick === 'Owner' && m.direction === 'in' && m.from === `${room}/Owner`)).toBe(true);
    rec.events.length = 0;
    await adapter.loadHistory(room, { before: page.cursor, max: 5 });
    const older = await rec.waitFor('history', (e) => e.conversation === room);
    expect(bodies(older.messages)).toEqual(['one']);
    expect(older.complete).toBe(true);
  });

  it('exchanges private messages with an occupant under its occupant JID', async () => {
    const room = roomJid('pm');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });

    await adapter.sendMessage(`${room}/Owner`, 'psst', 'pm-1');
    const got = await owner.waitFor((s) => s.is('message') && s.getChildText('body') === 'psst');
    expect(got.attrs.type).toBe('chat');
    expect(got.attrs.from).toBe(`${room}/Juliet`);
    expect(got.getChild('x', 'http://jabber.org/protocol/muc#user')).toBeDefined();

    await owner.send(
      xml('message', { to: `${room}/Juliet`, type: 'chat', id: 'pm-2' }, xml('body', {}, 'psst back'), xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' })),
    );
    const answer = (await rec.waitFor('message', (e) => e.message.body === 'psst back')).message;
    expect(answer).toMatchObject({ conversation: `${room}/Owner`, from: `${room}/Owner`, nick: 'Owner', direction: 'in' });
  });

  it('sets the subject and hears it back', async () => {
    const room = roomJid('subject');
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' }); // a new room: we own it
    const member = await bot('member');
    await botJoinRoom(member, room, 'Member');
    await adapter.setSubject(room, 'Verona <news> & gossip');
    expect(await rec.waitFor('roomSubject', (e) => e.subject !== '')).toEqual({ type: 'roomSubject', room, subject: 'Verona <news> & gossip', by: 'Juliet' });
    const seen = await member.waitFor((s) => s.is('message') && !!s.getChild('subject') && s.getChildText('subject') !== '');
    expect(seen.getChildText('subject')).toBe('Verona <news> & gossip');
    // A participant may not change it in a default Prosody room.
    await member.sendMessage(room, 'ignored', 'groupchat');
  });

  it('does not show a groupchat message that does not come from a room we are in', async () => {
    const room = roomJid('spoof');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec, full } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });
    const mallory = await bot('mallory');
    // Straight to us, claiming (in the body and a nick element) to be the room.
    await mallory.send(
      xml('message', { to: full, type: 'groupchat', id: 'x1' }, xml('body', {}, 'I am the room'), xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, 'Owner')),
    );
    // And one with a forged room stanza-id, through the room: Prosody strips it, we trust only the room's.
    await owner.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'x2' },
        xml('body', {}, 'forged id'),
        xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: room, id: 'forged' }),
      ),
    );
    const forged = (await rec.waitFor('message', (e) => e.message.body === 'forged id')).message;
    expect(forged.stanzaId).not.toBe('forged');
    await pause(200);
    expect(rec.of('message').map((e) => e.message.body)).toEqual(['forged id']);
    expect(spec.warn).toHaveBeenCalledWith(expect.stringContaining('groupchat message not from a room we are in'));
  });
});

describe('nicks and leaving', () => {
  it('changes our nick, and reports others’ nick changes', async () => {
    const room = roomJid('nick');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });

    await adapter.changeNick(room, 'Jules');
    expect(rec.of('roomNick')).toEqual([{ type: 'roomNick', room, nick: 'Jules' }]);
    expect(rec.of('occupant').at(-1)?.occupant).toMatchObject({ nick: 'Jules', role: 'participant' });
    const seen = await owner.waitFor((s) => s.is('presence') && s.attrs.from === `${room}/Juliet` && s.attrs.type === 'unavailable');
    expect(mucStatusCodes(seen)).toContain('303');
    // Our messages under the new nick are still ours.
    await adapter.sendRoomMessage(room, 'new name', 'o-new');
    expect((await rec.waitFor('message', (e) => e.message.body === 'new name')).message).toMatchObject({ direction: 'out', nick: 'Jules' });

    await owner.send(xml('presence', { to: `${room}/Boss` }));
    expect(await rec.waitFor('occupantLeft', (e) => e.nick === 'Owner')).toEqual({ type: 'occupantLeft', room, nick: 'Owner', reason: 'nick', newNick: 'Boss' });
    await rec.waitFor('occupant', (e) => e.occupant.nick === 'Boss');

    // A taken nick: rejected with a suggestion, our nick unchanged.
    await expect(adapter.changeNick(room, 'Boss')).rejects.toMatchObject({ code: 'nick-conflict', suggestedNick: 'Boss2' });
    await adapter.sendRoomMessage(room, 'still Jules', 'o-still');
    expect((await rec.waitFor('message', (e) => e.message.body === 'still Jules')).message.nick).toBe('Jules');
  });

  it('leaves a room', async () => {
    const room = roomJid('leave');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });
    await adapter.leaveRoom(room);
    expect(rec.of('roomLeft')).toEqual([{ type: 'roomLeft', room, reason: 'left' }]);
    await owner.waitFor((s) => s.is('presence') && s.attrs.from === `${room}/Juliet` && s.attrs.type === 'unavailable');
    await expect(adapter.sendRoomMessage(room, 'gone', 'g1')).rejects.toThrow('not in the room');
    // Others leaving are reported too.
    await adapter.joinRoom(room, { nick: 'Juliet' });
    await botLeaveRoom(owner, room, 'Owner');
    expect(await rec.waitFor('occupantLeft', (e) => e.nick === 'Owner')).toEqual({ type: 'occupantLeft', room, nick: 'Owner', reason: 'left' });
  });
});

describe('access', () => {
  it('refuses a non-member in a members-only room until made a member', async () => {
    const room = roomJid('members');
    const { adapter: ownerAdapter } = await user('owner');
    await ownerAdapter.createRoom(room, 'Owner', { name: 'Members', membersOnly: true });
    const { adapter, rec, account } = await user('juliet');
    const attempt = adapter.joinRoom(room, { nick: 'Juliet' });
    await expect(attempt).rejects.toMatchObject({ code: 'members-only' });
    expect(rec.of('roomJoinError')).toEqual([expect.objectContaining({ room, error: 'members-only' })]);

    await ownerAdapter.setAffiliation(room, account.jid, 'member');
    await adapter.joinRoom(room, { nick: 'Juliet' });
    expect((await rec.waitFor('roomJoined')).self.affiliation).toBe('member');
  });

  it('needs the password of a password-protected room', async () => {
    const room = roomJid('secret');
    const { adapter: ownerAdapter, rec: ownerRec } = await user('owner');
    await ownerAdapter.createRoom(room, 'Owner', { password: 'open sesame' });
    expect((await ownerRec.waitFor('roomJoined')).features?.passwordProtected).toBe(true);
    const { adapter, rec } = await user('juliet');
    await expect(adapter.joinRoom(room, { nick: 'Juliet' })).rejects.toMatchObject({ code: 'password-required' });
    await expect(adapter.joinRoom(room, { nick: 'Juliet', password: 'wrong' })).rejects.toMatchObject({ code: 'password-required' });
    await adapter.joinRoom(room, { nick: 'Juliet', password: 'open sesame' });
    expect((await rec.waitFor('roomJoined')).features?.passwordProtected).toBe(true);
  });
});

describe('moderation', () => {
  it('reports being kicked by a moderator, with actor and reason', async () => {
    const room = roomJid('kickme');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec } = await user('juliet');
    await adapter.joinRoom(room, { nick: 'Juliet' });
    await botAdmin(owner, room, { nick: 'Juliet', role: 'none' }, 'Behave');
    expect(await rec.waitFor('roomLeft')).toEqual({ type: 'roomLeft', room, reason: 'kicked', actor: 'Owner', text: 'Behave' });
    await expect(adapter.sendRoomMessage(room, 'x', 'x1')).rejects.toThrow('not in the room');
  });

  it('kicks and bans occupants as owner; a banned user cannot come back', async () => {
    const room = roomJid('mod');
    const { adapter, rec } = await user('juliet');
    await adapter.createRoom(room, 'Juliet', {});
    expect((await rec.waitFor('roomJoined')).self).toMatchObject({ role: 'moderator', affiliation: 'owner' });
    const tybalt = await bot('tybalt');
    await botJoinRoom(tybalt, room, 'Tybalt');
    await rec.waitFor('occupant', (e) => e.occupant.nick === 'Tybalt');
    // As a moderator we see real JIDs.
    expect(rec.of('occupant').find((e) => e.occupant.nick === 'Tybalt')?.occupant.jid).toBe(tybalt.account.jid);

    await adapter.kick(room, 'Tybalt', 'Out');
    expect(await rec.waitFor('occupantLeft', (e) => e.nick === 'Tybalt')).toEqual({ type: 'occupantLeft', room, nick: 'Tybalt', reason: 'kicked', actor: 'Juliet', text: 'Out' });
    const kicked = await tybalt.waitFor((s) => s.is('presence') && s.attrs.type === 'unavailable' && s.attrs.from === `${room}/Tybalt`);
    expect(mucStatusCodes(kicked)).toEqual(expect.arrayContaining(['307', '110']));

    rec.events.length = 0;
    await botJoinRoom(tybalt, room, 'Tybalt');
    await rec.waitFor('occupant', (e) => e.occupant.nick === 'Tybalt');
    await adapter.setRole(room, 'Tybalt', 'visitor');
    expect((await rec.waitFor('occupant', (e) => e.occupant.nick === 'Tybalt' && e.occupant.role === 'visitor')).occupant.role).toBe('visitor');
    await adapter.setAffiliation(room, tybalt.account.jid, 'outcast', 'For good');
    expect(await rec.waitFor('occupantLeft', (e) => e.nick === 'Tybalt')).toMatchObject({ reason: 'banned', text: 'For good' });
    const banned = await tybalt.waitFor((s) => s.is('presence') && s.attrs.type === 'unavailable' && mucStatusCodes(s).includes('301'));
    expect(mucStatusCodes(banned)).toContain('110');
    await expect(botJoinRoom(tybalt, room, 'Tybalt')).rejects.toThrow('forbidden');

    // The ban, seen from the banned user's adapter.
    const other = await login(tybalt.account);
    await expect(other.adapter.joinRoom(room, { nick: 'Tybalt' })).rejects.toMatchObject({ code: 'banned' });
    // And a moderation command we may not use is rejected with the room's condition.
    await expect(adapter.setRole(room, 'Nobody', 'visitor')).rejects.toThrow();
  });
});

describe('invitations', () => {
  it('receives direct (XEP-0249) and mediated invitations, and sends direct ones', async () => {
    const room = roomJid('invite');
    const { adapter, rec, account } = await user('juliet');
    const romeo = await bot('romeo');
    await romeo.send(xml('message', { to: account.jid }, xml('x', { xmlns: 'jabber:x:conference', jid: room, reason: 'Come in', password: 'pw' })));
    expect(await rec.waitFor('invitation')).toEqual({ type: 'invitation', room, from: romeo.account.jid, reason: 'Come in', password: 'pw', kind: 'direct' });

    rec.events.length = 0;
    await botJoinRoom(romeo, room, 'Romeo');
    await romeo.send(
      xml('message', { to: room }, xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }, xml('invite', { to: account.jid }, xml('reason', {}, 'Via the room')))),
    );
    // The room hides real JIDs from non-moderators, so it names the inviter by occupant JID.
    expect(await rec.waitFor('invitation')).toEqual({ type: 'invitation', room, from: `${room}/Romeo`, reason: 'Via the room', kind: 'mediated' });
    await pause(200);
    expect(rec.of('invitation')).toHaveLength(1); // not also read as a direct one (the room adds that form)
    expect(rec.of('message')).toEqual([]); // nor as a chat message (the room adds a body)

    await adapter.invite(room, romeo.account.jid, 'Join us');
    const got = await romeo.waitFor((s) => s.is('message') && !!s.getChild('x', 'jabber:x:conference'));
    expect(got.getChild('x', 'jabber:x:conference')?.attrs).toMatchObject({ jid: room, reason: 'Join us' });
  });
});

describe('discovery', () => {
  it('finds the conference service after login', async () => {
    const { rec } = await user('juliet');
    const features = await rec.waitFor('features', (e) => !!e.features.conferenceService);
    expect(features.features.conferenceService).toBe(prosody().mucDomain);
  });

  it('creates a configured room, lists public rooms with counts, and queries one', async () => {
    const room = roomJid('public');
    const { adapter, rec } = await user('juliet');
    await rec.waitFor('features', (e) => !!e.features.conferenceService);
    await adapter.createRoom(room, 'Juliet', { name: 'The Balcony', public: true, persistent: true, membersOnly: false });
    const joined = await rec.waitFor('roomJoined');
    expect(joined.features).toMatchObject({ public: true, persistent: true, membersOnly: false });
    // The configured name is reported once the room is set up.
    expect((await rec.waitFor('roomInfo', (e) => e.info.jid === room)).info.name).toBe('The Balcony');
    const a = await bot('a');
    const b = await bot('b');
    await botJoinRoom(a, room, 'A');
    await botJoinRoom(b, room, 'B');

    await adapter.listRooms();
    const dir = await rec.waitFor('roomDirectory');
    expect(dir.service).toBe(prosody().mucDomain);
    const listed = dir.rooms.find((r) => r.jid === room);
    expect(listed).toMatchObject({ jid: room, name: 'The Balcony', occupants: 3, features: expect.objectContaining({ public: true, persistent: true }) });

    rec.events.length = 0;
    await adapter.queryRoom(room);
    expect((await rec.waitFor('roomInfo', (e) => e.info.jid === room)).info).toMatchObject({ name: 'The Balcony', occupants: 3 });

    // Creating it again: it exists.
    const { adapter: other } = await user('romeo');
    await expect(other.createRoom(room, 'Romeo', {})).rejects.toMatchObject({ code: 'unknown', message: 'room exists' });
  });

  it('creates a members-only persistent room that stays out of the directory unless public', async () => {
    const room = roomJid('hidden');
    const { adapter, rec } = await user('juliet');
    await adapter.createRoom(room, 'Juliet', { name: 'Hidden', membersOnly: true, persistent: true, public: false });
    expect((await rec.waitFor('roomJoined')).features).toMatchObject({ membersOnly: true, persistent: true, public: false });
    await adapter.listRooms(prosody().mucDomain);
    expect((await rec.waitFor('roomDirectory')).rooms.some((r) => r.jid === room)).toBe(false);
  });

  it('logs in anonymously and reads a room’s occupant count', async () => {
    const room = roomJid('badge');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const adapter = new XmppAdapter();
    adapters.push(adapter);
    const rec = new Recorder(adapter);
    await adapter.connect({ jid: prosody().anonDomain, password: '', anonymous: true, service: prosody().wsUrl });
    expect(adapter.saslMechanism).toBe('ANONYMOUS');
    const online = rec.of('connection').find((e) => e.status === 'online');
    expect(online?.jid).toMatch(new RegExp(`@${prosody().anonDomain.replace('.', '\\.')}/`));
    await adapter.queryRoom(room);
    expect((await rec.waitFor('roomInfo')).info).toMatchObject({ jid: room, occupants: 1 });
    // An anonymous user may join rooms too.
    await adapter.joinRoom(room, { nick: 'Guest' });
    await owner.waitFor((s) => s.is('presence') && s.attrs.from === `${room}/Guest`);
  });
});

describe('bookmarks', () => {
  it('saves a bookmark privately, loads it in a new session and joins it automatically', async () => {
    const room = roomJid('bm');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const account = await createAccount('juliet');
    const first = await login(account);
    await first.rec.waitFor('bookmarks');
    await first.adapter.saveBookmark({ jid: room, name: 'Balcony', nick: 'Jules', autojoin: true });
    expect((await first.rec.waitFor('bookmarks', (e) => e.bookmarks.length === 1)).bookmarks).toEqual([
      { jid: room, name: 'Balcony', nick: 'Jules', autojoin: true },
    ]);
    // Published with access model whitelist: another account cannot read it.
    await expect(
      owner.iq(xml('iq', { type: 'get', to: account.jid }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:bookmarks:1' })))),
    ).rejects.toThrow();
    await first.adapter.disconnect();

    const second = await login(account);
    expect((await second.rec.waitFor('bookmarks')).bookmarks).toEqual([{ jid: room, name: 'Balcony', nick: 'Jules', autojoin: true }]);
    const joined = await second.rec.waitFor('roomJoined');
    expect(joined).toMatchObject({ room, self: expect.objectContaining({ nick: 'Jules' }) });

    await second.adapter.removeBookmark(room);
    expect((await second.rec.waitFor('bookmarks', (e) => e.bookmarks.length === 0)).bookmarks).toEqual([]);
  });

  it('hears bookmark changes made by another session of the account', async () => {
    const account = await createAccount('juliet');
    const one = await login(account, {}, 'one');
    const two = await login(account, {}, 'two');
    await one.rec.waitFor('bookmarks');
    await two.rec.waitFor('bookmarks');
    const room = roomJid('shared');
    await one.adapter.saveBookmark({ jid: room, autojoin: false });
    expect((await two.rec.waitFor('bookmarks', (e) => e.bookmarks.length === 1)).bookmarks).toEqual([{ jid: room, autojoin: false }]);
    await one.adapter.removeBookmark(room);
    await two.rec.waitFor('bookmarks', (e) => e.bookmarks.length === 0 && two.rec.of('bookmarks').length > 2);
  });
});

describe('self-ping (XEP-0410)', () => {
  it('notices that the room dropped us silently and joins again', async () => {
    const room = roomJid('ping');
    const owner = await bot('owner');
    await botJoinRoom(owner, room, 'Owner');
    const { adapter, rec } = await user('juliet', { selfPingInterval: 300 });
    await adapter.joinRoom(room, { nick: 'Juliet' });
    // A round of pings while we are in: nothing happens.
    await pause(800);
    expect(rec.of('roomLeft')).toEqual([]);

    // Leave behind the adapter's back, and hide the room's answer from it: it still thinks it is in.
    const client = (adapter as unknown as { client: { emit: (e: string, ...a: unknown[]) => boolean; send: (el: unknown) => Promise<void> } }).client;
    const emit = client.emit.bind(client);
    let hidden!: () => void;
    const gone = new Promise<void>((r) => (hidden = r));
    client.emit = (event: string, ...args: unknown[]) => {
      const s = args[0] as Stanza | undefined;
      if ((event === 'stanza' || event === 'element') && s?.is?.('presence') && String(s.attrs.from).startsWith(`${room}/`)) {
        if (event === 'stanza' && s.attrs.from === `${room}/Juliet` && s.attrs.type === 'unavailable') hidden();
        return true;
      }
      return emit(event, ...args);
    };
    await client.send(xml('presence', { to: `${room}/Juliet`, type: 'unavailable' }));
    await gone;
    client.emit = emit;

    expect(await rec.waitFor('roomLeft', () => true, 3_000)).toEqual({ type: 'roomLeft', room, reason: 'error', text: 'not-acceptable' });
    rec.events.length = 0;
    await rec.waitFor('roomJoined', () => true, 5_000);
    await owner.waitFor((s) => s.is('presence') && s.attrs.from === `${room}/Juliet` && !s.attrs.type);
  });
});
