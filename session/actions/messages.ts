/**
 * The actions of the user's own messages: sending (shown at once as pending, then its state
 * follows the adapter), correcting, retrying, and the draft with the chat states it tells the peer.
 */
import type { Attachment, ChatAdapter, Jid, Message, OutgoingExtras, OutgoingReply } from '../../adapters/types';
import { isCorrectable, repliedMessage, sentId, type ConversationState } from '../../stores/conversation';
import { errorMessage } from '../errors';
import { isRetryable, type Outbox, type OutboxEntry } from '../outbox';
import { randomId } from '../ids';
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

/**
 * The server has the message sent as `id`: its status moved on, or the archive gave it an id. Not
 * for corrections: a copy of the corrected message says nothing of its correction (sent again, a
 * correction changes nothing: it has the same id and text).
 */
function confirmed(messages: Message[], id: string): boolean {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.id === id) return message.stanzaId !== undefined || (message.status !== 'pending' && message.status !== 'failed');
  }
  return false;
}

/** After this long without a keystroke the peer is told we paused (XEP-0085 suggests a few seconds). */
export const PAUSED_AFTER_MS = 5_000;

export interface MessageActions {
  actions: Pick<SessionActions, 'sendMessage' | 'correctMessage' | 'retryMessage' | 'retractMessage' | 'setDraft'>;
  /** Sends what the outbox holds of the entries `which` accepts, in order (the session is back). */
  flush(which: (entry: OutboxEntry) => boolean): void;
  /** A fresh stream: nothing written on the old one will be resent by the stream itself. */
  newStream(): void;
  /** Entries `hold` accepts wait (a catch-up is reading the archive); `() => false` releases them. */
  hold(hold: (entry: OutboxEntry) => boolean): void;
  /** The own message that shares an uploaded file: shown at once, then sent like any message. */
  sendAttachment(jid: Jid, attachment: Attachment): void;
  /** Stops every typing timer (sign-out, dispose). */
  stopTyping(): void;
}

