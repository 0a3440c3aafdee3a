import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { UploadError, type UploadOptions } from '../../adapters/types';
import { signedInDemoSession } from '../shared/demo-session';
import { NatterUploadButton } from './natter-upload-button';

const ALICE = 'alice@demo.natter.chat';
const BOB = 'bob@demo.natter.chat';

async function uploadButton() {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterUploadButton],
    template: () => <natter-upload-button session={session} conversation={ALICE}></natter-upload-button>,
  });
  const shadow = page.root!.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(selector: string) => shadow.querySelector(selector) as T | null;
  const $$ = (selector: string) => Array.from(shadow.querySelectorAll(selector));
  /** Picks files in the (hidden) file input, as the browser's picker does. */
  const pick = async (...files: File[]) => {
    const input = $<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
    await page.waitForChanges();
  };
  const rerender = async () => {
    session.flush();
    await page.waitForChanges();
  };
  return { page, session, adapter, shadow, $, $$, pick, rerender };
}

/** An uploadFile the test plays out. */
function controlled(adapter: { uploadFile: (...args: any[]) => Promise<string> }) {
  const calls: { options: UploadOptions; resolve: (url: string) => void; reject: (e: unknown) => void }[] = [];
  jest.spyOn(adapter, 'uploadFile').mockImplementation(
    (_file: Blob, _name: string, options: UploadOptions = {}) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ options, resolve, reject });
        options.signal?.addEventListener('abort', () => reject(new UploadError('cancelled')));
      }),
  );
  return calls;
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));
const file = (name: string, bytes = 2_000_000, type = 'image/png') => new File([new Uint8Array(bytes)], name, { type });

