/**
 * Profiles and avatars: what people say of themselves is asked for lazily (for who is on screen),
 * and an avatar's image is shown only once its bytes are checked: a known image type by its first
 * bytes (never SVG), at most MAX_AVATAR_BYTES, and SHA-1 equal to the advertised id. Checked
 * images are kept by id (IndexedDB, else memory), so a second view fetches nothing.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { AvatarData, Jid, OwnAvatar, OwnProfileChange } from '../../adapters/types';
import type { ProfilesStore } from '../../stores/profiles';
import type { SessionActions } from '../session';
import type { AvatarStorage } from '../storage';
import type { SessionContext } from './context';

/** Larger images are refused (bytes). */
export const MAX_AVATAR_BYTES = 1024 * 1024;
/** The types shown, as their bytes tell them. */
export type AvatarType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** The image type of `bytes` by their signature; undefined for anything else (SVG, HTML, …). */
export function sniffImageType(bytes: Uint8Array): AvatarType | undefined {
  const at = (i: number, ...sig: number[]) => sig.every((b, k) => bytes[i + k] === b);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

/** Why an image may not be shown, or null when it may. */
export function avatarProblem(id: string, data: AvatarData): 'too-large' | 'not-an-image' | 'hash-mismatch' | null {
  if (!(data?.bytes instanceof Uint8Array) || data.bytes.length > MAX_AVATAR_BYTES) return 'too-large';
  if (!sniffImageType(data.bytes)) return 'not-an-image';
  if (bytesToHex(sha1(data.bytes)) !== id) return 'hash-mismatch';
  return null;
}

/** A blob: URL of checked bytes, typed by what they are (not by what the sender said). */
function blobUrl(bytes: Uint8Array): string | undefined {
  if (typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function' || typeof Blob === 'undefined') return undefined;
  return URL.createObjectURL(new Blob([bytes as BlobPart], { type: sniffImageType(bytes) }));
}

export interface ProfileActions {
  actions: Pick<SessionActions, 'loadProfile' | 'publishAvatar' | 'setProfile'>;
  /** A `profile` event was applied for `jid`: its new avatar is loaded if `jid` was on screen. */
  profileChanged(jid: Jid): void;
  /** Online (once the stores say so): a new server session asks again for who was on screen. */
  online(fresh: boolean): void;
  dispose(): void;
}

export function profileActions(ctx: SessionContext, profiles: ProfilesStore, storage: AvatarStorage): ProfileActions {
  const { adapter, dispatch, enqueue, settled } = ctx;
  /** Asked for in this server session. */
  const asked = new Set<Jid>();
  /** Shown on screen at least once: only their images are fetched. */
  const wanted = new Set<Jid>();
  const urls: string[] = [];
  let disposed = false;

  function ready(id: string, bytes: Uint8Array): void {
    const url = blobUrl(bytes);
    if (!url) {
      enqueue({ type: 'avatarImage', id, image: { status: 'failed' } });
      return;
    }
    urls.push(url);
    enqueue({ type: 'avatarImage', id, image: { status: 'ready', url } });
  }

  async function loadImage(jid: Jid): Promise<void> {
    const ref = profiles.get('profiles')[jid]?.avatar;
    if (!ref || profiles.get('images')[ref.id]) return;
    dispatch({ type: 'avatarImage', id: ref.id, image: { status: 'loading' } });
    try {
      const cached = await storage.get(ref.id).catch(() => null);
      if (disposed) return;
      if (cached && avatarProblem(ref.id, cached) === null) {
        ready(ref.id, cached.bytes);
        return;
      }
      if (!adapter.fetchAvatar) throw new Error('the adapter has no avatars');
      if (ref.bytes !== undefined && ref.bytes > MAX_AVATAR_BYTES) throw new Error('too-large');
      const data = await adapter.fetchAvatar(jid, ref);
      if (disposed) return;
      const problem = avatarProblem(ref.id, data);
      if (problem) throw new Error(problem);
      ready(ref.id, data.bytes);
      await storage.put(ref.id, { type: sniffImageType(data.bytes)!, bytes: data.bytes }).catch(() => undefined);
    } catch (error) {
      console.warn(`[natter] the avatar ${ref.id} of ${jid} is not shown:`, error instanceof Error ? error.message : error);
      if (!disposed) enqueue({ type: 'avatarImage', id: ref.id, image: { status: 'failed' } });
    }
  }

  /** Asks the adapter for `jid`'s profile once per server session, while online. */
  function ask(jid: Jid): void {
    if (asked.has(jid) || !adapter.fetchProfile || ctx.connection.get('status') !== 'online') return;
    asked.add(jid);
    adapter.fetchProfile(jid).catch(error => {
      asked.delete(jid);
      console.warn(`[natter] the profile of ${jid} could not be read:`, error instanceof Error ? error.message : error);
    });
  }

  return {
    actions: {
      loadProfile(jid) {
        if (typeof jid !== 'string' || jid.includes('/') || !jid.includes('@')) return;
        wanted.add(jid);
        void loadImage(jid);
        ask(jid);
      },
      async publishAvatar(avatar: OwnAvatar) {
        if (!adapter.publishAvatar) throw new Error('unsupported');
        if (avatar.bytes.length > MAX_AVATAR_BYTES) throw new Error('too-large');
        if (!sniffImageType(avatar.bytes)) throw new Error('not-an-image');
        const id = await settled(adapter.publishAvatar(avatar));
        // Our own image is known: shown at once, and never fetched back.
        if (profiles.get('images')[id]?.status !== 'ready') ready(id, avatar.bytes);
        await storage.put(id, { type: avatar.type, bytes: avatar.bytes }).catch(() => undefined);
        return id;
      },
      async setProfile(change: OwnProfileChange) {
        if (!adapter.setProfile) throw new Error('unsupported');
        await settled(adapter.setProfile(change));
      },
    },
    profileChanged(jid) {
      if (wanted.has(jid)) void loadImage(jid);
    },
    online(fresh) {
      if (fresh) asked.clear();
      // Who was on screen before the server answered (a cached roster) is asked now.
      for (const jid of wanted) ask(jid);
    },
    dispose() {
      disposed = true;
      for (const url of urls) URL.revokeObjectURL(url);
    },
  };
}
