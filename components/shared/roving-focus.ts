import { forceUpdate } from '@stencil/core';
import type { VirtualList } from './virtual-list';

/**
 * Keyboard movement in a list with one tab stop (roving tabindex): Up/Down
 * step, Home/End jump, PageUp/PageDown move by `pageSize` (not handled without
 * one). Returns the index to focus, or null for any other key.
 */
export function rovingIndex(key: string, index: number, count: number, pageSize?: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return pageSize ? Math.min(index + pageSize, count - 1) : null;
    case 'PageUp':
      return pageSize ? Math.max(index - pageSize, 0) : null;
    default:
      return null;
  }
}

/** Moves focus among `buttons` for a key press on one of them; returns whether it handled the key. */
export function moveFocus(event: KeyboardEvent, buttons: HTMLElement[]): boolean {
  const index = buttons.indexOf(event.target as HTMLElement);
  if (index < 0) return false;
  const next = rovingIndex(event.key, index, buttons.length);
  if (next === null) return false;
  event.preventDefault();
  buttons[next].focus();
  return true;
}

/** The rows of a virtual list as keyboard focus sees them; build it once per change of the rows. */
export interface FocusRows {
  /** Each row's key, by index. */
  keys: readonly string[];
  /** Each row's index, by key. */
  indexOf: ReadonlyMap<string, number>;
  /** Indexes of the rows that take focus (not headings), ascending. */
  focusable: readonly number[];
  /** The name a row is found by when the user types on the list (type to search); none: no search. */
  labelOf?: (index: number) => string;
}

/** Letters typed within this many ms of each other make one search ("al" finds Alice, not Lee). */
export const TYPE_AHEAD_MS = 700;

/** Position of `index` in the ascending `indexes` (a `FocusRows.focusable`), or -1. */
export function positionOf(indexes: readonly number[], index: number): number {
  let low = 0;
  let high = indexes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (indexes[middle] === index) return middle;
    if (indexes[middle] < index) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * One tab stop over the rows of a `VirtualList` (roving tabindex by index):
 * the row the keys move to may not be in the DOM yet, so it scrolls there,
 * keeps that row rendered (also when scrolled away, so Tab still finds it)
 * and focuses it at once if it is rendered, else after the render.
 *
 * - in `render()`: `tabStop(rows, fallback)` gives the row with `tabindex="0"`;
 * - a row's focus event: `focused(key)`; a key press in the list: `keyDown(event, rows)`;
 * - `componentDidRender()`, after the list's `didRender()`: `didRender()`.
 */
export class VirtualFocus {
  private activeKey: string | null = null;
  private tabStopIndex = -1;
  private focusPending = false;
  private typed = '';
  private typedAt = 0;

  /** `element(index)`: the focusable element of the rendered row at `index`. */
  constructor(
    private readonly host: object,
    private readonly list: VirtualList,
    private readonly element: (index: number) => HTMLElement | null,
  ) {}

  /**
   * The index of the row that takes Tab focus, or -1 when no row does: the row
   * last focused, else `fallback`, else the first focusable row. It stays rendered.
   */
  tabStop(rows: FocusRows, fallback?: number): number {
    const active = this.activeKey === null ? undefined : rows.indexOf.get(this.activeKey);
    this.tabStopIndex = active ?? fallback ?? rows.focusable[0] ?? -1;
    this.list.keepRendered(this.tabStopIndex < 0 ? null : this.tabStopIndex);
    return this.tabStopIndex;
  }

  /** A row took focus (Tab, a click): it is the tab stop now. */
  focused(key: string): void {
    if (key === this.activeKey) return;
    this.activeKey = key;
    forceUpdate(this.host);
  }

  /**
   * Up/Down/Home/End/PageUp/PageDown on a row's focusable element (not on what else a row holds),
   * and letters, which move to the next row whose name starts with them; returns whether it moved.
   */
  keyDown(event: KeyboardEvent, rows: FocusRows): boolean {
    const target = event.target as HTMLElement;
    const row = target.closest?.('[data-index]');
    if (!row) return false;
    const index = Number(row.getAttribute('data-index'));
    if (this.element(index) !== target) return false;
    const position = positionOf(rows.focusable, index);
    if (position < 0) return false;
    const next = rovingIndex(event.key, position, rows.focusable.length, this.list.visibleCount()) ?? this.typeAhead(event, rows, position);
    if (next === null) return false;
    event.preventDefault();
    this.focus(rows, rows.focusable[next]);
    return true;
  }

  /**
   * Type to search: the position (in `rows.focusable`) of the next row whose name starts with
   * what was typed, or null. Repeating one letter steps through the names that start with it.
   */
  private typeAhead(event: KeyboardEvent, rows: FocusRows, position: number): number | null {
    // Space activates the row; with a modifier the key is a shortcut, not a letter.
    if (!rows.labelOf || [...event.key].length !== 1 || event.key === ' ' || event.ctrlKey || event.metaKey || event.altKey) return null;
    const now = Date.now();
    const letter = event.key.toLocaleLowerCase();
    this.typed = now - this.typedAt > TYPE_AHEAD_MS ? letter : this.typed + letter;
    this.typedAt = now;
    const repeated = [...this.typed].every(char => char === letter);
    const prefix = repeated ? letter : this.typed;
    // A longer prefix may still match the row we are on; a new or repeated letter looks further on.
    const start = repeated ? position + 1 : position;
    const count = rows.focusable.length;
    for (let step = 0; step < count; step++) {
      const candidate = (start + step) % count;
      if (rows.labelOf(rows.focusable[candidate]).toLocaleLowerCase().startsWith(prefix)) return candidate;
    }
    return null;
  }

  /** Down in a field above the list (its filter) moves to the first row; returns whether it did. */
  enterFromAbove(event: KeyboardEvent, rows: FocusRows): boolean {
    const first = rows.focusable[0];
    if (event.key !== 'ArrowDown' || first === undefined) return false;
    event.preventDefault();
    this.focus(rows, first);
    return true;
  }

  /** Makes the row at `index` the tab stop and scrolls it into view; focuses it now if it is rendered, else after the render. */
  focus(rows: FocusRows, index: number): void {
    this.activeKey = rows.keys[index];
    this.list.keepRendered(index);
    this.list.scrollToIndex(index);
    const element = this.element(index);
    if (element) element.focus({ preventScroll: true });
    else this.focusPending = true;
    forceUpdate(this.host);
  }

  /** Focuses the row asked for, now that it is rendered (the list has scrolled to it already). */
  didRender(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    if (this.tabStopIndex >= 0) this.element(this.tabStopIndex)?.focus({ preventScroll: true });
  }

  /** Forgets the row last focused (another room, say): the fallback takes the tab stop again. */
  reset(): void {
    this.activeKey = null;
    this.focusPending = false;
  }
}
