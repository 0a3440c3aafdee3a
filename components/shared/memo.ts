/**
 * `compute`, remembered for its last arguments (compared with ===). Stores
 * replace a value when it changes, so a list derived from store values is
 * rebuilt when the store writes, not on every render (a scroll, a keystroke).
 */
export function memoLast<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((arg, index) => arg === args[index])) return last.result;
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}
