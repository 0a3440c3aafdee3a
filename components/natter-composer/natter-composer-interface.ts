export interface NatterComposerInputDetail {
  conversation: string;
  value: string;
}

export interface NatterComposerSubmitDetail {
  conversation: string;
  body: string;
  /** While editing (Up arrow): the id of the own message `body` corrects. */
  corrects?: string;
  /** While replying: the id of the message `body` answers (XEP-0461). */
  replyTo?: string;
}
