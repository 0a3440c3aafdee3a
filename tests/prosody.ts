/**
 * Helpers for tests that talk to the real Prosody started by tests/prosody/global-setup.ts:
 * where it is, throwaway accounts, and "bots" (second parties driven by @xmpp/client in Node).
 *
 *   const alice = await createAccount('alice');
 *   const bot = await connectBot(alice);
 *   await bot.sendMessage(bob.jid, 'hi');
 *   const reply = await bot.waitFor(s => s.is('message') && s.getChildText('body') === 'hello');
 *   await bot.stop();
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { client, xml, type Client } from '@xmpp/client';
import { driveFast, type LibraryFast, type XmppClient } from '../adapters/xmpp/client';

export type Stanza = ReturnType<typeof xml>;

export interface ProsodyInfo {
  /** ws://127.0.0.1:<port>/xmpp-websocket */
  wsUrl: string;
  /** XMPP domain of the only VirtualHost: "localhost" */
  domain: string;
  /** MUC service: conference.<domain> */
  mucDomain: string;
  /** A VirtualHost with SASL ANONYMOUS logins ("anon.localhost"), whose users may join rooms on mucDomain */
  anonDomain: string;
  /** A VirtualHost whose accounts keep SCRAM-SHA-256 keys ("sha256.localhost"): it offers SCRAM-SHA-256, not SCRAM-SHA-1 */
  scram256Domain: string;
  /** The XEP-0363 upload service ("upload.localhost"); its URLs are on the loopback HTTP port */
  uploadDomain: string;
  /** The upload service's size limit in bytes */
  uploadLimit: number;
}

export interface Account {
  /** bare JID, local@domain */
  jid: string;
  local: string;
  password: string;
}

