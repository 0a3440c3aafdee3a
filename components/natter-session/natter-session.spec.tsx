import { newSpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { DEMO_USER } from '../shared/demo-session';
import { createSession, type Session } from '../../session/session';
import { getDefaultSession, resolveSession } from '../../session/registry';
import { NatterSession } from './natter-session';
import { NatterComposer } from '../natter-composer/natter-composer';
import { loadedLocale, resetMessages, setLocale, t } from '../../i18n/catalogue';

type SessionHost = HTMLElement & { session: Session };

describe('natter-session', () => {
  it('makes one session per element, over the adapter its attribute names', async () => {
    const page = await newSpecPage({
      components: [NatterSession],
      html: '<natter-session id="a" adapter="demo"><p id="in-a"></p></natter-session><natter-session id="b"><p id="in-b"></p></natter-session>',
    });
    const a = page.body.querySelector('#a') as SessionHost;
    const b = page.body.querySelector('#b') as SessionHost;
    // The demo network signs anyone in and has contacts; XMPP tries a server (here none).
    await a.session.actions.login({ jid: DEMO_USER, password: 'any' });
    expect(Object.keys(a.session.roster.get('contacts')).length).toBeGreaterThan(0);
    await expect(b.session.actions.login({ jid: 'me@example.org', password: 'x', service: 'ws://127.0.0.1:9/' })).rejects.toThrow();
    expect(resolveSession(page.body.querySelector('#in-a')!)).toBe(a.session);
    expect(resolveSession(page.body.querySelector('#in-b')!)).toBe(b.session);
    expect(a.session).not.toBe(b.session);
  });

  it('uses a session set on its property, for every descendant', async () => {
    const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0 }) });
    const page = await newSpecPage({ components: [NatterSession], html: '<natter-session><p></p></natter-session>' });
    const host = page.body.querySelector('natter-session') as SessionHost;
    host.session = session;
    await page.waitForChanges();
    expect(resolveSession(page.body.querySelector('p')!)).toBe(session);
  });

  it('announces its session once it exists, and each new one set later', async () => {
    const announced: Session[] = [];
    const listen = (doc: Document) => doc.addEventListener('natterSessionReady', e => announced.push((e as CustomEvent<{ session: Session }>).detail.session));
    const page = await newSpecPage({ components: [NatterSession], html: '' });
    listen(page.doc);
    page.body.innerHTML = '<natter-session adapter="demo"><p></p></natter-session>';
    await page.waitForChanges();
    const host = page.body.querySelector('natter-session') as SessionHost;
    // Compared by identity: deep equality would walk into the lazy adapter.
    expect(announced.length).toBe(1);
    expect(announced[0]).toBe(host.session);
    const next = createSession({ adapter: createDemoAdapter({ latencyMs: 0 }) });
    host.session = next;
    await page.waitForChanges();
    host.session = next;
    await page.waitForChanges();
    expect(announced.length).toBe(2);
    expect(announced[1]).toBe(next);
    expect(resolveSession(host.firstElementChild!)).toBe(next);
  });

  it('finds the session from inside a shadow root, and falls back to the default session outside any', async () => {
    const page = await newSpecPage({ components: [NatterSession], html: '<natter-session adapter="demo"><div id="host"></div></natter-session><p id="outside"></p>' });
    const host = page.body.querySelector('#host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = page.doc.createElement('span');
    shadow.appendChild(inner);
    expect(resolveSession(inner)).toBe((page.body.querySelector('natter-session') as SessionHost).session);
    expect(resolveSession(page.body.querySelector('#outside')!)).toBe(getDefaultSession());
  });
});

describe('natter-session locale', () => {
  afterEach(() => resetMessages());

  const settle = async (page: { waitForChanges(): Promise<void> }, until: () => boolean) => {
    for (let i = 0; i < 50 && !until(); i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
      await page.waitForChanges();
    }
  };

  it('loads the strings of its locale attribute and lays out right to left for Arabic', async () => {
    const page = await newSpecPage({
      components: [NatterSession, NatterComposer],
      html: '<natter-session adapter="demo" locale="ar"><natter-composer conversation="alice@demo.natter.chat"></natter-composer></natter-session>',
    });
    const host = page.body.querySelector('natter-session')!;
    const send = () => page.body.querySelector('natter-composer')!.shadowRoot!.querySelector('[part="send-button"]')!.textContent;
    await settle(page, () => host.getAttribute('dir') === 'rtl');
    expect(host.getAttribute('dir')).toBe('rtl');
    expect(host.getAttribute('lang')).toBe('ar');
    expect(send()).toBe('إرسال');

    host.setAttribute('locale', 'de-CH');
    await settle(page, () => host.getAttribute('dir') === 'ltr');
    expect(host.getAttribute('dir')).toBe('ltr');
    expect(host.getAttribute('lang')).toBe('de');
    expect(send()).toBe('Senden');
  });

  it('without the attribute, takes the page language and leaves the direction to the page', async () => {
    const page = await newSpecPage({ components: [NatterSession], html: '<natter-session adapter="demo"></natter-session>' });
    page.doc.documentElement.lang = 'he';
    resetMessages();
    const host = page.body.querySelector('natter-session') as HTMLElement & { locale?: string };
    // A new element, as on a page whose <html lang> is already set when Natter loads.
    const second = page.doc.createElement('natter-session');
    second.setAttribute('adapter', 'demo');
    page.body.append(second);
    await settle(page, () => loadedLocale() === 'he');
    expect(loadedLocale()).toBe('he');
    expect(t('composer.send')).toBe('שליחה');
    expect(host.hasAttribute('dir')).toBe(false);
    expect(second.hasAttribute('dir')).toBe(false);
  });

  it('never overrides a locale the app set itself', async () => {
    await setLocale('de');
    const page = await newSpecPage({ components: [NatterSession], html: '<natter-session adapter="demo"></natter-session>' });
    page.doc.documentElement.lang = 'ar';
    page.body.append(Object.assign(page.doc.createElement('natter-session'), { adapter: 'demo' }));
    await page.waitForChanges();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(loadedLocale()).toBe('de');
  });
});
