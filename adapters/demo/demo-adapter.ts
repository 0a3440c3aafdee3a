import {
  AdapterError,
  UploadError,
  RoomError,
  RequestError,
  type Affiliation,
  type AffiliationItem,
  type DataFormDefinition,
  type DestroyOptions,
  type Bookmark,
  type CatchUpFrom,
  type JoinOptions,
  type Occupant,
  type Role,
  type RoomConfig,
  type RoomInfo,
  type AdapterEvent,
  type AdapterListener,
  type ChatAdapter,
  type ChatState,
  type ConnectOptions,
  type Contact,
  type Jid,
  type Message,
  type OutgoingExtras,
  type ResourcePresence,
  type UploadOptions,
  type AbuseReport,
  type OwnPresence,
  type ServerFeatures,
  type AvatarData,
  type AvatarRef,
  type OwnAvatar,
  type OwnProfileChange,
} from '../types';
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { looksLikeJid } from '../jid-shape';
import {
  DEMO_DOMAIN,
  DEMO_ROOMS_DOMAIN,
  demoContacts,
  demoHistory,
  demoReplies,
  demoRoomChatter,
  demoRooms,
  demoProfiles,
  type DemoContact,
  type DemoRoom,
} from './script';

/** The demo network's upload service and its limit (10 MB, as Prosody's default). */
export const DEMO_UPLOAD_SERVICE = { jid: 'upload.demo.natter', maxFileSize: 10_000_000 };
/** An upload's progress is reported in this many steps. */
const UPLOAD_STEPS = 4;

/** A request the demo network can be told to stall or fail, so stories can show loading and error states. */
export type DemoRequest = 'connect' | 'history' | 'join' | 'send' | 'rooms' | 'upload' | 'profile' | 'avatar';

export interface DemoAdapterOptions {
  /** Delay of every simulated network answer. Spec tests use 0. */
  latencyMs?: number;
  /** Contacts change presence and write on their own now and then. Off in tests. */
  ambient?: boolean;
  /** Contacts answer what you send them. */
  replies?: boolean;
  contacts?: DemoContact[];
  /** Requests that are never answered, so their loading state stays on screen (stories). */
  stall?: DemoRequest[];
  /**
   * Requests that fail after the latency, as a server or network would: `connect` as unreachable,
   * `join` as a timeout, `upload` half-way as a network failure, the others with a plain error
   * (history, sending, the room directory). A stalled upload stays half-way until cancelled.
   */
  fail?: DemoRequest[];
  /** Your affiliation in the scripted rooms you join (default `admin`; `owner` to show the room configuration and destroying). */
  ownAffiliation?: Affiliation;
  /** The demo server offers XEP-0186 invisibility (default false, as most servers). */
  invisible?: boolean;
  /** The demo server offers XEP-0191 blocking (default true). */
  blocking?: boolean;
  /** Addresses blocked already when signing in. */
  blocked?: Jid[];
}

/** Inviting this demo contact (who is busy) brings back a decline, so the inviter's side can be seen. */
export const DEMO_DECLINER = `carol@${DEMO_DOMAIN}`;
const ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';

/**
 * An in-memory chat network for stories, spec tests and the showcase when no
 * server is configured: scripted contacts who answer, change presence, type,
 * and keep a short history. It implements the same contract as the XMPP adapter.
 */
export class DemoAdapter implements ChatAdapter {
  private readonly listeners = new Set<AdapterListener>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly latencyMs: number;
  private readonly ambient: boolean;
  private readonly replies: boolean;
  private readonly stall: ReadonlySet<DemoRequest>;
  private readonly failing: ReadonlySet<DemoRequest>;
  private contacts: DemoContact[];
  private ownJid: Jid | null = null;
  private replyIndex = 0;
  private rooms: DemoRoom[] = demoRooms();
  /** Rooms we are in: occupants by nick, and our nick. */
  private joined = new Map<Jid, { nick: string; occupants: Map<string, Occupant> }>();
  private bookmarks: Bookmark[] = [];
  private readonly ownAffiliation: Affiliation;
  /** Affiliation lists by room: bare JID → affiliation and reason. */
  private affiliationLists = new Map<Jid, Map<Jid, { affiliation: Affiliation; reason?: string }>>();
  /** Room configurations by room: the form as last submitted. */
  private configs = new Map<Jid, DataFormDefinition>();
  private readonly invisible: boolean;
  private readonly blocking: boolean;
  private blocked: Set<Jid>;
  private ownPresence: OwnPresence = { availability: 'online' };
  /** What people (the user too, once they publish) say of themselves, by bare JID. */
  private profiles = new Map<Jid, { nick?: string; fullName?: string; avatar?: { id: string; type: string; bytes: Uint8Array } }>();
  /** How many avatar images were fetched (for tests of the session's cache). */
  avatarFetches = 0;

