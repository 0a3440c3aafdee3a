/** A fake XMLHttpRequest for the specs of the upload's PUT (http-put.spec.ts, xmpp-adapter.spec.ts). */
import type { PutRequest } from './http-put';

/** A scripted XMLHttpRequest: records what was asked, and the test plays the network's part. */
export class FakePut implements PutRequest {
  status = 0;
  statusText = '';
  upload: PutRequest['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  aborted = false;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, statusText = '') {
    this.status = status;
    this.statusText = statusText;
    this.onload?.();
  }
}
