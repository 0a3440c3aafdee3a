import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { englishMessages } from '../../i18n/catalogue';
import { createSession } from '../../session/session';
import { memoryPresenceStorage } from '../../session/storage';
import { settle } from '../shared/spec-helpers';
import { NatterBlocklist } from '../natter-blocklist/natter-blocklist';
import { NatterPresence } from './natter-presence';

async function presencePage(options: { invisible?: boolean; fail?: boolean } = {}) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, invisible: options.invisible });
  const session = createSession({ adapter, presenceStorage: memoryPresenceStorage() });
  await session.actions.login({ jid: 'me@demo.natter.chat', password: 'x' });
  if (options.fail) adapter.setPresence = async () => Promise.reject(new Error('not-allowed'));
  const page = await newSpecPage({ components: [NatterPresence], template: () => <natter-presence session={session}></natter-presence> });
  await settle(page);
  const shadow = page.root!.shadowRoot!;
  const changes: unknown[] = [];
  page.root!.addEventListener('natterPresenceChange', event => changes.push((event as CustomEvent).detail));
  return { page, shadow, session, changes };
}

const labels = (shadow: ShadowRoot) => Array.from(shadow.querySelectorAll('[part="choice"]')).map(el => el.textContent?.trim());

describe('natter-presence', () => {
  it('says the presence on its button, with part base, and opens a labelled radio group', async () => {
    const { page, shadow } = await presencePage();
    expect(shadow.querySelector('[part="base"]')).not.toBeNull();
    const toggle = shadow.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    expect(toggle.textContent).toBe('Your status: Online');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await page.waitForChanges();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(shadow.querySelector('legend')?.textContent).toBe(englishMessages['ownPresence.availability']);
    // No XEP-0186 on this server: no Invisible.
    expect(labels(shadow)).toEqual(['Online', 'Away', 'Do not disturb']);
  });

  it('offers Invisible where the server has XEP-0186', async () => {
    const { page, shadow } = await presencePage({ invisible: true });
    shadow.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await page.waitForChanges();
    expect(labels(shadow)).toEqual(['Online', 'Away', 'Do not disturb', 'Invisible']);
  });

  it('sets the chosen availability and status, says so in its status region and emits natterPresenceChange', async () => {
    const { page, shadow, session, changes } = await presencePage();
    shadow.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await page.waitForChanges();
    const dnd = shadow.querySelector<HTMLInputElement>('input[value="dnd"]')!;
    dnd.checked = true;
    dnd.dispatchEvent(new Event('change'));
    const status = shadow.querySelector<HTMLInputElement>('input[name="status"]')!;
    status.value = 'In a call';
    status.dispatchEvent(new Event('input'));
    shadow.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(session.connection.get('presence')).toEqual({ availability: 'dnd', status: 'In a call' });
    expect(shadow.querySelector('[part="panel"]')).toBeNull();
    expect(shadow.querySelector('[part="toggle"]')!.textContent).toBe('Your status: Do not disturb: In a call');
    expect(shadow.querySelector('[part="announcer"]')!.textContent).toBe('Your status is now Do not disturb: In a call.');
    expect(changes).toEqual([{ availability: 'dnd', status: 'In a call' }]);
  });

  it('shows why the presence could not be set and keeps the panel open', async () => {
    const { page, shadow, session } = await presencePage({ fail: true });
    shadow.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await page.waitForChanges();
    shadow.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(shadow.querySelector('[part="error"]')?.getAttribute('role')).toBe('alert');
    expect(shadow.querySelector('[part="error"]')?.textContent).toBe('Could not set your status: not-allowed');
    expect(shadow.querySelector('[part="panel"]')).not.toBeNull();
    expect(session.connection.get('presence')).toEqual({ availability: 'online' });
  });

  it('closes on Escape without change', async () => {
    const { page, shadow } = await presencePage();
    shadow.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await page.waitForChanges();
    shadow.querySelector('[part="base"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="panel"]')).toBeNull();
  });
});

describe('natter-blocklist', () => {
  async function listPage(options: { blocking?: boolean } = {}) {
    const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, blocking: options.blocking, blocked: ['spam@x.example'] });
    const session = createSession({ adapter, presenceStorage: memoryPresenceStorage() });
    await session.actions.login({ jid: 'me@demo.natter.chat', password: 'x' });
    const page = await newSpecPage({ components: [NatterBlocklist], template: () => <natter-blocklist session={session} open></natter-blocklist> });
    await settle(page);
    return { page, shadow: page.root!.shadowRoot!, session };
  }

  it('lists the blocked addresses and unblocks one', async () => {
    const { page, shadow, session } = await listPage();
    expect(shadow.querySelector('[part="toggle"]')!.textContent).toBe('Blocked (1)');
    expect(shadow.querySelector('[part="address"]')!.textContent).toBe('spam@x.example');
    shadow.querySelector<HTMLButtonElement>('[part="unblock-button"]')!.click();
    await settle(page);
    expect(session.roster.get('blocked')).toEqual({});
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe(englishMessages['blocklist.empty']);
    expect(shadow.querySelector('[part="announcer"]')!.textContent).toBe('spam@x.example is unblocked.');
  });

  it('is hidden where the server has no blocking', async () => {
    const { shadow } = await listPage({ blocking: false });
    expect(shadow.querySelector('[part="base"]')!.hasAttribute('hidden')).toBe(true);
    expect(shadow.querySelector('[part="toggle"]')).toBeNull();
  });
});
