import type { Jid } from '../../adapters/types';

/**
 * Detail of `natterRosterSelect`, emitted when the user picks a contact.
 * Cancelable: `preventDefault()` keeps the roster from opening the conversation.
 */
export interface NatterRosterSelectDetail {
  /** The contact's bare JID. */
  jid: Jid;
}
