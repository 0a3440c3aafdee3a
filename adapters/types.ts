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
  /** Persistent login: no token is stored for the account, or the server refused it (it was deleted). */
  | 'token-refused'
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
  /** The server's XEP-0045 conference service (e.g. `conference.example.org`), if it has one. */
  conferenceService?: string;
  /** The server's XEP-0363 HTTP upload service, if it has one. */
  upload?: UploadService;
  /** XEP-0186 invisibility (`urn:xmpp:invisible:0`): only then can the user be invisible. */
  invisible?: boolean;
  /** XEP-0191 blocking (`urn:xmpp:blocking`): only then can the user block anyone. */
  blocking?: boolean;
}

/** What the user chooses to show others: `invisible` only where the server has XEP-0186. */
export type OwnAvailability = 'online' | 'away' | 'dnd' | 'invisible';

/** The user's own presence (RFC 6121 show and status). */
export interface OwnPresence {
  availability: OwnAvailability;
  /** A status text, as others see it beside the availability. */
  status?: string;
}

/** XEP-0377: why someone blocked is also reported to the server's operators. */
export interface AbuseReport {
  reason: 'spam' | 'abuse';
  /** What the user adds in words. */
  text?: string;
}

/** A XEP-0363 HTTP File Upload service. */
export interface UploadService {
  jid: Jid;
  /** The largest file it takes, in bytes, when it says. */
  maxFileSize?: number;
}

/**
 * Why an upload failed. `too-large`: over the service's limit (`UploadError.limit`);
 * `no-service`: the server has no upload service; `refused`: the service refused the slot;
 * `network`: the PUT did not reach the server (offline, CORS); `http`: the PUT got an error
 * status; `cancelled`: the user cancelled it.
 */
export type UploadErrorCode = 'no-service' | 'too-large' | 'refused' | 'network' | 'http' | 'cancelled';

export interface UploadOptions {
  /** Called as bytes go out; `sent` of `total`. */
  onProgress?(sent: number, total: number): void;
  /** Aborts the slot request or the PUT; the upload then rejects with `cancelled`. */
  signal?: AbortSignal;
}

/**
 * A file a message points at: XEP-0066 out-of-band data (the URL), with XEP-0446 file metadata
 * where the sender gave it. Its URL is also the message body, for clients that know neither.
 */
export interface Attachment {
  /** An http(s) URL; parsers drop attachments with any other scheme. */
  url: string;
  /** File name: the sender's, else the URL's last path segment. */
  name?: string;
  /** MIME type, as the sender gave it (XEP-0446 `media-type`). */
  mediaType?: string;
  /** Bytes. */
  size?: number;
  /** Audio and video: the length in milliseconds (XEP-0446 `length`). A voice message has one. */
  duration?: number;
  /** XEP-0066 `desc`. */
  description?: string;
}

/** XEP-0461: what an own message replies to, as it goes out. */
export interface OutgoingReply {
  /** The replied message's id: in a room the room's stanza-id, in a chat the id it was sent with. */
  id: string;
  /** Its author: the occupant JID in a room, the bare JID in a chat. */
  to: Jid;
  /**
   * A quote of it for clients without XEP-0461, put before the body and marked as the reply's
   * XEP-0428 fallback: its author (a nick or a JID: never a private roster name) and text.
   */
  quote?: { author: string; text: string };
}

/** XEP-0372: a mention of someone in a message's text, by code point range. */
export interface Mention {
  /** The first code point of the mention in the body. */
  begin: number;
  /** Just after its last code point. */
  end: number;
  /** Who: `xmpp:` and a JID (an occupant JID in a room). */
  uri: string;
}

/** What an own message carries besides its text. */
export interface OutgoingExtras {
  /** A shared file (XEP-0066); the body is then its URL. */
  attachment?: Attachment;
  /** The message it answers (XEP-0461). */
  reply?: OutgoingReply;
  /** The people its text mentions (XEP-0372), by ranges of the body as given. */
  mentions?: Mention[];
  /** The thread it belongs to (XEP-0201). */
  thread?: string;
  /** A spoiler (XEP-0382): readers see the hint until they ask for the text. */
  spoiler?: { hint?: string };
}

