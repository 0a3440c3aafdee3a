import type { Jid } from '../../adapters/types';

/**
 * Detail of `natterRoomListSelect`, emitted when the user picks a room (a row of
 * the list, a public room's Join, an accepted invitation, a joined or created
 * room). Cancelable: `preventDefault()` keeps the list from joining (when not
 * joined yet) and opening the room's conversation.
 */
export interface NatterRoomListSelectDetail {
  /** The room's bare JID. */
  room: Jid;
}
