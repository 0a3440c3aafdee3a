/**
 * Faults as a user meets them, made by the test itself against a Prosody of this file's own
 * (the shared one serves the other files): Prosody killed and started again by its pid, the
 * network dropped for longer than a stream can be resumed, the page reloaded while offline. Each
 * test asserts what the user sees and what the peer receives: every message exactly once, in order.
 *
 * The page talks to Prosody through a loopback relay (tests/net-proxy.ts) that the test cuts to
 * drop the network; bots talk to Prosody directly.
 */
import { rmSync } from 'node:fs';
import { restartProsody, startProsody, type RunningProsody } from '../prosody/global-setup';
import { startProxy, type NetProxy } from '../net-proxy';
import { connectBot, createAccount, stopAllBots, type Account, type Bot, type Stanza } from '../prosody';
import { APP, TEXT, appPaths, befriendUser, openConversation, openPage, sendFromComposer, submitLogin, texts, waitForElement, waitForText, waitForTextContaining, WAIT_MS } from './support';
import type { E2EPage } from '@stencil/core/testing';

jest.setTimeout(120_000);

const p = appPaths();
/** How long Prosody keeps a dropped stream for resumption (XEP-0198) here: short, so the test outlasts it. */
const RESUMPTION_S = 2;

let server: RunningProsody;
let proxy: NetProxy;
const sharedEnv: Record<string, string | undefined> = {};
const ENV_KEYS = ['NATTER_XMPP_WS', 'NATTER_PROSODY_CONFIG', 'NATTER_PROSODY_PID'] as const;

function useServer(running: RunningProsody) {
  process.env.NATTER_XMPP_WS = running.wsUrl;
  process.env.NATTER_PROSODY_CONFIG = running.config;
  process.env.NATTER_PROSODY_PID = String(running.child.pid);
}

beforeAll(async () => {
  for (const key of ENV_KEYS) sharedEnv[key] = process.env[key];
  // Archives in files: they must outlive a killed Prosody.
  server = await startProsody({ archive: 'internal', resumptionSeconds: RESUMPTION_S });
  useServer(server);
  proxy = await startProxy(server.httpPort);
});

afterAll(async () => {
  await stopAllBots();
  await proxy?.close();
  if (server) {
    await stopByPid(server, 'SIGTERM');
    rmSync(server.dir, { recursive: true, force: true });
  }
  for (const key of ENV_KEYS) {
    if (sharedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = sharedEnv[key];
  }
});

afterEach(async () => {
  await stopAllBots();
  // A test that failed half-way must not leave the next one without its server or its network.
  proxy.restore();
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    server = await restartProsody(server);
    useServer(server);
  }
});

/** Ends our own Prosody by its pid and waits until it is gone. */
async function stopByPid(running: RunningProsody, signal: NodeJS.Signals): Promise<void> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  process.kill(child.pid!, signal);
  await exited;
}

const service = () => `ws://127.0.0.1:${proxy.port}/xmpp-websocket`;
const isChat = (body: string) => (s: Stanza) => s.is('message') && s.getChildText('body') === body;

/** A page signed in through the relay, in a chat with a peer bot who is a mutual contact. */
async function chatThroughRelay(prefix: string, peerName: string) {
  const user = await createAccount(`${prefix}-user`);
  const peerAccount = await createAccount(`${prefix}-peer`);
  const peer = await connectBot(peerAccount);
  await befriendUser(user, peer, peerName);
  const errors: string[] = [];
  const page = await openPage(APP, errors);
  await signInThroughRelay(page, user);
  await openConversation(page, peerAccount.jid, peerName);
  return { user, peer, peerAccount, page, errors };
}

async function signInThroughRelay(page: E2EPage, user: Account) {
  await submitLogin(page, user, { service: service() });
  await waitForText(page, p.status, TEXT['status.online']);
}

/** Messages as the user sees them: body and, for own ones, the state shown under it. */
async function shownMessages(page: E2EPage): Promise<string[]> {
  return page.evaluate((path: string) => {
    const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
    return deep(path).map(el => {
      const root = el.shadowRoot!;
      const body = root.querySelector('[part=body]')?.textContent?.trim() ?? '';
      const own = !!root.querySelector('.own');
      const status = root.querySelector('[part=status]')?.textContent?.trim() ?? '';
      return own ? `me: ${body} (${status})` : `peer: ${body}`;
    });
  }, p.messages);
}

async function waitForShown(page: E2EPage, expected: string[], timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await shownMessages(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`the chat shows\n  ${last.join('\n  ')}\nnot\n  ${expected.join('\n  ')}`);
}

/** Every chat message with a body `bot` has received (and not consumed), in order. */
function bodiesReceived(bot: Bot): string[] {
  return bot.buffered.filter(s => s.is('message') && s.attrs.type === 'chat' && s.getChildText('body') !== null).map(s => s.getChildText('body')!);
}

