/**
 * HTTP File Upload (XEP-0363): a slot from the server's upload service, then the PUT
 * (http-put.ts). The service itself is found by the core's discovery (parser.ts reads it).
 */
import { UploadError, type UploadOptions, type UploadService } from '../../../types';
import { randomId, type XmlElement } from '../../xml';
import { answeredBy, describeError, requireOnline, type FeatureHost } from '../host';
import { putFile, type PutRequest } from './http-put';
import { parseUploadError, parseUploadSlot } from './parser';
import { mediaTypeOf, slotRequest, uploadFilename } from './stanzas';

export interface UploadHost extends FeatureHost {
  /** The upload service found for this session, if any. */
  uploadService(): UploadService | undefined;
  /** An IQ request that rejects with the library's own error: a StanzaError keeps its `element`. */
  request(el: XmlElement): Promise<XmlElement>;
}

export class UploadFeature {
  constructor(
    private readonly host: UploadHost,
    /** Makes the PUT's request; defaults to `new XMLHttpRequest()` (specs pass a fake). */
    private readonly createPutRequest?: () => PutRequest,
  ) {}

  /**
   * Over the advertised limit it fails at once (`too-large`), without asking; the service's own
   * refusal of a size says the limit too. Resolves with the GET URL, as peers' parsers will read it.
   */
  async upload(file: Blob, name: string, options: UploadOptions = {}): Promise<string> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new UploadError('cancelled');
    const service = this.host.uploadService();
    if (!service) throw new UploadError('no-service');
    if (!file || typeof file.size !== 'number') throw new UploadError('refused', 'not a file');
    if (service.maxFileSize !== undefined && file.size > service.maxFileSize) throw new UploadError('too-large', undefined, service.maxFileSize);
    requireOnline(this.host);
    const contentType = mediaTypeOf(file.type);
    const request = slotRequest(randomId(), service.jid, { filename: uploadFilename(name), size: file.size, contentType });
    let answer: XmlElement;
    try {
      answer = await new Promise<XmlElement>((resolve, reject) => {
        const onAbort = () => reject(new UploadError('cancelled'));
        signal?.addEventListener('abort', onAbort, { once: true });
        this.host.request(request).then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
      });
    } catch (err) {
      if (err instanceof UploadError) throw err;
      const e = err as { name?: string; message?: string; condition?: string; element?: XmlElement };
      if (e?.name !== 'StanzaError') throw new UploadError('refused', describeError(err));
      const { code, limit, condition } = parseUploadError(e.element);
      throw new UploadError(code, condition ?? e.condition, limit ?? (code === 'too-large' ? service.maxFileSize : undefined));
    }
    const slot = answeredBy(this.host, answer, service.jid) ? parseUploadSlot(answer) : null;
    if (!slot) {
      this.host.drop('upload slot without http(s) URLs or with unsafe headers', answer);
      throw new UploadError('refused', 'unusable slot');
    }
    onProgress?.(0, file.size);
    await putFile(slot.put, file, { headers: slot.headers, contentType, onProgress, signal, createRequest: this.createPutRequest });
    return slot.get;
  }
}
