import type { AdapterEvent, AdapterListener, ChatAdapter } from './types';

/**
 * A `ChatAdapter` whose code is loaded on first use (a dynamic `import()`), so a
 * page shows its sign-in form without downloading the XMPP client first. Every
 * contract method but `subscribe` returns a promise, so each call simply waits
 * for the real adapter; listeners subscribed before it exists get its events.
 * The adapter's data properties cannot wait: those a page reads before the
 * first call (`persistentLogin`, to show "Stay signed in") are given in `known`.
 */
export function lazyAdapter(load: () => Promise<ChatAdapter>, known: Pick<ChatAdapter, 'persistentLogin'> = {}): ChatAdapter {
  const listeners = new Set<AdapterListener>();
  let loading: Promise<ChatAdapter> | undefined;
  const real = () =>
    (loading ??= load().then(
      adapter => {
        adapter.subscribe((event: AdapterEvent) => {
          for (const listener of listeners) listener(event);
        });
        return adapter;
      },
      error => {
        loading = undefined; // a chunk that failed to download is asked for again on the next call
        throw error;
      },
    ));
  const subscribe = (listener: AdapterListener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return new Proxy({} as ChatAdapter, {
    get(_target, name) {
      if (name === 'subscribe') return subscribe;
      if (name === 'persistentLogin') return known.persistentLogin;
      // Not a thenable: `await adapter` must not take it for a promise.
      if (name === 'then' || typeof name === 'symbol') return undefined;
      return (...args: unknown[]) => real().then(adapter => (adapter as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args));
    },
  });
}
