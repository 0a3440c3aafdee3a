/**
 * Every theme in themes/ (and the built-in defaults) on one screen of the main components on the
 * demo network: natter-app in a room with its occupant sidebar, a chatbox with own, failed, edited,
 * styled and linked messages, the sign-in form showing an error, and a room badge. In each theme:
 * axe-core with color-contrast (text 4.5:1), and what axe does not measure: presence dots, input
 * borders and focus rings at 3:1 (WCAG 1.4.11), and disabled controls still at 4.5:1.
 * Then the showcase page (www/) in each theme from its own switcher.
 */
import type { E2EPage } from '@stencil/core/testing';
import { newE2EPage } from '@stencil/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT, describeViolations, installDeep, keepFocused, openPage, runAxe, waitForElement, waitForText } from './support';

jest.setTimeout(120_000); // one Chromium on a shared 2-core machine; each theme runs several sweeps

const THEMES_DIR = join(__dirname, '..', '..', 'themes');
/** The theme names, from the index that consumers link (so a theme added there is tested here). */
const THEMES = [...readFileSync(join(THEMES_DIR, 'index.css'), 'utf8').matchAll(/natter-([a-z-]+)\.css/g)].map(m => m[1]);

const ROOM = 'lounge@rooms.demo.natter.chat';
const ALICE = 'alice@demo.natter.chat';
const ME = 'you@demo.natter.chat';

const SCREEN = `
  <link rel="stylesheet" href="/themes/index.css">
  <style>
    body { margin: 0; }
    /* The page behind the components takes the theme's background, as an app using a theme would. */
    #theme-root { background: var(--natter-color-bg, #ffffff); color: var(--natter-color-text, #1f2328); padding: 8px; }
    #theme-root > * { margin-block-end: 8px; }
  </style>
  <div id="theme-root">
    <natter-session id="signed-in" adapter="demo">
      <natter-app style="--natter-app-height: 560px"></natter-app>
      <natter-chatbox conversation="${ALICE}" style="display: block; height: 520px"></natter-chatbox>
      <natter-room-badge room="${ROOM}"></natter-room-badge>
    </natter-session>
    <natter-session id="signing-in" adapter="demo">
      <natter-login></natter-login>
    </natter-session>
  </div>`;

