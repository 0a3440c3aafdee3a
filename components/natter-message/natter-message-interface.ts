export interface NatterMessageRetryDetail {
  conversation: string;
  id: string;
}

/** The user chose Edit in a message's action menu: the chatbox puts the message into its composer. */
export interface NatterMessageEditDetail {
  conversation: string;
  id: string;
}

/** The user chose Reply in a message's action menu: the chatbox's composer answers the message. */
export interface NatterMessageReplyDetail {
  conversation: string;
  id: string;
}

/**
 * The user asked to read a thread (XEP-0201): `thread` is its id, or undefined to start one from
 * message `id`; `<natter-chatbox>` opens its thread panel.
 */
export interface NatterMessageThreadOpenDetail {
  conversation: string;
  id: string;
  thread?: string;
}

/** The reader activated a reply's quote: `id` is the quoted message's, which `<natter-chatbox>` scrolls to. */
export interface NatterMessageQuoteSelectDetail {
  conversation: string;
  id: string;
}