export interface ConnectOptions {
  /** Bare or full JID. A resource part is used as the requested resource. */
  jid: string;
  /**
   * Omitted (or empty) for an account: sign in with the token stored for it by an earlier
   * `remember` login (persistent login, XEP-0484 FAST), with the WebSocket URL used then unless
   * `service` says otherwise. Fails with `token-refused` when none is stored or the server refuses
   * it (it is then deleted).
   */
  password?: string;
  /**
   * Stay signed in: with a password, ask the server for a token and keep it for this account on
   * this device, so that a later `connect({ jid })` needs no password. The password is never kept.
   */
  remember?: boolean;
  /**
   * WebSocket URL, e.g. `wss://example.org/xmpp-websocket`. Without it the XMPP adapter reads the
   * domain's host-meta (XEP-0156), takes only a `wss:` link there (`ws:` only on loopback), and
   * otherwise uses `wss://<domain>/xmpp-websocket`.
   */
  service?: string;
  /**
   * SASL mechanisms the client may use, in no particular order (the adapter prefers SCRAM-SHA-256,
   * then SCRAM-SHA-1, then PLAIN). Default: those three and any added with `registerSaslMechanism`.
   */
  mechanisms?: string[];
  /** SASL ANONYMOUS: `jid` is then just the (anonymous) domain and `password` is ignored. */
  anonymous?: boolean;
}

export interface DisconnectOptions {
  /** Signing out for good: revoke the account's stored login (token) on the server, and delete it here. */
  forget?: boolean;
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
/**
 * Features a peer's client may support, as `Session.supports` takes them (XEP-0030 feature vars,
 * learnt from XEP-0115 capabilities).
 */
export const PEER_FEATURES = {
  /** XEP-0308: it shows a corrected message in place of the original. */
  corrections: 'urn:xmpp:message-correct:0',
} as const;

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
 * seen: the peer's client says the peer displayed it (XEP-0333); received: an incoming message.
 */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'seen' | 'failed' | 'received';

/** What a room notice in the timeline reports (joins and leaves are collapsed when many). */
export type RoomNoticeKind = 'join' | 'leave' | 'kick' | 'ban' | 'nick' | 'subject' | 'destroyed' | 'role' | 'affiliation';

export interface RoomNotice {
  kind: RoomNoticeKind;
  /** The occupant concerned. */
  nick: string;
  /** For `nick`: the new nick. For `role` / `affiliation`: the new value. For `subject`: the subject. */
  value?: string;
  /** Who did it (a moderator's nick), where the room says. */
  actor?: string;
  reason?: string;
}

/** An earlier text of a corrected message (XEP-0308). */
export interface MessageVersion {
  body: string;
  /** When this text was written, ms since the epoch. */
  timestamp: number;
}

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
  /** The sender's client wants to hear when it was displayed (XEP-0333 `<markable/>`). */
  markable?: boolean;
  /**
   * Room messages: the author's nick. `from` is then the occupant JID `room@service/nick`
   * (for own messages too, so the room's reflection is recognised by its origin-id).
   */
  nick?: string;
  /** Room messages: XEP-0421 occupant-id of the author, when the room offers it. */
  occupantId?: string;
  /** A room event shown in the timeline instead of a text (then `body` is empty). */
  notice?: RoomNotice;
  /**
   * The stanza's own `id` attribute, when it differs from `id` and `originId`: what XEP-0308
   * corrections (and receipts) refer to.
   */
  idAttribute?: string;
  /**
   * XEP-0308: this message corrects the same author's earlier message that was sent with this id.
   * The stores apply it to that message (or ignore it) instead of showing it as a new one.
   */
  replaces?: string;
  /** A corrected message: its earlier texts, oldest first. */
  earlierVersions?: MessageVersion[];
  /** A corrected message: when its current text was written. */
  editedAt?: number;
  /** An own corrected message: the id of the latest correction sent; its delivery state is the message's. */
  correctionId?: string;
  /** A shared file (XEP-0066 OOB); `body` is then its URL (or a caption the sender wrote). */
  attachment?: Attachment;
  /** XEP-0382: the text (and file) is a spoiler, hidden until the reader asks; `hint` says what it is about. */
  spoiler?: { hint?: string };
  /**
   * XEP-0424: this message retracts the same author's earlier message with this id (its origin-id,
   * or in a room the room's stanza-id). The stores apply it to that message instead of showing it.
   */
  retracts?: string;
  /** A retracted message: when it was retracted. Its text, file and earlier versions are gone. */
  retractedAt?: number;
  /**
   * XEP-0425: a room moderator removed the message (on a retraction, the room's announcement of
   * it, which only the room itself can send; on a retracted message, who did and why).
   */
  moderated?: { by?: string; reason?: string };
  /**
   * XEP-0461: the message this one replies to, by the id its author sent it with (in a room the
   * room's stanza-id) and, where given, that author's JID. The quoted fallback is not in `body`.
   */
  replyTo?: { id: string; to?: Jid };
  /** XEP-0372: the people the text mentions, by code point ranges of `body`. */
  mentions?: Mention[];
  /** XEP-0201: the thread the message belongs to, and the thread it branched from. */
  thread?: { id: string; parent?: string };
  /**
   * XEP-0444: this message is not a text but its author's whole current set of reactions to the
   * message with this id (in a chat the id it was sent with, in a room the room's stanza-id); an
   * empty set takes them all back. The stores apply it to that message instead of showing it.
   */
  reactsTo?: { id: string; emojis: string[] };
  /** The reactions to this message, by who reacted (see `reactorKey`). */
  reactions?: Record<string, Reaction>;
}

