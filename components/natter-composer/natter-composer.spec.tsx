import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { NatterComposer } from './natter-composer';
import { signedInDemoSession } from '../shared/demo-session';

const ALICE = 'alice@demo.natter.chat';
const BOB = 'bob@demo.natter.chat';

async function composer(conversation = ALICE) {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterComposer],
    template: () => <natter-composer session={session} conversation={conversation}></natter-composer>,
  });
  const textarea = page.root!.shadowRoot!.querySelector('textarea')!;
  const type = async (value: string) => {
    textarea.value = value;
    textarea.dispatchEvent(new Event('input'));
    await page.waitForChanges();
  };
  const press = async (key: string, shiftKey = false) => {
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
    await page.waitForChanges();
  };
  return { page, session, adapter, textarea, type, press };
}

describe('natter-composer', () => {
  it('has a labelled text area and a send button disabled while empty', async () => {
    const { page, textarea } = await composer();
    expect(textarea.getAttribute('aria-label')).toBe('Message to Alice Martin');
    expect(page.root!.shadowRoot!.querySelector('[part="send-button"]')!.hasAttribute('disabled')).toBe(true);
  });

  it('sends on Enter, emits natterComposerSubmit and clears the draft', async () => {
    const { page, session, type, press } = await composer();
    const submitted = jest.fn();
    page.root!.addEventListener('natterComposerSubmit', (event: Event) => submitted((event as CustomEvent).detail));
    await type('hello there');
    await press('Enter');
    expect(submitted).toHaveBeenCalledWith({ conversation: ALICE, body: 'hello there' });
    const messages = session.conversation(ALICE).get('messages');
    expect(messages[messages.length - 1]).toMatchObject({ body: 'hello there', direction: 'out' });
    expect(session.conversation(ALICE).get('draft')).toBe('');
  });

  it('does not send on Shift+Enter, nor blank text', async () => {
    const { session, type, press } = await composer();
    await type('   ');
    await press('Enter');
    await type('line one');
    await press('Enter', true);
    expect(session.conversation(ALICE).get('messages')).toEqual([]);
  });

  it('skips the default send when natterComposerSubmit is prevented', async () => {
    const { page, session, type, press } = await composer();
    page.root!.addEventListener('natterComposerSubmit', event => event.preventDefault());
    await type('keep me');
    await press('Enter');
    expect(session.conversation(ALICE).get('messages')).toEqual([]);
    expect(session.conversation(ALICE).get('draft')).toBe('keep me');
  });

  it('keeps each conversation its own draft when switching', async () => {
    const { page, session, textarea, type } = await composer();
    // mock-doc's <textarea> has no value setter, so Stencil renders the value as an attribute here.
    const shown = () => textarea.getAttribute('value');
    await type('draft for alice');
    page.root!.conversation = BOB;
    await page.waitForChanges();
    expect(shown()).toBe('');
    await type('draft for bob');
    page.root!.conversation = ALICE;
    await page.waitForChanges();
    expect(shown()).toBe('draft for alice');
    expect(session.conversation(BOB).get('draft')).toBe('draft for bob');
  });

  it('emits natterComposerInput on each change', async () => {
    const { page, type } = await composer();
    const inputs: string[] = [];
    page.root!.addEventListener('natterComposerInput', (event: Event) => inputs.push((event as CustomEvent).detail.value));
    await type('h');
    await type('hi');
    expect(inputs).toEqual(['h', 'hi']);
  });

  it('keeps a message that fails to send, marked failed, and retries it', async () => {
    const { session, adapter, type, press } = await composer();
    const send = jest.spyOn(adapter, 'sendMessage').mockRejectedValueOnce(new Error('service-unavailable'));
    await type('important');
    await press('Enter');
    await new Promise(resolve => setTimeout(resolve, 0));
    const [failed] = session.conversation(ALICE).get('messages');
    expect(failed).toMatchObject({ body: 'important', status: 'failed', error: 'service-unavailable' });
    session.actions.retryMessage(ALICE, failed.id);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(send).toHaveBeenCalledTimes(2);
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
    expect(session.conversation(ALICE).get('messages')[0].status).not.toBe('failed');
  });
});
