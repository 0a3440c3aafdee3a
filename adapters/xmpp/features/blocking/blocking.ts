/**
 * XEP-0191 blocking (with XEP-0377 reports): the blocklist, block and unblock, and the server's
 * pushes, accepted only from the own account or its server. Blocking needs the server's
 * `urn:xmpp:blocking` feature; without it every command rejects with `feature-not-implemented`.
 */
import type { AbuseReport, Jid } from '../../../types';
import { formatJid, parseJid } from '../../jid';
import { randomId, type XmlElement } from '../../xml';
import { requireOnline, type FeatureHost } from '../host';
import { parseBlocklistPush, parseBlocklistResult } from './parser';
import { blockSet, blocklistGet, unblockSet } from './stanzas';

export class BlockingFeature {
  constructor(
    private readonly host: FeatureHost,
    /** The server offers XEP-0191 (its disco#info said so). */
    private readonly supported: () => boolean,
  ) {}

  async load(): Promise<void> {
    this.check();
    const answer = await this.host.iq(blocklistGet(randomId()));
    const jids = parseBlocklistResult(answer, this.host.ctx());
    if (!jids) {
      this.host.drop('blocklist result not from the own account or malformed', answer);
      throw new Error('malformed blocklist');
    }
    this.host.emit({ type: 'blocklist', jids });
  }

  async block(jid: Jid, report?: AbuseReport): Promise<void> {
    const target = this.target(jid);
    if (report && report.reason !== 'spam' && report.reason !== 'abuse') throw new Error('invalid report');
    await this.host.iq(blockSet(randomId(), target, report));
  }

  async unblock(jid: Jid): Promise<void> {
    await this.host.iq(unblockSet(randomId(), this.target(jid)));
  }

  /** A push (an IQ set); `undefined` has it answered with service-unavailable. */
  onPush(stanza: XmlElement): true | undefined {
    const push = parseBlocklistPush(stanza, this.host.ctx());
    if (!push) {
      this.host.drop('blocklist push not from the own account or malformed', stanza);
      return undefined;
    }
    if (push.kind === 'block') this.host.emit({ type: 'blocked', jids: push.jids });
    else this.host.emit(push.all ? { type: 'unblocked', jids: [], all: true } : { type: 'unblocked', jids: push.jids });
    return true;
  }

  private check(): void {
    requireOnline(this.host);
    if (!this.supported()) throw new Error('feature-not-implemented');
  }

  /** Any valid JID can be blocked: an account, an occupant address (room@service/nick) or a domain. */
  private target(jid: Jid): string {
    const j = parseJid(jid);
    if (!j) throw new Error('invalid-jid');
    this.check();
    return formatJid(j);
  }
}
