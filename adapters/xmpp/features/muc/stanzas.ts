/**
 * XEP-0045 multi-user chat stanzas: joining, leaving, nick changes, room messages and subjects,
 * moderation (muc#admin), room configuration (muc#owner), XEP-0249 direct invitations, XEP-0410
 * self-pings and disco#items. JIDs must be validated by the caller; user strings only go through
 * `xml()` and `xmlSafe()`.
 */
import type { Affiliation, RoomConfig, Role } from '../../../types';
import {
  NS_CHATSTATES,
  NS_CONFERENCE,
  NS_DATA,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_OWNER,
  NS_MUC_ROOMCONFIG,
  NS_MUC_USER,
  NS_PING,
  NS_SID,
} from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';
import { chatMessage, replaceElement } from '../messages/stanzas';

export interface JoinOptions {
  password?: string;
  /**
   * How much discussion history the room should replay (`<history maxstanzas>`). Default 0: the
   * room's archive is the source; only rooms without one are asked for their history.
   */
  maxStanzas?: number;
  /** The user's own availability and status text, which occupants see (RFC 6121 show / status). */
  show?: 'away' | 'dnd';
  status?: string;
}

/**
 * The join presence to `room/nick`: `<x xmlns="…muc"><history maxstanzas="0"/>` so the room
 * replays no discussion history (the room's archive is the source), plus the password if any.
 */
export function joinPresence(occupantJid: string, o: JoinOptions = {}): XmlElement {
  const password = o.password !== undefined ? xmlSafe(o.password) : '';
  const max = o.maxStanzas !== undefined && Number.isFinite(o.maxStanzas) ? Math.max(0, Math.floor(o.maxStanzas)) : 0;
  return xml(
    'presence',
    { to: occupantJid },
    ...compact(o.show ? xml('show', {}, o.show) : undefined, o.status ? xml('status', {}, xmlSafe(o.status)) : undefined),
    xml('x', { xmlns: NS_MUC }, xml('history', { maxstanzas: String(max) }), ...compact(password ? xml('password', {}, password) : undefined)),
  );
}

/** A nick change: a plain presence to the new occupant JID (no `<x/>`, XEP-0045 §7.6). */
export function nickChangePresence(occupantJid: string): XmlElement {
  return xml('presence', { to: occupantJid });
}

/** Leaving: `<presence type="unavailable" to="room/nick">`, with an optional status text. */
export function leavePresence(occupantJid: string, status?: string): XmlElement {
  const text = status !== undefined ? xmlSafe(status).trim() : '';
  return xml('presence', { to: occupantJid, type: 'unavailable' }, ...compact(text ? xml('status', {}, text) : undefined));
}

/**
 * `<message type="groupchat" to=room id>` with the body and an XEP-0359 origin-id equal to `id`
 * (how our reflection is recognised), and `<active/>`. No receipt request: XEP-0184 §5.3 rules
 * them out in groupchat. With `replaces`, it is the XEP-0308 correction of our message sent with that id.
 */
export function groupchatMessage(room: string, body: string, id: string, replaces?: string): XmlElement {
  const safeId = xmlSafe(id);
  return xml(
    'message',
    { type: 'groupchat', to: room, id: safeId },
    xml('body', {}, xmlSafe(body)),
    xml('origin-id', { xmlns: NS_SID, id: safeId }),
    xml('active', { xmlns: NS_CHATSTATES }),
    ...compact(replaces !== undefined ? replaceElement(replaces) : undefined),
  );
}

/**
 * A private message to an occupant: a chat message marked with `<x xmlns="…muc#user"/>` (XEP-0045
 * §7.5); with `replaces`, a correction.
 */
export function privateMessage(occupantJid: string, body: string, id: string, replaces?: string): XmlElement {
  const el = chatMessage(occupantJid, body, id, replaces);
  el.append(xml('x', { xmlns: NS_MUC_USER }));
  return el;
}

/** A subject change: a groupchat message with `<subject/>` only (an empty subject clears it). */
export function subjectMessage(room: string, subject: string, id: string): XmlElement {
  return xml('message', { type: 'groupchat', to: room, id }, xml('subject', {}, xmlSafe(subject)));
}

export type AdminItem =
  | { nick: string; role: Role; reason?: string }
  | { jid: string; affiliation: Affiliation; reason?: string };

