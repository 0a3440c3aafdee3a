/**
 * XEP-0425 message moderation: a room moderator has the room remove someone's message. The room
 * itself announces it (from its bare JID, which no occupant can send as), in the current form
 * (`:1`, a XEP-0424 `<retract id>` with `<moderated by>`) or the older one (`:0`, inside a XEP-0422
 * `<apply-to>`, as Prosody's mod_muc_moderation of 2023 sends it); the room's archive keeps a
 * tombstone in place of the message.
 */
import { parseJid } from '../../jid';
import { NS_FASTEN, NS_MODERATE, NS_MODERATE_0, NS_RETRACT, NS_RETRACT_0 } from '../../namespaces';
import { attr, child, parseStamp, validId, type XmlElement } from '../../xml';

/** A moderator's reason is a note, not a text: longer ones are cut. */
export const MAX_REASON = 500;

/** Who removed a message (the moderator's nick, where the room says) and why. */
export interface ModeratedBy {
  by?: string;
  reason?: string;
}

export interface Moderation {
  /** The removed message's stanza-id in the room. */
  id: string;
  moderated: ModeratedBy;
}

function details(moderated: XmlElement, reasonParent: XmlElement): ModeratedBy {
  const out: ModeratedBy = {};
  const by = parseJid(attr(moderated, 'by'))?.resource;
  if (by !== undefined) out.by = by;
  const reason = Array.from((reasonParent.getChildText('reason') ?? '').trim()).slice(0, MAX_REASON).join('');
  if (reason) out.reason = reason;
  return out;
}

/** The room's announcement that a message was moderated, in either form; the caller checks it is from the room itself. */
export function moderationOf(stanza: XmlElement): Moderation | undefined {
  const retract = child(stanza, 'retract', NS_RETRACT);
  const moderated1 = retract && child(retract, 'moderated', NS_MODERATE);
  const id1 = retract && validId(attr(retract, 'id'));
  if (retract && moderated1 && id1) return { id: id1, moderated: details(moderated1, retract) };
  const applyTo = child(stanza, 'apply-to', NS_FASTEN);
  const moderated0 = applyTo && child(applyTo, 'moderated', NS_MODERATE_0);
  const id0 = applyTo && validId(attr(applyTo, 'id'));
  if (applyTo && moderated0 && id0 && child(moderated0, 'retract', NS_RETRACT_0)) return { id: id0, moderated: details(moderated0, moderated0) };
  return undefined;
}

/** What the room's archive keeps of a moderated message (`<moderated><retracted/>` or `<retracted><moderated/>`), if this is one. */
export function tombstoneOf(stanza: XmlElement): { moderated: ModeratedBy; stamp?: number } | undefined {
  const retracted1 = child(stanza, 'retracted', NS_RETRACT);
  const moderated1 = retracted1 && child(retracted1, 'moderated', NS_MODERATE);
  if (retracted1 && moderated1) return { moderated: details(moderated1, retracted1), stamp: parseStamp(attr(retracted1, 'stamp')) };
  const moderated0 = child(stanza, 'moderated', NS_MODERATE_0);
  const retracted0 = moderated0 && child(moderated0, 'retracted', NS_RETRACT_0);
  if (moderated0 && retracted0) return { moderated: details(moderated0, moderated0), stamp: parseStamp(attr(retracted0, 'stamp')) };
  return undefined;
}

/** Which form of XEP-0425 a room speaks, from its disco#info features: the newer where both are offered. */
export function moderationVersion(features: readonly string[]): 0 | 1 | undefined {
  if (features.includes(NS_MODERATE)) return 1;
  return features.includes(NS_MODERATE_0) ? 0 : undefined;
}
