import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { createSession, type Session } from '../../session/session';
import { memoryAvatars } from '../../session/storage';
import { settle } from '../shared/spec-helpers';
import { NatterProfile } from './natter-profile';
import { centreSquare, pickProblem } from './image';

const ME = 'me@demo.natter.chat';

async function profilePage(options: { signIn?: boolean; fail?: boolean } = {}) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, fail: options.fail ? ['profile'] : [] });
  const session: Session = createSession({ adapter, avatarStorage: memoryAvatars() });
  if (options.signIn !== false) await session.actions.login({ jid: ME, password: 'pw' });
  const page = await newSpecPage({ components: [NatterProfile], template: () => <natter-profile session={session} closable></natter-profile> });
  await settle(page);
  return { page, session, adapter, shadow: page.root!.shadowRoot! };
}

async function type(page: Awaited<ReturnType<typeof profilePage>>['page'], field: HTMLInputElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await page.waitForChanges();
}

describe('natter-profile', () => {
  it('has labelled name fields, a picker button, a status region and parts', async () => {
    const { shadow } = await profilePage();
    expect(shadow.querySelector('[part="base"]')!.getAttribute('aria-labelledby')).toBe('profile-title');
    expect(shadow.querySelector('label[for="profile-full-name"]')!.textContent).toBe('Full name');
    expect(shadow.querySelector('label[for="profile-nick"]')!.textContent).toBe('Nickname');
    expect(shadow.querySelector('[part="choose-button"]')!.textContent).toBe('Choose a picture');
    expect(shadow.querySelector('[part="status"]')!.getAttribute('role')).toBe('status');
    expect(shadow.querySelector('[part="error"]')!.getAttribute('role')).toBe('alert');
    // The current avatar stands alone here: it is an image with a name, not decoration.
    const current = shadow.querySelector('[part="current-avatar"]')!;
    expect(current.getAttribute('role')).toBe('img');
    expect(current.getAttribute('aria-label')).toBe('Avatar of me');
  });

  it('saves the names, says "Saved." and shows what the profile now holds', async () => {
    const { page, session, shadow } = await profilePage();
    await type(page, shadow.querySelector<HTMLInputElement>('#profile-full-name')!, 'Me Myself');
    await type(page, shadow.querySelector<HTMLInputElement>('#profile-nick')!, 'Memo');
    shadow.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(session.profiles.get('profiles')[ME]).toMatchObject({ fullName: 'Me Myself', nick: 'Memo' });
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Saved.');
    expect(shadow.querySelector<HTMLInputElement>('#profile-nick')!.value).toBe('Memo');
  });

  it('keeps what was typed and says why when the server refuses', async () => {
    const { page, shadow } = await profilePage({ fail: true });
    await type(page, shadow.querySelector<HTMLInputElement>('#profile-nick')!, 'Memo');
    shadow.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(shadow.querySelector('[part="error"]')!.textContent).toMatch(/^The server refused it/);
    expect(shadow.querySelector<HTMLInputElement>('#profile-nick')!.value).toBe('Memo');
  });

  it('says the user is offline instead of sending', async () => {
    const { page, shadow } = await profilePage({ signIn: false });
    shadow.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(shadow.querySelector('[part="error"]')!.textContent).toBe('You are offline. Sign in again to change your profile.');
  });

  it('closes on Escape and with its button', async () => {
    const { page, shadow } = await profilePage();
    const reasons: string[] = [];
    page.root!.addEventListener('natterProfileClose', event => reasons.push((event as CustomEvent).detail.reason));
    shadow.querySelector('[part="base"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    (shadow.querySelector('[part="close-button"]') as HTMLButtonElement).click();
    expect(reasons).toEqual(['escape', 'button']);
  });

  it('refuses what is not a picture (SVG included) and files too large to read', () => {
    expect(pickProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(pickProblem({ type: 'image/svg+xml', size: 100 })).toBe('not-an-image');
    expect(pickProblem({ type: 'application/pdf', size: 100 })).toBe('not-an-image');
    expect(pickProblem({ type: '', size: 100 })).toBe('not-an-image');
    expect(pickProblem({ type: 'image/jpeg', size: 50 * 1024 * 1024 })).toBe('too-large');
    expect(centreSquare(400, 300)).toEqual({ x: 50, y: 0, side: 300 });
    expect(centreSquare(300, 401)).toEqual({ x: 0, y: 50, side: 300 });
  });
});
