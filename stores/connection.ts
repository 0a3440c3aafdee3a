import { createStore } from '@stencil/store';
import type { Store } from './store-utils';
import type { ConnectionError, ConnectionStatus, ServerFeatures } from '../adapters/types';
import type { SessionEvent } from './events';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The full JID once bound, else null. */
  jid: string | null;
  error: ConnectionError | null;
  features: ServerFeatures | null;
}

export type ConnectionStore = Store<ConnectionState>;

export const initialConnectionState: ConnectionState = { status: 'offline', jid: null, error: null, features: null };

export function connectionReducer(state: ConnectionState, event: SessionEvent): ConnectionState {
  switch (event.type) {
    case 'connection': {
      const error = event.status === 'error' ? (event.error ?? { code: 'unknown' }) : event.status === 'online' ? null : state.error;
      const jid = event.jid ?? (event.status === 'offline' || event.status === 'error' ? null : state.jid);
      if (state.status === event.status && state.jid === jid && state.error === error) return state;
      return { ...state, status: event.status, jid, error, features: event.status === 'offline' ? null : state.features };
    }
    case 'features':
      return { ...state, features: event.features };
    default:
      return state;
  }
}

export function createConnectionStore(): ConnectionStore {
  return createStore<ConnectionState>({ ...initialConnectionState });
}
