export interface NatterComposerInputDetail {
  conversation: string;
  value: string;
}

export interface NatterComposerSubmitDetail {
  conversation: string;
  body: string;
}
