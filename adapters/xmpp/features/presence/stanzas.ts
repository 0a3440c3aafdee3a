/** Own presence broadcasts (RFC 6121 §4). */
import { compact, xml, xmlSafe, type XmlElement } from '../../xml';
import { photoUpdate } from '../profile/stanzas';

export interface OwnPresence {
  show?: 'away' | 'chat' | 'dnd' | 'xa';
  status?: string;
  /** -128..127; values outside are clamped. */
  priority?: number;
  /** XEP-0115 capabilities (`<c/>`), so the server knows our features (PEP +notify). */
  caps?: XmlElement;
  /** XEP-0153 photo hash ('' for none); left out while unknown. */
  photo?: string;
}

/** `<presence/>`, optionally with show, status, priority and capabilities. */
export function availablePresence(p: OwnPresence = {}): XmlElement {
  const status = p.status !== undefined ? xmlSafe(p.status) : '';
  const priority = p.priority !== undefined && Number.isFinite(p.priority) ? Math.max(-128, Math.min(127, Math.trunc(p.priority))) : undefined;
  return xml(
    'presence',
    {},
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
