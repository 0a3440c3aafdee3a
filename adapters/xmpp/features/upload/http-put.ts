/**
 * The PUT of XEP-0363 (§5): the file's bytes to the slot's URL with XMLHttpRequest, which (unlike
 * fetch) reports upload progress. Rejects with an `UploadError`: `cancelled` when the signal
 * aborts, `network` when no answer came (offline, refused, or blocked by CORS — browsers show
 * those alike, as status 0), `http` with the status for any other answer than 2xx.
 */
import { UploadError } from '../../../types';

/** The part of XMLHttpRequest the PUT uses (tests pass a fake). */
export interface PutRequest {
  readonly status: number;
  readonly statusText: string;
  readonly upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  ontimeout: (() => void) | null;
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
}

export interface PutOptions {
  headers?: Record<string, string>;
  contentType?: string;
  onProgress?(sent: number, total: number): void;
  signal?: AbortSignal;
  /** Makes the request; defaults to `new XMLHttpRequest()`. */
  createRequest?: () => PutRequest;
}

export function putFile(url: string, file: Blob, options: PutOptions = {}): Promise<void> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(new UploadError('cancelled'));
  const create = options.createRequest ?? (() => new XMLHttpRequest() as unknown as PutRequest);
  return new Promise<void>((resolve, reject) => {
    const xhr = create();
    let done = false;
    const finish = (error?: UploadError) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => {
      finish(new UploadError('cancelled'));
      xhr.abort();
    };
    xhr.upload.onprogress = (event) => {
      if (!done && onProgress) onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(file.size, file.size);
        finish();
      } else if (xhr.status === 0) finish(new UploadError('network'));
      else finish(new UploadError('http', `HTTP ${xhr.status}${xhr.statusText ? ` ${xhr.statusText}` : ''}`));
    };
    xhr.onerror = () => finish(new UploadError('network'));
    xhr.ontimeout = () => finish(new UploadError('network', 'timed out'));
    xhr.onabort = () => finish(new UploadError('cancelled'));
    try {
      xhr.open('PUT', url);
      for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
      if (options.contentType) xhr.setRequestHeader('Content-Type', options.contentType);
      signal?.addEventListener('abort', onAbort);
      xhr.send(file);
    } catch (err) {
      // A URL or header the browser will not send is as good as no answer.
      finish(new UploadError('network', err instanceof Error ? err.message : String(err)));
    }
  });
}
