import type { Jid, RoomErrorCode } from '../../adapters/types';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';

/** The local part of a room JID (`lounge` for `lounge@conference.example.org`), else the JID. */
export function roomLocalPart(room: Jid): string {
  const at = room.indexOf('@');
  return at > 0 ? room.slice(0, at) : room;
}

/** A room's display name: what the room says (disco#info), else the bookmark's name, else its local part. */
export function roomName(session: Session, room: Jid): string {
  const info = session.rooms.get('info')[room];
  if (info?.name) return info.name;
  const bookmark = session.rooms.get('bookmarks').find(candidate => candidate.jid === room);
  return bookmark?.name || roomLocalPart(room);
}

/** Why joining (or creating) a room failed, in the catalogue's words. `nick` is the one asked for (nick conflicts). */
export function roomErrorText(code: RoomErrorCode | undefined, nick = ''): string {
  const key = `roomError.${code ?? 'unknown'}` as const;
  const text = t(key, { nick });
  // A code this catalogue does not know (a newer adapter) reads as the generic text.
  return text === key ? t('roomError.unknown') : text;
}