export interface Bot {
  readonly account: Account;
  /** full JID bound by the server */
  readonly jid: string;
  /** the underlying @xmpp/client instance, for anything the helpers do not cover */
  readonly xmpp: Client;
  send(el: Stanza): Promise<void>;
  /** sends <message type="chat"> with a body; resolves with the sent stanza (it carries an id) */
  sendMessage(to: string, body: string, type?: 'chat' | 'normal' | 'groupchat'): Promise<Stanza>;
  /** an IQ request; resolves with the result stanza, rejects on type="error" or timeout */
  iq(el: Stanza, timeoutMs?: number): Promise<Stanza>;
  /**
   * The first incoming stanza (message, presence or iq) matching `predicate`, including ones
   * received before this call that no earlier waitFor consumed. A returned stanza is consumed.
   */
  waitFor(predicate: (s: Stanza) => boolean, timeoutMs?: number): Promise<Stanza>;
  /** all stanzas received so far and not consumed by waitFor */
  readonly buffered: readonly Stanza[];
  presence(type?: 'unavailable' | 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed', to?: string): Promise<void>;
  subscribe(to: string): Promise<void>;
  approve(jid: string): Promise<void>;
  stop(): Promise<void>;
}

export interface BotOptions {
  resource?: string;
  /** send the initial presence once online (after stream management is enabled). Default true. */
  initialPresence?: boolean;
  /** ms to wait for the session to be online. Default 10000. */
  timeoutMs?: number;
}

const PROSODYCTL = '/usr/bin/prosodyctl';
// Generous: on a loaded 2-core CI machine a page can take seconds to get a message out.
const DEFAULT_WAIT_MS = 10_000;
const SM_NS = 'urn:xmpp:sm:3';
const live = new Set<Bot>();

export function prosody(): ProsodyInfo {
  const wsUrl = process.env.NATTER_XMPP_WS;
  const domain = process.env.NATTER_XMPP_DOMAIN;
  if (!wsUrl || !domain) {
    throw new Error(
      'No Prosody for this test run: NATTER_XMPP_WS / NATTER_XMPP_DOMAIN are not set. ' +
        'They are set by tests/prosody/global-setup.ts, which stencil.config.ts wires as testing.globalSetup; ' +
        'run the tests with `npm test` or `npx stencil test --spec`.',
    );
  }
  return {
    wsUrl,
    domain,
    mucDomain: `conference.${domain}`,
    anonDomain: process.env.NATTER_XMPP_ANON_DOMAIN ?? `anon.${domain}`,
    scram256Domain: process.env.NATTER_XMPP_SCRAM256_DOMAIN ?? `sha256.${domain}`,
    uploadDomain: process.env.NATTER_XMPP_UPLOAD_DOMAIN ?? `upload.${domain}`,
    uploadLimit: Number(process.env.NATTER_XMPP_UPLOAD_LIMIT ?? 1_000_000),
  };
}

function prosodyConfig(): string {
  const cfg = process.env.NATTER_PROSODY_CONFIG;
  if (!cfg) throw new Error('NATTER_PROSODY_CONFIG is not set (see prosody() for how the test Prosody is started).');
  return cfg;
}

export function randomId(bytes = 4): string {
  return randomBytes(bytes).toString('hex');
}

export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

/** Registers a fresh account `${prefix}-${random}@domain` with prosodyctl (about 60 ms), on `options.domain` if given. */
export async function createAccount(prefix: string, options: { domain?: string } = {}): Promise<Account> {
  const { domain = prosody().domain } = options;
  const local = `${prefix}-${randomId()}`.toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(local)) throw new Error(`createAccount: unusable prefix ${JSON.stringify(prefix)}`);
  const password = `pw-${randomId(8)}`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      PROSODYCTL,
      ['--config', prosodyConfig(), 'register', local, domain, password],
      { timeout: 15_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`prosodyctl register ${local} ${domain} failed: ${err.message}\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });
  return { jid: `${local}@${domain}`, local, password };
}

/** Logs `account` in over the test websocket (SASL PLAIN: fast) and returns a bot driving it. */
export async function connectBot(account: Account, options: BotOptions = {}): Promise<Bot> {
  const { wsUrl, domain } = prosody();
  const { resource = `bot-${randomId(3)}`, initialPresence = true, timeoutMs = 10_000 } = options;
  const xmpp = client({
    service: wsUrl,
    domain,
    resource,
    // PLAIN over loopback: SCRAM-SHA-1 costs ~0.5 s of key derivation per login.
    credentials: async (authenticate, mechanisms) => {
      if (!mechanisms.includes('PLAIN')) throw new Error(`server offers no SASL PLAIN (${mechanisms.join(', ')})`);
      await authenticate({ username: account.local, password: account.password }, 'PLAIN', xml('user-agent', { id: randomId(8) }));
    },
  });
  xmpp.reconnect.stop(); // a bot that lost its stream stays down; tests see it instead of a silent retry
  // No Bind2 (XEP-0386) and no FAST: a bot binds the resource it names (tests address it), and
  // the stream-management wait below keys on the RFC 6120 <bind/> feature.
  const fast = (xmpp as unknown as { fast?: LibraryFast }).fast;
  if (fast) driveFast(xmpp as unknown as XmppClient, fast, undefined, false);

  // Stream management (XEP-0198): xmpp.start() resolves once the resource is bound, and the
  // server's <enabled/> can still be on its way. A stanza sent before @xmpp/stream-management
  // handled <enabled/> is counted differently by the two ends (the client resets its inbound
  // counter after the server's echo of it), and Prosody later closes the stream with "Client
  // acknowledged less stanzas than already acknowledged". So wait for <enabled/> (or <failed/>)
  // when the server offered SM, before the first stanza.
  let smOffered = false;
  let smSettle: () => void = () => undefined;
  const smSettled = new Promise<void>(resolve => (smSettle = resolve));
  xmpp.on('nonza', (el: Stanza) => {
    if (el.is('features', 'http://etherx.jabber.org/streams') && el.getChild('bind', 'urn:ietf:params:xml:ns:xmpp-bind')) {
      smOffered = !!el.getChild('sm', SM_NS);
    } else if ((el.name === 'enabled' || el.name === 'failed') && el.attrs.xmlns === SM_NS) {
      // stream-management's own handler for this element runs in a microtask; let it go first.
      setTimeout(smSettle, 0);
    }
  });

  const buffer: Stanza[] = [];
  const errors: Error[] = [];
  const waiters = new Set<{ predicate: (s: Stanza) => boolean; resolve: (s: Stanza) => void }>();
  xmpp.on('error', (err: Error) => errors.push(err));
  xmpp.on('stanza', (stanza: Stanza) => {
    for (const w of waiters) {
      let hit = false;
      try {
        hit = w.predicate(stanza);
      } catch {
        hit = false;
      }
      if (hit) {
        waiters.delete(w);
        w.resolve(stanza);
        return;
      }
    }
    buffer.push(stanza);
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      xmpp.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (smOffered) {
      await Promise.race([
        smSettled,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no stream management <enabled/> within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    }
  } catch (e) {
    xmpp.stop().catch(() => undefined);
    throw new Error(`connectBot(${account.jid}) failed: ${(e as Error).message}${errors.length ? ` (${errors.map(x => x.message).join('; ')})` : ''}`);
  } finally {
    clearTimeout(timer);
  }

  const send = (el: Stanza) => xmpp.send(el);
  const presence: Bot['presence'] = (type, to) => send(xml('presence', { ...(type && { type }), ...(to && { to }) }));

  const bot: Bot = {
    account,
    jid: String(xmpp.jid),
    xmpp,
    get buffered() {
      return buffer;
    },
    send,
    async sendMessage(to, body, type = 'chat') {
      const msg = xml('message', { to, type, id: `bot-${randomId()}` }, xml('body', {}, body));
      await send(msg);
      return msg;
    },
    iq(el, timeoutMs2 = DEFAULT_WAIT_MS) {
      return xmpp.iqCaller.request(el, timeoutMs2);
    },
    waitFor(predicate, timeoutMs2 = DEFAULT_WAIT_MS) {
      const i = buffer.findIndex(s => {
        try {
          return predicate(s);
        } catch {
          return false;
        }
      });
      if (i !== -1) return Promise.resolve(buffer.splice(i, 1)[0]);
      return new Promise<Stanza>((resolve, reject) => {
        const w = {
          predicate,
          resolve: (s: Stanza) => {
            clearTimeout(t);
            resolve(s);
          },
        };
        const t = setTimeout(() => {
          waiters.delete(w);
          const recent = buffer.slice(-5).map(s => s.toString()).join('\n  ');
          reject(
            new Error(
              `${bot.jid}: no matching stanza within ${timeoutMs2} ms (status ${xmpp.status}).` +
                `${errors.length ? ` Errors: ${errors.map(x => x.message).join('; ')}.` : ''}` +
                `\nLast unconsumed stanzas:\n  ${recent || '(none)'}`,
            ),
          );
        }, timeoutMs2);
        waiters.add(w);
      });
    },
    presence,
    subscribe: to => presence('subscribe', bareJid(to)),
    approve: jid => presence('subscribed', bareJid(jid)),
    async stop() {
      live.delete(bot);
      if (xmpp.status === 'offline') return;
      await xmpp.stop().catch(() => undefined);
    },
  };
  live.add(bot);

  // Stream management is enabled by now (see smSettled above), so presence is counted correctly by both ends.
  if (initialPresence) await presence();
  return bot;
}

/** Stops every bot not stopped yet (for afterAll). */
export async function stopAllBots(): Promise<void> {
  await Promise.all([...live].map(b => b.stop()));
}

// ------------------------------------------------------------------------------------------------
// Rooms (XEP-0045) on prosody().mucDomain, driven by a bot.

const MUC_NS = 'http://jabber.org/protocol/muc';
const MUC_USER_NS = 'http://jabber.org/protocol/muc#user';
const MUC_OWNER_NS = 'http://jabber.org/protocol/muc#owner';

/** A fresh room address on the test MUC service: `${prefix}-${random}@conference.localhost`. */
export function roomJid(prefix = 'room'): string {
  return `${prefix}-${randomId()}@${prosody().mucDomain}`.toLowerCase();
}

/** Status codes of a room presence (`<x xmlns="…muc#user"><status code/>`). */
export function mucStatusCodes(presence: Stanza): string[] {
  const x = presence.getChild('x', MUC_USER_NS);
  return x ? x.getChildren('status').map((s: Stanza) => String(s.attrs.code)) : [];
}

export interface BotJoinOptions {
  password?: string;
  /**
   * Only for a room the bot creates (status 201): `muc#roomconfig` fields to submit, e.g.
   * `{ 'muc#roomconfig_membersonly': '1' }`. Without it the room is accepted as an instant room.
   */
  config?: Record<string, string | string[]>;
  /** Discussion history to ask for (default none). */
  maxStanzas?: number;
}

/**
 * The bot joins `room` as `nick` (creating it if needed, then configuring it as `config` says)
 * and resolves with its self-presence; rejects with the room's error condition.
 */
export async function botJoinRoom(bot: Bot, room: string, nick: string, options: BotJoinOptions = {}): Promise<Stanza> {
  const to = `${room}/${nick}`;
  // Earlier presences from that occupant JID (a previous visit) must not be taken for the answer.
  const buffer = bot.buffered as Stanza[];
  for (let i = buffer.length - 1; i >= 0; i--) if (buffer[i].is('presence') && buffer[i].attrs.from === to) buffer.splice(i, 1);
  const x = xml('x', { xmlns: MUC_NS }, xml('history', { maxstanzas: String(options.maxStanzas ?? 0) }));
  if (options.password !== undefined) x.append(xml('password', {}, options.password));
  await bot.send(xml('presence', { to }, x));
  const answer = await bot.waitFor(
    s => s.is('presence') && s.attrs.from === to && (s.attrs.type === 'error' || (!s.attrs.type && mucStatusCodes(s).includes('110'))),
  );
  if (answer.attrs.type === 'error') {
    const condition = answer.getChild('error')?.getChildElements().find((c: Stanza) => c.name !== 'text')?.name;
    throw new Error(condition ?? 'error');
  }
  if (mucStatusCodes(answer).includes('201')) await botConfigureRoom(bot, room, options.config ?? {});
  return answer;
}

/** Submits `muc#roomconfig` fields (an empty object accepts the defaults: an instant room). */
export async function botConfigureRoom(bot: Bot, room: string, fields: Record<string, string | string[]>): Promise<void> {
  const form = xml('x', { xmlns: 'jabber:x:data', type: 'submit' });
  if (Object.keys(fields).length) {
    form.append(xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig')));
    for (const [name, value] of Object.entries(fields)) {
      form.append(xml('field', { var: name }, ...(Array.isArray(value) ? value : [value]).map(v => xml('value', {}, v))));
    }
  }
  await bot.iq(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER_NS }, form)));
}

/** A muc#admin change by the bot: `{ nick, role }` or `{ jid, affiliation }`. */
export async function botAdmin(bot: Bot, room: string, item: { nick: string; role: string } | { jid: string; affiliation: string }, reason?: string): Promise<void> {
  const el = xml('item', item as Record<string, string>);
  if (reason) el.append(xml('reason', {}, reason));
  await bot.iq(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, el)));
}

/** The bot leaves the room and waits for its own unavailable presence. */
/** The bot publishes `item` to its PEP node `node`, readable by anyone (pubsub#access_model open). */
export async function botPublish(bot: Bot, node: string, item: ReturnType<typeof xml>): Promise<void> {
  const options = xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'http://jabber.org/protocol/pubsub#publish-options')),
      xml('field', { var: 'pubsub#access_model' }, xml('value', {}, 'open')),
    ),
  );
  await bot.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('publish', { node }, item), options)));
}

export async function botLeaveRoom(bot: Bot, room: string, nick: string): Promise<void> {
  const to = `${room}/${nick}`;
  await bot.send(xml('presence', { to, type: 'unavailable' }));
  await bot.waitFor(s => s.is('presence') && s.attrs.from === to && s.attrs.type === 'unavailable');
}
