import { Component, Element, Event, type EventEmitter, Method, Prop, State, Watch, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';
import { lastCorrectable } from '../../stores/conversation';
import { displayName, sessionFor } from '../shared/session-binding';
import type { NatterComposerInputDetail, NatterComposerSubmitDetail } from './natter-composer-interface';

/**
 * Writes messages to one conversation. Enter sends, Shift+Enter adds a line.
 * The draft lives in the conversation's store, so it survives switching
 * conversations and re-rendering.
 *
 * Up arrow in an empty composer edits your last message (XEP-0308 correction):
 * the composer says so and holds its text; Enter saves the correction, Escape
 * (or Cancel) gives the composer back its draft.
 *
 * @part base - The composer.
 * @part input - The text area.
 * @part send-button - The send button ("Save" while editing).
 * @part hint - The keyboard hint.
 * @part editing - Shown while editing your last message: what is happening, and Cancel.
 * @part cancel-edit-button - Stops editing without correcting.
 *
 * @prop --natter-composer-bg - Background of the text area.
 * @prop --natter-composer-max-height - How tall the text area grows before it scrolls.
 * @prop --natter-composer-editing-bg - Background of the banner shown while editing your last message.
 */
@Component({ tag: 'natter-composer', styleUrl: 'natter-composer.css', shadow: true })
export class NatterComposer {
  private textarea?: HTMLTextAreaElement;

  @Element() el!: HTMLElement;

  /** The own message being corrected and its text as edited; null while writing a new message. */
  @State() editing: { id: string; text: string } | null = null;

  /** What the polite live region says: editing started, was cancelled or sent. */
  @State() announcement = '';

  /** The conversation (bare JID) this composer writes to. */
  @Prop() conversation!: string;

  @Watch('conversation')
  conversationChanged() {
    // An edit belongs to its conversation; the draft of each stays in its store.
    this.editing = null;
  }

  /** The session to send with. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Each change of the text. */
  @Event() natterComposerInput!: EventEmitter<NatterComposerInputDetail>;

  /**
   * A message is about to be sent; while editing, a correction (`corrects` is the id of the message
   * it corrects). Cancelable: `preventDefault()` skips the default send.
   */
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
    // An edit is not the draft: the draft waits in the store, and the peer is not told we type.
    if (this.editing) this.editing = { ...this.editing, text: value };
    else this.activeSession.actions.setDraft(this.conversation, value);
    this.natterComposerInput.emit({ conversation: this.conversation, value });
  };

  private onKeyDown = (event: KeyboardEvent) => {
    // isComposing: Enter that confirms an IME composition must not send.
    if (event.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && this.editing) {
      event.preventDefault();
      this.cancelEdit();
    } else if (event.key === 'ArrowUp' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !this.editing) {
      if (this.startEdit()) event.preventDefault();
    }
  };

  /** Up arrow in an empty composer: edit the last own message, if there is one to correct. */
  private startEdit(): boolean {
    const store = this.activeSession.conversation(this.conversation);
    if (store.get('draft') !== '') return false;
    const last = lastCorrectable({ jid: this.conversation, room: store.get('room'), messages: store.get('messages') });
    if (!last) return false;
    this.editing = { id: last.id, text: last.body };
    this.announcement = t('composer.editStarted');
    return true;
  }

  private cancelEdit = () => {
    this.editing = null;
    this.announcement = t('composer.editCancelled');
    this.textarea?.focus();
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    const session = this.activeSession;
    const editing = this.editing;
    const body = editing ? editing.text : session.conversation(this.conversation).get('draft');
    if (body.trim() === '') return;
    const detail: NatterComposerSubmitDetail = editing ? { conversation: this.conversation, body, corrects: editing.id } : { conversation: this.conversation, body };
    const event = this.natterComposerSubmit.emit(detail);
    if (event.defaultPrevented) return;
    if (editing) {
      // An unchanged text sends nothing; either way the edit is over.
      const sent = session.actions.correctMessage(this.conversation, editing.id, body);
      this.editing = null;
      this.announcement = sent ? t('composer.correctionSent') : t('composer.editCancelled');
    } else {
      session.actions.sendMessage(this.conversation, body);
    }
    this.textarea?.focus();
  }

  private renderEditing() {
    return (
      <div part="editing" class="editing">
        <span>{t('composer.editing')}</span>
        <button part="cancel-edit-button" type="button" class="cancel-edit" onClick={this.cancelEdit}>
          {t('composer.cancelEdit')}
        </button>
      </div>
    );
  }

  render() {
    if (!this.conversation) return null;
    const session = this.activeSession;
    const editing = this.editing;
    const text = editing ? editing.text : session.conversation(this.conversation).get('draft');
    const online = session.connection.get('status') === 'online';
    const name = displayName(session, this.conversation);
    const hintId = 'composer-hint';
    return (
      <form part="base" class={{ composer: true, 'is-editing': !!editing }} onSubmit={this.onSubmit}>
        {!online && (
          <p class="offline" role="status">
            {t('composer.offline')}
          </p>
        )}
        {editing && this.renderEditing()}
        {/* Keyed: the banner appearing above must not make a new text area (it would lose focus). */}
        <div class="row" key="row">
          <textarea
            part="input"
            ref={element => (this.textarea = element)}
            rows={1}
            aria-label={editing ? t('composer.editLabel', { name }) : t('composer.label', { name })}
            aria-describedby={hintId}
            placeholder={t('composer.placeholder')}
            value={text}
            dir="auto"
            onInput={this.onInput}
            onKeyDown={this.onKeyDown}
          ></textarea>
          <button part="send-button" type="submit" disabled={text.trim() === ''}>
            {editing ? t('composer.save') : t('composer.send')}
          </button>
        </div>
        <p part="hint" id={hintId} class="hint">
          {editing ? t('composer.editHint') : t('composer.hint')}
        </p>
        <p class="visually-hidden" role="status">
          {this.announcement}
        </p>
      </form>
    );
  }
}
