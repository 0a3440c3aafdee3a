import { Component, Element, Event, type EventEmitter, Prop, State, Watch, h } from '@stencil/core';
import type { Attachment, Message } from '../../adapters/types';
import { errorMessage } from '../../session/errors';
import type { Session } from '../../session/session';
import { formatDateTime, formatFileSize, formatList, formatTime, t } from '../../i18n/catalogue';
import { IMAGE_AUTOLOAD_MAX_BYTES, attachmentKind, bodyIsAttachmentUrl, isSafeAttachmentUrl } from '../../markup/attachment';
import { nickColorCss } from '../../markup/nick-color';
import { shorten } from '../../markup/shorten';
import { renderStyledBody } from '../../markup/styling';
import { breakRuns, chunkEnd, clip, previewOf } from '../../markup/bounded-text';
import { memoLast } from '../shared/memo';
import { warmMessageRendering } from '../shared/warm-up';
import { displayName, ownName, sessionFor } from '../shared/session-binding';
import { Avatar } from '../shared/avatar';
import { StyledBody } from '../shared/styled-body';
import { isCorrectable, mayModerate, reactionCounts, repliedMessage } from '../../stores/conversation';
import type { NatterEmojiSelectDetail } from '../natter-emoji-picker/natter-emoji-picker-interface';
import type { NatterMessageEditDetail, NatterMessageQuoteSelectDetail, NatterMessageReplyDetail, NatterMessageThreadOpenDetail, NatterMessageRetryDetail } from './natter-message-interface';

// Without a chatbox that warmed up at sign-in, once this code is here messages are about to show.
warmMessageRendering();

/**
 * One chat message: the sender (first of a group), the text with its XEP-0393
 * styling and safe links, the time, and for own messages the delivery state
 * with a retry for failed ones. A body starting with "/me " (XEP-0245) reads
 * "* Alice waves". The body is always text: HTML in a message is shown, never
 * interpreted, and styling directives stay visible, de-emphasised.
 * A long body (over 1,000 characters or 24 lines) shows its start, cut between characters, and a
 * "Show the whole message" button (`aria-expanded`) that shows the whole text in a scrollable
 * box of fixed height (`aria-busy` while it fills, over a few frames), in blocks laid out only as
 * they scroll into view: whatever a peer sends,
 * and whatever fonts are installed, showing a message costs a bounded amount of work. Within the
 * text, a long run without spaces may break every 24 characters. Copy text copies the whole body.
 * A corrected message (XEP-0308) says it was edited, and that button discloses
 * its earlier versions with their times.
 * A shared file (XEP-0066) shows inline: an image (lazily, in a fixed frame so the
 * list does not jump; one larger than 10 MB only when asked), a player for audio
 * and voice messages, a video, else a link with the file's name and size. Its
 * URL is not repeated as text when the body is only that URL.
 *
 * @part base - The message.
 * @part sender - The sender's name.
 * @part avatar - The sender's avatar beside it (their picture, else their initial); decorative.
 * @part avatar-image - The picture in it, when they have one.
 * @part body - The text.
 * @part link - Each link in the text.
 * @part strong - `*strong*` text.
 * @part emphasis - `_emphasised_` text.
 * @part strike - `~struck through~` text.
 * @part code - `` `preformatted` `` text in a line.
 * @part code-block - A preformatted block (between ```` ``` ```` lines).
 * @part quote - A quotation (lines starting with `>`).
 * @part directive - A styling directive (`*`, `_`, `~`, `` ` ``, ```` ``` ````, `>`), kept in the text.
 * @part action - "* Alice" before a `/me` action.
 * @part meta - Time and delivery state.
 * @part status - The delivery state of an own message.
 * @part retry-button - Resends a failed message.
 * @part edited - "Edited" on a corrected message: a button that shows or hides its earlier versions.
 * @part versions - The list of earlier versions of a corrected message.
 * @part version - One earlier version: its time and text.
 * @part attachment - The shared file, whatever its kind.
 * @part image - A shared image (inside a link that opens it).
 * @part show-image-button - Loads a large shared image.
 * @part audio-player - The `<natter-audio-player>` of shared audio and voice messages.
 * @part video - A shared video.
 * @part file - The link to a shared file that is not shown inline: its name and size.
 * @part actions-button - Opens the message's action menu (React, Reply, Copy text; on own messages Edit and Remove).
 * @part menu - The action menu (`role="menu"`): arrow keys, Home and End move, Escape closes.
 * @part menu-item - One action in the menu.
 * @part confirm - Asks before removing a message for everyone: Remove and Cancel (for a moderator, with a reason).
 * @part reason-input - A moderator's reason for removing someone's message (optional).
 * @part action-error - Why an action failed (a message that could not be removed).
 * @part reply-quote - What a reply (XEP-0461) answers: its sender and the start of its text; a button that scrolls to it.
 * @part retracted - "This message was removed", in place of a retracted message (XEP-0424).
 * @part reactions - The reactions to the message (XEP-0444): one button per emoji.
 * @part reaction - One emoji with how many gave it (`aria-pressed` when the user did): toggles the user's.
 * @part emoji-picker - The `<natter-emoji-picker>` that React opens.
 * @part thread-button - "3 replies" on the first message of a thread (XEP-0201): opens the thread.
 * @part show-whole-button - "Show the whole message" under the start of a long body (`aria-expanded`); shows less again.
 * @part whole-body - The whole text of a long body: a focusable, scrollable box of fixed height.
 * @part spoiler-button - A spoiler's (XEP-0382) disclosure button: "Spoiler: its hint", Show or Hide.
 */
