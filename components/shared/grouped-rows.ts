import type { FocusRows } from './roving-focus';
import type { VirtualItem } from './virtual-list';

/**
 * Grouped lists (roster groups, occupant roles) flattened into one row per
 * group heading and one per entry, for a `VirtualList`: the list renders the
 * rows in view, each inside its group's element, and every entry row tells its
 * place in the group (aria-posinset / aria-setsize), as most are not in the DOM.
 */

export interface HeadingRow<G> {
  kind: 'heading';
  key: string;
  group: G;
  /** Entries shown in the group. */
  size: number;
}

export interface EntryRow<T> {
  kind: 'entry';
  key: string;
  entry: T;
  /** Index of the group's heading row. */
  heading: number;
  /** 1-based place in the group. */
  position: number;
  /** Entries shown in the group. */
  size: number;
}

export type GroupedRow<G, T> = HeadingRow<G> | EntryRow<T>;

export interface GroupedRows<G, T> extends FocusRows {
  rows: GroupedRow<G, T>[];
  /** One function per set of rows, for `VirtualList.update`. */
  keyOf: (index: number) => string;
  /** Entry rows, all groups together. */
  entryCount: number;
}

export interface SourceGroup<G, T> {
  /** Unique among the groups; also the heading row's key. */
  key: string;
  group: G;
  /** In list order. */
  entries: readonly T[];
}

export interface FlattenOptions<T> {
  /** Unique among all rows (an entry may be in two groups). */
  entryKey: (entry: T, groupKey: string) => string;
  /** Only the entries that match are listed; groups left empty are left out. */
  matches?: (entry: T) => boolean;
  /** Entries whose row takes keyboard focus (all when not given). */
  takesFocus?: (entry: T) => boolean;
  /** The name an entry is found by when the user types on the list. */
  entryLabel?: (entry: T) => string;
}

export function flattenGroups<G, T>(groups: readonly SourceGroup<G, T>[], options: FlattenOptions<T>): GroupedRows<G, T> {
  const { entryKey, matches, takesFocus, entryLabel } = options;
  const rows: GroupedRow<G, T>[] = [];
  const keys: string[] = [];
  const indexOf = new Map<string, number>();
  const focusable: number[] = [];
  let entryCount = 0;
  const push = (row: GroupedRow<G, T>) => {
    indexOf.set(row.key, rows.length);
    keys.push(row.key);
    rows.push(row);
  };
  for (const source of groups) {
    const entries = matches ? source.entries.filter(matches) : source.entries;
    if (entries.length === 0) continue;
    const heading = rows.length;
    const size = entries.length;
    entryCount += size;
    push({ kind: 'heading', key: source.key, group: source.group, size });
    for (let offset = 0; offset < size; offset++) {
      const entry = entries[offset];
      if (!takesFocus || takesFocus(entry)) focusable.push(rows.length);
      push({ kind: 'entry', key: entryKey(entry, source.key), entry, heading, position: offset + 1, size });
    }
  }
  const labelOf = entryLabel
    ? (index: number) => {
        const row = rows[index];
        return row.kind === 'entry' ? entryLabel(row.entry) : '';
      }
    : undefined;
  return { rows, keys, indexOf, focusable, keyOf: index => keys[index], entryCount, labelOf };
}

export interface RenderedGroup<G, T> {
  heading: HeadingRow<G>;
  /** The heading itself, when it is in view. */
  headingItem?: VirtualItem;
  entries: { item: VirtualItem; row: EntryRow<T> }[];
}

/** The rendered rows (`VirtualList.items()`) by group, in order: a group's rows may be in view while its heading is not. */
export function renderedGroups<G, T>(items: readonly VirtualItem[], rows: readonly GroupedRow<G, T>[]): RenderedGroup<G, T>[] {
  const groups: RenderedGroup<G, T>[] = [];
  let current: RenderedGroup<G, T> | null = null;
  for (const item of items) {
    const row = rows[item.index];
    const heading = row.kind === 'heading' ? item.index : row.heading;
    if (current === null || current.heading !== rows[heading]) {
      current = { heading: rows[heading] as HeadingRow<G>, entries: [] };
      groups.push(current);
    }
    if (row.kind === 'heading') current.headingItem = item;
    else current.entries.push({ item, row });
  }
  return groups;
}
