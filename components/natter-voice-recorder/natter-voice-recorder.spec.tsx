import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { signedInDemoSession } from '../shared/demo-session';
import { NatterVoiceRecorder } from './natter-voice-recorder';
import { Recording, recordingName } from './recording';

const ALICE = 'alice@demo.natter.chat';

/** The browser's recording APIs as far as the recorder uses them; `getUserMedia` decides what the "microphone" does. */
class FakeMediaRecorder {
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  mimeType: string;
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(
    readonly stream: unknown,
    options?: { mimeType?: string },
  ) {
    this.mimeType = options?.mimeType ?? '';
  }
  start() {
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['OggS-or-webm-bytes'], { type: 'audio/webm' }) });
    this.onstop?.(new Event('stop'));
  }
}

let stoppedTracks = 0;
/** Installed after the spec page exists: newSpecPage gives the test a fresh window and navigator. */
function useMicrophone(getUserMedia: () => Promise<unknown>, canRecord = true) {
  const g = globalThis as Record<string, unknown>;
  if (canRecord) g.MediaRecorder = FakeMediaRecorder;
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
}
const workingMicrophone = () => Promise.resolve({ getTracks: () => [{ stop: () => stoppedTracks++ }] });
const refusing = (name: string) => () => Promise.reject(Object.assign(new Error(name), { name }));

async function render(getUserMedia: () => Promise<unknown> = workingMicrophone, canRecord = true) {
  const { session } = await signedInDemoSession();
  const sent: { jid: string; file: Blob; options?: { name?: string; duration?: number } }[] = [];
  session.actions.sendFile = (jid, file, options) => {
    sent.push({ jid, file, options });
    return 'upload-1';
  };
  const page = await newSpecPage({
    components: [NatterVoiceRecorder],
    template: () => <natter-voice-recorder session={session} conversation={ALICE}></natter-voice-recorder>,
  });
  useMicrophone(getUserMedia, canRecord);
  const shadow = page.root!.shadowRoot!;
  const part = (name: string) => shadow.querySelector(`[part="${name}"]`) as HTMLElement | null;
  const startRecording = async () => {
    part('record-button')!.click();
    await page.waitForChanges();
    await new Promise(resolve => setTimeout(resolve, 0));
    await page.waitForChanges();
  };
  return { page, session, sent, part, startRecording };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).MediaRecorder;
  stoppedTracks = 0;
});

