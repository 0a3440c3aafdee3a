import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createDemoAdapter, type DemoAdapter } from '../adapters/demo/demo-adapter';
import { avatarUrl } from '../stores/profiles';
import { avatarProblem, sniffImageType, MAX_AVATAR_BYTES } from './actions/profiles';
import { createSession, type Session } from './session';
import { memoryAvatars, type AvatarStorage } from './storage';

const ALICE = 'alice@demo.natter.chat';
const DMITRI = 'dmitri@demo.natter.chat';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** Lets the adapter's answers, the cache and the checks run (promise turns only), applying events as they come. */
async function settle(session: Session) {
  for (let round = 0; round < 5; round++) {
    for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    session.flush();
  }
}

async function signedIn(avatars: AvatarStorage = memoryAvatars(), adapter: DemoAdapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false })) {
  const session = createSession({ adapter, avatarStorage: avatars });
  await session.actions.login({ jid: 'me@demo.natter.chat', password: 'pw' });
  await settle(session);
  return { adapter, session };
}

describe('profiles and avatars in the session', () => {
  it('asks for a profile once, and shows the checked avatar as a blob: URL', async () => {
    const { adapter, session } = await signedIn();
    session.actions.loadProfile(ALICE);
    session.actions.loadProfile(ALICE);
    await settle(session);
    expect(session.profiles.get('profiles')[ALICE]).toMatchObject({ nick: 'Alice', fullName: 'Alice Martin', avatar: { source: 'pep' } });
    expect(avatarUrl(session.profiles.state, ALICE)).toMatch(/^blob:/);
    expect(adapter.avatarFetches).toBe(1);
  });

  it('a second view takes the image from the cache: no second fetch', async () => {
    const avatars = memoryAvatars();
    const first = await signedIn(avatars);
    first.session.actions.loadProfile(ALICE);
    await settle(first.session);
    expect(first.adapter.avatarFetches).toBe(1);
    first.session.dispose();

    const second = await signedIn(avatars);
    second.session.actions.loadProfile(ALICE);
    await settle(second.session);
    expect(avatarUrl(second.session.profiles.state, ALICE)).toMatch(/^blob:/);
    expect(second.adapter.avatarFetches).toBe(0);
  });

  it('fetches nothing for what was never on screen', async () => {
    const { adapter, session } = await signedIn();
    adapter.emit({ type: 'profile', jid: DMITRI, profile: { avatar: { id: 'a'.repeat(40), source: 'vcard' } } });
    await settle(session);
    expect(adapter.avatarFetches).toBe(0);
    expect(session.profiles.get('images')).toEqual({});
  });

  it('refuses bytes whose hash is not the advertised id, SVG, and what is too large', async () => {
    expect(avatarProblem(bytesToHex(sha1(PNG)), { type: 'image/png', bytes: PNG })).toBeNull();
    expect(avatarProblem('b'.repeat(40), { type: 'image/png', bytes: PNG })).toBe('hash-mismatch');
    expect(avatarProblem(bytesToHex(sha1(SVG)), { type: 'image/png', bytes: SVG })).toBe('not-an-image');
    expect(avatarProblem('c'.repeat(40), { type: 'image/png', bytes: new Uint8Array(MAX_AVATAR_BYTES + 1) })).toBe('too-large');
    expect(sniffImageType(SVG)).toBeUndefined();

    // A contact whose server hands out other bytes than the id says: the initial stays.
    const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
    adapter.setDemoProfile(DMITRI, { avatar: { type: 'image/png', bytes: PNG } });
    const fetchAvatar = adapter.fetchAvatar.bind(adapter);
    adapter.fetchAvatar = async (jid, ref) => ({ ...(await fetchAvatar(jid, ref)), bytes: SVG });
    const { session } = await signedIn(memoryAvatars(), adapter);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    session.actions.loadProfile(DMITRI);
    await settle(session);
    expect(avatarUrl(session.profiles.state, DMITRI)).toBeUndefined();
    expect(session.profiles.get('images')[bytesToHex(sha1(PNG))]).toEqual({ status: 'failed' });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('names a contact without a roster name by nick, then full name; publishes the own profile and avatar', async () => {
    const { session } = await signedIn();
    session.dispatch({ type: 'profile', jid: DMITRI, profile: { fullName: 'Dmitri V.' } });
    expect(session.profiles.get('profiles')[DMITRI].fullName).toBe('Dmitri V.');
    session.dispatch({ type: 'profile', jid: DMITRI, profile: { fullName: '' } });
    expect(session.profiles.get('profiles')[DMITRI].fullName).toBeUndefined();

    await session.actions.setProfile({ nick: 'Me', fullName: 'Me Myself' });
    expect(session.profiles.get('profiles')['me@demo.natter.chat']).toMatchObject({ nick: 'Me', fullName: 'Me Myself' });
    const id = await session.actions.publishAvatar({ type: 'image/png', bytes: PNG, width: 1, height: 1 });
    await settle(session);
    expect(id).toBe(bytesToHex(sha1(PNG)));
    expect(avatarUrl(session.profiles.state, 'me@demo.natter.chat')).toMatch(/^blob:/);
    await expect(session.actions.publishAvatar({ type: 'image/png', bytes: SVG, width: 1, height: 1 })).rejects.toThrow('not-an-image');
  });
});

describe('profiles asked before the server answered', () => {
  it('asks for who was on screen while offline once the session is online', async () => {
    const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
    const session = createSession({ adapter, avatarStorage: memoryAvatars() });
    session.actions.loadProfile(ALICE);
    await settle(session);
    expect(session.profiles.get('profiles')[ALICE]).toBeUndefined();
    await session.actions.login({ jid: 'me@demo.natter.chat', password: 'pw' });
    await settle(session);
    expect(session.profiles.get('profiles')[ALICE]?.nick).toBe('Alice');
    expect(avatarUrl(session.profiles.state, ALICE)).toMatch(/^blob:/);
  });
});
