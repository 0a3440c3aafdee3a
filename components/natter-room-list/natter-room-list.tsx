import { Component, Element, Event, EventEmitter, Prop, State, h } from '@stencil/core';
import { RoomError, type Bookmark, type Jid, type RoomErrorCode, type RoomInfo } from '../../adapters/types';
import type { Session } from '../../session/session';
import type { RoomState } from '../../stores/conversation';
import type { Invitation } from '../../stores/rooms';
import { looksLikeJid } from '../../adapters/jid-shape';
import { currentLocale, t } from '../../i18n/catalogue';
import { displayName, sessionFor } from '../shared/session-binding';
import { moveFocus } from '../shared/roving-focus';
import { errorMessage } from '../../session/errors';
import { roomErrorText, roomLocalPart, roomName } from '../shared/room-text';
import { TextField } from '../shared/text-field';
import { clip } from '../../markup/bounded-text';
import type { NatterRoomListSelectDetail } from './natter-room-list-interface';

interface RoomRow {
  jid: Jid;
  name: string;
  unread: number;
  /** Of the unread, how many mention the user. */
  mentions: number;
  state: RoomState | null;
  bookmark?: Bookmark;
  /** In the conversation list: joined, joining, failed or thrown out, and not closed yet. */
  listed: boolean;
}

interface RowStatus {
  text: string;
  kind: 'joined' | 'joining' | 'error' | 'idle';
}

/** Why the join form's last attempt failed. */
interface JoinFailure {
  code: RoomErrorCode;
  /** The room's own text (room errors), or the message of another error (offline, …). */
  detail?: string;
  /** Not a room error: the adapter could not even ask. */
  other: boolean;
  suggestedNick?: string;
}

type FocusTarget =
  | 'join-address'
  | 'join-nick'
  | 'join-password'
  | 'join-button'
  | 'create-local'
  | 'create-button'
  | 'browse-button'
  | 'list'
  | { room: Jid };

/** A room's local part as this form accepts it: letters, digits, dots, dashes, underscores. */
const LOCAL_PART = /^[\p{L}\p{N}._-]+$/u;


function isIn(state: RoomState | null): boolean {
  return state?.status === 'joined' || state?.status === 'joining';
}

/**
 * The rooms of one account: bookmarked and joined rooms with unread counts and
 * their state (joined, joining, or why not), pending invitations (Accept /
 * Decline), and three tools: join a room by its address (with nick and
 * password; errors in plain words, a taken nick offers another one), browse the
 * public rooms of the server's conference service, and create a room.
 *
 * Picking a room (click, Enter or Space; Up/Down/Home/End move between rooms)
 * emits the cancelable `natterRoomListSelect`, then joins it if we are not in
 * it and opens its conversation. Each room has a bookmark toggle (bookmarks are
 * saved with autojoin) and, while in the conversation list, Leave (or Close for
 * a room we are out of).
 *
 * @part base - The component's root.
 * @part header - The title bar.
 * @part title - The "Rooms" heading.
 * @part toolbar - The Join / Browse / Create buttons.
 * @part join-button - Shows the join-by-address form.
 * @part browse-button - Shows the public rooms.
 * @part create-button - Shows the create-a-room form.
 * @part invitations - The section of pending invitations.
 * @part section-title - The heading of the invitations and public rooms sections.
 * @part invitation - One invitation.
 * @part accept-button - Accepts an invitation (joins the room).
 * @part decline-button - Declines an invitation.
 * @part list - The list of rooms.
 * @part item - One room row (a `<button>`).
 * @part name - A room's name.
 * @part status - A room's state: Joined, Joining…, Not joined, or why joining failed.
 * @part unread - The unread-messages badge.
 * @part mentions - How many of the unread messages mention the user ("@2"), apart from the unread count.
 * @part bookmark-button - The bookmark toggle of a room (`aria-pressed`).
 * @part leave-button - Leaves a room (or closes one we are out of).
 * @part retry-button - "Join as …" after a nick conflict, and Retry when the public rooms could not be listed.
 * @part join-form - The join-by-address `<form>`.
 * @part create-form - The create-a-room `<form>`.
 * @part field - A label and input of a form.
 * @part label - A label of a form.
 * @part input - An input of a form.
 * @part checkbox - A checkbox of the create form, with its label.
 * @part form-button - The submit and Cancel buttons of a form.
 * @part directory - The public rooms section.
 * @part directory-item - One public room.
 * @part directory-join-button - Joins (or opens) a public room.
 * @part error - An alert saying what failed, or a field's validation message.
 * @part empty - The no-rooms notice and the directory's loading / empty notice.
 */
