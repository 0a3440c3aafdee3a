/** Natter's public JavaScript API, next to the custom elements. */
import type { ChatAdapter } from './adapters/types';
import type { XmppAdapterSettings } from './adapters/xmpp/settings';
import { createXmppAdapter as createXmppAdapterWithSeams } from './adapters/xmpp/xmpp-adapter';

export type * from './adapters/types';
// The error classes are values, so that `error instanceof RoomError` works in an app.
export { AdapterError, RequestError, RoomError, UploadError } from './adapters/types';
export type { XmppAdapterSettings } from './adapters/xmpp/settings';
export { memoryTokenStore, indexedDbTokenStore, type TokenStore, type StoredLogin, type FastToken } from './adapters/xmpp/token-store';
export { memoryCapsStorage, indexedDbCapsStorage, type CapsStorage, type CapsRecord } from './adapters/xmpp/features/caps/cache';
/**
 * The adapter over XMPP. Typed with its settings alone: the types of the test seams (the client,
 * the stanzas) would make the published declarations need @xmpp/client's (docs/decisions/0014).
 */
export const createXmppAdapter: (settings?: XmppAdapterSettings) => ChatAdapter = createXmppAdapterWithSeams;
export { registerSaslMechanism, type SaslMechanism, type SaslMechanismClass, type SaslCredentials } from './adapters/xmpp/sasl';
export { createDemoAdapter, DemoAdapter, type DemoAdapterOptions } from './adapters/demo/demo-adapter';
export { createSession, type Session, type SessionActions, type CreateSessionOptions } from './session/session';
export { getDefaultSession, setDefaultSession } from './session/registry';
// For pages composed of the parts rather than <natter-app>: the same notifications, tone and title count.
export {
  createNotifier,
  type Notifier,
  type NotifierOptions,
  type NotifierSettings,
  type NotifierEnvironment,
  type NotificationPermissionState,
} from './session/notifications';
export { unreadTotal, type UnreadTotal } from './stores/conversations';
// Where the chosen presence is kept per account, and the blocklist matching the stores use.
export { localPresenceStorage, memoryPresenceStorage, type PresenceStorage } from './session/storage';
export { isBlocked } from './stores/roster';
export type { MessageAddedEvent } from './stores/events';
export {
  setMessages,
  resetMessages,
  englishMessages,
  setLocale,
  availableLocales,
  matchLocale,
  loadedLocale,
  currentLocale,
  currentDirection,
  directionOf,
  type MessageKey,
} from './i18n/catalogue';
export type * from './components/natter-composer/natter-composer-interface';
export type * from './components/natter-message/natter-message-interface';
export type * from './components/natter-login/natter-login-interface';
export type * from './components/natter-roster/natter-roster-interface';
export type * from './components/natter-emoji-picker/natter-emoji-picker-interface';
export type * from './components/natter-app/natter-app-interface';
export type * from './components/natter-presence/natter-presence-interface';
// The elements' types (Components, JSX, Natter*CustomEvent, every event detail): the framework wrappers import them from 'natter'.
export type * from './components';
