/** Natter's public JavaScript API, next to the custom elements. */
import type { ChatAdapter } from './adapters/types';
import type { XmppAdapterSettings } from './adapters/xmpp/settings';
import { createXmppAdapter as createXmppAdapterWithSeams } from './adapters/xmpp/xmpp-adapter';

export type * from './adapters/types';
// The error classes are values, so that `error instanceof RoomError` works in an app.
export { AdapterError, RoomError, UploadError } from './adapters/types';
export type { XmppAdapterSettings } from './adapters/xmpp/settings';
export { memoryTokenStore, indexedDbTokenStore, type TokenStore, type StoredLogin, type FastToken } from './adapters/xmpp/token-store';
/**
 * The adapter over XMPP. Typed with its settings alone: the types of the test seams (the client,
 * the stanzas) would make the published declarations need @xmpp/client's (docs/decisions/0014).
 */
export const createXmppAdapter: (settings?: XmppAdapterSettings) => ChatAdapter = createXmppAdapterWithSeams;
export { createDemoAdapter, DemoAdapter, type DemoAdapterOptions } from './adapters/demo/demo-adapter';
export { createSession, type Session, type SessionActions, type CreateSessionOptions } from './session/session';
export { getDefaultSession, setDefaultSession } from './session/registry';
export { setMessages, resetMessages, englishMessages, type MessageKey } from './i18n/catalogue';
export type * from './components/natter-composer/natter-composer-interface';
export type * from './components/natter-message/natter-message-interface';
export type * from './components/natter-login/natter-login-interface';
export type * from './components/natter-roster/natter-roster-interface';
export type * from './components/natter-emoji-picker/natter-emoji-picker-interface';
// The elements' types (Components, JSX, Natter*CustomEvent, every event detail): the framework wrappers import them from 'natter'.
export type * from './components';