/** One person's reactions to a message (XEP-0444). */
export interface Reaction {
  /** Distinct emoji, in the order they were given. */
  emojis: string[];
  /** In a room: the reactor's nick when they reacted (for showing who). */
  nick?: string;
  /** When the reactor last changed them: an older update (an archived copy) never undoes a newer one. */
  timestamp: number;
}

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';

export type Role = 'moderator' | 'participant' | 'visitor' | 'none';
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

export interface Occupant {
  nick: string;
  /** XEP-0421: stable across nick changes; trusted only when the room advertises it. */
  occupantId?: string;
  /** The real bare JID, when the room shows it to us. */
  jid?: Jid;
  role: Role;
  affiliation: Affiliation;
  show: Exclude<Availability, 'offline'>;
  status?: string;
}

/** Why joining a room failed, from the room's error (XEP-0045 §7.2). */
export type RoomErrorCode =
  | 'password-required' // not-authorized
  | 'members-only' // registration-required
  | 'banned' // forbidden
  | 'room-full' // service-unavailable
  | 'nick-conflict' // conflict
  | 'not-found' // item-not-found: locked or no such room
  | 'creation-not-allowed' // not-allowed
  | 'timeout'
  | 'unknown';

export interface RoomFeatures {
  membersOnly: boolean;
  passwordProtected: boolean;
  persistent: boolean;
  public: boolean;
  moderated: boolean;
  /** Real JIDs are visible to all occupants. */
  nonAnonymous: boolean;
  /** XEP-0421. */
  occupantId: boolean;
  /** The room keeps a XEP-0313 archive. */
  mam: boolean;
  /** XEP-0425: its moderators can remove others' messages. */
  moderation?: boolean;
  /** Participants may change the subject (`muc#roominfo_changesubject`), not only moderators. */
  changeSubject?: boolean;
}

export interface RoomInfo {
  jid: Jid;
  name?: string;
  description?: string;
  /** The occupant count the room reports (muc#roominfo_occupants), if it does. */
  occupants?: number;
  features?: RoomFeatures;
}

