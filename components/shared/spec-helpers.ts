import type { SpecPage } from '@stencil/core/testing';

/** Lets awaited session actions settle (a few macrotask turns), re-rendering after each. */
export async function settle(page: SpecPage, rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await page.waitForChanges();
    await new Promise(resolve => setTimeout(resolve, 0));
  }
  await page.waitForChanges();
}

/**
 * Gives a scrolling element in a spec page the box a browser would lay out (mock-doc lays out
 * nothing): a `viewport` px high window onto its first child, whose `block-size` style is the
 * content height (a VirtualList's container); `scrollTo` moves `scrollTop` and fires `scroll`.
 * Enough for a VirtualList to scroll to an index; a test scrolls like a user with `scrollTop` and a
 * `scroll` event.
 */
export function layOutScroller(element: HTMLElement, viewport = 600): void {
  let top = 0;
  const content = () => parseFloat((element.firstElementChild as HTMLElement | null)?.style.blockSize ?? '') || 0;
  Object.defineProperties(element, {
    clientHeight: { configurable: true, get: () => viewport },
    scrollHeight: { configurable: true, get: () => Math.max(content(), viewport) },
    scrollTop: {
      configurable: true,
      get: () => top,
      set: (value: number) => {
        top = Math.min(Math.max(0, value), Math.max(0, content() - viewport));
      },
    },
    scrollTo: {
      configurable: true,
      value: (options: ScrollToOptions) => {
        element.scrollTop = options.top ?? top;
        element.dispatchEvent(new Event('scroll'));
      },
    },
  });
}
