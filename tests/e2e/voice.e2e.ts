/**
 * Voice messages in <natter-app> against Prosody: Chromium records from its fake microphone (a
 * beeping tone, `--use-fake-device-for-media-stream`), the recording is uploaded to Prosody's
 * XEP-0363 service and reaches the peer as OOB with its length, the file is WebM/Ogg audio, and
 * it plays back in the page; a peer's voice message plays in the accessible player.
 */
import type { E2EPage } from '@stencil/core/testing';
import { xml } from '@xmpp/client';
import { stopAllBots } from '../prosody';
import {
  appPaths,
  botUpload,
  chatSetup,
  describeViolations,
  download,
  openConversation,
  receivedFile,
  runAxe,
  waitForElement,
  waitForHistory,
  waitForNone,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const p = appPaths();
const recorder = `${p.chatbox} >>> natter-composer >>> natter-voice-recorder`;
const recordButton = `${recorder} >>> [part=record-button]`;
const sendButton = `${recorder} >>> [part=send-button]`;
const elapsed = `${recorder} >>> [part=elapsed]`;
const player = `${p.messages} >>> natter-audio-player`;

afterEach(stopAllBots);

/** Waits until the recorder's level meter moves (the fake microphone beeps once a second). */
async function waitForLevel(page: E2EPage): Promise<void> {
  await page.waitForFunction(
    (q: string) => {
      const meter = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(q)[0] as HTMLMeterElement | undefined;
      return !!meter && meter.value > 0;
    },
    { polling: 50, timeout: 10_000 },
    `${recorder} >>> [part=level]`,
  );
}

/** Waits until the first audio element at `path` has played past `seconds`. */
async function waitForPlayback(page: E2EPage, path: string, seconds: number): Promise<void> {
  await page.waitForFunction(
    (q: string, s: number) => {
      const audio = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep(q)[0] as HTMLAudioElement | undefined;
      return !!audio && audio.currentTime > s;
    },
    { polling: 100, timeout: 15_000 },
    path,
    seconds,
  );
}

async function openChat(prefix: string) {
  const setup = await chatSetup(prefix, 'Peer Vic');
  await openConversation(setup.page, setup.peer.account.jid, 'Peer Vic');
  await waitForHistory(setup.page, setup.peer.account.jid);
  return setup;
}

describe('voice messages', () => {
  it('records from the microphone, sends the recording as OOB with its length, and it plays back', async () => {
    const { page, peer, errors } = await openChat('voice-rec');
    await waitForElement(page, `${recordButton}:not([disabled])`);
    await page.click(recordButton);
    await waitForElement(page, sendButton);
    // The time runs and the meter hears the fake microphone's tone.
    await waitForLevel(page);
    await waitForText(page, elapsed, '0:02');
    expect(describeViolations((await runAxe(page, 'natter-app')).violations)).toEqual([]);
    await page.click(sendButton);

    const { url, file } = await receivedFile(peer, name => /^voice-\d{8}-\d{6}\.(webm|ogg)$/.test(name));
    expect(Number(file?.getChildText('length'))).toBeGreaterThanOrEqual(2000);
    expect(file?.getChildText('media-type')).toMatch(/^audio\/(webm|ogg)$/);
    const bytes = await download(url);
    const magic = bytes.subarray(0, 4).toString('hex');
    // WebM starts with the EBML header, Ogg with "OggS".
    expect(['1a45dfa3', '4f676753']).toContain(magic);
    expect(bytes.length).toBeGreaterThan(1000);

    // The own message holds a player that really plays the uploaded recording.
    await waitForElement(page, player);
    await waitForNone(page, `${recorder} >>> [part=recording]`);
    await page.click(`${player} >>> [part=play-button]`);
    await waitForPlayback(page, `${player} >>> audio`, 0.5);
    expect(errors).toEqual([]);
  });

  it("plays a peer's voice message in a player named after them, operable from the keyboard", async () => {
    const { page, peer, user, errors } = await openChat('voice-in');
    // A real recording would do as well; a tone of Chromium's own making keeps the test self-contained.
    const audio = Buffer.from(
      await page.evaluate(async () => {
        const context = new OfflineAudioContext(1, 48_000 * 2, 48_000);
        const tone = context.createOscillator();
        tone.connect(context.destination);
        tone.start();
        const rendered = await context.startRendering();
        const samples = rendered.getChannelData(0);
        // A 16-bit PCM WAV file: header, then the samples.
        const view = new DataView(new ArrayBuffer(44 + samples.length * 2));
        const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
        text(0, 'RIFF');
        view.setUint32(4, 36 + samples.length * 2, true);
        text(8, 'WAVEfmt ');
        view.setUint32(16, 16, true);
        view.setUint16(20, 1, true);
        view.setUint16(22, 1, true);
        view.setUint32(24, 48_000, true);
        view.setUint32(28, 96_000, true);
        view.setUint16(32, 2, true);
        view.setUint16(34, 16, true);
        text(36, 'data');
        view.setUint32(40, samples.length * 2, true);
        samples.forEach((sample, i) => view.setInt16(44 + i * 2, Math.max(-1, Math.min(1, sample)) * 0x7fff, true));
        return Array.from(new Uint8Array(view.buffer));
      }),
    );
    const url = await botUpload(peer, 'voice-from-vic.wav', audio, 'audio/wav');
    await peer.send(
      xml(
        'message',
        { to: user.jid, type: 'chat', id: 'voice-1' },
        xml('body', {}, url),
        xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url)),
        xml('file', { xmlns: 'urn:xmpp:file:metadata:0' }, xml('media-type', {}, 'audio/wav'), xml('name', {}, 'voice-from-vic.wav'), xml('length', {}, '2000')),
      ),
    );
    // The player is named after the sender (it renders once its lazily loaded component is defined).
    await waitForElement(page, `${player} >>> [part=base][aria-label="Voice message from Peer Vic"]`);
    await waitForText(page, `${player} >>> [part=time]`, '0:00 / 0:02');
    // Keyboard only: focus the play button and press Space.
    await page.focus(`${player} >>> [part=play-button]`);
    await page.keyboard.press('Space');
    await waitForPlayback(page, `${player} >>> audio`, 0.3);
    expect(describeViolations((await runAxe(page, 'natter-app')).violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