// Its CSS custom properties are documented at the top of natter-message.css, where Stencil reads them.
type MessageAction = 'react' | 'reply' | 'thread' | 'copy' | 'edit' | 'remove' | 'moderate';

/** How long one step of filling the box of a whole long body may take (ms): a small part of a frame. */
const FILL_BUDGET_MS = 2;
/** Blocks of the whole body per group: the box holds groups, each laid out only when in view. */
const WHOLE_GROUP_BLOCKS = 16;

/** How much of a quoted message a reply shows. */
const QUOTE_CHARS = 120;

@Component({ tag: 'natter-message', styleUrl: 'natter-message.css', shadow: true })
export class NatterMessage {
  /** Status updates re-render a message; its body is styled once. */
  private readonly styled = memoLast(renderStyledBody);
  /** The start of a long body, cut once per body. */
  private readonly preview = memoLast((body: string) => previewOf(body));
  /** The box that shows the whole of a long body, while shown. */
  private wholeBox?: HTMLElement;
  /** Filling that box, a few blocks per frame: which body, into which box, and where the next block starts. */
  private filling: { body: string; box: HTMLElement; next: number; frame: number; group: HTMLElement | null; blocks: number } | null = null;
  private menuButton?: HTMLButtonElement;
  private menu?: HTMLElement;

  @Element() el!: HTMLElement;

  /** The earlier versions of a corrected message are shown. */
  @State() versionsShown = false;

  /** The reader asked to see a shared image too large to load unasked. */
  @State() imageRequested = false;

  /** The shared image did not load: its link is shown instead. */
  @State() imageFailed = false;

  /** The reader asked to see the whole of a long body. */
  @State() wholeShown = false;

  /** The box of the whole body holds all of it (it is filled over a few frames). */
  @State() wholeComplete = false;

  /** The reader asked to see a spoiler's text. */
  @State() spoilerShown = false;

  /** The action menu is open. */
  @State() menuOpen = false;

  /** Removing was chosen: the confirmation is shown. */
  @State() confirming: 'remove' | 'moderate' | null = null;

  /** A moderator's reason for removing someone's message, while confirming. */
  @State() moderationReason = '';

  /** React was chosen: the emoji picker is open. */
  @State() pickerOpen = false;

  /** Why the last action failed, shown until the next one. */
  @State() actionError = '';

  /** The message to show. */
  @Prop() message!: Message;

  /** The sender's display name. */
  @Prop() senderName = '';

  /** Continues a group of messages from the same sender: the name is not repeated. */
  @Prop({ reflect: true }) grouped = false;

  /** The thread this message starts (XEP-0201) and how many replies it has: shown as a button that opens the thread. */
  @Prop() threadStarted?: { id: string; replies: number };

  /** The message mentions the reader (their nick in a room): it is highlighted. */
  @Prop({ reflect: true }) mention = false;

  /** The session that retries a failed message. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** The user asked to resend a failed message. Cancelable: `preventDefault()` skips the resend. */
  @Event({ cancelable: true }) natterMessageRetry!: EventEmitter<NatterMessageRetryDetail>;

