import type { Jid } from '../../adapters/types';

export interface NatterVoiceRecorderSendDetail {
  /** The conversation the recording was made for. */
  conversation: Jid;
  /** The recording: Opus in Ogg or WebM. */
  file: Blob;
  /** The file name it is uploaded under, e.g. `voice-20261122-101500.webm`. */
  name: string;
  /** Its length in milliseconds. */
  duration: number;
}