describe('natter-upload-button', () => {
  it('is a labelled button with part="base", and a hidden file input that takes several files', async () => {
    const { $ } = await uploadButton();
    expect($('[part~="base"]')).not.toBeNull();
    const button = $<HTMLButtonElement>('button[part~="button"]')!;
    expect(button.getAttribute('aria-label')).toBe('Send files');
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    const input = $<HTMLInputElement>('input[type="file"]')!;
    expect(input.hasAttribute('multiple')).toBe(true);
    expect(input.getAttribute('tabindex')).toBe('-1');
  });

  it('opens the picker on click', async () => {
    const { $, page } = await uploadButton();
    const input = $<HTMLInputElement>('input[type="file"]')!;
    const click = jest.fn();
    input.click = click;
    $<HTMLButtonElement>('button[part~="button"]')!.click();
    await page.waitForChanges();
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('says why it does nothing when the server has no upload service, and never opens the picker', async () => {
    const { $, page, session } = await uploadButton();
    session.dispatch({ type: 'features', features: { carbons: false, mam: false, streamManagement: false } });
    await page.waitForChanges();
    const button = $<HTMLButtonElement>('button[part~="button"]')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    const input = $<HTMLInputElement>('input[type="file"]')!;
    input.click = jest.fn();
    button.click();
    await page.waitForChanges();
    expect(input.click).not.toHaveBeenCalled();
    const note = $('[part~="unavailable"]')!;
    expect(note.textContent).toBe('This server does not accept files.');
    expect(note.getAttribute('role')).toBe('status');
    expect(button.getAttribute('aria-describedby')).toBe(note.id);
  });

  it('uploads each picked file and lists it with its name, size, a labelled progress bar and a cancel button', async () => {
    const { pick, $$, rerender, adapter } = await uploadButton();
    const calls = controlled(adapter);
    await pick(file('a.png'), file('b.txt', 500, 'text/plain'));
    expect(calls).toHaveLength(2);
    calls[0].options.onProgress!(500_000, 2_000_000);
    await rerender();
    const items = $$('[part~="item"]');
    expect(items.map(item => item.querySelector('[part~="name"]')!.textContent)).toEqual(['a.png, 2 MB', 'b.txt, 500 bytes']);
    const progress = items[0].querySelector('progress')!;
    expect(progress.getAttribute('aria-label')).toBe('Sending a.png');
    expect(progress.getAttribute('value')).toBe('500000');
    expect(progress.getAttribute('max')).toBe('2000000');
    expect(items[0].textContent).toContain('25%');
    expect(items[1].querySelector('[part~="cancel-button"]')!.getAttribute('aria-label')).toBe('Cancel sending b.txt');
  });

  it('emits natterUploadButtonSelect with the files; preventDefault keeps them from being uploaded', async () => {
    const { pick, page, adapter } = await uploadButton();
    const upload = jest.spyOn(adapter, 'uploadFile');
    const picked: File[][] = [];
    page.root!.addEventListener('natterUploadButtonSelect', (event: Event) => {
      picked.push((event as CustomEvent).detail.files);
      event.preventDefault();
    });
    const a = file('a.png');
    await pick(a);
    expect(picked).toEqual([[a]]);
    expect(upload).not.toHaveBeenCalled();
  });

  it('sends the files to the conversation the picker was opened for, even when the conversation changed while it was open', async () => {
    const { $, $$, page, pick, rerender, adapter, session } = await uploadButton();
    const calls = controlled(adapter);
    const selected: string[] = [];
    page.root!.addEventListener('natterUploadButtonSelect', (event: Event) => selected.push((event as CustomEvent).detail.conversation));
    $<HTMLInputElement>('input[type="file"]')!.click = jest.fn();
    $<HTMLButtonElement>('button[part~="button"]')!.click();
    page.root!.conversation = BOB;
    await page.waitForChanges();
    await pick(file('a.png'));
    await rerender();
    expect(calls).toHaveLength(1);
    expect(selected).toEqual([ALICE]);
    expect(session.conversation(ALICE).get('uploads').map(upload => upload.name)).toEqual(['a.png']);
    expect(session.conversation(BOB).get('uploads')).toEqual([]);
    // The list shows the conversation now chosen: the file is not in it.
    expect($$('[part~="item"]')).toHaveLength(0);
  });

  it('cancels an upload: it leaves the list and nothing is sent', async () => {
    const { pick, $, $$, rerender, adapter } = await uploadButton();
    const calls = controlled(adapter);
    const send = jest.spyOn(adapter, 'sendMessage');
    await pick(file('a.png'));
    $<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    expect(calls[0].options.signal!.aborted).toBe(true);
    await settle();
    await rerender();
    expect($$('[part~="item"]')).toHaveLength(0);
    expect(send).not.toHaveBeenCalled();
  });

  it.each([
    [new UploadError('too-large', undefined, 10_000_000), 'a.png is too large: this server takes files up to 10 MB.', false],
    [new UploadError('too-large'), 'a.png is too large for this server.', false],
    [new UploadError('no-service'), 'a.png was not sent: this server does not accept files.', false],
    [new UploadError('network'), 'a.png could not be sent: the upload server could not be reached (network failure, or it does not allow uploads from this page: CORS).', true],
    [new UploadError('refused', 'forbidden'), 'The server refused to take a.png.', true],
    [new UploadError('http', 'HTTP 500'), 'a.png could not be sent: the upload server failed (HTTP 500).', true],
  ])('says in words why an upload failed (%s), as an alert, until dismissed', async (error, words, retry) => {
    const { pick, $, $$, rerender, adapter } = await uploadButton();
    const calls = controlled(adapter);
    await pick(file('a.png'));
    calls[0].reject(error);
    await settle();
    await rerender();
    const item = $('[part~="item"]')!;
    expect(item.getAttribute('data-status')).toBe('failed');
    const text = item.querySelector('[part~="error"]')!;
    expect(text.textContent).toBe(words);
    expect(text.getAttribute('role')).toBe('alert');
    expect(item.querySelector('progress')).toBeNull();
    expect(!!item.querySelector('[part~="retry-button"]')).toBe(retry);
    (item.querySelector('[part~="dismiss-button"]') as HTMLButtonElement).click();
    await rerender();
    expect($$('[part~="item"]')).toHaveLength(0);
  });

  it('retries a failed upload, which is then sent', async () => {
    const { pick, $, $$, rerender, adapter, session } = await uploadButton();
    const calls = controlled(adapter);
    await pick(file('a.png'));
    calls[0].reject(new UploadError('network'));
    await settle();
    await rerender();
    $<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await rerender();
    expect($('[part~="item"]')!.getAttribute('data-status')).toBe('uploading');
    calls[1].resolve('https://upload.demo/a.png');
    await settle();
    await rerender();
    expect($$('[part~="item"]')).toHaveLength(0);
    expect(session.conversation(ALICE).get('messages').at(-1)?.attachment).toMatchObject({ url: 'https://upload.demo/a.png', name: 'a.png' });
  });

  it('sends through the demo network end to end: the own message shows the file', async () => {
    const { pick, session } = await uploadButton();
    await pick(file('hello.txt', 5, 'text/plain'));
    for (let turn = 0; turn < 50 && !session.conversation(ALICE).get('messages').some(m => m.attachment); turn++) await new Promise(r => setTimeout(r, 5));
    const mine = session.conversation(ALICE).get('messages').at(-1)!;
    expect(mine).toMatchObject({ direction: 'out', attachment: { name: 'hello.txt', size: 5, mediaType: 'text/plain' } });
    expect(mine.body).toBe(mine.attachment!.url);
  });
});
