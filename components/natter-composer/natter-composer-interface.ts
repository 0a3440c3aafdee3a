export interface NatterComposerInputDetail {
  conversation: string;
  value: string;
}

export interface NatterComposerSubmitDetail {
  conversation: string;
  body: string;
  /** While editing (Up arrow): the id of the own message `body` corrects. */
  corrects?: string;
}
