import { createStore } from '@stencil/store';
import type { AvatarRef, Jid } from '../adapters/types';
import type { SessionEvent } from './events';
import { CopyOnWrite, type Store } from './store-utils';

/** What someone says of themselves (see `ProfileUpdate`): never the user's own roster name for them. */
export interface Profile {
  nick?: string;
  fullName?: string;
  avatar?: AvatarRef;
}

/** Where an avatar's image stands: `url` a blob: URL of checked bytes; `failed` it cannot be shown. */
export type AvatarImage = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed' };

export interface ProfilesState {
  /** By bare JID (the user's own too). */
  profiles: Record<Jid, Profile>;
  /** By avatar id (its SHA-1): one image however many people or rooms show it. */
  images: Record<string, AvatarImage>;
}

export type ProfilesStore = Store<ProfilesState>;

export const initialProfilesState: ProfilesState = { profiles: {}, images: {} };

/** Local events of the avatar loader. */
export type AvatarImageEvent = { type: 'avatarImage'; id: string; image: AvatarImage };

export function profilesReducer(state: ProfilesState, event: SessionEvent, cow = new CopyOnWrite()): ProfilesState {
  switch (event.type) {
    case 'profile': {
      const before = state.profiles[event.jid] ?? {};
      const next: Profile = { ...before };
      const { nick, fullName, avatar } = event.profile;
      if (nick !== undefined) {
        if (nick) next.nick = nick;
        else delete next.nick;
      }
      if (fullName !== undefined) {
        if (fullName) next.fullName = fullName;
        else delete next.fullName;
      }
      if (avatar !== undefined) {
        if (avatar) next.avatar = avatar;
        else delete next.avatar;
      }
      if (next.nick === before.nick && next.fullName === before.fullName && sameAvatar(next.avatar, before.avatar) && event.jid in state.profiles) return state;
      const profiles = cow.writable(state.profiles);
      profiles[event.jid] = next;
      return { ...state, profiles };
    }
    case 'avatarImage': {
      const images = cow.writable(state.images);
      images[event.id] = event.image;
      return { ...state, images };
    }
    default:
      return state;
  }
}

function sameAvatar(a: AvatarRef | undefined, b: AvatarRef | undefined): boolean {
  return a?.id === b?.id && a?.source === b?.source;
}

/** The blob: URL of `jid`'s avatar when its image is checked and ready, else undefined. */
export function avatarUrl(state: Pick<ProfilesState, 'profiles' | 'images'>, jid: Jid): string | undefined {
  const id = state.profiles[jid]?.avatar?.id;
  const image = id ? state.images[id] : undefined;
  return image?.status === 'ready' ? image.url : undefined;
}

export function createProfilesStore(): ProfilesStore {
  return createStore<ProfilesState>({ ...initialProfilesState });
}
