import { h } from '@stencil/core';
import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import { AdapterError } from '../../adapters/types';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { createSession, type Session } from '../../session/session';
import { NatterLogin } from './natter-login';
import type { NatterLoginSubmitDetail } from './natter-login-interface';
import { settle } from '../shared/spec-helpers';

const ME = 'me@demo.natter.chat';
const SECRET = 'correct horse battery staple';

function demoSession(): Session {
  return createSession({ adapter: createDemoAdapter({ latencyMs: 0, ambient: false, replies: false }) });
}

async function loginPage(session: Session, props: { jid?: string; service?: string; mechanisms?: string[] } = {}) {
  const page = await newSpecPage({
    components: [NatterLogin],
    template: () => <natter-login session={session} jid={props.jid} service={props.service} mechanisms={props.mechanisms}></natter-login>,
  });
  const shadow = page.root!.shadowRoot!;
  const submitted: NatterLoginSubmitDetail[] = [];
  page.root!.addEventListener('natterLoginSubmit', event => submitted.push((event as CustomEvent<NatterLoginSubmitDetail>).detail));
  return { page, shadow, submitted };
}

function input(shadow: ShadowRoot, id: string): HTMLInputElement {
  return shadow.querySelector<HTMLInputElement>(`#${id}`)!;
}

async function type(page: SpecPage, field: HTMLInputElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await page.waitForChanges();
}

/** Every value in a Storage (mock-doc's MockStorage has no `length`; it keeps an `items` map). */
function storedValues(storage: Storage): string[] {
  const items = (storage as unknown as { items?: Map<string, string> }).items;
  if (items) return [...items.values()];
  return Array.from({ length: storage.length }, (_, index) => storage.getItem(storage.key(index)!) ?? '');
}

/** Submits the form and waits until the component has handled it (login included). */
async function submit(page: SpecPage, shadow: ShadowRoot) {
  shadow.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  await page.waitForChanges();
  await new Promise(resolve => setTimeout(resolve, 0));
  await page.waitForChanges();
}

