import { Component, Element, Prop, Watch, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { formatDay, t } from '../../i18n/catalogue';
import { OFFLINE } from '../../stores/roster';
import type { Message } from '../../adapters/types';
import type { RoomState } from '../../stores/conversation';
import { displayName, presenceText, privateChatOf, sessionFor } from '../shared/session-binding';
import { roomErrorText, roomName } from '../shared/room-text';
import { buildTimeline, mentionMatcher } from './grouping';

/** How close to the bottom (px) still counts as "reading the latest", so new messages scroll into view. */
const STICK_TO_BOTTOM_PX = 80;

/**
 * One conversation: a header with the contact's name and presence, the
 * messages with day separators and sender groups, the typing indicator, the
 * archive history (loaded when the conversation opens) and the composer.
 *
 * Without `conversation` it shows the session's active conversation, the one
 * chosen in `<natter-roster>`.
 *
 * @part base - The chatbox.
 * @part header - Name and presence of the contact.
 * @part title - The contact's name.
 * @part presence - The contact's presence as text.
 * @part list - The scrolling message list (a live region).
 * @part day - A day separator.
 * @part history - The "load earlier messages" area.
 * @part typing - The typing indicator.
 * @part composer - The composer.
 * @part empty - Shown when no conversation is chosen.
 * @part subject - A room's subject.
 * @part occupant-count - How many people are in a room.
 * @part notices - A run of room events (joins, leaves…), collapsed when long.
 * @part room-status - Joining, a join error or why we left, with what to do next.
 * @part composer-blocked - Why you cannot write here (no voice in a moderated room).
 *
 * @prop --natter-chatbox-bg - Background of the message list.
 * @prop --natter-chatbox-header-bg - Background of the header.
 */
@Component({ tag: 'natter-chatbox', styleUrl: 'natter-chatbox.css', shadow: true })
export class NatterChatbox {
  private list?: HTMLElement;
  private stickToBottom = true;
  private renderedCount = 0;
  private renderedConversation?: string;

  @Element() el!: HTMLElement;

  /** The conversation to show (a bare JID). Empty: the session's active conversation. */
  @Prop() conversation?: string;

  /** The session to use. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  @Watch('conversation')
  conversationChanged() {
    this.openGiven();
  }

  componentWillLoad() {
    this.openGiven();
  }

  componentDidRender() {
    const jid = this.currentConversation();
    if (!this.list || !jid) return;
    const count = sessionFor(this.el, this.session).conversation(jid).get('messages').length;
    const switched = jid !== this.renderedConversation;
    if (switched || (count !== this.renderedCount && this.stickToBottom)) {
      this.list.scrollTop = this.list.scrollHeight;
    }
    this.renderedCount = count;
    this.renderedConversation = jid;
  }

  private openGiven(): void {
    if (!this.conversation) return;
    // No event here: setting a property from outside never emits one.
    sessionFor(this.el, this.session).actions.openConversation(this.conversation);
  }

  private currentConversation(): string | null {
    return this.conversation || sessionFor(this.el, this.session).conversations.get('active');
  }

  private onScroll = () => {
    if (!this.list) return;
    const { scrollTop, scrollHeight, clientHeight } = this.list;
    this.stickToBottom = scrollHeight - scrollTop - clientHeight < STICK_TO_BOTTOM_PX;
  };

  private loadOlder = (jid: string) => () => {
    void sessionFor(this.el, this.session).actions.loadOlderMessages(jid);
  };

  private renderHistory(session: Session, jid: string) {
    const history = session.conversation(jid).get('history');
    if (history.status === 'loading') {
      return (
        <p part="history" class="history" role="status">
          {t('chat.loadingHistory')}
        </p>
      );
    }
    if (history.status === 'error') {
      return (
        <div part="history" class="history error" role="alert">
          {t('chat.historyError', { error: history.error ?? '' })}{' '}
          <button type="button" onClick={this.loadOlder(jid)}>
            {t('chat.retryHistory')}
          </button>
        </div>
      );
    }
    if (history.requested && !history.complete) {
      return (
        <div part="history" class="history">
          <button type="button" onClick={this.loadOlder(jid)}>
            {t('chat.loadOlder')}
          </button>
        </div>
      );
    }
    return null;
  }

  private rejoin = (room: string, nick?: string) => () => {
    sessionFor(this.el, this.session)
      .actions.joinRoom(room, nick ? { nick } : {})
      .catch(() => undefined); // the error is in the room state and shown in the banner
  };

  private renderRoomStatus(jid: string, room: RoomState) {
    if (room.status === 'joined') return null;
    if (room.status === 'joining') {
      return (
        <p part="room-status" class="room-status" role="status">
          {t('room.joining')}
        </p>
      );
    }
    const text =
      room.status === 'error'
        ? roomErrorText(room.error, room.errorText)
        : t(`room.left.${room.leftReason ?? 'left'}` as 'room.left.left');
    const detail = room.status === 'left' && room.leftText ? t('room.leftReason', { reason: room.leftText }) : '';
    const retryNick = room.status === 'error' && room.error === 'nick-conflict' ? room.suggestedNick : undefined;
    // "Join again" keeps the nick we had (or asked for); after a nick conflict it offers the suggested one.
    const rejoinNick = retryNick ?? (room.status === 'error' && room.error === 'nick-conflict' ? undefined : room.nick || undefined);
    return (
      <div part="room-status" class="room-status error" role="alert">
        <p>
          {text} {detail}
        </p>
        {room.leftReason !== 'banned' && room.leftReason !== 'destroyed' && room.error !== 'banned' && (
          <button type="button" onClick={this.rejoin(jid, rejoinNick)}>
            {retryNick ? t('room.tryNick', { nick: retryNick }) : t('room.rejoin')}
          </button>
        )}
      </div>
    );
  }

  private noticeText(notice: NonNullable<Message['notice']>): string {
    const text = t(`notice.${notice.kind}` as 'notice.join', { nick: notice.nick, value: notice.value ?? '' });
    return notice.actor ? t('notice.by', { text, actor: notice.actor }) : text;
  }

  /** Up to three notices are listed; more become one summary line that expands. */
  private renderNotices(key: string, notices: Message[]) {
    const lines = notices.map(notice => (
      <li key={notice.id}>
        {this.noticeText(notice.notice!)}
        {notice.notice!.reason ? ` (${notice.notice!.reason})` : ''}
      </li>
    ));
    if (notices.length <= 3) {
      return (
        <ul part="notices" class="notices" key={key}>
          {lines}
        </ul>
      );
    }
    let joined = 0;
    let left = 0;
    for (const notice of notices) {
      if (notice.notice!.kind === 'join') joined++;
      else if (notice.notice!.kind === 'leave') left++;
    }
    const parts = [
      joined > 0 ? t('notice.joined', { count: joined }) : '',
      left > 0 ? t('notice.left', { count: left }) : '',
      joined + left < notices.length ? t('notice.summary', { count: notices.length - joined - left }) : '',
    ].filter(Boolean);
    return (
      <details part="notices" class="notices" key={key}>
        <summary>{parts.join(', ')}</summary>
        <ul>{lines}</ul>
      </details>
    );
  }

  private renderComposer(session: Session, jid: string, room: RoomState | null) {
    // Out of the room the status banner says why and offers to rejoin; the draft stays in the store.
    if (room && room.status !== 'joined') return null;
    if (room?.self?.role === 'visitor') {
      return (
        <p part="composer-blocked" class="composer-blocked">
          {t('room.noVoice')}
        </p>
      );
    }
    return <natter-composer part="composer" conversation={jid} session={session}></natter-composer>;
  }

  private renderTyping(session: Session, jid: string, name: string) {
    const state = session.conversation(jid).get('peerState');
    const text = state === 'composing' ? t('chat.typing', { name }) : '';
    // The live region stays in the DOM so screen readers announce the change.
    return (
      <p part="typing" class="typing" role="status" aria-live="polite">
        {text}
      </p>
    );
  }

  private renderPresence(session: Session, jid: string) {
    const presence = session.roster.get('presence')[jid] ?? OFFLINE;
    return (
      <p part="presence" class={`presence presence-${presence.show}`}>
        <span class="dot" aria-hidden="true"></span>
        {presenceText(presence)}
      </p>
    );
  }

  private renderRoomHeader(room: RoomState, occupantCount: number) {
    return [
      room.subject ? (
        <p part="subject" class="subject" dir="auto">
          {room.subject}
        </p>
      ) : null,
      <p part="occupant-count" class="presence">
        {t('room.occupants', { count: occupantCount })}
      </p>,
    ];
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const jid = this.currentConversation();
    if (!jid) {
      return (
        <section part="base" class="chatbox">
          <p part="empty" class="empty">
            {t('chat.empty')}
          </p>
        </section>
      );
    }
    const store = session.conversation(jid);
    const messages = store.get('messages');
    const room = store.get('room');
    const privateChat = room ? null : privateChatOf(session, jid);
    const name = room
      ? roomName(session, jid)
      : privateChat
        ? t('room.private', { nick: privateChat.nick, room: roomName(session, privateChat.room) })
        : displayName(session, jid);
    const titleId = 'chatbox-title';
    const isMention = mentionMatcher(room?.nick);
    return (
      <section part="base" class="chatbox" aria-labelledby={titleId}>
        <header part="header" class="header">
          <h2 part="title" id={titleId} class="title">
            {name}
          </h2>
          {room ? this.renderRoomHeader(room, Object.keys(store.get('occupants')).length) : this.renderPresence(session, jid)}
        </header>
        {room && this.renderRoomStatus(jid, room)}
        <div
          part="list"
          class="list"
          role="log"
          aria-live="polite"
          aria-label={t('chat.messages', { name })}
          tabindex="0"
          ref={element => (this.list = element)}
          onScroll={this.onScroll}
        >
          {this.renderHistory(session, jid)}
          {messages.length === 0 && store.get('history').status !== 'loading' && <p class="no-messages">{t('chat.noMessages')}</p>}
          {buildTimeline(messages).map(item =>
            item.kind === 'day' ? (
              <h3 part="day" class="day" key={item.key}>
                {formatDay(item.timestamp)}
              </h3>
            ) : item.kind === 'notices' ? (
              this.renderNotices(item.key, item.notices)
            ) : (
              <natter-message
                key={item.key}
                message={item.message}
                senderName={item.message.nick ?? name}
                grouped={item.grouped}
                mention={item.message.direction === 'in' && !!isMention?.(item.message.body)}
                session={session}
              ></natter-message>
            ),
          )}
        </div>
        {this.renderTyping(session, jid, name)}
        {this.renderComposer(session, jid, room)}
      </section>
    );
  }
}