export interface Bookmark {
  jid: Jid;
  name?: string;
  nick?: string;
  password?: string;
  autojoin: boolean;
}

export interface RoomConfig {
  name?: string;
  membersOnly?: boolean;
  persistent?: boolean;
  public?: boolean;
  password?: string;
}

/** XEP-0004 field types; anything else a server sends is read as `text-single`. */
export type FormFieldType =
  | 'boolean' | 'fixed' | 'hidden' | 'jid-multi' | 'jid-single' | 'list-multi' | 'list-single' | 'text-multi' | 'text-private' | 'text-single';

/** One field of a XEP-0004 data form, as the server sent it (all texts are the server's, bounded). */
export interface FormField {
  /** The field's name; only `fixed` fields may have none (they are then text to show). */
  var?: string;
  type: FormFieldType;
  label?: string;
  /** `<desc>`: a longer help text. */
  description?: string;
  required: boolean;
  /** Current values (one for single-value types; booleans `1` / `0`). */
  values: string[];
  /** Choices of list-single / list-multi. */
  options: { label?: string; value: string }[];
}

/** A XEP-0004 form to fill in (`type="form"`): the room configuration (XEP-0045 §10.2). */
export interface DataFormDefinition {
  /** The form's FORM_TYPE, e.g. `http://jabber.org/protocol/muc#roomconfig`. */
  formType?: string;
  title?: string;
  instructions: string[];
  fields: FormField[];
}

/** One entry of a room's affiliation list (XEP-0045 §9.5, §10.5). */
export interface AffiliationItem {
  jid: Jid;
  affiliation: Affiliation;
  /** The nick the user registered in the room, where the room says. */
  nick?: string;
  reason?: string;
}

/** Destroying a room (XEP-0045 §10.9): why, and where its occupants may go instead. */
export interface DestroyOptions {
  reason?: string;
  /** Another room's bare JID. */
  alternate?: Jid;
}

/** How we stopped being in a room. */
export type RoomLeftReason = 'left' | 'kicked' | 'banned' | 'removed' | 'destroyed' | 'error';

export interface JoinOptions {
  nick: string;
  password?: string;
  /** How many archived messages to load on joining (from the room's MAM archive). Default 50. */
  history?: number;
}

/** Where a catch-up starts: after an archive id, or (when it is unknown to the archive) at a time. */
export interface CatchUpFrom {
  after?: string;
  start?: number;
}

/**
 * An avatar someone advertises: XEP-0084 (PEP metadata) or XEP-0153 (a hash in presence, the
 * image in their vCard-temp). `id` is the SHA-1 of the image's bytes, lower-case hex; the session
 * checks the bytes against it before showing them.
 */
export interface AvatarRef {
  id: string;
  source: 'pep' | 'vcard';
  /** MIME type and size as advertised (XEP-0084 `<info/>`), when known. */
  type?: string;
  bytes?: number;
}

/** An avatar image as fetched, not yet checked. */
export interface AvatarData {
  type: string;
  bytes: Uint8Array;
}

/**
 * What someone says of themselves (not the user's own roster names): XEP-0172 nick and the full
 * name of their vCard (XEP-0292 vCard4, else XEP-0054 vCard-temp). Peer text, already bounded in
 * length by the adapter.
 */
export interface ProfileUpdate {
  nick?: string;
  fullName?: string;
  /** `null`: they have no avatar (any earlier one is gone). */
  avatar?: AvatarRef | null;
}

/** What the user edits of their own profile; an empty string clears the field. */
export interface OwnProfileChange {
  nick?: string;
  fullName?: string;
}