async function waitForBodies(bot: Bot, expected: string[], timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline && bodiesReceived(bot).length < expected.length) await new Promise(resolve => setTimeout(resolve, 100));
  // A copy sent twice would come right after the first: give it the time to show up.
  await new Promise(resolve => setTimeout(resolve, 1_500));
  expect(bodiesReceived(bot)).toEqual(expected);
}

const sent = (body: string) => `me: ${body} (${TEXT['message.status.sent']})`;
const queued = (body: string) => `me: ${body} (${TEXT['message.status.queued']})`;

describe('faults', () => {
  it('Prosody killed and restarted: what the user typed meanwhile goes once, in order, and what the peer sent meanwhile shows once', async () => {
    const { user, peer, peerAccount, page, errors } = await chatThroughRelay('killed', 'Peer Kim');
    await peer.sendMessage(user.jid, 'before the crash');
    await waitForShown(page, ['peer: before the crash']);
    await sendFromComposer(page, 'reply before');
    await peer.waitFor(isChat('reply before'));
    // Confirmed by the server (its stream management ack) before the crash.
    await waitForShown(page, ['peer: before the crash', sent('reply before')]);

    proxy.cut();
    await stopByPid(server, 'SIGKILL');
    await waitForTextContaining(page, p.status, 'Connection lost');
    await sendFromComposer(page, 'typed while down 1');
    await sendFromComposer(page, 'typed while down 2');
    await page.type(p.composer, 'a draft not sent yet');
    await waitForShown(page, ['peer: before the crash', sent('reply before'), queued('typed while down 1'), queued('typed while down 2')]);

    server = await restartProsody(server);
    useServer(server);
    const peerAgain = await connectBot(peerAccount);
    await peerAgain.sendMessage(user.jid, 'sent while you were away');
    proxy.restore();

    await waitForTextContaining(page, p.status, TEXT['status.backOnline'], WAIT_MS * 3);
    await waitForBodies(peerAgain, ['typed while down 1', 'typed while down 2']);
    const after = await shownMessages(page);
    // The peer's message came while the page was away: it is there once, before or after the queued ones by time.
    expect(after.filter(line => line === 'peer: sent while you were away')).toHaveLength(1);
    expect(after.filter(line => line.startsWith('me: typed while down')).map(line => line.replace(/ \(.*\)$/, ''))).toEqual(['me: typed while down 1', 'me: typed while down 2']);
    expect(after).toHaveLength(5);
    expect(await page.$eval(p.composer, el => (el as HTMLTextAreaElement).value)).toBe('a draft not sent yet');
    expect(errors).toEqual([]);
  });

  it('the network dropped for longer than a stream can be resumed: the catch-up brings what was missed, the outbox sends what was typed', async () => {
    const { user, peer, page, errors } = await chatThroughRelay('dropped', 'Peer Dana');
    await peer.sendMessage(user.jid, 'hello');
    await waitForShown(page, ['peer: hello']);

    proxy.cut();
    await waitForTextContaining(page, p.status, 'Connection lost');
    for (const body of ['missed 1', 'missed 2', 'missed 3']) await peer.sendMessage(user.jid, body);
    await sendFromComposer(page, 'mine while cut 1');
    await sendFromComposer(page, 'mine while cut 2');
    await waitForShown(page, ['peer: hello', queued('mine while cut 1'), queued('mine while cut 2')]);
    // Longer than Prosody keeps the stream: the next session is a fresh one.
    await new Promise(resolve => setTimeout(resolve, (RESUMPTION_S + 2) * 1_000));
    proxy.restore();

    await waitForBodies(peer, ['mine while cut 1', 'mine while cut 2']);
    const after = await shownMessages(page);
    expect(after.filter(line => line.startsWith('peer:'))).toEqual(['peer: hello', 'peer: missed 1', 'peer: missed 2', 'peer: missed 3']);
    expect(after.filter(line => line.startsWith('me:')).map(line => line.replace(/ \(.*\)$/, ''))).toEqual(['me: mine while cut 1', 'me: mine while cut 2']);
    expect(after.filter(line => line.startsWith('me:'))).toEqual([sent('mine while cut 1'), sent('mine while cut 2')]);
    expect(errors).toEqual([]);
  });

  it('a reload while offline keeps the message typed, and the next sign-in sends it once', async () => {
    const { user, peer, peerAccount, page, errors } = await chatThroughRelay('reload', 'Peer Rey');
    proxy.cut();
    await waitForTextContaining(page, p.status, 'Connection lost');
    await sendFromComposer(page, 'typed before the reload');
    await waitForShown(page, [queued('typed before the reload')]);

    // A new document of the same origin, as a reload makes: nothing of the page is left but what it stored.
    await page.close();
    const reloaded = await openPage(APP, errors);
    await waitForElement(reloaded, p.loginInput('jid'));
    proxy.restore();
    await signInThroughRelay(reloaded, user);
    await openConversation(reloaded, peerAccount.jid, 'Peer Rey');

    await waitForBodies(peer, ['typed before the reload']);
    const after = await shownMessages(reloaded);
    expect(after.map(line => line.replace(/ \(.*\)$/, ''))).toEqual(['me: typed before the reload']);
    expect(errors).toEqual([]);
  });
});
