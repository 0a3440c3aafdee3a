/**
 * Detail of `natterLoginSubmit`, emitted before signing in. It never carries
 * the password: that stays in the password field until it is handed to
 * `session.actions.login()`.
 */
export interface NatterLoginSubmitDetail {
  /** The chat address as typed (trimmed). */
  jid: string;
  /** The WebSocket URL, when one was given. */
  service?: string;
}
