import { Component, Element, Event, type EventEmitter, Prop, State, h } from '@stencil/core';
import type { OwnAvailability, OwnPresence } from '../../adapters/types';
import type { Session } from '../../session/session';
import { t } from '../../i18n/catalogue';
import { peopleError } from '../shared/people-errors';
import { sessionFor } from '../shared/session-binding';
import { TextField } from '../shared/text-field';
import type { NatterPresenceChangeDetail } from './natter-presence-interface';

const CHOICES: readonly OwnAvailability[] = ['online', 'away', 'dnd', 'invisible'];
/** Longer status texts are cut by the adapter anyway; the field says so by stopping there. */
const MAX_STATUS = 1_000;

/** What the picker calls each choice. */
function availabilityText(availability: OwnAvailability): string {
  return t(`ownPresence.${availability}` as 'ownPresence.online');
}

/**
 * The user's own presence: a button that says it ("Online", "Away: Lunch") and opens a picker
 * with the availability (Online, Away, Do not disturb, and Invisible only where the server has
 * XEP-0186) as a radio group and a status text. Saving sends it (to contacts and to every room
 * joined); the session keeps it for the account on this device and sends it again after a
 * reconnect and at the next sign-in. Escape or Cancel closes the picker and gives the focus back
 * to the button; a status region says the new presence, an alert why it could not be set.
 *
 * @part base - The component's root.
 * @part toggle - The button that says the presence and opens the picker.
 * @part presence-dot - The coloured dot on the button.
 * @part panel - The picker (a form).
 * @part choices - The availability radio group.
 * @part choice - One availability (a label around its radio).
 * @part field - The status text field.
 * @part label - Its label.
 * @part input - Its input.
 * @part save-button - Sets the chosen presence.
 * @part cancel-button - Closes the picker without change.
 * @part error - Why the presence could not be set.
 * @part announcer - The status region that says the new presence.
 */
@Component({ tag: 'natter-presence', styleUrl: 'natter-presence.css', shadow: true })
export class NatterPresence {
  private toggleButton?: HTMLButtonElement;
  private focusAfterRender: 'panel' | 'toggle' | null = null;

  @Element() el!: HTMLElement;

  @State() open = false;
  /** The availability chosen in the open picker. */
  @State() choice: OwnAvailability = 'online';
  @State() statusText = '';
  @State() busy = false;
  @State() failure: string | null = null;
  @State() announcement = '';

  /** The session whose presence is shown; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  /** The user set a presence (it was sent). Not emitted when the session changes it otherwise. */
  @Event({ eventName: 'natterPresenceChange', bubbles: true, composed: true })
  natterPresenceChange!: EventEmitter<NatterPresenceChangeDetail>;

  componentDidRender() {
    const target = this.focusAfterRender;
    this.focusAfterRender = null;
    if (target === 'toggle') this.toggleButton?.focus();
    else if (target === 'panel') this.el.shadowRoot?.querySelector<HTMLInputElement>('input[name="availability"]:checked')?.focus();
  }

  private current(session: Session): OwnPresence {
    return session.connection.get('presence') ?? { availability: 'online' };
  }

  private toggle = () => {
    if (this.open) {
      this.close();
      return;
    }
    const presence = this.current(sessionFor(this.el, this.session));
    this.choice = presence.availability;
    this.statusText = presence.status ?? '';
    this.failure = null;
    this.open = true;
    this.focusAfterRender = 'panel';
  };

  private close = () => {
    this.open = false;
    this.failure = null;
    this.focusAfterRender = 'toggle';
  };

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.open) return;
    event.preventDefault();
    event.stopPropagation();
    this.close();
  };

  private onSubmit = async (event: Event) => {
    event.preventDefault();
    if (this.busy) return;
    const session = sessionFor(this.el, this.session);
    const status = this.statusText.trim();
    const presence: OwnPresence = status ? { availability: this.choice, status } : { availability: this.choice };
    this.busy = true;
    this.failure = null;
    try {
      await session.actions.setPresence(presence);
      this.open = false;
      this.focusAfterRender = 'toggle';
      this.announcement = t('ownPresence.changed', { presence: this.describe(this.current(session)) });
      this.natterPresenceChange.emit(presence);
    } catch (error) {
      this.failure = t('ownPresence.failed', { reason: peopleError(error, 'ownPresence.unsupported') });
    } finally {
      this.busy = false;
    }
  };

  private describe(presence: OwnPresence): string {
    const text = availabilityText(presence.availability);
    return presence.status ? t('roster.presenceWithStatus', { presence: text, status: presence.status }) : text;
  }

  private renderPanel(session: Session) {
    const invisible = session.connection.get('features')?.invisible === true;
    // Invisible is offered only where the server can do it; a choice kept from elsewhere still shows.
    const choices = CHOICES.filter(choice => choice !== 'invisible' || invisible || this.choice === 'invisible');
    return (
      <form part="panel" class="panel" id="presence-panel" noValidate aria-label={t('ownPresence.picker')} onSubmit={this.onSubmit}>
        <fieldset part="choices">
          <legend>{t('ownPresence.availability')}</legend>
          {choices.map(choice => (
            <label part="choice" class="choice" key={choice}>
              <input
                type="radio"
                name="availability"
                value={choice}
                checked={this.choice === choice}
                disabled={choice === 'invisible' && !invisible}
                onChange={() => (this.choice = choice)}
              />
              <span class={`dot ${choice}`} aria-hidden="true"></span>
              {availabilityText(choice)}
            </label>
          ))}
        </fieldset>
        <TextField
          id="presence-status"
          name="status"
          label={t('ownPresence.status')}
          autocomplete="off"
          maxLength={MAX_STATUS}
          value={this.statusText}
          onInput={event => (this.statusText = (event.target as HTMLInputElement).value)}
        />
        {this.failure ? (
          <p part="error" class="error" role="alert">
            {this.failure}
          </p>
        ) : null}
        <div class="actions">
          <button part="save-button" class="button primary" type="submit" disabled={this.busy} aria-busy={this.busy ? 'true' : 'false'}>
            {t('ownPresence.save')}
          </button>
          <button part="cancel-button" class="button" type="button" onClick={this.close}>
            {t('ownPresence.cancel')}
          </button>
        </div>
      </form>
    );
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const presence = this.current(session);
    return (
      <div part="base" class="base" onKeyDown={this.onKeyDown}>
        <button
          part="toggle"
          class="button toggle"
          type="button"
          aria-expanded={this.open ? 'true' : 'false'}
          aria-controls={this.open ? 'presence-panel' : undefined}
          ref={element => (this.toggleButton = element)}
          onClick={this.toggle}
        >
          <span part="presence-dot" class={`dot ${presence.availability}`} aria-hidden="true"></span>
          <span class="toggle-text">{t('ownPresence.button', { presence: this.describe(presence) })}</span>
        </button>
        {this.open ? this.renderPanel(session) : null}
        <p part="announcer" class="visually-hidden" role="status">
          {this.announcement}
        </p>
      </div>
    );
  }
}
