import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import type { Message } from '../../adapters/types';
import { NatterChatbox } from './natter-chatbox';
import { NatterComposer } from '../natter-composer/natter-composer';
import { NatterMessage } from '../natter-message/natter-message';
import { signedInDemoSession } from '../shared/demo-session';
import { buildTimeline } from './grouping';

const ALICE = 'alice@demo.natter.chat';

function incoming(id: string, body: string, timestamp = Date.now()): Message {
  return { id, conversation: ALICE, from: ALICE, direction: 'in', body, timestamp, status: 'received' };
}

async function chatbox() {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterChatbox, NatterComposer, NatterMessage],
    template: () => <natter-chatbox session={session} conversation={ALICE}></natter-chatbox>,
  });
  await page.waitForChanges();
  const shadow = page.root!.shadowRoot!;
  return { page, session, adapter, shadow };
}

describe('natter-chatbox', () => {
  it('shows the contact name, presence as text, and loads the archive when opened', async () => {
    const { shadow, session } = await chatbox();
    expect(shadow.querySelector('[part="title"]')!.textContent).toBe('Alice Martin');
    expect(shadow.querySelector('[part="presence"]')!.textContent).toContain('Online');
    expect(session.conversations.get('active')).toBe(ALICE);
    const bodies = Array.from(shadow.querySelectorAll('natter-message')).map(el => (el as any).message.body);
    expect(bodies).toContain('Are we still on for the XMPP meetup?');
    expect(shadow.querySelector('[part="list"]')!.getAttribute('role')).toBe('log');
  });

  it('separates days and groups consecutive messages of one sender', async () => {
    const { shadow } = await chatbox();
    const days = Array.from(shadow.querySelectorAll('[part="day"]')).map(el => el.textContent);
    expect(days).toContain('Today');
    expect(days).toContain('Yesterday');
    const grouped = Array.from(shadow.querySelectorAll('natter-message')).map(el => (el as any).grouped);
    expect(grouped).toContain(true);
    expect(grouped[0]).toBe(false);
  });

  it('renders a new incoming message and the typing indicator', async () => {
    const { page, shadow, adapter } = await chatbox();
    adapter.emit({ type: 'chatState', conversation: ALICE, from: ALICE, state: 'composing' });
    await page.waitForChanges();
    expect(shadow.querySelector('[part="typing"]')!.textContent).toBe('Alice Martin is typing…');
    adapter.emit({ type: 'message', message: incoming('new-1', 'fresh news') });
    await page.waitForChanges();
    const last = Array.from(shadow.querySelectorAll('natter-message')).pop() as any;
    expect(last.message.body).toBe('fresh news');
    expect(shadow.querySelector('[part="typing"]')!.textContent).toBe('');
  });

  it('shows the history error with a retry', async () => {
    const { page, shadow, session } = await chatbox();
    session.dispatch({ type: 'historyError', conversation: ALICE, error: 'item-not-found' });
    await page.waitForChanges();
    const history = shadow.querySelector('[part="history"]')!;
    expect(history.getAttribute('role')).toBe('alert');
    expect(history.textContent).toContain('item-not-found');
  });

  it('with no conversation asks the user to choose one', async () => {
    const { session } = await signedInDemoSession();
    const page = await newSpecPage({ components: [NatterChatbox], template: () => <natter-chatbox session={session}></natter-chatbox> });
    expect(page.root!.shadowRoot!.querySelector('[part="empty"]')!.textContent).toBe('Choose a contact to start chatting.');
  });
});

describe('buildTimeline', () => {
  it('does not group across a day boundary or a long pause', () => {
    const day = new Date(2026, 0, 1, 23, 58).getTime();
    const items = buildTimeline([
      incoming('a', 'a', day),
      incoming('b', 'b', day + 60_000),
      incoming('c', 'c', day + 3 * 60_000),
      incoming('d', 'd', day + 30 * 60_000),
    ]);
    expect(items.map(item => (item.kind === 'day' ? 'day' : `${item.message.id}${item.grouped ? '+' : ''}`))).toEqual([
      'day', 'a', 'b+', 'day', 'c', 'd',
    ]);
  });
});