/** The user's own avatar, as the profile panel made it (a square image). */
export interface OwnAvatar {
  type: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

export type AdapterEvent =
  /**
   * `fresh` (with `online`): a new XMPP session, not a resumed stream (XEP-0198), so what arrived
   * while away must be fetched from the archives and rooms were joined again. `retryAt` (with
   * `reconnecting`): when the next attempt starts (ms since the epoch).
   */
  | { type: 'connection'; status: ConnectionStatus; jid?: string; error?: ConnectionError; fresh?: boolean; retryAt?: number }
  | { type: 'features'; features: ServerFeatures }
  /** The whole roster: replaces what the store had. */
  | { type: 'roster'; contacts: Contact[] }
  /** One roster item changed (RFC 6121 push). `removed` deletes it. */
  | { type: 'rosterPush'; contact: Contact; removed?: boolean }
  /** A resource became available (`presence` set) or unavailable (`presence` undefined). */
  | { type: 'presence'; jid: Jid; resource: string; presence?: ResourcePresence }
  /**
   * XEP-0115: what one resource (a contact's, or a room occupant's: `jid` the room, `resource` the
   * nick) supports, as its verified capabilities say; without `features`, it is no longer known.
   */
  | { type: 'resourceFeatures'; jid: Jid; resource: string; features?: string[] }
  /** Someone asks to see our presence. */
  | { type: 'subscriptionRequest'; jid: Jid; name?: string }
  /** A message from the network (live, carbon or archive) or a locally sent one. */
  | { type: 'message'; message: Message }
  /** The state of an own message changed. `id` is the message id (origin-id). */
  | { type: 'messageStatus'; conversation: Jid; id: string; status: MessageStatus; error?: string }
  | { type: 'chatState'; conversation: Jid; from: Jid; state: ChatState }
  /**
   * XEP-0333: everything up to message `id` of a one-to-one chat was displayed, by the peer
   * (`by: 'peer'`: our messages up to it are seen) or by another client of the user's (`'self'`:
   * the conversation is read there).
   */
  | { type: 'displayed'; conversation: Jid; id: string; by: 'peer' | 'self' }
  /**
   * One page of archived history, oldest first. `complete` says the archive has
   * nothing older; `cursor` is what to pass as `before` for the next older page.
   */
  | { type: 'history'; conversation: Jid; messages: Message[]; complete: boolean; cursor?: string }
  | { type: 'historyError'; conversation: Jid; error: string }
  /**
   * Messages of a conversation that arrived while the session was away, from its archive (a
   * catch-up after a reconnect), oldest first: new messages, as if received live.
   */
  | { type: 'missed'; conversation: Jid; messages: Message[] }
  /** Rooms (XEP-0045). `room` is always the room's bare JID. */
  | { type: 'roomJoining'; room: Jid; nick: string }
  /** Our own presence came back (status 110): we are in, as `self`. */
  | { type: 'roomJoined'; room: Jid; self: Occupant; features?: RoomFeatures }
  /** Joining failed. For `nick-conflict`, `suggestedNick` is one to offer instead. */
  | { type: 'roomJoinError'; room: Jid; error: RoomErrorCode; text?: string; suggestedNick?: string }
  /** An occupant is present or changed (role, affiliation, show). Own updates too. */
  | { type: 'occupant'; room: Jid; occupant: Occupant }
  /** An occupant is gone; `newNick` for a nick change (status 303). */
  | { type: 'occupantLeft'; room: Jid; nick: string; reason: 'left' | 'kicked' | 'banned' | 'removed' | 'nick'; newNick?: string; actor?: string; text?: string }
  /** We are no longer in the room. */
  | { type: 'roomLeft'; room: Jid; reason: RoomLeftReason; actor?: string; text?: string }
  /** Our nick changed (status 303 + 110). */
  | { type: 'roomNick'; room: Jid; nick: string }
  | { type: 'roomSubject'; room: Jid; subject: string; by?: string }
  | { type: 'roomInfo'; info: RoomInfo }
  /** The public rooms of a conference service (disco#items, with what disco#info adds). */
  | { type: 'roomDirectory'; service: Jid; rooms: RoomInfo[] }
  | { type: 'invitation'; room: Jid; from: Jid; reason?: string; password?: string; kind: 'direct' | 'mediated' }
  /** Someone we invited to `room` declined (XEP-0045 §7.8.2 `<decline>`, relayed by the room). `from`: who declined. */
  | { type: 'invitationDeclined'; room: Jid; from: Jid; reason?: string }
  /** The whole bookmark list (XEP-0402, or XEP-0048 where 0402 is missing). */
  | { type: 'bookmarks'; bookmarks: Bookmark[] }
  /** The user's own presence as the adapter now sends it (after `setPresence`, and kept across reconnects). */
  | { type: 'ownPresence'; presence: OwnPresence }
  /** The whole blocklist (XEP-0191): replaces what the store had. JIDs as the server keeps them (bare, full or domains). */
  | { type: 'blocklist'; jids: Jid[] }
  /** A blocklist push: these were blocked (by this client or another one of the user's). */
  | { type: 'blocked'; jids: Jid[] }
  /** A blocklist push: these were unblocked; `all` when the whole list was emptied. */
  | { type: 'unblocked'; jids: Jid[]; all?: boolean }
  /**
   * What `jid` (a bare JID, the user's own too) says of themselves; fields left out are unchanged,
   * from a PEP notification, a presence (XEP-0153 hash) or a `fetchProfile`.
   */
  | { type: 'profile'; jid: Jid; profile: ProfileUpdate };

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
  /** Ends the session; with `forget`, the account's stored login is revoked on the server and deleted. */
  disconnect(options?: DisconnectOptions): Promise<void>;
  /**
   * Persistent login, where the adapter has it: the account whose login this device keeps (the
   * most recent), which `connect({ jid })` can sign in without a password; null when none.
   */
  rememberedAccount?(): Promise<Jid | null>;
  /** True when `connect({ remember: true })` can keep a login (the adapter has somewhere to keep it). */
  readonly persistentLogin?: boolean;
  /**
   * Sends a one-to-one message whose origin-id is `id`; resolves when it is on the wire.
   * `to` may be an occupant JID (`room@service/nick`): a private message in a room, whose
   * conversation is that occupant JID.
   */
  sendMessage(to: Jid, body: string, id: string, extras?: OutgoingExtras): Promise<void>;
  sendChatState(to: Jid, state: ChatState): Promise<void>;
  /**
   * XEP-0333: tells the peer of a one-to-one chat (and, by carbons, the user's other clients) that
   * the user displayed everything up to the message sent with `messageId`.
   */
  sendDisplayed(to: Jid, messageId: string): Promise<void>;
  /**
   * XEP-0490: tells the user's other clients (through the account's PEP) that the user displayed
   * the conversation (a chat or a room) up to the message with this stanza-id (our archive's in a
   * chat, the room's in a room). Their clients' announcements come back as `displayed` by `self`.
   */
  publishDisplayed(conversation: Jid, stanzaId: string): Promise<void>;
  /** Emits one `history` (or `historyError`) event for the page before `before`, newest `max` messages. */
  loadHistory(conversation: Jid, options?: { before?: string; max?: number }): Promise<void>;
  /**
   * Fetches what an archive holds after a point, oldest first, page after page, as `missed` events
   * (one per conversation and page): the account's archive (every chat) when `archive` is null, a
   * room's when it is the room. From the message with archive id `after` when given (and still
   * in the archive), else from time `start` (ms since the epoch). Resolves with how many messages
   * came; rejects when the archive cannot be read.
   */
  catchUp(archive: Jid | null, from: CatchUpFrom): Promise<number>;
  /**
   * XEP-0363: asks the server's upload service for a slot for `file` under `name` and PUTs it there;
   * resolves with the URL to share. Rejects with an `UploadError`.
   */
  uploadFile(file: Blob, name: string, options?: UploadOptions): Promise<string>;
  /** Adds or updates a roster item and asks for a subscription. */
  addContact(jid: Jid, name?: string, groups?: string[]): Promise<void>;
  /** Removes a roster item (which also cancels subscriptions both ways). */
  removeContact(jid: Jid): Promise<void>;
  /**
   * Renames a contact or changes its groups (RFC 6121 roster set; no subscription request). The
   * change reaches the stores as the server's roster push. An empty `name` removes the name.
   */
  updateContact(jid: Jid, name: string | undefined, groups: string[]): Promise<void>;
  /**
   * Sets the user's own presence and sends it to contacts and to every room joined (invisible:
   * XEP-0186, only where `features.invisible`). Offline, it is only kept: the next connect (and
   * every reconnect) sends it. Emits `ownPresence`.
   */
  setPresence(presence: OwnPresence): Promise<void>;
  /** XEP-0191: emits `blocklist`. Rejects with `feature-not-implemented` where the server has no blocking. */
  loadBlocklist(): Promise<void>;
  /**
   * XEP-0191: blocks `jid` (a bare JID, an occupant JID or a domain); with `report`, also reports it
   * (XEP-0377). The server's push reaches the stores as `blocked`.
   */
  block(jid: Jid, report?: AbuseReport): Promise<void>;
  /** XEP-0191: unblocks `jid`; the push reaches the stores as `unblocked`. */
  unblock(jid: Jid): Promise<void>;
  /** Accepts a subscription request (and asks for one back if we have none). */
  approveSubscription(jid: Jid): Promise<void>;
  denySubscription(jid: Jid): Promise<void>;

