/**
 * A session on the XMPP adapter against the real Prosody started by tests/prosody/global-setup.ts,
 * with bots from tests/prosody.ts: the message window drops the oldest messages of a busy
 * conversation and loads them back from the archive.
 */
import { botJoinRoom, connectBot, createAccount, prosody, roomJid, stopAllBots, type Bot } from '../tests/prosody';
import type { Jid } from '../adapters/types';
import { XmppAdapter } from '../adapters/xmpp/xmpp-adapter';
import { createSession, type Session } from './session';

jest.setTimeout(30_000);

const WINDOW = 20;
const sessions: Session[] = [];
let warn: jest.SpyInstance;

beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map(session => session.actions.logout()));
  await stopAllBots();
  warn.mockRestore();
});

/** A signed-in session for a fresh account, keeping `WINDOW` messages per conversation. */
async function signedIn(prefix: string): Promise<Session> {
  const account = await createAccount(prefix);
  const session = createSession({ adapter: new XmppAdapter({ reconnectDelay: 200 }), messageWindow: WINDOW });
  sessions.push(session);
  await session.actions.login({ jid: `${account.jid}/natter`, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
  return session;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

function bodies(session: Session, jid: Jid): string[] {
  return session
    .conversation(jid)
    .get('messages')
    .filter(message => !message.notice)
    .map(message => message.body);
}

/** Sends `count` numbered messages as fast as the server takes them. */
async function burst(bot: Bot, to: Jid, type: 'chat' | 'groupchat', count: number): Promise<string[]> {
  const sent = Array.from({ length: count }, (_, i) => `message ${String(i + 1).padStart(2, '0')}`);
  for (const body of sent) await bot.sendMessage(to, body, type);
  return sent;
}

/** The user scrolls up and pages back until the archive has nothing older. */
async function scrollToTheStart(session: Session, jid: Jid): Promise<void> {
  session.actions.setFollowingLatest(jid, false);
  for (let page = 0; page < 5 && !session.conversation(jid).get('history').complete; page++) {
    await session.actions.loadOlderMessages(jid);
  }
}

function expectTrimmed(session: Session, jid: Jid, sent: string[]): void {
  const store = session.conversation(jid);
  const held = store.get('messages');
  expect(held.length).toBeLessThanOrEqual(WINDOW * 1.2);
  expect(bodies(session, jid)).toEqual(sent.slice(sent.length - held.length));
  expect(store.get('history')).toMatchObject({ complete: false, cursor: held[0].stanzaId });
}

describe('the message window against Prosody', () => {
  it('drops the oldest of 50 room messages and loads them back from the room archive in order, once each', async () => {
    const room = roomJid('window');
    const owner = await connectBot(await createAccount('owner'));
    await botJoinRoom(owner, room, 'Owner');
    const session = await signedIn('reader');
    await session.actions.joinRoom(room, { nick: 'Reader' });
    await until(() => session.conversation(room).get('history').status === 'idle');

    const sent = await burst(owner, room, 'groupchat', 50);
    await until(() => bodies(session, room).at(-1) === sent.at(-1));
    expectTrimmed(session, room, sent);

    await scrollToTheStart(session, room);
    expect(session.conversation(room).get('history').complete).toBe(true);
    expect(bodies(session, room)).toEqual(sent);
  });

  it('drops the oldest of 50 chat messages and loads them back from our own archive in order, once each', async () => {
    const peer = await connectBot(await createAccount('peer'));
    const session = await signedIn('reader');
    const from = peer.account.jid;

    const sent = await burst(peer, session.ownJid()!, 'chat', 50);
    await until(() => bodies(session, from).at(-1) === sent.at(-1));
    expectTrimmed(session, from, sent);

    await scrollToTheStart(session, from);
    expect(session.conversation(from).get('history').complete).toBe(true);
    expect(bodies(session, from)).toEqual(sent);
  });
});
