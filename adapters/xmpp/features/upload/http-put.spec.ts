import { UploadError } from '../../../types';
import { FakePut } from './fake-put';
import { putFile } from './http-put';

const file = new Blob(['x'.repeat(1000)], { type: 'image/png' });

function start(options: Parameters<typeof putFile>[2] = {}) {
  const xhr = new FakePut();
  const progress: [number, number][] = [];
  const done = putFile('https://upload.lit/slot/a.png', file, { onProgress: (s, t) => progress.push([s, t]), createRequest: () => xhr, ...options });
  const outcome = done.then(
    () => 'ok',
    (e: UploadError) => e,
  );
  return { xhr, progress, outcome };
}

describe('the PUT of an upload', () => {
  it('PUTs the bytes with the slot headers and content type, reports progress and resolves on 201', async () => {
    const { xhr, progress, outcome } = start({ headers: { Authorization: 'Bearer t' }, contentType: 'image/png' });
    expect(xhr.method).toBe('PUT');
    expect(xhr.url).toBe('https://upload.lit/slot/a.png');
    expect(xhr.headers).toEqual({ Authorization: 'Bearer t', 'Content-Type': 'image/png' });
    expect(xhr.body).toBe(file);
    xhr.progress(250, 1000);
    xhr.progress(1000, 1000);
    xhr.answer(201, 'Created');
    expect(await outcome).toBe('ok');
    expect(progress).toEqual([
      [250, 1000],
      [1000, 1000],
      [1000, 1000],
    ]);
  });

  it('says network for a request that got no answer (offline, refused, CORS)', async () => {
    const { xhr, outcome } = start();
    xhr.onerror?.();
    const error = (await outcome) as UploadError;
    expect(error).toBeInstanceOf(UploadError);
    expect(error.code).toBe('network');
  });

  it('says network for status 0', async () => {
    const { xhr, outcome } = start();
    xhr.answer(0);
    expect(((await outcome) as UploadError).code).toBe('network');
  });

  it('says http with the status for a server error', async () => {
    const { xhr, outcome } = start();
    xhr.answer(500, 'Internal Server Error');
    const error = (await outcome) as UploadError;
    expect(error.code).toBe('http');
    expect(error.message).toBe('HTTP 500 Internal Server Error');
  });

  it('says http for a refused PUT (413, 401)', async () => {
    for (const status of [413, 401]) {
      const { xhr, outcome } = start();
      xhr.answer(status);
      expect(((await outcome) as UploadError).message).toBe(`HTTP ${status}`);
    }
  });

  it('aborts the request when the signal aborts, says cancelled, and reports no progress after', async () => {
    const controller = new AbortController();
    const { xhr, progress, outcome } = start({ signal: controller.signal });
    xhr.progress(100, 1000);
    controller.abort();
    xhr.progress(500, 1000);
    expect(xhr.aborted).toBe(true);
    expect(((await outcome) as UploadError).code).toBe('cancelled');
    expect(progress).toEqual([[100, 1000]]);
  });

  it('never starts with a signal aborted before', async () => {
    const controller = new AbortController();
    controller.abort();
    const { xhr, outcome } = start({ signal: controller.signal });
    expect(((await outcome) as UploadError).code).toBe('cancelled');
    expect(xhr.method).toBe('');
  });

  it('says network when the browser will not even open the request', async () => {
    const xhr = new FakePut();
    xhr.open = () => {
      throw new Error('SyntaxError: invalid URL');
    };
    await expect(putFile('https://x', file, { createRequest: () => xhr })).rejects.toMatchObject({ code: 'network' });
  });
});
