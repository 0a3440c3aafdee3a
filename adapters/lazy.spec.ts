import { lazyAdapter } from './lazy';
import type { AdapterEvent, AdapterListener, ChatAdapter } from './types';

/** A stand-in adapter that records calls and lets the test emit events. */
function fakeAdapter() {
  const listeners = new Set<AdapterListener>();
  const calls: string[] = [];
  const adapter = {
    subscribe(listener: AdapterListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async connect() {
      calls.push('connect');
    },
    async sendMessage(to: string, body: string) {
      calls.push(`send ${to} ${body}`);
    },
  } as unknown as ChatAdapter;
  const emit = (event: AdapterEvent) => listeners.forEach(listener => listener(event));
  return { adapter, calls, emit };
}

describe('lazyAdapter', () => {
  it('loads the adapter on the first call, once, and passes calls through in order', async () => {
    const fake = fakeAdapter();
    const load = jest.fn(async () => fake.adapter);
    const lazy = lazyAdapter(load);
    expect(load).not.toHaveBeenCalled();
    await Promise.all([lazy.connect({ jid: 'a@b', password: '' }), lazy.sendMessage('c@d', 'hi', 'id1')]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(fake.calls).toEqual(['connect', 'send c@d hi']);
  });

  it('gives listeners subscribed before the load the events of the loaded adapter, until they unsubscribe', async () => {
    const fake = fakeAdapter();
    const lazy = lazyAdapter(async () => fake.adapter);
    const seen: string[] = [];
    const unsubscribe = lazy.subscribe(event => seen.push(event.type));
    await lazy.connect({ jid: 'a@b', password: '' });
    fake.emit({ type: 'connection', status: 'online' });
    unsubscribe();
    fake.emit({ type: 'connection', status: 'offline' });
    expect(seen).toEqual(['connection']);
  });

  it('is not taken for a promise; a failed load rejects the call and the next call loads again', async () => {
    const fake = fakeAdapter();
    let attempts = 0;
    const lazy = lazyAdapter(async () => {
      if (++attempts === 1) throw new Error('chunk failed to load');
      return fake.adapter;
    });
    expect((lazy as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(lazy.connect({ jid: 'a@b', password: '' })).rejects.toThrow('chunk failed to load');
    await lazy.connect({ jid: 'a@b', password: '' });
    expect(fake.calls).toEqual(['connect']);
  });

  it('answers persistentLogin from what it was told, before loading anything (the sign-in form reads it first)', () => {
    const load = jest.fn(async () => fakeAdapter().adapter);
    expect(lazyAdapter(load, { persistentLogin: true }).persistentLogin).toBe(true);
    expect(lazyAdapter(load).persistentLogin).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
  });
});