export function messageActions(ctx: SessionContext, outbox: Outbox): MessageActions {
  const { adapter, conversation, dispatch } = ctx;
  const pausedTimers = new Map<Jid, ReturnType<typeof setTimeout>>();
  /** Outbox ids written on the current stream (or being written): the stream itself answers for them. */
  const written = new Set<string>();
  /** Entries waiting for a catch-up to finish (the archive may show the server has them). */
  let held: (entry: OutboxEntry) => boolean = () => false;
  const composingSent = new Set<Jid>();

  function reportFailure(jid: Jid, messageId: string, error: unknown): void {
    dispatch({
      type: 'messageStatus',
      conversation: jid,
      id: messageId,
      status: 'failed',
      error: errorMessage(error),
    });
  }

  /** The session can send this entry now: online; for a room, joined (never as a chat to the room's address). */
  function canSend(entry: OutboxEntry): boolean {
    if (ctx.connection.get('status') !== 'online') return false;
    if (!entry.room) return true;
    return conversation(entry.conversation).get('room')?.status === 'joined';
  }

  /**
   * Sends what the outbox holds under `id` if the session can send now; else it waits there
   * (pending) for `flush`. Its status follows the adapter: `sent` once the server confirmed it; a
   * failure that retrying can fix (the connection) leaves it queued, any other marks it failed.
   */
  function deliver(id: string): void {
    const entry = outbox.get(id);
    // Written on this stream already (waiting for its ack), or on its way: not again. A resumed
    // stream resends what it had not acknowledged by itself; a fresh one starts with `newStream`.
    if (!entry || written.has(id) || held(entry) || !canSend(entry)) return;
    const { conversation: jid, body, replaces, extras } = entry;
    outbox.attempted(id);
    written.add(id);
    const send =
      replaces !== undefined
        ? adapter.correctMessage(jid, replaces, body, id)
        : entry.room
          ? adapter.sendRoomMessage(jid, body, id, extras)
          : adapter.sendMessage(jid, body, id, extras);
    send.catch(error => {
      written.delete(id);
      const reason = errorMessage(error);
      if (isRetryable(reason) && outbox.has(id)) return;
      outbox.remove(id);
      reportFailure(jid, id, error);
    });
  }

  /** Sends the queued entries of one conversation in order (a new one never overtakes older ones). */
  function deliverConversation(jid: Jid): void {
    for (const entry of outbox.entries()) if (entry.conversation === jid) deliver(entry.id);
  }

  /** Queues (and sends, if it can) an own message or correction that is on screen as `message`. */
  function queue(message: Message, replaces?: string, extras?: OutboxEntry['extras']): void {
    const room = conversation(message.conversation).get('room') !== null;
    const entry: Parameters<Outbox['add']>[0] = { id: message.id, conversation: message.conversation, room, body: message.body, message };
    if (replaces !== undefined) entry.replaces = replaces;
    if (extras) entry.extras = extras;
    outbox.add(entry);
    deliverConversation(message.conversation);
  }

  /** An own message: shown at once (pending), then sent. A file is not what was typed: the draft stays. */
  function sendOwn(conversationJid: Jid, from: Jid, body: string, messageId: string, extras: OutgoingExtras, nick?: string): string {
    const { attachment, reply, mentions } = extras;
    const message: Message = {
      id: messageId,
      originId: messageId,
      conversation: conversationJid,
      from,
      direction: 'out',
      body,
      timestamp: Date.now(),
      status: 'pending',
    };
    if (nick !== undefined) message.nick = nick;
    if (attachment) message.attachment = attachment;
    if (reply) message.replyTo = { id: reply.id, to: reply.to };
    if (mentions?.length) message.mentions = mentions;
    if (extras.thread !== undefined) message.thread = { id: extras.thread };
    if (extras.spoiler) message.spoiler = extras.spoiler;
    dispatch({ type: 'message', message });
    // A file, or a message of a thread's own composer, is not the conversation's draft: it stays.
    if (!attachment && extras.thread === undefined) dispatch({ type: 'draft', conversation: conversationJid, text: '' });
    queue(message, undefined, extras);
    return messageId;
  }

  function sendToRoom(room: Jid, nick: string, body: string, messageId: string, extras: OutgoingExtras): string {
    // The message carries <active/>: the next keystroke is a new <composing/> (a file is not what was typed).
    if (!extras.attachment) clearTyping(room);
    return sendOwn(room, `${room}/${nick}`, body, messageId, extras, nick);
  }

  function sendToContact(jid: Jid, body: string, messageId: string, extras: OutgoingExtras): string {
    // A file is not what was typed: the typing state stays too.
    if (!extras.attachment) clearTyping(jid);
    return sendOwn(jid, ctx.ownJid() ?? '', body, messageId, extras);
  }

  /**
   * What an answer to `target` says of it (XEP-0461): in a room its stanza-id and occupant JID, in a
   * chat the id it was sent with and its author's bare JID; the quote names the author by nick or
   * address (a roster name is the user's private label). Undefined when the room has not given it an id.
   */
  function replyTo(state: Pick<ConversationState, 'room'>, target: Message): OutgoingReply | undefined {
    const id = state.room ? target.stanzaId : sentId(target);
    if (id === undefined || target.notice || target.retractedAt !== undefined) return undefined;
    const author = state.room ? (target.nick ?? target.from) : target.from;
    return { id, to: target.from, quote: target.spoiler ? undefined : { author, text: target.body } };
  }

  function clearTyping(jid: Jid): void {
    const timer = pausedTimers.get(jid);
    if (timer) clearTimeout(timer);
    pausedTimers.delete(jid);
    composingSent.delete(jid);
  }

  function sendChatState(jid: Jid, state: Parameters<ChatAdapter['sendChatState']>[1]): void {
    if (ctx.connection.get('status') !== 'online') return;
    adapter.sendChatState(jid, state).catch(error => console.warn('[natter] chat state not sent', error));
  }

  return {
    flush(which) {
      for (const entry of outbox.entries()) {
        if (!which(entry)) continue;
        // Its copy came back from the archive (a catch-up): the server had it, it must not go twice.
        if (entry.replaces === undefined && confirmed(conversation(entry.conversation).get('messages'), entry.id)) outbox.remove(entry.id);
        else deliver(entry.id);
      }
    },
    newStream() {
      written.clear();
    },
    hold(hold) {
      held = hold;
    },
    sendAttachment(jid, attachment) {
      const messageId = randomId();
      const room = conversation(jid).get('room');
      if (room) sendToRoom(jid, room.nick, attachment.url, messageId, { attachment });
      else sendToContact(jid, attachment.url, messageId, { attachment });
    },
    stopTyping() {
      for (const jid of [...pausedTimers.keys()]) clearTyping(jid);
    },
    actions: {
      sendMessage(jid, body, options = {}) {
        const messageId = randomId();
        const store = conversation(jid);
        const room = store.get('room');
        const target = options.replyTo === undefined ? undefined : store.get('messages').find(candidate => candidate.id === options.replyTo);
        // A reply to a message no longer held (or not confirmed by the room) goes as a plain message: never lost.
        const reply = target ? replyTo({ room }, target) : undefined;
        const extras: OutgoingExtras = {};
        if (reply) extras.reply = reply;
        if (options.mentions?.length) extras.mentions = options.mentions;
        if (options.thread !== undefined) extras.thread = options.thread;
        if (options.spoiler) extras.spoiler = options.spoiler;
        return room ? sendToRoom(jid, room.nick, body, messageId, extras) : sendToContact(jid, body, messageId, extras);
      },
      correctMessage(jid, messageId, body) {
        const store = conversation(jid);
        const target = store.get('messages').find(candidate => candidate.id === messageId);
        if (!target || body.trim() === '' || body === target.body) return null;
        if (!isCorrectable({ jid, room: store.get('room') }, target)) return null;
        const correctionId = randomId();
        const replaces = sentId(target);
        const correction: Message = {
          id: correctionId,
          originId: correctionId,
          conversation: jid,
          from: target.from,
          direction: 'out',
          body,
          timestamp: Date.now(),
          status: 'pending',
          replaces,
        };
        if (target.nick !== undefined) correction.nick = target.nick;
        dispatch({ type: 'message', message: correction });
        queue(correction, replaces);
        return correctionId;
      },
      retryMessage(jid, messageId) {
        const message = conversation(jid)
          .get('messages')
          .find(candidate => candidate.id === messageId);
        if (!message || message.status !== 'failed') return;
        // A corrected message that failed resends its latest correction (same id: a peer that got it once ignores the copy).
        const sendId = message.correctionId ?? messageId;
        dispatch({ type: 'messageStatus', conversation: jid, id: sendId, status: 'pending' });
        const store = conversation(jid);
        const quoted = message.replyTo && repliedMessage({ aliases: store.get('aliases'), messages: store.get('messages'), room: store.get('room') }, message.replyTo);
        const extras: OutgoingExtras = {};
        if (message.replyTo) extras.reply = (quoted && replyTo({ room: store.get('room') }, quoted)) || { id: message.replyTo.id, to: message.replyTo.to ?? jid };
        if (message.mentions) extras.mentions = message.mentions;
        if (message.thread) extras.thread = message.thread.id;
        if (message.spoiler) extras.spoiler = message.spoiler;
        if (message.correctionId === undefined && message.attachment) extras.attachment = message.attachment;
        if (message.correctionId === undefined) {
          queue({ ...message, status: 'pending', error: undefined }, undefined, extras);
          return;
        }
        const correction: Message = { id: sendId, originId: sendId, conversation: jid, from: message.from, direction: 'out', body: message.body, timestamp: message.editedAt ?? Date.now(), status: 'pending', replaces: sentId(message) };
        if (message.nick !== undefined) correction.nick = message.nick;
        queue(correction, correction.replaces);
      },
      async retractMessage(jid, messageId) {
        const store = conversation(jid);
        const room = store.get('room');
        const target = store.get('messages').find(candidate => candidate.id === messageId);
        if (!target || !isCorrectable({ jid, room }, target) || target.status === 'pending' || target.status === 'failed') {
          throw new Error('not a message of yours that can be retracted');
        }
        // XEP-0424: in a room the retraction names the room's stanza-id; in a chat the id it was sent with.
        const wireId = room ? target.stanzaId : sentId(target);
        if (wireId === undefined) throw new Error('the room has not confirmed this message yet');
        const retractionId = randomId();
        await ctx.settled(adapter.retractMessage(jid, wireId, retractionId));
        const retraction: Message = { id: retractionId, originId: retractionId, conversation: jid, from: target.from, direction: 'out', body: '', timestamp: Date.now(), status: 'sent', retracts: target.id };
        if (target.nick !== undefined) retraction.nick = target.nick;
        dispatch({ type: 'message', message: retraction });
      },
      setDraft(jid, text, options = {}) {
        dispatch({ type: 'draft', conversation: jid, text });
        if (options.typing === false) return;
        const timer = pausedTimers.get(jid);
        if (timer) clearTimeout(timer);
        if (text === '') {
          if (composingSent.has(jid)) sendChatState(jid, 'active');
          clearTyping(jid);
          return;
        }
        if (!composingSent.has(jid)) {
          composingSent.add(jid);
          sendChatState(jid, 'composing');
        }
        pausedTimers.set(
          jid,
          setTimeout(() => {
            pausedTimers.delete(jid);
            composingSent.delete(jid);
            sendChatState(jid, 'paused');
          }, PAUSED_AFTER_MS),
        );
      },
    },
  };
}
