import { Component, Element, Event, EventEmitter, Prop, State, forceUpdate, h } from '@stencil/core';
import type { Availability, Contact, ContactPresence, Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import { AVAILABILITY_RANK, OFFLINE, type SubscriptionRequest } from '../../stores/roster';
import { looksLikeJid } from '../../adapters/jid-shape';
import { currentLocale, t } from '../../i18n/catalogue';
import { displayName, presenceText, sessionFor } from '../shared/session-binding';
import { VirtualFocus } from '../shared/roving-focus';
import { errorMessage } from '../../session/errors';
import { TextField } from '../shared/text-field';
import type { NatterRosterSelectDetail } from './natter-roster-interface';
import { FilterBox } from '../shared/filter-box';
import { VirtualList, type VirtualItem } from '../shared/virtual-list';
import { flattenGroups, renderedGroups, type EntryRow, type GroupedRows, type SourceGroup } from '../shared/grouped-rows';
import { memoLast } from '../shared/memo';
import { nextTask, sortInSlices } from '../shared/sliced-sort';
import { clip } from '../../markup/bounded-text';

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

/** First guesses of row heights in px; rows are measured once rendered. */
const HEADING_PX = 33;
const CONTACT_PX = 53;

/**
 * Rosters up to this many contacts are sorted by name while rendering; bigger ones in slices
 * between renders (the list shows the previous order meanwhile): sorting 5,000 names with
 * Intl.Collator was most of the longest task of a big roster's first render.
 */
const SORT_IN_RENDER = 1_000;

const AVAILABILITY_LEVELS = Math.max(...Object.values(AVAILABILITY_RANK)) + 1;

/** A contact as the list shows and searches it, built once per change of the contacts. */
interface ContactEntry {
  contact: Contact;
  name: string;
  /** Name and address, lower-cased once, for the filter. */
  search: string;
  /** The contact's groups without repeats; `[null]`: in none. */
  groups: (string | null)[];
}

/** Contacts sorted by name, and the group names in list order (contacts in no group last). */
interface ByName {
  entries: ContactEntry[];
  groups: (string | null)[];
}

/** A contact in a group, with the presence that places it there. */
interface Listed {
  contact: Contact;
  name: string;
  search: string;
  presence: ContactPresence;
}

/** A group's name; null: contacts in no group. */
type GroupName = string | null;

const NO_NAMES: ByName = { entries: [], groups: [] };

interface RosterRows extends GroupedRows<GroupName, Listed> {
  /** Each contact's first row, by JID. */
  firstRowOf: Map<Jid, number>;
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

/** Each contact's entry (name, search text, groups) unsorted, the groups in order, and the order of names. */
function nameEntries(session: Session, contacts: Record<Jid, Contact>, locale: string | undefined) {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const entries: ContactEntry[] = [];
  const named = new Set<string>();
  let ungrouped = false;
  for (const jid in contacts) {
    const contact = contacts[jid];
    const name = displayName(session, jid);
    const groups = contact.groups.length > 0 ? [...new Set(contact.groups)] : [null];
    for (const group of groups) {
      if (group === null) ungrouped = true;
      else named.add(group);
    }
    entries.push({ contact, name, search: `${name.toLocaleLowerCase(locale)}\n${jid.toLowerCase()}`, groups });
  }
  const compare = (a: ContactEntry, b: ContactEntry) => collator.compare(a.name, b.name) || collator.compare(a.contact.jid, b.contact.jid);
  const groups: GroupName[] = [...named].sort(collator.compare);
  if (ungrouped) groups.push(null);
  return { entries, groups, compare };
}

/** Contacts by name, then address: the collator runs once per change of the contacts, not per presence. */
function sortByName(session: Session, contacts: Record<Jid, Contact>, locale: string | undefined): ByName {
  const { entries, groups, compare } = nameEntries(session, contacts, locale);
  entries.sort(compare);
  return { entries, groups };
}

/** sortByName in slices of main-thread time, for big rosters (see SORT_IN_RENDER). */
async function sortByNameInSlices(session: Session, contacts: Record<Jid, Contact>, locale: string | undefined): Promise<ByName> {
  const { entries, groups, compare } = nameEntries(session, contacts, locale);
  // 16 ms slices: few yields (each can wait behind other tasks, which delays the list), none long.
  return { entries: await sortInSlices(entries, compare, { budgetMs: 16 }), groups };
}

/**
 * Each group's contacts, the most available first (in the order the roster
 * store picks a contact's presence by), then by name: one pass over the name
 * order into a bucket per availability, so a presence change sorts nothing.
 */
function groupByAvailability(byName: ByName, presence: Record<Jid, ContactPresence>): SourceGroup<GroupName, Listed>[] {
  const buckets = new Map<GroupName, Listed[][]>();
  for (const group of byName.groups) buckets.set(group, Array.from({ length: AVAILABILITY_LEVELS }, () => []));
  for (const entry of byName.entries) {
    const current = presence[entry.contact.jid] ?? OFFLINE;
    const rank = AVAILABILITY_RANK[current.show];
    const listed: Listed = { contact: entry.contact, name: entry.name, search: entry.search, presence: current };
    for (const group of entry.groups) buckets.get(group)![rank].push(listed);
  }
  return byName.groups.map(group => ({
    key: group === null ? '\u0000' : `g:${group}`,
    group,
    entries: buckets.get(group)!.reverse().flat(),
  }));
}

/** The list's rows: a heading per group, a row per contact in it that matches `needle` (lower-cased). */
function listRows(groups: SourceGroup<GroupName, Listed>[], needle: string): RosterRows {
  const rows = flattenGroups(groups, {
    // A contact in two groups has two rows.
    entryKey: (listed, groupKey) => `${groupKey}\u0001${listed.contact.jid}`,
    matches: needle ? listed => listed.search.includes(needle) : undefined,
    entryLabel: listed => listed.name,
  });
  const firstRowOf = new Map<Jid, number>();
  for (const index of rows.focusable) {
    const jid = (rows.rows[index] as EntryRow<Listed>).entry.contact.jid;
    if (!firstRowOf.has(jid)) firstRowOf.set(jid, index);
  }
  return { ...rows, firstRowOf };
}


/**
 * The contact list of one account: contacts grouped by roster group (a contact
 * in two groups shows in both; contacts in none under "Contacts", last), the
 * most available first, with presence as text, status message and unread count.
 * It also lists incoming contact requests (Accept / Deny), filters by name or
 * address, and adds contacts.
 *
 * Picking a contact (click, Enter or Space; Up/Down/Home/End/PageUp/PageDown
 * move between contacts, one tab stop, and typing letters moves to the next
 * contact whose name starts with them) emits `natterRosterSelect` and then
 * opens the conversation, unless the event was default-prevented. The active
 * conversation's row has `aria-current="true"`.
 *
 * Large rosters: the list is virtual, only the rows in view (and a few more)
 * are in the DOM; each row says its place in its group (`aria-posinset` of
 * `aria-setsize`). Names are sorted and lower-cased for the filter once per
 * change of the contacts, the groups ordered once per change of presence.
 *
 * @part base - The component's root.
 * @part header - The title bar with the Add contact button.
 * @part title - The "Contacts" heading.
 * @part add-button - The button that shows the add-contact form.
 * @part add-form - The add-contact `<form>`.
 * @part field - A label and input of the add-contact form.
 * @part label - A label of the add-contact form.
 * @part input - An input of the add-contact form.
 * @part error - A validation or failure message (add form, requests).
 * @part form-button - The Add and Cancel buttons of the add-contact form.
 * @part requests - The section of incoming contact requests.
 * @part section-title - The heading of the requests section.
 * @part request - One contact request.
 * @part accept-button - Accepts a contact request.
 * @part deny-button - Denies a contact request.
 * @part filter - The filter `<input>`.
 * @part list - The scrolling container of all groups.
 * @part group - One roster group (only its rows in view are in the DOM).
 * @part group-label - The heading of a group.
 * @part item - One contact row (a `<button>`).
 * @part avatar - The contact's initial.
 * @part name - The contact's display name.
 * @part presence - Presence as text, with a coloured dot and the status message.
 * @part presence-dot - The coloured presence dot.
 * @part unread - The unread-messages badge.
 * @part empty - The loading / empty / no-match notice.
 */
// Its CSS custom properties are documented at the top of natter-roster.css, where Stencil reads them.
@Component({ tag: 'natter-roster', styleUrl: 'natter-roster.css', shadow: true })
export class NatterRoster {
  private addButton?: HTMLButtonElement;
  private addJidInput?: HTMLInputElement;
  private addNameInput?: HTMLInputElement;
  private addGroupInput?: HTMLInputElement;
  private filterInput?: HTMLInputElement;
  private focusAfterRender: FocusTarget | null = null;
  private readonly byName = memoLast(sortByName);
  private readonly contactCount = memoLast((contacts: Record<Jid, Contact>) => Object.keys(contacts).length);
  /** A big roster's order by name, and the sort in slices under way (see SORT_IN_RENDER). */
  private sortedBig?: { contacts: Record<Jid, Contact>; locale: string | undefined; byName: ByName };
  private sortingBig?: { contacts: Record<Jid, Contact>; locale: string | undefined };
  private readonly grouped = memoLast(groupByAvailability);
  private readonly listed = memoLast(listRows);
  /** The rows of the last render: what the list's indexes and key presses refer to. */
  private rows: RosterRows = listRows([], '');
  private readonly list = new VirtualList({
    host: this,
    estimateSize: index => (this.rows.rows[index]?.kind === 'heading' ? HEADING_PX : CONTACT_PX),
  });
  private readonly rowFocus = new VirtualFocus(this, this.list, index => this.el.shadowRoot?.querySelector<HTMLElement>(`[data-index="${index}"] > .item`) ?? null);

  @Element() el!: HTMLElement;

  /** Text of the filter box. */
  @State() filter = '';
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
    this.list.didRender();
    this.rowFocus.didRender();
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

  disconnectedCallback() {
    this.list.disconnect();
  }

  private select(jid: Jid) {
    if (this.natterRosterSelect.emit({ jid }).defaultPrevented) return;
    sessionFor(this.el, this.session).actions.openConversation(jid);
  }

  private handleListKeyDown = (event: KeyboardEvent) => {
    this.rowFocus.keyDown(event, this.rows);
  };

  private handleFilterInput = (event: Event) => {
    this.filter = (event.target as HTMLInputElement).value;
    // The matches are read from the top.
    this.list.scrollToIndex(0, 'start');
  };

  private handleFilterKeyDown = (event: KeyboardEvent) => {
    this.rowFocus.enterFromAbove(event, this.rows);
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

  private presenceText({ contact, presence }: Listed): string {
    if (contact.pendingOut && presence.show === 'offline') return t('roster.pending');
    return presenceText(presence);
  }

  private renderRequests(requests: SubscriptionRequest[]) {
    if (requests.length === 0) return null;
    return (
      <section part="requests" class="requests" aria-labelledby="requests-title">
        <h3 part="section-title" class="section-title" id="requests-title">
          {t('roster.requests')}
        </h3>
        <ul class="request-list">
          {requests.map((request, index) => {
            const busy = !!this.answering[request.jid];
            const failure = this.requestFailures[request.jid];
            const textId = `request-${index}`;
            const who = request.name ? `${clip(request.name)} (${clip(request.jid)})` : clip(request.jid);
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

  private renderRow(item: VirtualItem, row: EntryRow<Listed>, active: Jid | null, tabStop: number, conversations: Record<Jid, { unread: number }>) {
    const { contact, name } = row.entry;
    const isActive = contact.jid === active;
    const show = row.entry.presence.show;
    const unread = conversations[contact.jid]?.unread ?? 0;
    return (
      <li
        class="row"
        key={row.key}
        data-index={item.index}
        ref={this.list.measure}
        style={this.list.rowStyle(item)}
        aria-posinset={row.position}
        aria-setsize={row.size}
      >
        <button
          part="item"
          class={{ item: true, active: isActive }}
          type="button"
          tabindex={item.index === tabStop ? 0 : -1}
          aria-current={isActive ? 'true' : undefined}
          data-jid={contact.jid}
          onClick={() => this.select(contact.jid)}
          onFocus={() => this.rowFocus.focused(row.key)}
        >
          <span part="avatar" class={`avatar hue-${hueOf(contact.jid)}`} aria-hidden="true">
            {initialOf(name)}
          </span>
          {/* The row's accessible name is its text: name, presence, unread (the spaces keep the words apart). */}
          <span class="text">
            <span part="name" class="name">
              {name}
            </span>{' '}
            <span part="presence" class={`presence show-${show}`}>
              <span part="presence-dot" class={`dot ${DOT_CLASS[show]}`} aria-hidden="true"></span>
              <span class="presence-text">{this.presenceText(row.entry)}</span>
            </span>
          </span>
          {unread > 0 ? ' ' : null}
          {unread > 0 ? (
            <span part="unread" class="unread">
              <span aria-hidden="true">{unread > 99 ? '99+' : String(unread)}</span>
              <span class="visually-hidden">{t('roster.unread', { count: unread })}</span>
            </span>
          ) : null}
        </button>
      </li>
    );
  }

  /** What the filter looks for in contacts' names and addresses. */
  private needle(locale: string | undefined): string {
    return this.filter.trim().toLocaleLowerCase(locale);
  }

  /** Contacts in order of name: sorted in the render, or for a big roster in slices, with the previous order meanwhile. */
  private namesInOrder(session: Session, contacts: Record<Jid, Contact>, locale: string | undefined): ByName {
    const sorted = this.sortedBig;
    if (sorted && sorted.contacts === contacts && sorted.locale === locale) return sorted.byName;
    if (this.contactCount(contacts) <= SORT_IN_RENDER) {
      this.sortingBig = undefined;
      return this.byName(session, contacts, locale);
    }
    const sorting = this.sortingBig;
    if (!sorting || sorting.contacts !== contacts || sorting.locale !== locale) {
      const job = { contacts, locale };
      this.sortingBig = job;
      void sortByNameInSlices(session, contacts, locale)
        .then(async byName => {
          // Grouping by availability and listing the rows are passes over every contact too: a
          // task each, before the render (which finds both in their memos unless something changed).
          await nextTask();
          if (this.sortingBig !== job) return byName;
          const groups = this.grouped(byName, session.roster.get('presence'));
          await nextTask();
          if (this.sortingBig === job) this.listed(groups, this.needle(locale));
          return byName;
        })
        .then(byName => {
          if (this.sortingBig !== job) return;
          this.sortingBig = undefined;
          this.sortedBig = { contacts, locale, byName };
          forceUpdate(this);
        });
    }
    return sorted?.byName ?? NO_NAMES;
  }

  private renderList(session: Session) {
    const locale = currentLocale();
    const byName = this.namesInOrder(session, session.roster.get('contacts'), locale);
    const rows = this.listed(this.grouped(byName, session.roster.get('presence')), this.needle(locale));
    this.rows = rows;

    let notice: string | null = null;
    if (byName.entries.length === 0) notice = session.roster.get('loaded') && !this.sortingBig ? t('roster.empty') : t('roster.loading');
    else if (rows.entryCount === 0) notice = t('roster.noMatch', { filter: this.filter.trim() });
    const noticeElement = (
      <p part="empty" class="notice" role="status">
        {notice}
      </p>
    );
    if (rows.entryCount === 0) return [noticeElement, null];

    const active = session.conversations.get('active');
    const conversations = session.conversations.get('items');
    this.list.update(rows.rows.length, rows.keyOf);
    const tabStop = this.rowFocus.tabStop(rows, active === null ? undefined : rows.firstRowOf.get(active));
    return [
      noticeElement,
      <div part="list" class="list" ref={this.list.setScrollElement} onKeyDown={this.handleListKeyDown}>
        <div class="rows" style={this.list.containerStyle()}>
          {renderedGroups(this.list.items(), rows.rows).map(({ heading, headingItem, entries }) => {
            const label = heading.group ?? t('roster.ungrouped');
            return (
              <div part="group" class="group" role="group" aria-label={label} key={heading.key}>
                {headingItem ? (
                  <h3 part="group-label" class="group-label" data-index={headingItem.index} ref={this.list.measure} style={this.list.rowStyle(headingItem)}>
                    {label}
                  </h3>
                ) : null}
                {entries.length > 0 ? <ul class="items">{entries.map(({ item, row }) => this.renderRow(item, row, active, tabStop, conversations))}</ul> : null}
              </div>
            );
          })}
        </div>
      </div>,
    ];
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const requests = session.roster.get('requests');
    return (
      <div part="base" class="base">
        <div part="header" class="header">
          <h2 part="title" class="title">{t('roster.title')}</h2>
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
