/**
 * One-to-one messages: chat and normal messages live or as carbons (XEP-0280), with their
 * receipts (XEP-0184), chat states (XEP-0085) and corrections (XEP-0308, applied by the stores),
 * the error bounces of our own, and sending them. A carbon is accepted only from the own bare
 * JID, a receipt or a bounce only for a message we sent to that conversation.
 */
import type { ChatState, Jid, OutgoingExtras } from '../../../types';
import { bare, formatBare, formatJid, parseJid } from '../../jid';
import type { ParseContext } from '../../parse-context';
import { parseRoomJid } from '../muc/parser';
import { withExtras } from './outgoing';
import { privateMessage } from '../muc/stanzas';
import { checkId, randomId, xmlSafe, type XmlElement } from '../../xml';
import { isCarbon, parseCarbon } from '../carbons/parser';
import { describeError, requireOnline, type FeatureHost } from '../host';
import { bodyText, CHAT_STATES, parseChatMessage, type MessageErrorInfo, type MessageParseOptions } from './parser';
import { isEmoji, MAX_REACTIONS } from '../reactions/parser';
import { reactionsMessage } from '../reactions/stanzas';
import { chatMessage, chatStateMessage, displayedMessage, receiptMessage, retractionMessage } from './stanzas';

/** How many of our own message ids we remember for receipts and error bounces. */
const OUTGOING_MEMORY = 2000;

export interface MessagesHost extends FeatureHost {
  /** A room we are in now. */
  inRoom(room: Jid): boolean;
  /** A room we are in or were in this session. */
  isRoom(room: Jid): boolean;
  /** `jid` is a room occupant and a message with it is a private message in that room. */
  isOccupant(jid: unknown, message: XmlElement): boolean;
  /** What the roster records of our subscription with `jid`. */
  subscription(jid: Jid): string | undefined;
  /** The server's domain (error bounces may come from it). */
  domain(): string;
  /** Sends on the current connection even while the session is not up yet (a receipt); undefined without one. */
  sendIfConnected(el: XmlElement): Promise<void> | undefined;
  /** XEP-0198 acks are on: a sent message is `sent` when the server acks it, not when it left. */
  streamManagementEnabled(): boolean;
}

export function checkOutgoing(body: unknown, id: unknown): void {
  if (typeof body !== 'string' || xmlSafe(body).length === 0) throw new Error('empty message');
  checkId(id);
}

export class MessagesFeature {
  /** Own message id → bare JID of its conversation. */
  private outgoing = new Map<string, Jid>();

  constructor(
    private readonly host: MessagesHost,
    /** Whom to answer XEP-0184 receipt requests (see XmppAdapterSettings.receipts). */
    private readonly receiptsPolicy: 'subscribed' | 'always' | 'never',
  ) {}

  /** A carbon, or a chat or normal message (not a room's own): true when `stanza` was handled here. */
  onMessage(stanza: XmlElement, ctx: ParseContext): boolean {
    if (isCarbon(stanza)) {
      const carbon = parseCarbon(stanza, ctx);
      if (!carbon) {
        this.host.drop('carbon not from the own bare JID, of a groupchat, or malformed', stanza);
        return true;
      }
      const mode = carbon.kind === 'sent' ? 'carbon-sent' : 'carbon-received';
      const peer = mode === 'carbon-sent' ? carbon.message.attrs.to : carbon.message.attrs.from;
      this.onChat(carbon.message, ctx, { mode, forwardedStamp: carbon.forwardedStamp, privateOccupant: this.host.isOccupant(peer, carbon.message) });
      return true;
    }
    const type = stanza.attrs.type ?? 'normal';
    if (type !== 'chat' && type !== 'normal') return false; // headlines are not handled
    // Anything else from a room's own JID (declines, notices) is not a conversation.
    const room = parseRoomJid(stanza.attrs.from);
    if (room && room.nick === undefined && this.host.inRoom(room.room)) return true;
    this.onChat(stanza, ctx, { mode: 'live', privateOccupant: this.host.isOccupant(stanza.attrs.from, stanza) });
    return true;
  }

