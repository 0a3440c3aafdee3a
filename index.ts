/** Natter's public JavaScript API, next to the custom elements. */
export type * from './adapters/types';
export { AdapterError } from './adapters/types';
export { createXmppAdapter } from './adapters/xmpp/xmpp-adapter';
export { createDemoAdapter, DemoAdapter, type DemoAdapterOptions } from './adapters/demo/demo-adapter';
export { createSession, type Session, type SessionActions, type CreateSessionOptions } from './session/session';
export { getDefaultSession, setDefaultSession } from './session/registry';
export { setMessages, resetMessages, englishMessages, type MessageKey } from './i18n/catalogue';
export type * from './components/natter-composer/natter-composer-interface';
export type * from './components/natter-message/natter-message-interface';
export type * from './components/natter-login/natter-login-interface';
export type * from './components/natter-roster/natter-roster-interface';
// The elements' types (Components, JSX, Natter*CustomEvent, every event detail): the framework wrappers import them from 'natter'.
export type * from './components';
