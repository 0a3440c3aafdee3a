export interface NatterUploadButtonSelectDetail {
  conversation: string;
  /** The files picked, in the picker's order. */
  files: File[];
}

export interface NatterUploadButtonCancelDetail {
  conversation: string;
  /** The upload's id (as in the conversation store's `uploads`). */
  id: string;
}
