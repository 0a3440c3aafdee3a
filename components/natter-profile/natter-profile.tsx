import { Component, Element, Event, Prop, State, h, type EventEmitter } from '@stencil/core';
import type { Session } from '../../session/session';
import { formatFileSize, t } from '../../i18n/catalogue';
import { Avatar } from '../shared/avatar';
import { ownName, sessionFor } from '../shared/session-binding';
import { TextField } from '../shared/text-field';
import { MAX_AVATAR_BYTES } from '../../session/actions/profiles';
import { AVATAR_SIZE, MAX_PICKED_BYTES, pickProblem, squareAvatar } from './image';
import type { OwnAvatar } from '../../adapters/types';
import type { NatterProfileCloseDetail } from './natter-profile-interface';

type Busy = 'reading' | 'publishing' | 'saving' | null;

/** The longest name the fields take (what the adapter keeps of a name). */
const MAX_NAME = 64;

/**
 * The user's own profile: their avatar and the names contacts see when they have given them none
 * (full name and nickname). Works alone (with a session, or the nearest `<natter-session>`) or
 * inside `<natter-app>`, whose header opens it.
 *
 * A picked (or dropped) image is cropped to its centred square and resized in the browser (192
 * pixels, PNG, or JPEG for photos), shown as a preview, and published only when the user says so:
 * as a XEP-0084 avatar that anyone may see and in the vCard (XEP-0153) for older clients. Names go
 * to the nick (XEP-0172) and the vCard's full name. Progress, "Saved" and errors (not an image, too
 * big, the server refused, offline) are announced in a status region; nothing typed is lost on an
 * error.
 *
 * @part base - The panel.
 * @part title - Its heading.
 * @part current-avatar - The user's avatar now (their picture, else their initial).
 * @part current-avatar-image - The picture in it.
 * @part preview - The new picture, before it is published.
 * @part drop-zone - Where an image can be dropped; holds the picker button and its hint.
 * @part choose-button - Opens the file picker.
 * @part hint - The help text under the picker.
 * @part publish-button - Publishes the previewed picture.
 * @part discard-button - Drops the previewed picture.
 * @part names - The names form.
 * @part field - A labelled field of the form.
 * @part label - A field's label.
 * @part input - A field's input.
 * @part save-button - Saves the names.
 * @part status - Progress and results ("Saved.").
 * @part error - What went wrong.
 * @part close-button - Closes the panel (with `closable`).
 */
// Its CSS custom properties are documented at the top of natter-profile.css, where Stencil reads them.
@Component({ tag: 'natter-profile', styleUrl: 'natter-profile.css', shadow: true })
export class NatterProfile {
  private fileInput?: HTMLInputElement;
  private previewUrl?: string;

  @Element() el!: HTMLElement;

  /** The picture made from the picked file, not published yet. */
  @State() pending: OwnAvatar | null = null;
  @State() busy: Busy = null;
  @State() status = '';
  @State() error = '';
  /** What the user typed; undefined: the field shows what the profile says. */
  @State() fullName?: string;
  @State() nick?: string;
  @State() dragging = false;

  /** The session whose account this is. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Shows a Close button (and Escape closes): for a panel another component opens. */
  @Prop() closable = false;

  /** The user closed the panel (Close button or Escape, with `closable`). */
  @Event() natterProfileClose!: EventEmitter<NatterProfileCloseDetail>;

  componentDidLoad() {
    this.loadOwn();
  }

  disconnectedCallback() {
    this.dropPreview();
  }

  private get activeSession(): Session {
    return sessionFor(this.el, this.session);
  }

  private loadOwn() {
    const own = this.activeSession.ownJid();
    if (own) this.activeSession.actions.loadProfile(own);
  }

  private online(): boolean {
    return this.activeSession.connection.get('status') === 'online';
  }

  private dropPreview() {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = undefined;
    this.pending = null;
  }

  private async take(file: File | undefined) {
    if (!file) return;
    this.error = '';
    this.status = '';
    const problem = pickProblem(file);
    if (problem) {
      this.error = problem === 'too-large' ? t('profile.errorTooLarge', { max: formatFileSize(MAX_PICKED_BYTES) }) : t('profile.errorNotImage');
      return;
    }
    this.busy = 'reading';
    this.status = t('profile.reading');
    try {
      const avatar = await squareAvatar(file);
      if (avatar.bytes.length > MAX_AVATAR_BYTES) throw new Error('too-large');
      this.dropPreview();
      this.pending = avatar;
      this.previewUrl = URL.createObjectURL(new Blob([avatar.bytes as BlobPart], { type: avatar.type }));
      this.status = t('profile.previewReady');
    } catch (error) {
      this.status = '';
      this.error = error instanceof Error && error.message === 'too-large' ? t('profile.errorTooLarge', { max: formatFileSize(MAX_AVATAR_BYTES) }) : t('profile.errorUnreadable');
    } finally {
      this.busy = null;
    }
  }