  /** An error bounce of a message of ours (not a room's: the room manager had it first). */
  onError(stanza: XmlElement, info: MessageErrorInfo): void {
    const conversation = this.outgoing.get(info.id);
    if (conversation === undefined) return; // not a message of ours
    const peerDomain = parseJid(conversation)?.domain;
    // A private message in a room (conversation = occupant JID) bounces from the room.
    const trusted =
      info.from === undefined ||
      info.from === conversation ||
      info.from === bare(conversation) ||
      info.from === this.host.domain() ||
      info.from === this.host.ctx().ownJid ||
      info.from === peerDomain;
    if (!trusted) {
      this.host.drop(`error for a message to ${conversation} from someone else`, stanza);
      return;
    }
    this.host.emit({ type: 'messageStatus', conversation, id: info.id, status: 'failed', error: info.condition });
  }

  /** XEP-0198 acked (or, with `failed`, never acked) a stanza we sent: a message of ours is sent, or failed. */
  onAcked(stanza: XmlElement, failed = false): void {
    if (stanza?.name !== 'message' || !stanza.getChild('body')) return;
    const id = stanza.attrs.id as string | undefined;
    const conversation = id !== undefined ? this.outgoing.get(id) : undefined;
    if (id === undefined || conversation === undefined) return;
    this.host.emit(failed ? { type: 'messageStatus', conversation, id, status: 'failed', error: 'not-acknowledged' } : { type: 'messageStatus', conversation, id, status: 'sent' });
  }

  /** A chat message (a private message when `to` is a room occupant); with `replaces`, a correction; with `extras`, a file, an answer, mentions. */
  async send(to: Jid, body: string, id: string, replaces?: string, extras?: OutgoingExtras): Promise<void> {
    const peer = parseJid(to);
    if (!peer || peer.local === undefined) throw new Error('invalid-jid');
    checkOutgoing(body, id);
    requireOnline(this.host);
    // To an occupant of a room we are (or were) in: a private message, whose conversation is the occupant.
    const occupant = peer.resource !== undefined && this.host.isRoom(formatBare(peer));
    const conversation = occupant ? formatJid(peer) : formatBare(peer);
    // Built first: an attachment that cannot be sent (not http(s)) throws before anything is remembered.
    const stanza = withExtras(occupant ? privateMessage(formatJid(peer), body, id, replaces) : chatMessage(formatJid(peer), body, id, replaces), body, extras);
    this.remember(id, conversation);
    await this.host.send(stanza);
    this.sentUnlessAcked(conversation, id);
  }

  /** A retraction of our message `retractedId`: to a room we are in as groupchat, else as chat (a private chat with an occupant too). */
  async sendRetraction(to: Jid, retractedId: string, id: string): Promise<void> {
    const peer = parseJid(to);
    if (!peer || peer.local === undefined) throw new Error('invalid-jid');
    checkId(retractedId);
    checkId(id);
    const room = peer.resource === undefined && this.host.inRoom(formatBare(peer));
    await this.host.send(retractionMessage(room ? formatBare(peer) : formatJid(peer), room ? 'groupchat' : 'chat', retractedId, id));
  }

  /** Our reactions to `messageId`: to a room we are in as groupchat, else as chat. */
  async sendReactions(to: Jid, messageId: string, emojis: string[], id: string): Promise<void> {
    const peer = parseJid(to);
    if (!peer || peer.local === undefined) throw new Error('invalid-jid');
    checkId(messageId);
    checkId(id);
    if (emojis.length > MAX_REACTIONS || !emojis.every(isEmoji)) throw new Error('not a set of emoji');
    const room = peer.resource === undefined && this.host.inRoom(formatBare(peer));
    await this.host.send(reactionsMessage(room ? formatBare(peer) : formatJid(peer), room ? 'groupchat' : 'chat', messageId, emojis, id));
  }

  async sendChatState(to: Jid, state: ChatState): Promise<void> {
    const peer = parseJid(to);
    if (!peer || peer.local === undefined) throw new Error('invalid-jid');
    if (!CHAT_STATES.includes(state)) throw new Error('invalid chat state');
    // In a room we are in, a state goes to the room as groupchat (XEP-0085 §5.5): as `chat` the room bounces it.
    const room = peer.resource === undefined && this.host.inRoom(formatBare(peer));
    await this.host.send(room ? chatStateMessage(formatBare(peer), state, randomId(), 'groupchat') : chatStateMessage(formatJid(peer), state, randomId()));
  }

