import { Component, Element, Event, type EventEmitter, Method, Prop, State, Watch, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { t, type MessageKey } from '../../i18n/catalogue';
import { applyEdit, formatSelection, type StylingFormat } from '../../markup/format-selection';
import { renderStyledBody } from '../../markup/styling';
import { isCorrectable, lastCorrectable } from '../../stores/conversation';
import { memoLast } from '../shared/memo';
import { rovingIndex } from '../shared/roving-focus';
import { displayName, ownName, sessionFor } from '../shared/session-binding';
import { StyledBody } from '../shared/styled-body';
import { shorten } from '../../markup/shorten';
import type { Mention, Message } from '../../adapters/types';
import { xmppUri } from '../../adapters/xmpp-uri';
import { matchingCandidates, mentionQuery, mentionRanges, type MentionCandidate } from './mention-autocomplete';
import type { NatterComposerInputDetail, NatterComposerSubmitDetail } from './natter-composer-interface';

/** A styling button: what it does, its glyph, and its shortcut key with Ctrl (Cmd on Apple), if any. */
interface FormatButton {
  format: StylingFormat;
  label: MessageKey;
  glyph: string;
  key?: string;
  shift?: boolean;
}

const FORMAT_BUTTONS: FormatButton[] = [
  { format: 'strong', label: 'composer.format.strong', glyph: 'B', key: 'b' },
  { format: 'emphasis', label: 'composer.format.emphasis', glyph: 'I', key: 'i' },
  { format: 'strike', label: 'composer.format.strike', glyph: 'S', key: 'x', shift: true },
  { format: 'code', label: 'composer.format.code', glyph: '</>', key: 'e' },
  { format: 'code-block', label: 'composer.format.codeBlock', glyph: '{ }' },
  { format: 'quote', label: 'composer.format.quote', glyph: '❝' },
];

/** The text area grows a row per line up to this many, then scrolls (where CSS `field-sizing` is missing). */
const MAX_ROWS = 8;

/** How much of the answered message the replying line shows. */
const REPLY_PREVIEW_CHARS = 80;

const isApple = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform ?? '');

/**
 * Writes messages to one conversation. Enter sends, Shift+Enter adds a line;
 * the text area grows with its lines, up to a height, then scrolls.
 *
 * The toolbar (one tab stop; arrow keys, Home and End move along it) and the
 * shortcuts Ctrl+B (bold), Ctrl+I (italic), Ctrl+Shift+X (strike) and Ctrl+E
 * (code), Cmd on Apple devices, wrap the selection in XEP-0393 directives or
 * put an empty pair at the caret; pressed again they take them off. Code block
 * and quote work on whole lines. The body sent is the plain text as written.
 * Preview shows the message as it will read, `/me` actions included.
 *
 * The draft lives in the conversation's store, so it survives switching
 * conversations and re-rendering.
 *
 * Up arrow in an empty composer edits your last message (XEP-0308 correction):
 * the composer says so and holds its text; Enter saves the correction, Escape
 * (or Cancel) gives the composer back its draft.
 *
 * Reply in a message's action menu (or `replyTo(id)`) makes the next message an
 * answer to that one (XEP-0461): the composer shows what it answers, Escape (or
 * Cancel) makes it a plain message again; the draft is kept either way.
 *
 * @part base - The composer.
 * @part toolbar - The styling toolbar.
 * @part format-button - Each styling button (its `data-format` says which).
 * @part preview-button - Shows or hides the preview (`aria-pressed`).
 * @part preview - The preview of the message; its styled pieces have the parts of `natter-message` (`strong`, `emphasis`, `code`, …).
 * @part input - The text area.
 * @part voice-recorder - The `<natter-voice-recorder>` beside the send button (hidden while editing).
 * @part send-button - The send button ("Save" while editing).
 * @part hint - The keyboard hint.
 * @part offline - Says that messages cannot be sent while offline.
 * @part editing - Shown while editing your last message: what is happening, and Cancel.
 * @part cancel-edit-button - Stops editing without correcting.
 * @part replying - Shown while replying: whom and what the message answers, and Cancel.
 * @part cancel-reply-button - Makes the message a plain one again.
 * @part spoiler-button - Marks the next message a spoiler (XEP-0382), hidden from readers until they ask (`aria-pressed`).
 * @part spoiler - The spoiler's hint field, shown while the next message is a spoiler.
 * @part spoiler-hint - The hint readers see instead of the text (optional; Escape drops the spoiler mark).
 * @part mention-suggestions - The people suggested for the `@word` being typed (a listbox; arrows, Enter or Tab, Escape).
 * @part mention-suggestion - One suggested person.
 * @part upload-button - The `<natter-upload-button>`: sends files, and lists those on their way.
 */
