import { Component, Element, Prop, State, h } from '@stencil/core';
import type { Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import { currentLocale, t } from '../../i18n/catalogue';
import { peopleError } from '../shared/people-errors';
import { displayName, sessionFor } from '../shared/session-binding';

/**
 * The addresses the user blocked (XEP-0191), each with Unblock: a disclosure button that says
 * how many ("Blocked (2)") opens the list. The list is the server's, read at sign-in and kept
 * current by its pushes (blocks made in another client show here too). Hidden where the server
 * has no blocking. A status region says what was unblocked, an alert why it could not be.
 *
 * @part base - The component's root.
 * @part toggle - The button that opens or closes the list.
 * @part list - The blocked addresses.
 * @part item - One blocked address.
 * @part address - Its name or address.
 * @part unblock-button - Unblocks it.
 * @part empty - The loading / empty notice.
 * @part error - Why unblocking (or reading the list) failed.
 * @part announcer - The status region.
 */
@Component({ tag: 'natter-blocklist', styleUrl: 'natter-blocklist.css', shadow: true })
export class NatterBlocklist {
  private toggleButton?: HTMLButtonElement;
  private focusToggle = false;

  @Element() el!: HTMLElement;

  /** The list is open (also settable from outside, e.g. to show it in a settings page). */
  @Prop({ mutable: true, reflect: true }) open = false;

  /** The session whose blocklist is shown; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  @State() busy: Record<Jid, true> = {};
  @State() failure: string | null = null;
  @State() announcement = '';

  componentDidRender() {
    if (!this.focusToggle) return;
    this.focusToggle = false;
    this.toggleButton?.focus();
  }

  private toggle = () => {
    this.open = !this.open;
    this.failure = null;
  };

  private async unblock(jid: Jid, name: string) {
    const session = sessionFor(this.el, this.session);
    this.busy = { ...this.busy, [jid]: true };
    this.failure = null;
    try {
      await session.actions.unblock(jid);
      this.announcement = t('block.unblocked', { name });
      // The row is gone: the focus goes back to the list's button rather than to nowhere.
      this.focusToggle = true;
    } catch (error) {
      this.failure = t('block.unblockFailed', { name, reason: peopleError(error) });
    } finally {
      const { [jid]: _, ...rest } = this.busy;
      this.busy = rest;
    }
  }

  private renderList(session: Session, jids: Jid[]) {
    const loaded = session.roster.get('blocklistLoaded');
    if (jids.length === 0) {
      return (
        <p part="empty" class="muted">
          {loaded ? t('blocklist.empty') : t('blocklist.loading')}
        </p>
      );
    }
    return (
      <ul part="list" class="list" id="blocklist" aria-label={t('blocklist.title')}>
        {jids.map(jid => {
          // A contact's own name helps; anyone else is shown by address alone.
          const name = session.roster.get('contacts')[jid] ? displayName(session, jid) : jid;
          const label = name === jid ? jid : `${name} (${jid})`;
          return (
            <li part="item" class="item" key={jid}>
              <span part="address" class="address" dir="auto">
                {label}
              </span>
              <button part="unblock-button" class="button" type="button" disabled={!!this.busy[jid]} aria-label={t('block.unblockNamed', { name: label })} onClick={() => this.unblock(jid, label)}>
                {t('block.unblock')}
              </button>
            </li>
          );
        })}
      </ul>
    );
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const supported = session.connection.get('features')?.blocking === true;
    if (!supported) return <div part="base" class="base" hidden></div>;
    const collator = new Intl.Collator(currentLocale(), { sensitivity: 'base' });
    const jids = Object.keys(session.roster.get('blocked')).sort(collator.compare);
    return (
      <div part="base" class="base">
        <button
          part="toggle"
          class="button toggle"
          type="button"
          aria-expanded={this.open ? 'true' : 'false'}
          aria-controls={this.open && jids.length > 0 ? 'blocklist' : undefined}
          ref={element => (this.toggleButton = element)}
          onClick={this.toggle}
        >
          {t('blocklist.toggle', { count: jids.length })}
        </button>
        {this.open ? this.renderList(session, jids) : null}
        {this.failure ? (
          <p part="error" class="error" role="alert">
            {this.failure}
          </p>
        ) : null}
        <p part="announcer" class="visually-hidden" role="status">
          {this.announcement}
        </p>
      </div>
    );
  }
}
