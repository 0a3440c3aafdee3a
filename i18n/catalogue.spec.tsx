import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { formatDay, resetMessages, setMessages, t } from './catalogue';
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
});
