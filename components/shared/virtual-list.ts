import { forceUpdate } from '@stencil/core';
import {
  Virtualizer,
  defaultRangeExtractor,
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  type Range,
  type VirtualItem,
} from '@tanstack/virtual-core';

export type { VirtualItem };

/**
 * Viewport height assumed when the list reports none: not laid out yet, or a
 * DOM without layout (Stencil's spec tests). It bounds what is rendered there too.
 */
export const UNMEASURED_VIEWPORT_PX = 600;

export interface VirtualListOptions {
  /** The component that renders the list; it re-renders when the visible range changes. */
  host: object;
  /** A first guess of a row's height in px, before the row is measured. */
  estimateSize: (index: number) => number;
  /**
   * Chat lists: keep what the reader sees in place when items are added above
   * (older history) and follow new items when the view is at the end.
   */
  anchorToEnd?: boolean;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
  /**
   * With `anchorToEnd`: whether the row with this key may be the one kept in
   * place when rows are added above. A row that stays first whatever is
   * prepended (a day separator) must not be, or the view would stay at the top
   * and show the older page instead of the row the reader was on.
   */
  anchorable?: (key: string) => boolean;
}

/**
 * Only the rows in view (plus `overscan`) are in the DOM. A thin binding of
 * `@tanstack/virtual-core` to a Stencil component's lifecycle:
 *
 * - `ref={list.setScrollElement}` on the scrolling element;
 * - in `render()`: `list.update(count, keyOf)`, then render `list.items()`, each
 *   row with `data-index={item.index}`, `ref={list.measure}` and
 *   `style={list.rowStyle(item)}` inside an element with `style={list.containerStyle()}`;
 * - `componentDidRender()`: `list.didRender()`; `disconnectedCallback()`: `list.disconnect()`.
 *
 * Rows are positioned absolutely, so a row kept for focus (`keepRendered`) may
 * sit far from the others without breaking the layout.
 */
export class VirtualList {
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private readonly options: VirtualListOptions;
  private scrollElement: HTMLElement | null = null;
  private stopObserving?: () => void;
  private keyOf: (index: number) => string = String;
  private kept: number | null = null;
  /** With `anchorToEnd`: rows added at the end scroll into view when the view is at the end. */
  private follow = true;

  constructor(options: VirtualListOptions) {
    this.options = options;
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>(this.virtualizerOptions(0));
    const { anchorable } = options;
    if (anchorable) {
      // The library anchors on the row at the scroll offset; this moves it down to the first row that may anchor.
      const itemAtOffset = this.virtualizer.getVirtualItemForOffset;
      this.virtualizer.getVirtualItemForOffset = (offset: number) => {
        const item = itemAtOffset(offset);
        if (!item || anchorable(String(item.key))) return item;
        const rows = this.virtualizer.measurementsCache;
        for (let index = item.index + 1; index < rows.length; index++) if (anchorable(String(rows[index].key))) return rows[index];
        return item;
      };
    }
  }

  /** Ref callback for the scrolling element. */
  setScrollElement = (element: HTMLElement | undefined): void => {
    this.scrollElement = element ?? null;
  };

  /** Ref callback for each rendered row: has its ResizeObserver report its size (see `measureElement` below). */
  measure = (element: HTMLElement | undefined): void => {
    if (element) this.virtualizer.measureElement(element);
  };

  /**
   * Sets the rows for this render; `keyOf` must give each row a key that stays with it. With
   * `anchorToEnd`, `follow` false keeps rows added at the end from scrolling into view even
   * when the view is at the end (the reader is reading something there).
   * Pass the same `keyOf` function while the rows are the same (memoize it with them):
   * a new function makes the virtualizer walk every row again, on every render.
   */
  update(count: number, keyOf: (index: number) => string, follow = true): void {
    this.keyOf = keyOf;
    this.follow = follow;
    if (this.kept !== null && this.kept >= count) this.kept = null;
    this.virtualizer.setOptions(this.virtualizerOptions(count));
  }

  items(): VirtualItem[] {
    return this.virtualizer.getVirtualItems();
  }

  containerStyle(): Record<string, string> {
    return { position: 'relative', blockSize: `${this.virtualizer.getTotalSize()}px` };
  }

  rowStyle(item: VirtualItem): Record<string, string> {
    return { position: 'absolute', insetBlockStart: '0', insetInline: '0', transform: `translateY(${item.start}px)` };
  }

  /** Keeps the row at `index` in the DOM even when scrolled away, so it can keep the keyboard focus. */
  keepRendered(index: number | null): void {
    this.kept = index;
  }

  scrollToIndex(index: number, align: 'auto' | 'start' | 'end' | 'center' = 'auto'): void {
    this.virtualizer.scrollToIndex(index, { align });
  }

  scrollToEnd(): void {
    this.virtualizer.scrollToEnd();
  }

  /** The view shows the last row (within `threshold` px). */
  isAtEnd(threshold = 1): boolean {
    return this.virtualizer.isAtEnd(threshold);
  }

  /** Index of the first row in view. */
  firstVisibleIndex(): number {
    return this.virtualizer.range?.startIndex ?? 0;
  }

  /** How many rows are in view (at least 1): the step of PageUp / PageDown. */
  visibleCount(): number {
    const range = this.virtualizer.range;
    return range ? Math.max(1, range.endIndex - range.startIndex + 1) : 1;
  }

  didRender(): void {
    if (!this.stopObserving) {
      if (!this.scrollElement) return;
      this.stopObserving = this.virtualizer._didMount();
    }
    this.virtualizer._willUpdate();
  }

  disconnect(): void {
    this.stopObserving?.();
    this.stopObserving = undefined;
  }

  private virtualizerOptions(count: number) {
    const { host, estimateSize, anchorToEnd = false, overscan = 8 } = this.options;
    return {
      count,
      getScrollElement: () => this.scrollElement,
      estimateSize,
      getItemKey: this.keyOf,
      overscan,
      anchorTo: anchorToEnd ? ('end' as const) : ('start' as const),
      followOnAppend: anchorToEnd && this.follow,
      // Ten px of slack: a sub-pixel layout or a just-measured row must not count as "scrolled away".
      scrollEndThreshold: anchorToEnd ? 10 : 1,
      initialRect: { width: 0, height: UNMEASURED_VIEWPORT_PX },
      scrollToFn: elementScroll,
      observeElementOffset,
      observeElementRect: (instance: Virtualizer<HTMLElement, HTMLElement>, report: (rect: { width: number; height: number }) => void) =>
        observeElementRect(instance, rect => report(rect.height > 0 ? rect : { ...rect, height: UNMEASURED_VIEWPORT_PX })),
      // Sizes come from the ResizeObserver, after the frame's own layout. Read in the rows' ref
      // callbacks (no entry), they made the browser lay the list out in the middle of the render,
      // and again after each scroll adjustment: most of a busy frame. Until then a row keeps the
      // size it has (its estimate, or its last measurement). A row that reports no height is not
      // laid out (yet): it keeps the estimate rather than collapse.
      measureElement: (element: HTMLElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLElement, HTMLElement>) => {
        const index = instance.indexFromElement(element);
        if (!entry) return instance.measurementsCache[index]?.size ?? estimateSize(index);
        return measureElement(element, entry, instance) || estimateSize(index);
      },
      rangeExtractor: (range: Range) => {
        const indexes = defaultRangeExtractor(range);
        const kept = this.kept;
        if (kept === null || kept >= range.count || indexes.includes(kept)) return indexes;
        return [...indexes, kept].sort((a, b) => a - b);
      },
      onChange: () => forceUpdate(host),
    };
  }
}