describe('natter-voice-recorder', () => {
  it('offers a labelled record button', async () => {
    const { part } = await render();
    expect(part('record-button')!.getAttribute('aria-label')).toBe('Record a voice message');
  });

  it('records, then sends the recording to the conversation as a file with its name and length, and lets the microphone go', async () => {
    const { page, part, sent, startRecording } = await render();
    await startRecording();
    expect(part('recording')!.getAttribute('aria-label')).toBe('Recording a voice message');
    expect(part('elapsed')!.textContent).toBe('0:00');
    expect(part('level')!.getAttribute('aria-label')).toBe('Microphone level');
    part('send-button')!.click();
    await new Promise(resolve => setTimeout(resolve, 0));
    await page.waitForChanges();
    expect(sent).toHaveLength(1);
    expect(sent[0].jid).toBe(ALICE);
    expect(sent[0].file.type).toBe('audio/webm');
    expect(sent[0].file.size).toBeGreaterThan(0);
    expect(sent[0].options!.name).toMatch(/^voice-\d{8}-\d{6}\.webm$/);
    expect(sent[0].options!.duration).toBeGreaterThanOrEqual(0);
    expect(stoppedTracks).toBe(1);
    expect(part('record-button')).not.toBeNull();
  });

  it('sends to the conversation it was recording for, even after the chatbox moved on, and says so', async () => {
    const { page, part, sent, startRecording } = await render();
    await startRecording();
    page.root!.setAttribute('conversation', 'bob@demo.natter.chat');
    await page.waitForChanges();
    expect(part('send-button')).not.toBeNull();
    expect(part('recording')!.textContent).toContain('Stopped: this recording is for Alice Martin. Send or cancel it.');
    part('send-button')!.click();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(sent.map(s => s.jid)).toEqual([ALICE]);
  });

  it('throws the recording away on Cancel and on Escape, the focus back on the record button', async () => {
    const { page, part, sent, startRecording } = await render();
    // The spec DOM keeps no active element: see which elements were asked to take the focus.
    const focus = jest.spyOn(Object.getPrototypeOf(part('record-button')!), 'focus');
    const lastFocused = () => focus.mock.contexts[focus.mock.contexts.length - 1];
    await startRecording();
    expect(lastFocused()).toBe(part('send-button'));
    part('cancel-button')!.click();
    await page.waitForChanges();
    expect(part('recording')).toBeNull();
    expect(lastFocused()).toBe(part('record-button'));
    focus.mockRestore();
    expect(stoppedTracks).toBe(1);
    await startRecording();
    part('recording')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await page.waitForChanges();
    expect(part('recording')).toBeNull();
    expect(stoppedTracks).toBe(2);
    expect(sent).toHaveLength(0);
  });

  it('lets the microphone go at once when the element left the page while the browser asked for it', async () => {
    let grant: (stream: unknown) => void = () => undefined;
    const { page, part } = await render(() => new Promise(resolve => (grant = resolve)));
    part('record-button')!.click();
    await page.waitForChanges();
    const recorder = page.root!;
    recorder.remove();
    grant({ getTracks: () => [{ stop: () => stoppedTracks++ }] });
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(stoppedTracks).toBe(1);
  });

  it('lets the page send the recording itself when it cancels the send event', async () => {
    const { page, part, sent, startRecording } = await render();
    const details: unknown[] = [];
    page.root!.addEventListener('natterVoiceRecorderSend', event => {
      details.push((event as CustomEvent).detail);
      event.preventDefault();
    });
    await startRecording();
    part('send-button')!.click();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(details).toEqual([expect.objectContaining({ conversation: ALICE, name: expect.stringMatching(/\.webm$/) })]);
    expect(sent).toHaveLength(0);
  });

  it('stops at the length limit and keeps the recording to be sent', async () => {
    const { page, part, sent, startRecording } = await render();
    page.root!.maxDuration = 50;
    await page.waitForChanges();
    await startRecording();
    await new Promise(resolve => setTimeout(resolve, 300));
    await page.waitForChanges();
    expect(part('recording')!.textContent).toContain('Stopped at the limit of 0:00.');
    part('send-button')!.click();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(sent).toHaveLength(1);
    expect(sent[0].options!.duration).toBeGreaterThanOrEqual(50);
  });

  it.each([
    ['NotAllowedError', "The microphone is blocked. Allow this page to use it in the browser's site settings, then try again."],
    ['NotFoundError', 'No microphone was found. Connect one, then try again.'],
    ['NotReadableError', 'The microphone is in use by another program or could not be started.'],
    ['SomethingElse', 'Recording failed. Try again.'],
  ])('says why when the microphone fails with %s', async (name, text) => {
    const { part, startRecording } = await render(refusing(name));
    await startRecording();
    expect(part('error')!.getAttribute('role')).toBe('alert');
    expect(part('error')!.textContent).toBe(text);
    expect(part('record-button')).not.toBeNull();
  });

  it('says so when the browser cannot record', async () => {
    const { part, startRecording } = await render(workingMicrophone, false);
    await startRecording();
    expect(part('error')!.textContent).toBe('This browser cannot record audio.');
  });
});

describe('recording helpers', () => {
  it('names recordings by local time with the container extension', () => {
    const date = new Date(2026, 10, 22, 9, 5, 7);
    expect(recordingName(date, 'audio/webm')).toBe('voice-20261122-090507.webm');
    expect(recordingName(date, 'audio/ogg')).toBe('voice-20261122-090507.ogg');
  });

  it('maps browser errors to what the user is told', () => {
    expect(Recording.errorCode(Object.assign(new Error(), { name: 'SecurityError' }))).toBe('denied');
    expect(Recording.errorCode(Object.assign(new Error(), { name: 'OverconstrainedError' }))).toBe('no-microphone');
    expect(Recording.errorCode(undefined)).toBe('failed');
  });
});
