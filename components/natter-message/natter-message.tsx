import { Component, Element, Event, type EventEmitter, Prop, h } from '@stencil/core';
import type { Message } from '../../adapters/types';
import type { Session } from '../../session/session';
import { formatTime, t } from '../../i18n/catalogue';
import { splitLinks } from '../../markup/links';
import { nickColorCss } from '../../markup/nick-color';
import { sessionFor } from '../shared/session-binding';
import type { NatterMessageRetryDetail } from './natter-message-interface';

/**
 * One chat message: the sender (first of a group), the text with safe links,
 * the time, and for own messages the delivery state with a retry for failed ones.
 * The body is always text: HTML in a message is shown, never interpreted.
 *
 * @part base - The message.
 * @part sender - The sender's name.
 * @part body - The text.
 * @part link - Each link in the text.
 * @part meta - Time and delivery state.
 * @part status - The delivery state of an own message.
 * @part retry-button - Resends a failed message.
 *
 * @prop --natter-message-bubble-in - Background of incoming messages.
 * @prop --natter-message-bubble-out - Background of own messages.
 * @prop --natter-message-text-out - Text colour of own messages.
 * @prop --natter-message-mention - Marker of a message that mentions the reader.
 */
@Component({ tag: 'natter-message', styleUrl: 'natter-message.css', shadow: true })
export class NatterMessage {
  @Element() el!: HTMLElement;

  /** The message to show. */
  @Prop() message!: Message;

  /** The sender's display name. */
  @Prop() senderName = '';

  /** Continues a group of messages from the same sender: the name is not repeated. */
  @Prop({ reflect: true }) grouped = false;

  /** The message mentions the reader (their nick in a room): it is highlighted. */
  @Prop({ reflect: true }) mention = false;

  /** The session that retries a failed message. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** The user asked to resend a failed message. Cancelable: `preventDefault()` skips the resend. */
  @Event({ cancelable: true }) natterMessageRetry!: EventEmitter<NatterMessageRetryDetail>;

  private retry = () => {
    const { conversation, id } = this.message;
    const event = this.natterMessageRetry.emit({ conversation, id });
    if (!event.defaultPrevented) sessionFor(this.el, this.session).actions.retryMessage(conversation, id);
  };

  private renderBody() {
    return splitLinks(this.message.body).map(segment =>
      segment.kind === 'link' ? (
        <a part="link" href={segment.href} target="_blank" rel="noopener noreferrer">
          {segment.text}
        </a>
      ) : (
        segment.text
      ),
    );
  }

  render() {
    const message = this.message;
    if (!message) return null;
    const own = message.direction === 'out';
    const failed = message.status === 'failed';
    const statusText = t(`message.status.${failed ? 'failed' : message.status}` as 'message.status.sent');
    return (
      <div part="base" class={{ message: true, own, failed, mention: this.mention }}>
        {!this.grouped && (
          <div part="sender" class="sender" style={!own && message.nick ? { color: nickColorCss(message.nick) } : undefined}>
            {own ? t('message.you') : this.senderName}
          </div>
        )}
        {this.mention && <span class="visually-hidden">{t('room.mention')}</span>}
        <div part="body" class="body" dir="auto">
          {this.renderBody()}
        </div>
        <div part="meta" class="meta">
          <time dateTime={new Date(message.timestamp).toISOString()} dir="auto">{formatTime(message.timestamp)}</time>
          {own && message.status !== 'received' && (
            <span part="status" class={`status status-${message.status}`}>
              {failed && message.error ? t('message.failedReason', { reason: message.error }) : statusText}
            </span>
          )}
          {own && failed && (
            <button part="retry-button" type="button" class="retry" onClick={this.retry}>
              {t('message.retry')}
            </button>
          )}
        </div>
      </div>
    );
  }
}
