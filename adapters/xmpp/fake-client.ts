/**
 * A fake `@xmpp/client` for the adapter's specs (xmpp-adapter.spec.ts, rooms.spec.ts): records what
 * is sent, answers IQs through a `responder`, delivers incoming stanzas with `receive()` and runs
 * incoming IQ requests through the registered callee handlers with `request()`.
 */
import type { IqCalleeContext, XmppClient, XmppClientOptions } from './client';
import { stanza } from './spec-helpers';
import { xml, type XmlElement } from './xml';

type Fn = (...args: any[]) => void;

export class FakeEmitter {
  private listeners = new Map<string, Fn[]>();
  on(event: string, fn: Fn) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  prependListener(event: string, fn: Fn) {
    this.listeners.set(event, [fn, ...(this.listeners.get(event) ?? [])]);
    return this;
  }
  removeListener(event: string, fn: Fn) {
    const list = this.listeners.get(event) ?? [];
    const i = list.indexOf(fn);
    if (i !== -1) list.splice(i, 1);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
  count(event: string) {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export const OWN = 'juliet@capulet.lit';
export const FULL = 'juliet@capulet.lit/balcony';
export const ROMEO = 'romeo@montague.lit';

export type Responder = (iq: XmlElement, client: FakeClient) => XmlElement | Error | Promise<XmlElement | Error>;

export function result(iq: XmlElement, ...children: XmlElement[]): XmlElement {
  return stanza(xml('iq', { type: 'result', id: iq.attrs.id, from: iq.attrs.to }, ...children).toString());
}

export function stanzaError(condition: string): Error {
  return Object.assign(new Error(condition), { name: 'StanzaError', condition });
}

export const defaultResponder: Responder = (iq) => {
  const q = iq.getChildElements()[0];
  if (q?.is('query', 'jabber:iq:roster') && iq.attrs.type === 'get') {
    return result(iq, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: ROMEO, subscription: 'both', name: 'Romeo' })));
  }
  if (q?.is('query', 'http://jabber.org/protocol/disco#info')) {
    const features = iq.attrs.to === 'capulet.lit' ? ['urn:xmpp:carbons:2'] : ['urn:xmpp:mam:2'];
    return result(iq, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, ...features.map((v) => xml('feature', { var: v }))));
  }
  if (q?.is('query', 'urn:xmpp:mam:2')) {
    return result(iq, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' }));
  }
  return result(iq);
};

export class FakeClient extends FakeEmitter implements XmppClient {
  status = 'offline';
  jid: { toString(): string } | null = null;
  secure = true;
  sent: XmlElement[] = [];
  stops = 0;
  responder: Responder = defaultResponder;
  callee: { type: 'get' | 'set'; ns: string; name: string; handler: (ctx: IqCalleeContext) => unknown }[] = [];
  reconnect = Object.assign(new FakeEmitter(), {
    delay: 1000,
    running: true,
    start: () => {
      this.reconnect.running = true;
    },
    stop: () => {
      this.reconnect.running = false;
    },
  });
  streamManagement = Object.assign(new FakeEmitter(), { enabled: false, id: '', inbound: 0 });
  saslFactory = { _mechs: [{ name: 'SCRAM-SHA-1' }, { name: 'PLAIN' }, { name: 'ANONYMOUS' }] };
  /** What start() does; by default: socket open, then online. */
  startImpl: () => Promise<unknown> = async () => {
    this.setStatus('connecting');
    this.setStatus('connect');
    this.goOnline();
  };

  constructor(readonly options: XmppClientOptions) {
    super();
  }

  setStatus(status: string) {
    this.status = status;
    this.emit('status', status);
    this.emit(status);
  }
  goOnline(jid = FULL) {
    this.jid = { toString: () => jid };
    this.setStatus('online');
  }
  start() {
    return this.startImpl();
  }
  async stop() {
    this.stops++;
    this.status = 'offline';
  }
  async send(el: XmlElement) {
    this.sent.push(el);
  }
  isSecure() {
    return this.secure;
  }
  iqCaller: XmppClient['iqCaller'] = {
    request: async (el: XmlElement) => {
      this.sent.push(el);
      const answer = await this.responder(el, this);
      if (answer instanceof Error) throw answer;
      this.receive(answer);
      return answer;
    },
  };
  iqCallee = {
    get: (ns: string, name: string, handler: (ctx: IqCalleeContext) => unknown) => this.callee.push({ type: 'get', ns, name, handler }),
    set: (ns: string, name: string, handler: (ctx: IqCalleeContext) => unknown) => this.callee.push({ type: 'set', ns, name, handler }),
  };
  /** Delivers an incoming stanza the way @xmpp/connection does. */
  receive(el: XmlElement) {
    this.emit('element', el);
    this.emit(['iq', 'message', 'presence'].includes(el.name) ? 'stanza' : 'nonza', el);
  }
  /** Runs an incoming IQ request through the registered callee handlers. */
  request(el: XmlElement): unknown {
    const child = el.getChildElements()[0];
    const h = this.callee.find((c) => c.type === el.attrs.type && child?.is(c.name, c.ns));
    return h ? h.handler({ stanza: el, element: child }) : undefined;
  }
  sentNames(): string[] {
    return this.sent.map((s) => {
      const c = s.getChildElements()[0];
      return `${s.name}${s.attrs.type ? `:${s.attrs.type}` : ''}${c ? `/${c.name}` : ''}`;
    });
  }
}
