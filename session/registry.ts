import type { ChatAdapter } from '../adapters/types';
import { lazyAdapter } from '../adapters/lazy';
import { createSession, type Session } from './session';
import { nearestSessionElement } from './nearest';

export type AdapterKind = 'xmpp' | 'demo';

const elementSessions = new WeakMap<Element, Session>();
let defaultSession: Session | undefined;

/** The adapter's code (the XMPP client, the demo network) is fetched when the session first uses it. */
export function createAdapter(kind: AdapterKind): ChatAdapter {
  return kind === 'demo'
    ? lazyAdapter(() => import('../adapters/demo/demo-adapter').then(module => module.createDemoAdapter()))
    : lazyAdapter(() => import('../adapters/xmpp/xmpp-adapter').then(module => module.createXmppAdapter()), {
        // As the XMPP adapter's default token store decides (adapters/xmpp/token-store.ts), without loading it.
        persistentLogin: typeof indexedDB !== 'undefined',
      });
}

/** The session used by components outside any `<natter-session>`: an XMPP one, made on first use. */
export function getDefaultSession(): Session {
  defaultSession ??= createSession({ adapter: createAdapter('xmpp') });
  return defaultSession;
}

/** Replaces the default session (for example with a demo one); the old one is disposed. */
export function setDefaultSession(session: Session): void {
  if (defaultSession && defaultSession !== session) defaultSession.dispose();
  defaultSession = session;
}

/**
 * The session a `<natter-session>` element provides: the one set on its
 * `session` property, else one made from its `adapter` attribute. Bound to the
 * element, so every descendant, whichever loads first, gets the same one.
 */
export function sessionOfElement(host: Element): Session {
  const assigned = (host as Element & { session?: Session }).session;
  const bound = elementSessions.get(host);
  if (assigned && assigned !== bound) {
    elementSessions.set(host, assigned);
    return assigned;
  }
  if (bound) return bound;
  const kind = host.getAttribute('adapter') === 'demo' ? 'demo' : 'xmpp';
  const created = createSession({ adapter: createAdapter(kind) });
  elementSessions.set(host, created);
  return created;
}

/** Finds a component's session: its own `session` property, then the nearest `<natter-session>`, then the default. */
export function resolveSession(element: Element, explicit?: Session): Session {
  if (explicit) return explicit;
  const host = nearestSessionElement(element);
  return host ? sessionOfElement(host) : getDefaultSession();
}
