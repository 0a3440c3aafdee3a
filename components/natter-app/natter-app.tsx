import { Component, Element, Prop, State, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';
import { sessionFor } from '../shared/session-binding';

/**
 * A ready chat in one tag: the sign-in form until the account is online, then
 * the roster beside the chatbox. On narrow screens it shows one at a time.
 *
 * @part base - The app.
 * @part header - The title bar with the connection state.
 * @part status - The connection state.
 * @part sidebar - The area holding the roster.
 * @part main - The area holding the chatbox.
 *
 * @prop --natter-app-sidebar-width - Width of the roster column.
 * @prop --natter-app-height - Height of the app.
 */
@Component({ tag: 'natter-app', styleUrl: 'natter-app.css', shadow: true })
export class NatterApp {
  @Element() el!: HTMLElement;

  /** On narrow screens: show the chatbox instead of the roster. */
  @State() showChat = false;

  /** The session to use. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Prefills the sign-in form's WebSocket URL. */
  @Prop() service?: string;

  /** Prefills the sign-in form's address. */
  @Prop() jid?: string;

  private onSelect = () => {
    this.showChat = true;
  };

  private back = () => {
    this.showChat = false;
  };

  render() {
    const session = sessionFor(this.el, this.session);
    const status = session.connection.get('status');
    // Once signed in, a dropped connection keeps the chat on screen (reconnecting), not the form.
    const signedIn = status === 'online' || status === 'reconnecting';
    return (
      <div part="base" class={{ app: true, 'show-chat': this.showChat }}>
        <header part="header" class="header">
          <h1 class="title">{t('app.title')}</h1>
          <p part="status" class={`status status-${status}`} role="status">
            {t(`status.${status}`)}
          </p>
        </header>
        {signedIn ? (
          <div class="layout">
            <nav part="sidebar" class="sidebar" aria-label={t('roster.title')}>
              <natter-roster session={session} onNatterRosterSelect={this.onSelect}></natter-roster>
            </nav>
            <main part="main" class="main">
              <button type="button" class="back" onClick={this.back}>
                {t('app.back')}
              </button>
              <natter-chatbox session={session}></natter-chatbox>
            </main>
          </div>
        ) : (
          <main part="main" class="login">
            <natter-login session={session} jid={this.jid} service={this.service}></natter-login>
          </main>
        )}
      </div>
    );
  }
}
