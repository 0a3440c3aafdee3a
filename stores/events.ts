import type { AdapterEvent, Jid, Message } from '../adapters/types';
import type { UploadEvent } from './uploads';
import type { AvatarImageEvent } from './profiles';

/** Events that come from the user's own actions rather than from the adapter. */
export type LocalEvent =
  | { type: 'conversationOpened'; conversation: Jid }
  | { type: 'conversationClosed'; conversation: Jid }
  | { type: 'draft'; conversation: Jid; text: string }
  /** The user scrolled away from (false) or back to (true) the newest messages. */
  | { type: 'followingLatest'; conversation: Jid; following: boolean }
  | { type: 'historyLoading'; conversation: Jid }
  | { type: 'subscriptionHandled'; jid: Jid }
  | { type: 'invitationHandled'; room: Jid }
  | { type: 'declineDismissed'; room: Jid; from: Jid }
  /** The user left a room for good: it leaves the conversation list. */
  | { type: 'roomClosed'; room: Jid }
  | { type: 'directoryLoading' }
  | { type: 'directoryError'; error: string }
  /** A chat's newest messages as the device kept them (the local cache): shown before the server answers, no news. */
  | { type: 'cached'; conversation: Jid; messages: Message[] }
  /** Derived by the session once a conversation store accepted a new message. */
  | { type: 'messageAdded'; message: Message; fromHistory: boolean; /** In a room: it mentions the user. */ mentionsSelf?: boolean }
  | UploadEvent
  /** The avatar loader checked (or gave up on) an image. */
  | AvatarImageEvent;

export type SessionEvent = AdapterEvent | LocalEvent;

/** A new message a conversation took (never a correction, retraction or reaction, which change one). */
export type MessageAddedEvent = Extract<LocalEvent, { type: 'messageAdded' }>;
