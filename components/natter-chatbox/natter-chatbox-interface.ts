export interface NatterChatboxOpenDetail {
  conversation: string;
}