  constructor(options: DemoAdapterOptions = {}) {
    this.latencyMs = options.latencyMs ?? 400;
    this.ambient = options.ambient ?? true;
    this.replies = options.replies ?? true;
    this.contacts = options.contacts ?? demoContacts();
    this.stall = new Set(options.stall);
    this.failing = new Set(options.fail);
    this.ownAffiliation = options.ownAffiliation ?? 'admin';
    this.invisible = options.invisible ?? false;
    this.blocking = options.blocking ?? true;
    this.blocked = new Set(options.blocked ?? []);
    for (const [jid, profile] of Object.entries(demoProfiles())) {
      const bytes = profile.avatarPng ? Uint8Array.from(atob(profile.avatarPng), c => c.charCodeAt(0)) : undefined;
      this.profiles.set(jid, {
        nick: profile.nick,
        fullName: profile.fullName,
        avatar: bytes ? { id: bytesToHex(sha1(bytes)), type: 'image/png', bytes } : undefined,
      });
    }
  }

  /** What the demo server offers. */
  private features(): ServerFeatures {
    return {
      carbons: true,
      mam: true,
      streamManagement: true,
      conferenceService: DEMO_ROOMS_DOMAIN,
      upload: { ...DEMO_UPLOAD_SERVICE },
      ...(this.invisible ? { invisible: true } : {}),
      ...(this.blocking ? { blocking: true } : {}),
    };
  }

  /** Lets stories and tests give someone a profile (an avatar's id is the SHA-1 of its bytes). */
  setDemoProfile(jid: Jid, profile: { nick?: string; fullName?: string; avatar?: { type: string; bytes: Uint8Array } }): void {
    const avatar = profile.avatar ? { ...profile.avatar, id: bytesToHex(sha1(profile.avatar.bytes)) } : undefined;
    this.profiles.set(jid, { nick: profile.nick, fullName: profile.fullName, avatar });
  }

  async fetchProfile(jid: Jid): Promise<void> {
    await this.wait('profile');
    const profile = this.profiles.get(jid);
    const avatar: AvatarRef | null = profile?.avatar ? { id: profile.avatar.id, source: 'pep', type: profile.avatar.type, bytes: profile.avatar.bytes.length } : null;
    this.emit({ type: 'profile', jid, profile: { nick: profile?.nick ?? '', fullName: profile?.fullName ?? '', avatar } });
  }

  async fetchAvatar(jid: Jid, avatar: AvatarRef): Promise<AvatarData> {
    this.avatarFetches++;
    await this.wait('avatar');
    const image = this.profiles.get(jid)?.avatar;
    if (!image || image.id !== avatar.id) throw new Error('item-not-found');
    return { type: image.type, bytes: image.bytes.slice() };
  }

  async publishAvatar(avatar: OwnAvatar): Promise<string> {
    await this.wait('avatar');
    const own = this.requireOwn();
    const id = bytesToHex(sha1(avatar.bytes));
    const profile = { ...this.profiles.get(own), avatar: { id, type: avatar.type, bytes: avatar.bytes.slice() } };
    this.profiles.set(own, profile);
    this.emit({ type: 'profile', jid: own, profile: { avatar: { id, source: 'pep', type: avatar.type, bytes: avatar.bytes.length } } });
    return id;
  }

  async setProfile(change: OwnProfileChange): Promise<void> {
    await this.wait('profile');
    const own = this.requireOwn();
    const profile = { ...this.profiles.get(own) };
    if (change.nick !== undefined) profile.nick = change.nick.trim() || undefined;
    if (change.fullName !== undefined) profile.fullName = change.fullName.trim() || undefined;
    this.profiles.set(own, profile);
    this.emit({ type: 'profile', jid: own, profile: { nick: profile.nick ?? '', fullName: profile.fullName ?? '' } });
  }

  private requireOwn(): Jid {
    if (!this.ownJid) throw new Error('not connected');
    return this.ownJid;
  }