// Its CSS custom properties are documented at the top of natter-room-list.css, where Stencil reads them.
@Component({ tag: 'natter-room-list', styleUrl: 'natter-room-list.css', shadow: true })
export class NatterRoomList {
  private joinButton?: HTMLButtonElement;
  private createButton?: HTMLButtonElement;
  private browseButton?: HTMLButtonElement;
  private joinAddressInput?: HTMLInputElement;
  private joinNickInput?: HTMLInputElement;
  private joinPasswordInput?: HTMLInputElement;
  private createLocalInput?: HTMLInputElement;
  private createNameInput?: HTMLInputElement;
  private createMembersOnly?: HTMLInputElement;
  private createPersistent?: HTMLInputElement;
  private createPublic?: HTMLInputElement;
  private focusAfterRender: FocusTarget | null = null;
  /** The row that takes Tab focus (roving tabindex); not state, so focusing a row (also from componentDidRender) does not render. */
  private focusRoom: Jid | null = null;

  @Element() el!: HTMLElement;

  @State() joinOpen = false;
  @State() joinBusy = false;
  @State() joinInvalid = false;
  @State() joinFailure: JoinFailure | null = null;
  @State() createOpen = false;
  @State() createBusy = false;
  @State() createInvalid = false;
  @State() createFailure: string | null = null;
  @State() directoryOpen = false;
  /** Rooms with a leave, bookmark or invitation request under way. */
  @State() busy: Record<Jid, true> = {};
  /** The last failed action on a room (join, leave, bookmark, invitation). */
  @State() failure: string | null = null;

  /** The session whose rooms are shown; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  /**
   * Emitted when the user picks a room. Cancelable: `preventDefault()` keeps the
   * list from joining it (when not joined) and calling
   * `session.actions.openConversation(room)`.
   */
  @Event({ eventName: 'natterRoomListSelect', cancelable: true, bubbles: true, composed: true })
  natterRoomListSelect!: EventEmitter<NatterRoomListSelectDetail>;

  componentDidRender() {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    const element =
      typeof target === 'object'
        ? this.itemButtons().find(button => button.getAttribute('data-room') === target.room)
        : target === 'list'
          ? (this.itemButtons().find(button => button.getAttribute('tabindex') === '0') ?? this.joinButton)
          : {
              'join-address': this.joinAddressInput,
              'join-nick': this.joinNickInput,
              'join-password': this.joinPasswordInput,
              'join-button': this.joinButton,
              'create-local': this.createLocalInput,
              'create-button': this.createButton,
              'browse-button': this.browseButton,
            }[target];
    element?.focus();
  }

