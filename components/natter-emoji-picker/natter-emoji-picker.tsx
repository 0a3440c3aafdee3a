import { Component, Element, Event, type EventEmitter, Method, Prop, State, h } from '@stencil/core';
import { t } from '../../i18n/catalogue';
import { shorten } from '../../markup/shorten';
import { memoLast } from '../shared/memo';
import { rovingIndex } from '../shared/roving-focus';
// Types only: a value imported from './emoji-data' would put the emoji data into this component's bundle.
import type { EmojiData, EmojiGroup, PickerEmoji } from './emoji-data';
import type { NatterEmojiPickerCloseDetail, NatterEmojiSelectDetail } from './natter-emoji-picker-interface';

type EmojiModule = typeof import('./emoji-data');

/** Emoji per grid row, the step of ArrowUp and ArrowDown. The rows are elements, so the CSS has no count of its own. */
const COLUMNS = 8;
/** A search shows at most this many matches, so that typing one letter renders a bounded grid. */
const MAX_RESULTS = 200;
/** The frequently used emoji fill one row. */
const MAX_RECENT = COLUMNS;
/** Longer strings in `recent` are not emoji (the longest ZWJ sequences are about 35 UTF-16 units). */
const MAX_EMOJI_LENGTH = 64;
/** How much of the query the no-match message repeats. */
const QUERY_ECHO_CHARS = 40;

/** The emoji data module once imported: a picker opened after the first shows its grid at once. */
let emojiModule: EmojiModule | undefined;

type GridName = 'recent' | 'main';

interface Cell {
  emoji: string;
  label: string;
}

/**
 * Where a key moves focus in a grid of `count` cells laid out in rows of `COLUMNS`: a cell's index,
 * 'above' or 'below' past the first or last row, or null for any other key. Left and Right run
 * through the rows in reading order; Home and End go to the ends of the row, with Ctrl (or Cmd)
 * to the ends of the grid, as in the WAI-ARIA grid pattern.
 */
function gridMove(key: string, index: number, count: number, rtl: boolean, toEnds: boolean): number | 'above' | 'below' | null {
  const rowStart = index - (index % COLUMNS);
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  switch (key) {
    case forward:
      return Math.min(index + 1, count - 1);
    case backward:
      return Math.max(index - 1, 0);
    case 'ArrowDown':
      // Into a shorter last row: its last cell.
      return rowStart + COLUMNS >= count ? 'below' : Math.min(index + COLUMNS, count - 1);
    case 'ArrowUp':
      return index < COLUMNS ? 'above' : index - COLUMNS;
    case 'Home':
      return toEnds ? 0 : rowStart;
    case 'End':
      return toEnds ? count - 1 : Math.min(rowStart + COLUMNS, count) - 1;
    default:
      return null;
  }
}

/**
 * An emoji picker: a search box, a row of frequently used emoji, one tab per category and a grid of
 * the shown category's emoji (or of the search's matches, at most 200). The emoji data (emojibase,
 * English) is a separate chunk, fetched when the first picker renders; meanwhile it says "Loading
 * emoji…", and if the fetch fails it offers Retry. The frequently used row works before the data
 * is there.
 *
 * Keyboard: the search box has focus when the picker appears (and after `focusSearch()`); typing
 * filters at once, Enter picks the first match, ArrowDown moves into the emoji. In a grid the arrow
 * keys move by cell and by row, Home and End to the ends of the row (with Ctrl, of the grid), and
 * Enter or Space picks; typing a letter goes back to the search box. Each grid and the category tabs
 * are one tab stop. Escape anywhere emits `natterEmojiPickerClose`. The picker never hides itself:
 * its host closes it on `natterEmojiSelect` or `natterEmojiPickerClose`, as it sees fit.
 *
 * @part base - The picker.
 * @part search - The search box (`type="search"`).
 * @part recent - The grid of frequently used emoji.
 * @part categories - The category tabs (`role="tablist"`).
 * @part category - One category's tab, showing its first emoji.
 * @part category-selected - The tab of the category shown (also has the part `category`).
 * @part section-label - The name above each grid: "Frequently used", the category, "Search results".
 * @part grid - The grid of the shown category's emoji or of the search's matches.
 * @part emoji - One emoji's button, in either grid.
 * @part status - Loading, failure, no match and the number of matches (that one for screen readers only).
 * @part retry-button - Loads the emoji data again after a failure.
 */
