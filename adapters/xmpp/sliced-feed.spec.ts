import { slicedFeed } from './sliced-feed';

describe('slicedFeed', () => {
  function harness(slice: number) {
    const written: string[] = [];
    const tasks: (() => void)[] = [];
    const feed = slicedFeed(text => written.push(text), { slice, schedule: task => tasks.push(task) });
    const runTasks = () => {
      while (tasks.length > 0) tasks.shift()!();
    };
    return { feed, written, tasks, runTasks };
  }

  it('parses a small frame at once', () => {
    const { feed, written, tasks } = harness(10);
    feed('<a/>');
    expect(written).toEqual(['<a/>']);
    expect(tasks).toHaveLength(0);
  });

  it('gives a big frame to the parser one slice per task, and queues what arrives meanwhile behind it', () => {
    const { feed, written, tasks, runTasks } = harness(4);
    feed('<iq>0123456789</iq>');
    expect(written).toEqual(['<iq>']); // the first slice now, the rest in later tasks
    expect(tasks).toHaveLength(1);
    feed('<a/>'); // small, but must not overtake the rest of the big frame
    runTasks();
    expect(written.join('')).toBe('<iq>0123456789</iq><a/>');
    expect(written.slice(0, -1).every(part => part.length <= 4)).toBe(true);
    feed('<b/>');
    expect(written[written.length - 1]).toBe('<b/>'); // drained: small frames are immediate again
  });

  it('never splits a surrogate pair', () => {
    const { feed, written, runTasks } = harness(3);
    feed('ab😀cd😀');
    runTasks();
    expect(written.join('')).toBe('ab😀cd😀');
    for (const part of written) expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
  });
});
