/** Own presence broadcasts (RFC 6121 §4) and XEP-0186 invisibility. */
import type { OwnPresence as ChosenPresence } from '../../../types';
import { NS_INVISIBLE } from '../../namespaces';
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';
import { photoUpdate } from '../profile/stanzas';

/** A status text longer than this is cut (RFC 6121 sets no limit; servers and peers do). */
export const MAX_STATUS_LENGTH = 1_000;

export interface OwnPresence {
  show?: 'away' | 'chat' | 'dnd' | 'xa';
  status?: string;
  /** -128..127; values outside are clamped. */
  priority?: number;
  /** XEP-0115 capabilities (`<c/>`), so the server knows our features (PEP +notify). */
  caps?: XmlElement;
  /** Directed presence (to a room occupant JID); broadcast when absent. */
  to?: string;
  /** XEP-0153 photo hash ('' for none); left out while unknown. */
  photo?: string;
}

/** The `<show/>` and status of the user's choice (`invisible` has none: it is not a presence). */
export function presenceFields(p: ChosenPresence): { show?: 'away' | 'dnd'; status?: string } {
  const show: 'away' | 'dnd' | undefined = p.availability === 'away' ? 'away' : p.availability === 'dnd' ? 'dnd' : undefined;
  const status = p.status !== undefined ? xmlSafe(p.status).trim().slice(0, MAX_STATUS_LENGTH) : '';
  return { ...(show ? { show } : {}), ...(status ? { status } : {}) };
}

/** XEP-0186 §3.1: `<iq type="set"><invisible xmlns="urn:xmpp:invisible:0"/></iq>`. */
export function invisibleSet(id: string): XmlElement {
  return xml('iq', { type: 'set', id }, xml('invisible', { xmlns: NS_INVISIBLE, probe: 'false' }));
}

/** XEP-0186 §3.3: back to visible. */
export function visibleSet(id: string): XmlElement {
  return xml('iq', { type: 'set', id }, xml('visible', { xmlns: NS_INVISIBLE }));
}

/** `<presence/>`, optionally with show, status, priority and capabilities. */
export function availablePresence(p: OwnPresence = {}): XmlElement {
  const status = p.status !== undefined ? xmlSafe(p.status) : '';
  const priority = p.priority !== undefined && Number.isFinite(p.priority) ? Math.max(-128, Math.min(127, Math.trunc(p.priority))) : undefined;
  return xml(
    'presence',
    p.to ? { to: p.to } : {},
    ...compact(
      p.show ? xml('show', {}, p.show) : undefined,
      status ? xml('status', {}, status) : undefined,
      priority !== undefined && priority !== 0 ? xml('priority', {}, String(priority)) : undefined,
      p.caps,
      p.photo !== undefined ? photoUpdate(p.photo) : undefined,
    ),
  );
}

/** `<presence type="unavailable"/>` */
export function unavailablePresence(): XmlElement {
  return xml('presence', { type: 'unavailable' });
}
