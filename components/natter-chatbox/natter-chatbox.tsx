import { Component, Element, Prop, Watch, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { formatDay, t } from '../../i18n/catalogue';
import { OFFLINE } from '../../stores/roster';
import { displayName, presenceText, sessionFor } from '../shared/session-binding';
import { buildTimeline } from './grouping';

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
    const name = displayName(session, jid);
    const presence = session.roster.get('presence')[jid] ?? OFFLINE;
    const titleId = 'chatbox-title';
    return (
      <section part="base" class="chatbox" aria-labelledby={titleId}>
        <header part="header" class="header">
          <h2 part="title" id={titleId} class="title">
            {name}
          </h2>
          <p part="presence" class={`presence presence-${presence.show}`}>
            <span class="dot" aria-hidden="true"></span>
            {presenceText(presence)}
          </p>
        </header>
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
            ) : (
              <natter-message
                key={item.key}
                message={item.message}
                senderName={name}
                grouped={item.grouped}
                session={session}
              ></natter-message>
            ),
          )}
        </div>
        {this.renderTyping(session, jid, name)}
        <natter-composer part="composer" conversation={jid} session={session}></natter-composer>
      </section>
    );
  }
}
