import { createDemoAdapter, DEMO_UPLOAD_SERVICE } from '../adapters/demo/demo-adapter';
import { UploadError, type UploadOptions } from '../adapters/types';
import { createSession } from './session';

const ALICE = 'alice@demo.natter.chat';
const LOUNGE = 'lounge@rooms.demo.natter.chat';
const URL_ = 'https://upload.demo/abc/photo.png';

async function signedIn() {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  const session = createSession({ adapter });
  await session.actions.login({ jid: 'me@demo.natter.chat', password: 'pw' });
  return { adapter, session };
}

/** An uploadFile the test finishes: `progress`, `resolve` or `reject` it. */
function controlledUpload(adapter: ReturnType<typeof createDemoAdapter>) {
  const calls: { file: Blob; name: string; options: UploadOptions; resolve: (url: string) => void; reject: (e: unknown) => void }[] = [];
  jest.spyOn(adapter, 'uploadFile').mockImplementation(
    (file, name, options = {}) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ file, name, options, resolve, reject });
        options.signal?.addEventListener('abort', () => reject(new UploadError('cancelled')));
      }),
  );
  return calls;
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

/** Waits (a few timer turns at a time, 1 s at most) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !check(); turn++) await new Promise(resolve => setTimeout(resolve, 5));
}
const png = (bytes = 1200) => new File([new Uint8Array(bytes)], 'photo.png', { type: 'image/png' });

describe('sendFile', () => {
  it('lists the upload with its progress, then sends a message whose body is the URL, with the attachment, and the upload leaves the list', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const send = jest.spyOn(adapter, 'sendMessage');
    const id = session.actions.sendFile(ALICE, png());
    expect(session.conversation(ALICE).get('uploads')).toEqual([{ id, name: 'photo.png', size: 1200, mediaType: 'image/png', sent: 0, status: 'uploading' }]);
    expect(calls[0].name).toBe('photo.png');
    calls[0].options.onProgress!(300, 1200);
    calls[0].options.onProgress!(600, 1200);
    session.flush();
    expect(session.conversation(ALICE).get('uploads')[0].sent).toBe(600);
    calls[0].resolve(URL_);
    await settle();
    expect(session.conversation(ALICE).get('uploads')).toEqual([]);
    const attachment = { url: URL_, name: 'photo.png', size: 1200, mediaType: 'image/png' };
    expect(send).toHaveBeenCalledWith(ALICE, URL_, expect.any(String), { attachment });
    await settle();
    session.flush();
    const mine = session.conversation(ALICE).get('messages').at(-1)!;
    expect(mine).toMatchObject({ direction: 'out', body: URL_, attachment });
    expect(['sent', 'delivered']).toContain(mine.status);
  });

  it('writes progress to the store once per frame, the latest value, and never touches the message list', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    session.actions.sendFile(ALICE, png());
    const store = session.conversation(ALICE);
    const messages = store.get('messages');
    const writes: number[] = [];
    store.onChange('uploads', uploads => writes.push(uploads[0]?.sent ?? -1));
    for (let sent = 100; sent <= 1000; sent += 100) calls[0].options.onProgress!(sent, 1200);
    expect(writes).toEqual([]);
    session.flush();
    expect(writes).toEqual([1000]);
    expect(store.get('messages')).toBe(messages);
  });

  it('uses the name and duration given (a voice message) and keeps the draft', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const send = jest.spyOn(adapter, 'sendMessage');
    session.actions.setDraft(ALICE, 'half a thought');
    session.actions.sendFile(ALICE, new Blob([new Uint8Array(10)], { type: 'audio/webm;codecs=opus' }), { name: 'voice.webm', duration: 5300.4 });
    expect(calls[0].name).toBe('voice.webm');
    calls[0].resolve(URL_);
    await settle();
    expect(send.mock.calls[0][3]).toEqual({ attachment: { url: URL_, name: 'voice.webm', size: 10, mediaType: 'audio/webm;codecs=opus', duration: 5300 } });
    expect(session.conversation(ALICE).get('draft')).toBe('half a thought');
  });

  it('keeps a failed upload listed with its error and limit until dismissed; nothing is sent', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const send = jest.spyOn(adapter, 'sendMessage');
    const id = session.actions.sendFile(ALICE, png());
    calls[0].reject(new UploadError('too-large', undefined, 1000));
    await settle();
    expect(session.conversation(ALICE).get('uploads')).toEqual([{ id, name: 'photo.png', size: 1200, mediaType: 'image/png', sent: 0, status: 'failed', error: 'too-large', limit: 1000 }]);
    expect(send).not.toHaveBeenCalled();
    session.actions.dismissUpload(ALICE, id);
    expect(session.conversation(ALICE).get('uploads')).toEqual([]);
  });

  it('says network (with the reason) for a failure that is no UploadError, such as being offline', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    session.actions.sendFile(ALICE, png());
    calls[0].reject(new Error('not connected'));
    await settle();
    expect(session.conversation(ALICE).get('uploads')[0]).toMatchObject({ status: 'failed', error: 'network', detail: 'not connected' });
  });

  it('retries a failed upload with the same file, from zero', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const file = png();
    const id = session.actions.sendFile(ALICE, file);
    calls[0].options.onProgress!(900, 1200);
    calls[0].reject(new UploadError('network'));
    await settle();
    session.actions.retryUpload(ALICE, id);
    expect(calls[1].file).toBe(file);
    expect(session.conversation(ALICE).get('uploads')).toEqual([expect.objectContaining({ id, status: 'uploading', sent: 0 })]);
    expect(session.conversation(ALICE).get('uploads')[0].error).toBeUndefined();
    calls[1].resolve(URL_);
    await settle();
    expect(session.conversation(ALICE).get('uploads')).toEqual([]);
    expect(session.conversation(ALICE).get('messages').at(-1)?.attachment?.url).toBe(URL_);
  });

  it('cancels: the upload is aborted through its signal and leaves the list, and nothing is sent', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const send = jest.spyOn(adapter, 'sendMessage');
    const id = session.actions.sendFile(ALICE, png());
    session.actions.cancelUpload(ALICE, id);
    expect(calls[0].options.signal?.aborted).toBe(true);
    await settle();
    expect(session.conversation(ALICE).get('uploads')).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });

  it('decides cancel or dismiss itself: cancelling a failed upload dismisses it and forgets its file', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const id = session.actions.sendFile(ALICE, png());
    calls[0].reject(new UploadError('network'));
    await settle();
    expect(session.conversation(ALICE).get('uploads')).toEqual([expect.objectContaining({ id, status: 'failed' })]);
    session.actions.cancelUpload(ALICE, id);
    expect(session.conversation(ALICE).get('uploads')).toEqual([]);
    session.actions.retryUpload(ALICE, id);
    expect(calls).toHaveLength(1);
  });

  it('ignores a cancel of another conversation’s upload', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const id = session.actions.sendFile(ALICE, png());
    session.actions.cancelUpload('bob@demo.natter.chat', id);
    expect(calls[0].options.signal?.aborted).toBe(false);
  });

  it('marks the message failed when sending it fails, and retrying resends the attachment', async () => {
    const { adapter, session } = await signedIn();
    const calls = controlledUpload(adapter);
    const send = jest.spyOn(adapter, 'sendMessage').mockRejectedValueOnce(new Error('forbidden'));
    session.actions.sendFile(ALICE, png());
    calls[0].resolve(URL_);
    await settle();
    const failed = session.conversation(ALICE).get('messages').at(-1)!;
    expect(failed.status).toBe('failed');
    session.actions.retryMessage(ALICE, failed.id);
    await settle();
    expect(send).toHaveBeenLastCalledWith(ALICE, URL_, failed.id, { attachment: expect.objectContaining({ url: URL_ }) });
    session.flush();
    expect(['sent', 'delivered']).toContain(session.conversation(ALICE).get('messages').at(-1)!.status);
  });

  it('sends into a room: the room’s copy of the message is the same message, with its attachment', async () => {
    const { session } = await signedIn();
    await settle();
    expect(session.conversation(LOUNGE).get('room')?.status).toBe('joined');
    session.actions.sendFile(LOUNGE, png(50));
    await until(() => session.conversation(LOUNGE).get('messages').some(m => m.direction === 'out' && m.status === 'sent'));
    expect(session.conversation(LOUNGE).get('uploads')).toEqual([]);
    const mine = session.conversation(LOUNGE).get('messages').filter(m => m.direction === 'out');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ from: `${LOUNGE}/me`, status: 'sent', attachment: { name: 'photo.png', size: 50, mediaType: 'image/png' } });
    expect(mine[0].body).toBe(mine[0].attachment!.url);
  });
});

describe('the demo network’s uploads', () => {
  it('offers a 10 MB upload service and gives a URL the page can show', async () => {
    const { adapter, session } = await signedIn();
    expect(session.connection.get('features')?.upload).toEqual(DEMO_UPLOAD_SERVICE);
    const progress: number[] = [];
    const url = await adapter.uploadFile(new Blob(['hi'], { type: 'text/plain' }), 'hi.txt', { onProgress: sent => progress.push(sent) });
    expect(url === 'data:text/plain;base64,aGk=' || url.startsWith('blob:')).toBe(true);
    expect(progress).toEqual([0, 1, 1, 2, 2]);
  });

  it('says too large over 10 MB, and cancelled when aborted', async () => {
    const { adapter } = await signedIn();
    await expect(adapter.uploadFile(new Blob([new Uint8Array(10_000_001)]), 'big')).rejects.toMatchObject({ code: 'too-large', limit: 10_000_000 });
    const controller = new AbortController();
    const done = adapter.uploadFile(new Blob(['x']), 'x', { signal: controller.signal });
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'cancelled' });
  });
});