// Its CSS custom properties are documented at the top of natter-emoji-picker.css, where Stencil reads them.
@Component({ tag: 'natter-emoji-picker', styleUrl: 'natter-emoji-picker.css', shadow: true })
export class NatterEmojiPicker {
  private searchInput?: HTMLInputElement;
  private scroller?: HTMLElement;
  /** What the grids show, as last rendered: the key handlers move over these. */
  private shownRecent: readonly Cell[] = [];
  private shownItems: readonly Cell[] = [];
  private readonly recentCells = memoLast((recent: string[] | undefined, data: EmojiData | undefined): Cell[] => {
    const cells: Cell[] = [];
    const seen = new Set<string>();
    for (const emoji of Array.isArray(recent) ? recent : []) {
      if (typeof emoji !== 'string' || !emoji || emoji.length > MAX_EMOJI_LENGTH || seen.has(emoji)) continue;
      seen.add(emoji);
      // Before the data is there (or for an emoji it lacks) the emoji is its own name: screen readers speak it.
      cells.push({ emoji, label: data?.labelOf(emoji) ?? emoji });
      if (cells.length === MAX_RECENT) break;
    }
    return cells;
  });
  /** One more than shown, to know whether there were more. */
  private readonly search = memoLast((module: EmojiModule, list: readonly PickerEmoji[], query: string) => module.searchEmoji(list, query, MAX_RESULTS + 1));

  @Element() el!: HTMLElement;

  @State() status: 'loading' | 'ready' | 'error' = 'loading';

  @State() data?: EmojiData;

  /** The search box's text. */
  @State() query = '';

  /** The category shown when not searching; unset: the first. */
  @State() group?: EmojiGroup;

  /** The tab stop of each grid (roving tabindex), by index. */
  @State() recentStop = 0;
  @State() gridStop = 0;

  /** Frequently used emoji, shown first, most used first (one row; more are left out). Defaults to common reactions. */
  @Prop() recent: string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

  /** The picker's accessible name, e.g. "React to Alice's message". Defaults to "Choose an emoji". */
  @Prop() label?: string;

  /** The user picked an emoji. */
  @Event() natterEmojiSelect!: EventEmitter<NatterEmojiSelectDetail>;

  /** The user pressed Escape: the host should close the picker (and return focus where it was). */
  @Event() natterEmojiPickerClose!: EventEmitter<NatterEmojiPickerCloseDetail>;

  componentWillLoad() {
    const loaded = emojiModule?.loadedEmojiData();
    if (loaded) {
      this.data = loaded;
      this.status = 'ready';
    } else void this.load();
  }

  componentDidLoad() {
    // The picker appears where it was asked for; a page of several (the docs) must not scroll to the last.
    this.searchInput?.focus({ preventScroll: true });
  }

  /** Moves focus to the search box. */
  @Method()
  async focusSearch(): Promise<void> {
    this.searchInput?.focus();
  }

  private async load(): Promise<void> {
    this.status = 'loading';
    try {
      // The only reference to the module with the data: Rollup makes it a chunk of its own.
      emojiModule ??= await import('./emoji-data');
      this.data = await emojiModule.loadEmojiData();
      this.status = 'ready';
    } catch {
      this.status = 'error';
    }
  }

  private retry = async () => {
    // The Retry button goes away while loading: focus goes to the search box rather than to the page.
    this.searchInput?.focus();
    await this.load();
  };

  private select(emoji: string): void {
    this.natterEmojiSelect.emit({ emoji });
  }

  private isRtl(): boolean {
    return typeof getComputedStyle === 'function' && getComputedStyle(this.el).direction === 'rtl';
  }

  private showGroup(group: EmojiGroup): void {
    this.group = group;
    this.query = '';
    this.gridStop = 0;
    if (this.scroller) this.scroller.scrollTop = 0;
  }

