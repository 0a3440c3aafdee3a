import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import type { CompactEmoji } from './emoji-data';
import type { EmojiData } from './emoji-data';
import { NatterEmojiPicker } from './natter-emoji-picker';

// The picker's data loader, stubbed: each test decides what the dynamic import's loadEmojiData gives.
// (Not hoisted by Stencil's transpiler: it runs before the component's first import() of the module.)
jest.mock('./emoji-data', () => ({
  ...jest.requireActual('./emoji-data'),
  loadEmojiData: jest.fn(),
  loadedEmojiData: jest.fn(() => undefined),
}));
const emojiModule = jest.requireMock('./emoji-data') as typeof import('./emoji-data');
const loadEmojiData = emojiModule.loadEmojiData as jest.MockedFunction<typeof emojiModule.loadEmojiData>;

const SMILEYS = ['grinning face', 'grinning face with big eyes', 'grinning face with smiling eyes', 'beaming face with smiling eyes', 'grinning squinting face', 'grinning face with sweat', 'rolling on the floor laughing', 'face with tears of joy', 'slightly smiling face', 'upside-down face', 'melting face', 'winking face'];
const SMILEY_CHARS = ['😀', '😃', '😄', '😁', '😆', '😅', '🤣', '😂', '🙂', '🙃', '🫠', '😉'];

/** A small dataset in emojibase's compact shape: 12 smileys (a row of 8 and one of 4), a heart, a hand, a dog, a component. */
const FIXTURE: CompactEmoji[] = [
  ...SMILEYS.map((label, index): CompactEmoji => ({ label, unicode: SMILEY_CHARS[index], group: 0, order: index + 1, tags: ['face'] })),
  { label: 'red heart', unicode: '❤️', group: 0, order: 20, tags: ['heart', 'love'] },
  { label: 'thumbs up', unicode: '👍️', group: 1, order: 30, tags: ['+1', 'like'], skins: [{ label: 'thumbs up: dark skin tone', unicode: '👍🏿', group: 1, order: 31 }] },
  { label: 'dog face', unicode: '🐶', group: 3, order: 40, tags: ['dog', 'pet'] },
  { label: 'light skin tone', unicode: '🏻', group: 2, order: 50 },
];
const fixtureData = (): EmojiData => (jest.requireActual('./emoji-data') as typeof import('./emoji-data')).reduceEmojiData(FIXTURE);

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Lets the import and the loader's promise settle, re-rendering after. */
async function settle(page: SpecPage): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await page.waitForChanges();
    await new Promise(resolve => setTimeout(resolve, 0));
  }
  await page.waitForChanges();
}

interface Picker {
  page: SpecPage;
  shadow: ShadowRoot;
  focused: () => Element | undefined;
  selected: string[];
  closed: number[];
}

async function picker(recent?: string[]): Promise<Picker> {
  const page = await newSpecPage({ components: [NatterEmojiPicker], html: '' });
  const focusedElements: Element[] = [];
  // Mock-doc keeps no activeElement: focus() dispatches a focus event, which bubbles out of the shadow root.
  page.doc.addEventListener('focus', event => focusedElements.push(event.target as Element));
  const selected: string[] = [];
  const closed: number[] = [];
  page.doc.addEventListener('natterEmojiSelect', event => selected.push((event as CustomEvent).detail.emoji));
  page.doc.addEventListener('natterEmojiPickerClose', () => closed.push(1));
  page.body.appendChild(page.doc.createElement('natter-emoji-picker'));
  const element = page.body.querySelector('natter-emoji-picker') as HTMLElement & { recent: string[] };
  if (recent) element.recent = recent;
  await settle(page);
  return { page, shadow: element.shadowRoot!, focused: () => focusedElements[focusedElements.length - 1], selected, closed };
}

/** Presses a key on `target`; returns the event (mock-doc's dispatchEvent always returns true). */
function key(target: Element, name: string, options: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, composed: true, ...options });
  target.dispatchEvent(event);
  return event;
}
const buttons = (shadow: ShadowRoot, part: 'grid' | 'recent') => Array.from(shadow.querySelectorAll<HTMLButtonElement>(`[part="${part}"] button[part="emoji"]`));
const emojiIn = (shadow: ShadowRoot, part: 'grid' | 'recent') => buttons(shadow, part).map(button => button.textContent);
const search = (shadow: ShadowRoot) => shadow.querySelector('input[part="search"]') as HTMLInputElement;
const status = (shadow: ShadowRoot) => shadow.querySelector('[part="status"]')!;

