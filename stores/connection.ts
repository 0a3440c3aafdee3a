import { createStore } from '@stencil/store';
import type { Store } from './store-utils';
import type { ConnectionError, ConnectionStatus, OwnPresence, ServerFeatures } from '../adapters/types';
import type { SessionEvent } from './events';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The full JID once bound, else null. */
  jid: string | null;
  error: ConnectionError | null;
  features: ServerFeatures | null;
  /** While reconnecting: when the next attempt starts (ms since the epoch), if the adapter said. */
  retryAt: number | null;
  /** When the connection came back after it was lost (cleared when it is lost again or signed out). */
  backOnlineAt: number | null;
  /** The presence the user chose, as the adapter sends it (kept across reconnects); null before any. */
  presence: OwnPresence | null;
}

export type ConnectionStore = Store<ConnectionState>;

export const initialConnectionState: ConnectionState = { status: 'offline', jid: null, error: null, features: null, retryAt: null, backOnlineAt: null, presence: null };

export function connectionReducer(state: ConnectionState, event: SessionEvent): ConnectionState {
  switch (event.type) {
    case 'connection': {
      const error = event.status === 'error' ? (event.error ?? { code: 'unknown' }) : event.status === 'online' ? null : state.error;
      const jid = event.jid ?? (event.status === 'offline' || event.status === 'error' ? null : state.jid);
      const retryAt = event.status === 'reconnecting' ? (event.retryAt ?? state.retryAt) : null;
      const backOnlineAt = event.status === 'online' ? (state.status === 'reconnecting' ? Date.now() : state.backOnlineAt) : null;
      if (state.status === event.status && state.jid === jid && state.error === error && state.retryAt === retryAt) return state;
      return { ...state, status: event.status, jid, error, features: event.status === 'offline' ? null : state.features, retryAt, backOnlineAt };
    }
    case 'features':
      return { ...state, features: event.features };
    case 'ownPresence':
      return { ...state, presence: event.presence };
    default:
      return state;
  }
}

export function createConnectionStore(): ConnectionStore {
  return createStore<ConnectionState>({ ...initialConnectionState });
}
