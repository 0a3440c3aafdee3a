import { createStore } from '@stencil/store';
import type { Bookmark, Jid, RoomInfo } from '../adapters/types';
import type { SessionEvent } from './events';
import { CopyOnWrite, type Store } from './store-utils';

export interface Invitation {
  room: Jid;
  from: Jid;
  reason?: string;
  password?: string;
  kind: 'direct' | 'mediated';
}

/** Someone we invited declined (XEP-0045 §7.8.2). */
export interface Decline {
  room: Jid;
  from: Jid;
  reason?: string;
  /** When it arrived, ms since the epoch. */
  at: number;
}

/** Most declines kept: a flood of them shows only the newest. */
export const MAX_DECLINES = 20;

export interface RoomDirectory {
  status: 'idle' | 'loading' | 'error';
  service?: Jid;
  rooms: RoomInfo[];
  error?: string;
}

/** Account-wide room data: what is not about one room's conversation. */
export interface RoomsState {
  bookmarks: Bookmark[];
  /** What disco#info said about rooms, by room JID (names, occupant counts, features). */
  info: Record<Jid, RoomInfo>;
  directory: RoomDirectory;
  invitations: Invitation[];
  /** Declines of our invitations, oldest first. */
  declines: Decline[];
}

export type RoomsStore = Store<RoomsState>;

export const initialRoomsState: RoomsState = { bookmarks: [], info: {}, directory: { status: 'idle', rooms: [] }, invitations: [], declines: [] };

export function roomsReducer(state: RoomsState, event: SessionEvent, cow = new CopyOnWrite()): RoomsState {
  switch (event.type) {
    case 'bookmarks':
      return { ...state, bookmarks: event.bookmarks };
    case 'roomInfo': {
      const info = cow.writable(state.info);
      info[event.info.jid] = { ...info[event.info.jid], ...event.info };
      return { ...state, info };
    }
    case 'directoryLoading':
      return { ...state, directory: { ...state.directory, status: 'loading', error: undefined } };
    case 'directoryError':
      return { ...state, directory: { ...state.directory, status: 'error', error: event.error } };
    case 'roomDirectory': {
      const info = cow.writable(state.info);
      for (const room of event.rooms) info[room.jid] = { ...info[room.jid], ...room };
      return { ...state, info, directory: { status: 'idle', service: event.service, rooms: event.rooms } };
    }
    case 'invitation':
      if (state.invitations.some(invitation => invitation.room === event.room)) return state;
      return {
        ...state,
        invitations: [...state.invitations, { room: event.room, from: event.from, reason: event.reason, password: event.password, kind: event.kind }],
      };
    case 'invitationDeclined': {
      const decline: Decline = { room: event.room, from: event.from, at: Date.now() };
      if (event.reason) decline.reason = event.reason;
      const others = state.declines.filter(candidate => candidate.room !== event.room || candidate.from !== event.from);
      return { ...state, declines: [...others, decline].slice(-MAX_DECLINES) };
    }
    case 'declineDismissed':
      return { ...state, declines: state.declines.filter(candidate => candidate.room !== event.room || candidate.from !== event.from) };
    case 'invitationHandled':
      return { ...state, invitations: state.invitations.filter(invitation => invitation.room !== event.room) };
    default:
      return state;
  }
}

export function createRoomsStore(): RoomsStore {
  return createStore<RoomsState>({ ...initialRoomsState });
}