async function type(page: SpecPage, input: HTMLInputElement, text: string): Promise<void> {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await page.waitForChanges();
}

beforeEach(() => {
  loadEmojiData.mockReset();
  loadEmojiData.mockImplementation(async () => fixtureData());
});

describe('natter-emoji-picker', () => {
  it('says it is loading in a status, then shows the first category in rows of 8 with named buttons', async () => {
    const pending = deferred<EmojiData>();
    loadEmojiData.mockReturnValue(pending.promise);
    const { page, shadow, focused } = await picker();
    expect(status(shadow).getAttribute('role')).toBe('status');
    expect(status(shadow).textContent).toBe('Loading emoji…');
    expect(shadow.querySelector('[part="grid"]')).toBeNull();
    expect(shadow.querySelector('[role="tablist"]')).toBeNull();
    // The search box has focus on opening, and is labelled.
    expect(focused()).toBe(search(shadow));
    expect(search(shadow).getAttribute('type')).toBe('search');
    expect(shadow.querySelector(`label[htmlFor="search"], label[for="search"]`)!.textContent).toBe('Search emoji');

    pending.resolve(fixtureData());
    await settle(page);
    expect(status(shadow).textContent).toBe('');
    const grid = shadow.querySelector('[part="grid"]')!;
    expect(grid.getAttribute('role')).toBe('grid');
    expect(shadow.getElementById(grid.getAttribute('aria-labelledby')!)!.textContent).toBe('Smileys & emotion');
    const rows = Array.from(grid.querySelectorAll('[role="row"]'));
    expect(rows.map(row => row.querySelectorAll('[role="gridcell"] > button').length)).toEqual([8, 5]);
    expect(emojiIn(shadow, 'grid')).toEqual([...SMILEY_CHARS, '❤️']);
    const first = buttons(shadow, 'grid')[0];
    expect(first.getAttribute('aria-label')).toBe('grinning face');
    expect(first.getAttribute('title')).toBe('grinning face');
    // One tab stop in the grid.
    expect(buttons(shadow, 'grid').map(button => button.getAttribute('tabindex')).filter(index => index === '0')).toHaveLength(1);
    expect(first.getAttribute('tabindex')).toBe('0');
  });

  it('shows the frequently used row first, common reactions by default, named once the data is there', async () => {
    const pending = deferred<EmojiData>();
    loadEmojiData.mockReturnValue(pending.promise);
    const { page, shadow, selected } = await picker();
    // Usable before the data: each emoji is its own name meanwhile.
    expect(emojiIn(shadow, 'recent')).toEqual(['👍', '❤️', '😂', '😮', '😢', '🙏']);
    expect(shadow.getElementById(shadow.querySelector('[part="recent"]')!.getAttribute('aria-labelledby')!)!.textContent).toBe('Frequently used');
    buttons(shadow, 'recent')[0].click();
    expect(selected).toEqual(['👍']);
    pending.resolve(fixtureData());
    await settle(page);
    expect(buttons(shadow, 'recent').map(button => button.getAttribute('aria-label'))).toEqual(['thumbs up', 'red heart', 'face with tears of joy', '😮', '😢', '🙏']);
    // Before the category grid in the picker.
    const order = Array.from(shadow.querySelectorAll('[part="recent"], [part="categories"], [part="grid"]')).map(element => element.getAttribute('part'));
    expect(order).toEqual(['recent', 'categories', 'grid']);

    // Set by the host: one row at most, without repeats or strings that are not emoji-sized.
    const element = page.body.querySelector('natter-emoji-picker') as HTMLElement & { recent: string[] };
    element.recent = ['🐶', '🐶', 'x'.repeat(1000), '👍🏿', ...SMILEY_CHARS];
    await page.waitForChanges();
    expect(emojiIn(shadow, 'recent')).toEqual(['🐶', '👍🏿', ...SMILEY_CHARS.slice(0, 6)]);
    expect(buttons(shadow, 'recent')[1].getAttribute('aria-label')).toBe('thumbs up: dark skin tone');
    element.recent = [];
    await page.waitForChanges();
    expect(shadow.querySelector('[part="recent"]')).toBeNull();
  });

  it('switches category with a tab per group, named, showing its first emoji; the components group has none', async () => {
    const { page, shadow } = await picker();
    const tabs = Array.from(shadow.querySelectorAll<HTMLButtonElement>('[part~="category"]'));
    expect(shadow.querySelector('[part="categories"]')!.getAttribute('role')).toBe('tablist');
    expect(tabs.map(tab => tab.getAttribute('aria-label'))).toEqual(['Smileys & emotion', 'People & body', 'Animals & nature']);
    expect(tabs.map(tab => tab.textContent)).toEqual(['😀', '👍', '🐶']);
    expect(tabs.map(tab => tab.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs[0].getAttribute('part')).toBe('category category-selected');

    tabs[2].click();
    await page.waitForChanges();
    expect(emojiIn(shadow, 'grid')).toEqual(['🐶']);
    expect(tabs.map(tab => tab.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true']);
    expect(tabs.map(tab => tab.getAttribute('tabindex'))).toEqual(['-1', '-1', '0']);
    const panel = shadow.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[2].id);
    expect(tabs[2].getAttribute('aria-controls')).toBe(panel.id);

    // Arrow keys move between tabs and show theirs; Home and End go to the ends.
    key(tabs[2], 'ArrowLeft');
    await page.waitForChanges();
    expect(emojiIn(shadow, 'grid')).toEqual(['👍']);
    key(tabs[1], 'Home');
    await page.waitForChanges();
    expect(emojiIn(shadow, 'grid')[0]).toBe('😀');
    key(tabs[0], 'End');
    await page.waitForChanges();
    expect(emojiIn(shadow, 'grid')).toEqual(['🐶']);
  });

  it('filters as the user types, without the frequently used row, says how many match and when none does', async () => {
    const { page, shadow, selected } = await picker();
    await type(page, search(shadow), 'GRIN');
    expect(emojiIn(shadow, 'grid')).toEqual(['😀', '😃', '😄', '😆', '😅']);
    expect(shadow.querySelector('[part="recent"]')).toBeNull();
    expect(shadow.getElementById(shadow.querySelector('[part="grid"]')!.getAttribute('aria-labelledby')!)!.textContent).toBe('Search results');
    expect(status(shadow).textContent).toBe('5 emoji found');
    expect(Array.from(shadow.querySelectorAll('[role="tab"]')).map(tab => tab.getAttribute('aria-selected'))).toEqual(['false', 'false', 'false']);
    // Tags find too; Enter in the search box picks the first match.
    await type(page, search(shadow), 'pet');
    expect(emojiIn(shadow, 'grid')).toEqual(['🐶']);
    key(search(shadow), 'Enter');
    expect(selected).toEqual(['🐶']);

    await type(page, search(shadow), 'unicorn');
    expect(shadow.querySelector('[part="grid"]')).toBeNull();
    expect(status(shadow).textContent).toBe('No emoji match “unicorn”.');
    // A huge query is echoed cut short.
    await type(page, search(shadow), 'q'.repeat(100_000));
    expect(status(shadow).textContent!.length).toBeLessThan(80);

    // Choosing a category ends the search.
    await type(page, search(shadow), 'dog');
    (shadow.querySelector('[role="tab"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(search(shadow).value).toBe('');
    expect(emojiIn(shadow, 'grid')).toHaveLength(13);
    expect(shadow.querySelector('[part="recent"]')).not.toBeNull();
  });

  it('moves from the search box into the emoji with ArrowDown, and by cell and row with the arrow keys', async () => {
    const { page, shadow, focused } = await picker();
    const recent = () => buttons(shadow, 'recent');
    const grid = () => buttons(shadow, 'grid');
    key(search(shadow), 'ArrowDown');
    await page.waitForChanges();
    expect(focused()).toBe(recent()[0]);
    // Down from the row of frequently used emoji: the grid, same column.
    key(recent()[0], 'ArrowRight');
    await page.waitForChanges();
    expect(focused()).toBe(recent()[1]);
    expect(recent()[1].getAttribute('tabindex')).toBe('0');
    expect(recent()[0].getAttribute('tabindex')).toBe('-1');
    key(recent()[1], 'ArrowDown');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[1]);
    // By column: down a row is 8 on, a row that is shorter gives its last cell.
    key(grid()[1], 'ArrowDown');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[9]);
    key(grid()[9], 'ArrowUp');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[1]);
    key(grid()[1], 'End');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[7]);
    key(grid()[7], 'ArrowDown');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[12]);
    key(grid()[12], 'Home');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[8]);
    key(grid()[8], 'ArrowLeft');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[7]);
    key(grid()[7], 'Home', { ctrlKey: true });
    await page.waitForChanges();
    expect(focused()).toBe(grid()[0]);
    key(grid()[0], 'End', { ctrlKey: true });
    await page.waitForChanges();
    expect(focused()).toBe(grid()[12]);
    expect(grid().filter(button => button.getAttribute('tabindex') === '0')).toEqual([grid()[12]]);
    // Up from the first row: the frequently used row, then the search box.
    key(grid()[12], 'Home', { ctrlKey: true });
    key(grid()[0], 'ArrowUp');
    await page.waitForChanges();
    expect(focused()).toBe(recent()[0]);
    key(recent()[0], 'ArrowUp');
    expect(focused()).toBe(search(shadow));
    // While searching, ArrowDown goes to the first match.
    await type(page, search(shadow), 'face');
    key(search(shadow), 'ArrowDown');
    await page.waitForChanges();
    expect(focused()).toBe(grid()[0]);
    // Typing a letter in the grid goes back to the search box.
    key(grid()[0], 's');
    expect(focused()).toBe(search(shadow));
  });

  it('follows the reading direction with Left and Right', async () => {
    const { page, shadow, focused } = await picker();
    const computed = jest.spyOn(globalThis, 'getComputedStyle').mockReturnValue({ direction: 'rtl' } as CSSStyleDeclaration);
    try {
      const grid = buttons(shadow, 'grid');
      key(grid[0], 'ArrowLeft');
      await page.waitForChanges();
      expect(focused()).toBe(buttons(shadow, 'grid')[1]);
    } finally {
      computed.mockRestore();
    }
  });

  it('emits natterEmojiSelect with the emoji on Enter, Space and click, and natterEmojiPickerClose on Escape anywhere', async () => {
    const { page, shadow, selected, closed } = await picker();
    const grid = buttons(shadow, 'grid');
    expect(key(grid[7], 'Enter').defaultPrevented).toBe(true);
    key(grid[12], ' ');
    // A held key picks once.
    key(grid[12], ' ', { repeat: true });
    grid[0].click();
    buttons(shadow, 'recent')[1].click();
    expect(selected).toEqual(['😂', '❤️', '😀', '❤️']);
    // The picker stays: its host closes it.
    expect(page.body.querySelector('natter-emoji-picker')).not.toBeNull();

    // Prevented: a search box would clear itself instead.
    expect(key(search(shadow), 'Escape').defaultPrevented).toBe(true);
    key(grid[3], 'Escape');
    key(shadow.querySelector('[role="tab"]')!, 'Escape');
    expect(closed).toHaveLength(3);
    expect(selected).toHaveLength(4);
  });

  it('says when the data could not be loaded, and Retry loads it', async () => {
    loadEmojiData.mockRejectedValueOnce(new Error('ChunkLoadError'));
    const { page, shadow, focused } = await picker();
    expect(status(shadow).textContent).toBe('Emoji could not be loaded.');
    expect(shadow.querySelector('[part="grid"]')).toBeNull();
    // The frequently used row still works.
    expect(emojiIn(shadow, 'recent')).toHaveLength(6);
    const retry = shadow.querySelector('button[part="retry-button"]') as HTMLButtonElement;
    expect(retry.textContent).toBe('Retry');
    retry.click();
    await settle(page);
    expect(loadEmojiData).toHaveBeenCalledTimes(2);
    expect(shadow.querySelector('[part="retry-button"]')).toBeNull();
    expect(status(shadow).textContent).toBe('');
    expect(emojiIn(shadow, 'grid')).toHaveLength(13);
    expect(focused()).toBe(search(shadow));
  });

  it('focuses its search box on focusSearch(), and takes its accessible name from `label`', async () => {
    const page = await newSpecPage({ components: [NatterEmojiPicker], html: '<natter-emoji-picker label="React to Alice’s message"></natter-emoji-picker>' });
    await settle(page);
    const shadow = page.root!.shadowRoot!;
    expect(shadow.querySelector('[part="base"]')!.getAttribute('aria-label')).toBe('React to Alice’s message');
    const focus = jest.spyOn(search(shadow), 'focus');
    await (page.root as HTMLElement & { focusSearch(): Promise<void> }).focusSearch();
    expect(focus).toHaveBeenCalled();
  });
});