  private itemButtons(): HTMLButtonElement[] {
    return Array.from(this.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.item') ?? []);
  }

  private handleListKeyDown = (event: KeyboardEvent) => {
    moveFocus(event, this.itemButtons());
  };

  private handleItemFocus = (event: FocusEvent) => {
    const button = event.currentTarget as HTMLButtonElement;
    const room = button.getAttribute('data-room');
    if (room === null || room === this.focusRoom) return;
    for (const other of this.itemButtons()) if (other !== button) other.setAttribute('tabindex', '-1');
    button.setAttribute('tabindex', '0');
    this.focusRoom = room;
  };

  private currentSession(): Session {
    return sessionFor(this.el, this.session);
  }

  /**
   * Emits natterRoomListSelect; unless prevented, joins the room if we are not
   * in it, and opens its conversation. `options` are the nick and password to
   * join with (a bookmark's by default).
   */
  private async select(room: Jid, options: { nick?: string; password?: string } = {}) {
    if (this.natterRoomListSelect.emit({ room }).defaultPrevented) return;
    const session = this.currentSession();
    const state = session.conversation(room).get('room');
    if (isIn(state)) {
      session.actions.openConversation(room);
      return;
    }
    const bookmark = session.rooms.get('bookmarks').find(candidate => candidate.jid === room);
    // Again under the nick we had (or asked for, when the room refused us), except one already taken.
    const previousNick = state?.status === 'left' || (state?.status === 'error' && state.error !== 'nick-conflict') ? state.nick : undefined;
    const nick = options.nick ?? bookmark?.nick ?? previousNick;
    this.failure = null;
    // joinRoom marks the room's history as loading at once, so opening it does not query the archive a second time.
    const joining = session.actions.joinRoom(room, { nick: nick || undefined, password: options.password ?? bookmark?.password });
    session.actions.openConversation(room);
    try {
      await joining;
    } catch (error) {
      const reason = error instanceof RoomError ? roomErrorText(error.code, error.message) : errorMessage(error);
      this.failure = t('roomList.joinFailed', { name: roomName(session, room), reason });
    }
  }

  private async withBusy(room: Jid, run: () => Promise<void>, failureText: (reason: string) => string) {
    if (this.busy[room]) return;
    this.failure = null;
    this.busy = { ...this.busy, [room]: true };
    try {
      await run();
    } catch (error) {
      this.failure = failureText(error instanceof RoomError ? roomErrorText(error.code, error.message) : errorMessage(error));
    } finally {
      const rest = { ...this.busy };
      delete rest[room];
      this.busy = rest;
    }
  }

  private toggleBookmark(row: RoomRow) {
    const session = this.currentSession();
    void this.withBusy(
      row.jid,
      () =>
        row.bookmark
          ? session.actions.removeBookmark(row.jid)
          : session.actions.saveBookmark({
              jid: row.jid,
              name: session.rooms.get('info')[row.jid]?.name,
              nick: row.state?.nick || undefined,
              autojoin: true,
            }),
      reason => t('roomList.bookmarkFailed', { name: row.name, reason }),
    );
  }

  private leave(row: RoomRow) {
    const session = this.currentSession();
    const index = this.itemButtons().findIndex(button => button.getAttribute('data-room') === row.jid);
    void this.withBusy(
      row.jid,
      async () => {
        await session.actions.leaveRoom(row.jid);
        // Keep focus in the list: on the row that takes this one's place, else the Join button.
        const buttons = this.itemButtons().filter(button => button.getAttribute('data-room') !== row.jid);
        const next = buttons[Math.min(Math.max(index, 0), buttons.length - 1)];
        this.focusAfterRender = next ? { room: next.getAttribute('data-room')! } : 'join-button';
      },
      reason => t('roomList.leaveFailed', { name: row.name, reason }),
    );
  }

  private acceptInvitation(invitation: Invitation) {
    const session = this.currentSession();
    void this.withBusy(
      invitation.room,
      async () => {
        // Accepting joins; the select event decides whether the room opens too.
        const accepting = session.actions.acceptInvitation(invitation.room);
        if (!this.natterRoomListSelect.emit({ room: invitation.room }).defaultPrevented) session.actions.openConversation(invitation.room);
        await accepting;
      },
      reason => t('roomList.joinFailed', { name: roomName(session, invitation.room), reason }),
    );
  }

  // ------------------------------------------------------------------ join form

  private toggleJoinForm = () => {
    this.joinOpen = !this.joinOpen;
    this.joinInvalid = false;
    this.joinFailure = null;
    this.focusAfterRender = this.joinOpen ? 'join-address' : 'join-button';
  };

  private closeJoinForm = () => {
    this.joinOpen = false;
    this.joinInvalid = false;
    this.joinFailure = null;
    this.focusAfterRender = 'join-button';
  };

  private handleFormKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if ((event.currentTarget as HTMLElement).classList.contains('create-form')) this.closeCreateForm();
    else this.closeJoinForm();
  };

