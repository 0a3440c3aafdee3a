import { Component, Element, Event, EventEmitter, Prop, State, h } from '@stencil/core';
import type { Availability, Contact, ContactPresence, Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import { AVAILABILITY_RANK, OFFLINE, type SubscriptionRequest } from '../../stores/roster';
import { looksLikeJid } from '../../adapters/jid-shape';
import { currentLocale, t } from '../../i18n/catalogue';
import { displayName, presenceText, sessionFor } from '../shared/session-binding';
import { moveFocus } from '../shared/roving-focus';
import { errorMessage } from '../../session/errors';
import { TextField } from '../shared/text-field';
import type { NatterRosterSelectDetail } from './natter-roster-interface';
import { FilterBox } from '../shared/filter-box';

/** Dot colour classes; the text next to the dot always says the same. */
const DOT_CLASS: Record<Availability, string> = {
  chat: 'online',
  online: 'online',
  away: 'away',
  xa: 'away',
  dnd: 'dnd',
  offline: 'offline',
};

const AVATAR_HUES = 6;

interface Row {
  /** Unique per row: a contact in two groups has two rows. */
  key: string;
  contact: Contact;
  name: string;
  presence: ContactPresence;
  unread: number;
}

interface Group {
  /** null: contacts in no group. */
  name: string | null;
  id: string;
  rows: Row[];
}

type FocusTarget = 'add-jid' | 'add-button' | 'after-request';

function hueOf(jid: string): number {
  let hash = 0;
  for (let index = 0; index < jid.length; index++) hash = (hash * 31 + jid.charCodeAt(index)) | 0;
  return Math.abs(hash) % AVATAR_HUES;
}

function initialOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? first.toLocaleUpperCase(currentLocale()) : '?';
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}


/**
 * The contact list of one account: contacts grouped by roster group (a contact
 * in two groups shows in both; contacts in none under "Contacts", last), the
 * most available first, with presence as text, status message and unread count.
 * It also lists incoming contact requests (Accept / Deny), filters by name or
 * address, and adds contacts.
 *
 * Picking a contact (click, Enter or Space; Up/Down/Home/End move between
 * contacts) emits `natterRosterSelect` and then opens the conversation, unless
 * the event was default-prevented. The active conversation's row has
 * `aria-current="true"`.
 *
 * @part base - The component's root.
 * @part header - The title bar with the Add contact button.
 * @part add-button - The button that shows the add-contact form.
 * @part add-form - The add-contact `<form>`.
 * @part field - A label and input of the add-contact form.
 * @part label - A label of the add-contact form.
 * @part input - An input of the add-contact form.
 * @part error - A validation or failure message (add form, requests).
 * @part form-button - The Add and Cancel buttons of the add-contact form.
 * @part requests - The section of incoming contact requests.
 * @part request - One contact request.
 * @part accept-button - Accepts a contact request.
 * @part deny-button - Denies a contact request.
 * @part filter - The filter `<input>`.
 * @part list - The container of all groups.
 * @part group - One roster group.
 * @part group-label - The heading of a group.
 * @part item - One contact row (a `<button>`).
 * @part avatar - The contact's initial.
 * @part name - The contact's display name.
 * @part presence - Presence as text, with a coloured dot and the status message.
 * @part unread - The unread-messages badge.
 * @part empty - The loading / empty / no-match notice.
 *
 * @prop --natter-roster-bg - Background. Falls back to `--natter-color-bg`.
 * @prop --natter-roster-text - Text colour. Falls back to `--natter-color-text`.
 * @prop --natter-roster-muted - Secondary text (presence, group labels). Falls back to `--natter-color-muted`.
 * @prop --natter-roster-border - Borders and dividers. Falls back to `--natter-color-border`.
 * @prop --natter-roster-hover-bg - Background of a hovered row. Falls back to `--natter-color-surface`.
 * @prop --natter-roster-active-bg - Background of the active conversation's row. Falls back to `--natter-color-surface`.
 * @prop --natter-roster-accent - Active row marker, buttons, focus ring. Falls back to `--natter-color-accent`.
 * @prop --natter-roster-on-accent - Text on accent (buttons, unread badge). Falls back to `--natter-color-on-accent`.
 * @prop --natter-roster-danger - Error text. Falls back to `--natter-color-danger`.
 * @prop --natter-roster-unread-bg - Background of the unread badge. Falls back to `--natter-color-accent`.
 * @prop --natter-roster-avatar-size - Size of the avatar circle. Default `32px`.
 * @prop --natter-roster-avatar-bg - Background of every avatar (instead of one colour per contact).
 * @prop --natter-roster-avatar-text - Text colour of avatars. Falls back to `--natter-color-on-accent`.
 * @prop --natter-roster-online - Dot for online / free to chat. Falls back to `--natter-color-online`.
 * @prop --natter-roster-away - Dot for away / away for a while. Falls back to `--natter-color-away`.
 * @prop --natter-roster-dnd - Dot for do not disturb. Falls back to `--natter-color-dnd`.
 * @prop --natter-roster-offline - Dot for offline. Falls back to `--natter-color-offline`.
 * @prop --natter-roster-gap - Spacing inside the component. Falls back to `--natter-space-2`.
 * @prop --natter-roster-radius - Corner radius. Falls back to `--natter-radius`.
 * @prop --natter-roster-font-family - Font. Falls back to `--natter-font-family`.
 * @prop --natter-roster-font-size - Base font size. Falls back to `--natter-font-size`.
 */