  /** The user chose Edit in the action menu: `<natter-chatbox>` puts the message into its composer. */
  @Event() natterMessageEdit!: EventEmitter<NatterMessageEditDetail>;

  /** The user asked to read or start the message's thread (XEP-0201): `<natter-chatbox>` opens its thread panel. */
  @Event() natterMessageThreadOpen!: EventEmitter<NatterMessageThreadOpenDetail>;

  /** The user chose Reply in the action menu: `<natter-chatbox>`'s composer answers the message. */
  @Event() natterMessageReply!: EventEmitter<NatterMessageReplyDetail>;

  /** The reader activated a reply's quote: `<natter-chatbox>` scrolls to the quoted message. */
  @Event() natterMessageQuoteSelect!: EventEmitter<NatterMessageQuoteSelectDetail>;

  componentDidRender() {
    if (this.wholeShown) this.fillWhole();
    else this.stopFilling();
  }

  disconnectedCallback() {
    this.stopFilling();
  }

  @Watch('message')
  messageChanged(next?: Message, previous?: Message) {
    // Another message in this element (a virtual list reuses rows) starts hidden again.
    if (next?.id !== previous?.id) {
      this.spoilerShown = false;
      this.wholeShown = false;
    }
    if (next?.body !== previous?.body) this.wholeComplete = false;
    if (next?.attachment?.url === previous?.attachment?.url) return;
    this.imageRequested = false;
    this.imageFailed = false;
  }

  private retry = () => {
    const { conversation, id } = this.message;
    const event = this.natterMessageRetry.emit({ conversation, id });
    if (!event.defaultPrevented) sessionFor(this.el, this.session).actions.retryMessage(conversation, id);
  };

  /** Who a `/me` message is by: the nick in rooms, else the sender's name, or the account's for own messages. */
  private actorName = (): string => {
    const message = this.message;
    if (message.nick) return clip(message.nick);
    const session = sessionFor(this.el, this.session);
    return clip(message.direction === 'in' ? this.senderName || displayName(session, message.from) : ownName(session));
  };

  private toggleVersions = () => {
    this.versionsShown = !this.versionsShown;
  };

  /** Whether the user can react: the message reached the server (in a room, the room gave it its id). */
  private reactable(message: Message): boolean {
    if (message.notice || message.retractedAt !== undefined) return false;
    // In a room only the room's stanza-id names a message; in a chat (a private one with an occupant too) an own message must have left.
    const inRoom = message.nick !== undefined && !message.conversation.includes('/');
    return inRoom ? message.stanzaId !== undefined : message.status !== 'pending' && message.status !== 'failed';
  }

  /** What the user may do with this message: react, copy any text; edit and remove own sent messages. */
  private actions(message: Message): MessageAction[] {
    if (message.notice || message.retractedAt !== undefined) return [];
    // Only own messages can be edited or removed; an incoming one reads (and so re-renders with) nothing of the store.
    const own = message.direction === 'out' && isCorrectable({ jid: message.conversation, room: sessionFor(this.el, this.session).conversation(message.conversation).get('room') }, message);
    const found: MessageAction[] = [];
    if (this.reactable(message)) found.push('react', 'reply', 'thread');
    if (message.body && typeof navigator !== 'undefined' && navigator.clipboard) found.push('copy');
    if (own && !message.attachment) found.push('edit');
    if (own && message.status !== 'pending' && message.status !== 'failed') found.push('remove');
    // Someone else's message in a room the user moderates (reading the room only for room messages).
    else if (!own && message.nick !== undefined && mayModerate(sessionFor(this.el, this.session).conversation(message.conversation).get('room'), message)) found.push('moderate');
    return found;
  }

  private menuItems(): HTMLButtonElement[] {
    return Array.from(this.menu?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? []);
  }

