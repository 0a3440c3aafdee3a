/**
 * One recording from the microphone: MediaRecorder for the audio, an AnalyserNode for the input
 * level. Kept apart from the component so the browser APIs sit behind one small surface.
 */

/** Why recording is not possible or did not work; the component words each one. */
export type RecordingErrorCode = 'denied' | 'no-microphone' | 'busy' | 'insecure' | 'unsupported' | 'empty' | 'failed';

export class RecordingError extends Error {
  constructor(readonly code: RecordingErrorCode) {
    super(code);
    this.name = 'RecordingError';
  }
}

export interface RecordedAudio {
  blob: Blob;
  /** A file name with the container's extension, e.g. `voice-20261122-101500.webm`. */
  name: string;
  /** Milliseconds. */
  duration: number;
}

/** Opus is what XMPP clients play back; in Ogg where the browser records it (Firefox), else in WebM (Chromium). */
const MIME_TYPES = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/ogg', 'audio/webm'];
/** Enough data for a lively meter at little cost. */
const ANALYSER_SIZE = 512;
/** Speech rarely goes above a third of full scale; this maps it onto the whole meter. */
const LEVEL_GAIN = 3;

function now(): number {
  return performance.now();
}

/** `voice-YYYYMMDD-HHMMSS.ext`, in local time. */
export function recordingName(date: Date, mimeType: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
  const extension = mimeType.startsWith('audio/ogg') ? 'ogg' : mimeType.startsWith('audio/mp4') ? 'm4a' : 'webm';
  return `voice-${stamp}.${extension}`;
}

export class Recording {
  /** Asks for the microphone and starts recording. Rejects with a DOMException or a `RecordingError`. */
  static async start(): Promise<Recording> {
    const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    // Browsers hide the microphone from pages that are not https (or localhost).
    if (!devices?.getUserMedia) throw new RecordingError(globalThis.isSecureContext === false ? 'insecure' : 'unsupported');
    if (typeof MediaRecorder === 'undefined') throw new RecordingError('unsupported');
    const stream = await devices.getUserMedia({ audio: true });
    try {
      return new Recording(stream);
    } catch (error) {
      stream.getTracks().forEach(track => track.stop());
      throw error;
    }
  }

  /** What went wrong, from getUserMedia's or MediaRecorder's error names. */
  static errorCode(error: unknown): RecordingErrorCode {
    if (error instanceof RecordingError) return error.code;
    switch ((error as { name?: string } | undefined)?.name) {
      case 'NotAllowedError':
      case 'PermissionDeniedError':
      case 'SecurityError':
        return 'denied';
      case 'NotFoundError':
      case 'DevicesNotFoundError':
      case 'OverconstrainedError':
        return 'no-microphone';
      case 'NotReadableError':
      case 'TrackStartError':
        return 'busy';
      case 'NotSupportedError':
        return 'unsupported';
      default:
        return 'failed';
    }
  }

  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly startedAt: number;
  private pausedAt?: number;
  private context?: AudioContext;
  private analyser?: AnalyserNode;
  private samples?: Float32Array<ArrayBuffer>;

  private constructor(private readonly stream: MediaStream) {
    const mimeType = MIME_TYPES.find(type => MediaRecorder.isTypeSupported(type));
    this.recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    this.recorder.ondataavailable = event => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    // Data every second: a long recording is not one buffer built at the end.
    this.recorder.start(1000);
    this.startedAt = now();
    try {
      this.context = new AudioContext();
      this.analyser = this.context.createAnalyser();
      this.analyser.fftSize = ANALYSER_SIZE;
      this.samples = new Float32Array(ANALYSER_SIZE);
      this.context.createMediaStreamSource(stream).connect(this.analyser);
    } catch {
      // Without Web Audio the meter stays still; the recording itself does not need it.
      this.analyser = undefined;
    }
  }

  /** Milliseconds recorded. */
  elapsed(): number {
    return (this.pausedAt ?? now()) - this.startedAt;
  }

  /** The input level now, 0 to 1 (root mean square of the last samples, scaled for speech). */
  level(): number {
    if (!this.analyser || !this.samples || this.pausedAt !== undefined) return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    return Math.min(1, Math.sqrt(sum / this.samples.length) * LEVEL_GAIN);
  }

  /** Stops taking sound (at the length limit), keeping what was recorded. */
  pause(): void {
    if (this.recorder.state === 'recording') this.recorder.pause();
    this.pausedAt ??= now();
  }

  /** Ends the recording and gives the audio; the microphone is released. */
  finish(): Promise<RecordedAudio> {
    const duration = Math.round(this.elapsed());
    return new Promise((resolve, reject) => {
      this.recorder.onstop = () => {
        this.release();
        const type = (this.recorder.mimeType || this.chunks[0]?.type || 'audio/webm').split(';')[0];
        resolve({ blob: new Blob(this.chunks, { type }), name: recordingName(new Date(), type), duration });
      };
      this.recorder.onerror = event => {
        this.release();
        reject((event as Event & { error?: unknown }).error ?? new RecordingError('failed'));
      };
      if (this.recorder.state === 'inactive') this.recorder.onstop(new Event('stop'));
      else this.recorder.stop();
    });
  }

  /** Throws the recording away and releases the microphone. */
  discard(): void {
    this.recorder.ondataavailable = null;
    this.recorder.onstop = null;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.chunks.length = 0;
    this.release();
  }

  private release(): void {
    this.stream.getTracks().forEach(track => track.stop());
    if (this.context && this.context.state !== 'closed') void this.context.close();
    this.context = undefined;
    this.analyser = undefined;
  }
}
