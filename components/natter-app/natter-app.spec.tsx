import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { createSession } from '../../session/session';
import { NatterApp } from './natter-app';
import { NatterLogin } from '../natter-login/natter-login';
import { NatterRoster } from '../natter-roster/natter-roster';
import { NatterChatbox } from '../natter-chatbox/natter-chatbox';
import { NatterComposer } from '../natter-composer/natter-composer';
import { NatterMessage } from '../natter-message/natter-message';
import { DEMO_USER } from '../shared/demo-session';

async function app() {
  const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0, ambient: false, replies: false }) });
  const page = await newSpecPage({
    components: [NatterApp, NatterLogin, NatterRoster, NatterChatbox, NatterComposer, NatterMessage],
    template: () => <natter-app session={session} service="wss://chat.example.org/ws"></natter-app>,
  });
  return { page, session, shadow: page.root!.shadowRoot! };
}

describe('natter-app', () => {
  it('shows the sign-in form until online, prefilled with its service', async () => {
    const { shadow } = await app();
    const login = shadow.querySelector('natter-login') as HTMLElement & { service?: string };
    expect(login).not.toBeNull();
    expect(login.service).toBe('wss://chat.example.org/ws');
    expect(shadow.querySelector('natter-roster')).toBeNull();
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Offline');
  });

  it('shows roster beside chatbox once signed in, and keeps them while reconnecting', async () => {
    const { page, session, shadow } = await app();
    await session.actions.login({ jid: DEMO_USER, password: 'x' });
    await page.waitForChanges();
    expect(shadow.querySelector('natter-login')).toBeNull();
    expect(shadow.querySelector('[part="sidebar"] natter-roster')).not.toBeNull();
    expect(shadow.querySelector('[part="main"] natter-chatbox')).not.toBeNull();
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Online');
    session.dispatch({ type: 'connection', status: 'reconnecting' });
    await page.waitForChanges();
    expect(shadow.querySelector('natter-roster')).not.toBeNull();
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Connection lost, reconnecting…');
  });

  it('switches to the chat on narrow screens when a contact is chosen, and back', async () => {
    const { page, session, shadow } = await app();
    await session.actions.login({ jid: DEMO_USER, password: 'x' });
    await page.waitForChanges();
    const base = shadow.querySelector('[part="base"]')!;
    expect(base.classList.contains('show-chat')).toBe(false);
    shadow.querySelector('natter-roster')!.dispatchEvent(new CustomEvent('natterRosterSelect', { detail: { jid: 'alice@demo.natter.chat' } }));
    await page.waitForChanges();
    expect(base.classList.contains('show-chat')).toBe(true);
    (shadow.querySelector('.back') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(base.classList.contains('show-chat')).toBe(false);
  });
});
