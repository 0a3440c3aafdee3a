export interface NatterMessageRetryDetail {
  conversation: string;
  id: string;
}