  private handleJoinAddressInput = () => {
    if (this.joinInvalid) this.joinInvalid = false;
  };

  private handleJoinSubmit = (event: Event) => {
    event.preventDefault();
    void this.join();
  };

  /** Joins from the form; `nick` overrides the nick field (the "Join as …" retry). */
  private async join(nickOverride?: string) {
    if (this.joinBusy) return;
    const room = (this.joinAddressInput?.value ?? '').trim();
    if (nickOverride !== undefined && this.joinNickInput) this.joinNickInput.value = nickOverride;
    const nick = (this.joinNickInput?.value ?? '').trim() || undefined;
    const password = this.joinPasswordInput?.value || undefined;
    this.joinFailure = null;
    if (!looksLikeJid(room, { bare: true })) {
      this.joinInvalid = true;
      this.focusAfterRender = 'join-address';
      return;
    }
    this.joinInvalid = false;
    const session = this.currentSession();
    this.joinBusy = true;
    try {
      await session.actions.joinRoom(room, { nick, password });
      this.joinOpen = false;
      await this.select(room);
      this.focusAfterRender = { room };
    } catch (error) {
      this.joinFailure =
        error instanceof RoomError
          ? { code: error.code, detail: error.message, other: false, suggestedNick: error.suggestedNick }
          : { code: 'unknown', detail: errorMessage(error), other: true };
      this.focusAfterRender =
        this.joinFailure.code === 'password-required' ? 'join-password' : this.joinFailure.code === 'nick-conflict' ? 'join-nick' : 'join-address';
    } finally {
      this.joinBusy = false;
    }
  }

  // ---------------------------------------------------------------- create form

  private toggleCreateForm = () => {
    this.createOpen = !this.createOpen;
    this.createInvalid = false;
    this.createFailure = null;
    this.focusAfterRender = this.createOpen ? 'create-local' : 'create-button';
  };

  private closeCreateForm = () => {
    this.createOpen = false;
    this.createInvalid = false;
    this.createFailure = null;
    this.focusAfterRender = 'create-button';
  };

  private handleCreateLocalInput = () => {
    if (this.createInvalid) this.createInvalid = false;
  };

  private handleCreateSubmit = async (event: Event) => {
    event.preventDefault();
    if (this.createBusy) return;
    const session = this.currentSession();
    const service = session.connection.get('features')?.conferenceService;
    const local = (this.createLocalInput?.value ?? '').trim();
    this.createFailure = null;
    if (!service) return;
    if (!LOCAL_PART.test(local)) {
      this.createInvalid = true;
      this.focusAfterRender = 'create-local';
      return;
    }
    this.createInvalid = false;
    const room = `${local}@${service}`;
    const name = (this.createNameInput?.value ?? '').trim() || undefined;
    this.createBusy = true;
    try {
      await session.actions.createRoom(room, {
        name,
        membersOnly: !!this.createMembersOnly?.checked,
        persistent: !!this.createPersistent?.checked,
        public: !!this.createPublic?.checked,
      });
      this.createOpen = false;
      await this.select(room);
      this.focusAfterRender = { room };
    } catch (error) {
      const reason = error instanceof RoomError && error.code !== 'unknown' ? roomErrorText(error.code, error.message) : errorMessage(error);
      this.createFailure = t('roomList.createFailed', { reason });
      this.focusAfterRender = 'create-local';
    } finally {
      this.createBusy = false;
    }
  };

  // ------------------------------------------------------------------ directory

  private toggleDirectory = () => {
    this.directoryOpen = !this.directoryOpen;
    if (this.directoryOpen) this.browse();
  };

  private browse = () => {
    const session = this.currentSession();
    if (session.rooms.get('directory').status === 'loading') return;
    void session.actions.listRooms();
  };

  // -------------------------------------------------------------------- helpers