// Its CSS custom properties are documented at the top of natter-composer.css, where Stencil reads them.
@Component({ tag: 'natter-composer', styleUrl: 'natter-composer.css', shadow: true })
export class NatterComposer {
  private textarea?: HTMLTextAreaElement;
  /** The people picked from the suggestions for the message being written (XEP-0372 mentions when sent). */
  private picked: MentionCandidate[] = [];
  private toolbar?: HTMLElement;
  private readonly styled = memoLast(renderStyledBody);

  @Element() el!: HTMLElement;

  /** The toolbar button that takes Tab focus (roving tabindex). */
  @State() toolbarFocus = 0;

  /** The preview is shown. */
  @State() previewing = false;

  /** The own message being corrected and its text as edited; null while writing a new message. */
  @State() editing: { id: string; text: string } | null = null;

  /** The message the next one answers (its id), while replying. */
  @State() replyingTo: string | null = null;

  /** The next message is a spoiler (XEP-0382) with this hint ('' for none); null when it is not. */
  @State() spoiler: string | null = null;

  /** A thread composer's text (see `thread`). */
  @State() threadDraft = '';

  /** The people suggested for the `@word` being typed, and which one is highlighted. */
  @State() suggestions: { start: number; end: number; people: MentionCandidate[]; active: number } | null = null;

  /** What the polite live region says: editing started, was cancelled or sent. */
  @State() announcement = '';

  /** The conversation (bare JID) this composer writes to. */
  @Prop() conversation!: string;

  @Watch('conversation')
  conversationChanged() {
    // An edit or a reply belongs to its conversation; the draft of each stays in its store.
    this.resetMessageState();
  }

  /**
   * The text in the composer: the conversation's draft, or the text of the message being corrected.
   * Setting it replaces that text and emits no event. It follows what the user types, sends and
   * edits (each change emits `natterComposerInput`), so frameworks can bind it with `v-model` or `ngModel`.
   */
  @Prop({ mutable: true }) value?: string;

  @Watch('value')
  valueChanged(value: string | undefined) {
    // Only a value set from outside differs from the text: ours is set after the text changed.
    if (value == null || !this.conversation || value === this.text()) return;
    if (this.editing) this.editing = { ...this.editing, text: value };
    // The program, not the user, wrote this text: the peer is not told that we are typing.
    else this.activeSession.actions.setDraft(this.conversation, value, { typing: false });
  }

  /** The session to send with. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /**
   * Writes in this XEP-0201 thread (the chatbox's thread panel): messages carry it, and the text is
   * the composer's own, not the conversation's draft.
   */
  @Prop() thread?: string;

  /**
   * The message a new thread branches from: the thread's first message answers it (XEP-0461), so
   * clients without threads see what it is about.
   */
  @Prop() threadRoot?: string;

  @Watch('thread')
  threadChanged() {
    // Another thread in the same panel: nothing of the last one's message carries over.
    this.threadDraft = '';
    this.resetMessageState();
  }

  /** Each change of the text by the user: typing, styling, and sending or editing, which empty or refill it. */
  @Event() natterComposerInput!: EventEmitter<NatterComposerInputDetail>;

