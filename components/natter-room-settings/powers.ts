import type { Affiliation } from '../../adapters/types';
import type { RoomState } from '../../stores/conversation';

/** The affiliation lists a room keeps (XEP-0045 §9, §10). */
export type ListedAffiliation = Exclude<Affiliation, 'none'>;

/**
 * What our affiliation and role let us do in a room (XEP-0045 §8 moderators, §9 admins, §10 owners):
 * the subject (moderators, or anyone where the room allows it), the lists we may edit, the
 * configuration and destroying (owners).
 */
export function roomPowers(room: RoomState | null | undefined): { subject: boolean; invite: boolean; lists: ListedAffiliation[]; owner: boolean } {
  const self = room?.status === 'joined' ? room.self : undefined;
  if (!self) return { subject: false, invite: false, lists: [], owner: false };
  const owner = self.affiliation === 'owner';
  const admin = owner || self.affiliation === 'admin';
  return {
    subject: self.role === 'moderator' || (self.role === 'participant' && !!room?.features?.changeSubject),
    // A members-only room takes invitations from its admins (and owners); any room from its occupants.
    invite: self.role !== 'visitor' && (!room?.features?.membersOnly || admin || self.affiliation === 'member'),
    lists: owner ? ['member', 'admin', 'owner', 'outcast'] : admin ? ['member', 'outcast'] : [],
    owner,
  };
}
