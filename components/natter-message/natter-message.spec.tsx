import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import type { Message } from '../../adapters/types';
import { NatterMessage } from './natter-message';
import { signedInDemoSession } from '../shared/demo-session';

const base: Message = {
  id: 'm1', conversation: 'alice@demo.natter.chat', from: 'alice@demo.natter.chat', direction: 'in',
  body: 'hi', timestamp: Date.UTC(2026, 0, 1, 12, 0), status: 'received',
};

async function render(message: Message, grouped = false) {
  const { session } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterMessage],
    template: () => <natter-message message={message} senderName="Alice" grouped={grouped} session={session}></natter-message>,
  });
  return { page, session, shadow: page.root!.shadowRoot! };
}

describe('natter-message', () => {
  it('shows sender, text and time; a grouped message hides the sender', async () => {
    const { shadow } = await render(base);
    expect(shadow.querySelector('[part="sender"]')!.textContent).toBe('Alice');
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe('hi');
    expect(shadow.querySelector('time')!.getAttribute('datetime')).toBe('2026-01-01T12:00:00.000Z');
    expect((await render(base, true)).shadow.querySelector('[part="sender"]')).toBeNull();
  });

  it('renders HTML in a body as text, never as elements', async () => {
    const { shadow } = await render({ ...base, body: '<img src=x onerror="alert(1)"><script>alert(2)</script>' });
    const body = shadow.querySelector('[part="body"]')!;
    expect(body.querySelector('img, script')).toBeNull();
    expect(body.textContent).toBe('<img src=x onerror="alert(1)"><script>alert(2)</script>');
  });

  it('makes allowed links clickable with noopener noreferrer, leaves javascript: as text', async () => {
    const { shadow } = await render({ ...base, body: 'see https://example.org/a and javascript:alert(1)' });
    const links = shadow.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('https://example.org/a');
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0].getAttribute('target')).toBe('_blank');
  });

  it('shows the delivery state of own messages as text', async () => {
    const own = { ...base, from: 'me@demo.natter.chat', direction: 'out' as const, status: 'delivered' as const };
    const { shadow } = await render(own);
    expect(shadow.querySelector('[part="sender"]')!.textContent).toBe('You');
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Delivered');
    expect(shadow.querySelector('[part="retry-button"]')).toBeNull();
  });

  it('offers retry on a failed message and emits natterMessageRetry', async () => {
    const own = { ...base, from: 'me@demo.natter.chat', direction: 'out' as const, status: 'failed' as const, error: 'timeout' };
    const { page, shadow, session } = await render(own);
    const retry = jest.spyOn(session.actions, 'retryMessage');
    const emitted = jest.fn();
    page.root!.addEventListener('natterMessageRetry', (event: Event) => emitted((event as CustomEvent).detail));
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Not sent: timeout');
    (shadow.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    expect(emitted).toHaveBeenCalledWith({ conversation: own.conversation, id: 'm1' });
    expect(retry).toHaveBeenCalledWith(own.conversation, 'm1');
  });

  it('renders a 100 KB body', async () => {
    const body = 'word '.repeat(20_000) + 'https://example.org';
    const { shadow } = await render({ ...base, body });
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe(body);
  });
});