  /** Joined, joining and bookmarked rooms, by name. */
  private buildRows(session: Session): RoomRow[] {
    const items = session.conversations.get('items');
    const bookmarks = session.rooms.get('bookmarks');
    const rows = new Map<Jid, RoomRow>();
    const add = (jid: Jid, listed: boolean, bookmark?: Bookmark) => {
      const existing = rows.get(jid);
      if (existing) {
        existing.listed ||= listed;
        existing.bookmark ??= bookmark;
        return;
      }
      rows.set(jid, { jid, name: '', unread: items[jid]?.unread ?? 0, mentions: items[jid]?.mentions ?? 0, state: session.conversation(jid).get('room'), bookmark, listed });
    };
    for (const jid in items) if (items[jid].kind === 'room') add(jid, true);
    for (const bookmark of bookmarks) add(bookmark.jid, false, bookmark);
    const collator = new Intl.Collator(currentLocale(), { sensitivity: 'base', numeric: true });
    const result = [...rows.values()];
    for (const row of result) row.name = roomName(session, row.jid);
    return result.sort((a, b) => collator.compare(a.name, b.name) || (a.jid < b.jid ? -1 : 1));
  }

  private statusOf(row: RoomRow): RowStatus {
    const state = row.state;
    const notJoined: RowStatus = { text: t('roomList.status.notJoined'), kind: 'idle' };
    if (!state || !row.listed) return notJoined;
    switch (state.status) {
      case 'joined':
        return { text: t('roomList.status.joined'), kind: 'joined' };
      case 'joining':
        return { text: t('roomList.status.joining'), kind: 'joining' };
      case 'error':
        return { text: roomErrorText(state.error, state.errorText), kind: 'error' };
      default:
        return state.leftReason && state.leftReason !== 'left' ? { text: t(`room.left.${state.leftReason}`), kind: 'error' } : notJoined;
    }
  }

  // --------------------------------------------------------------------- render