  private openMenu = async (focus: 'first' | 'last' = 'first') => {
    this.actionError = '';
    this.confirming = null;
    this.menuOpen = true;
    await new Promise(requestAnimationFrame);
    const items = this.menuItems();
    (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
  };

  private closeMenu = (refocus = true) => {
    this.menuOpen = false;
    if (refocus) this.menuButton?.focus();
  };

  /**
   * A long press (which touch browsers turn into `contextmenu`) or a right click opens the action
   * menu; on a link, an image or selected text the browser's own menu stays.
   */
  private onContextMenu = (event: MouseEvent) => {
    const target = event.composedPath()[0] as Element | undefined;
    if (!this.menuButton || target?.closest?.('a, img, video, audio, input, textarea')) return;
    if (String(globalThis.getSelection?.() ?? '') !== '') return;
    event.preventDefault();
    void this.openMenu();
  };

  private onMenuButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  /** The menu's keys (WAI-ARIA menu button): arrows wrap, Home/End, Escape closes to the button, Tab closes. */
  private onMenuKey = (event: KeyboardEvent) => {
    const items = this.menuItems();
    const index = items.indexOf(this.el.shadowRoot?.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      this.closeMenu();
    } else if (event.key === 'Tab') this.closeMenu(false);
  };

  private onMenuFocusOut = (event: FocusEvent) => {
    // Focus left the menu (a click elsewhere): it closes, without taking the focus back.
    if (this.menuOpen && !this.menu?.contains(event.relatedTarget as Node) && event.relatedTarget !== this.menuButton) this.closeMenu(false);
  };

  private runAction = async (action: MessageAction) => {
    const message = this.message;
    this.closeMenu(action !== 'edit' && action !== 'react' && action !== 'reply' && action !== 'thread');
    if (action === 'react') {
      this.pickerOpen = true;
      await new Promise(requestAnimationFrame);
      await this.el.shadowRoot?.querySelector<HTMLElement & { focusSearch(): Promise<void> }>('natter-emoji-picker')?.focusSearch();
    } else if (action === 'copy') {
      try {
        await navigator.clipboard.writeText(message.body);
      } catch {
        this.actionError = t('message.copyFailed');
      }
    } else if (action === 'thread') {
      this.openThread();
    } else if (action === 'reply') {
      this.natterMessageReply.emit({ conversation: message.conversation, id: message.id });
    } else if (action === 'edit') {
      this.natterMessageEdit.emit({ conversation: message.conversation, id: message.id });
    } else {
      this.confirming = action;
      this.moderationReason = '';
      await new Promise(requestAnimationFrame);
      this.el.shadowRoot?.querySelector<HTMLElement>('[part=confirm] input, [part=confirm] button')?.focus();
    }
  };

  /** Removes the message for everyone: an own one by retracting it, someone else's by asking the room as its moderator. */
  private confirmRemove = async (event?: Event) => {
    event?.preventDefault();
    const { conversation, id } = this.message;
    const moderating = this.confirming === 'moderate';
    this.confirming = null;
    this.menuButton?.focus();
    const actions = sessionFor(this.el, this.session).actions;
    try {
      if (moderating) await actions.moderateMessage(conversation, id, this.moderationReason.trim() || undefined);
      else await actions.retractMessage(conversation, id);
    } catch (error) {
      this.actionError = t('message.removeFailed', { reason: errorMessage(error) });
    }
  };

  private cancelRemove = () => {
    this.confirming = null;
    this.menuButton?.focus();
  };

  private onConfirmKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancelRemove();
    }
  };

  /** The menu's thread item: the thread the message is in, else the one it starts, else a new one from it. */
  private openThread = () => {
    const { conversation, id } = this.message;
    const thread = this.message.thread?.id ?? this.threadStarted?.id;
    this.natterMessageThreadOpen.emit(thread !== undefined ? { conversation, id, thread } : { conversation, id });
  };

  private openStartedThread = () => {
    const { conversation, id } = this.message;
    this.natterMessageThreadOpen.emit({ conversation, id, thread: this.threadStarted!.id });
  };

  /** Adds or takes back the user's reaction; a failure is said in the message. */
  private toggleReaction = async (emoji: string) => {
    const { conversation, id } = this.message;
    this.actionError = '';
    try {
      await sessionFor(this.el, this.session).actions.toggleReaction(conversation, id, emoji);
    } catch (error) {
      this.actionError = t('message.reactFailed', { reason: errorMessage(error) });
    }
  };

  private closePicker = () => {
    this.pickerOpen = false;
    this.menuButton?.focus();
  };

  private pickEmoji = (event: CustomEvent<NatterEmojiSelectDetail>) => {
    event.stopPropagation();
    this.closePicker();
    void this.toggleReaction(event.detail.emoji);
  };

  /** Who gave an emoji, by name: the user as "You", occupants by the nick they reacted under, contacts by their roster name. */
  private reactorNames(message: Message, reactors: string[]): string {
    const session = sessionFor(this.el, this.session);
    return formatList(reactors.map(key => (key === 'self' ? t('message.you') : message.reactions?.[key]?.nick ?? displayName(session, key))));
  }

  private renderReactions(message: Message) {
    const counts = message.retractedAt === undefined ? reactionCounts(message) : [];
    if (counts.length === 0) return null;
    const enabled = this.reactable(message);
    return (
      <div part="reactions" class="reactions" role="group" aria-label={t('message.reactions')}>
        {counts.map(({ emoji, reactors }) => {
          const names = this.reactorNames(message, reactors);
          return (
            <button
              part="reaction"
              type="button"
              class="reaction"
              aria-pressed={reactors.includes('self') ? 'true' : 'false'}
              aria-label={t('message.reaction', { emoji, count: reactors.length, names })}
              title={names}
              disabled={!enabled}
              onClick={() => void this.toggleReaction(emoji)}
            >
              <span aria-hidden="true">{emoji}</span> <span class="reaction-count" aria-hidden="true">{reactors.length}</span>
            </button>
          );
        })}
      </div>
    );
  }

  private renderPicker() {
    if (!this.pickerOpen) return null;
    return <natter-emoji-picker part="emoji-picker" class="emoji-picker" onNatterEmojiSelect={this.pickEmoji} onNatterEmojiPickerClose={this.closePicker}></natter-emoji-picker>;
  }

  private renderActions(message: Message) {
    const actions = this.actions(message);
    if (actions.length === 0) return null;
    const label: Record<MessageAction, string> = { react: t('message.react'), reply: t('message.reply'), thread: message.thread || this.threadStarted ? t('message.openThread') : t('message.startThread'), copy: t('message.copy'), edit: t('message.edit'), remove: t('message.remove'), moderate: t('message.moderate') };
    return [
      <button
        part="actions-button"
        type="button"
        class="actions-button"
        aria-haspopup="menu"
        aria-expanded={this.menuOpen ? 'true' : 'false'}
        aria-label={t('message.actions')}
        ref={el => (this.menuButton = el)}
        onClick={() => (this.menuOpen ? this.closeMenu() : void this.openMenu())}
        onKeyDown={this.onMenuButtonKey}
      >
        <span aria-hidden="true">⋯</span>
      </button>,
      this.menuOpen && (
        <div part="menu" class="menu" role="menu" aria-label={t('message.actions')} ref={el => (this.menu = el)} onKeyDown={this.onMenuKey} onFocusout={this.onMenuFocusOut}>
          {actions.map(action => (
            <button part="menu-item" type="button" role="menuitem" tabindex="-1" data-action={action} onClick={() => void this.runAction(action)}>
              {label[action]}
            </button>
          ))}
        </div>
      ),
    ];
  }

  private renderConfirm() {
    if (!this.confirming) return null;
    return (
      <div part="confirm" class="confirm" role="group" aria-label={t('message.removeQuestion')} onKeyDown={this.onConfirmKey}>
        {/* A form without a name (no landmark), so that Enter in the reason removes. */}
        <form class="confirm-form" onSubmit={this.confirmRemove}>
        <span>{t('message.removeQuestion')}</span>
        {this.confirming === 'moderate' && (
          <input
            part="reason-input"
            type="text"
            class="reason"
            maxLength={500}
            aria-label={t('message.moderationReason')}
            placeholder={t('message.moderationReason')}
            value={this.moderationReason}
            onInput={event => (this.moderationReason = (event.target as HTMLInputElement).value)}
          />
        )}
        {/* Enter in the reason submits the form; the button acts on its own click. */}
        <button type="button" onClick={this.confirmRemove}>
          {t('message.remove')}
        </button>
        <button type="button" onClick={this.cancelRemove}>
          {t('message.cancel')}
        </button>
        </form>
      </div>
    );
  }

  /** What stands in place of a removed message: who removed it, and a moderator's reason. */
  private retractedText(message: Message): string {
    const moderated = message.moderated;
    if (!moderated) return t(message.direction === 'out' ? 'message.retractedOwn' : 'message.retracted');
    const removed = moderated.by ? t('message.moderatedBy', { name: clip(moderated.by) }) : t('message.moderated');
    return moderated.reason ? t('message.moderatedReason', { removed, reason: clip(moderated.reason) }) : removed;
  }

  /** A reply's quote: the quoted message from the conversation's store (never the reply's own fallback text, which its sender chose). */
  private renderReplyQuote(message: Message, reply: { id: string; to?: string }) {
    const session = sessionFor(this.el, this.session);
    const store = session.conversation(message.conversation);
    const quoted = repliedMessage({ aliases: store.get('aliases'), messages: store.get('messages'), room: store.get('room') }, reply);
    if (!quoted) {
      return (
        <p part="reply-quote" class="reply-quote">
          {t('message.replyToEarlier')}
        </p>
      );
    }
    const who = quoted.direction === 'out' ? t('message.you') : quoted.nick ?? displayName(session, quoted.from);
    const text = shorten(quoted.retractedAt !== undefined ? t('message.retracted') : quoted.spoiler ? t('message.spoiler') : quoted.body, QUOTE_CHARS);
    return (
      <button
        part="reply-quote"
        type="button"
        class="reply-quote"
        aria-label={t('message.replyTo', { name: clip(who), text })}
        onClick={() => this.natterMessageQuoteSelect.emit({ conversation: message.conversation, id: quoted.id })}
      >
        <bdi class="reply-sender">{clip(who)}</bdi> <span dir="auto">{text}</span>
      </button>
    );
  }

  private toggleWhole = () => {
    this.wholeShown = !this.wholeShown;
  };

  /**
   * Puts the whole body into its box, as blocks of at most 256 characters and 32 lines: as many
   * as fit in a few milliseconds now, the rest in the next frames, so no task grows with the body.
   * Built outside the virtual DOM: the box has no children of Stencil's.
   */
  private fillWhole() {
    const box = this.wholeBox;
    const body = this.message?.body ?? '';
    if (!box || (this.filling && this.filling.box === box && this.filling.body === body)) return;
    this.stopFilling();
    box.textContent = '';
    this.wholeComplete = false;
    this.filling = { body, box, next: 0, frame: 0, group: null, blocks: 0 };
    this.fillStep();
  }

  private fillStep = () => {
    const filling = this.filling;
    if (!filling) return;
    const { body, box } = filling;
    const deadline = performance.now() + FILL_BUDGET_MS;
    do {
      const end = chunkEnd(body, filling.next);
      const doc = box.ownerDocument;
      const block = doc.createElement('div');
      block.className = 'chunk';
      breakRuns(body.slice(filling.next, end)).forEach((piece, index) => {
        if (index > 0) block.appendChild(doc.createElement('wbr'));
        block.appendChild(doc.createTextNode(piece));
      });
      // Blocks go in groups, so the box has few children to lay out however long the body.
      if (!filling.group || filling.blocks === WHOLE_GROUP_BLOCKS) {
        filling.group = box.appendChild(doc.createElement('div'));
        filling.group.className = 'group';
        filling.blocks = 0;
      }
      filling.group.appendChild(block);
      filling.blocks++;
      filling.next = end;
    } while (filling.next < body.length && performance.now() < deadline);
    if (filling.next < body.length) filling.frame = requestAnimationFrame(this.fillStep);
    else this.wholeComplete = true;
  };

  private stopFilling() {
    if (this.filling?.frame) cancelAnimationFrame(this.filling.frame);
    this.filling = null;
  }

  /**
   * The body: all of it when short; else its start and "Show the whole message", which shows the
   * whole text (plain, its styling directives as written) in a box of fixed height whose blocks
   * are laid out only when scrolled into view (`content-visibility`).
   */
  private renderBody(message: Message) {
    const preview = this.preview(message.body);
    if (!preview.truncated) {
      return (
        <div part="body" class="body" dir="auto">
          <StyledBody body={message.body} actor={this.actorName} render={this.styled} />
        </div>
      );
    }
    const whole = this.wholeShown;
    return [
      whole ? (
        <div
          key="whole"
          part="body whole-body"
          id="whole"
          class="body whole"
          dir="auto"
          tabindex="0"
          role="region"
          aria-label={t('message.wholeBody')}
          aria-busy={this.wholeComplete ? 'false' : 'true'}
          ref={el => (this.wholeBox = el)}
        ></div>
      ) : (
        <div key="start" part="body" id="whole" class="body" dir="auto">
          <StyledBody body={preview.text} actor={this.actorName} render={this.styled} />
          <span aria-hidden="true">…</span>
        </div>
      ),
      <button part="show-whole-button" type="button" class="show-whole" aria-expanded={whole ? 'true' : 'false'} aria-controls="whole" onClick={this.toggleWhole}>
        {whole ? t('message.showLess') : t('message.showWhole', { count: message.body.length })}
      </button>,
    ];
  }

  private toggleSpoiler = () => {
    this.spoilerShown = !this.spoilerShown;
  };

  /** A spoiler's disclosure button; its text and file are not in the DOM until shown (screen readers would read them). */
  private renderSpoilerButton(spoiler: { hint?: string }) {
    return (
      <button part="spoiler-button" type="button" class="spoiler" aria-expanded={this.spoilerShown ? 'true' : 'false'} onClick={this.toggleSpoiler}>
        <span dir="auto">{spoiler.hint ? t('message.spoilerHint', { hint: clip(spoiler.hint) }) : t('message.spoiler')}</span>{' '}
        <span class="spoiler-action">{this.spoilerShown ? t('message.hideSpoiler') : t('message.showSpoiler')}</span>
      </button>
    );
  }

  /** "Edited" on a corrected message: the disclosure button of its earlier versions. */
  private renderEdited(message: Message) {
    if (!message.earlierVersions?.length) return null;
    return (
      <button part="edited" type="button" class="edited" aria-expanded={this.versionsShown ? 'true' : 'false'} aria-controls="versions" onClick={this.toggleVersions}>
        {t('message.edited')}
      </button>
    );
  }

  /** An earlier version as text: its start when long (the same bound as a body), breakable within long runs. */
  private versionText(body: string) {
    const preview = previewOf(body);
    const pieces = breakRuns(preview.text);
    return [pieces.map((piece, index) => (index === 0 ? piece : [<wbr />, piece])), preview.truncated ? '…' : ''];
  }

  /** The earlier versions of a corrected message, oldest first, as plain text; in the DOM (hidden) while closed, for `aria-controls`. */
  private renderVersions(message: Message) {
    if (!message.earlierVersions?.length) return null;
    return (
      <ol part="versions" id="versions" class="versions" aria-label={t('message.earlierVersions')} hidden={!this.versionsShown}>
        {message.earlierVersions.map(version => (
          <li part="version" class="version">
            <time dateTime={new Date(version.timestamp).toISOString()} dir="auto">
              {formatDateTime(version.timestamp)}
            </time>{' '}
            <span class="version-body" dir="auto">
              {this.versionText(version.body)}
            </span>
          </li>
        ))}
      </ol>
    );
  }

  /** A link to the file: its name and, when known, its size. */
  private renderFileLink(attachment: Attachment) {
    const name = attachment.name ? clip(attachment.name) : t('attachment.unnamed');
    return (
      <a part="file" class="file" href={attachment.url} target="_blank" rel="noopener noreferrer" dir="auto">
        <span class="file-icon" aria-hidden="true">
          📄
        </span>
        {attachment.size !== undefined ? t('attachment.fileLabel', { name, size: formatFileSize(attachment.size) }) : name}
      </a>
    );
  }

  private renderImage(attachment: Attachment) {
    const name = attachment.name ? clip(attachment.name) : t('attachment.unnamed');
    if (this.imageFailed) {
      return [
        <p class="attachment-note">{t('attachment.imageFailed')}</p>,
        this.renderFileLink(attachment),
      ];
    }
    const large = attachment.size !== undefined && attachment.size > IMAGE_AUTOLOAD_MAX_BYTES;
    if (large && !this.imageRequested) {
      return [
        <button part="show-image-button" type="button" class="show-image" onClick={() => (this.imageRequested = true)}>
          {t('attachment.showImage', { size: formatFileSize(attachment.size!) })}
        </button>,
        this.renderFileLink(attachment),
      ];
    }
    return (
      <a class="image-link" href={attachment.url} target="_blank" rel="noopener noreferrer">
        <img
          part="image"
          class="image"
          src={attachment.url}
          alt={attachment.description ?? t('attachment.image', { name })}
          loading="lazy"
          decoding="async"
          referrerPolicy="no-referrer"
          onError={() => (this.imageFailed = true)}
        />
      </a>
    );
  }

  /** A shared file, shown as what it is. */
  private renderAttachment(message: Message, attachment: Attachment) {
    const name = attachment.name ? clip(attachment.name) : t('attachment.unnamed');
    let content;
    switch (attachmentKind(attachment)) {
      case 'image':
        content = this.renderImage(attachment);
        break;
      case 'audio': {
        const voice = attachment.duration !== undefined;
        const who = message.direction === 'in' ? this.senderName || message.nick : undefined;
        const label = voice ? (who ? t('attachment.voiceFrom', { name: who }) : t('attachment.voice')) : name;
        content = <natter-audio-player part="audio-player" class="audio" src={attachment.url} duration={attachment.duration} label={label}></natter-audio-player>;
        break;
      }
      case 'video':
        content = [
          <video part="video" class="video" src={attachment.url} controls preload="none" aria-label={t('attachment.video', { name })}></video>,
          this.renderFileLink(attachment),
        ];
        break;
      default:
        content = this.renderFileLink(attachment);
    }
    return (
      <div part="attachment" class="attachment">
        {content}
      </div>
    );
  }

  /** The author's avatar beside their name (decorative: the name says who): in a room, by the occupant's real JID where the room shows it. */
  private renderAvatar(message: Message) {
    const session = sessionFor(this.el, this.session);
    let jid: string | undefined;
    if (message.direction === 'out') jid = session.ownJid() ?? undefined;
    else if (message.nick !== undefined) jid = session.conversation(message.conversation).get('occupants')[message.nick]?.jid;
    else jid = message.from.split('/')[0];
    const name = message.direction === 'out' ? ownName(session) : message.nick ?? (this.senderName || displayName(session, message.from));
    return <Avatar session={session} jid={jid} name={name} />;
  }

  render() {
    const message = this.message;
    if (!message) return null;
    const own = message.direction === 'out';
    // Whatever adapter made the message, a file is shown only from a URL that is safe to load and link.
    const attachment = message.attachment && isSafeAttachmentUrl(message.attachment.url, own) ? message.attachment : undefined;
    const failed = message.status === 'failed';
    const hidden = !!message.spoiler && !this.spoilerShown;
    const retracted = message.retractedAt !== undefined;
    // Queued while the connection is down: it waits (the outbox sends it once back), it has not failed.
    const waiting = own && message.status === 'pending' && sessionFor(this.el, this.session).connection.get('status') !== 'online';
    const statusText = waiting ? t('message.status.queued') : t(`message.status.${failed ? 'failed' : message.status}` as 'message.status.sent');
    return (
      <div part="base" class={{ message: true, own, failed, mention: this.mention }} onContextMenu={this.onContextMenu}>
        {!this.grouped && (
          <div class="sender-line">
            {this.renderAvatar(message)}
            <div part="sender" class="sender" style={!own && message.nick ? { color: nickColorCss(message.nick) } : undefined}>
              {own ? t('message.you') : <bdi>{clip(this.senderName)}</bdi>}
            </div>
          </div>
        )}
        {this.mention && <span class="visually-hidden">{t('room.mention')}</span>}
        {!retracted && message.replyTo && this.renderReplyQuote(message, message.replyTo)}
        {retracted && (
          <p part="retracted" class="retracted">
            {this.retractedText(message)}
          </p>
        )}
        {!retracted && message.spoiler && this.renderSpoilerButton(message.spoiler)}
        {hidden || retracted ? null : [
          !(attachment && bodyIsAttachmentUrl(message.body, attachment)) && this.renderBody(message),
          attachment && this.renderAttachment(message, attachment),
        ]}
        <div part="meta" class="meta">
          <time dateTime={new Date(message.timestamp).toISOString()} dir="auto">{formatTime(message.timestamp)}</time>
          {this.renderEdited(message)}
          {own && message.status !== 'received' && (
            <span part="status" class={`status status-${message.status}`}>
              {failed && message.error ? t('message.failedReason', { reason: clip(message.error) }) : statusText}
            </span>
          )}
          {own && failed && (
            <button part="retry-button" type="button" class="retry" onClick={this.retry}>
              {t('message.retry')}
            </button>
          )}
          {this.renderActions(message)}
        </div>
        {this.renderReactions(message)}
        {this.threadStarted && this.threadStarted.replies > 0 && (
          <button part="thread-button" type="button" class="thread-button" onClick={this.openStartedThread}>
            {t('message.threadReplies', { count: this.threadStarted.replies })}
          </button>
        )}
        {this.renderPicker()}
        {this.renderConfirm()}
        {this.actionError && (
          <p part="action-error" class="action-error" role="alert">
            {this.actionError}
          </p>
        )}
        {this.renderVersions(message)}
      </div>
    );
  }
}
