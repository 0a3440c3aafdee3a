import type { Jid, RoomErrorCode } from '../../adapters/types';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';
import { clip } from '../../markup/bounded-text';

/** The local part of a room JID (`lounge` for `lounge@conference.example.org`), else the JID. */
export function roomLocalPart(room: Jid): string {
  const at = room.indexOf('@');
  return at > 0 ? room.slice(0, at) : room;
}

/** A room's display name: what the room says (disco#info), else the bookmark's name, else its local part; bounded in length. */
export function roomName(session: Session, room: Jid): string {
  const info = session.rooms.get('info')[room];
  if (info?.name) return clip(info.name);
  const bookmark = session.rooms.get('bookmarks').find(candidate => candidate.jid === room);
  return clip(bookmark?.name || roomLocalPart(room));
}

/**
 * Why joining (or creating) a room failed, in the catalogue's words (`room.error.<code>`,
 * the chatbox's texts too). `detail` is the room's own text, used where the code says
 * nothing specific (`unknown`).
 */
export function roomErrorText(code: RoomErrorCode | undefined, detail?: string): string {
  const key = `room.error.${code ?? 'unknown'}` as const;
  const reason = detail && detail !== code ? clip(detail) : t('room.noReason');
  const text = t(key, { reason });
  // A code this catalogue does not know (a newer adapter) reads as the generic text.
  return text === key ? t('room.error.unknown', { reason }) : text;
}
