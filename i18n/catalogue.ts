import { createStore } from '@stencil/store';
import english from './locales/en.json';
import { localeLoaders } from './locale-files';

/**
 * Every user-visible string in Natter, in English: `i18n/locales/en.json`, bundled, the fallback for
 * any key a locale lacks. Other locales are `i18n/locales/<tag>.json` files loaded on demand with
 * `setLocale()` (docs/translating.md); replace any string at runtime with `setMessages()`.
 *
 * `{name}` placeholders are filled from the parameters. A key with plural variants (`.one`,
 * `.other`, and in other locales `.zero`, `.two`, `.few`, `.many`) is chosen by `Intl.PluralRules`
 * from the `count` parameter.
 */
export const englishMessages = english;

export type MessageKey = keyof typeof englishMessages;
/** A key a caller may pass: a plain key, or the stem of a `.one` / `.other` pair. */
type PluralStem<Key> = Key extends `${infer Stem}.other` ? Stem : never;
export type TranslationKey = MessageKey | PluralStem<MessageKey>;
export type Catalogue = Record<string, string>;

/** The tag of the bundled English catalogue. */
export const FALLBACK_LOCALE = 'en';

/** The locales Natter ships: English and every `i18n/locales/<tag>.json` (the list comes from the files). */
export function availableLocales(): string[] {
  return [FALLBACK_LOCALE, ...Object.keys(localeLoaders).filter(tag => tag !== FALLBACK_LOCALE)].sort();
}

interface CatalogueState {
  /** English, under the loaded locale's strings, under the app's overrides. */
  messages: Catalogue;
  /** The locale for formatting and plural rules, when one was set (else the page's, then the browser's). */
  locale: string | undefined;
  /** The shipped locale whose strings are shown. */
  loaded: string;
  /** The reading direction of the strings shown. */
  direction: 'ltr' | 'rtl';
}

const catalogueStore = createStore<CatalogueState>({
  messages: { ...englishMessages },
  locale: undefined,
  loaded: FALLBACK_LOCALE,
  direction: 'ltr',
});

/** The loaded locale's own strings (empty for English) and the app's overrides, kept apart so each can change alone. */
let localeMessages: Catalogue = {};
let overrides: Catalogue = {};

function publish(): void {
  catalogueStore.set('messages', { ...englishMessages, ...localeMessages, ...overrides });
}

/**
 * Replaces strings over the current locale's (pass only the keys you change); `locale`, when
 * given, is the locale numbers, dates and plurals are formatted for. Overrides stay when
 * another locale is loaded.
 */
export function setMessages(messages: Partial<Record<MessageKey, string>> & Catalogue, locale?: string): void {
  overrides = { ...messages };
  publish();
  if (locale !== undefined) catalogueStore.set('locale', locale);
}

/** English, no overrides, the page's locale for formatting. */
export function resetMessages(): void {
  defaultSerial = ++loadSerial;
  localeMessages = {};
  overrides = {};
  publish();
  catalogueStore.set('locale', undefined);
  catalogueStore.set('loaded', FALLBACK_LOCALE);
  catalogueStore.set('direction', 'ltr');
}

/** The locale for formatting: the one set with `setLocale()` / `setMessages()`, else the page's, else the browser's. */
export function currentLocale(): string | undefined {
  const configured = catalogueStore.get('locale');
  if (configured) return configured;
  const pageLang = typeof document !== 'undefined' ? document.documentElement?.lang : '';
  if (pageLang) return pageLang;
  return typeof navigator !== 'undefined' ? navigator.language : undefined;
}

/** The shipped locale whose strings are shown (`en` until another is loaded). */
export function loadedLocale(): string {
  return catalogueStore.get('loaded');
}

/** `rtl` when the strings shown are in a right-to-left script (Arabic, Hebrew...), else `ltr`. */
export function currentDirection(): 'ltr' | 'rtl' {
  return catalogueStore.get('direction');
}

/** Scripts written right to left (ISO 15924), for a locale's reading direction. */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** The reading direction of a BCP 47 tag, from its (likely) script: `ar` -> Arab -> rtl. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  try {
    const script = new Intl.Locale(tag).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** Language, script and region of a tag with the likely subtags filled in (`zh` -> zh-Hans-CN), or null when it is no valid tag. */
function likely(tag: string): { language: string; script?: string; region?: string } | null {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return { language: locale.language, script: locale.script, region: locale.region };
  } catch {
    return null;
  }
}

/**
 * The shipped locale for a requested BCP 47 tag, or undefined when none fits: the same tag, else
 * the same language and script in the same region, else in another region (`de-AT` -> de,
 * `pt` / `pt-PT` -> pt-BR, `zh` / `zh-Hans` -> zh-CN; `zh-TW` is Traditional Chinese and gets none).
 */
export function matchLocale(requested: string, shipped: string[] = availableLocales()): string | undefined {
  const exact = shipped.find(tag => tag.toLowerCase() === requested.toLowerCase());
  if (exact) return exact;
  const wanted = likely(requested);
  if (!wanted) return undefined;
  const candidates = shipped
    .map(tag => ({ tag, subtags: likely(tag) }))
    .filter(({ subtags }) => subtags && subtags.language === wanted.language && subtags.script === wanted.script);
  return (candidates.find(({ subtags }) => subtags!.region === wanted.region) ?? candidates[0])?.tag;
}

