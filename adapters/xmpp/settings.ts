import type { CapsStorage } from './features/caps/cache';
import type { TokenStore } from './token-store';

/**
 * What an app may set on `createXmppAdapter` (Natter's public API). It names no type of
 * `@xmpp/client`'s, so the published declarations need none of that library's (which it bundles).
 */
export interface XmppAdapterSettings {
  /**
   * Whom to answer XEP-0184 receipt requests: `subscribed` (default) answers only contacts allowed
   * to see our presence (subscription `from` or `both`), as XEP-0184 §8 recommends against
   * presence leaks; `always` answers everyone; `never` answers no one.
   */
  receipts?: 'subscribed' | 'always' | 'never';
  /** Default page size of `loadHistory` (default 50; at most 250). */
  historyPageSize?: number;
  /** Timeout of IQ requests, ms (default 30 000). */
  iqTimeout?: number;
  /** Give up on a first connect that has not come online after this many ms (default 30 000). */
  connectTimeout?: number;
  /** Delay before each automatic reconnect attempt, ms (default: @xmpp/reconnect's 1 000). */
  reconnectDelay?: number;
  /** Where dropped stanzas and listener failures are reported (default `console`). */
  logger?: Pick<Console, 'warn'>;
  /** Clock, ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Give up joining a room after this many ms (default 30 000). */
  roomJoinTimeout?: number;
  /** `leaveRoom` resolves after this many ms without the room's answer (default 5 000). */
  roomLeaveTimeout?: number;
  /**
   * XEP-0410: self-ping each room that has been silent this long, ms (default 5 minutes; 0 turns
   * self-pings off). A ping answered with an error other than those XEP-0410 lists as "still
   * joined" emits `roomLeft` (reason `error`) and joins the room again.
   */
  selfPingInterval?: number;
  /** `listRooms` asks disco#info (name, occupants, features) of this many rooms at most (default 50). */
  roomDirectoryInfoLimit?: number;
  /** Join bookmarked rooms marked autojoin after login (default true). */
  autojoin?: boolean;
  /**
   * Where persistent logins (`connect({ remember: true })`, XEP-0484 tokens) are kept, per account:
   * default the page origin's IndexedDB where there is one; `null` turns persistent login off
   * (`remember` is then ignored and `rememberedAccount()` is null). See `memoryTokenStore`.
   */
  tokenStore?: TokenStore | null;
  /**
   * Where verified XEP-0115 capabilities (caps ver → disco#info) are kept across reloads: default
   * the page origin's IndexedDB (`natter-caps`) where there is one, else memory. See `memoryCapsStorage`.
   */
  capsStorage?: CapsStorage;
  /** Most capabilities entries kept (default 500; the least recently advertised go first). */
  capsCacheSize?: number;
}
