import { Component, Element, Event, type EventEmitter, Method, Prop, State, h } from '@stencil/core';
import type { Session } from '../../session/session';
import type { Upload } from '../../stores/uploads';
import { formatFileSize, t } from '../../i18n/catalogue';
import { sessionFor } from '../shared/session-binding';
import { canUpload, sendFiles, uploadErrorText } from '../shared/upload-files';
import type { NatterUploadButtonCancelDetail, NatterUploadButtonSelectDetail } from './natter-upload-button-interface';

/** Failures another try can fix: not a file over the limit, nor a server without uploads. */
const RETRYABLE = new Set(['network', 'http', 'refused']);

/**
 * Sends files to one conversation: a button that opens the file picker (several files at once),
 * and the uploads of that conversation, each with its name, a progress bar and a cancel button.
 * A failed upload says why in words (too large, with the server's limit; no upload service; a
 * network or CORS failure; refused by the server; a server error) and stays until dismissed,
 * with a retry where another try can help.
 *
 * Files go up through the server's XEP-0363 upload service and are sent as a message whose body is
 * their URL (with XEP-0066 OOB). Without an upload service the button says so instead of opening
 * the picker. `<natter-composer>` includes one; drops and pastes on `<natter-chatbox>` take the same path.
 *
 * The host is `display: contents`: its list and button take part in the layout of what holds it
 * (the composer's row, where the list takes a whole line above the text area).
 *
 * @part base - Holds the list and the button.
 * @part button - Opens the file picker.
 * @part unavailable - Why files cannot be sent (shown after pressing the button without an upload service).
 * @part list - The uploads of the conversation.
 * @part item - One upload (`data-status` is `uploading` or `failed`).
 * @part name - The file's name and size.
 * @part progress - The progress bar (a native `<progress>`).
 * @part error - Why an upload failed.
 * @part cancel-button - Stops an upload.
 * @part retry-button - Tries a failed upload again.
 * @part dismiss-button - Removes a failed upload from the list.
 */
// Its CSS custom properties are documented at the top of natter-upload-button.css, where Stencil reads them.
@Component({ tag: 'natter-upload-button', styleUrl: 'natter-upload-button.css', shadow: true })
export class NatterUploadButton {
  private input?: HTMLInputElement;
  /** The conversation the open picker was opened for: its files go there even if `conversation` changes meanwhile. */
  private pickingFor?: string;

  @Element() el!: HTMLElement;

  /** Why the button cannot open the picker, shown after it was pressed; empty otherwise. */
  @State() unavailableNote = '';

  /** The conversation (bare JID, a room or an occupant) files go to. */
  @Prop() conversation!: string;

  /** The session to send with. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Files were picked. Cancelable: `preventDefault()` keeps them from being uploaded. */
  @Event({ cancelable: true }) natterUploadButtonSelect!: EventEmitter<NatterUploadButtonSelectDetail>;

  /** The user cancelled an upload (or dismissed a failed one). Cancelable: `preventDefault()` keeps it going. */
  @Event({ cancelable: true }) natterUploadButtonCancel!: EventEmitter<NatterUploadButtonCancelDetail>;

  /** Opens the file picker (when the server takes files). */
  @Method()
  async openPicker(): Promise<void> {
    this.pick();
  }

  private get activeSession(): Session {
    return sessionFor(this.el, this.session);
  }

  private pick = () => {
    if (!canUpload(this.activeSession)) {
      this.unavailableNote = this.activeSession.connection.get('status') === 'online' ? t('upload.unavailable') : t('upload.offline');
      return;
    }
    this.unavailableNote = '';
    this.pickingFor = this.conversation;
    this.input?.click();
  };

