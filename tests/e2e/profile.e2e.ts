/**
 * Avatars and names end to end, against Prosody: a contact's XEP-0084 avatar and nick show in the
 * roster (the image's bytes in the page are the ones the bot published, under their SHA-1), and
 * the user's avatar published from the profile panel is what a bot reads from PEP and vCard-temp.
 * Then the profile panel, on the demo network, has no axe violation in any theme.
 */
import type { E2EPage } from '@stencil/core/testing';
import type { ElementHandle } from 'puppeteer';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { botPublish, connectBot, createAccount } from '../prosody';
import { APP, TEXT, appPaths, befriendUser, describeViolations, openPage, runAxe, signIn, waitForElement, waitForText } from './support';

jest.setTimeout(90_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAjUlEQVR42mMQTNakKWIYFBaI4ABUsECECEC+Bcim9IaqoCEi7WAgaDqm0VitIc0CIk0nxg58FhBjOrIdxFpAqun47aC7BeSZjseOUQuoYIEcDBAUHBwWQBB5QURaWUQV0wfUAjQ7FtjYoCFiTB9oC4gMKCrUyeQZTXKrglSjB1OzhWoWiFAJjFowwiwAAO0fjgfv9W4fAAAAAElFTkSuQmCC',
  'base64',
);
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const PUBSUB = 'http://jabber.org/protocol/pubsub';

/** The bytes behind the first `<img>` at a deep path (a blob: URL), base64. */
async function imageBytes(page: E2EPage, path: string): Promise<Buffer> {
  const handle = await page.waitForFunction(
    async (p: string) => {
      const img = (window as unknown as { __natterDeep: (q: string) => Element[] }).__natterDeep(p)[0] as HTMLImageElement | undefined;
      if (!img?.src) return false;
      const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { base64: btoa(binary), alt: img.getAttribute('alt'), src: img.src };
    },
    { polling: 100, timeout: 15_000 },
    path,
  );
  const got = (await handle.jsonValue()) as { base64: string; alt: string | null; src: string };
  expect(got.src).toMatch(/^blob:/);
  // Decorative: the name is written beside it.
  expect(got.alt).toBe('');
  return Buffer.from(got.base64, 'base64');
}

async function deepHandle(page: E2EPage, path: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle((q: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(q)[0], path);
  const element = handle.asElement();
  if (!element) throw new Error(`no element at ${path}`);
  return element as ElementHandle<Element>;
}

describe('avatars and names against Prosody', () => {
  const p = appPaths();
  const profile = `${p.app} >>> natter-profile`;

  it('shows the avatar and nick a contact published: the bytes in the page are the published ones', async () => {
    const user = await createAccount('face-user');
    const peer = await connectBot(await createAccount('face-peer'));
    await befriendUser(user, peer, ''); // no roster name: the nick names them
    const hash = sha1(PNG);
    await botPublish(peer, 'urn:xmpp:avatar:data', xml('item', { id: hash }, xml('data', { xmlns: 'urn:xmpp:avatar:data' }, PNG.toString('base64'))));
    await botPublish(
      peer,
      'urn:xmpp:avatar:metadata',
      xml('item', { id: hash }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, xml('info', { id: hash, bytes: String(PNG.length), type: 'image/png', width: '32', height: '32' }))),
    );
    await botPublish(peer, 'http://jabber.org/protocol/nick', xml('item', {}, xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, 'Facey McFace')));

    const errors: string[] = [];
    const page = await openPage(APP, errors);
    await signIn(page, user);
    await waitForText(page, p.rowName(peer.account.jid), 'Facey McFace');
    const bytes = await imageBytes(page, `${p.row(peer.account.jid)} [part=avatar] img`);
    expect(sha1(bytes)).toBe(hash);
    expect(bytes.equals(PNG)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('publishes the avatar picked in the profile panel: a bot reads the same bytes from PEP and from the vCard', async () => {
    const user = await createAccount('own-face');
    const errors: string[] = [];
    const page = await openPage(APP, errors);
    await signIn(page, user);
    await page.click(`${p.app} >>> [part=profile-button]`);
    await waitForElement(page, `${profile} >>> [part=choose-button]`);

    const dir = mkdtempSync(join(tmpdir(), 'natter-avatar-'));
    const file = join(dir, 'me.png');
    writeFileSync(file, PNG);
    const input = (await deepHandle(page, `${profile} >>> input[type=file]`)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await waitForText(page, `${profile} >>> [part=status]`, TEXT['profile.previewReady']);
    await page.click(`${profile} >>> [part=publish-button]`);
    await waitForText(page, `${profile} >>> [part=status]`, TEXT['profile.avatarPublished']);

    const shown = await imageBytes(page, `${p.app} >>> [part=profile-button] img`);
    const bot = await connectBot(await createAccount('own-viewer'));
    const meta = await bot.iq(xml('iq', { type: 'get', to: user.jid }, xml('pubsub', { xmlns: PUBSUB }, xml('items', { node: 'urn:xmpp:avatar:metadata' }))));
    const info = meta.getChild('pubsub')!.getChild('items')!.getChild('item')!.getChild('metadata')!.getChild('info')!;
    const id = info.attrs.id as string;
    const data = await bot.iq(xml('iq', { type: 'get', to: user.jid }, xml('pubsub', { xmlns: PUBSUB }, xml('items', { node: 'urn:xmpp:avatar:data' }, xml('item', { id })))));
    const published = Buffer.from(data.getChild('pubsub')!.getChild('items')!.getChild('item')!.getChildText('data')!, 'base64');
    expect(sha1(published)).toBe(id);
    expect(published.equals(shown)).toBe(true);
    // (Prosody's mod_vcard_legacy rewrites the metadata from the vCard PHOTO: same id, type and size, no dimensions.)
    expect(info.attrs).toMatchObject({ type: 'image/png', bytes: String(published.length) });
    const vcard = await bot.iq(xml('iq', { type: 'get', to: user.jid }, xml('vCard', { xmlns: 'vcard-temp' })));
    const photo = Buffer.from(vcard.getChild('vCard')!.getChild('PHOTO')!.getChildText('BINVAL')!.replace(/\s+/g, ''), 'base64');
    expect(photo.equals(published)).toBe(true);

    // Not an image: a clear error, and nothing is published.
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    await input.uploadFile(text);
    await waitForText(page, `${profile} >>> [part=error]`, TEXT['profile.errorNotImage']);
    expect(errors).toEqual([]);
  });
});

describe('the profile panel in every theme', () => {
  const THEMES = [...readFileSync(join(__dirname, '..', '..', 'themes', 'index.css'), 'utf8').matchAll(/natter-([a-z-]+)\.css/g)].map(m => m[1]);

  it.each([null, ...THEMES])('theme %s: no axe violation', async theme => {
    const errors: string[] = [];
    const page = await openPage(
      `<link rel="stylesheet" href="/themes/index.css">
       <div id="root" style="background: var(--natter-color-bg, #fff); padding: 8px">
         <natter-session adapter="demo"><natter-profile closable></natter-profile></natter-session>
       </div>`,
      errors,
    );
    await page.evaluate((name: string | null) => {
      document.getElementById('root')!.className = name ? `natter-theme-${name}` : '';
    }, theme);
    await waitForElement(page, 'natter-profile >>> [part=save-button]');
    const report = await runAxe(page, '#root');
    expect(describeViolations(report.violations)).toEqual([]);
    expect(report.passes).toEqual(expect.arrayContaining(['color-contrast', 'label']));
    expect(errors).toEqual([]);
  });
});
