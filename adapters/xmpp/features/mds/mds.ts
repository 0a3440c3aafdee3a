/** XEP-0490 message displayed synchronization: what the user displayed follows them across their clients. */
import type { Jid } from '../../../types';
import type { ParseContext } from '../../parse-context';
import { checkId, randomId, type XmlElement } from '../../xml';
import { requireBareJid, type FeatureHost } from '../host';
import { parseDisplayedEvent } from './parser';
import { displayedPublish } from './stanzas';

export class MdsFeature {
  constructor(
    private readonly host: FeatureHost,
    /** A room we are in or were in this session: its messages' stanza-ids are the room's. */
    private readonly isRoom: (jid: Jid) => boolean,
  ) {}

  /** A notification of the displayed node: another client of ours read these conversations. True when `stanza` was one. */
  onMessage(stanza: XmlElement, ctx: ParseContext): boolean {
    const displayed = parseDisplayedEvent(stanza, ctx);
    if (!displayed) return false;
    for (const { conversation, stanzaId } of displayed) this.host.emit({ type: 'displayed', conversation, id: stanzaId, by: 'self' });
    return true;
  }

  /** Publishes that the user displayed `conversation` up to the message with this stanza-id. */
  async publish(conversation: Jid, stanzaId: string): Promise<void> {
    const jid = requireBareJid(this.host, conversation);
    checkId(stanzaId);
    const by = this.isRoom(jid) ? jid : this.host.ctx().ownJid;
    await this.host.iq(displayedPublish(randomId(), jid, stanzaId, by));
  }
}