  private onFiles = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // The same file picked again must fire `change` again.
    input.value = '';
    const conversation = this.pickingFor ?? this.conversation;
    this.pickingFor = undefined;
    if (files.length === 0) return;
    const selected = this.natterUploadButtonSelect.emit({ conversation, files });
    if (!selected.defaultPrevented) sendFiles(this.activeSession, conversation, files);
  };

  private cancel(upload: Upload): void {
    const event = this.natterUploadButtonCancel.emit({ conversation: this.conversation, id: upload.id });
    if (event.defaultPrevented) return;
    // The session tells cancel (on its way) from dismiss (failed).
    this.activeSession.actions.cancelUpload(this.conversation, upload.id);
    // The button that had focus is gone: keep the keyboard in the composer.
    this.el.shadowRoot?.querySelector<HTMLButtonElement>('.pick')?.focus();
  }

  private renderUpload(upload: Upload) {
    const size = formatFileSize(upload.size);
    const percent = upload.size > 0 ? Math.floor((upload.sent / upload.size) * 100) : 0;
    const failed = upload.status === 'failed';
    return (
      <li part="item" class={{ item: true, failed }} data-status={upload.status} key={upload.id}>
        <span part="name" class="name" dir="auto">
          {t('attachment.fileLabel', { name: upload.name, size })}
        </span>
        {failed ? (
          <p part="error" class="error" role="alert">
            {uploadErrorText(upload)}
          </p>
        ) : (
          [
            <progress part="progress" class="progress" max={Math.max(upload.size, 1)} value={upload.sent} aria-label={t('upload.progressLabel', { name: upload.name })}></progress>,
            <span class="percent" aria-hidden="true">
              {t('upload.percent', { percent })}
            </span>,
          ]
        )}
        {failed && RETRYABLE.has(upload.error ?? '') && (
          <button part="retry-button" type="button" class="retry" onClick={() => this.activeSession.actions.retryUpload(this.conversation, upload.id)}>
            {t('upload.retry')}
          </button>
        )}
        <button
          part={failed ? 'dismiss-button' : 'cancel-button'}
          type="button"
          class={failed ? 'dismiss' : 'cancel'}
          aria-label={t(failed ? 'upload.dismissLabel' : 'upload.cancelLabel', { name: upload.name })}
          onClick={() => this.cancel(upload)}
        >
          {t(failed ? 'upload.dismiss' : 'upload.cancel')}
        </button>
      </li>
    );
  }

  render() {
    if (!this.conversation) return null;
    const session = this.activeSession;
    const uploads = session.conversation(this.conversation).get('uploads');
    const available = canUpload(session);
    const noteId = 'upload-unavailable';
    return (
      <div part="base" class="base">
        {uploads.length > 0 && (
          <ul part="list" class="list" aria-label={t('upload.listLabel')}>
            {uploads.map(upload => this.renderUpload(upload))}
          </ul>
        )}
        {/* aria-disabled, not disabled: the button stays in the tab order and says why it does nothing. */}
        <button
          part="button"
          type="button"
          class="pick"
          aria-label={t('upload.button')}
          title={available ? t('upload.button') : t('upload.unavailable')}
          aria-disabled={available ? undefined : 'true'}
          aria-describedby={!available && this.unavailableNote ? noteId : undefined}
          onClick={this.pick}
        >
          {/* A paperclip in the text colour (an emoji would look different on every system and ignore the theme). */}
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d="M21 11.5l-8.5 8.5a5.5 5.5 0 0 1-7.8-7.8l9-9a3.7 3.7 0 0 1 5.2 5.2l-9 9a1.8 1.8 0 0 1-2.6-2.6l8.3-8.3"></path>
          </svg>
        </button>
        <p part="unavailable" id={noteId} class={{ unavailable: true, 'visually-hidden': !this.unavailableNote || available }} role="status">
          {available ? '' : this.unavailableNote}
        </p>
        <input class="file-input" type="file" multiple tabIndex={-1} aria-hidden="true" ref={element => (this.input = element)} onChange={this.onFiles} />
      </div>
    );
  }
}
