import type { OwnPresence } from '../../adapters/types';

/** Detail of `natterPresenceChange`: the presence the user chose, once the session sent it. */
export type NatterPresenceChangeDetail = OwnPresence;
