import type { Jid } from '../../adapters/types';

/**
 * Detail of `natterOccupantsPrivateMessage`, emitted when the user picks
 * "Private message" for an occupant. Cancelable: `preventDefault()` keeps the
 * sidebar from calling `session.actions.openPrivateChat(room, nick)`.
 */
export interface NatterOccupantsPrivateMessageDetail {
  /** The room's bare JID. */
  room: Jid;
  /** The occupant's nick; the private conversation's JID is `room/nick`. */
  nick: string;
}
