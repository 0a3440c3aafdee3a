import type { ContactPresence } from '../../adapters/types';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';
import { resolveSession } from '../../session/registry';
import { clip } from '../../markup/bounded-text';

/**
 * The session a component works with. Resolved on every render (a short walk up
 * the tree), so moving the element or setting `session` later just works.
 */
export function sessionFor(host: HTMLElement, explicit?: Session): Session {
  return resolveSession(host, explicit);
}

/**
 * A display name for a JID: the user's roster name for it, else what they call themselves (their
 * nick, else their vCard's full name: peer text, bounded by the adapter), else the local part,
 * else the JID; bounded in length (a peer chooses it).
 */
export function displayName(session: Session, jid: string): string {
  const contact = session.roster.get('contacts')[jid];
  if (contact?.name) return clip(contact.name);
  const profile = session.profiles.get('profiles')[jid];
  if (profile?.nick) return clip(profile.nick);
  if (profile?.fullName) return clip(profile.fullName);
  const at = jid.indexOf('@');
  return clip(at > 0 ? jid.slice(0, at) : jid);
}

/** The user's own name: their nick in `room` (a room JID), else the account's display name. */
export function ownName(session: Session, room?: string): string {
  const nick = room ? session.conversation(room).get('room')?.nick : undefined;
  if (nick) return clip(nick);
  const jid = session.connection.get('jid') ?? '';
  return displayName(session, jid.split('/')[0]);
}

/** Presence in words, with the status message if there is one ("Away: In a meeting"). */
export function presenceText(presence: ContactPresence): string {
  const show = t(`presence.${presence.show}`);
  return presence.status ? t('roster.presenceWithStatus', { presence: show, status: clip(presence.status) }) : show;
}

/** For an occupant JID (`room@service/nick`) of a room we know: the room and the nick. */
export function privateChatOf(session: Session, jid: string): { room: string; nick: string } | null {
  const slash = jid.indexOf('/');
  if (slash < 0) return null;
  const room = jid.slice(0, slash);
  return session.conversation(room).get('room') ? { room, nick: jid.slice(slash + 1) } : null;
}
