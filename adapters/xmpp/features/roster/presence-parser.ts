/** RFC 6121 presence: availability per resource and subscription management. */
import type { ResourcePresence } from '../../../types';
import { parseJid, formatBare } from '../../jid';
import { NS_NICK } from '../../namespaces';
import { attr, child, type XmlElement } from '../../xml';
import type { ParseContext } from '../../parse-context';

export type PresenceUpdate =
  /** A resource is available (`presence` set) or went away (`presence` undefined). */
  | { kind: 'availability'; jid: string; resource: string; presence?: ResourcePresence }
  /** `subscribe`, `subscribed`, `unsubscribe`, `unsubscribed` from `jid` (bare). */
  | { kind: 'subscription'; type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed'; jid: string; name?: string };

const SHOWS = ['away', 'chat', 'dnd', 'xa'] as const;
type Show = (typeof SHOWS)[number];

function parsePriority(text: string | null | undefined): number {
  if (text == null) return 0;
  const t = text.trim();
  if (!/^[+-]?\d{1,3}$/.test(t)) return 0;
  const n = Number(t);
  return n >= -128 && n <= 127 ? n : 0;
}

/** The text of the `<status/>` without xml:lang, else the first one. */
function statusText(presence: XmlElement): string | undefined {
  const statuses = presence.getChildren('status');
  const plain = statuses.find((s) => !s.attrs['xml:lang']) ?? statuses[0];
  const text = plain?.getText();
  return text ? text : undefined;
}

/**
 * Parses an incoming presence. Returns null for presences without a valid `from`, from the own
 * account (our own resources), probes, errors and unknown types.
 */
export function parsePresence(presence: XmlElement, ctx: ParseContext): PresenceUpdate | null {
  if (presence.name !== 'presence') return null;
  const from = parseJid(attr(presence, 'from'));
  if (!from) return null;
  const jid = formatBare(from);
  if (jid === ctx.ownJid) return null;
  const type = presence.attrs.type;

  if (type === undefined || type === 'unavailable') {
    const resource = from.resource ?? '';
    if (type === 'unavailable') return { kind: 'availability', jid, resource };
    const showText = presence.getChildText('show');
    const show: ResourcePresence['show'] = SHOWS.includes(showText as Show) ? (showText as Show) : 'online';
    const p: ResourcePresence = { show, priority: parsePriority(presence.getChildText('priority')) };
    const status = statusText(presence);
    if (status !== undefined) p.status = status;
    return { kind: 'availability', jid, resource, presence: p };
  }

  if (type === 'subscribe' || type === 'subscribed' || type === 'unsubscribe' || type === 'unsubscribed') {
    // Subscription stanzas are addressed between bare JIDs; the server stamps the bare JID.
    const out: PresenceUpdate = { kind: 'subscription', type, jid };
    if (type === 'subscribe') {
      const nick = child(presence, 'nick', NS_NICK)?.getText();
      if (nick) out.name = nick;
    }
    return out;
  }

  return null; // probe, error, or garbage
}