  /**
   * A message is about to be sent; while editing, a correction (`corrects` is the id of the message
   * it corrects). Cancelable: `preventDefault()` skips the default send.
   */
  @Event({ cancelable: true }) natterComposerSubmit!: EventEmitter<NatterComposerSubmitDetail>;

  componentWillLoad() {
    // A value given before the first render (an attribute, a framework binding) is the starting text.
    this.valueChanged(this.value);
  }

  componentDidRender() {
    // Keys can outrun renders: typed and sent within one frame, the text area's last rendered value
    // and the new one are both empty, so the render leaves the typed text in the DOM. Keep it true.
    const text = this.conversation ? this.text() : '';
    if (this.textarea && this.textarea.value !== text) this.textarea.value = text;
  }

  componentWillRender() {
    // The draft can change without us (another composer, a conversation switch): `value` keeps up, silently.
    if (this.conversation) this.value = this.text();
  }

  /** Moves keyboard focus to the text area. */
  @Method()
  async setFocus(): Promise<void> {
    this.textarea?.focus();
  }

  /**
   * Starts editing (correcting) the own message `id` of this conversation, any one of them, as Up
   * does for the last; the draft waits meanwhile. Resolves false when that message cannot be corrected.
   */
  @Method()
  async editMessage(id: string): Promise<boolean> {
    const store = this.activeSession.conversation(this.conversation);
    const message = store.get('messages').find(candidate => candidate.id === id);
    if (!message || message.attachment || !isCorrectable({ jid: this.conversation, room: store.get('room') }, message)) return false;
    this.beginEdit(message);
    this.textarea?.focus();
    return true;
  }

  /**
   * Makes the next message an answer to message `id` of this conversation (XEP-0461) and focuses
   * the text area; the draft stays. Resolves false when there is no such message to answer.
   */
  @Method()
  async replyTo(id: string): Promise<boolean> {
    const message = this.activeSession.conversation(this.conversation).get('messages').find(candidate => candidate.id === id);
    if (!message || message.notice || message.retractedAt !== undefined) return false;
    if (this.editing) this.cancelEdit();
    this.replyingTo = id;
    this.announcement = t('composer.replyStarted', { name: this.authorName(message) });
    this.textarea?.focus();
    return true;
  }

  /** The quoted author as the user knows them: "You", a nick, or the contact's name. */
  private authorName(message: Message): string {
    if (message.direction === 'out') return t('message.you');
    return message.nick ?? displayName(this.activeSession, message.from);
  }

  private cancelReply = () => {
    this.replyingTo = null;
    this.announcement = t('composer.replyCancelled');
    this.textarea?.focus();
  };

  /** What belongs to the message being written besides its text: an edit, a reply, mentions picked, a spoiler mark. */
  private resetMessageState(): void {
    this.editing = null;
    this.replyingTo = null;
    this.suggestions = null;
    this.picked = [];
    this.spoiler = null;
  }

  /** A new thread's first message answers the message it branches from; later ones are in the thread already. */
  private threadReplyTo(): string | undefined {
    if (this.thread === undefined || this.threadRoot === undefined) return undefined;
    const messages = this.activeSession.conversation(this.conversation).get('messages');
    return messages.some(message => message.thread?.id === this.thread) ? undefined : this.threadRoot;
  }

  private get activeSession(): Session {
    return sessionFor(this.el, this.session);
  }

  /** What the text area holds: the text of the message being corrected, else the thread's or the conversation's draft. */
  private text(): string {
    if (this.editing) return this.editing.text;
    return this.thread !== undefined ? this.threadDraft : this.activeSession.conversation(this.conversation).get('draft');
  }

  private changed(value: string): void {
    // An edit is not the draft: the draft waits in the store, and the peer is not told we type.
    if (this.editing) this.editing = { ...this.editing, text: value };
    // A thread's composer keeps its own text: the conversation's draft belongs to the main composer.
    else if (this.thread !== undefined) this.threadDraft = value;
    else this.activeSession.actions.setDraft(this.conversation, value);
    this.emitText();
  }

