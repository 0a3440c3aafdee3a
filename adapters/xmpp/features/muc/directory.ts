/**
 * The room directory of a conference service (XEP-0045 §6.3): its rooms from disco#items,
 * with name, occupant count and features from each room's disco#info (XEP-0045 §6.4).
 */
import type { RoomInfo } from '../../../types';
import { formatBare, parseJid } from '../../jid';
import { randomId } from '../../xml';
import { discoInfo } from '../disco/disco';
import { parseDiscoItems } from '../disco/parser';
import { discoItemsGet } from '../disco/stanzas';
import { answeredBy, type FeatureHost } from '../host';
import { parseRoomInfo, parseRoomJid } from './parser';

/** Emits `roomDirectory` for `service`, asking disco#info of its first `infoLimit` rooms. */
export async function listRooms(host: FeatureHost, service: string | undefined, infoLimit: number): Promise<void> {
  const s = parseJid(service);
  if (!s || s.resource !== undefined) throw new Error(service ? 'invalid-jid' : 'no conference service');
  const svc = formatBare(s);
  const answer = await host.iq(discoItemsGet(randomId(), svc));
  if (!answeredBy(host, answer, svc)) throw new Error('bad-response');
  // Rooms are bare JIDs on the service itself (an item elsewhere is not this service's room).
  const items = (parseDiscoItems(answer) ?? []).filter((i) => {
    const r = parseRoomJid(i.jid);
    return !i.node && !!r && r.nick === undefined && parseJid(r.room)?.domain === s.domain;
  });
  const rooms: RoomInfo[] = await Promise.all(
    items.map(async (item, i): Promise<RoomInfo> => {
      const base: RoomInfo = item.name ? { jid: item.jid, name: item.name } : { jid: item.jid };
      if (i >= infoLimit) return base;
      const info = await discoInfo(host, item.jid);
      // The room's own name (disco#info) wins over the service's label for it.
      return info ? { ...base, ...parseRoomInfo(item.jid, info) } : base;
    }),
  );
  host.emit({ type: 'roomDirectory', service: svc, rooms });
}