  /**
   * Joins a room; resolves once `roomJoined` was emitted and the room's archive page
   * (`history` event for the room) was requested. Rejects with a `RoomError`.
   */
  joinRoom(room: Jid, options: JoinOptions): Promise<void>;
  leaveRoom(room: Jid): Promise<void>;
  changeNick(room: Jid, nick: string): Promise<void>;
  /** Sends a groupchat message whose origin-id is `id`, with what `extras` adds (a file, what it answers, mentions). */
  sendRoomMessage(room: Jid, body: string, id: string, extras?: OutgoingExtras): Promise<void>;
  /**
   * Sends a XEP-0308 correction of our own message `originalId` (the id it was sent with) in a
   * one-to-one chat, a private chat with an occupant or a room: `body` replaces its text, and `id`
   * is the correction's own id (and origin-id). Resolves when it is on the wire.
   */
  correctMessage(conversation: Jid, originalId: string, body: string, id: string): Promise<void>;
  /**
   * Sends a XEP-0424 retraction of our own message `retractedId` (in a chat the id it was sent
   * with; in a room the room's stanza-id of it), whose own id (and origin-id) is `id`. Resolves
   * when it is on the wire.
   */
  retractMessage(conversation: Jid, retractedId: string, id: string): Promise<void>;
  /**
   * Sends our whole set of XEP-0444 reactions (`emojis`, possibly none) to the message `messageId`
   * (in a chat the id it was sent with; in a room the room's stanza-id of it), as a message whose
   * own id (and origin-id) is `id`. Resolves when it is on the wire.
   */
  sendReactions(conversation: Jid, messageId: string, emojis: string[], id: string): Promise<void>;
  /**
   * XEP-0425: as a room moderator, removes anyone's message `stanzaId` (the room's id of it) for
   * everyone, with an optional reason. Resolves when the room agreed; rejects with its refusal.
   */
  moderateMessage(room: Jid, stanzaId: string, reason?: string): Promise<void>;
  setSubject(room: Jid, subject: string): Promise<void>;
  kick(room: Jid, nick: string, reason?: string): Promise<void>;
  setRole(room: Jid, nick: string, role: Role, reason?: string): Promise<void>;
  /** Also how to ban (`outcast`). */
  setAffiliation(room: Jid, jid: Jid, affiliation: Affiliation, reason?: string): Promise<void>;
  /**
   * Invites `jid`: through the room (XEP-0045 §7.8.2 mediated invitation, which also makes the
   * invitee a member of a members-only room where the room allows it) while we are in it, else a
   * XEP-0249 direct invitation.
   */
  invite(room: Jid, jid: Jid, reason?: string): Promise<void>;
  /** Declines an invitation to `room` from `inviter`: a XEP-0045 `<decline>` the room relays to them. */
  declineInvitation(room: Jid, inviter: Jid, reason?: string): Promise<void>;
  /** The room's configuration form (XEP-0045 §10.2, owners only); rejects with a `RequestError`. */
  getRoomConfig(room: Jid): Promise<DataFormDefinition>;
  /** Submits the configuration form filled in (its fields' `values`); rejects with the room's refusal (a `RequestError`). */
  submitRoomConfig(room: Jid, form: DataFormDefinition): Promise<void>;
  /** Says the configuration is not changed after all (the cancel form, XEP-0045 §10.2). */
  cancelRoomConfig(room: Jid): Promise<void>;
  /** The room's list of one affiliation (members, admins, owners or outcasts); rejects with a `RequestError`. */
  getAffiliations(room: Jid, affiliation: Exclude<Affiliation, 'none'>): Promise<AffiliationItem[]>;
  /** Destroys the room (owners, XEP-0045 §10.9); its occupants are told why and where to go. */
  destroyRoom(room: Jid, options?: DestroyOptions): Promise<void>;
  /** Emits `roomInfo` (name, features, occupant count). */
  queryRoom(room: Jid): Promise<void>;
  /** Emits `roomDirectory` for `service` (default: the server's conference service). */
  listRooms(service?: Jid): Promise<void>;
  /** Creates and configures a room, joining it as owner with `nick`. */
  createRoom(room: Jid, nick: string, config: RoomConfig): Promise<void>;
  /** Emits `bookmarks`. */
  loadBookmarks(): Promise<void>;
  /** Adds or replaces a bookmark (private to the account). */
  saveBookmark(bookmark: Bookmark): Promise<void>;
  removeBookmark(room: Jid): Promise<void>;