@Component({ tag: 'natter-roster', styleUrl: 'natter-roster.css', shadow: true })
export class NatterRoster {
  private addButton?: HTMLButtonElement;
  private addJidInput?: HTMLInputElement;
  private addNameInput?: HTMLInputElement;
  private addGroupInput?: HTMLInputElement;
  private filterInput?: HTMLInputElement;
  private focusAfterRender: FocusTarget | null = null;

  @Element() el!: HTMLElement;

  /** Text of the filter box. */
  @State() filter = '';
  /** The row that takes Tab focus (roving tabindex). */
  @State() focusKey: string | null = null;
  @State() addOpen = false;
  @State() addBusy = false;
  @State() addInvalid = false;
  @State() addFailure: { jid: Jid; reason: string } | null = null;
  /** Requests being answered (their buttons are disabled meanwhile). */
  @State() answering: Record<Jid, true> = {};
  @State() requestFailures: Record<Jid, string> = {};

  /** The session whose roster is shown; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  /**
   * Emitted when the user picks a contact. Cancelable: `preventDefault()` keeps
   * the roster from calling `session.actions.openConversation(jid)`.
   */
  @Event({ eventName: 'natterRosterSelect', cancelable: true, bubbles: true, composed: true })
  natterRosterSelect!: EventEmitter<NatterRosterSelectDetail>;

  componentDidRender() {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    if (target === 'add-jid') this.addJidInput?.focus();
    else if (target === 'add-button') this.addButton?.focus();
    else {
      const nextAccept = this.el.shadowRoot?.querySelector<HTMLButtonElement>('button.accept');
      (nextAccept ?? this.filterInput)?.focus();
    }
  }

  private select(jid: Jid) {
    if (this.natterRosterSelect.emit({ jid }).defaultPrevented) return;
    sessionFor(this.el, this.session).actions.openConversation(jid);
  }

  private itemButtons(): HTMLButtonElement[] {
    return Array.from(this.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.item') ?? []);
  }

  private handleListKeyDown = (event: KeyboardEvent) => {
    moveFocus(event, this.itemButtons());
  };

  private handleFilterInput = (event: Event) => {
    this.filter = (event.target as HTMLInputElement).value;
  };

  private handleFilterKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown') return;
    const first = this.itemButtons()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  };

  private toggleAddForm = () => {
    this.addOpen = !this.addOpen;
    this.addInvalid = false;
    this.addFailure = null;
    this.focusAfterRender = this.addOpen ? 'add-jid' : 'add-button';
  };

  private closeAddForm = () => {
    this.addOpen = false;
    this.addInvalid = false;
    this.addFailure = null;
    this.focusAfterRender = 'add-button';
  };

