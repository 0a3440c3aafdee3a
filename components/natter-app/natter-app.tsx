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
 * @part occupants - The area holding a room's occupant sidebar.
 * @part occupants-toggle - Shows or hides the occupant sidebar.
 *
 * @prop --natter-app-sidebar-width - Width of the roster column.
 * @prop --natter-app-height - Height of the app.
 * @prop --natter-app-occupants-width - Width of the occupant sidebar in rooms.
 */
@Component({ tag: 'natter-app', styleUrl: 'natter-app.css', shadow: true })
export class NatterApp {
  @Element() el!: HTMLElement;

  /** On narrow screens: show the chatbox instead of the roster. */
  @State() showChat = false;

  /** In a room: the occupant sidebar is open (it starts open on wide screens). */
  @State() showOccupants = true;

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

  private toggleOccupants = () => {
    this.showOccupants = !this.showOccupants;
  };

  render() {
    const session = sessionFor(this.el, this.session);
    const status = session.connection.get('status');
    // Once signed in, a dropped connection keeps the chat on screen (reconnecting), not the form.
    const signedIn = status === 'online' || status === 'reconnecting';
    const active = session.conversations.get('active');
    const activeRoom = active && session.conversation(active).get('room') ? active : null;
    return (
      <div part="base" class={{ app: true, 'show-chat': this.showChat, 'with-occupants': !!activeRoom && this.showOccupants && signedIn }}>
        <header part="header" class="header">
          <h1 class="title">{t('app.title')}</h1>
          <p part="status" class={`status status-${status}`} role="status">
            {t(`status.${status}`)}
          </p>
        </header>
        {signedIn ? (
          <div class="layout">
            <nav part="sidebar" class="sidebar" aria-label={t('app.navigation')}>
              <natter-roster session={session} onNatterRosterSelect={this.onSelect}></natter-roster>
              <natter-room-list session={session} onNatterRoomListSelect={this.onSelect}></natter-room-list>
            </nav>
            <main part="main" class="main">
              <div class="main-bar">
                <button type="button" class="back" onClick={this.back}>
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
            <natter-login session={session} jid={this.jid} service={this.service}></natter-login>
          </main>
        )}
      </div>
    );
  }
}
