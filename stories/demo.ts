// Stories take the session and the demo network from the custom-elements build the preview
// registers: each build has its own store instance, and components re-render only for stores of
// their own build (the lazy build and the custom-elements build each bundle @stencil/store).
import { createDemoAdapter, createSession } from '../dist/components/index.js';
import type { Contact, DemoAdapter, DemoAdapterOptions, Message, Session } from '../dist/components/index.js';

export type { DemoAdapter, Session };

export const DEMO_USER = 'me@demo.natter.chat';
export const ALICE = 'alice@demo.natter.chat';
export const CAROL = 'carol@demo.natter.chat';
export const LOUNGE = 'lounge@rooms.demo.natter.chat';

/**
 * The demo network answers after 300 ms, as a real server might. The axe sweep (tests/storybook)
 * sets `window.natterStoryLatency = 0` before a story loads so that it checks each story's settled
 * state without waiting; stalled and failing requests stay so.
 */
function storyLatency(): number {
  const override = (globalThis as { natterStoryLatency?: number }).natterStoryLatency;
  return typeof override === 'number' ? override : 300;
}

export interface StorySessionOptions extends DemoAdapterOptions {
  /**
   * `before` (default): sign in, then show the content (connected).
   * `during`: show the content at once while signing in (loading; with `stall: ['connect']` it stays so).
   * `never`: show the content signed out.
   */
  signIn?: 'before' | 'during' | 'never';
  /** Password used to sign in; the demo network refuses "wrong". */
  password?: string;
  /** Block size of the box the content fills (lists and the chatbox scroll inside it). */
  height?: string;
  /** The `locale` attribute of the `<natter-session>` (its strings, `lang` and `dir`). */
  locale?: string;
}

/**
 * A `<natter-session>` with a demo session of its own, so no story shares state with another
 * (the preview disposes it when the story goes away). `build` makes the content; it gets the
 * session and its network, to play events as a server would.
 */
export function inDemoSession(build: (session: Session, adapter: DemoAdapter) => Node, options: StorySessionOptions = {}): HTMLElement {
  const { signIn = 'before', password = 'secret', height = '32rem', locale, ...network } = options;
  const adapter = createDemoAdapter({ latencyMs: storyLatency(), ambient: true, replies: true, ...network });
  const session = createSession({ adapter });
  const host = document.createElement('natter-session') as HTMLElement & { session: Session };
  host.session = session;
  if (locale) host.setAttribute('locale', locale);
  // <natter-session> is display: contents; this box gives lists and the chatbox a height to scroll in.
  const box = document.createElement('div');
  box.style.cssText = `display: grid; grid-template-rows: minmax(0, 1fr); block-size: ${height}`;
  host.append(box);
  const show = () => box.append(build(session, adapter));
  const login = () => session.actions.login({ jid: DEMO_USER, password });
  if (signIn === 'before') void login().then(show, show);
  else {
    show();
    if (signIn === 'during') void login().catch(() => undefined);
  }
  return host;
}

/** An element with attributes, for stories that build the DOM by hand. */
export function element(tag: string, attributes: Record<string, string> = {}, ...children: (string | Node)[]): HTMLElement {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

/** Runs `then` once the session is in `room` (the demo session joins the lounge on sign-in). */
export function whenJoined(session: Session, room: string, then: () => void): void {
  const store = session.conversation(room);
  if (store.get('room')?.status === 'joined') {
    then();
    return;
  }
  const stop = store.onChange('room', state => {
    if (state?.status !== 'joined') return;
    stop();
    then();
  });
}

/** `count` contacts in three groups and none, every fifth online. */
export function manyContacts(count: number): Contact[] {
  const groups = [['Work'], ['Friends'], ['Family'], []];
  return Array.from({ length: count }, (_, index) => {
    const number = String(index).padStart(4, '0');
    return { jid: `contact${number}@demo.natter.chat`, name: `Contact ${number}`, groups: groups[index % groups.length], subscription: 'both' as const, pendingOut: false };
  });
}

/**
 * Puts contacts on the roster as the server would, every fifth of them online. Through the
 * adapter, so the session applies them in batches per frame as it does with a real server
 * (`session.dispatch` applies each event at once: thousands would block the page).
 */
export function playRoster(adapter: DemoAdapter, contacts: Contact[]): void {
  adapter.emit({ type: 'roster', contacts });
  contacts.forEach((contact, index) => {
    if (index % 5 === 0) adapter.emit({ type: 'presence', jid: contact.jid, resource: 'web', presence: { show: 'online', priority: 0 } });
  });
}

/** A message from `from` (a contact, or `room/nick`) as the server would deliver it. */
export function incoming(conversation: string, from: string, body: string, minutesAgo = 0, nick?: string): Message {
  const id = `story-${Math.random().toString(36).slice(2, 10)}`;
  return { id, stanzaId: id, conversation, from, nick, direction: 'in', body, timestamp: Date.now() - minutesAgo * 60_000, status: 'received' };
}

/** Text long enough to wrap and scroll: a sentence repeated, with an unbroken address in it. */
export const LONG_TEXT =
  'This message is long on purpose, to show how text wraps in narrow columns and how a very long unbroken address such as ' +
  'https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/space/to/break/it/at/all ' +
  'is kept inside its bubble. '.repeat(1) +
  'It goes on for a few more lines: the quick brown fox jumps over the lazy dog, again and again, until the reader scrolls. '.repeat(3);

/** Arabic text for right-to-left stories. */
export const ARABIC = {
  name: 'ليلى حداد',
  status: 'في اجتماع حتى الظهر',
  message: 'مرحبا! هل أنت متاح للاجتماع غدا؟',
};

/**
 * Waits for `selector` in the shadow root of the first `tag` under `root`, for play functions that
 * open a panel the way a user would (content appears once the demo session has signed in).
 */
export async function inShadow<T extends Element = HTMLElement>(root: Element, tag: string, selector: string, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = root.querySelector(tag)?.shadowRoot?.querySelector<T>(selector);
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`${tag} ${selector} did not appear within ${timeoutMs} ms`);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/**
 * A short tone as a WAV blob URL (`seconds` long, 8 kHz mono), so audio stories play something
 * without fetching a file.
 */
export function toneUrl(seconds = 2): string {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const view = new DataView(new ArrayBuffer(44 + samples));
  const text = (at: number, value: string) => [...value].forEach((char, index) => view.setUint8(at + index, char.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let index = 0; index < samples; index++) view.setUint8(44 + index, 128 + Math.round(40 * Math.sin((2 * Math.PI * 440 * index) / rate)));
  return URL.createObjectURL(new Blob([view], { type: 'audio/wav' }));
}