  /** Remembers an own message id for acks, receipts and error bounces (the newest 2,000). */
  remember(id: string, conversation: Jid): void {
    this.outgoing.delete(id);
    this.outgoing.set(id, conversation);
    if (this.outgoing.size > OUTGOING_MEMORY) {
      const oldest = this.outgoing.keys().next().value;
      if (oldest !== undefined) this.outgoing.delete(oldest);
    }
  }

  /** Without XEP-0198 acks, a message that left is as sent as it will be told. */
  sentUnlessAcked(conversation: Jid, id: string): void {
    if (!this.host.streamManagementEnabled()) this.host.emit({ type: 'messageStatus', conversation, id, status: 'sent' });
  }

  private onChat(el: XmlElement, ctx: ParseContext, opts: MessageParseOptions): void {
    const parsed = parseChatMessage(el, ctx, { ...opts, fallbackId: randomId });
    if (!parsed) {
      if (bodyText(el) !== undefined) this.host.drop('malformed message', el);
      return;
    }
    if (parsed.message) this.host.emit({ type: 'message', message: parsed.message });
    if (parsed.displayedFor !== undefined) this.onDisplayed(parsed.peer, parsed.displayedFor, parsed.direction, el);
    if (parsed.direction === 'in') {
      if (parsed.receiptFor !== undefined) this.onReceipt(parsed.peer, parsed.receiptFor, el);
      if (parsed.chatState) this.host.emit({ type: 'chatState', conversation: parsed.peer, from: parsed.peer, state: parsed.chatState });
      if (opts.mode === 'live' && parsed.receiptRequested && parsed.fromFull && parsed.stanzaIdAttr && this.mayAck(parsed.peer)) {
        const type = el.attrs.type === 'chat' ? 'chat' : 'normal';
        this.host.sendIfConnected(receiptMessage(parsed.fromFull, parsed.stanzaIdAttr, randomId(), type))?.catch((err: unknown) => {
          this.host.warn('[natter/xmpp] sending a receipt failed:', describeError(err));
        });
      }
    }
  }

  /** A chat marker: the peer's about our messages (checked like a receipt), or ours from another client (a sent carbon). */
  private onDisplayed(peer: Jid, id: string, direction: 'in' | 'out', el: XmlElement): void {
    if (direction === 'in') {
      const conversation = this.outgoing.get(id);
      if (conversation !== undefined && conversation !== peer) {
        this.host.drop(`displayed marker for a message to ${conversation} from someone else`, el);
        return;
      }
    }
    this.host.emit({ type: 'displayed', conversation: peer, id, by: direction === 'in' ? 'peer' : 'self' });
  }

  /** XEP-0333 `<displayed/>` to a contact (or an occupant in a private chat), never to a room. */
  async sendDisplayed(to: Jid, messageId: string): Promise<void> {
    const peer = parseJid(to);
    if (!peer || peer.local === undefined) throw new Error('invalid-jid');
    checkId(messageId);
    requireOnline(this.host);
    if (peer.resource === undefined && this.host.isRoom(formatBare(peer))) throw new Error('chat markers are not sent to rooms');
    await this.host.send(displayedMessage(formatJid(peer), messageId, randomId()));
  }

  private mayAck(peer: Jid): boolean {
    if (this.receiptsPolicy === 'always') return true;
    if (this.receiptsPolicy === 'never') return false;
    const sub = this.host.subscription(peer);
    return sub === 'from' || sub === 'both';
  }

  private onReceipt(peer: Jid, id: string, el: XmlElement): void {
    const conversation = this.outgoing.get(id);
    if (conversation !== undefined && conversation !== peer) {
      this.host.drop(`receipt for a message to ${conversation} from someone else`, el);
      return;
    }
    // Unknown ids (sent before this adapter started) are scoped to the sender's own conversation.
    this.host.emit({ type: 'messageStatus', conversation: peer, id, status: 'delivered' });
  }
}
