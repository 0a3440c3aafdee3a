/**
 * XEP-0115 entity capabilities of others: what each available resource (a contact's, a room
 * occupant's) supports, from the `<c/>` of its presence and the caps cache, without asking every
 * peer (one disco#info per unknown ver, to one advertiser). Emits `resourceFeatures` for each.
 */
import { formatBare, formatJid, parseJid } from '../../jid';
import { NS_DISCO_INFO } from '../../namespaces';
import { child, randomId, type XmlElement } from '../../xml';
import { answeredBy, type FeatureHost } from '../host';
import { discoInfoGet } from '../disco/stanzas';
import type { CapsCache } from './cache';
import { parseCaps, type CapsAdvert } from './parser';
import { parseCapsQuery } from './verification';

function sameAdvert(a: CapsAdvert | undefined, b: CapsAdvert): boolean {
  return !!a && a.hash === b.hash && a.ver === b.ver && a.node === b.node;
}

export class CapsFeature {
  /** What each available full JID advertised last. */
  private adverts = new Map<string, CapsAdvert>();
  /** The features each full JID was told to have (what the stores show). */
  private known = new Map<string, string[]>();

  constructor(
    private readonly host: FeatureHost,
    private readonly cache: CapsCache,
  ) {}

  /** A session starts or ends: what was known of peers' resources belongs to the previous one (the stores forget with their presence). */
  reset(): void {
    this.adverts = new Map();
    this.known = new Map();
  }

  /** Everything known of the resources of `bare` (a room we left). */
  forget(bare: string): void {
    for (const full of [...this.adverts.keys(), ...this.known.keys()]) {
      const j = parseJid(full);
      if (!j || formatBare(j) !== bare || j.resource === undefined) continue;
      this.adverts.delete(full);
      this.set(full, bare, j.resource, undefined);
    }
  }

  /** The features of a full JID as known now (undefined: no verified caps). */
  features(jid: string): string[] | undefined {
    return this.known.get(jid);
  }

  /**
   * A presence that was routed to the roster or to a room (call it after, so the presence event
   * comes first). Presences without a full `from`, errors, probes and subscriptions are ignored.
   */
  onPresence(stanza: XmlElement): void {
    const from = parseJid(stanza.attrs.from);
    if (!from || from.resource === undefined) return;
    const type = stanza.attrs.type;
    if (type !== undefined && type !== 'unavailable') return;
    const full = formatJid(from);
    const bare = formatBare(from);
    if (bare === this.host.ctx().ownJid) return;
    const advert = type === undefined ? parseCaps(stanza) : null;
    if (!advert) {
      this.adverts.delete(full);
      this.set(full, bare, from.resource, undefined);
      return;
    }
    if (sameAdvert(this.adverts.get(full), advert)) return; // a status change: nothing new to learn
    this.adverts.set(full, advert);
    const cached = this.cache.peek(advert.hash, advert.ver);
    if (cached) {
      this.set(full, bare, from.resource, cached.features);
      return;
    }
    // The ver is new: what the resource had before is no longer known to be true.
    this.set(full, bare, from.resource, undefined);
    const current = this.host.sessionCheck();
    void this.cache.resolve(advert, full, (entity, node) => this.ask(entity, node)).then((info) => {
      if (!current() || !sameAdvert(this.adverts.get(full), advert)) return;
      this.set(full, bare, from.resource!, info?.features);
    });
  }

  private async ask(entity: string, node: string): Promise<ReturnType<typeof parseCapsQuery>> {
    const answer = await this.host.iq(discoInfoGet(randomId(), entity, node));
    if (!answeredBy(this.host, answer, entity)) return null;
    const info = parseCapsQuery(child(answer, 'query', NS_DISCO_INFO));
    if (!info) this.host.drop('ill-formed disco#info answer to a caps query (XEP-0115 §5.4)', answer);
    return info;
  }

  private set(full: string, bare: string, resource: string, features: string[] | undefined): void {
    const before = this.known.get(full);
    if (!features) {
      if (!before) return;
      this.known.delete(full);
      this.host.emit({ type: 'resourceFeatures', jid: bare, resource });
      return;
    }
    if (before === features) return;
    this.known.set(full, features);
    this.host.emit({ type: 'resourceFeatures', jid: bare, resource, features: [...features] });
  }
}
