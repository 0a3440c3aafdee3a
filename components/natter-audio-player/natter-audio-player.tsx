import { Component, Element, Event, type EventEmitter, Prop, State, Watch, h } from '@stencil/core';
import { formatDuration, t } from '../../i18n/catalogue';
import { isSafeAttachmentUrl } from '../../markup/attachment';

/** One player plays at a time: starting one pauses the one before. */
let playing: HTMLAudioElement | undefined;

/**
 * An audio player for voice messages and shared audio files: a play/pause button, a position
 * slider (arrow keys move by a second, Page Up/Down by ten, Home/End to the ends) and the
 * position and length as text. Nothing is fetched before the reader presses play; the length
 * shows from the start when the sender gave it, else once playing begins. Only http(s) and blob:
 * URLs are played.
 *
 * @part base - The player.
 * @part play-button - Plays or pauses.
 * @part position - The position slider.
 * @part time - Position and length, "0:05 / 0:12".
 * @part error - Said when the audio cannot be played, with a link to the file.
 */
// Its CSS custom properties are documented at the top of natter-audio-player.css, where Stencil reads them.
@Component({ tag: 'natter-audio-player', styleUrl: 'natter-audio-player.css', shadow: true })
export class NatterAudioPlayer {
  private audio?: HTMLAudioElement;

  @Element() el!: HTMLElement;

  /** The audio's URL (http(s)). */
  @Prop() src!: string;

  /**
   * The length in milliseconds, when the sender said (a voice message does). Recordings in WebM
   * often carry no length of their own, so this one is shown until the audio's is known.
   */
  @Prop() duration?: number;

  /** What is played, for the controls' names, e.g. "Voice message from Alice". */
  @Prop() label = '';

  @State() paused = true;
  @State() position = 0;
  @State() mediaDuration?: number;
  @State() failed = false;

  /** Playback started (`detail` is the `src`). */
  @Event() natterAudioPlayerPlay!: EventEmitter<string>;

  @Watch('src')
  srcChanged() {
    this.failed = false;
    this.position = 0;
    this.mediaDuration = undefined;
  }

  disconnectedCallback() {
    this.audio?.pause();
    if (playing === this.audio) playing = undefined;
  }

  private lengthMs(): number | undefined {
    return this.mediaDuration ?? this.duration;
  }

  private toggle = async () => {
    const audio = this.audio;
    if (!audio) return;
    if (!audio.paused) {
      audio.pause();
      return;
    }
    if (playing && playing !== audio) playing.pause();
    playing = audio;
    try {
      await audio.play();
      this.natterAudioPlayerPlay.emit(this.src);
    } catch (error) {
      // A pause() before play() settled rejects with AbortError; that is no failure.
      if ((error as DOMException)?.name !== 'AbortError') this.failed = true;
    }
  };

  private seek = (event: Event) => {
    const ms = Number((event.target as HTMLInputElement).value);
    this.position = ms;
    if (this.audio) this.audio.currentTime = ms / 1000;
  };

  /** Page Up/Down move by ten seconds: the slider's own step is one. */
  private onSliderKey = (event: KeyboardEvent) => {
    if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
    event.preventDefault();
    const length = this.lengthMs() ?? 0;
    const ms = Math.min(length, Math.max(0, this.position + (event.key === 'PageUp' ? 10_000 : -10_000)));
    this.position = ms;
    if (this.audio) this.audio.currentTime = ms / 1000;
  };

  private onMetadata = () => {
    const seconds = this.audio?.duration;
    if (seconds !== undefined && Number.isFinite(seconds)) this.mediaDuration = Math.round(seconds * 1000);
  };

  private onTime = () => {
    if (this.audio) this.position = Math.round(this.audio.currentTime * 1000);
  };

  private onEnded = () => {
    this.paused = true;
    this.position = 0;
    if (this.audio) this.audio.currentTime = 0;
  };

  render() {
    // Only a URL safe to load and link is used; any other leaves the player saying it cannot play.
    const src = isSafeAttachmentUrl(this.src, false) ? this.src : undefined;
    const failed = this.failed || !src;
    const length = this.lengthMs();
    const timeText = length !== undefined ? `${formatDuration(this.position)} / ${formatDuration(length)}` : formatDuration(this.position);
    const label = this.label || t('audio.label');
    return (
      <div part="base" class="player" role="group" aria-label={label}>
        <audio
          ref={element => (this.audio = element)}
          src={src}
          // Nothing reaches the sender's server before the reader presses play (not even the length).
          preload="none"
          onPlay={() => (this.paused = false)}
          onPause={() => (this.paused = true)}
          onLoadedMetaData={this.onMetadata}
          onDurationChange={this.onMetadata}
          onTimeUpdate={this.onTime}
          onEnded={this.onEnded}
          onError={() => (this.failed = true)}
        ></audio>
        <button part="play-button" type="button" class="play" aria-label={this.paused ? t('audio.play', { label }) : t('audio.pause', { label })} onClick={this.toggle}>
          <span aria-hidden="true">{this.paused ? '▶' : '❚❚'}</span>
        </button>
        <input
          part="position"
          class="position"
          type="range"
          min="0"
          max={String(length ?? 0)}
          step="1000"
          value={String(this.position)}
          disabled={!length}
          aria-label={t('audio.position')}
          aria-valuetext={timeText}
          onInput={this.seek}
          onKeyDown={this.onSliderKey}
        />
        <span part="time" class="time" aria-hidden="true">
          {timeText}
        </span>
        {failed && (
          <p part="error" class="error" role="alert">
            {t('audio.failed')}{' '}
            {src && (
              <a href={src} target="_blank" rel="noopener noreferrer">
                {t('audio.download')}
              </a>
            )}
          </p>
        )}
      </div>
    );
  }
}
