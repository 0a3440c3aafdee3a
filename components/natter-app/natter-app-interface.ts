/** `natterAppUnreadChange`: the unread messages over all of the account's conversations changed. */
export interface NatterAppUnreadChangeDetail {
  /** Unread messages in all conversations. */
  total: number;
  /** Of those, the room messages that mention the user. */
  mentions: number;
}