  subscribe(listener: AdapterListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets stories and tests play the network: emits an event as if a server sent it. */
  emit(event: AdapterEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.warn('[natter demo] a listener threw', error);
      }
    }
  }

  async connect(options: ConnectOptions): Promise<void> {
    // SASL ANONYMOUS: `jid` is only the domain; the server makes up a guest account with no roster or bookmarks.
    if (options.anonymous) return this.connectAnonymously(options.jid.trim());
    if (!looksLikeJid(options.jid.trim())) {
      const error = new AdapterError('invalid-jid', `not a JID: ${options.jid}`);
      this.emit({ type: 'connection', status: 'error', error: { code: error.code, detail: error.message } });
      throw error;
    }
    this.emit({ type: 'connection', status: 'connecting' });
    await this.wait('connect');
    if (this.failing.has('connect')) {
      const error = new AdapterError('unreachable', 'the demo network was told to be unreachable');
      this.emit({ type: 'connection', status: 'error', error: { code: error.code, detail: error.message } });
      throw error;
    }
    if (options.password === 'wrong') {
      const error = new AdapterError('not-authorized', 'the demo network refuses the password "wrong"');
      this.emit({ type: 'connection', status: 'error', error: { code: error.code, detail: error.message } });
      throw error;
    }
    const [bare] = options.jid.trim().split('/');
    this.ownJid = bare;
    this.emit({ type: 'connection', status: 'online', jid: `${bare}/demo` });
    this.emit({ type: 'roster', contacts: this.contacts.filter(contact => !contact.requestOnly).map(toContact) });
    for (const contact of this.contacts) {
      if (contact.presence && !contact.requestOnly) this.emitPresence(contact.jid, contact.presence);
      if (contact.requestOnly) this.emit({ type: 'subscriptionRequest', jid: contact.jid, name: contact.name });
    }
    this.emit({ type: 'features', features: this.features() });
    if (this.ownPresence.availability === 'invisible' && !this.invisible) this.ownPresence = { ...this.ownPresence, availability: 'online' };
    this.emit({ type: 'ownPresence', presence: { ...this.ownPresence } });
    this.bookmarks = this.rooms.filter(room => room.autojoin).map(room => ({ jid: room.jid, name: room.name, autojoin: true }));
    this.emit({ type: 'bookmarks', bookmarks: this.bookmarks });
    for (const bookmark of this.bookmarks) {
      if (bookmark.autojoin) this.joinRoom(bookmark.jid, { nick: bookmark.nick ?? bare.split('@')[0] }).catch(() => undefined);
    }
    if (this.ambient) this.startAmbientTraffic();
  }

  private async connectAnonymously(domain: string): Promise<void> {
    if (!domain || /[@/\s]/.test(domain)) {
      const error = new AdapterError('invalid-jid', `not a domain: ${domain}`);
      this.emit({ type: 'connection', status: 'error', error: { code: error.code, detail: error.message } });
      throw error;
    }
    this.emit({ type: 'connection', status: 'connecting' });
    await this.wait();
    this.ownJid = `guest-${Math.random().toString(36).slice(2, 10)}@${domain}`;
    this.emit({ type: 'connection', status: 'online', jid: `${this.ownJid}/demo` });
    this.emit({ type: 'roster', contacts: [] });
    this.emit({ type: 'features', features: this.features() });
  }

  async disconnect(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.joined.clear();
    if (this.ownJid) this.emit({ type: 'connection', status: 'offline' });
    this.ownJid = null;
  }

  /**
   * A simulated upload: progress in a few steps over the demo's latency, the same errors as the XMPP
   * adapter for a file over the limit and for a cancel, and a URL for the file that stays in the page
   * (an object URL; a data URL where there is none, as in spec tests).
   */
  async uploadFile(file: Blob, _name: string, options: UploadOptions = {}): Promise<string> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new UploadError('cancelled');
    this.requireOnline();
    if (file.size > DEMO_UPLOAD_SERVICE.maxFileSize) throw new UploadError('too-large', undefined, DEMO_UPLOAD_SERVICE.maxFileSize);
    for (let step = 0; step <= UPLOAD_STEPS; step++) {
      if (step > 0) await new Promise<void>(resolve => this.later(resolve, this.latencyMs / UPLOAD_STEPS));
      if (signal?.aborted) throw new UploadError('cancelled');
      onProgress?.(Math.round((file.size * step) / UPLOAD_STEPS), file.size);
      if (step === UPLOAD_STEPS / 2 && this.failing.has('upload')) throw new UploadError('network', 'the demo network was told to fail uploads');
      if (step === UPLOAD_STEPS / 2 && this.stall.has('upload')) {
        await new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new UploadError('cancelled')), { once: true }));
      }
    }
    if (typeof URL.createObjectURL === 'function') return URL.createObjectURL(file);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return `data:${file.type || 'application/octet-stream'};base64,${btoa(binary)}`;
  }

  async sendMessage(to: Jid, body: string, id: string, _extras?: OutgoingExtras): Promise<void> {
    this.requireOnline();
    await this.wait('send');
    // The demo server has it at once (a real one confirms with a stream management ack).
    this.emit({ type: 'messageStatus', conversation: to, id, status: 'sent' });
    const contact = this.contacts.find(candidate => candidate.jid === to);
    if (!contact || contact.requestOnly) return;
    this.later(() => this.emit({ type: 'messageStatus', conversation: to, id, status: 'delivered' }), this.latencyMs);
    if (this.replies && contact.presence) this.answer(contact, body);
  }

  async correctMessage(conversation: Jid, originalId: string, body: string, id: string): Promise<void> {
    if (this.joined.has(conversation)) {
      await this.wait();
      this.reflect(conversation, id, { body, replaces: originalId });
      this.emit({ type: 'messageStatus', conversation, id, status: 'sent' });
      return;
    }
    await this.sendMessage(conversation, body, id);
  }

  async retractMessage(conversation: Jid, retractedId: string, id: string): Promise<void> {
    this.requireOnline();
    await this.wait();
    this.reflect(conversation, id, { retracts: retractedId });
  }

  async moderateMessage(room: Jid, stanzaId: string, reason?: string): Promise<void> {
    this.requireOnline();
    await this.wait();
    const joined = this.joined.get(room);
    if (!joined) throw new Error('not in the room');
    // The room announces the moderation itself, as a real MUC does.
    const moderated = reason ? { by: joined.nick, reason } : { by: joined.nick };
    this.emit({ type: 'message', message: { id: `moderation-${stanzaId}`, conversation: room, from: room, direction: 'in', body: '', timestamp: Date.now(), status: 'received', retracts: stanzaId, moderated } });
  }

  async sendReactions(conversation: Jid, messageId: string, emojis: string[], id: string): Promise<void> {
    this.requireOnline();
    await this.wait();
    this.reflect(conversation, id, { reactsTo: { id: messageId, emojis } });
  }

  /** A room reflects what we send to it (a correction, retraction or reaction), as a real MUC does; a contact's client just applies it. */
  private reflect(conversation: Jid, id: string, fields: Partial<Message>): void {
    const room = this.joined.get(conversation);
    if (!room) return;
    this.emit({
      type: 'message',
      message: { id, originId: id, conversation, from: `${conversation}/${room.nick}`, nick: room.nick, direction: 'out', body: '', timestamp: Date.now(), status: 'sent', ...fields },
    });
  }

  async sendDisplayed(_to: Jid, _messageId: string): Promise<void> {
    this.requireOnline();
  }

  async publishDisplayed(_conversation: Jid, _stanzaId: string): Promise<void> {
    this.requireOnline();
  }

  async sendChatState(_to: Jid, _state: ChatState): Promise<void> {
    this.requireOnline();
  }

  /** The demo network never drops: there is never anything to catch up. */
  async catchUp(_archive: Jid | null, _from: CatchUpFrom): Promise<number> {
    this.requireOnline();
    return 0;
  }

  async loadHistory(conversation: Jid, options: { before?: string; max?: number } = {}): Promise<void> {
    this.requireOnline();
    await this.wait('history');
    const all = demoHistory(conversation, this.ownJid!, Date.now());
    const end = options.before ? all.findIndex(message => message.id === options.before) : all.length;
    const stop = end < 0 ? 0 : end;
    const start = Math.max(0, stop - (options.max ?? 50));
    const page = all.slice(start, stop);
    this.emit({ type: 'history', conversation, messages: page, complete: start === 0, cursor: page[0]?.id });
  }

  async addContact(jid: Jid, name?: string, groups: string[] = []): Promise<void> {
    this.requireOnline();
    if (!looksLikeJid(jid, { bare: true })) throw new Error(`not a JID: ${jid}`);
    await this.wait();
    const contact: DemoContact = { jid, name, groups, subscription: 'none', pendingOut: true };
    this.contacts = [...this.contacts.filter(candidate => candidate.jid !== jid), contact];
    this.emit({ type: 'rosterPush', contact: toContact(contact) });
    // Demo contacts are friendly: they accept and come online shortly after.
    this.later(() => {
      const accepted = { ...contact, subscription: 'both' as const, pendingOut: false, presence: { show: 'online' as const, priority: 0 } };
      this.contacts = this.contacts.map(candidate => (candidate.jid === jid ? accepted : candidate));
      this.emit({ type: 'rosterPush', contact: toContact(accepted) });
      this.emitPresence(jid, accepted.presence);
    }, this.latencyMs * 3);
  }

  async removeContact(jid: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    const contact = this.contacts.find(candidate => candidate.jid === jid);
    this.contacts = this.contacts.filter(candidate => candidate.jid !== jid);
    if (contact) this.emit({ type: 'rosterPush', contact: toContact(contact), removed: true });
  }

  async approveSubscription(jid: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    const request = this.contacts.find(candidate => candidate.jid === jid);
    const contact: DemoContact = {
      ...(request ?? { jid, groups: [] }),
      requestOnly: false,
      subscription: 'both',
      pendingOut: false,
      presence: request?.presence ?? { show: 'online', priority: 0 },
    };
    this.contacts = [...this.contacts.filter(candidate => candidate.jid !== jid), contact];
    this.emit({ type: 'rosterPush', contact: toContact(contact) });
    this.emitPresence(jid, contact.presence!);
  }

  async updateContact(jid: Jid, name: string | undefined, groups: string[]): Promise<void> {
    this.requireOnline();
    await this.wait();
    const contact = this.contacts.find(candidate => candidate.jid === jid && !candidate.requestOnly);
    if (!contact) throw new Error('item-not-found');
    const cleanName = name?.trim() || undefined;
    const updated: DemoContact = { ...contact, name: cleanName, groups: [...new Set(groups.map(group => group.trim()).filter(Boolean))] };
    this.contacts = this.contacts.map(candidate => (candidate === contact ? updated : candidate));
    this.emit({ type: 'rosterPush', contact: toContact(updated) });
  }

  async setPresence(presence: OwnPresence): Promise<void> {
    if (!['online', 'away', 'dnd', 'invisible'].includes(presence.availability)) throw new Error('invalid presence');
    if (this.ownJid && presence.availability === 'invisible' && !this.invisible) throw new Error('feature-not-implemented');
    if (this.ownJid) await this.wait();
    this.ownPresence = { availability: presence.availability, ...(presence.status?.trim() ? { status: presence.status } : {}) };
    this.emit({ type: 'ownPresence', presence: { ...this.ownPresence } });
  }

  async loadBlocklist(): Promise<void> {
    this.requireBlocking();
    await this.wait();
    this.emit({ type: 'blocklist', jids: [...this.blocked] });
  }

  async block(jid: Jid, _report?: AbuseReport): Promise<void> {
    this.requireBlocking();
    if (!jid || /\s/.test(jid)) throw new Error('invalid-jid');
    await this.wait();
    this.blocked.add(jid);
    this.emit({ type: 'blocked', jids: [jid] });
  }

  async unblock(jid: Jid): Promise<void> {
    this.requireBlocking();
    await this.wait();
    this.blocked.delete(jid);
    this.emit({ type: 'unblocked', jids: [jid] });
  }

  private requireBlocking(): void {
    this.requireOnline();
    if (!this.blocking) throw new Error('feature-not-implemented');
  }

  async denySubscription(jid: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    this.contacts = this.contacts.filter(candidate => candidate.jid !== jid || !candidate.requestOnly);
  }

  async joinRoom(room: Jid, options: JoinOptions): Promise<void> {
    this.requireOnline();
    const script = this.rooms.find(candidate => candidate.jid === room);
    this.emit({ type: 'roomJoining', room, nick: options.nick });
    await this.wait('join');
    const fail = (code: RoomError['code'], text: string, suggestedNick?: string): never => {
      this.emit({ type: 'roomJoinError', room, error: code, text, suggestedNick });
      throw new RoomError(code, text, suggestedNick);
    };
    if (this.failing.has('join')) fail('timeout', 'The demo network was told not to answer joins.');
    if (!script) fail('not-found', 'The demo network has no such room.');
    const listed = this.affiliationLists.get(room)?.get(this.ownJid!)?.affiliation;
    if (listed === 'outcast') fail('banned', 'You are banned from this room.');
    if (script!.membersOnly && !listed) fail('members-only', 'This room is for members only.');
    const occupants = new Map<string, Occupant>();
    for (const scripted of script!.occupants) {
      if (scripted.nick === options.nick) fail('nick-conflict', 'That nickname is taken.', `${options.nick}_`);
      occupants.set(scripted.nick, { nick: scripted.nick, role: scripted.role, affiliation: scripted.affiliation, show: 'online' });
    }
    for (const occupant of occupants.values()) this.emit({ type: 'occupant', room, occupant });
    // In the demo you moderate the lounge, so the moderation tools can be tried.
    const self: Occupant = { nick: options.nick, role: 'moderator', affiliation: this.ownAffiliation, show: 'online', jid: this.ownJid! };
    occupants.set(self.nick, self);
    this.joined.set(room, { nick: options.nick, occupants });
    const features = { membersOnly: script!.membersOnly, passwordProtected: false, persistent: true, public: true, moderated: false, nonAnonymous: false, occupantId: true, mam: true };
    this.emit({ type: 'roomJoined', room, self, features });
    this.emit({ type: 'roomSubject', room, subject: script!.subject, by: script!.occupants[0]?.nick });
    const now = Date.now();
    const messages: Message[] = script!.history.map(([minutesAgo, nick, body], index) => ({
      id: `${room}-history-${index}`,
      stanzaId: `${room}-history-${index}`,
      conversation: room,
      from: `${room}/${nick}`,
      nick,
      direction: 'in',
      body,
      timestamp: now - minutesAgo * 60_000,
      status: 'received',
    }));
    this.emit({ type: 'history', conversation: room, messages, complete: true, cursor: messages[0]?.id });
  }

  async leaveRoom(room: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    if (this.joined.delete(room)) this.emit({ type: 'roomLeft', room, reason: 'left' });
  }

  async changeNick(room: Jid, nick: string): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    if (state.occupants.has(nick)) throw new RoomError('nick-conflict', 'That nickname is taken.', `${nick}_`);
    const self = state.occupants.get(state.nick)!;
    state.occupants.delete(state.nick);
    state.nick = nick;
    state.occupants.set(nick, { ...self, nick });
    this.emit({ type: 'roomNick', room, nick });
  }

  async sendRoomMessage(room: Jid, body: string, id: string, extras: OutgoingExtras = {}): Promise<void> {
    const { attachment } = extras;
    const state = this.requireJoined(room);
    await this.wait('send');
    // The room reflects our message back, as a real MUC does.
    const message: Message = { id, originId: id, conversation: room, from: `${room}/${state.nick}`, nick: state.nick, direction: 'out', body, timestamp: Date.now(), status: 'sent' };
    if (attachment) message.attachment = { ...attachment };
    if (extras.thread !== undefined) message.thread = { id: extras.thread };
    this.emit({ type: 'message', message });
  }

  async setSubject(room: Jid, subject: string): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    this.emit({ type: 'roomSubject', room, subject, by: state.nick });
  }

  async kick(room: Jid, nick: string, reason?: string): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    if (!state.occupants.delete(nick)) throw new Error(`no occupant ${nick}`);
    this.emit({ type: 'occupantLeft', room, nick, reason: 'kicked', actor: state.nick, text: reason });
  }

  async setRole(room: Jid, nick: string, role: Role): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    const occupant = state.occupants.get(nick);
    if (!occupant) throw new Error(`no occupant ${nick}`);
    const updated = { ...occupant, role };
    state.occupants.set(nick, updated);
    this.emit({ type: 'occupant', room, occupant: updated });
  }

  async setAffiliation(room: Jid, jid: Jid, affiliation: Affiliation, reason?: string): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    const list = this.affiliationList(room);
    if (affiliation === 'none') list.delete(jid);
    else list.set(jid, reason ? { affiliation, reason } : { affiliation });
    const occupant = [...state.occupants.values()].find(candidate => candidate.jid === jid || `${room}/${candidate.nick}` === jid);
    if (!occupant) return;
    if (affiliation === 'outcast') {
      state.occupants.delete(occupant.nick);
      this.emit({ type: 'occupantLeft', room, nick: occupant.nick, reason: 'banned', actor: state.nick, text: reason });
      return;
    }
    const updated = { ...occupant, affiliation };
    state.occupants.set(occupant.nick, updated);
    this.emit({ type: 'occupant', room, occupant: updated });
  }

  async invite(room: Jid, jid: Jid): Promise<void> {
    this.requireJoined(room);
    if (!looksLikeJid(jid, { bare: true })) throw new Error(`not a JID: ${jid}`);
    await this.wait();
    // A members-only room lets in whom an admin invites (as Prosody does).
    const list = this.affiliationList(room);
    if (this.rooms.find(candidate => candidate.jid === room)?.membersOnly && !list.has(jid)) list.set(jid, { affiliation: 'member' });
    if (jid === DEMO_DECLINER) {
      this.later(() => this.emit({ type: 'invitationDeclined', room, from: jid, reason: 'Busy right now, maybe later' }), Math.max(this.latencyMs, 1) * 3);
    }
  }

  async declineInvitation(_room: Jid, inviter: Jid): Promise<void> {
    this.requireOnline();
    if (!inviter) throw new Error('invalid-jid');
    await this.wait();
  }

  async getRoomConfig(room: Jid): Promise<DataFormDefinition> {
    const state = this.requireJoined(room);
    await this.wait();
    if (state.occupants.get(state.nick)?.affiliation !== 'owner') throw new RequestError('forbidden', 'Only owners can configure the room.');
    return structuredClone(this.configs.get(room) ?? this.defaultConfig(room));
  }

  async submitRoomConfig(room: Jid, form: DataFormDefinition): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    if (state.occupants.get(state.nick)?.affiliation !== 'owner') throw new RequestError('forbidden');
    const value = (name: string) => form.fields.find(field => field.var === name)?.values[0];
    const name = value('muc#roomconfig_roomname')?.trim();
    if (!name) throw new RequestError('not-acceptable', 'The room needs a name.');
    this.configs.set(room, structuredClone(form));
    this.rooms = this.rooms.map(candidate =>
      candidate.jid === room
        ? { ...candidate, name, description: value('muc#roomconfig_roomdesc') ?? '', membersOnly: value('muc#roomconfig_membersonly') === '1' }
        : candidate,
    );
    this.emit({ type: 'roomInfo', info: this.roomInfo(room)! });
  }

  async cancelRoomConfig(room: Jid): Promise<void> {
    this.requireJoined(room);
    await this.wait();
  }

  async getAffiliations(room: Jid, affiliation: Exclude<Affiliation, 'none'>): Promise<AffiliationItem[]> {
    this.requireJoined(room);
    await this.wait();
    const items: AffiliationItem[] = [];
    for (const [jid, entry] of this.affiliationList(room)) {
      if (entry.affiliation === affiliation) items.push(entry.reason ? { jid, affiliation, reason: entry.reason } : { jid, affiliation });
    }
    return items;
  }

  async destroyRoom(room: Jid, options: DestroyOptions = {}): Promise<void> {
    const state = this.requireJoined(room);
    await this.wait();
    if (state.occupants.get(state.nick)?.affiliation !== 'owner') throw new RequestError('forbidden', 'Only owners can destroy the room.');
    this.joined.delete(room);
    this.rooms = this.rooms.filter(candidate => candidate.jid !== room);
    const text = [options.reason, options.alternate].filter(Boolean).join(' — ');
    this.emit({ type: 'roomLeft', room, reason: 'destroyed', ...(text ? { text } : {}) });
  }

  /** The affiliation list of a room, seeded with the scripted occupants who have one. */
  private affiliationList(room: Jid): Map<Jid, { affiliation: Affiliation; reason?: string }> {
    let list = this.affiliationLists.get(room);
    if (!list) {
      list = new Map();
      const script = this.rooms.find(candidate => candidate.jid === room);
      for (const occupant of script?.occupants ?? []) {
        if (occupant.affiliation !== 'none') list.set(`${occupant.nick.toLowerCase()}@${DEMO_DOMAIN}`, { affiliation: occupant.affiliation });
      }
      this.affiliationLists.set(room, list);
    }
    return list;
  }

  /** A configuration form like a real service's, with every kind of field. */
  private defaultConfig(room: Jid): DataFormDefinition {
    const script = this.rooms.find(candidate => candidate.jid === room);
    const bool = (on: boolean | undefined) => [on ? '1' : '0'];
    return {
      formType: ROOMCONFIG,
      title: `Configuration of ${script?.name ?? room}`,
      instructions: ['Change what you need, then save.'],
      fields: [
        { var: 'FORM_TYPE', type: 'hidden', required: false, values: [ROOMCONFIG], options: [] },
        { type: 'fixed', required: false, values: ['About the room'], options: [] },
        { var: 'muc#roomconfig_roomname', type: 'text-single', label: 'Name', required: true, values: [script?.name ?? ''], options: [] },
        { var: 'muc#roomconfig_roomdesc', type: 'text-multi', label: 'Description', description: 'Shown in the room directory', required: false, values: script?.description ? [script.description] : [], options: [] },
        { var: 'muc#roomconfig_persistentroom', type: 'boolean', label: 'Keep the room when it is empty', required: false, values: bool(true), options: [] },
        { var: 'muc#roomconfig_publicroom', type: 'boolean', label: 'List the room in the directory', required: false, values: bool(true), options: [] },
        { var: 'muc#roomconfig_membersonly', type: 'boolean', label: 'Members only', required: false, values: bool(script?.membersOnly), options: [] },
        { var: 'muc#roomconfig_roomsecret', type: 'text-private', label: 'Password', required: false, values: [], options: [] },
        {
          var: 'muc#roomconfig_whois', type: 'list-single', label: 'Who may see real addresses', required: false, values: ['moderators'],
          options: [{ label: 'Moderators', value: 'moderators' }, { label: 'Anyone', value: 'anyone' }],
        },
        {
          var: 'muc#roomconfig_presencebroadcast', type: 'list-multi', label: 'Whose presence is shown', required: false, values: ['moderator', 'participant', 'visitor'],
          options: [{ label: 'Moderators', value: 'moderator' }, { label: 'Participants', value: 'participant' }, { label: 'Visitors', value: 'visitor' }],
        },
        { var: 'muc#roomconfig_roomadmins', type: 'jid-multi', label: 'Admins', required: false, values: [], options: [] },
        { var: 'muc#roomconfig_roomowners', type: 'jid-multi', label: 'Owners', required: false, values: [this.ownJid ?? ''].filter(Boolean), options: [] },
      ],
    };
  }

  async queryRoom(room: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    const info = this.roomInfo(room);
    if (!info) throw new RoomError('not-found', 'The demo network has no such room.');
    this.emit({ type: 'roomInfo', info });
  }

  async listRooms(service: Jid = DEMO_ROOMS_DOMAIN): Promise<void> {
    this.requireOnline();
    await this.wait('rooms');
    const rooms = this.rooms.filter(room => room.jid.endsWith(`@${service}`)).map(room => this.roomInfo(room.jid)!);
    this.emit({ type: 'roomDirectory', service, rooms });
  }

  async createRoom(room: Jid, nick: string, config: RoomConfig): Promise<void> {
    this.requireOnline();
    if (this.rooms.some(candidate => candidate.jid === room)) throw new RoomError('unknown', 'That room exists already.');
    this.rooms = [
      ...this.rooms,
      { jid: room, name: config.name ?? room.split('@')[0], description: '', subject: '', membersOnly: false, autojoin: false, occupants: [], history: [] },
    ];
    await this.joinRoom(room, { nick });
    const state = this.joined.get(room)!;
    const owner: Occupant = { ...state.occupants.get(nick)!, affiliation: 'owner' };
    state.occupants.set(nick, owner);
    this.emit({ type: 'occupant', room, occupant: owner });
  }

  async loadBookmarks(): Promise<void> {
    this.requireOnline();
    this.emit({ type: 'bookmarks', bookmarks: this.bookmarks });
  }

  async saveBookmark(bookmark: Bookmark): Promise<void> {
    this.requireOnline();
    await this.wait();
    this.bookmarks = [...this.bookmarks.filter(existing => existing.jid !== bookmark.jid), bookmark];
    this.emit({ type: 'bookmarks', bookmarks: this.bookmarks });
  }

  async removeBookmark(room: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    this.bookmarks = this.bookmarks.filter(existing => existing.jid !== room);
    this.emit({ type: 'bookmarks', bookmarks: this.bookmarks });
  }

  private roomInfo(room: Jid): RoomInfo | undefined {
    const script = this.rooms.find(candidate => candidate.jid === room);
    if (!script) return undefined;
    const occupants = this.joined.get(room)?.occupants.size ?? script.occupants.length;
    return { jid: room, name: script.name, description: script.description, occupants };
  }

  private requireJoined(room: Jid) {
    this.requireOnline();
    const state = this.joined.get(room);
    if (!state) throw new Error(`not in ${room}`);
    return state;
  }

  private answer(contact: DemoContact, body: string): void {
    const reply = demoReplies[this.replyIndex++ % demoReplies.length](body, contact);
    const firstText = typeof reply === 'string' ? reply : reply.body;
    const id = `demo-${Date.now().toString(36)}-${this.replyIndex}`;
    const say = (text: string, replaces?: string): void => {
      const message: Message = { id: replaces ? `${id}-fix` : id, conversation: contact.jid, from: contact.jid, direction: 'in', body: text, timestamp: Date.now(), status: 'received' };
      if (replaces) message.replaces = replaces;
      this.emit({ type: 'message', message });
    };
    this.later(() => this.emit({ type: 'chatState', conversation: contact.jid, from: contact.jid, state: 'composing' }), this.latencyMs * 2);
    const written = this.latencyMs * 2 + Math.min(3000, 40 * firstText.length);
    this.later(() => say(firstText), written);
    // Now and then a contact fixes a typo, as people do (XEP-0308).
    if (typeof reply !== 'string') this.later(() => say(reply.correction, id), written + this.latencyMs * 3);
  }

  private startAmbientTraffic(): void {
    const chatter = (index: number) => {
      const lounge = this.joined.get(`lounge@${DEMO_ROOMS_DOMAIN}`);
      const speakers = lounge ? [...lounge.occupants.values()].filter(occupant => occupant.nick !== lounge.nick && occupant.role !== 'visitor') : [];
      if (lounge && speakers.length > 0) {
        const speaker = speakers[index % speakers.length];
        const room = `lounge@${DEMO_ROOMS_DOMAIN}`;
        this.emit({
          type: 'message',
          message: {
            id: `demo-room-${Date.now().toString(36)}`,
            conversation: room,
            from: `${room}/${speaker.nick}`,
            nick: speaker.nick,
            direction: 'in',
            body: demoRoomChatter[index % demoRoomChatter.length],
            timestamp: Date.now(),
            status: 'received',
          },
        });
      }
      this.later(() => chatter(index + 1), 20_000);
    };
    this.later(() => chatter(0), 12_000);
    const moody = this.contacts.find(contact => contact.jid === `bob@${DEMO_DOMAIN}`);
    if (!moody) return;
    const cycle = (away: boolean) => {
      this.emitPresence(moody.jid, away ? { show: 'away', status: 'In a meeting', priority: 0 } : { show: 'online', priority: 0 });
      this.later(() => cycle(!away), 45_000);
    };
    this.later(() => cycle(true), 30_000);
  }

  private emitPresence(jid: Jid, presence: ResourcePresence): void {
    this.emit({ type: 'presence', jid, resource: 'phone', presence });
  }

  private requireOnline(): void {
    if (!this.ownJid) throw new Error('not connected');
  }

  private later(run: () => void, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delay);
    this.timers.add(timer);
  }

  /**
   * The network's latency. Named requests may be told to stall (never settle) or fail (reject
   * after the latency; `connect` and `join` report their own errors instead).
   */
  private async wait(request?: DemoRequest): Promise<void> {
    if (request && this.stall.has(request)) return new Promise(() => undefined);
    if (this.latencyMs > 0) await new Promise(resolve => this.later(() => resolve(undefined), this.latencyMs));
    if (request && request !== 'connect' && request !== 'join' && this.failing.has(request)) {
      throw new Error(`the demo network was told to fail '${request}'`);
    }
  }
}

function toContact(contact: DemoContact): Contact {
  return {
    jid: contact.jid,
    name: contact.name,
    groups: contact.groups,
    subscription: contact.subscription ?? 'both',
    pendingOut: contact.pendingOut ?? false,
  };
}

export function createDemoAdapter(options?: DemoAdapterOptions): DemoAdapter {
  return new DemoAdapter(options);
}
