import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import {
  availableLocales,
  currentDirection,
  currentLocale,
  directionOf,
  formatDay,
  formatDuration,
  formatFileSize,
  formatList,
  formatTime,
  loadedLocale,
  matchLocale,
  resetMessages,
  setLocale,
  setMessages,
  t,
} from './catalogue';
import { localeLoaders } from './locale-files';
import { NatterComposer } from '../components/natter-composer/natter-composer';
import { signedInDemoSession } from '../components/shared/demo-session';

afterEach(() => resetMessages());

describe('message catalogue', () => {
  it('fills placeholders and picks plural forms with Intl.PluralRules', () => {
    expect(t('chat.typing', { name: 'Alice' })).toBe('Alice is typing…');
    expect(t('roster.unread', { count: 1 })).toBe('1 unread message');
    expect(t('roster.unread', { count: 3 })).toBe('3 unread messages');
  });

  it('replaces strings at runtime and components re-render with them', async () => {
    const { session } = await signedInDemoSession();
    const page = await newSpecPage({
      components: [NatterComposer],
      template: () => <natter-composer session={session} conversation="alice@demo.natter.chat"></natter-composer>,
    });
    const send = () => page.root!.shadowRoot!.querySelector('[part="send-button"]')!.textContent;
    expect(send()).toBe('Send');
    setMessages({ 'composer.send': 'Senden' }, 'de');
    await page.waitForChanges();
    expect(send()).toBe('Senden');
    // Keys not given keep their English text.
    expect(t('composer.placeholder')).toBe('Write a message');
  });

  it('names days relative to today and formats older ones for the locale', () => {
    const now = new Date(2026, 10, 22, 12).getTime();
    expect(formatDay(now - 60_000, now)).toBe('Today');
    expect(formatDay(now - 86_400_000, now)).toBe('Yesterday');
    setMessages({}, 'de-DE');
    expect(formatDay(new Date(2026, 10, 1).getTime(), now)).toBe('Sonntag, 1. November 2026');
  });

  it('formats file sizes in decimal units, one decimal below ten', () => {
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(1536)).toBe('1.5 kB');
    expect(formatFileSize(10_000_000)).toBe('10 MB');
    expect(formatFileSize(123_456_789)).toBe('123 MB');
    expect(formatFileSize(2_500_000_000)).toBe('2.5 GB');
    setMessages({}, 'de-DE');
    expect(formatFileSize(1_500_000)).toBe('1,5 MB');
  });

  it('formats durations as clock readings', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5_999)).toBe('0:05');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('formats for the locale in force at each call, also after switching back and forth', () => {
    const moment = new Date(2026, 10, 1, 15, 5).getTime();
    setMessages({}, 'en-US');
    expect(formatTime(moment)).toMatch(/^3:05\sPM$/);
    setMessages({}, 'de-DE');
    expect(formatTime(moment)).toBe('15:05');
    expect(formatDay(moment, moment + 10 * 86_400_000)).toBe('Sonntag, 1. November 2026');
    setMessages({}, 'en-US');
    expect(formatTime(moment)).toMatch(/^3:05\sPM$/);
    expect(formatDay(moment, moment + 10 * 86_400_000)).toBe('Sunday, November 1, 2026');
  });
});