describe('natter-login', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('renders a labelled form with every part, prefilled from its props', async () => {
    const { shadow } = await loginPage(demoSession(), { jid: ME, service: 'wss://demo.natter.chat/ws' });
    for (const part of ['base', 'form', 'field', 'label', 'input', 'submit-button', 'settings', 'settings-toggle']) {
      expect(shadow.querySelector(`[part~="${part}"]`)).not.toBeNull();
    }
    const labels = Array.from(shadow.querySelectorAll('label')).map(label => [label.getAttribute('for'), label.textContent]);
    expect(labels).toEqual([
      ['jid', 'Chat address (JID)'],
      ['password', 'Password'],
      ['service', 'WebSocket URL (optional)'],
    ]);
    expect(input(shadow, 'jid').value).toBe(ME);
    expect(input(shadow, 'service').value).toBe('wss://demo.natter.chat/ws');
    expect(input(shadow, 'password').getAttribute('type')).toBe('password');
    expect(input(shadow, 'password').getAttribute('autocomplete')).toBe('current-password');
    expect(shadow.querySelector('[part="submit-button"]')!.textContent).toBe('Sign in');
    expect(shadow.querySelector('[role="alert"]')).toBeNull();
  });

  it('follows a jid prop changed from outside without emitting an event', async () => {
    const { page, shadow, submitted } = await loginPage(demoSession());
    page.root!.jid = 'alice@demo.natter.chat';
    await page.waitForChanges();
    expect(input(shadow, 'jid').value).toBe('alice@demo.natter.chat');
    expect(submitted).toEqual([]);
  });

  it('rejects an invalid address and an empty password without calling the adapter', async () => {
    const session = demoSession();
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow, submitted } = await loginPage(session);

    await type(page, input(shadow, 'jid'), 'not an address');
    await submit(page, shadow);

    const jid = input(shadow, 'jid');
    expect(jid.getAttribute('aria-invalid')).toBe('true');
    expect(jid.getAttribute('aria-describedby')).toBe('jid-error');
    expect(shadow.querySelector('#jid-error')!.textContent).toBe('That is not a valid chat address. It looks like name@example.org.');
    const password = input(shadow, 'password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe('password-error');
    expect(shadow.querySelector('#password-error')!.textContent).toBe('Enter your password.');
    expect(connect).not.toHaveBeenCalled();
    expect(submitted).toEqual([]);
    expect(session.connection.get('status')).toBe('offline');

    for (const bad of ['', 'me@', '@demo.natter.chat', 'me @demo.natter.chat', 'me@demo natter.chat']) {
      await type(page, jid, bad);
      await type(page, password, 'x');
      await submit(page, shadow);
      expect(shadow.querySelector('#jid-error')).not.toBeNull();
      expect(shadow.querySelector('#password-error')).toBeNull();
    }
    expect(connect).not.toHaveBeenCalled();
  });

  it('clears a field error once the field is edited', async () => {
    const { page, shadow } = await loginPage(demoSession());
    await submit(page, shadow);
    expect(shadow.querySelector('#jid-error')).not.toBeNull();
    await type(page, input(shadow, 'jid'), 'me@demo');
    expect(shadow.querySelector('#jid-error')).toBeNull();
    expect(input(shadow, 'jid').getAttribute('aria-invalid')).toBe('false');
    expect(shadow.querySelector('#password-error')).not.toBeNull();
  });

  it('asks only for address and password: the WebSocket URL waits, described, under a closed "Advanced connection settings"', async () => {
    const session = demoSession();
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow, submitted } = await loginPage(session, { jid: ME });
    const details = shadow.querySelector('details')!;
    expect(details.hasAttribute('open')).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Advanced connection settings');
    const service = input(shadow, 'service');
    expect(service.hasAttribute('required')).toBe(false);
    expect(service.getAttribute('aria-describedby')).toBe('service-hint');
    expect(shadow.querySelector('#service-hint')!.textContent).toBe('Leave empty to find it from your chat address.');

    await type(page, input(shadow, 'password'), SECRET);
    await submit(page, shadow);
    expect(submitted).toEqual([{ jid: ME }]);
    // No service: the adapter finds it (XEP-0156).
    expect(connect).toHaveBeenCalledWith({ jid: ME, password: SECRET, service: undefined });
  });

  it('rejects a WebSocket URL that is not ws:// or wss:// and opens the server settings', async () => {
    const session = demoSession();
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow } = await loginPage(session, { jid: ME });
    await type(page, input(shadow, 'password'), SECRET);
    await type(page, input(shadow, 'service'), 'https://demo.natter.chat');
    await submit(page, shadow);
    expect(shadow.querySelector('#service-error')!.textContent).toBe('Enter a WebSocket URL that starts with wss:// or ws://.');
    expect(input(shadow, 'service').getAttribute('aria-describedby')).toBe('service-hint service-error');
    expect(shadow.querySelector('details')!.hasAttribute('open')).toBe(true);
    expect(connect).not.toHaveBeenCalled();
  });

  it('signs in, emitting natterLoginSubmit without the password, then shows who is signed in', async () => {
    const session = demoSession();
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow, submitted } = await loginPage(session, { jid: ME, mechanisms: ['PLAIN'] });
    await type(page, input(shadow, 'password'), SECRET);
    await type(page, input(shadow, 'service'), ' wss://demo.natter.chat/ws ');
    await submit(page, shadow);

    expect(submitted).toEqual([{ jid: ME, service: 'wss://demo.natter.chat/ws' }]);
    expect(connect).toHaveBeenCalledWith({ jid: ME, password: SECRET, service: 'wss://demo.natter.chat/ws', mechanisms: ['PLAIN'] });
    expect(session.connection.get('status')).toBe('online');
    expect(shadow.querySelector('form')).toBeNull();
    const status = shadow.querySelector('[part="status"]')!;
    expect(status.textContent).toBe(`Signed in as ${ME}`);
    expect(status.getAttribute('role')).toBe('status');
    expect(shadow.querySelector('[part="sign-out-button"]')!.textContent).toBe('Sign out');
  });

  it('never lets the password reach an event, a store, an attribute or web storage', async () => {
    const session = demoSession();
    const { page, shadow, submitted } = await loginPage(session, { jid: ME });
    const setItem = jest.fn();
    for (const storage of [localStorage, sessionStorage, page.win.localStorage, page.win.sessionStorage]) {
      const original = storage.setItem.bind(storage);
      jest.spyOn(storage, 'setItem').mockImplementation((key: string, value: string) => {
        setItem(key, value);
        original(key, value);
      });
    }
    const allEvents: unknown[] = [];
    for (const name of ['natterLoginSubmit', 'submit', 'input', 'change']) {
      page.root!.addEventListener(name, event => allEvents.push((event as CustomEvent).detail));
    }
    await type(page, input(shadow, 'password'), SECRET);
    // While the form is there, the secret may only be in the password field itself.
    const holders = Array.from(shadow.querySelectorAll('*')).filter(element =>
      Array.from(element.attributes).some(attribute => attribute.value.includes(SECRET)),
    );
    // mock-doc keeps an input's value as an attribute; a browser keeps it only in the field's state.
    expect(holders.map(element => element.id)).toEqual(['password']);

    await submit(page, shadow);
    expect(session.connection.get('status')).toBe('online');
    expect(submitted).toHaveLength(1);
    expect(JSON.stringify(allEvents)).not.toContain(SECRET);
    expect(JSON.stringify(submitted)).not.toContain(SECRET);
    expect(setItem).not.toHaveBeenCalled();
    for (const storage of [localStorage, sessionStorage, page.win.localStorage, page.win.sessionStorage]) {
      expect(storedValues(storage)).toEqual([]);
    }
    expect(page.doc.cookie ?? '').not.toContain(SECRET);
    expect(page.root!.outerHTML).not.toContain(SECRET);
    expect(shadow.innerHTML).not.toContain(SECRET);
    const stores = [session.connection, session.roster, session.conversations].map(store => JSON.stringify(store.state));
    for (const state of stores) expect(state).not.toContain(SECRET);
    expect(Object.values(page.root!)).not.toContain(SECRET);
  });

  it('skips the login when natterLoginSubmit is default-prevented', async () => {
    const session = demoSession();
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow, submitted } = await loginPage(session, { jid: ME });
    page.root!.addEventListener('natterLoginSubmit', event => event.preventDefault());
    await type(page, input(shadow, 'password'), SECRET);
    await submit(page, shadow);
    expect(submitted).toEqual([{ jid: ME }]);
    expect(connect).not.toHaveBeenCalled();
    expect(shadow.querySelector('form')).not.toBeNull();
  });

  it('shows the session error in an alert when the password is refused, and keeps the form for a retry', async () => {
    const session = demoSession();
    const { page, shadow } = await loginPage(session, { jid: ME });
    await type(page, input(shadow, 'password'), 'wrong');
    await submit(page, shadow);

    expect(session.connection.get('status')).toBe('error');
    const alert = shadow.querySelector('[role="alert"]')!;
    expect(alert.getAttribute('part')).toBe('error');
    expect(alert.textContent).toBe('Wrong address or password.');
    const button = shadow.querySelector<HTMLButtonElement>('[part="submit-button"]')!;
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.textContent).toBe('Sign in');
    expect(button.getAttribute('aria-describedby')).toBe('login-error');

    // A retry with the right password clears the error and signs in.
    await type(page, input(shadow, 'password'), SECRET);
    await submit(page, shadow);
    expect(session.connection.get('status')).toBe('online');
    expect(shadow.querySelector('[role="alert"]')).toBeNull();
  });

  it('maps other session error codes to their catalogue text', async () => {
    const session = demoSession();
    const { page, shadow } = await loginPage(session);
    session.dispatch({ type: 'connection', status: 'error', error: { code: 'unreachable', detail: 'ECONNREFUSED' } });
    await page.waitForChanges();
    expect(shadow.querySelector('[role="alert"]')!.textContent).toBe(
      'Cannot reach the chat server. Check the address or the WebSocket URL, then try again.',
    );
    session.dispatch({ type: 'connection', status: 'error', error: { code: 'no-mechanism' } });
    await page.waitForChanges();
    expect(shadow.querySelector('[role="alert"]')!.textContent).toBe('The server offers no sign-in method this app may use.');
  });

  it('while connecting disables the button, says so and is busy', async () => {
    // A latency long against the checks below, which a loaded CI machine once stretched past 50 ms.
    const session = createSession({ adapter: createDemoAdapter({ latencyMs: 1_000, ambient: false, replies: false }) });
    const { page, shadow } = await loginPage(session, { jid: ME });
    await type(page, input(shadow, 'password'), SECRET);
    shadow.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(page);

    expect(session.connection.get('status')).toBe('connecting');
    const button = shadow.querySelector<HTMLButtonElement>('[part="submit-button"]')!;
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.textContent).toBe('Connecting…');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(shadow.querySelector('form')!.getAttribute('aria-busy')).toBe('true');

    while (session.connection.get('status') === 'connecting') await new Promise(resolve => setTimeout(resolve, 20));
    await page.waitForChanges();
    expect(session.connection.get('status')).toBe('online');
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe(`Signed in as ${ME}`);
  });

  it('signs out with the Sign out button and shows the form again with an empty password', async () => {
    const session = demoSession();
    await session.actions.login({ jid: ME, password: 'x' });
    const { page, shadow } = await loginPage(session, { jid: ME });
    const logout = jest.spyOn(session.actions, 'logout');
    shadow.querySelector<HTMLButtonElement>('[part="sign-out-button"]')!.click();
    await page.waitForChanges();
    await new Promise(resolve => setTimeout(resolve, 0));
    await page.waitForChanges();
    expect(logout).toHaveBeenCalledTimes(1);
    expect(session.connection.get('status')).toBe('offline');
    expect(input(shadow, 'jid').value).toBe(ME);
    expect(input(shadow, 'password').value).toBe('');
  });
});

