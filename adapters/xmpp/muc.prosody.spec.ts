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
  stopAllBots,
  type Account,
  type Bot,
  type Stanza,
} from '../../tests/prosody';
import { RoomError, type Message } from '../types';
import { Recorder } from './spec-recorder';
import { XmppAdapter, type XmppAdapterOptions } from './xmpp-adapter';
import { xml } from './xml';

jest.setTimeout(30_000);

const adapters: XmppAdapter[] = [];
let warn: jest.SpyInstance;

beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.disconnect()));
  await stopAllBots();
  warn.mockRestore();
});

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
