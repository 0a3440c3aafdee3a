import type { ObservableMap } from '@stencil/store';

/**
 * Writes a reducer's result into a store key by key. Only keys whose value is a
 * new object are set, so components that read an unchanged key do not re-render.
 */
export function commit<T extends object>(store: ObservableMap<T>, previous: T, next: T): void {
  if (previous === next) return;
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (previous[key] !== next[key]) store.set(key, next[key]);
  }
}

/** Reads a store's state as one plain object (in a render, this subscribes to every key read). */
export function read<T extends object>(store: ObservableMap<T>, keys: readonly (keyof T & string)[]): T {
  const state = {} as T;
  for (const key of keys) (state as Record<string, unknown>)[key] = store.get(key);
  return state;
}

/** Runs a pure reducer over a store; returns whether anything changed. */
export function reduceInto<T extends object, E>(
  store: ObservableMap<T>,
  keys: readonly (keyof T & string)[],
  reducer: (state: T, event: E) => T,
  event: E,
): boolean {
  const previous = read(store, keys);
  const next = reducer(previous, event);
  commit(store, previous, next);
  return next !== previous;
}
