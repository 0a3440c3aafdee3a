/**
 * Profiles against the test Prosody (mod_pep, mod_vcard_legacy): what a bot publishes (a XEP-0084
 * avatar, a XEP-0172 nick, a vCard-temp full name) is what the adapter reads, byte for byte; what
 * the adapter publishes (its avatar, names) is what a bot reads back, through PEP and vCard-temp.
 */
import { createHash } from 'node:crypto';
import { xml } from '@xmpp/client';
import { botPublish, connectBot, createAccount, prosody } from '../../tests/prosody';
import type { AdapterEvent } from '../types';
import { prosodyAdapters } from './spec-prosody';
import { XmppAdapter } from './xmpp-adapter';

jest.setTimeout(30_000);

const harness = prosodyAdapters();

/** A real 32 px PNG (the demo's). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAk0lEQVR42mPgjllLU8QwKCyIMhLBiqhgAS6jibeGgUjTPx6ah4aItIOBoOmYRmO1hjQLiDSdGDvwWUCM6ch2EGsBqabjt4PuFpBnOh47Ri2gggVyMEBQcHBYAEHkBRFpZRFVTB9QC9DsWGBjg4aIMX2gLSAyoKhQJ5NnNMmtClKNHkzNFqpZQEwjhdSGzKgFI8ACABhqJgi5OXX/AAAAAElFTkSuQmCC',
  'base64',
);
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

async function signedIn() {
  const account = await createAccount('profile');
  const adapter = new XmppAdapter({ tokenStore: null });
  harness.adapters.push(adapter);
  const events: AdapterEvent[] = [];
  adapter.subscribe(e => events.push(e));
  await adapter.connect({ jid: `${account.jid}/natter`, password: account.password, service: prosody().wsUrl, mechanisms: ['PLAIN'] });
  return { adapter, account, events };
}

function profileEvents(events: AdapterEvent[], jid: string) {
  return events.filter((e): e is Extract<AdapterEvent, { type: 'profile' }> => e.type === 'profile' && e.jid === jid);
}

describe('profiles against Prosody', () => {
  it('reads the avatar (XEP-0084), nick and vCard full name a contact published, and the very bytes of the avatar', async () => {
    const bot = await connectBot(await createAccount('face'));
    const hash = sha1(PNG);
    // vCard first: mod_vcard_legacy maps a vCard without PHOTO onto the avatar nodes (no avatar).
    await bot.iq(xml('iq', { type: 'set' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Fay Cee'))));
    await botPublish(bot, 'urn:xmpp:avatar:data', xml('item', { id: hash }, xml('data', { xmlns: 'urn:xmpp:avatar:data' }, PNG.toString('base64'))));
    await botPublish(
      bot,
      'urn:xmpp:avatar:metadata',
      xml('item', { id: hash }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, xml('info', { id: hash, bytes: String(PNG.length), type: 'image/png', width: '32', height: '32' }))),
    );
    await botPublish(bot, 'http://jabber.org/protocol/nick', xml('item', {}, xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, 'Facey')));

    const { adapter, events } = await signedIn();
    await adapter.fetchProfile(bot.account.jid);
    const [event] = profileEvents(events, bot.account.jid);
    expect(event.profile).toMatchObject({ nick: 'Facey', fullName: 'Fay Cee', avatar: { id: hash, source: 'pep', type: 'image/png', bytes: PNG.length } });
    const image = await adapter.fetchAvatar(bot.account.jid, event.profile.avatar!);
    expect(Buffer.from(image.bytes).equals(PNG)).toBe(true);
    expect(sha1(image.bytes)).toBe(hash);
  });

  it('publishes its avatar: a bot reads the same bytes from the XEP-0084 data item and from the vCard-temp PHOTO', async () => {
    const { adapter, account, events } = await signedIn();
    const id = await adapter.publishAvatar({ type: 'image/png', bytes: new Uint8Array(PNG), width: 32, height: 32 });
    expect(id).toBe(sha1(PNG));
    expect(profileEvents(events, account.jid).some(e => e.profile.avatar?.id === id)).toBe(true);

    const bot = await connectBot(await createAccount('viewer'));
    const items = await bot.iq(
      xml('iq', { type: 'get', to: account.jid }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:avatar:data' }, xml('item', { id })))),
    );
    const data = items.getChild('pubsub')!.getChild('items')!.getChild('item')!.getChildText('data')!;
    expect(Buffer.from(data, 'base64').equals(PNG)).toBe(true);
    const meta = await bot.iq(
      xml('iq', { type: 'get', to: account.jid }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:avatar:metadata' }))),
    );
    expect(meta.getChild('pubsub')!.getChild('items')!.getChild('item')!.getChild('metadata')!.getChild('info')!.attrs).toMatchObject({ id, type: 'image/png', bytes: String(PNG.length) });

    const vcard = await bot.iq(xml('iq', { type: 'get', to: account.jid }, xml('vCard', { xmlns: 'vcard-temp' })));
    const binval = vcard.getChild('vCard')!.getChild('PHOTO')!.getChildText('BINVAL')!;
    expect(Buffer.from(binval.replace(/\s+/g, ''), 'base64').equals(PNG)).toBe(true);
  });

  it('publishes its nick and full name: a bot reads them from PEP and vCard-temp, and the adapter reads them back', async () => {
    const { adapter, account, events } = await signedIn();
    await adapter.setProfile({ nick: 'Jules', fullName: 'Juliet Capulet' });
    const bot = await connectBot(await createAccount('reader'));
    const nick = await bot.iq(
      xml('iq', { type: 'get', to: account.jid }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'http://jabber.org/protocol/nick' }))),
    );
    expect(nick.getChild('pubsub')!.getChild('items')!.getChild('item')!.getChildText('nick')).toBe('Jules');
    const vcard = await bot.iq(xml('iq', { type: 'get', to: account.jid }, xml('vCard', { xmlns: 'vcard-temp' })));
    expect(vcard.getChild('vCard')!.getChildText('FN')).toBe('Juliet Capulet');

    events.length = 0;
    await adapter.fetchProfile(account.jid);
    expect(profileEvents(events, account.jid)[0].profile).toMatchObject({ nick: 'Jules', fullName: 'Juliet Capulet' });
  });

  it('a contact without any profile gives an empty one', async () => {
    const { adapter, events } = await signedIn();
    const bot = await connectBot(await createAccount('blank'));
    await adapter.fetchProfile(bot.account.jid);
    const [event] = profileEvents(events, bot.account.jid);
    expect(event.profile.nick).toBeUndefined();
    expect(event.profile.fullName).toBeUndefined();
    expect(event.profile.avatar ?? null).toBeNull();
  });
});