/** Sets a theme on the root: a class, as the docs show (data-natter-theme is tested by the showcase). */
async function applyTheme(page: E2EPage, theme: string | null): Promise<void> {
  await page.evaluate((name: string | null) => {
    const root = document.getElementById('theme-root')!;
    root.className = name ? `natter-theme-${name}` : '';
  }, theme);
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * Runs in the page: contrast that axe does not check, over every shadow root under `rootSelector`.
 * Returns one line per failure.
 */
function nonTextContrast(rootSelector: string): string[] {
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const lum = (c: Rgba) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const parentOf = (el: Element): Element | null =>
    (el as HTMLElement).assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
  /** The colour behind `el` (its own background included), composited up the flat tree. */
  const backdrop = (el: Element | null): Rgba => {
    let colour: Rgba = [0, 0, 0, 0];
    for (let node = el; node && colour[3] < 1; node = parentOf(node)) {
      colour = over(colour, parse(getComputedStyle(node).backgroundColor));
    }
    return over(colour, [255, 255, 255, 1]);
  };
  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const all: Element[] = [];
  const walk = (root: ParentNode) =>
    root.querySelectorAll('*').forEach(el => {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  walk(document.querySelector(rootSelector)!);
  const name = (el: Element) => {
    const host = (el.getRootNode() as ShadowRoot).host;
    return `${host ? host.tagName.toLowerCase() + ' ' : ''}${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}.${el.className}`;
  };
  const failures: string[] = [];
  const need = (what: string, el: Element, fg: Rgba, bg: Rgba, min: number) => {
    const r = ratio(over(fg, bg), bg);
    if (r < min) failures.push(`${what} ${name(el)}: ${r.toFixed(2)}:1 < ${min}:1`);
  };
  let dots = 0;
  let fields = 0;
  let disabled = 0;
  for (const el of all.filter(visible)) {
    const style = getComputedStyle(el);
    if (/\bpresence-dot\b/.test(el.getAttribute('part') ?? '')) {
      dots++;
      const fill = parse(style.backgroundColor);
      // An offline dot is a ring: its border is what shows.
      need('presence dot', el, fill[3] > 0 ? fill : parse(style.borderTopColor), backdrop(parentOf(el)), 3);
    }
    if ((el.tagName === 'INPUT' && !['checkbox', 'radio', 'range', 'hidden'].includes((el as HTMLInputElement).type)) || el.tagName === 'TEXTAREA') {
      fields++;
      need('field border', el, parse(style.borderTopColor), backdrop(parentOf(el)), 3);
    }
    if (((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') && (el.tagName === 'BUTTON' || el.tagName === 'INPUT')) {
      disabled++;
      need('disabled text', el, parse(style.color), backdrop(el), 4.5);
    }
  }
  // A screen without them would pass for nothing.
  if (dots < 3) failures.push(`only ${dots} presence dots on screen`);
  if (fields < 3) failures.push(`only ${fields} text fields on screen`);
  if (disabled < 1) failures.push('no disabled control on screen');
  return failures;
}

/**
 * Runs in the page: focuses each of `paths` (deep paths, see support.ts) and checks its focus ring
 * is drawn and has 3:1 against what it is drawn on: the element itself for an inset ring, else
 * what is around it.
 */
function focusRings(paths: string[]): string[] {
  const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
  const parse = (css: string): number[] => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (t: number[], b: number[]) => {
    const a = t[3] + b[3] * (1 - t[3]);
    return a === 0 ? [0, 0, 0, 0] : [0, 1, 2].map(i => (t[i] * t[3] + b[i] * b[3] * (1 - t[3])) / a).concat(a);
  };
  const lum = (c: number[]) => {
    const ch = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const parentOf = (el: Element): Element | null =>
    (el as HTMLElement).assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
  const backdrop = (el: Element | null) => {
    let c = [0, 0, 0, 0];
    for (let n = el; n && c[3] < 1; n = parentOf(n)) c = over(c, parse(getComputedStyle(n).backgroundColor));
    return over(c, [255, 255, 255, 1]);
  };
  const failures: string[] = [];
  for (const path of paths) {
    const el = deep(path)[0] as HTMLElement | undefined;
    if (!el) {
      failures.push(`nothing to focus at ${path}`);
      continue;
    }
    el.focus({ preventScroll: true });
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
      failures.push(`no focus ring at ${path} (outline ${style.outlineStyle} ${style.outlineWidth})`);
      continue;
    }
    const ring = parse(style.outlineColor);
    const behind = parseFloat(style.outlineOffset) < 0 ? backdrop(el) : backdrop(parentOf(el));
    const [hi, lo] = [lum(over(ring, behind)), lum(behind)].sort((x, y) => y - x);
    const r = (hi + 0.05) / (lo + 0.05);
    if (r < 3) failures.push(`focus ring at ${path}: ${r.toFixed(2)}:1 < 3:1`);
  }
  (document.activeElement as HTMLElement | null)?.blur();
  return failures;
}

const app = '#signed-in natter-app';
const chat = '#signed-in > natter-chatbox';
const FOCUSABLE = [
  `${app} >>> natter-roster >>> button.item`,
  `${app} >>> natter-roster >>> input[part=filter]`,
  `${app} >>> natter-room-list >>> button[part=join-button]`,
  `${app} >>> natter-occupants >>> button.item`,
  `${app} >>> natter-chatbox >>> natter-composer >>> textarea[part=input]`,
  `${chat} >>> [part=list]`,
  `${chat} >>> natter-message >>> .own a`,
  `${chat} >>> natter-message >>> .message:not(.own) a`,
  `${chat} >>> natter-message >>> button[part=retry-button]`,
  `${chat} >>> natter-message >>> button[part=edited]`,
  `#signing-in natter-login >>> input[name=jid]`,
  `#signing-in natter-login >>> button[part=submit-button]`,
  `#signed-in natter-room-badge >>> [part=base]`,
];

/** The tokens a theme file sets. */
function tokensOf(theme: string): string[] {
  return [...readFileSync(join(THEMES_DIR, `natter-${theme}.css`), 'utf8').matchAll(/(--natter-[a-z0-9-]+):/g)].map(m => m[1]);
}

/** `tokens` (and color-scheme) as they resolve on the theme root. */
async function resolvedTokens(page: E2EPage, tokens: string[]): Promise<Record<string, string>> {
  return page.evaluate((tokens: string[]) => {
    const style = getComputedStyle(document.getElementById('theme-root')!);
    const out: Record<string, string> = { 'color-scheme': style.colorScheme };
    for (const token of tokens) out[token] = style.getPropertyValue(token).trim();
    return out;
  }, tokens);
}

describe('themes: contrast on the main components', () => {
  let page: E2EPage;
  const errors: string[] = [];

  beforeAll(async () => {
    page = await openPage(SCREEN, errors);
    await waitForElement(page, `${app} >>> natter-login >>> input[name=jid]`);
    await page.evaluate(
      async (me: string, alice: string, room: string) => {
        type Host = HTMLElement & { session: any; componentOnReady(): Promise<unknown> };
        const host = document.getElementById('signed-in') as Host;
        await host.componentOnReady();
        const session = host.session;
        await session.actions.login({ jid: me, password: 'demo' });
        session.actions.openConversation(alice);
        // Own and incoming messages with styling and links, and an own message that failed.
        session.actions.sendMessage(alice, 'My *notes* are at https://example.org/notes and `code` too');
        const now = Date.now();
        session.adapter.emit({
          type: 'message',
          message: { id: 'theme-in', conversation: alice, from: alice, direction: 'in', body: 'Look: https://example.org/in _nice_ ~old~ `x`\n> quoted', timestamp: now, status: 'received' },
        });
        session.adapter.emit({
          type: 'message',
          message: { id: 'theme-failed', originId: 'theme-failed', conversation: alice, from: me, direction: 'out', body: 'This one did not go out', timestamp: now + 1, status: 'failed', error: 'timeout' },
        });
        // XEP-0115: every client of Alice's known not to show corrections (the chat header's note).
        for (const resource of Object.keys(session.roster.get('presence')[alice]?.resources ?? {})) {
          session.adapter.emit({ type: 'resourceFeatures', jid: alice, resource, features: [] });
        }
        session.actions.openConversation(room);
      },
      ME,
      ALICE,
      ROOM,
    );
    // The room with its sidebar in the app; the chat with its archive (with a corrected line) beside it.
    await waitForElement(page, `${app} >>> natter-occupants >>> button.item`);
    await waitForText(page, `${app} >>> natter-chatbox >>> [part=title]`, 'Natter lounge');
    await waitForElement(page, `${chat} >>> natter-message >>> button[part=retry-button]`);
    await waitForElement(page, `${chat} >>> natter-message >>> button[part=edited]`);
    await waitForElement(page, `${chat} >>> natter-message >>> .own a`);
    await waitForElement(page, `${chat} >>> [part=capability-note]`);
    await waitForElement(page, `${app} >>> natter-roster >>> [part~=presence-dot]`);
    // The sign-in form with an error: the demo network refuses the password "wrong".
    await page.type('#signing-in natter-login >>> input[name=jid]', ME);
    await page.type('#signing-in natter-login >>> input[name=password]', 'wrong');
    await page.keyboard.press('Enter');
    await waitForElement(page, '#signing-in natter-login >>> [role=alert]');
    // Keyboard modality: focus() then shows rings as :focus-visible, as for a keyboard user.
    await page.keyboard.press('Tab');
  });

  afterAll(async () => {
    await page?.close();
  });

  it('finds the themes in themes/index.css', () => {
    expect(THEMES).toEqual(expect.arrayContaining(['light', 'dark', 'auto', 'high-contrast', 'brand-grape']));
  });

  const cases: [label: string, theme: string | null, scheme: 'light' | 'dark'][] = [
    ['built-in defaults (no theme)', null, 'light'],
    ...THEMES.map(theme => [theme, theme, 'light'] as [string, string, 'light']),
    ['auto under a dark system preference', 'auto', 'dark'],
  ];

  it.each(cases)('%s: no axe violation, dots, borders, focus rings and disabled controls in contrast', async (_label, theme, scheme) => {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await applyTheme(page, theme);
    const report = await runAxe(page, '#theme-root');
    expect(describeViolations(report.violations)).toEqual([]);
    // axe did measure text contrast (it reports color-contrast among the passes only when it checked some).
    expect(report.passes).toEqual(expect.arrayContaining(['color-contrast']));
    expect(await page.evaluate(nonTextContrast, '#theme-root')).toEqual([]);
    expect(await page.evaluate(focusRings, FOCUSABLE)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the auto theme is the light theme, or the dark one under a dark system preference', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      // The tokens the light or dark theme sets (dark leaves space, font and radius to the defaults).
      const tokens = tokensOf(scheme);
      expect(tokens.length).toBeGreaterThan(20);
      await applyTheme(page, 'auto');
      const auto = await resolvedTokens(page, tokens);
      await applyTheme(page, scheme);
      const fixed = await resolvedTokens(page, tokens);
      expect(auto).toEqual(fixed);
    }
    await page.emulateMediaFeatures([]);
  });

  it('a theme reaches inside the components: the dark theme turns the chat dark, with dark-scheme nick colours', async () => {
    await applyTheme(page, 'dark');
    const colours = await page.evaluate(() => {
      const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
      const list = deep('#signed-in > natter-chatbox >>> .chatbox')[0];
      const sender = deep('#signed-in natter-app >>> natter-chatbox >>> natter-message >>> [part=sender]')[0];
      return { list: getComputedStyle(list).backgroundColor, scheme: getComputedStyle(sender).colorScheme };
    });
    expect(colours).toEqual({ list: 'rgb(13, 17, 23)', scheme: 'dark' });
  });
});

describe('themes: the showcase', () => {
  let page: E2EPage;
  const errors: string[] = [];

  beforeAll(async () => {
    page = await newE2EPage();
    await keepFocused(page);
    page.on('pageerror', (err: unknown) => errors.push(err instanceof Error ? err.message : String(err)));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto('/');
    await page.waitForChanges();
    await installDeep(page);
    await waitForText(page, '#demo-session natter-app >>> header > p[part=status]', TEXT['status.online']);
    // The gallery's account has answered Farah's request, so the page has one requests region.
    await waitForText(page, '#gallery-session natter-roster >>> [part=name]', 'Farah Haddad');
    await waitForElement(page, '#gallery-session natter-chatbox >>> natter-message');
    await page.keyboard.press('Tab');
  });

  afterAll(async () => {
    await page?.close();
  });

  it('is axe-clean and its focus rings show in every theme of its switcher', async () => {
    const offered = await page.$$eval('#theme option', options => options.map(o => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining(THEMES));
    for (const theme of offered) {
      await page.select('#theme', theme);
      expect(await page.evaluate(() => document.documentElement.dataset.natterTheme)).toBe(theme);
      const report = await runAxe(page, 'body');
      expect([theme, describeViolations(report.violations)]).toEqual([theme, []]);
      expect(report.passes).toEqual(expect.arrayContaining(['color-contrast']));
      const rings = await page.evaluate(focusRings, ['#theme', '#layout', '#tab-html', '#reset-tokens', '#demo-session natter-app >>> natter-roster >>> button.item']);
      expect([theme, rings]).toEqual([theme, []]);
    }
    await page.select('#theme', 'light');
    expect(errors).toEqual([]);
  });

  it('switches natter-app between the four layouts, axe-clean in each (dark theme), and Escape leaves fullscreen', async () => {
    await page.select('#theme', 'dark');
    for (const layout of ['overlay', 'mobile', 'fullscreen']) {
      await page.select('#layout', layout);
      expect(await page.$eval('#demo-app', el => el.getAttribute('layout'))).toBe(layout);
      // The overlay's docked panels and the mobile bar are new surfaces: themed and in contrast too.
      await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const report = await runAxe(page, '#demo-app');
      expect([layout, describeViolations(report.violations)]).toEqual([layout, []]);
    }
    await page.select('#theme', 'light');
    await page.focus('#layout');
    await page.keyboard.press('Escape');
    expect(await page.$eval('#demo-app', el => el.getAttribute('layout'))).toBe('embedded');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('layout');
  });

  it('code tabs work from the keyboard: arrows move and select, the panel follows', async () => {
    await page.focus('#tab-html');
    await page.keyboard.press('ArrowRight');
    const state = () =>
      page.evaluate(() => ({
        focused: document.activeElement?.id,
        selected: [...document.querySelectorAll('[role=tab][aria-selected=true]')].map(t => t.id),
        shown: [...document.querySelectorAll('[role=tabpanel]:not([hidden])')].map(p => p.id),
      }));
    expect(await state()).toEqual({ focused: 'tab-react', selected: ['tab-react'], shown: ['panel-react'] });
    await page.keyboard.press('End');
    expect(await state()).toEqual({ focused: 'tab-vue', selected: ['tab-vue'], shown: ['panel-vue'] });
    await page.keyboard.press('ArrowRight');
    expect(await state()).toEqual({ focused: 'tab-html', selected: ['tab-html'], shown: ['panel-html'] });
  });

  it('the token playground restyles the components live, writes the CSS, and resets to the theme', async () => {
    const bubble = '#gallery-session natter-chatbox >>> natter-message >>> .own';
    const bubbleColour = () => page.evaluate((p: string) => getComputedStyle((window as any).__natterDeep(p)[0]).backgroundColor, bubble);
    expect(await bubbleColour()).toBe('rgb(11, 92, 173)');
    await page.$eval('input[data-token="--natter-color-accent"]', el => {
      (el as HTMLInputElement).value = '#6d28d9';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await bubbleColour()).toBe('rgb(109, 40, 217)');
    expect(await page.$eval('#token-css', el => el.textContent)).toContain('--natter-color-accent: #6d28d9;');
    expect(await page.$eval('#contrast', el => el.textContent)).toMatch(/Text on the accent: \d+\.\d:1 \(meets AA\)/);
    await page.keyboard.press('Tab'); // keyboard modality, then the button from the keyboard
    await page.focus('#reset-tokens');
    await page.keyboard.press('Enter');
    expect(await bubbleColour()).toBe('rgb(11, 92, 173)');
    expect(await page.$eval('input[data-token="--natter-color-accent"]', el => (el as HTMLInputElement).value)).toBe('#0b5cad');
    expect(errors).toEqual([]);
  });
});