describe('locales loaded at runtime', () => {
  it('loads a shipped locale by its BCP 47 tag, falling back to English per missing key', async () => {
    await expect(setLocale('de-AT')).resolves.toBe('de');
    expect(loadedLocale()).toBe('de');
    expect(t('composer.send')).toBe('Senden');
    expect(t('roster.unread', { count: 1 })).toBe('1 ungelesene Nachricht');
    expect(t('roster.unread', { count: 4 })).toBe('4 ungelesene Nachrichten');
    expect(currentLocale()).toBe('de-AT');
    expect(currentDirection()).toBe('ltr');
  });

  it('matches tags to the shipped ones by language, script and region', () => {
    const shipped = ['en', 'de', 'pt-BR', 'zh-CN', 'ar', 'he'];
    expect(matchLocale('de-AT', shipped)).toBe('de');
    expect(matchLocale('DE', shipped)).toBe('de');
    expect(matchLocale('pt', shipped)).toBe('pt-BR');
    expect(matchLocale('pt-PT', shipped)).toBe('pt-BR');
    expect(matchLocale('zh', shipped)).toBe('zh-CN');
    expect(matchLocale('zh-Hans', shipped)).toBe('zh-CN');
    expect(matchLocale('zh-TW', shipped)).toBeUndefined();
    expect(matchLocale('ar-EG', shipped)).toBe('ar');
    expect(matchLocale('iw', shipped)).toBe('he');
    expect(matchLocale('sv', shipped)).toBeUndefined();
    expect(matchLocale('not a tag!', shipped)).toBeUndefined();
  });

  it('shows English with a warning for a locale it does not ship', async () => {
    await setLocale('de');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await expect(setLocale('sv-SE')).resolves.toBe('en');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('"sv-SE"'));
    } finally {
      warn.mockRestore();
    }
    expect(t('composer.send')).toBe('Send');
    expect(loadedLocale()).toBe('en');
  });

  it('keeps the current strings and rejects with a clear error when a locale cannot be loaded', async () => {
    await setLocale('de');
    localeLoaders.eo = () => Promise.reject(new Error('network down'));
    try {
      expect(availableLocales()).toContain('eo');
      await expect(setLocale('eo')).rejects.toThrow('Natter could not load its "eo" strings (network down); the current strings stay.');
      expect(t('composer.send')).toBe('Senden');
      expect(loadedLocale()).toBe('de');
    } finally {
      delete localeLoaders.eo;
    }
  });

  it('a later setLocale wins over an earlier one that loads slower', async () => {
    let release!: () => void;
    localeLoaders.eo = () => new Promise(resolve => (release = () => resolve({ 'composer.send': 'Sendi' })));
    try {
      const slow = setLocale('eo');
      await setLocale('de');
      release();
      await slow;
      expect(t('composer.send')).toBe('Senden');
    } finally {
      delete localeLoaders.eo;
    }
  });

  it('keeps app overrides on top of a loaded locale', async () => {
    setMessages({ 'composer.send': 'Abschicken' });
    await setLocale('de');
    expect(t('composer.send')).toBe('Abschicken');
    expect(t('composer.placeholder')).toBe('Nachricht schreiben');
    expect(currentLocale()).toBe('de');
  });

  it('formats numbers, dates, lists and sizes for the loaded locale', async () => {
    await setLocale('de');
    expect(formatFileSize(1_500_000)).toBe('1,5 MB');
    expect(formatList(['Anna', 'Bert', 'Cem'])).toBe('Anna, Bert und Cem');
    expect(formatTime(new Date(2026, 10, 1, 15, 5).getTime())).toBe('15:05');
    await setLocale('ar-EG');
    // Egyptian Arabic writes Arabic-Indic digits and its own decimal separator.
    expect(formatFileSize(1_500_000)).toMatch(/^١٫٥\s/);
    // Arabic joins "and" (و) to the next word.
    expect(formatList(['أ', 'ب'])).toBe('أ وب');
  });

  it('knows the reading direction of right-to-left locales', async () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('he-IL')).toBe('rtl');
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
    expect(directionOf('zh-CN')).toBe('ltr');
    await setLocale('he');
    expect(currentDirection()).toBe('rtl');
    expect(t('composer.send')).toBe('שליחה');
    resetMessages();
    expect(currentDirection()).toBe('ltr');
  });
});

describe('CLDR plural forms', () => {
  // Each form names its category, so a wrong pick shows which one was taken.
  const forms = (stem: string, categories: string[]) => Object.fromEntries(categories.map(category => [`${stem}.${category}`, `${category} {count}`]));

  it('Russian picks one, few, many and other', () => {
    setMessages(forms('roster.unread', ['one', 'few', 'many', 'other']), 'ru');
    const pick = (count: number) => t('roster.unread', { count });
    expect([1, 21, 101].map(pick)).toEqual(['one 1', 'one 21', 'one 101']);
    expect([2, 3, 4, 22, 34].map(pick)).toEqual(['few 2', 'few 3', 'few 4', 'few 22', 'few 34']);
    expect([0, 5, 11, 12, 14, 25, 111].map(pick)).toEqual(['many 0', 'many 5', 'many 11', 'many 12', 'many 14', 'many 25', 'many 111']);
    expect(pick(1.5)).toBe('other 1.5');
  });

  it('Polish picks one, few and many', () => {
    setMessages(forms('roster.unread', ['one', 'few', 'many', 'other']), 'pl');
    const pick = (count: number) => t('roster.unread', { count });
    expect(pick(1)).toBe('one 1');
    expect([2, 4, 22, 104].map(pick)).toEqual(['few 2', 'few 4', 'few 22', 'few 104']);
    // Unlike Russian, 21 is "many" in Polish.
    expect([0, 5, 12, 21, 25].map(pick)).toEqual(['many 0', 'many 5', 'many 12', 'many 21', 'many 25']);
  });

  it('Arabic picks all six forms from the shipped catalogue', async () => {
    await setLocale('ar');
    const pick = (count: number) => t('roster.unread', { count });
    expect(pick(0)).toBe('0 رسالة غير مقروءة');
    expect(pick(1)).toBe('1 رسالة غير مقروءة');
    expect(pick(2)).toBe('2 رسالتان غير مقروءتين');
    expect(pick(3)).toBe('3 رسائل غير مقروءة');
    expect(pick(10)).toBe('10 رسائل غير مقروءة');
    expect(pick(11)).toBe('11 رسالة غير مقروءة');
    expect(pick(99)).toBe('99 رسالة غير مقروءة');
    expect(pick(100)).toBe('100 رسالة غير مقروءة');
    // The categories themselves, since several Arabic forms read alike.
    const categories = forms('roster.unread', ['zero', 'one', 'two', 'few', 'many', 'other']);
    setMessages(categories);
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map(pick)).toEqual(['zero 0', 'one 1', 'two 2', 'few 3', 'few 10', 'many 11', 'many 99', 'other 100', 'other 102']);
  });
});