  /**
   * Asks for what `jid` (a bare JID, or the user's own) says of themselves: nick (XEP-0172), full
   * name (vCard4, else vCard-temp) and avatar (XEP-0084, else XEP-0153); emits one `profile`.
   * Sessions call it lazily, for what is on screen.
   */
  fetchProfile?(jid: Jid): Promise<void>;
  /** Fetches the image of an avatar `jid` advertised; the caller checks its type, size and hash. */
  fetchAvatar?(jid: Jid, avatar: AvatarRef): Promise<AvatarData>;
  /**
   * Publishes the user's avatar (XEP-0084 data and metadata, readable by anyone, and the
   * vCard-temp photo with its hash in presence, XEP-0153); resolves with its id (SHA-1 hex).
   */
  publishAvatar?(avatar: OwnAvatar): Promise<string>;
  /** Publishes the user's nick (XEP-0172) and full name (vCard4 and vCard-temp). */
  setProfile?(change: OwnProfileChange): Promise<void>;
}

/** The error `joinRoom` and `createRoom` reject with. */
export class RoomError extends Error {
  constructor(
    readonly code: RoomErrorCode,
    detail?: string,
    readonly suggestedNick?: string,
  ) {
    super(detail ?? code);
    this.name = 'RoomError';
  }
}

/**
 * A request the server refused: `message` is the RFC 6120 condition (`forbidden`, `not-acceptable`…),
 * `text` the server's own explanation where it gave one (bounded, to show as text).
 */
export class RequestError extends Error {
  constructor(
    readonly condition: string,
    readonly text?: string,
  ) {
    super(condition);
    this.name = 'RequestError';
  }
}

/** The error `uploadFile` rejects with. `limit` is the service's largest file in bytes, for `too-large`. */
export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    detail?: string,
    readonly limit?: number,
  ) {
    super(detail ?? code);
    this.name = 'UploadError';
  }
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
