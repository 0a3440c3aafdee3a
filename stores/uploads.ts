/**
 * Files on their way up, per conversation (`ConversationState.uploads`): kept apart from the
 * messages so that progress re-renders the upload list, not the message list. A finished upload
 * leaves the list (its message takes over); a failed one stays, with why, until dismissed.
 */
import type { Jid, UploadErrorCode } from '../adapters/types';
import type { CopyOnWrite } from './store-utils';

export interface Upload {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  mediaType?: string;
  /** Bytes sent so far. */
  sent: number;
  status: 'uploading' | 'failed';
  error?: UploadErrorCode;
  /** For `too-large`: the service's limit in bytes, when known. */
  limit?: number;
  detail?: string;
}

export type UploadEvent =
  /** A file starts uploading (again, for a retry: same id, progress from zero). */
  | { type: 'uploadStarted'; conversation: Jid; upload: Upload }
  | { type: 'uploadProgress'; conversation: Jid; id: string; sent: number }
  | { type: 'uploadFailed'; conversation: Jid; id: string; error: UploadErrorCode; limit?: number; detail?: string }
  /** Done (its message is sent), cancelled or dismissed: it leaves the list. */
  | { type: 'uploadRemoved'; conversation: Jid; id: string };

/** The uploads after `event` (of this conversation); `uploads` itself when nothing changed. */
export function uploadsReducer(uploads: Upload[], event: UploadEvent, cow: CopyOnWrite): Upload[] {
  const index = uploads.findIndex(upload => upload.id === (event.type === 'uploadStarted' ? event.upload.id : event.id));
  switch (event.type) {
    case 'uploadStarted': {
      const next = cow.writable(uploads);
      if (index >= 0) next[index] = { ...event.upload };
      else next.push({ ...event.upload });
      return next;
    }
    case 'uploadProgress': {
      const upload = uploads[index];
      // Progress only moves forward, never past the size, and never revives a failed upload.
      const sent = upload ? Math.min(upload.size, Math.max(upload.sent, event.sent)) : 0;
      if (!upload || upload.status !== 'uploading' || sent === upload.sent) return uploads;
      const next = cow.writable(uploads);
      next[index] = { ...upload, sent };
      return next;
    }
    case 'uploadFailed': {
      if (index < 0) return uploads;
      const failed: Upload = { ...uploads[index], status: 'failed', error: event.error };
      if (event.limit !== undefined) failed.limit = event.limit;
      else delete failed.limit;
      if (event.detail !== undefined) failed.detail = event.detail;
      else delete failed.detail;
      const next = cow.writable(uploads);
      next[index] = failed;
      return next;
    }
    case 'uploadRemoved': {
      if (index < 0) return uploads;
      const next = cow.writable(uploads);
      next.splice(index, 1);
      return next;
    }
  }
}
