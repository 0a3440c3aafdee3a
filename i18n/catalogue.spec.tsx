import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { formatDay, formatDuration, formatFileSize, formatTime, resetMessages, setMessages, t } from './catalogue';
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