  /** Tells bindings the text changed by the user's hand (`value` first, so a listener reading it sees the new text). */
  private emitText(): void {
    const value = this.text();
    this.value = value;
    this.natterComposerInput.emit({ conversation: this.conversation, value });
  }

  private onInput = (event: Event) => {
    const textarea = event.target as HTMLTextAreaElement;
    this.changed(textarea.value);
    this.suggest(textarea.value, textarea.selectionStart);
  };

  /** Who may be mentioned here: in a room its occupants (not the user), then the user's contacts. */
  private candidates(): MentionCandidate[] {
    const session = this.activeSession;
    const store = session.conversation(this.conversation);
    const room = store.get('room');
    const people: MentionCandidate[] = [];
    if (room) {
      for (const nick of Object.keys(store.get('occupants')).sort((a, b) => a.localeCompare(b))) {
        if (nick !== room.nick) people.push({ label: nick, uri: xmppUri(`${this.conversation}/${nick}`) });
      }
    }
    for (const jid of Object.keys(session.roster.get('contacts'))) {
      const name = displayName(session, jid);
      people.push(name === jid ? { label: jid, uri: xmppUri(jid) } : { label: jid, display: `${name} (${jid})`, uri: xmppUri(jid) });
    }
    return people;
  }

  /** Suggests people for the `@word` before the caret, or stops suggesting. */
  private suggest(text: string, caret: number): void {
    const typed = mentionQuery(text, caret);
    const people = typed ? matchingCandidates(typed.query, this.candidates()) : [];
    if (!typed || people.length === 0) {
      this.suggestions = null;
      return;
    }
    this.suggestions = { start: typed.start, end: caret, people, active: 0 };
    this.announcement = t('composer.mentionSuggestions', { count: people.length });
  }

  /** Puts the suggested person in place of the `@word` and remembers them as a mention. */
  private pick(person: MentionCandidate): void {
    const suggestions = this.suggestions;
    const textarea = this.textarea;
    this.suggestions = null;
    if (!suggestions || !textarea) return;
    const text = this.text();
    const next = `${text.slice(0, suggestions.start)}${person.label} ${text.slice(suggestions.end)}`;
    this.picked = [...this.picked, person];
    this.changed(next);
    textarea.value = next;
    const caret = suggestions.start + person.label.length + 1;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
  }