  private focusCell(grid: GridName, index: number): void {
    if (grid === 'recent') this.recentStop = index;
    else this.gridStop = index;
    this.el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-grid="${grid}"] [data-index="${index}"]`)?.focus();
  }

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Also keeps a search box from clearing itself: Escape means close here.
    event.preventDefault();
    this.natterEmojiPickerClose.emit();
  };

  private onSearchInput = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value;
    this.gridStop = 0;
    if (this.scroller) this.scroller.scrollTop = 0;
  };

  private onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      const grid: GridName = this.shownRecent.length > 0 ? 'recent' : 'main';
      if ((grid === 'recent' ? this.shownRecent : this.shownItems).length === 0) return;
      event.preventDefault();
      this.focusCell(grid, 0);
    } else if (event.key === 'Enter' && !event.isComposing && this.query.trim() && this.shownItems.length > 0) {
      event.preventDefault();
      this.select(this.shownItems[0].emoji);
    }
  };

  private onGridKeyDown = (event: KeyboardEvent) => {
    const grid = (event.currentTarget as HTMLElement).getAttribute('data-grid') as GridName;
    const position = (event.target as HTMLElement).getAttribute?.('data-index');
    const items = grid === 'recent' ? this.shownRecent : this.shownItems;
    const index = position === null || position === undefined ? -1 : Number(position);
    const item = items[index];
    if (!item || event.altKey) return;
    if (event.key === 'Enter' || event.key === ' ') {
      // Picked at keydown like every other key of the grid; a held key picks once.
      event.preventDefault();
      if (!event.repeat) this.select(item.emoji);
      return;
    }
    if ([...event.key].length === 1 && !event.ctrlKey && !event.metaKey) {
      // Typing searches: the key's character goes into the search box, which has focus now.
      this.searchInput?.focus();
      return;
    }
    const next = gridMove(event.key, index, items.length, this.isRtl(), event.ctrlKey || event.metaKey);
    if (next === null) return;
    event.preventDefault();
    const column = index % COLUMNS;
    if (next === 'above') {
      if (grid === 'main' && this.shownRecent.length > 0) this.focusCell('recent', Math.min(column, this.shownRecent.length - 1));
      else this.searchInput?.focus();
    } else if (next === 'below') {
      if (grid === 'recent' && this.shownItems.length > 0) this.focusCell('main', Math.min(column, this.shownItems.length - 1));
    } else this.focusCell(grid, next);
  };

  private onGridKeyUp = (event: KeyboardEvent) => {
    // A button clicks itself at Space's keyup: the keydown picked already.
    if (event.key === ' ') event.preventDefault();
  };

  /** The category tabs (WAI-ARIA tabs, automatic activation): Left and Right in reading direction, Home, End. */
  private onTabKeyDown = (event: KeyboardEvent) => {
    const tabs = Array.from(this.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? []);
    const index = tabs.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const rtl = this.isRtl();
    const step = { ArrowRight: rtl ? 'ArrowUp' : 'ArrowDown', ArrowLeft: rtl ? 'ArrowDown' : 'ArrowUp', Home: 'Home', End: 'End' }[event.key];
    const next = step === undefined ? null : rovingIndex(step, index, tabs.length);
    if (next === null) return;
    event.preventDefault();
    this.showGroup(tabs[next].getAttribute('data-group') as EmojiGroup);
    tabs[next].focus();
  };

  private renderRows(grid: GridName, cells: readonly Cell[], stop: number) {
    const rows = [];
    for (let start = 0; start < cells.length; start += COLUMNS) {
      rows.push(
        <div role="row" class="row">
          {cells.slice(start, start + COLUMNS).map((cell, offset) => {
            const index = start + offset;
            return (
              <div role="gridcell" class="cell">
                <button
                  part="emoji"
                  type="button"
                  class="emoji"
                  tabindex={index === stop ? '0' : '-1'}
                  aria-label={cell.label}
                  title={cell.label}
                  data-index={String(index)}
                  onClick={() => this.select(cell.emoji)}
                  onFocus={() => (grid === 'recent' ? (this.recentStop = index) : (this.gridStop = index))}
                >
                  {cell.emoji}
                </button>
              </div>
            );
          })}
        </div>,
      );
    }
    return rows;
  }

  /**
   * A grid (WAI-ARIA grid, cells holding buttons): the role makes screen readers hand the arrow keys
   * to it (a group of buttons would leave them to the reading cursor), and says the rows and columns
   * that the arrows move through.
   */
  private renderGrid(grid: GridName, cells: readonly Cell[], stop: number, labelId: string) {
    if (cells.length === 0) return null;
    return (
      <div
        part={grid === 'recent' ? 'recent' : 'grid'}
        class={`grid grid-${grid}`}
        role="grid"
        aria-labelledby={labelId}
        data-grid={grid}
        onKeyDown={this.onGridKeyDown}
        onKeyUp={this.onGridKeyUp}
      >
        {this.renderRows(grid, cells, Math.min(stop, cells.length - 1))}
      </div>
    );
  }

  private statusText(searching: boolean, matches: number, more: boolean): { text: string; visible: boolean } {
    if (this.status === 'loading') return { text: t('emoji.loading'), visible: true };
    if (this.status === 'error') return { text: t('emoji.loadFailed'), visible: true };
    if (!searching) return { text: '', visible: true };
    if (matches === 0) return { text: t('emoji.noMatch', { query: shorten(this.query.trim(), QUERY_ECHO_CHARS) }), visible: true };
    return { text: more ? t('emoji.matchesLimited', { count: matches }) : t('emoji.matches', { count: matches }), visible: false };
  }

  render() {
    const data = this.status === 'ready' ? this.data : undefined;
    const searching = this.query.trim() !== '';
    // The search's matches replace the frequently used row too: ArrowDown and Enter go to the first match.
    const recent = searching ? [] : this.recentCells(this.recent, data);
    const shown = data && !searching ? data.groups.find(entry => entry.group === this.group) ?? data.groups[0] : undefined;
    let items: readonly Cell[] = shown?.emoji ?? [];
    let more = false;
    if (data && emojiModule && searching) {
      const found = this.search(emojiModule, data.emoji, this.query);
      more = found.length > MAX_RESULTS;
      items = more ? found.slice(0, MAX_RESULTS) : found;
    }
    this.shownRecent = recent;
    this.shownItems = items;
    const tabStop = shown?.group ?? this.group ?? data?.groups[0]?.group;
    const status = this.statusText(searching, items.length, more);
    return (
      <div
        part="base"
        class="picker"
        role="group"
        aria-label={this.label || t('emoji.picker')}
        style={{ '--emoji-columns': String(COLUMNS) }}
        onKeyDown={this.onKeyDown}
      >
        <div class="search-box">
          <label class="visually-hidden" htmlFor="search">
            {t('emoji.search')}
          </label>
          <input
            part="search"
            class="search"
            id="search"
            type="search"
            autocomplete="off"
            spellcheck={false}
            placeholder={t('emoji.search')}
            value={this.query}
            onInput={this.onSearchInput}
            onKeyDown={this.onSearchKeyDown}
            ref={element => (this.searchInput = element)}
          />
        </div>
        {recent.length > 0 && [
          <div part="section-label" class="section-label" id="recent-label">
            {t('emoji.recent')}
          </div>,
          this.renderGrid('recent', recent, this.recentStop, 'recent-label'),
        ]}
        {data && (
          <div part="categories" class="categories" role="tablist" aria-label={t('emoji.categories')} onKeyDown={this.onTabKeyDown}>
            {data.groups.map(({ group, emoji }) => {
              const selected = group === shown?.group;
              const name = t(`emoji.group.${group}`);
              return (
                <button
                  part={selected ? 'category category-selected' : 'category'}
                  type="button"
                  role="tab"
                  class="category"
                  id={`tab-${group}`}
                  aria-selected={selected ? 'true' : 'false'}
                  aria-controls="panel"
                  tabindex={group === tabStop ? '0' : '-1'}
                  aria-label={name}
                  title={name}
                  data-group={group}
                  onClick={() => this.showGroup(group)}
                >
                  <span aria-hidden="true">{emoji[0].emoji}</span>
                </button>
              );
            })}
          </div>
        )}
        {/* While searching no tab is selected: the panel holds the matches, named by its own label. */}
        <div class="panel" id="panel" role={data ? 'tabpanel' : undefined} aria-labelledby={data ? (shown ? `tab-${shown.group}` : 'grid-label') : undefined}>
          {data && (
            <div part="section-label" class="section-label" id="grid-label">
              {shown ? t(`emoji.group.${shown.group}`) : t('emoji.results')}
            </div>
          )}
          <div class="scroller" ref={element => (this.scroller = element)}>
            <div class="area">
              {this.renderGrid('main', items, this.gridStop, 'grid-label')}
              <p part="status" class={{ status: true, failed: this.status === 'error', 'visually-hidden': !status.visible }} role="status">
                {status.text}
              </p>
              {this.status === 'error' && (
                <button part="retry-button" type="button" class="retry" onClick={this.retry}>
                  {t('emoji.retry')}
                </button>
              )}
            </div>
          </div>
        </div>
      </div>
    );
  }
}