  private handleAddKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.closeAddForm();
  };

  private handleAddJidInput = () => {
    if (this.addInvalid) this.addInvalid = false;
  };

  private handleAddSubmit = async (event: Event) => {
    event.preventDefault();
    if (this.addBusy) return;
    const jid = (this.addJidInput?.value ?? '').trim();
    const name = (this.addNameInput?.value ?? '').trim();
    const group = (this.addGroupInput?.value ?? '').trim();
    this.addFailure = null;
    if (!looksLikeJid(jid, { bare: true })) {
      this.addInvalid = true;
      this.focusAfterRender = 'add-jid';
      return;
    }
    this.addInvalid = false;
    this.addBusy = true;
    try {
      await sessionFor(this.el, this.session).actions.addContact(jid, name || undefined, group ? [group] : []);
      this.addOpen = false;
      this.focusAfterRender = 'add-button';
    } catch (error) {
      this.addFailure = { jid, reason: errorMessage(error) };
    } finally {
      this.addBusy = false;
    }
  };

  private async answer(request: SubscriptionRequest, accept: boolean) {
    const session = sessionFor(this.el, this.session);
    this.requestFailures = without(this.requestFailures, request.jid);
    this.answering = { ...this.answering, [request.jid]: true };
    try {
      if (accept) await session.actions.approveSubscription(request.jid);
      else await session.actions.denySubscription(request.jid);
      this.focusAfterRender = 'after-request';
    } catch (error) {
      this.requestFailures = { ...this.requestFailures, [request.jid]: errorMessage(error) };
    } finally {
      this.answering = without(this.answering, request.jid) as Record<Jid, true>;
    }
  }

  /** Groups sorted by name (contacts in no group last), rows by availability, then name. */
  private buildGroups(session: Session): Group[] {
    const contacts = session.roster.get('contacts');
    const presence = session.roster.get('presence');
    const conversations = session.conversations.get('items');
    const locale = currentLocale();
    const needle = this.filter.trim().toLocaleLowerCase(locale);

    const byGroup = new Map<string | null, Row[]>();
    for (const contact of Object.values(contacts)) {
      const name = displayName(session, contact.jid);
      if (needle && !name.toLocaleLowerCase(locale).includes(needle) && !contact.jid.toLowerCase().includes(needle)) continue;
      const groups = contact.groups.length > 0 ? [...new Set(contact.groups)] : [null];
      for (const group of groups) {
        const rows = byGroup.get(group) ?? [];
        rows.push({
          key: `${group === null ? '\u0000' : `g:${group}`}\u0001${contact.jid}`,
          contact,
          name,
          presence: presence[contact.jid] ?? OFFLINE,
          unread: conversations[contact.jid]?.unread ?? 0,
        });
        byGroup.set(group, rows);
      }
    }

    const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    const names = [...byGroup.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)));
    return names.map((name, groupIndex) => {
      const rows = byGroup.get(name)!;
      rows.sort(
        (a, b) =>
          // Most available first, in the order the roster store picks a contact's presence by.
          AVAILABILITY_RANK[b.presence.show] - AVAILABILITY_RANK[a.presence.show] ||
          collator.compare(a.name, b.name) ||
          collator.compare(a.contact.jid, b.contact.jid),
      );
      return { name, id: `group-${groupIndex}`, rows };
    });
  }

  private presenceText(row: Row): string {
    if (row.contact.pendingOut && row.presence.show === 'offline') return t('roster.pending');
    return presenceText(row.presence);
  }

  private renderRequests(requests: SubscriptionRequest[]) {
    if (requests.length === 0) return null;
    return (
      <section part="requests" class="requests" aria-labelledby="requests-title">
        <h3 class="section-title" id="requests-title">
          {t('roster.requests')}
        </h3>
        <ul class="request-list">
          {requests.map((request, index) => {
            const busy = !!this.answering[request.jid];
            const failure = this.requestFailures[request.jid];
            const textId = `request-${index}`;
            const who = request.name ? `${request.name} (${request.jid})` : request.jid;
            return (
              <li part="request" class="request" key={request.jid}>
                <span class="request-text" id={textId}>
                  {t('roster.requestText', { jid: who })}
                </span>
                <span class="request-actions">
                  <button
                    part="accept-button"
                    class="button primary accept"
                    type="button"
                    disabled={busy}
                    aria-describedby={textId}
                    onClick={() => this.answer(request, true)}
                  >
                    {t('roster.accept')}
                  </button>
                  <button
                    part="deny-button"
                    class="button secondary deny"
                    type="button"
                    disabled={busy}
                    aria-describedby={textId}
                    onClick={() => this.answer(request, false)}
                  >
                    {t('roster.deny')}
                  </button>
                </span>
                {failure ? (
                  <p part="error" class="error" role="alert">
                    {t('roster.requestFailed', { jid: request.jid, reason: failure })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    );
  }

  private renderAddForm() {
    if (!this.addOpen) return null;
    return (
      <form part="add-form" class="add-form" id="add-form" noValidate aria-label={t('roster.add')} onSubmit={this.handleAddSubmit} onKeyDown={this.handleAddKeyDown}>
        <TextField
          id="add-jid"
          name="jid"
          label={t('roster.addJid')}
          error={this.addInvalid ? t('roster.addInvalid') : undefined}
          inputMode="email"
          autoCapitalize="none"
          autocomplete="off"
          spellcheck={false}
          required
          placeholder={t('login.jidPlaceholder')}
          onInput={this.handleAddJidInput}
          ref={element => (this.addJidInput = element)}
        />
        <TextField id="add-name" name="name" label={t('roster.addName')} autocomplete="off" ref={element => (this.addNameInput = element)} />
        <TextField id="add-group" name="group" label={t('roster.addGroup')} autocomplete="off" ref={element => (this.addGroupInput = element)} />
        {this.addFailure ? (
          <p part="error" class="error" role="alert">
            {t('roster.addFailed', this.addFailure)}
          </p>
        ) : null}
        <div class="form-actions">
          <button part="form-button" class="button primary" type="submit" disabled={this.addBusy} aria-busy={this.addBusy ? 'true' : 'false'}>
            {t('roster.addSubmit')}
          </button>
          <button part="form-button" class="button secondary" type="button" onClick={this.closeAddForm}>
            {t('roster.addCancel')}
          </button>
        </div>
      </form>
    );
  }

  private renderRow(row: Row, active: Jid | null, tabbableKey: string | null) {
    const isActive = row.contact.jid === active;
    const show = row.presence.show;
    return (
      <li class="row" key={row.key}>
        <button
          part="item"
          class={{ item: true, active: isActive }}
          type="button"
          tabindex={row.key === tabbableKey ? 0 : -1}
          aria-current={isActive ? 'true' : undefined}
          data-jid={row.contact.jid}
          onClick={() => this.select(row.contact.jid)}
          onFocus={() => (this.focusKey = row.key)}
        >
          <span part="avatar" class={`avatar hue-${hueOf(row.contact.jid)}`} aria-hidden="true">
            {initialOf(row.name)}
          </span>
          {/* The row's accessible name is its text: name, presence, unread (the spaces keep the words apart). */}
          <span class="text">
            <span part="name" class="name">
              {row.name}
            </span>{' '}
            <span part="presence" class={`presence show-${show}`}>
              <span class={`dot ${DOT_CLASS[show]}`} aria-hidden="true"></span>
              <span class="presence-text">
                {this.presenceText(row)}
              </span>
            </span>
          </span>
          {row.unread > 0 ? ' ' : null}
          {row.unread > 0 ? (
            <span part="unread" class="unread">
              <span aria-hidden="true">{row.unread > 99 ? '99+' : String(row.unread)}</span>
              <span class="visually-hidden">
                {t('roster.unread', { count: row.unread })}
              </span>
            </span>
          ) : null}
        </button>
      </li>
    );
  }

  private renderList(session: Session) {
    const loaded = session.roster.get('loaded');
    const hasContacts = Object.keys(session.roster.get('contacts')).length > 0;
    const active = session.conversations.get('active');
    const groups = this.buildGroups(session);
    const rows = groups.flatMap(group => group.rows);

    let notice: string | null = null;
    if (!hasContacts) notice = loaded ? t('roster.empty') : t('roster.loading');
    else if (rows.length === 0) notice = t('roster.noMatch', { filter: this.filter.trim() });

    const tabbableKey =
      rows.find(row => row.key === this.focusKey)?.key ?? rows.find(row => row.contact.jid === active)?.key ?? rows[0]?.key ?? null;

    return [
      <p part="empty" class="notice" role="status">
        {notice}
      </p>,
      rows.length > 0 ? (
        <div part="list" class="list" onKeyDown={this.handleListKeyDown}>
          {groups.map(group => (
            <div part="group" class="group" role="group" aria-labelledby={group.id} key={group.name ?? '\u0000'}>
              <h3 part="group-label" class="group-label" id={group.id}>
                {group.name ?? t('roster.ungrouped')}
              </h3>
              <ul class="items">{group.rows.map(row => this.renderRow(row, active, tabbableKey))}</ul>
            </div>
          ))}
        </div>
      ) : null,
    ];
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const requests = session.roster.get('requests');
    return (
      <div part="base" class="base">
        <div part="header" class="header">
          <h2 class="title">{t('roster.title')}</h2>
          <button
            part="add-button"
            class="button secondary add-button"
            type="button"
            aria-expanded={this.addOpen ? 'true' : 'false'}
            aria-controls={this.addOpen ? 'add-form' : undefined}
            onClick={this.toggleAddForm}
            ref={element => (this.addButton = element)}
          >
            {t('roster.add')}
          </button>
        </div>
        {this.renderAddForm()}
        {this.renderRequests(requests)}
        <FilterBox
          label={t('roster.filter')}
          value={this.filter}
          onInput={this.handleFilterInput}
          onKeyDown={this.handleFilterKeyDown}
          inputRef={element => (this.filterInput = element)}
        />
        {this.renderList(session)}
      </div>
    );
  }
}