describe('natter-login: stay signed in', () => {
  /** A demo session whose adapter can keep logins, and keeps one for `remembered`. */
  function rememberingSession(remembered: string | null): Session {
    const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
    Object.assign(adapter, { persistentLogin: true, rememberedAccount: async () => remembered });
    return createSession({ adapter });
  }

  async function rememberPage(session: Session, props: { remember?: boolean; autoSignIn?: boolean } = {}) {
    const page = await newSpecPage({
      components: [NatterLogin],
      template: () => <natter-login session={session} jid={ME} remember={props.remember ?? true} autoSignIn={props.autoSignIn ?? true}></natter-login>,
    });
    await new Promise(resolve => setTimeout(resolve, 0));
    await page.waitForChanges();
    return { page, shadow: page.root!.shadowRoot! };
  }

  it('offers a labelled "Stay signed in" checkbox, checked by default and described by its hint, and signs in with remember', async () => {
    const session = rememberingSession(null);
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow } = await rememberPage(session);
    const box = input(shadow, 'remember');
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(true);
    expect(box.getAttribute('part')).toBe('remember-input');
    expect(shadow.querySelector('label[for="remember"]')!.textContent).toBe('Stay signed in');
    expect(shadow.querySelector(`#${box.getAttribute('aria-describedby')}`)!.textContent).toContain('shared computer');
    await type(page, input(shadow, 'password'), SECRET);
    await submit(page, shadow);
    expect(connect).toHaveBeenCalledWith({ jid: ME, password: SECRET, service: undefined, remember: true });
  });

  it('signs in without remember once unchecked, or when it starts unchecked', async () => {
    const session = rememberingSession(null);
    const connect = jest.spyOn(session.adapter, 'connect');
    const { page, shadow } = await rememberPage(session, { remember: false });
    expect(input(shadow, 'remember').checked).toBe(false);
    await type(page, input(shadow, 'password'), SECRET);
    await submit(page, shadow);
    expect(connect).toHaveBeenCalledWith({ jid: ME, password: SECRET, service: undefined });

    const other = rememberingSession(null);
    const connectOther = jest.spyOn(other.adapter, 'connect');
    const second = await rememberPage(other);
    const box = input(second.shadow, 'remember');
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await type(second.page, input(second.shadow, 'password'), SECRET);
    await submit(second.page, second.shadow);
    expect(connectOther).toHaveBeenCalledWith({ jid: ME, password: SECRET, service: undefined });
  });

  it('shows no checkbox when the adapter cannot keep a login', async () => {
    const { shadow } = await loginPage(demoSession(), { jid: ME });
    expect(shadow.querySelector('#remember')).toBeNull();
  });

  it('on load, signs in to the remembered account with no password', async () => {
    const session = rememberingSession('juliet@capulet.lit');
    const connect = jest.spyOn(session.adapter, 'connect');
    const { shadow } = await rememberPage(session);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(connect).toHaveBeenCalledWith({ jid: 'juliet@capulet.lit' });
    expect(session.connection.get('status')).toBe('online');
    expect(shadow.querySelector('[part="status"]')!.textContent).toContain('juliet@capulet.lit');
  });

  it('when the token is refused, shows the form with the address, an empty password and why', async () => {
    const session = rememberingSession('juliet@capulet.lit');
    jest.spyOn(session.adapter, 'connect').mockRejectedValue(new AdapterError('token-refused', 'the server refused the token'));
    const { shadow } = await rememberPage(session);
    expect(input(shadow, 'jid').value).toBe('juliet@capulet.lit');
    expect(input(shadow, 'password').value).toBe('');
    expect(shadow.querySelector('[role="alert"]')!.textContent).toBe('Your saved sign-in is no longer valid. Enter your password to sign in again.');
  });

  it('does not sign in on load with autoSignIn off, nor a second time for the same session', async () => {
    const off = rememberingSession('juliet@capulet.lit');
    const connectOff = jest.spyOn(off.adapter, 'connect');
    await rememberPage(off, { autoSignIn: false });
    expect(connectOff).not.toHaveBeenCalled();

    const session = rememberingSession('juliet@capulet.lit');
    const connect = jest.spyOn(session.adapter, 'connect');
    await rememberPage(session);
    await session.actions.logout();
    await rememberPage(session); // e.g. <natter-app> shows a new form after sign-out
    expect(connect).toHaveBeenCalledTimes(1);
  });
});