/** A muc#admin change of one role (by nick) or affiliation (by bare JID), with a reason. */
export function adminSet(id: string, room: string, item: AdminItem): XmlElement {
  const reason = item.reason !== undefined ? xmlSafe(item.reason).trim() : '';
  const attrs = 'nick' in item ? { nick: xmlSafe(item.nick), role: item.role } : { jid: item.jid, affiliation: item.affiliation };
  return xml(
    'iq',
    { type: 'set', id, to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', attrs, ...compact(reason ? xml('reason', {}, reason) : undefined))),
  );
}

/** Asks for the room configuration form (XEP-0045 §10.1.3). */
export function configGet(id: string, room: string): XmlElement {
  return xml('iq', { type: 'get', id, to: room }, xml('query', { xmlns: NS_MUC_OWNER }));
}

/** Accepts the default configuration of a new room: an empty submitted form (§10.1.2, instant room). */
export function instantRoom(id: string, room: string): XmlElement {
  return xml('iq', { type: 'set', id, to: room }, xml('query', { xmlns: NS_MUC_OWNER }, xml('x', { xmlns: NS_DATA, type: 'submit' })));
}

/** The `muc#roomconfig` fields a `RoomConfig` sets, as field → values. */
export function roomConfigFields(config: RoomConfig): Map<string, string[]> {
  const bool = (b: boolean) => [b ? '1' : '0'];
  const fields = new Map<string, string[]>();
  if (config.name !== undefined) fields.set('muc#roomconfig_roomname', [xmlSafe(config.name).trim()]);
  if (config.membersOnly !== undefined) fields.set('muc#roomconfig_membersonly', bool(config.membersOnly));
  if (config.persistent !== undefined) fields.set('muc#roomconfig_persistentroom', bool(config.persistent));
  if (config.public !== undefined) fields.set('muc#roomconfig_publicroom', bool(config.public));
  if (config.password !== undefined) {
    const secret = xmlSafe(config.password);
    fields.set('muc#roomconfig_passwordprotectedroom', bool(secret.length > 0));
    fields.set('muc#roomconfig_roomsecret', [secret]);
  }
  return fields;
}

/**
 * Submits a room configuration. Only fields the room's form offers are sent (`offered`, when
 * known): a service may reject unknown fields, and leaving a field out keeps its value.
 */
export function configSubmit(id: string, room: string, config: RoomConfig, offered?: ReadonlySet<string>): XmlElement {
  const fields = [...roomConfigFields(config)].filter(([name]) => !offered || offered.has(name));
  return xml(
    'iq',
    { type: 'set', id, to: room },
    xml(
      'query',
      { xmlns: NS_MUC_OWNER },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MUC_ROOMCONFIG)),
        ...fields.map(([name, values]) => xml('field', { var: name }, ...values.map((v) => xml('value', {}, v)))),
      ),
    ),
  );
}

/** XEP-0249 direct invitation: `<message to><x xmlns="jabber:x:conference" jid reason password/>`. */
export function directInvitation(to: string, room: string, id: string, o: { reason?: string; password?: string } = {}): XmlElement {
  const reason = o.reason !== undefined ? xmlSafe(o.reason).trim() : '';
  const password = o.password !== undefined ? xmlSafe(o.password) : '';
  return xml('message', { to, id }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason: reason || undefined, password: password || undefined }));
}

/** XEP-0410 self-ping: an XEP-0199 ping to our own occupant JID. */
export function selfPing(id: string, occupantJid: string): XmlElement {
  return xml('iq', { type: 'get', id, to: occupantJid }, xml('ping', { xmlns: NS_PING }));
}

/** XEP-0045 §7.8.2: `<message to=room><x muc#user><invite|decline to><reason/></…></x>`, which the room relays to `to`. */
function mediatedMessage(kind: 'invite' | 'decline', room: string, to: string, id: string, reason?: string): XmlElement {
  const text = reason !== undefined ? xmlSafe(reason).trim() : '';
  return xml('message', { to: room, id }, xml('x', { xmlns: NS_MUC_USER }, xml(kind, { to }, ...compact(text ? xml('reason', {}, text) : undefined))));
}

/** XEP-0045 §7.8.2 mediated invitation of `to`, sent through the room. */
export function mediatedInvitation(room: string, to: string, id: string, reason?: string): XmlElement {
  return mediatedMessage('invite', room, to, id, reason);
}

/** XEP-0045 §7.8.2 decline, sent to the room, which relays it to the inviter `to`. */
export function declineMessage(room: string, to: string, id: string, reason?: string): XmlElement {
  return mediatedMessage('decline', room, to, id, reason);
}

/** Asks for the room's list of one affiliation (XEP-0045 §9.5, §9.8, §10.5, §10.8). */
export function affiliationListGet(id: string, room: string, affiliation: Exclude<Affiliation, 'none'>): XmlElement {
  return xml('iq', { type: 'get', id, to: room }, xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation })));
}

/** Sends a filled-in data form (`submit` or `cancel`, see dataforms/form.ts) to the room as its owner. */
export function ownerSet(id: string, room: string, x: XmlElement): XmlElement {
  return xml('iq', { type: 'set', id, to: room }, xml('query', { xmlns: NS_MUC_OWNER }, x));
}

/** Destroys the room (XEP-0045 §10.9), with a reason and an alternate venue. */
export function destroyRoomIq(id: string, room: string, o: { reason?: string; alternate?: string } = {}): XmlElement {
  const reason = o.reason !== undefined ? xmlSafe(o.reason).trim() : '';
  return xml(
    'iq',
    { type: 'set', id, to: room },
    xml(
      'query',
      { xmlns: NS_MUC_OWNER },
      xml('destroy', { jid: o.alternate || undefined }, ...compact(reason ? xml('reason', {}, reason) : undefined)),
    ),
  );
}
