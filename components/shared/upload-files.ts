import type { Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import type { Upload } from '../../stores/uploads';
import { formatFileSize, t } from '../../i18n/catalogue';

/** The server takes files: online, with an upload service (XEP-0363). */
export function canUpload(session: Session): boolean {
  return session.connection.get('status') === 'online' && !!session.connection.get('features')?.upload;
}

/**
 * The one path for files from the picker, a drop or a paste: each goes to `sendFile`. Returns the
 * upload ids (none when the server takes no files).
 */
export function sendFiles(session: Session, jid: Jid, files: Iterable<File>): string[] {
  if (!canUpload(session)) return [];
  return Array.from(files, file => session.actions.sendFile(jid, file));
}

/** True when a drag carries files (not text or links being dragged around the page). */
export function dragHasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** The words for a failed upload. */
export function uploadErrorText(upload: Upload): string {
  const name = upload.name;
  switch (upload.error) {
    case 'too-large':
      return upload.limit !== undefined ? t('upload.error.tooLarge', { name, limit: formatFileSize(upload.limit) }) : t('upload.error.tooLargeNoLimit', { name });
    case 'no-service':
      return t('upload.error.noService', { name });
    case 'refused':
      return t('upload.error.refused', { name });
    case 'http':
      return t('upload.error.http', { name, detail: upload.detail ?? '' });
    default:
      return t('upload.error.network', { name });
  }
}
