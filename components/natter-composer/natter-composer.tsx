import { Component, Element, Event, type EventEmitter, Method, Prop, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';
import { displayName, sessionFor } from '../shared/session-binding';
import type { NatterComposerInputDetail, NatterComposerSubmitDetail } from './natter-composer-interface';

/**
 * Writes messages to one conversation. Enter sends, Shift+Enter adds a line.
 * The draft lives in the conversation's store, so it survives switching
 * conversations and re-rendering.
 *
 * @part base - The composer.
 * @part input - The text area.
 * @part send-button - The send button.
 * @part hint - The keyboard hint.
 *
 * @prop --natter-composer-bg - Background of the text area.
 * @prop --natter-composer-max-height - How tall the text area grows before it scrolls.
 */
@Component({ tag: 'natter-composer', styleUrl: 'natter-composer.css', shadow: true })
export class NatterComposer {
  private textarea?: HTMLTextAreaElement;

  @Element() el!: HTMLElement;

  /** The conversation (bare JID) this composer writes to. */
  @Prop() conversation!: string;

  /** The session to send with. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Each change of the text. */
  @Event() natterComposerInput!: EventEmitter<NatterComposerInputDetail>;

  /** A message is about to be sent. Cancelable: `preventDefault()` skips the default send. */
  @Event({ cancelable: true }) natterComposerSubmit!: EventEmitter<NatterComposerSubmitDetail>;

  /** Moves keyboard focus to the text area. */
  @Method()
  async setFocus(): Promise<void> {
    this.textarea?.focus();
  }

  private get activeSession(): Session {
    return sessionFor(this.el, this.session);
  }

  private onInput = (event: Event) => {
    const value = (event.target as HTMLTextAreaElement).value;
    this.activeSession.actions.setDraft(this.conversation, value);
    this.natterComposerInput.emit({ conversation: this.conversation, value });
  };

  private onKeyDown = (event: KeyboardEvent) => {
    // isComposing: Enter that confirms an IME composition must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    const session = this.activeSession;
    const body = session.conversation(this.conversation).get('draft');
    if (body.trim() === '') return;
    const event = this.natterComposerSubmit.emit({ conversation: this.conversation, body });
    if (event.defaultPrevented) return;
    session.actions.sendMessage(this.conversation, body);
    this.textarea?.focus();
  }

  render() {
    if (!this.conversation) return null;
    const session = this.activeSession;
    const draft = session.conversation(this.conversation).get('draft');
    const online = session.connection.get('status') === 'online';
    const hintId = 'composer-hint';
    return (
      <form part="base" class="composer" onSubmit={this.onSubmit}>
        {!online && (
          <p class="offline" role="status">
            {t('composer.offline')}
          </p>
        )}
        <div class="row">
          <textarea
            part="input"
            ref={element => (this.textarea = element)}
            rows={1}
            aria-label={t('composer.label', { name: displayName(session, this.conversation) })}
            aria-describedby={hintId}
            placeholder={t('composer.placeholder')}
            value={draft}
            dir="auto"
            onInput={this.onInput}
            onKeyDown={this.onKeyDown}
          ></textarea>
          <button part="send-button" type="submit" disabled={draft.trim() === ''}>
            {t('composer.send')}
          </button>
        </div>
        <p part="hint" id={hintId} class="hint">
          {t('composer.hint')}
        </p>
      </form>
    );
  }
}