  /** The suggestions' keys: arrows move, Enter or Tab picks, Escape stops suggesting. True when the key was theirs. */
  private onSuggestionKey(event: KeyboardEvent): boolean {
    const suggestions = this.suggestions;
    if (!suggestions) return false;
    const count = suggestions.people.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const active = (suggestions.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
      this.suggestions = { ...suggestions, active };
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.pick(suggestions.people[suggestions.active]);
    } else if (event.key === 'Escape') {
      this.suggestions = null;
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  private onKeyDown = (event: KeyboardEvent) => {
    // isComposing: keys that confirm an IME composition are not commands.
    if (event.isComposing) return;
    if (this.onSuggestionKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.submit();
      return;
    }
    if (event.key === 'Escape' && this.editing) {
      event.preventDefault();
      this.cancelEdit();
      return;
    }
    if (event.key === 'Escape' && this.replyingTo !== null) {
      event.preventDefault();
      this.cancelReply();
      return;
    }
    if (event.key === 'ArrowUp' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !this.editing) {
      if (this.startEdit()) event.preventDefault();
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const button = FORMAT_BUTTONS.find(candidate => candidate.key === key && !!candidate.shift === event.shiftKey);
    if (!button) return;
    event.preventDefault();
    this.format(button.format);
  };

  /** Applies `format` to the text area's selection, keeping the change undoable where the browser allows. */
  private format(format: StylingFormat): void {
    const textarea = this.textarea;
    if (!textarea) return;
    const edit = formatSelection({ value: textarea.value, start: textarea.selectionStart, end: textarea.selectionEnd }, format);
    textarea.focus();
    textarea.setSelectionRange(edit.from, edit.to);
    // insertText goes on the browser's undo stack (Ctrl+Z works) and fires `input`; setting `value` would not.
    const inserted = typeof document.execCommand === 'function' && document.execCommand('insertText', false, edit.insert);
    if (!inserted) {
      textarea.value = applyEdit(textarea.value, edit);
      this.changed(textarea.value);
    }
    textarea.setSelectionRange(edit.start, edit.end);
  }

  /** Up arrow in an empty composer: edit the last own message, if there is one to correct. */
  private startEdit(): boolean {
    const store = this.activeSession.conversation(this.conversation);
    if (this.text() !== '') return false;
    const last = lastCorrectable({ jid: this.conversation, room: store.get('room'), messages: store.get('messages') });
    if (!last) return false;
    this.beginEdit(last);
    return true;
  }

  private beginEdit(message: { id: string; body: string }): void {
    this.replyingTo = null;
    this.editing = { id: message.id, text: message.body };
    this.announcement = t('composer.editStarted');
    this.emitText();
  }

  private cancelEdit = () => {
    this.editing = null;
    this.announcement = t('composer.editCancelled');
    this.emitText();
    this.textarea?.focus();
  };

  private onToolbarKeyDown = (event: KeyboardEvent) => {
    const buttons = Array.from(this.toolbar?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    // A horizontal toolbar: Left and Right follow the reading direction.
    const rtl = typeof getComputedStyle === 'function' && getComputedStyle(this.el).direction === 'rtl';
    const step = { ArrowRight: rtl ? 'ArrowUp' : 'ArrowDown', ArrowLeft: rtl ? 'ArrowDown' : 'ArrowUp' }[event.key] ?? event.key;
    const next = rovingIndex(step, index, buttons.length);
    if (next === null) return;
    event.preventDefault();
    this.toolbarFocus = next;
    buttons[next].focus();
  };

  /** Marks the next message a spoiler (XEP-0382), with a hint field, or stops doing so. */
  private toggleSpoiler = async () => {
    this.spoiler = this.spoiler === null ? '' : null;
    if (this.spoiler === null) return;
    await new Promise(requestAnimationFrame);
    this.el.shadowRoot?.querySelector<HTMLInputElement>('input[part=spoiler-hint]')?.focus();
  };

  private renderSpoiler() {
    if (this.spoiler === null) return null;
    return (
      <div part="spoiler" class="replying">
        <input
          part="spoiler-hint"
          type="text"
          class="spoiler-hint"
          maxLength={200}
          aria-label={t('composer.spoilerHint')}
          placeholder={t('composer.spoilerHint')}
          value={this.spoiler}
          onInput={event => (this.spoiler = (event.target as HTMLInputElement).value)}
          onKeyDown={event => {
            // Enter goes on to the text; Escape drops the spoiler mark.
            if (event.key === 'Enter' || event.key === 'Escape') {
              event.preventDefault();
              if (event.key === 'Escape') this.spoiler = null;
              this.textarea?.focus();
            }
          }}
        />
      </div>
    );
  }

  private togglePreview = () => {
    this.previewing = !this.previewing;
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    const session = this.activeSession;
    const editing = this.editing;
    const body = this.text();
    if (body.trim() === '') return;
    const replyTo = editing ? undefined : (this.replyingTo ?? this.threadReplyTo());
    const detail: NatterComposerSubmitDetail = editing
      ? { conversation: this.conversation, body, corrects: editing.id }
      : replyTo !== undefined
        ? { conversation: this.conversation, body, replyTo }
        : { conversation: this.conversation, body };
    const event = this.natterComposerSubmit.emit(detail);
    if (event.defaultPrevented) return;
    if (editing) {
      // An unchanged text sends nothing; either way the edit is over.
      const sent = session.actions.correctMessage(this.conversation, editing.id, body);
      this.editing = null;
      this.announcement = sent ? t('composer.correctionSent') : t('composer.editCancelled');
    } else {
      const mentions = mentionRanges(body, this.picked);
      const options: { replyTo?: string; mentions?: Mention[]; thread?: string; spoiler?: { hint?: string } } = {};
      if (replyTo !== undefined) options.replyTo = replyTo;
      if (mentions.length) options.mentions = mentions;
      if (this.thread !== undefined) options.thread = this.thread;
      if (this.spoiler !== null) options.spoiler = this.spoiler.trim() ? { hint: this.spoiler.trim() } : {};
      session.actions.sendMessage(this.conversation, body, options);
      this.spoiler = null;
      if (this.thread !== undefined) this.threadDraft = '';
      this.replyingTo = null;
      this.picked = [];
      this.suggestions = null;
    }
    // Emptied now, not at the next render: a key typed before it would otherwise extend the text just sent.
    if (this.textarea && !editing) this.textarea.value = '';
    this.emitText();
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

  /** The people suggested for the `@word` being typed: a listbox the text area drives (aria-activedescendant). */
  private renderSuggestions() {
    const suggestions = this.suggestions;
    if (!suggestions) return null;
    return (
      <ul part="mention-suggestions" id="mention-suggestions" class="suggestions" role="listbox" aria-label={t('composer.mentionLabel')}>
        {suggestions.people.map((person, index) => (
          <li
            part="mention-suggestion"
            id={`mention-${index}`}
            role="option"
            aria-selected={index === suggestions.active ? 'true' : 'false'}
            class={{ suggestion: true, active: index === suggestions.active }}
            // Keeps the focus in the text area: a click picks without blurring it.
            onMouseDown={event => event.preventDefault()}
            onClick={() => this.pick(person)}
            dir="auto"
          >
            {person.display ?? person.label}
          </li>
        ))}
      </ul>
    );
  }

  /** Whom and what the next message answers; a message that went (retracted, trimmed) is said to be gone. */
  private renderReplying(session: Session, id: string) {
    const quoted = session.conversation(this.conversation).get('messages').find(candidate => candidate.id === id);
    const text = quoted ? shorten(quoted.spoiler ? t('message.spoiler') : quoted.body, REPLY_PREVIEW_CHARS) : '';
    return (
      <div part="replying" class="replying">
        <span dir="auto">{quoted ? t('composer.replying', { name: this.authorName(quoted), text }) : t('composer.replyingGone')}</span>
        <button part="cancel-reply-button" type="button" class="cancel-edit" aria-label={t('composer.cancelReply')} onClick={this.cancelReply}>
          {t('composer.cancelEdit')}
        </button>
      </div>
    );
  }

  /** The shortcut for `aria-keyshortcuts`: Ctrl or Cmd (Meta), maybe Shift, and the key. */
  private keyShortcuts(button: FormatButton): string {
    const key = `${button.shift ? 'Shift+' : ''}${button.key!.toUpperCase()}`;
    return `Control+${key} Meta+${key}`;
  }

  /** "Ctrl+B", "⌘+B", "Ctrl+Shift+X": the shortcut as the user's keyboard names it. */
  private shortcutText(button: FormatButton): string {
    const modifier = t(isApple() ? 'composer.key.cmd' : 'composer.key.ctrl');
    return [modifier, ...(button.shift ? [t('composer.key.shift')] : []), button.key!.toUpperCase()].join('+');
  }

  private renderToolbar() {
    const tabStop = (index: number) => (index === this.toolbarFocus ? 0 : -1);
    return (
      <div part="toolbar" class="toolbar" role="toolbar" aria-label={t('composer.toolbar')} ref={element => (this.toolbar = element)} onKeyDown={this.onToolbarKeyDown}>
        {FORMAT_BUTTONS.map((button, index) => {
          const label = t(button.label);
          return (
            <button
              part="format-button"
              type="button"
              class={`format format-${button.format}`}
              data-format={button.format}
              tabIndex={tabStop(index)}
              aria-label={label}
              aria-keyshortcuts={button.key ? this.keyShortcuts(button) : undefined}
              title={button.key ? t('composer.withShortcut', { label, shortcut: this.shortcutText(button) }) : label}
              onFocus={() => (this.toolbarFocus = index)}
              onClick={() => this.format(button.format)}
            >
              <span aria-hidden="true">{button.glyph}</span>
            </button>
          );
        })}
        <button
          part="preview-button"
          type="button"
          class="preview-toggle"
          tabIndex={tabStop(FORMAT_BUTTONS.length)}
          aria-pressed={this.previewing ? 'true' : 'false'}
          aria-controls={this.previewing ? 'composer-preview' : undefined}
          onFocus={() => (this.toolbarFocus = FORMAT_BUTTONS.length)}
          onClick={this.togglePreview}
        >
          {t('composer.preview')}
        </button>
        <button
          part="spoiler-button"
          type="button"
          class="preview-toggle"
          tabIndex={tabStop(FORMAT_BUTTONS.length + 1)}
          aria-pressed={this.spoiler !== null ? 'true' : 'false'}
          onFocus={() => (this.toolbarFocus = FORMAT_BUTTONS.length + 1)}
          onClick={this.toggleSpoiler}
        >
          {t('composer.spoiler')}
        </button>
      </div>
    );
  }

  private renderPreview(session: Session, text: string) {
    return (
      // Focusable so that a long preview scrolls from the keyboard too.
      <div part="preview" id="composer-preview" class="preview" role="region" aria-label={t('composer.previewLabel')} tabIndex={0} dir="auto">
        {text.trim() === '' ? (
          <span class="preview-empty">{t('composer.previewEmpty')}</span>
        ) : (
          <StyledBody body={text} actor={() => ownName(session, this.conversation)} render={this.styled} />
        )}
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
    let lines = 1;
    for (let at = text.indexOf('\n'); at >= 0 && lines < MAX_ROWS; at = text.indexOf('\n', at + 1)) lines++;
    return (
      <form part="base" class={{ composer: true, 'is-editing': !!editing }} onSubmit={this.onSubmit}>
        {!online && (
          <p part="offline" class="offline" role="status">
            {t('composer.offline')}
          </p>
        )}
        {editing && this.renderEditing()}
        {!editing && this.replyingTo !== null && this.renderReplying(session, this.replyingTo)}
        {this.renderToolbar()}
        {this.previewing && this.renderPreview(session, text)}
        {this.renderSpoiler()}
        {this.renderSuggestions()}
        {/* Keyed: the banner or the preview appearing above must not make a new text area (it would lose focus). */}
        <div class="row" key="row">
          {/* Its uploads list takes a line of its own above the text area (the row wraps). */}
          <natter-upload-button part="upload-button" conversation={this.conversation} session={session}></natter-upload-button>
          <textarea
            part="input"
            ref={element => (this.textarea = element)}
            rows={lines}
            aria-label={editing ? t('composer.editLabel', { name }) : t('composer.label', { name })}
            aria-describedby={hintId}
            aria-autocomplete="list"
            aria-controls={this.suggestions ? 'mention-suggestions' : undefined}
            aria-activedescendant={this.suggestions ? `mention-${this.suggestions.active}` : undefined}
            placeholder={t('composer.placeholder')}
            value={text}
            dir="auto"
            onInput={this.onInput}
            onKeyDown={this.onKeyDown}
          ></textarea>
          {/* Hidden, not removed, while editing: a recording in progress must not be thrown away. */}
          <natter-voice-recorder part="voice-recorder" conversation={this.conversation} session={session} disabled={!online} hidden={!!editing}></natter-voice-recorder>
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
