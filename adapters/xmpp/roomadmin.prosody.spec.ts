/**
 * Room administration (XEP-0045 §7.8, §8-§10) through the XMPP adapter against the real Prosody
 * MUC service: each change the owner makes with the adapter is seen by a bot in the room.
 */
import { botJoinRoom, connectBot, createAccount, mucStatusCodes, prosody, roomJid, type Account, type Bot, type Stanza } from '../../tests/prosody';
import { RequestError, type DataFormDefinition } from '../types';
import { Recorder } from './spec-recorder';
import { prosodyAdapters } from './spec-prosody';
import { XmppAdapter } from './xmpp-adapter';
import { xml } from './xml';

jest.setTimeout(30_000);

const MUC_USER = 'http://jabber.org/protocol/muc#user';
const spec = prosodyAdapters();

async function owner(prefix: string) {
  const account = await createAccount(prefix);
  const adapter = new XmppAdapter({ reconnectDelay: 200 });
  spec.adapters.push(adapter);
  const rec = new Recorder(adapter);
  await adapter.connect({ jid: `${account.jid}/admin`, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
  return { account, adapter, rec };
}

async function bot(prefix: string): Promise<Bot> {
  return connectBot(await createAccount(prefix));
}

/** A room the adapter's user created (owner) with a bot in it as `Bot`. */
async function roomWithBot(prefix: string) {
  const room = roomJid(prefix);
  const o = await owner('owner');
  await o.adapter.createRoom(room, 'Owner', {});
  const b = await bot('bot');
  await botJoinRoom(b, room, 'Bot');
  return { room, ...o, bot: b };
}

function withValue(form: DataFormDefinition, name: string, values: string[]): DataFormDefinition {
  return { ...form, fields: form.fields.map(field => (field.var === name ? { ...field, values } : field)) };
}

const botItem = (s: Stanza) => s.getChild('x', MUC_USER)?.getChild('item');

describe('room administration against Prosody', () => {
  it('sets the subject and changes the nick: the bot sees both', async () => {
    const { room, adapter, bot: b } = await roomWithBot('subject');
    await adapter.setSubject(room, 'Release day');
    const subject = await b.waitFor(s => s.is('message') && s.attrs.type === 'groupchat' && s.getChildText('subject') === 'Release day');
    expect(subject.attrs.from).toBe(`${room}/Owner`);

    await adapter.changeNick(room, 'Boss');
    const gone = await b.waitFor(s => s.is('presence') && s.attrs.from === `${room}/Owner` && s.attrs.type === 'unavailable');
    expect(mucStatusCodes(gone)).toContain('303');
    expect(botItem(gone)?.attrs.nick).toBe('Boss');
  });

  it('reads the configuration form, submits a new name and members-only (the bot sees them), and cancels', async () => {
    const { room, adapter, bot: b } = await roomWithBot('config');
    const form = await adapter.getRoomConfig(room);
    expect(form.formType).toBe('http://jabber.org/protocol/muc#roomconfig');
    const names = form.fields.map(f => f.var);
    expect(names).toEqual(expect.arrayContaining(['muc#roomconfig_roomname', 'muc#roomconfig_membersonly']));
    expect(form.fields.find(f => f.var === 'muc#roomconfig_membersonly')?.type).toBe('boolean');

    await adapter.submitRoomConfig(room, withValue(form, 'muc#roomconfig_roomname', ['Renamed cave']));
    // Occupants are told the configuration changed (status 104), and disco#info shows it.
    await b.waitFor(s => s.is('message') && s.attrs.from === room && mucStatusCodes(s).includes('104'));
    const info = await b.iq(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    expect(info.getChild('query')?.getChild('identity')?.attrs.name).toBe('Renamed cave');

    // Members only: the bot, no member, is removed because of it (status 322), and the room says so.
    const again = await adapter.getRoomConfig(room);
    expect(again.fields.find(f => f.var === 'muc#roomconfig_roomname')?.values).toEqual(['Renamed cave']);
    await adapter.submitRoomConfig(room, withValue(again, 'muc#roomconfig_membersonly', ['1']));
    const removed = await b.waitFor(s => s.is('presence') && s.attrs.from === `${room}/Bot` && s.attrs.type === 'unavailable');
    expect(mucStatusCodes(removed)).toContain('322');
    const after = await adapter.getRoomConfig(room);
    await adapter.cancelRoomConfig(room);
    expect(after.fields.find(f => f.var === 'muc#roomconfig_membersonly')?.values).toEqual(['1']);

    await adapter.getRoomConfig(room);
    await expect(adapter.cancelRoomConfig(room)).resolves.toBeUndefined();
  });

  it('manages affiliations: the bot sees itself made a member, the list holds it, removal takes it off; a new member may join a members-only room', async () => {
    const { room, adapter, bot: b } = await roomWithBot('affil');
    await adapter.setAffiliation(room, b.account.jid, 'member', 'welcome');
    const self = await b.waitFor(s => s.is('presence') && s.attrs.from === `${room}/Bot` && botItem(s)?.attrs.affiliation === 'member');
    expect(mucStatusCodes(self)).toContain('110');
    expect(await adapter.getAffiliations(room, 'member')).toEqual([expect.objectContaining({ jid: b.account.jid, affiliation: 'member' })]);
    expect((await adapter.getAffiliations(room, 'owner')).map(i => i.jid)).toHaveLength(1);

    await adapter.setAffiliation(room, b.account.jid, 'none');
    await b.waitFor(s => s.is('presence') && s.attrs.from === `${room}/Bot` && botItem(s)?.attrs.affiliation === 'none');
    expect(await adapter.getAffiliations(room, 'member')).toEqual([]);

    // Members only: a stranger is refused until the owner adds them.
    const form = await adapter.getRoomConfig(room);
    await adapter.submitRoomConfig(room, withValue(form, 'muc#roomconfig_membersonly', ['1']));
    const stranger = await bot('stranger');
    await expect(botJoinRoom(stranger, room, 'Stranger')).rejects.toThrow('registration-required');
    await adapter.setAffiliation(room, stranger.account.jid, 'member');
    await expect(botJoinRoom(stranger, room, 'Stranger')).resolves.toBeDefined();
  });

  it('a list request an admin may not make is refused with a RequestError', async () => {
    const { room, bot: b } = await roomWithBot('refuse');
    const other = new XmppAdapter({ reconnectDelay: 200 });
    spec.adapters.push(other);
    const account: Account = await createAccount('plain');
    await other.connect({ jid: `${account.jid}/x`, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
    await other.joinRoom(room, { nick: 'Plain' });
    const refusal = await other.getRoomConfig(room).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestError);
    expect((refusal as RequestError).condition).toBe('forbidden');
    expect(b.jid).toBeTruthy();
  });

  it('invites through the room; the invitee declines and the inviter gets the decline with its reason', async () => {
    const { room, adapter, rec } = await roomWithBot('invite');
    const invitee = await bot('invitee');
    await adapter.invite(room, invitee.account.jid, 'Join us');
    const invitation = await invitee.waitFor(s => s.is('message') && s.attrs.from === room && !!s.getChild('x', MUC_USER)?.getChild('invite'));
    expect(invitation.getChild('x', MUC_USER)?.getChild('invite')?.getChildText('reason')).toBe('Join us');
    const inviter = invitation.getChild('x', MUC_USER)!.getChild('invite')!.attrs.from as string;

    await invitee.send(
      xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('decline', { to: inviter }, xml('reason', {}, 'Too busy')))),
    );
    const declined = await rec.waitFor('invitationDeclined');
    expect(declined).toEqual({ type: 'invitationDeclined', room, from: invitee.account.jid, reason: 'Too busy' });
  });

  it('declining an invitation sends the decline through the room to the inviter', async () => {
    const room = roomJid('declineout');
    const inviterBot = await bot('inviter');
    await botJoinRoom(inviterBot, room, 'Inviter');
    const { adapter, account, rec } = await owner('invited');
    await inviterBot.send(xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('invite', { to: account.jid }))));
    const invitation = await rec.waitFor('invitation');
    expect(invitation).toMatchObject({ room, kind: 'mediated' });
    await adapter.declineInvitation(room, invitation.from, 'Not today');
    const decline = await inviterBot.waitFor(s => s.is('message') && s.attrs.from === room && !!s.getChild('x', MUC_USER)?.getChild('decline'));
    expect(decline.getChild('x', MUC_USER)?.getChild('decline')?.getChildText('reason')).toBe('Not today');
  });

  it('destroys the room: the bot gets the destroy presence with the reason and alternate venue; the owner is out as destroyed', async () => {
    const { room, adapter, rec, bot: b } = await roomWithBot('destroy');
    const alternate = roomJid('elsewhere');
    await adapter.destroyRoom(room, { reason: 'Moving house', alternate });
    const gone = await b.waitFor(s => s.is('presence') && s.attrs.from === `${room}/Bot` && s.attrs.type === 'unavailable');
    const destroy = gone.getChild('x', MUC_USER)?.getChild('destroy');
    expect(destroy?.attrs.jid).toBe(alternate);
    expect(destroy?.getChildText('reason')).toBe('Moving house');
    expect(await rec.waitFor('roomLeft')).toMatchObject({ room, reason: 'destroyed', text: 'Moving house' });
  });
});
