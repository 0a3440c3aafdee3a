/** Detail of `natterEmojiSelect`, emitted when the user picks an emoji (a click, Enter or Space). */
export interface NatterEmojiSelectDetail {
  /**
   * The emoji: from the grid in Unicode's fully-qualified form (👍 without U+FE0F, ❤️ with it,
   * as other clients send reactions); from the frequently used row, the string given in `recent`.
   */
  emoji: string;
}

/** Detail of `natterEmojiPickerClose` (Escape): nothing; the host hides or removes the picker. */
export type NatterEmojiPickerCloseDetail = void;