  private renderInvitations(session: Session, invitations: Invitation[]) {
    if (invitations.length === 0) return null;
    return (
      <section part="invitations" class="section" aria-labelledby="invitations-title">
        <h3 part="section-title" class="section-title" id="invitations-title">
          {t('roomList.invitations')}
        </h3>
        <ul class="plain-list">
          {invitations.map((invitation, index) => {
            const textId = `invitation-${index}`;
            const busy = !!this.busy[invitation.room];
            return (
              <li part="invitation" class="invitation" key={invitation.room}>
                <p class="invitation-text" id={textId}>
                  {t('roomList.invitationText', { from: displayName(session, invitation.from), room: roomName(session, invitation.room) })}
                  {invitation.reason ? ' ' : null}
                  {invitation.reason ? <span class="reason">{t('roomList.invitationReason', { reason: clip(invitation.reason) })}</span> : null}
                </p>
                <span class="row-actions">
                  <button part="accept-button" class="button primary" type="button" disabled={busy} aria-describedby={textId} onClick={() => this.acceptInvitation(invitation)}>
                    {t('roomList.accept')}
                  </button>
                  <button
                    part="decline-button"
                    class="button secondary"
                    type="button"
                    disabled={busy}
                    aria-describedby={textId}
                    onClick={() => session.actions.declineInvitation(invitation.room)}
                  >
                    {t('roomList.decline')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      </section>
    );
  }

  private renderJoinForm() {
    if (!this.joinOpen) return null;
    const failure = this.joinFailure;
    const failureText = failure
      ? failure.other
        ? t('roomList.joinFailed', { name: (this.joinAddressInput?.value ?? '').trim(), reason: failure.detail ?? '' })
        : roomErrorText(failure.code, failure.detail)
      : null;
    return (
      <form part="join-form" class="form join-form" id="join-form" noValidate aria-label={t('roomList.join')} onSubmit={this.handleJoinSubmit} onKeyDown={this.handleFormKeyDown}>
        <TextField
          id="join-address"
          name="room"
          label={t('roomList.joinAddress')}
          error={this.joinInvalid ? t('roomList.joinInvalid') : undefined}
          inputMode="email"
          autoCapitalize="none"
          autocomplete="off"
          spellcheck={false}
          required
          placeholder={t('roomList.joinAddressPlaceholder')}
          onInput={this.handleJoinAddressInput}
          ref={element => (this.joinAddressInput = element)}
        />
        <TextField id="join-nick" name="nick" label={t('roomList.joinNick')} autoCapitalize="none" autocomplete="nickname" spellcheck={false} ref={element => (this.joinNickInput = element)} />
        <TextField id="join-password" name="password" type="password" label={t('roomList.joinPassword')} autocomplete="off" ref={element => (this.joinPasswordInput = element)} />
        {failureText ? (
          <div part="error" class="alert" role="alert">
            <p class="alert-text">{failureText}</p>
            {failure?.code === 'nick-conflict' && failure.suggestedNick ? (
              <button part="retry-button" class="button secondary" type="button" disabled={this.joinBusy} onClick={() => this.join(failure.suggestedNick)}>
                {t('room.tryNick', { nick: failure.suggestedNick })}
              </button>
            ) : null}
          </div>
        ) : null}
        <div class="form-actions">
          <button part="form-button" class="button primary" type="submit" disabled={this.joinBusy} aria-busy={this.joinBusy ? 'true' : 'false'}>
            {t('roomList.joinSubmit')}
          </button>
          <button part="form-button" class="button secondary" type="button" onClick={this.closeJoinForm}>
            {t('roomList.cancel')}
          </button>
        </div>
      </form>
    );
  }

  private renderCreateForm(service: string | undefined) {
    if (!this.createOpen) return null;
    return (
      <form part="create-form" class="form create-form" id="create-form" noValidate aria-label={t('roomList.create')} onSubmit={this.handleCreateSubmit} onKeyDown={this.handleFormKeyDown}>
        {service ? (
          [
            <div part="field" class="field">
              <label part="label" htmlFor="create-local">
                {t('roomList.createAddress')}
              </label>
              <div class="address">
                <input
                  part="input"
                  id="create-local"
                  name="room"
                  type="text"
                  autoCapitalize="none"
                  autocomplete="off"
                  spellcheck={false}
                  required
                  aria-invalid={this.createInvalid ? 'true' : 'false'}
                  aria-describedby={this.createInvalid ? 'create-service create-local-error' : 'create-service'}
                  onInput={this.handleCreateLocalInput}
                  ref={element => (this.createLocalInput = element)}
                />
                <span class="service" id="create-service">
                  @{service}
                </span>
              </div>
              {this.createInvalid ? (
                <p part="error" class="field-error" id="create-local-error">
                  {t('roomList.createInvalid')}
                </p>
              ) : null}
            </div>,
            <TextField id="create-name" name="name" label={t('roomList.createName')} autocomplete="off" ref={element => (this.createNameInput = element)} />,
            <label part="checkbox" class="checkbox">
              <input type="checkbox" name="membersOnly" ref={element => (this.createMembersOnly = element)} />
              {t('roomList.createMembersOnly')}
            </label>,
            <label part="checkbox" class="checkbox">
              <input type="checkbox" name="persistent" checked ref={element => (this.createPersistent = element)} />
              {t('roomList.createPersistent')}
            </label>,
            <label part="checkbox" class="checkbox">
              <input type="checkbox" name="public" checked ref={element => (this.createPublic = element)} />
              {t('roomList.createPublic')}
            </label>,
          ]
        ) : (
          <p class="notice">{t('roomList.noService')}</p>
        )}
        {this.createFailure ? (
          <p part="error" class="alert" role="alert">
            {this.createFailure}
          </p>
        ) : null}
        <div class="form-actions">
          {service ? (
            <button part="form-button" class="button primary" type="submit" disabled={this.createBusy} aria-busy={this.createBusy ? 'true' : 'false'}>
              {t('roomList.createSubmit')}
            </button>
          ) : null}
          <button part="form-button" class="button secondary" type="button" onClick={this.closeCreateForm}>
            {t('roomList.cancel')}
          </button>
        </div>
      </form>
    );
  }

  private renderDirectoryBody(session: Session) {
    const directory = session.rooms.get('directory');
    if (directory.status === 'loading') {
      return (
        <p part="empty" class="notice" role="status">
          {t('roomList.directoryLoading')}
        </p>
      );
    }
    if (directory.status === 'error') {
      return (
        <div part="error" class="alert" role="alert">
          <p class="alert-text">{t('roomList.directoryError', { error: directory.error ?? '' })}</p>
          <button part="retry-button" class="button secondary" type="button" onClick={this.browse}>
            {t('roomList.retry')}
          </button>
        </div>
      );
    }
    if (directory.rooms.length === 0) {
      return (
        <p part="empty" class="notice" role="status">
          {t('roomList.directoryEmpty')}
        </p>
      );
    }
    return <ul class="plain-list">{directory.rooms.map(info => this.renderDirectoryItem(session, info))}</ul>;
  }

  private renderDirectory(session: Session) {
    if (!this.directoryOpen) return null;
    const directory = session.rooms.get('directory');
    const service = directory.service ?? session.connection.get('features')?.conferenceService;
    return (
      <section part="directory" class="section directory" id="directory" aria-labelledby="directory-title" aria-busy={directory.status === 'loading' ? 'true' : 'false'}>
        <h3 part="section-title" class="section-title" id="directory-title">
          {service ? t('roomList.directoryOn', { service }) : t('roomList.directory')}
        </h3>
        {this.renderDirectoryBody(session)}
      </section>
    );
  }

  private renderDirectoryItem(session: Session, info: RoomInfo) {
    const name = info.name || roomLocalPart(info.jid);
    const joined = isIn(session.conversation(info.jid).get('room'));
    const nameId = `directory-${info.jid.replace(/[^\w-]/g, '_')}`;
    return (
      <li part="directory-item" class="directory-item" key={info.jid}>
        <div class="directory-text">
          <span class="directory-name" id={nameId}>
            {name}
          </span>
          {info.description ? <span class="description">{info.description}</span> : null}
          <span class="meta">
            <span class="jid">{info.jid}</span>
            {info.occupants !== undefined ? ' · ' : null}
            {info.occupants !== undefined ? t('room.occupants', { count: info.occupants }) : null}
          </span>
        </div>
        <button
          part="directory-join-button"
          class="button secondary"
          type="button"
          aria-label={t(joined ? 'roomList.directoryOpenNamed' : 'roomList.directoryJoinNamed', { name })}
          onClick={() => this.select(info.jid)}
        >
          {t(joined ? 'roomList.directoryOpen' : 'roomList.joinSubmit')}
        </button>
      </li>
    );
  }

  private renderRow(row: RoomRow, active: Jid | null, tabbable: Jid | null) {
    const status = this.statusOf(row);
    const isActive = row.jid === active;
    const busy = !!this.busy[row.jid];
    const state = row.state;
    const suggestion = row.listed && state?.status === 'error' && state.error === 'nick-conflict' ? state.suggestedNick : undefined;
    const leaving = row.listed && isIn(state);
    return (
      <li class="row" key={row.jid}>
        <button
          part="item"
          class={{ item: true, active: isActive }}
          type="button"
          data-room={row.jid}
          tabindex={row.jid === tabbable ? 0 : -1}
          aria-current={isActive ? 'true' : undefined}
          onClick={() => this.select(row.jid)}
          onFocus={this.handleItemFocus}
        >
          <span class="text">
            <span part="name" class="name" dir="auto">
              {row.name}
            </span>{' '}
            <span part="status" class={`status status-${status.kind}`}>
              {status.text}
            </span>
          </span>
          {row.unread > 0 ? ' ' : null}
          {row.unread > 0 ? (
            <span part="unread" class="unread">
              <span aria-hidden="true">{row.unread > 99 ? '99+' : String(row.unread)}</span>
              <span class="visually-hidden">{t('roomList.unread', { count: row.unread })}</span>
            </span>
          ) : null}
          {row.mentions > 0 ? ' ' : null}
          {row.mentions > 0 ? (
            <span part="mentions" class="unread mentions">
              <span aria-hidden="true">@{row.mentions > 99 ? '99+' : String(row.mentions)}</span>
              <span class="visually-hidden">{t('roomList.mentions', { count: row.mentions })}</span>
            </span>
          ) : null}
        </button>
        <span class="row-actions">
          {suggestion ? (
            <button part="retry-button" class="button secondary small" type="button" onClick={() => this.select(row.jid, { nick: suggestion })}>
              {t('room.tryNick', { nick: suggestion })}
            </button>
          ) : null}
          <button
            part="bookmark-button"
            class="button icon-button"
            type="button"
            aria-pressed={row.bookmark ? 'true' : 'false'}
            aria-label={t('roomList.bookmarkNamed', { name: row.name })}
            title={t('roomList.bookmark')}
            disabled={busy}
            onClick={() => this.toggleBookmark(row)}
          >
            <span aria-hidden="true">{row.bookmark ? '★' : '☆'}</span>
          </button>
          {row.listed ? (
            <button
              part="leave-button"
              class="button secondary small"
              type="button"
              aria-label={t(leaving ? 'roomList.leaveNamed' : 'roomList.closeNamed', { name: row.name })}
              disabled={busy}
              onClick={() => this.leave(row)}
            >
              {t(leaving ? 'roomList.leave' : 'roomList.close')}
            </button>
          ) : null}
        </span>
      </li>
    );
  }

  render() {
    const session = this.currentSession();
    const rows = this.buildRows(session);
    const active = session.conversations.get('active');
    const invitations = session.rooms.get('invitations');
    const service = session.connection.get('features')?.conferenceService;
    const tabbable = rows.find(row => row.jid === this.focusRoom)?.jid ?? rows.find(row => row.jid === active)?.jid ?? rows[0]?.jid ?? null;
    this.focusRoom = tabbable;
    return (
      <div part="base" class="base">
        <div part="header" class="header">
          <h2 part="title" class="title" id="title">
            {t('roomList.title')}
          </h2>
        </div>
        <div part="toolbar" class="toolbar">
          <button
            part="join-button"
            class="button secondary"
            type="button"
            aria-expanded={this.joinOpen ? 'true' : 'false'}
            aria-controls={this.joinOpen ? 'join-form' : undefined}
            onClick={this.toggleJoinForm}
            ref={element => (this.joinButton = element)}
          >
            {t('roomList.join')}
          </button>
          <button
            part="browse-button"
            class="button secondary"
            type="button"
            aria-expanded={this.directoryOpen ? 'true' : 'false'}
            aria-controls={this.directoryOpen ? 'directory' : undefined}
            onClick={this.toggleDirectory}
            ref={element => (this.browseButton = element)}
          >
            {t('roomList.browse')}
          </button>
          <button
            part="create-button"
            class="button secondary"
            type="button"
            aria-expanded={this.createOpen ? 'true' : 'false'}
            aria-controls={this.createOpen ? 'create-form' : undefined}
            onClick={this.toggleCreateForm}
            ref={element => (this.createButton = element)}
          >
            {t('roomList.create')}
          </button>
        </div>
        {this.renderJoinForm()}
        {this.renderCreateForm(service)}
        {this.failure ? (
          <p part="error" class="alert standalone" role="alert">
            {this.failure}
          </p>
        ) : null}
        {this.renderInvitations(session, invitations)}
        {rows.length > 0 ? (
          <ul part="list" class="list" aria-labelledby="title" onKeyDown={this.handleListKeyDown}>
            {rows.map(row => this.renderRow(row, active, tabbable))}
          </ul>
        ) : (
          <p part="empty" class="notice">
            {t('roomList.empty')}
          </p>
        )}
        {this.renderDirectory(session)}
      </div>
    );
  }
}
