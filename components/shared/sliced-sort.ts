/**
 * Sorts in slices of main-thread time, yielding between them, so a sort that takes longer than a
 * frame (5,000 roster names through `Intl.Collator`, some 60,000 comparisons) is not one long
 * task. A stable bottom-up merge sort: the result is the order `Array.prototype.sort` gives with
 * the same comparator.
 */
export interface SliceOptions {
  /** Main-thread time (ms) a slice may take before it yields (default 8). */
  budgetMs?: number;
  /** The clock (ms); for tests. */
  now?: () => number;
  /** Lets the page run before the next slice; for tests. */
  yieldToPage?: () => Promise<void>;
}

/** Runs of this length are sorted first, each at once; then the runs are merged. */
const RUN = 32;
/** Comparisons between two looks at the clock. */
const CHECK_EVERY = 256;

export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, options: SliceOptions = {}): Promise<T[]> {
  const { budgetMs = 8, now = defaultNow, yieldToPage = nextTask } = options;
  let source = items.slice();
  let deadline = now() + budgetMs;
  const pause = async () => {
    await yieldToPage();
    deadline = now() + budgetMs;
  };
  for (let start = 0; start < source.length; start += RUN) {
    if (now() >= deadline) await pause();
    const run = source.slice(start, start + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) source[start + i] = run[i];
  }
  let target = new Array<T>(source.length);
  for (let width = RUN; width < source.length; width *= 2) {
    for (let left = 0; left < source.length; left += 2 * width) {
      const middle = Math.min(left + width, source.length);
      const right = Math.min(left + 2 * width, source.length);
      let i = left;
      let j = middle;
      let k = left;
      let count = 0;
      while (i < middle && j < right) {
        // The left run wins ties: stable.
        target[k++] = compare(source[j], source[i]) < 0 ? source[j++] : source[i++];
        if (++count === CHECK_EVERY) {
          count = 0;
          if (now() >= deadline) await pause();
        }
      }
      while (i < middle) target[k++] = source[i++];
      while (j < right) target[k++] = source[j++];
    }
    [source, target] = [target, source];
  }
  return source;
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Resolves in a later task (the page runs in between): a MessageChannel message where there is one (no 4 ms clamp of nested timers). */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise(resolve => setTimeout(resolve, 0));
  return new Promise(resolve => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
