/**
 * A store of Natter's: what @stencil/store's `ObservableMap` offers, restated here so that the
 * published declarations need no @stencil/store (its peer dependency would make every app install
 * @stencil/core; the runtime is bundled). `Store<T>` is assignable to it, which the stores'
 * `createStore` calls check.
 */
export interface Store<T> {
  /** The state; a component that reads a key in its render re-renders when that key is set. */
  state: T;
  get<K extends keyof T>(key: K & string): T[K];
  set<K extends keyof T>(key: K & string, value: T[K]): void;
  /** Calls `callback` with each new value of `key`; returns the function that stops it. */
  onChange<K extends keyof T>(key: K, callback: (value: T[K]) => void): () => void;
  on(event: 'set', callback: (key: keyof T, value: any, previous: any) => void): () => void;
  on(event: 'get', callback: (key: keyof T) => void): () => void;
  on(event: 'dispose' | 'reset', callback: () => void): () => void;
  reset(): void;
  dispose(): void;
}

/**
 * Writes a reducer's result into a store key by key. Only keys whose value is a
 * new object are set, so components that read an unchanged key do not re-render.
 */
export function commit<T extends object>(store: Store<T>, previous: T, next: T): void {
  if (previous === next) return;
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (previous[key] !== next[key]) store.set(key, next[key]);
  }
}

/** Reads a store's state as one plain object (in a render, this subscribes to every key read). */
export function read<T extends object>(store: Store<T>, keys: readonly (keyof T & string)[]): T {
  const state = {} as T;
  for (const key of keys) (state as Record<string, unknown>)[key] = store.get(key);
  return state;
}

/**
 * Copy-on-write across the events of one batch. A reducer that changes a collection takes
 * `writable(collection)`: the first time in a batch that is a shallow copy, which the batch then
 * owns, so later events of the batch change it in place. A burst of N events thus copies each
 * collection once, O(N + size) instead of O(N × size), and what a store holds is never changed.
 * A reducer called without one gets a fresh `CopyOnWrite`, so on its own it copies every
 * collection it changes and never mutates its input.
 */
export class CopyOnWrite {
  private readonly owned = new WeakSet<object>();

  writable<T extends object>(value: T): T {
    if (this.owned.has(value)) return value;
    const copy = (Array.isArray(value) ? value.slice() : { ...value }) as T;
    this.owned.add(copy);
    return copy;
  }
}

export type Reducer<T, E> = (state: T, event: E, cow?: CopyOnWrite) => T;

/** Reduces a run of events as one batch; the result equals reducing them one by one. */
export function reduceAll<T, E>(reducer: Reducer<T, E>, state: T, events: readonly E[]): T {
  const cow = new CopyOnWrite();
  return events.reduce((current, event) => reducer(current, event, cow), state);
}

interface Draft {
  store: Store<any>;
  before: object;
  state: object;
}

/**
 * The stores' states while a batch of events is applied: each store is read once, when the
 * batch first touches it; events are reduced into that working state; `commit` then writes
 * each store once (only the keys that changed).
 */
export class StoreBatch {
  readonly cow = new CopyOnWrite();
  private readonly drafts = new Map<Store<any>, Draft>();

  state<T extends object>(store: Store<T>, keys: readonly (keyof T & string)[]): T {
    let draft = this.drafts.get(store);
    if (!draft) {
      const before = read(store, keys);
      draft = { store, before, state: before };
      this.drafts.set(store, draft);
    }
    return draft.state as T;
  }

  /** Replaces a store's working state with `change(state)`; returns whether that changed it. */
  update<T extends object>(store: Store<T>, keys: readonly (keyof T & string)[], change: (state: T) => T): boolean {
    const state = this.state(store, keys);
    const next = change(state);
    this.drafts.get(store)!.state = next;
    return next !== state;
  }

  reduce<T extends object, E>(store: Store<T>, keys: readonly (keyof T & string)[], reducer: Reducer<T, E>, event: E): boolean {
    return this.update(store, keys, state => reducer(state, event, this.cow));
  }

  commit(): void {
    for (const { store, before, state } of this.drafts.values()) commit(store, before, state);
    this.drafts.clear();
  }
}
