import { Component, Element, Event, type EventEmitter, Prop, State, Watch, h } from '@stencil/core';
import type { Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import { formatDuration, t, type TranslationKey } from '../../i18n/catalogue';
import { displayName, sessionFor } from '../shared/session-binding';
import { Recording, type RecordingErrorCode, type RecordedAudio } from './recording';
import type { NatterVoiceRecorderSendDetail } from './natter-voice-recorder-interface';

/** How often the elapsed time and the level meter move. */
const TICK_MS = 100;

/**
 * Records a voice message from the microphone and sends it to a conversation: a
 * button starts recording (the browser asks for the microphone the first time);
 * while recording, the elapsed time and the input level show, with Cancel and
 * Send (Escape cancels). Sending uploads the recording (Opus in Ogg or WebM) and
 * sends it as a shared file with its length, like the upload button does. When
 * the microphone is refused or missing, it says so. At the length limit the
 * recording stops and waits to be sent or cancelled.
 *
 * @part base - The recorder.
 * @part record-button - Starts recording.
 * @part recording - What shows while recording: time, level, buttons.
 * @part elapsed - The time recorded so far.
 * @part level - The input level meter.
 * @part cancel-button - Throws the recording away.
 * @part send-button - Sends the recording.
 * @part error - Why recording is not possible.
 */
// Its CSS custom properties are documented at the top of natter-voice-recorder.css, where Stencil reads them.
@Component({ tag: 'natter-voice-recorder', styleUrl: 'natter-voice-recorder.css', shadow: true })
export class NatterVoiceRecorder {
  private recording?: Recording;
  /** The conversation the recording is for, fixed when recording starts. */
  private target?: Jid;
  private ticker?: ReturnType<typeof setInterval>;
  private sendButton?: HTMLButtonElement;
  private recordButton?: HTMLButtonElement;
  /** What takes the focus after the next render: Send when recording starts (Enter sends, Escape cancels), the record button when it ends. */
  private focusAfterRender: 'send' | 'record' | null = null;
  /** The element left the page: a microphone granted after that is let go at once. */
  private disconnected = false;

  @Element() el!: HTMLElement;

  /** The conversation (bare JID, room JID or occupant JID) a recording is sent to. */
  @Prop() conversation!: Jid;

  /** The session that sends. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** The longest recording, in milliseconds (default 5 minutes): recording stops there. */
  @Prop() maxDuration = 300_000;

  /** The recorder cannot be used (e.g. no connection). */
  @Prop({ reflect: true }) disabled = false;

  @State() phase: 'idle' | 'starting' | 'recording' | 'stopped' | 'sending' = 'idle';
  /** Why a recording stopped before Send: its length limit, or the chatbox moved to another conversation. */
  @State() stopReason: 'limit' | 'moved' = 'limit';
  @State() elapsed = 0;
  @State() level = 0;
  @State() error?: RecordingErrorCode;

  /** A recording is about to be sent. Cancelable: `preventDefault()` keeps it from the session (to send it yourself). */
  @Event({ cancelable: true }) natterVoiceRecorderSend!: EventEmitter<NatterVoiceRecorderSendDetail>;

  @Watch('conversation')
  conversationChanged() {
    // The recording belongs to the conversation it was started in; it stays there to be sent or cancelled.
    if (this.phase === 'recording') this.stop('moved');
  }

  connectedCallback() {
    this.disconnected = false;
  }

  componentDidRender() {
    const target = this.focusAfterRender;
    this.focusAfterRender = null;
    if (target === 'send') this.sendButton?.focus();
    else if (target === 'record') this.recordButton?.focus();
  }

  disconnectedCallback() {
    this.disconnected = true;
    this.release();
  }

  private start = async () => {
    if (this.phase !== 'idle' || this.disabled) return;
    this.error = undefined;
    this.phase = 'starting';
    this.target = this.conversation;
    let recording: Recording;
    try {
      recording = await Recording.start();
    } catch (error) {
      this.phase = 'idle';
      this.error = Recording.errorCode(error);
      return;
    }
    if (this.disconnected) {
      // Removed while the browser asked for the microphone: nothing may keep recording.
      recording.discard();
      this.phase = 'idle';
      return;
    }
    this.recording = recording;
    this.elapsed = 0;
    this.focusAfterRender = 'send';
    this.phase = 'recording';
    this.ticker = setInterval(this.tick, TICK_MS);
  };

  private tick = () => {
    const recording = this.recording;
    if (!recording) return;
    this.elapsed = recording.elapsed();
    this.level = recording.level();
    if (this.elapsed >= this.maxDuration) this.stop('limit');
  };

  /** Stops taking sound, keeping the recording to be sent or cancelled. */
  private stop(reason: 'limit' | 'moved') {
    clearInterval(this.ticker);
    this.recording?.pause();
    this.level = 0;
    this.stopReason = reason;
    this.phase = 'stopped';
  }

  private release() {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.recording?.discard();
    this.recording = undefined;
    this.level = 0;
  }

  private cancel = () => {
    this.release();
    this.phase = 'idle';
    this.focusAfterRender = 'record';
  };

  private send = async () => {
    const recording = this.recording;
    const target = this.target;
    if (!recording || !target || (this.phase !== 'recording' && this.phase !== 'stopped')) return;
    clearInterval(this.ticker);
    this.phase = 'sending';
    let audio: RecordedAudio;
    try {
      audio = await recording.finish();
    } catch (error) {
      this.release();
      this.phase = 'idle';
      this.error = Recording.errorCode(error);
      return;
    }
    this.recording = undefined;
    this.phase = 'idle';
    if (audio.blob.size === 0) {
      this.error = 'empty';
      return;
    }
    const detail: NatterVoiceRecorderSendDetail = { conversation: target, file: audio.blob, name: audio.name, duration: audio.duration };
    const event = this.natterVoiceRecorderSend.emit(detail);
    if (!event.defaultPrevented) sessionFor(this.el, this.session).actions.sendFile(target, audio.blob, { name: audio.name, duration: audio.duration });
    this.focusAfterRender = 'record';
  };

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && (this.phase === 'recording' || this.phase === 'stopped')) {
      event.preventDefault();
      event.stopPropagation();
      this.cancel();
    }
  };

  private renderRecording() {
    const stopped = this.phase === 'stopped';
    return (
      <div part="recording" class="recording" role="group" aria-label={t('voice.recording')}>
        <span class={{ dot: true, stopped }} aria-hidden="true"></span>
        <span part="elapsed" class="elapsed" role="timer" aria-label={t('voice.elapsed')}>
          {formatDuration(this.elapsed)}
        </span>
        <meter part="level" class="level" min={0} max={1} value={this.level} aria-label={t('voice.level')}></meter>
        {stopped && (
          <span class="limit" role="status">
            {this.stopReason === 'limit'
              ? t('voice.limitReached', { limit: formatDuration(this.maxDuration) })
              : t('voice.keptFor', { name: displayName(sessionFor(this.el, this.session), this.target ?? '') })}
          </span>
        )}
        <button part="cancel-button" type="button" class="cancel" onClick={this.cancel}>
          {t('voice.cancel')}
        </button>
        <button part="send-button" type="button" class="send" ref={element => (this.sendButton = element)} onClick={this.send}>
          {t('voice.send')}
        </button>
      </div>
    );
  }

  render() {
    const active = this.phase === 'recording' || this.phase === 'stopped';
    return (
      <div part="base" class="recorder" onKeyDown={this.onKeyDown}>
        {active ? (
          this.renderRecording()
        ) : (
          <button
            part="record-button"
            type="button"
            class="record"
            ref={element => (this.recordButton = element)}
            disabled={this.disabled || this.phase !== 'idle'}
            aria-label={t('voice.record')}
            title={t('voice.record')}
            onClick={this.start}
          >
            <span aria-hidden="true">🎤</span>
          </button>
        )}
        {this.error && (
          <p part="error" class="error" role="alert">
            {t(`voice.error.${this.error}` as TranslationKey)}
          </p>
        )}
      </div>
    );
  }
}
