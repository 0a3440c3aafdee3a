/**
 * The actions of files sent: each upload runs through the adapter with its progress in the
 * conversation's store; a finished one sends its message, a failed one stays listed until
 * retried or dismissed, a cancelled one leaves.
 */
import { UploadError, type Attachment, type Jid } from '../../adapters/types';
import type { UploadEvent } from '../../stores/uploads';
import { errorMessage } from '../errors';
import { randomId } from '../ids';
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

/** A file being sent: kept (with its Blob) until it is sent, cancelled or its failure dismissed. */
interface PendingUpload {
  jid: Jid;
  file: Blob;
  name: string;
  duration?: number;
  controller: AbortController;
}

type ProgressEvent = Extract<UploadEvent, { type: 'uploadProgress' }>;

export interface UploadActions {
  actions: Pick<SessionActions, 'sendFile' | 'cancelUpload' | 'dismissUpload' | 'retryUpload'>;
  /** A queued progress event reached the stores: a newer value starts a new one. */
  progressApplied(event: ProgressEvent): void;
  /** Stops every upload (dispose). */
  abortAll(): void;
}

/** The file's name: given, else the File's own, else a neutral one. */
function fileName(file: Blob, name?: string): string {
  const own = (file as Partial<File>).name;
  return (name ?? '').trim() || (typeof own === 'string' && own.trim()) || 'file';
}

export function uploadActions(ctx: SessionContext, sendAttachment: (jid: Jid, attachment: Attachment) => void): UploadActions {
  const { adapter, conversation, dispatch } = ctx;
  const pendingUploads = new Map<string, PendingUpload>();
  /** Progress events queued and not applied yet, by upload id: newer progress updates them (one store write per frame). */
  const queuedProgress = new Map<string, ProgressEvent>();

  /** Runs (or runs again) the upload `uploadId`; on success its message is sent and it leaves the list. */
  function startUpload(uploadId: string, pending: PendingUpload): void {
    const { jid, file, name } = pending;
    const mediaType = file.type || undefined;
    // A retry starts from zero: progress of the earlier attempt still queued must not count.
    const stale = queuedProgress.get(uploadId);
    if (stale) stale.sent = 0;
    queuedProgress.delete(uploadId);
    dispatch({
      type: 'uploadStarted',
      conversation: jid,
      upload: { id: uploadId, name, size: file.size, sent: 0, status: 'uploading', ...(mediaType ? { mediaType } : {}) },
    });
    const onProgress = (sent: number) => {
      // Progress waits for the next frame's batch; a newer value replaces a queued one.
      const queued = queuedProgress.get(uploadId);
      if (queued) {
        queued.sent = sent;
        return;
      }
      const event: ProgressEvent = { type: 'uploadProgress', conversation: jid, id: uploadId, sent };
      queuedProgress.set(uploadId, event);
      ctx.enqueue(event);
    };
    let work: Promise<string>;
    try {
      work = adapter.uploadFile(file, name, { onProgress, signal: pending.controller.signal });
    } catch (error) {
      work = Promise.reject(error);
    }
    work.then(
      url => {
        if (pendingUploads.get(uploadId) !== pending) return;
        pendingUploads.delete(uploadId);
        dispatch({ type: 'uploadRemoved', conversation: jid, id: uploadId });
        const attachment: Attachment = { url, name, size: file.size };
        if (mediaType) attachment.mediaType = mediaType;
        if (pending.duration !== undefined) attachment.duration = pending.duration;
        sendAttachment(jid, attachment);
      },
      error => {
        if (pendingUploads.get(uploadId) !== pending) return;
        const code = error instanceof UploadError ? error.code : 'network';
        if (code === 'cancelled') {
          pendingUploads.delete(uploadId);
          dispatch({ type: 'uploadRemoved', conversation: jid, id: uploadId });
          return;
        }
        const failed: UploadEvent = { type: 'uploadFailed', conversation: jid, id: uploadId, error: code };
        if (error instanceof UploadError && error.limit !== undefined) failed.limit = error.limit;
        const detail = errorMessage(error);
        if (detail && detail !== code) failed.detail = detail;
        dispatch(failed);
      },
    );
  }

  function isFailed(jid: Jid, uploadId: string): boolean {
    return conversation(jid).get('uploads').some(upload => upload.id === uploadId && upload.status === 'failed');
  }

  const actions: UploadActions['actions'] = {
    sendFile(jid, file, options = {}) {
      const uploadId = randomId();
      const pending: PendingUpload = { jid, file, name: fileName(file, options.name), controller: new AbortController() };
      if (options.duration !== undefined && Number.isFinite(options.duration)) pending.duration = Math.max(0, Math.round(options.duration));
      pendingUploads.set(uploadId, pending);
      startUpload(uploadId, pending);
      return uploadId;
    },
    cancelUpload(jid, uploadId) {
      // The one place that tells cancel from dismiss: a failed upload has nothing left to stop.
      if (isFailed(jid, uploadId)) {
        actions.dismissUpload(jid, uploadId);
        return;
      }
      const pending = pendingUploads.get(uploadId);
      if (pending && pending.jid === jid) pending.controller.abort();
    },
    dismissUpload(jid, uploadId) {
      const pending = pendingUploads.get(uploadId);
      if (pending && pending.jid !== jid) return;
      if (pending) pending.controller.abort();
      pendingUploads.delete(uploadId);
      dispatch({ type: 'uploadRemoved', conversation: jid, id: uploadId });
    },
    retryUpload(jid, uploadId) {
      const previous = pendingUploads.get(uploadId);
      if (!previous || previous.jid !== jid || !isFailed(jid, uploadId)) return;
      const pending: PendingUpload = { ...previous, controller: new AbortController() };
      pendingUploads.set(uploadId, pending);
      startUpload(uploadId, pending);
    },
  };

  return {
    actions,
    progressApplied(event) {
      if (queuedProgress.get(event.id) === event) queuedProgress.delete(event.id);
    },
    abortAll() {
      for (const pending of pendingUploads.values()) pending.controller.abort();
      pendingUploads.clear();
    },
  };
}
