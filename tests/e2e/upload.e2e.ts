/**
 * Sending files from <natter-app> in Chromium through Prosody's XEP-0363 service
 * (mod_http_file_share on loopback, 1 MB limit): the picker, a drop and a paste all reach the peer
 * as a message whose body is the OOB URL, and the peer downloads the same bytes; the own message
 * shows the file inline; a file over the limit says so with the limit; cancel stops an upload.
 */
import type { ElementHandle } from 'puppeteer';
import type { E2EPage } from '@stencil/core/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { prosody, stopAllBots } from '../prosody';
import {
  NICK,
  TEXT,
  appPaths,
  botUpload,
  chatSetup,
  describeViolations,
  download,
  joinRoomByAddress,
  openConversation,
  receivedFile,
  roomWithBots,
  runAxe,
  signedInUser,
  waitForElement,
  waitForHistory,
  waitForNone,
  waitForText,
  waitForTextContaining,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_OOB = 'jabber:x:oob';
const p = appPaths();
const uploader = `${p.chatbox} >>> natter-composer >>> natter-upload-button`;
const pickButton = `${uploader} >>> button[part=button]`;
const items = `${uploader} >>> [part~=item]`;
const itemError = `${uploader} >>> [part~=item] [part~=error]`;
const dropZone = `${p.chatbox} >>> [part=drop-zone]`;
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const dir = mkdtempSync(join(tmpdir(), 'natter-upload-e2e-'));

afterEach(stopAllBots);
// The files the tests pick, drop and paste: nothing stays behind in the system's temporary folder.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOnDisk(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The element at a deep path (the first), as a puppeteer handle. */
async function deepHandle(page: E2EPage, path: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle((q: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(q)[0], path);
  const element = handle.asElement();
  if (!element) throw new Error(`no element at ${path}`);
  return element as ElementHandle<Element>;
}

/** Picks files in the upload button's file input, as the picker does. */
async function pickFiles(page: E2EPage, ...paths: string[]): Promise<void> {
  const input = (await deepHandle(page, `${uploader} >>> input[type=file]`)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(...paths);
}

/**
 * A chat with a peer bot, open, with the server's upload service found (the button is enabled). The
 * peer wrote first: a conversation as people see it (the empty chat is another screen).
 */
async function openChat(prefix: string) {
  const setup = await chatSetup(prefix, 'Peer Pia');
  await setup.peer.sendMessage(setup.user.jid, 'Send me the files, please');
  await openConversation(setup.page, setup.peer.account.jid, 'Peer Pia');
  await waitForHistory(setup.page, setup.peer.account.jid);
  await waitForText(setup.page, p.messageBodies, 'Send me the files, please');
  await waitForElement(setup.page, `${pickButton}:not([aria-disabled])`);
  return setup;
}

describe('sending files to a contact', () => {
  it('from the keyboard, an image and a plain file picked together reach the peer as OOB messages whose URL gives the same bytes; the page shows them inline', async () => {
    const { page, peer, errors } = await openChat('upl-pick');
    const text = Buffer.from('Meeting notes\nline two\n');
    // The button is reached with the keyboard and opens the browser's file picker.
    await page.focus(p.composer);
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('part');
    })).toBe('button');
    // Enter asks the browser for its file picker: the file input is clicked. (The native picker is not
    // awaited: with both test workers' pages in one browser, Chromium may not show it for this one.)
    await page.evaluate((path: string) => {
      const input = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path)[0] as HTMLInputElement;
      input.addEventListener('click', event => {
        event.preventDefault();
        (window as unknown as { __pickerAsked?: boolean }).__pickerAsked = input.multiple;
      }, { once: true });
    }, `${uploader} >>> input[type=file]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __pickerAsked?: boolean }).__pickerAsked === true, { polling: 50, timeout: 10_000 });
    await pickFiles(page, fileOnDisk('dot.png', PNG), fileOnDisk('notes.txt', text));

    const image = await receivedFile(peer, 'dot.png');
    expect(image.file?.getChildText('media-type')).toBe('image/png');
    expect(image.file?.getChildText('size')).toBe(String(PNG.length));
    expect((await download(image.url)).equals(PNG)).toBe(true);
    const notes = await receivedFile(peer, 'notes.txt');
    expect(notes.file?.getChildText('media-type')).toBe('text/plain');
    expect((await download(notes.url)).equals(text)).toBe(true);

    // The own messages show the image (loaded from the upload service) and a link with name and size.
    await page.waitForFunction(
      (path: string, src: string) =>
        (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).some(img => (img as HTMLImageElement).src === src && (img as HTMLImageElement).naturalWidth === 1),
      { polling: 100, timeout: 10_000 },
      `${p.messages} >>> img[part=image]`,
      image.url,
    );
    await waitForTextContaining(page, `${p.messages} >>> a[part=file]`, TEXT['attachment.fileLabel'].replace('{name}', 'notes.txt').replace('{size}', `${text.length} bytes`));
    await waitForNone(page, items);
    expect(errors).toEqual([]);
  });

  it('a file over the limit says so with the limit (1 MB) and is sent to no one; dismissing it clears the list', async () => {
    const { page, peer } = await openChat('upl-big');
    const limit = prosody().uploadLimit;
    await pickFiles(page, fileOnDisk('big.bin', Buffer.alloc(limit + 1)));
    await waitForText(page, itemError, TEXT['upload.error.tooLarge'].replace('{name}', 'big.bin').replace('{limit}', '1 MB'));
    expect(await page.$eval(`${uploader} >>> [part~=item] [part~=error]`, el => el.getAttribute('role'))).toBe('alert');

    // axe on the chatbox with a failed upload listed (and the picker button beside the text area).
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);

    await page.click(`${uploader} >>> button[part~=dismiss-button]`);
    await waitForNone(page, items);
    expect(peer.buffered.some(s => s.is('message') && !!s.getChild('x', NS_OOB))).toBe(false);
  });

  it('shows progress, and cancel stops an upload on its way: it leaves the list, the file is never stored, the peer gets nothing', async () => {
    const { page, peer } = await openChat('upl-cancel');
    const puts: string[] = [];
    page.on('request', request => {
      if (request.method() === 'PUT') puts.push(request.url());
    });
    // A slow uplink (about 50 kB/s): the 900 kB upload takes many seconds, time to see progress and cancel.
    const cdp = await page.target().createCDPSession();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 50_000 });
    await pickFiles(page, fileOnDisk('slow.bin', Buffer.alloc(900_000, 7)));
    const progress = `${uploader} >>> [part~=item][data-status=uploading] progress`;
    await waitForElement(page, progress);
    expect(await page.$eval(progress, el => el.getAttribute('aria-label'))).toBe(TEXT['upload.progressLabel'].replace('{name}', 'slow.bin'));
    // Progress moves (the browser reports bytes sent) before the upload is done.
    await page.waitForFunction(
      (path: string) => {
        const bar = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path)[0] as HTMLProgressElement | undefined;
        return !!bar && bar.value > 0 && bar.value < bar.max;
      },
      { polling: 100, timeout: 15_000 },
      progress,
    );
    await page.click(`${uploader} >>> button[part~=cancel-button]`);
    await waitForNone(page, items);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(puts).toHaveLength(1);
    await new Promise(resolve => setTimeout(resolve, 1_500));
    expect(peer.buffered.some(s => s.is('message') && !!s.getChild('x', NS_OOB))).toBe(false);
    // The slot's file was never stored: Prosody answers 410 Gone for a slot that was never filled (PUT and GET URLs are the same there).
    expect((await fetch(puts[0])).status).toBe(410);
  });

  it('a PUT that gets no answer (blocked, as CORS would) says so; Try again then sends the file', async () => {
    const { page, peer } = await openChat('upl-net');
    const cdp = await page.target().createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: ['*/file_share/*'] });
    await pickFiles(page, fileOnDisk('again.png', PNG));
    await waitForText(page, itemError, TEXT['upload.error.network'].replace('{name}', 'again.png'));
    await cdp.send('Network.setBlockedURLs', { urls: [] });
    await page.click(`${uploader} >>> button[part~=retry-button]`);
    const sent = await receivedFile(peer, 'again.png');
    expect((await download(sent.url)).equals(PNG)).toBe(true);
    await waitForNone(page, items);
  });

  it('a dropped file and a pasted file take the same path and reach the peer', async () => {
    const { page, peer } = await openChat('upl-drop');
    await page.evaluate((path: string) => {
      const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
      const section = deep(path)[0].shadowRoot!.querySelector('section[part=base]')!;
      const data = new DataTransfer();
      data.items.add(new File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }));
      section.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    }, p.chatbox);
    await waitForTextContaining(page, dropZone, 'Drop files to send them to Peer Pia');
    const axe = await runAxe(page, 'natter-app');
    expect(describeViolations(axe.violations)).toEqual([]);
    await page.evaluate((path: string) => {
      const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
      const zone = deep(path)[0];
      const data = new DataTransfer();
      data.items.add(new File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    }, dropZone);
    await waitForNone(page, dropZone);
    const dropped = await receivedFile(peer, 'dropped.txt');
    expect((await download(dropped.url)).toString()).toBe('dropped bytes');

    await page.evaluate((path: string) => {
      const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
      const textarea = deep(path)[0];
      const data = new DataTransfer();
      data.items.add(new File(['pasted bytes'], 'pasted.txt', { type: 'text/plain' }));
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    }, p.composer);
    const pasted = await receivedFile(peer, 'pasted.txt');
    expect((await download(pasted.url)).toString()).toBe('pasted bytes');
    // Pasting a file leaves the draft alone.
    expect(await page.$eval(p.composer, el => (el as HTMLTextAreaElement).value).catch(() => '')).toBe('');
  });
});

describe('receiving files', () => {
  it("a peer's image shows inline and loads, a peer's other file is a safe link with name and size, and the URL is not repeated as text", async () => {
    const { page, peer, user, errors } = await openChat('upl-in');
    const imageUrl = await botUpload(peer, 'from-pia.png', PNG, 'image/png');
    const pdfBytes = Buffer.from('%PDF-1.4 not really');
    const pdfUrl = await botUpload(peer, 'agenda.pdf', pdfBytes, 'application/pdf');
    for (const [url, name, type, size] of [[imageUrl, 'from-pia.png', 'image/png', PNG.length], [pdfUrl, 'agenda.pdf', 'application/pdf', pdfBytes.length]] as const) {
      await peer.send(
        xml(
          'message',
          { to: user.jid, type: 'chat', id: `file-${name}` },
          xml('body', {}, url),
          xml('x', { xmlns: NS_OOB }, xml('url', {}, url)),
          xml('file', { xmlns: 'urn:xmpp:file:metadata:0' }, xml('media-type', {}, type), xml('name', {}, name), xml('size', {}, String(size))),
        ),
      );
    }
    await page.waitForFunction(
      (path: string, src: string) =>
        (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).some(img => (img as HTMLImageElement).src === src && (img as HTMLImageElement).naturalWidth === 1),
      { polling: 100, timeout: 10_000 },
      `${p.messages} >>> img[part=image]`,
      imageUrl,
    );
    await waitForTextContaining(page, `${p.messages} >>> a[part=file]`, TEXT['attachment.fileLabel'].replace('{name}', 'agenda.pdf').replace('{size}', `${pdfBytes.length} bytes`));
    const link = await page.evaluate(
      (path: string) => {
        const a = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).find(el => (el as HTMLAnchorElement).href.endsWith('agenda.pdf'));
        return a ? { href: (a as HTMLAnchorElement).href, rel: a.getAttribute('rel'), target: a.getAttribute('target') } : null;
      },
      `${p.messages} >>> a[part=file]`,
    );
    expect(link).toEqual({ href: pdfUrl, rel: 'noopener noreferrer', target: '_blank' });
    // The body only repeated the URL: no text line shows it again.
    const bodies = await page.evaluate((path: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).map(el => el.textContent ?? ''), `${p.messages} >>> [part=body]`);
    expect(bodies.some(text => text.includes(imageUrl) || text.includes(pdfUrl))).toBe(false);
    expect(describeViolations((await runAxe(page, 'natter-app')).violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('sending a file to a room', () => {
  it('reaches every occupant as a groupchat message with body = OOB URL, and shows once in the page', async () => {
    const { room, occupants } = await roomWithBots('upl-room', 'Upload Room', ['Alice']);
    const [alice] = occupants;
    const { page, errors } = await signedInUser('upl-room');
    await joinRoomByAddress(page, room);
    await waitForHistory(page, room);
    await waitForElement(page, `${pickButton}:not([aria-disabled])`);
    await pickFiles(page, fileOnDisk('room.png', PNG));
    const message = await alice.bot.waitFor(
      s => s.is('message') && s.attrs.type === 'groupchat' && s.attrs.from === `${room}/${NICK}` && !!s.getChild('x', NS_OOB),
      15_000,
    );
    const url = message.getChild('x', NS_OOB)!.getChildText('url');
    expect(message.getChildText('body')).toBe(url);
    expect((await download(url!)).equals(PNG)).toBe(true);
    // The room's copy of the own message is the same message: one image in the page.
    await waitForElement(page, `${p.messages} >>> img[part=image]`);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(await page.evaluate((path: string) => (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(path).length, `${p.messages} >>> img[part=image]`)).toBe(1);
    expect(errors).toEqual([]);
  });
});
