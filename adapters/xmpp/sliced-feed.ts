/** Characters of XML given to the parser per task. */
export const PARSE_SLICE_CHARS = 32_768;

/** Runs `task` soon, after other pending work (a fresh macrotask without setTimeout's clamping). */
function defaultSchedule(task: () => void): void {
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      task();
    };
    channel.port2.postMessage(null);
  } else setTimeout(task, 0);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Feeds incoming XML text to a streaming parser in slices of at most `slice` characters, one slice
 * per task, in arrival order. A big frame (a 5,000-contact roster is half a megabyte, about 100 ms
 * to parse) then never holds the main thread in one piece; small frames with nothing queued are
 * parsed at once, as before. `write` is looked up for every slice, as the parser is replaced when
 * the stream restarts.
 */
export function slicedFeed(
  write: (text: string) => void,
  options: { slice?: number; schedule?: (task: () => void) => void } = {},
): (text: string) => void {
  const slice = options.slice ?? PARSE_SLICE_CHARS;
  const schedule = options.schedule ?? defaultSchedule;
  const pending: string[] = [];
  let draining = false;

  const drain = () => {
    const next = pending.shift();
    if (next === undefined) {
      draining = false;
      return;
    }
    write(next);
    schedule(drain);
  };

  return text => {
    if (!draining && text.length <= slice) {
      write(text);
      return;
    }
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + slice, text.length);
      // Never between the two halves of a surrogate pair.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
      pending.push(text.slice(start, end));
      start = end;
    }
    if (!draining) {
      draining = true;
      drain();
    }
  };
}