/** Each setLocale() call's number: a slower, earlier load never replaces a later one's strings. */
let loadSerial = 0;

/**
 * Shows Natter's strings in the shipped locale that best matches `requested` (a BCP 47 tag),
 * loading its catalogue (a chunk of its own) on first use; numbers, dates and plurals follow
 * `requested`. An unknown locale gets English and a console warning. Resolves to the shipped tag
 * used; when the catalogue cannot be loaded, the current strings stay and the promise rejects.
 */
export async function setLocale(requested: string): Promise<string> {
  const serial = ++loadSerial;
  const tag = matchLocale(requested);
  if (!tag) {
    console.warn(`Natter has no strings for the locale "${requested}"; it shows English. Shipped: ${availableLocales().join(', ')}.`);
    apply(FALLBACK_LOCALE, {}, FALLBACK_LOCALE);
    return FALLBACK_LOCALE;
  }
  let messages: Catalogue = {};
  if (tag !== FALLBACK_LOCALE) {
    try {
      messages = await localeLoaders[tag]();
    } catch (error) {
      throw new Error(`Natter could not load its "${tag}" strings (${error instanceof Error ? error.message : String(error)}); the current strings stay.`);
    }
  }
  // A later call won while this one loaded.
  if (serial !== loadSerial) return catalogueStore.get('loaded');
  apply(tag, messages, requested);
  return tag;
}

/**
 * `setLocale(requested)` unless a locale was already chosen (by `setLocale()` or `setMessages()`
 * with a locale): the page's language is a default, never over the app's choice.
 */
export function setDefaultLocale(requested: string): Promise<string> | undefined {
  if (catalogueStore.get('locale') !== undefined || loadSerial > defaultSerial) return undefined;
  const loading = setLocale(requested);
  defaultSerial = loadSerial;
  return loading;
}
let defaultSerial = 0;

function apply(tag: string, messages: Catalogue, locale: string): void {
  // English over English (the usual page default) changes no string: no re-render of every component.
  const same = messages === localeMessages || (Object.keys(messages).length === 0 && Object.keys(localeMessages).length === 0);
  localeMessages = messages;
  if (!same) publish();
  catalogueStore.set('locale', locale);
  catalogueStore.set('loaded', tag);
  catalogueStore.set('direction', directionOf(tag));
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Intl objects by locale and style: making one costs far more than using it (a burst of new
 * message rows spent a third of each frame constructing a DateTimeFormat per time shown).
 */
const intlCache = new Map<string, Intl.DateTimeFormat | Intl.PluralRules | Intl.ListFormat>();
function dateFormat(style: 'time' | 'dateTime' | 'day'): Intl.DateTimeFormat {
  const locale = currentLocale();
  const key = `${style}|${locale ?? ''}`;
  let format = intlCache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time' ? { hour: 'numeric', minute: '2-digit' } : style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'full' };
    format = new Intl.DateTimeFormat(locale, options);
    intlCache.set(key, format);
  }
  return format;
}
function pluralRules(): Intl.PluralRules {
  const locale = currentLocale();
  const key = `plural|${locale ?? ''}`;
  let rules = intlCache.get(key) as Intl.PluralRules | undefined;
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    intlCache.set(key, rules);
  }
  return rules;
}

/** "A, B and C" in the locale's words (Intl.ListFormat, conjunction). */
export function formatList(items: string[]): string {
  const locale = currentLocale();
  const key = `list|${locale ?? ''}`;
  let format = intlCache.get(key) as Intl.ListFormat | undefined;
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'conjunction' });
    intlCache.set(key, format);
  }
  return format.format(items);
}

export function t(key: TranslationKey, params: Record<string, string | number> = {}): string {
  const messages = catalogueStore.get('messages');
  let template = messages[key];
  if (template === undefined && typeof params.count === 'number') {
    const category = pluralRules().select(params.count);
    template = messages[`${key}.${category}`] ?? messages[`${key}.other`];
  }
  if (template === undefined) return key;
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function dayStart(timestamp: number): number {
  const date = new Date(timestamp);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

export function formatTime(timestamp: number): string {
  return dateFormat('time').format(timestamp);
}

/** A localized date and time, for moments that may lie on another day (a message's earlier versions). */
export function formatDateTime(timestamp: number): string {
  return dateFormat('dateTime').format(timestamp);
}

/** "Today", "Yesterday" or a localized date, for day separators. */
export function formatDay(timestamp: number, now: number = Date.now()): string {
  const days = Math.round((dayStart(now) - dayStart(timestamp)) / 86_400_000);
  if (days === 0) return t('chat.today');
  if (days === 1) return t('chat.yesterday');
  return dateFormat('day').format(timestamp);
}

export function isSameDay(a: number, b: number): boolean {
  return dayStart(a) === dayStart(b);
}

const FILE_SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A file size in the largest unit that keeps it at 1 or more, e.g. "1.5 MB", "10 MB", "512 bytes" (decimal units, as file managers show). */
export function formatFileSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < FILE_SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(currentLocale(), {
    style: 'unit',
    unit: FILE_SIZE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** A duration as a clock reading, "0:05", "12:34" or "1:02:03" (recording time, playback position). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
