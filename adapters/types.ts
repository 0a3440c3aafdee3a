/**
 * The contract between Natter's stores and any chat backend.
 *
 * Adapters own every protocol detail; stores and components only ever see the
 * normalized model types and the `AdapterEvent` union below. Nothing here may
 * import Stencil or a protocol library.
 */

/** A bare JID (`user@host`) unless a field says it is a full JID. */
export type Jid = string;

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'reconnecting' | 'error';

/** Why a connection attempt or a live connection failed; components map codes to catalogue strings. */
export type ConnectionErrorCode =
  | 'invalid-jid'
  | 'not-authorized'
  | 'unreachable'
  | 'no-mechanism'
  | 'conflict'
  | 'protocol'
  | 'unknown';

export interface ConnectionError {
  code: ConnectionErrorCode;
  /** Technical detail for logs and tooltips; never a replacement for the catalogue text. */
  detail?: string;
}

export interface ServerFeatures {
  carbons: boolean;
  mam: boolean;
  streamManagement: boolean;
}

export interface ConnectOptions {
  /** Bare or full JID. A resource part is used as the requested resource. */
  jid: string;
  password: string;
  /** WebSocket URL, e.g. `wss://example.org/xmpp-websocket`. Defaults to one derived from the domain. */
  service?: string;
  /** SASL mechanisms the client may use, in no particular order. Default: SCRAM-SHA-1 and PLAIN. */
  mechanisms?: string[];
}

export type Subscription = 'none' | 'to' | 'from' | 'both';

export interface Contact {
  jid: Jid;
  name?: string;
  groups: string[];
  subscription: Subscription;
  /** An outgoing subscription request is pending. */
  pendingOut: boolean;
}

/** `offline` means no available resource. */
export type Availability = 'online' | 'chat' | 'away' | 'xa' | 'dnd' | 'offline';

/** Presence of one resource, as reported by the adapter. */
export interface ResourcePresence {
  show: Exclude<Availability, 'offline'>;
  status?: string;
  priority: number;
}

/** Presence of one contact, aggregated over its resources by the roster reducer. */
export interface ContactPresence {
  show: Availability;
  status?: string;
  resources: Record<string, ResourcePresence>;
}

export type MessageDirection = 'in' | 'out';

/**
 * pending: handed to the adapter, not yet on the wire; sent: the server has it
 * (or it was sent without stream management); delivered: the peer's client
 * acknowledged it (XEP-0184); failed: an error came back or sending threw;
 * received: an incoming message.
 */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'received';

export type MessageSource = 'live' | 'carbon' | 'archive' | 'local';

export interface Message {
  /** Stable local id. For own messages it is the XEP-0359 origin-id. */
  id: string;
  /** The conversation: the peer's bare JID for one-to-one chats. */
  conversation: Jid;
  /** Bare JID of the author. */
  from: Jid;
  direction: MessageDirection;
  body: string;
  /** Milliseconds since the epoch: the XEP-0203 delay stamp where there is one, else arrival. */
  timestamp: number;
  status: MessageStatus;
  /** XEP-0359 origin-id set by the sending client. */
  originId?: string;
  /** XEP-0359 stanza-id assigned by the archive of `conversation`'s owner (our own account). */
  stanzaId?: string;
  /** Why sending failed, for `status === 'failed'`. */
  error?: string;
  /** The peer asked for a delivery receipt (XEP-0184). */
  receiptRequested?: boolean;
}

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';

export type AdapterEvent =
  | { type: 'connection'; status: ConnectionStatus; jid?: string; error?: ConnectionError }
  | { type: 'features'; features: ServerFeatures }
  /** The whole roster: replaces what the store had. */
  | { type: 'roster'; contacts: Contact[] }
  /** One roster item changed (RFC 6121 push). `removed` deletes it. */
  | { type: 'rosterPush'; contact: Contact; removed?: boolean }
  /** A resource became available (`presence` set) or unavailable (`presence` undefined). */
  | { type: 'presence'; jid: Jid; resource: string; presence?: ResourcePresence }
  /** Someone asks to see our presence. */
  | { type: 'subscriptionRequest'; jid: Jid; name?: string }
  /** A message from the network (live, carbon or archive) or a locally sent one. */
  | { type: 'message'; message: Message }
  /** The state of an own message changed. `id` is the message id (origin-id). */
  | { type: 'messageStatus'; conversation: Jid; id: string; status: MessageStatus; error?: string }
  | { type: 'chatState'; conversation: Jid; from: Jid; state: ChatState }
  /**
   * One page of archived history, oldest first. `complete` says the archive has
   * nothing older; `cursor` is what to pass as `before` for the next older page.
   */
  | { type: 'history'; conversation: Jid; messages: Message[]; complete: boolean; cursor?: string }
  | { type: 'historyError'; conversation: Jid; error: string };

export type AdapterEventType = AdapterEvent['type'];

export type AdapterListener = (event: AdapterEvent) => void;

/**
 * What a session needs from a backend. Methods resolve when the request is
 * done (or on the wire) and reject with an `Error` whose message is safe to log;
 * results reach the stores only as events.
 */
export interface ChatAdapter {
  /** Starts listening; returns a function that stops it. */
  subscribe(listener: AdapterListener): () => void;
  /** Resolves once online (roster requested, initial presence sent); rejects with an `AdapterError`. */
  connect(options: ConnectOptions): Promise<void>;
  disconnect(): Promise<void>;
  /** Sends a one-to-one message whose origin-id is `id`; resolves when it is on the wire. */
  sendMessage(to: Jid, body: string, id: string): Promise<void>;
  sendChatState(to: Jid, state: ChatState): Promise<void>;
  /** Emits one `history` (or `historyError`) event for the page before `before`, newest `max` messages. */
  loadHistory(conversation: Jid, options?: { before?: string; max?: number }): Promise<void>;
  /** Adds or updates a roster item and asks for a subscription. */
  addContact(jid: Jid, name?: string, groups?: string[]): Promise<void>;
  /** Removes a roster item (which also cancels subscriptions both ways). */
  removeContact(jid: Jid): Promise<void>;
  /** Accepts a subscription request (and asks for one back if we have none). */
  approveSubscription(jid: Jid): Promise<void>;
  denySubscription(jid: Jid): Promise<void>;
}

/** The error adapters reject `connect` with. */
export class AdapterError extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'AdapterError';
  }
}