  private onFileChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    void this.take(input.files?.[0]);
    input.value = ''; // the same file picked again is a new pick
  };

  private onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging = true;
  };

  private onDrop = (event: DragEvent) => {
    const file = event.dataTransfer?.files?.[0];
    this.dragging = false;
    if (!file) return;
    event.preventDefault();
    void this.take(file);
  };

  private publish = async () => {
    const avatar = this.pending;
    if (!avatar || this.busy) return;
    if (!this.online()) {
      this.error = t('profile.errorOffline');
      return;
    }
    this.error = '';
    this.busy = 'publishing';
    this.status = t('profile.publishing');
    try {
      await this.activeSession.actions.publishAvatar(avatar);
      this.dropPreview();
      this.status = t('profile.avatarPublished');
    } catch (error) {
      this.status = '';
      this.error = this.refusal(error);
    } finally {
      this.busy = null;
    }
  };

  private discard = () => {
    this.dropPreview();
    this.status = '';
    this.error = '';
  };

  private save = async (event: Event) => {
    event.preventDefault();
    if (this.busy) return;
    if (!this.online()) {
      this.error = t('profile.errorOffline');
      return;
    }
    const profile = this.ownProfile();
    const change = { fullName: this.fullName ?? profile?.fullName ?? '', nick: this.nick ?? profile?.nick ?? '' };
    this.error = '';
    this.busy = 'saving';
    this.status = t('profile.saving');
    try {
      await this.activeSession.actions.setProfile(change);
      // The fields show the profile again, which now says what was typed.
      this.fullName = undefined;
      this.nick = undefined;
      this.status = t('profile.saved');
    } catch (error) {
      this.status = '';
      this.error = this.refusal(error);
    } finally {
      this.busy = null;
    }
  };

  private refusal(error: unknown): string {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason === 'not connected') return t('profile.errorOffline');
    if (reason === 'too-large') return t('profile.errorTooLarge', { max: formatFileSize(MAX_AVATAR_BYTES) });
    if (reason === 'not-an-image') return t('profile.errorNotImage');
    return t('profile.errorRefused', { reason });
  }

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.closable) {
      event.stopPropagation();
      this.natterProfileClose.emit({ reason: 'escape' });
    }
  };

  private ownProfile() {
    const own = this.activeSession.ownJid();
    return own ? this.activeSession.profiles.get('profiles')[own] : undefined;
  }

  render() {
    const session = this.activeSession;
    const own = session.ownJid() ?? undefined;
    const profile = this.ownProfile();
    const busy = this.busy !== null;
    return (
      <section part="base" class="profile" aria-labelledby="profile-title" onKeyDown={this.onKeyDown}>
        <div class="heading">
          <h2 part="title" id="profile-title" class="title">
            {t('profile.title')}
          </h2>
          {this.closable ? (
            <button part="close-button" type="button" class="button secondary" onClick={() => this.natterProfileClose.emit({ reason: 'button' })}>
              {t('profile.close')}
            </button>
          ) : null}
        </div>
        <div class="avatar-section" role="group" aria-labelledby="avatar-heading">
          <h3 id="avatar-heading" class="subtitle">
            {t('profile.avatarHeading')}
          </h3>
          <div class="avatars">
            <Avatar session={session} jid={own} name={own ? ownName(session) : '?'} decorative={false} part="current-avatar" />
            {this.pending && this.previewUrl ? <img part="preview" class="preview" src={this.previewUrl} alt={t('profile.preview')} width={96} height={96} /> : null}
          </div>
          <div part="drop-zone" class={{ drop: true, dragging: this.dragging }} onDragOver={this.onDragOver} onDragLeave={() => (this.dragging = false)} onDrop={this.onDrop}>
            <button part="choose-button" type="button" class="button secondary" disabled={busy} aria-describedby="drop-hint" onClick={() => this.fileInput?.click()}>
              {t('profile.choosePicture')}
            </button>
            <input
              ref={el => (this.fileInput = el)}
              class="file-input"
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
              hidden
              tabindex={-1}
              aria-hidden="true"
              onChange={this.onFileChange}
            />
            <p part="hint" id="drop-hint" class="hint">
              {t('profile.dropHint', { size: AVATAR_SIZE })}
            </p>
          </div>
          {this.pending ? (
            <div class="actions">
              <button part="publish-button" type="button" class="button primary" disabled={busy} aria-busy={this.busy === 'publishing' ? 'true' : 'false'} onClick={this.publish}>
                {t('profile.publishAvatar')}
              </button>
              <button part="discard-button" type="button" class="button secondary" disabled={busy} onClick={this.discard}>
                {t('profile.discard')}
              </button>
            </div>
          ) : null}
        </div>
        <form part="names" class="names" aria-labelledby="names-heading" onSubmit={this.save} noValidate>
          <h3 id="names-heading" class="subtitle">
            {t('profile.namesHeading')}
          </h3>
          <TextField
            id="profile-full-name"
            label={t('profile.fullName')}
            autocomplete="name"
            maxLength={MAX_NAME}
            value={this.fullName ?? profile?.fullName ?? ''}
            onInput={event => (this.fullName = (event.target as HTMLInputElement).value)}
          />
          <TextField
            id="profile-nick"
            label={t('profile.nick')}
            hint={t('profile.nickHint')}
            autocomplete="nickname"
            maxLength={MAX_NAME}
            value={this.nick ?? profile?.nick ?? ''}
            onInput={event => (this.nick = (event.target as HTMLInputElement).value)}
          />
          <button part="save-button" type="submit" class="button primary" disabled={busy} aria-busy={this.busy === 'saving' ? 'true' : 'false'}>
            {t('profile.save')}
          </button>
        </form>
        <p part="status" class="status" role="status">
          {this.status}
        </p>
        <p part="error" class="error" role="alert">
          {this.error}
        </p>
      </section>
    );
  }
}
