import { Component, Element, Event, type EventEmitter, Method, Prop, State, Watch, h } from '@stencil/core';
import type { Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import { createNotifier, type NotificationPermissionState, type Notifier } from '../../session/notifications';
import { t } from '../../i18n/catalogue';
import { parseDeepLink, type DeepLink } from '../shared/deep-link';
import { roomName } from '../shared/room-text';
import { displayName, ownName, privateChatOf, sessionFor } from '../shared/session-binding';
import { Avatar } from '../shared/avatar';
import type { NatterAppUnreadChangeDetail } from './natter-app-interface';

export type NatterAppLayout = 'embedded' | 'fullscreen' | 'overlay' | 'mobile';

/** Below this width (px) the app shows one column: the list or the conversation. */
const SINGLE_COLUMN_BELOW = 640;
/** Overlay: at most this many chat boxes stay docked; opening another closes the oldest. */
const MAX_DOCKED = 3;
/** How long the header says "Back online" after the connection came back. */
const BACK_ONLINE_MS = 5_000;

/**
 * A ready chat in one tag: the sign-in form until the account is online, then
 * the roster beside the chatbox. Its `layout` says how it sits in the page, and
 * can change at any time:
 * - `embedded` (default): fills the region the page gives it; one column when
 *   that region is narrow.
 * - `fullscreen`: covers the whole window, as a team chat.
 * - `overlay`: docked at the bottom of the page as on a website: a launcher with
 *   the contacts and rooms, and a chat box for each conversation opened (up to
 *   three), each of which can be minimized or closed.
 * - `mobile`: one column always, its navigation at the bottom within reach of
 *   the thumb, and larger touch targets.
 *
 * Keyboard focus follows the user: opening a conversation from the roster or
 * the room list moves it to that conversation's composer, and Back (in one
 * column) returns it to the list, on that conversation's row.
 *
 * A deep link in the page's URL fragment opens its conversation after sign-in:
 * `#natter/chat?jid=alice@example.org` or `#natter/room?jid=room@conference.example.org`
 * (after the user confirms joining it: a link alone never makes them join), also
 * when the fragment changes later.
 *
 * Notifications are opt-in. With `notifications` the header offers "Turn on
 * notifications" (the browser asks the user only then, never on load); once
 * allowed, a new message from a contact, or a room message that mentions the
 * user, shows a system notification while the page is hidden (one per
 * conversation: a burst updates it). Clicking it brings the window forward and
 * opens that conversation. `notification-sound` adds a short tone, and
 * `title-unread` puts the unread total in the page's title ("(3) My site").
 * `natterAppUnreadChange` tells the total whenever it changes.
 *
 * @part base - The app.
 * @part header - The title bar with the connection state.
 * @part title - The app's title in the header.
 * @part status - The connection state.
 * @part presence - The user's own presence picker (`<natter-presence>`), once signed in.
 * @part blocklist - The blocked addresses (`<natter-blocklist>`) under the lists, where the server has blocking.
 * @part notifications-button - Asks the browser to allow notifications (with `notifications`, until the user has answered).
 * @part notifications-status - Says that the browser blocks notifications, after the user said no.
 * @part sidebar - The area holding the roster.
 * @part main - The area holding the chatbox.
 * @part occupants - The area holding a room's occupant sidebar.
 * @part occupants-toggle - Shows or hides the occupant sidebar.
 * @part back-button - Back from a conversation to the list, in one column.
 * @part dock-panel - Overlay: a docked chat box.
 * @part dock-toggle - Overlay: minimizes or restores a docked chat box (or the launcher).
 * @part dock-close - Overlay: closes a docked chat box.
 * @part dock-unread - Overlay: the unread count on a minimized chat box.
 * @part launcher - Overlay: the panel with the contacts and rooms (or the sign-in form).
 * @part profile-button - In the header, signed in: the user's avatar and "Profile"; opens the profile panel.
 * @part profile-panel - The `<natter-profile>` it opens, under the header.
 * @part room-prompt - Asks whether to join the room a deep link points at.
 * @part room-prompt-join - Joins that room and opens it.
 * @part room-prompt-cancel - Does not join it.
 */
// Its CSS custom properties are documented at the top of natter-app.css, where Stencil reads them.
@Component({ tag: 'natter-app', styleUrl: 'natter-app.css', shadow: true })
export class NatterApp {
  private resizeObserver?: ResizeObserver;
  private unsubscribeActive?: () => void;
  private pendingLink: DeepLink | null = null;
  /** What takes the focus after the next render: the conversation just opened, or the list on Back. */
  private focusAfterRender: { conversation: Jid | null } | 'list' | 'room-prompt' | null = null;
  private notifier?: Notifier;

  @Element() el!: HTMLElement;

  /** In one column: show the chatbox instead of the roster. */
  @State() showChat = false;

  /** Changed to re-render the connection state once "Back online" has been shown long enough. */
  @State() statusTick = 0;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;

  /** In a room: the occupant sidebar is open (it starts open on wide screens). */
  @State() showOccupants = true;

  /** The app is narrower than two columns need. */
  @State() narrow = false;

  /** Overlay: the docked conversations, oldest first. */
  @State() docked: Jid[] = [];

  /** Overlay: docked conversations shown as their title bar only. */
  @State() minimized: Jid[] = [];

  /** Overlay: the launcher shows the contacts and rooms. */
  @State() launcherOpen = false;

  /** A deep link asks to join this room: the user confirms first, as joining shows them to its members. */
  @State() roomToConfirm: Jid | null = null;

  /** The browser's answer when the user was last asked to allow notifications (re-renders the button away). */
  @State() notificationAnswer: NotificationPermissionState | null = null;

  /** The profile panel is open (from the header's account button). */
  @State() profileOpen = false;

  /** The session to use. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Prefills the sign-in form's WebSocket URL. */
  @Prop() service?: string;

  /** Prefills the sign-in form's address. */
  @Prop() jid?: string;

  /**
   * Whether the sign-in form's "Stay signed in" starts checked (default true). Either way the form
   * signs in on load to the account this device stays signed in to.
   */
  @Prop() remember = true;

  /** How the app sits in the page: `embedded`, `fullscreen`, `overlay` or `mobile`. */
  @Prop({ reflect: true }) layout: NatterAppLayout = 'embedded';

  /** Follow `#natter/chat?jid=…` and `#natter/room?jid=…` links in the page's URL. */
  @Prop() deepLinks = true;

  /**
   * Offer system notifications: a "Turn on notifications" button until the user answers, then,
   * while the page is hidden, a notification for each new message from a contact and each room
   * message that mentions the user.
   */
  @Prop() notifications = false;

  /** Play a short tone for the messages that notify, while the page is hidden. */
  @Prop() notificationSound = false;

  /** Show the unread total in the document title, e.g. "(3) My site"; the title is restored when turned off. */
  @Prop() titleUnread = false;

  @Watch('notifications')
  @Watch('notificationSound')
  @Watch('titleUnread')
  notifierSettingsChanged() {
    this.notifier?.update({ notifications: this.notifications, sound: this.notificationSound, titleUnread: this.titleUnread });
  }

  /** The unread total of the app's account changed (a message came in, a conversation was read); `{ total, mentions }`. */
  @Event() natterAppUnreadChange!: EventEmitter<NatterAppUnreadChangeDetail>;

  @Watch('layout')
  layoutChanged() {
    // The active conversation stays in view when the layout changes.
    const active = this.currentSession().conversations.get('active');
    if (this.layout === 'overlay' && active) this.dock(active);
  }

  connectedCallback() {
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(entries => {
        const width = entries[entries.length - 1]?.contentRect.width ?? 0;
        this.narrow = width > 0 && width < SINGLE_COLUMN_BELOW;
      });
      this.resizeObserver.observe(this.el);
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', this.readDeepLink);
      this.readDeepLink();
    }
    this.followActive();
    this.startNotifier();
  }

  @Watch('session')
  sessionChanged() {
    this.followActive();
    this.startNotifier();
  }

  /** Overlay: the conversation made active (from anywhere) gets a docked chat box. */
  private followActive() {
    this.unsubscribeActive?.();
    this.unsubscribeActive = this.currentSession().conversations.onChange('active', active => {
      if (active && this.layout === 'overlay') this.dock(active);
    });
  }

  disconnectedCallback() {
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.resizeObserver?.disconnect();
    if (typeof window !== 'undefined') window.removeEventListener('hashchange', this.readDeepLink);
    this.unsubscribeActive?.();
    this.notifier?.dispose();
    this.notifier = undefined;
  }

  componentDidRender() {
    this.followDeepLink();
    const target = this.focusAfterRender;
    this.focusAfterRender = null;
    if (target === 'list') this.focusList();
    else if (target === 'room-prompt') this.el.shadowRoot?.querySelector<HTMLElement>('[part="room-prompt-join"]')?.focus();
    else if (target) void this.focusConversation(target.conversation);
  }

  /**
   * Asks the browser to allow notifications, as the "Turn on notifications" button does: call it
   * from a click (browsers ignore or hold against a page that asks unprompted). Resolves with the
   * answer: `granted`, `denied`, `default` (dismissed) or `unsupported`.
   */
  @Method()
  async requestNotifications(): Promise<NotificationPermissionState> {
    const answer = (await this.notifier?.requestPermission()) ?? 'unsupported';
    this.notificationAnswer = answer;
    return answer;
  }

  /** One notifier per session: notifications, tone and title follow the session the app shows. */
  private startNotifier() {
    this.notifier?.dispose();
    const session = this.currentSession();
    this.notifier = createNotifier({
      session,
      notifications: this.notifications,
      sound: this.notificationSound,
      titleUnread: this.titleUnread,
      names: {
        chat: jid => {
          const privateChat = privateChatOf(session, jid);
          return privateChat ? t('room.private', { nick: privateChat.nick, room: roomName(session, privateChat.room) }) : displayName(session, jid);
        },
        room: jid => roomName(session, jid),
      },
      open: jid => this.showConversation(jid),
      unreadChanged: total => this.natterAppUnreadChange.emit(total),
    });
  }

  private turnOnNotifications = () => {
    void this.requestNotifications();
  };

  /** The button that asks for permission (until the user answers), or why there will be none. */
  private renderNotificationsControl() {
    if (!this.notifications || !this.notifier) return null;
    const permission = this.notifier.permission();
    if (permission === 'default') {
      return (
        <button part="notifications-button" type="button" class="notifications-button" onClick={this.turnOnNotifications}>
          {t('notifications.turnOn')}
        </button>
      );
    }
    // Said once, right after the user (or the browser for them) said no: a page cannot ask again.
    if (permission === 'denied' && this.notificationAnswer === 'denied') {
      return (
        <p part="notifications-status" class="notifications-status" role="status">
          {t('notifications.blocked')}
        </p>
      );
    }
    return null;
  }

  /**
   * Keyboard focus follows the user into the conversation they opened: its composer (its message
   * list where there is none, as in a room without voice). The chatbox may still be loading or
   * switching conversations, so this waits a few frames for it.
   */
  private async focusConversation(jid: Jid | null) {
    const root = this.el.shadowRoot;
    const chatbox = (this.layout === 'overlay' && jid ? root?.querySelector(`[data-conversation="${CSS.escape(jid)}"] natter-chatbox`) : root?.querySelector('natter-chatbox')) as HTMLNatterChatboxElement | null;
    if (!chatbox) return;
    await chatbox.componentOnReady();
    for (let frame = 0; frame < 30; frame++) {
      const composer = chatbox.shadowRoot?.querySelector('natter-composer') as HTMLNatterComposerElement | null;
      if (composer && (!jid || composer.conversation === jid)) {
        await composer.componentOnReady();
        await composer.setFocus();
        return;
      }
      await new Promise(resolve => requestAnimationFrame(resolve));
    }
    chatbox.shadowRoot?.querySelector<HTMLElement>('[part="list"]')?.focus();
  }

  /** Back from a conversation in one column: the focus returns to the list, on the row of that conversation. */
  private focusList() {
    const root = this.el.shadowRoot;
    const session = this.currentSession();
    const active = session.conversations.get('active');
    const inRoom = !!active && !!session.conversation(active).get('room');
    const list = root?.querySelector(inRoom ? 'natter-room-list' : 'natter-roster');
    const row = list?.shadowRoot?.querySelector<HTMLElement>(inRoom ? '[aria-current="true"]' : '[part="item"][tabindex="0"]');
    row?.focus();
  }

  private currentSession(): Session {
    return sessionFor(this.el, this.session);
  }

  private readDeepLink = () => {
    if (!this.deepLinks) return;
    const link = parseDeepLink(window.location.hash);
    if (!link) return;
    this.pendingLink = link;
    this.followDeepLink();
  };

  /** Opens the conversation a deep link points at, once signed in. */
  private followDeepLink() {
    const link = this.pendingLink;
    const session = this.currentSession();
    if (!link || session.connection.get('status') !== 'online') return;
    this.pendingLink = null;
    const status = session.conversation(link.jid).get('room')?.status;
    if (link.kind === 'room' && status !== 'joined' && status !== 'joining') {
      // A link must not make us join a room unasked: the room learns our nick (and maybe our address).
      this.roomToConfirm = link.jid;
      this.focusAfterRender = 'room-prompt';
      return;
    }
    this.showConversation(link.jid);
  }

  /** Opens a conversation from outside the lists (a deep link, a notification) and moves the focus there. */
  private showConversation(jid: Jid) {
    this.currentSession().actions.openConversation(jid);
    this.showChat = true;
    this.focusAfterRender = { conversation: jid };
  }

  private joinConfirmedRoom = () => {
    const room = this.roomToConfirm;
    this.roomToConfirm = null;
    if (!room) return;
    // A join error shows in the room's chatbox; nothing else to do here.
    this.currentSession().actions.joinRoom(room).catch(() => undefined);
    this.showConversation(room);
  };

  private declineRoom = () => {
    this.roomToConfirm = null;
  };

  /** The question a room link asks before joining. */
  private renderRoomPrompt() {
    const room = this.roomToConfirm;
    if (!room) return null;
    return (
      <div part="room-prompt" class="room-prompt" role="group" aria-labelledby="room-prompt-text" onKeyDown={event => event.key === 'Escape' && this.declineRoom()}>
        <p id="room-prompt-text" class="room-prompt-text">
          {t('app.roomLinkQuestion', { room })}
        </p>
        <button part="room-prompt-join" type="button" class="room-prompt-join" onClick={this.joinConfirmedRoom}>
          {t('app.roomLinkJoin')}
        </button>
        <button part="room-prompt-cancel" type="button" class="room-prompt-cancel" onClick={this.declineRoom}>
          {t('app.roomLinkCancel')}
        </button>
      </div>
    );
  }

  private dock(jid: Jid) {
    this.minimized = this.minimized.filter(item => item !== jid);
    if (this.docked.includes(jid)) return;
    this.docked = [...this.docked, jid].slice(-MAX_DOCKED);
  }

  private undock(jid: Jid) {
    this.docked = this.docked.filter(item => item !== jid);
    this.minimized = this.minimized.filter(item => item !== jid);
    const session = this.currentSession();
    if (session.conversations.get('active') === jid) session.actions.closeConversation(jid);
  }

  private toggleMinimized(jid: Jid) {
    this.minimized = this.minimized.includes(jid) ? this.minimized.filter(item => item !== jid) : [...this.minimized, jid];
  }

  private onSelect = (event: CustomEvent<{ jid?: Jid; room?: Jid }>) => {
    this.showChat = true;
    this.focusAfterRender = { conversation: event.detail?.jid ?? event.detail?.room ?? null };
  };

  private back = () => {
    this.showChat = false;
    this.focusAfterRender = 'list';
  };

  private toggleOccupants = () => {
    this.showOccupants = !this.showOccupants;
  };

  private renderStatus(status: string) {
    const connection = this.currentSession().connection;
    const retryAt = connection.get('retryAt');
    const backOnlineAt = connection.get('backOnlineAt');
    let text = t(`status.${status}` as 'status.online');
    if (status === 'reconnecting' && retryAt !== null && retryAt > Date.now()) {
      text = t('status.retryAt', { time: new Date(retryAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) });
    } else if (status === 'online' && backOnlineAt !== null && Date.now() - backOnlineAt < BACK_ONLINE_MS) {
      text = t('status.backOnline');
      this.rerenderIn(BACK_ONLINE_MS - (Date.now() - backOnlineAt));
    }
    return (
      <p part="status" class={`status status-${status}`} role="status">
        {text}
      </p>
    );
  }

  /** "Back online" is shown for a while, then the plain state again: one timer re-renders then. */
  private rerenderIn(ms: number) {
    if (this.statusTimer !== undefined) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.statusTick++;
    }, ms + 50);
  }

  /** Overlay: docked chat boxes, then the launcher at the end of the row. */
  private renderOverlay(session: Session, signedIn: boolean, status: string) {
    const items = session.conversations.get('items');
    return (
      <div part="base" class="app dock">
        {signedIn &&
          this.docked.map(jid => {
            const name = displayName(session, jid);
            const open = !this.minimized.includes(jid);
            const unread = items[jid]?.unread ?? 0;
            return (
              // A group, not a region: the chatbox inside is the region named after the conversation.
              <div part="dock-panel" role="group" class={{ panel: true, minimized: !open }} aria-label={name} key={jid} data-conversation={jid}>
                <div class="panel-header">
                  <button part="dock-toggle" type="button" class="panel-toggle" aria-expanded={open ? 'true' : 'false'} onClick={() => this.toggleMinimized(jid)}>
                    <span class="panel-title" dir="auto">
                      {name}
                    </span>
                    {!open && unread > 0 && <span part="dock-unread" class="badge">{t('roster.unread', { count: unread })}</span>}
                  </button>
                  <button part="dock-close" type="button" class="panel-close" aria-label={t('app.closeChat', { name })} onClick={() => this.undock(jid)}>
                    <span aria-hidden="true">×</span>
                  </button>
                </div>
                {open && (
                  <div class="panel-body">
                    <natter-chatbox session={session} conversation={jid}></natter-chatbox>
                  </div>
                )}
              </div>
            );
          })}
        {this.roomToConfirm && <div class="panel prompt-panel">{this.renderRoomPrompt()}</div>}
        <section part="launcher" class={{ panel: true, launcher: true, minimized: !this.launcherOpen }} aria-label={t('app.title')}>
          <div class="panel-header">
            <button part="dock-toggle" type="button" class="panel-toggle" aria-expanded={this.launcherOpen ? 'true' : 'false'} onClick={() => (this.launcherOpen = !this.launcherOpen)}>
              <span class="panel-title">{t('app.title')}</span>
            </button>
          </div>
          {this.launcherOpen && (
            <div class="panel-body">
              {this.renderStatus(status)}
              {signedIn && <natter-presence part="presence" class="presence" session={session}></natter-presence>}
              {this.renderNotificationsControl()}
              {signedIn ? (
                <nav part="sidebar" class="sidebar" aria-label={t('app.navigation')}>
                  <natter-roster session={session} onNatterRosterSelect={this.onSelect}></natter-roster>
                  <natter-room-list session={session} onNatterRoomListSelect={this.onSelect}></natter-room-list>
                  <natter-blocklist part="blocklist" session={session}></natter-blocklist>
                </nav>
              ) : (
                <div part="main" class="login">
                  <natter-login session={session} jid={this.jid} service={this.service} remember={this.remember}></natter-login>
                </div>
              )}
            </div>
          )}
        </section>
      </div>
    );
  }

  private renderProfileButton(session: Session) {
    return (
      <button
        part="profile-button"
        type="button"
        class="profile-button"
        aria-expanded={this.profileOpen ? 'true' : 'false'}
        aria-controls={this.profileOpen ? 'profile-panel' : undefined}
        onClick={() => (this.profileOpen = !this.profileOpen)}
      >
        <Avatar session={session} jid={session.ownJid() ?? undefined} name={ownName(session)} />
        <span>{t('profile.open')}</span>
      </button>
    );
  }

  /** Closing the panel puts focus back on the button that opened it. */
  private closeProfile = () => {
    this.profileOpen = false;
    requestAnimationFrame(() => this.el.shadowRoot?.querySelector<HTMLElement>('[part="profile-button"]')?.focus());
  };

  render() {
    const session = sessionFor(this.el, this.session);
    const status = session.connection.get('status');
    // Once signed in, a dropped connection keeps the chat on screen (reconnecting), not the form.
    const signedIn = status === 'online' || status === 'reconnecting';
    const active = session.conversations.get('active');
    const activeRoom = active && session.conversation(active).get('room') ? active : null;
    if (this.layout === 'overlay') return this.renderOverlay(session, signedIn, status);
    const single = this.layout === 'mobile' || this.narrow;
    return (
      <div part="base" class={{ app: true, single, 'show-chat': this.showChat, 'with-occupants': !!activeRoom && this.showOccupants && signedIn }}>
        <header part="header" class="header">
          <h1 part="title" class="title">{t('app.title')}</h1>
          {signedIn && <natter-presence part="presence" class="presence" session={session}></natter-presence>}
          {this.renderNotificationsControl()}
          {this.renderStatus(status)}
          {signedIn ? this.renderProfileButton(session) : null}
        </header>
        {signedIn && this.profileOpen ? (
          <natter-profile part="profile-panel" id="profile-panel" class="profile-panel" session={session} closable onNatterProfileClose={this.closeProfile}></natter-profile>
        ) : null}
        {this.renderRoomPrompt()}
        {signedIn ? (
          <div class="layout">
            <nav part="sidebar" class="sidebar" aria-label={t('app.navigation')}>
              <natter-roster session={session} onNatterRosterSelect={this.onSelect}></natter-roster>
              <natter-room-list session={session} onNatterRoomListSelect={this.onSelect}></natter-room-list>
              <natter-blocklist part="blocklist" session={session}></natter-blocklist>
            </nav>
            <main part="main" class="main">
              <div class="main-bar">
                <button part="back-button" type="button" class="back" onClick={this.back}>
                  {t('app.back')}
                </button>
                {activeRoom && (
                  <button
                    part="occupants-toggle"
                    type="button"
                    class="occupants-toggle"
                    aria-expanded={this.showOccupants ? 'true' : 'false'}
                    aria-controls="occupants"
                    onClick={this.toggleOccupants}
                  >
                    {this.showOccupants ? t('app.hideOccupants') : t('app.showOccupants')}
                  </button>
                )}
              </div>
              <natter-chatbox session={session}></natter-chatbox>
            </main>
            {activeRoom && this.showOccupants && (
              <aside part="occupants" id="occupants" class="occupants" aria-label={t('app.occupants')}>
                <natter-occupants session={session} room={activeRoom}></natter-occupants>
              </aside>
            )}
          </div>
        ) : (
          <main part="main" class="login">
            <natter-login session={session} jid={this.jid} service={this.service} remember={this.remember}></natter-login>
          </main>
        )}
      </div>
    );
  }
}
