import {
  AdapterError,
  type AdapterEvent,
  type AdapterListener,
  type ChatAdapter,
  type ChatState,
  type ConnectOptions,
  type Contact,
  type Jid,
  type Message,
  type ResourcePresence,
} from '../types';
import { looksLikeJid } from '../jid-shape';
import { DEMO_DOMAIN, demoContacts, demoHistory, demoReplies, type DemoContact } from './script';

export interface DemoAdapterOptions {
  /** Delay of every simulated network answer. Spec tests use 0. */
  latencyMs?: number;
  /** Contacts change presence and write on their own now and then. Off in tests. */
  ambient?: boolean;
  /** Contacts answer what you send them. */
  replies?: boolean;
  contacts?: DemoContact[];
}

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
  private contacts: DemoContact[];
  private ownJid: Jid | null = null;
  private replyIndex = 0;

  constructor(options: DemoAdapterOptions = {}) {
    this.latencyMs = options.latencyMs ?? 400;
    this.ambient = options.ambient ?? true;
    this.replies = options.replies ?? true;
    this.contacts = options.contacts ?? demoContacts();
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
    if (!looksLikeJid(options.jid.trim())) {
      const error = new AdapterError('invalid-jid', `not a JID: ${options.jid}`);
      this.emit({ type: 'connection', status: 'error', error: { code: error.code, detail: error.message } });
      throw error;
    }
    this.emit({ type: 'connection', status: 'connecting' });
    await this.wait();
    if (options.password === 'wrong') {
      const error = new AdapterError('not-authorized', 'the demo network refuses the password "wrong"');
      this.emit({ type: 'connection', status: 'error', error: { code: error.code, detail: error.message } });
      throw error;
    }
    const [bare] = options.jid.trim().split('/');
    this.ownJid = bare;
    this.emit({ type: 'connection', status: 'online', jid: `${bare}/demo` });
    this.emit({ type: 'features', features: { carbons: true, mam: true, streamManagement: true } });
    this.emit({ type: 'roster', contacts: this.contacts.filter(contact => !contact.requestOnly).map(toContact) });
    for (const contact of this.contacts) {
      if (contact.presence && !contact.requestOnly) this.emitPresence(contact.jid, contact.presence);
      if (contact.requestOnly) this.emit({ type: 'subscriptionRequest', jid: contact.jid, name: contact.name });
    }
    if (this.ambient) this.startAmbientTraffic();
  }

  async disconnect(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.ownJid) this.emit({ type: 'connection', status: 'offline' });
    this.ownJid = null;
  }

  async sendMessage(to: Jid, body: string, id: string): Promise<void> {
    this.requireOnline();
    await this.wait();
    const contact = this.contacts.find(candidate => candidate.jid === to);
    if (!contact || contact.requestOnly) return;
    this.later(() => this.emit({ type: 'messageStatus', conversation: to, id, status: 'delivered' }), this.latencyMs);
    if (this.replies && contact.presence) this.answer(contact, body);
  }

  async sendChatState(_to: Jid, _state: ChatState): Promise<void> {
    this.requireOnline();
  }

  async loadHistory(conversation: Jid, options: { before?: string; max?: number } = {}): Promise<void> {
    this.requireOnline();
    await this.wait();
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

  async denySubscription(jid: Jid): Promise<void> {
    this.requireOnline();
    await this.wait();
    this.contacts = this.contacts.filter(candidate => candidate.jid !== jid || !candidate.requestOnly);
  }

  private answer(contact: DemoContact, body: string): void {
    const reply = demoReplies[this.replyIndex++ % demoReplies.length](body, contact);
    this.later(() => this.emit({ type: 'chatState', conversation: contact.jid, from: contact.jid, state: 'composing' }), this.latencyMs * 2);
    this.later(() => {
      const message: Message = {
        id: `demo-${Date.now().toString(36)}-${this.replyIndex}`,
        conversation: contact.jid,
        from: contact.jid,
        direction: 'in',
        body: reply,
        timestamp: Date.now(),
        status: 'received',
      };
      this.emit({ type: 'message', message });
    }, this.latencyMs * 2 + Math.min(3000, 40 * reply.length));
  }

  private startAmbientTraffic(): void {
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

  private wait(): Promise<void> {
    if (this.latencyMs === 0) return Promise.resolve();
    return new Promise(resolve => this.later(resolve, this.latencyMs));
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
