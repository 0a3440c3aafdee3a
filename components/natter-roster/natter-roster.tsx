import { Component, Element, Event, EventEmitter, Prop, State, forceUpdate, h } from '@stencil/core';
import type { Availability, Contact, ContactPresence, Jid } from '../../adapters/types';
import type { Session } from '../../session/session';
import { AVAILABILITY_RANK, OFFLINE, type SubscriptionRequest } from '../../stores/roster';
import { looksLikeJid } from '../../adapters/jid-shape';
import { currentLocale, t } from '../../i18n/catalogue';
import { displayName, presenceText, sessionFor } from '../shared/session-binding';
import { Avatar } from '../shared/avatar';
import { VirtualFocus } from '../shared/roving-focus';
import { errorMessage } from '../../session/errors';
import { TextField } from '../shared/text-field';
import type { NatterRosterSelectDetail } from './natter-roster-interface';
import { FilterBox } from '../shared/filter-box';
import { VirtualList, type VirtualItem } from '../shared/virtual-list';
import { flattenGroups, renderedGroups, type EntryRow, type GroupedRows, type SourceGroup } from '../shared/grouped-rows';
import { memoLast } from '../shared/memo';
import { nextTask, sortInSlices } from '../shared/sliced-sort';
import { peopleError } from '../shared/people-errors';
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

type FocusTarget = 'add-jid' | 'add-button' | 'after-request' | 'edit-name' | 'edit-confirm' | { edit: Jid } | 'filter';

/** What the open contact panel asks: nothing yet (the form), or to confirm removing or blocking. */
type EditStep = 'form' | 'remove' | 'block';

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

/**
 * Contacts by name, then address: the collator runs once per change of the contacts (or of what
 * they call themselves, `_profiles`, which names those without a roster name), not per presence.
 */
function sortByName(session: Session, contacts: Record<Jid, Contact>, locale: string | undefined, _profiles?: unknown): ByName {
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
 * @part avatar - The contact's avatar: their picture, else their initial.
 * @part avatar-image - The picture in it, when they have one.
 * @part name - The contact's display name.
 * @part presence - Presence as text, with a coloured dot and the status message.
 * @part presence-dot - The coloured presence dot.
 * @part unread - The unread-messages badge.
 * @part empty - The loading / empty / no-match notice.
 * @part edit-button - A contact's Edit button, beside its row (in the tab order after the row that has the focus).
 * @part contact-form - The contact panel: rename, groups (existing ones as checkboxes, and a new one), Save;
 *   Remove contact and Block, each after a confirmation. Changes show once the server's roster push
 *   arrives (no optimistic update); an error stays in the panel.
 * @part group-choice - One group checkbox of the contact panel.
 * @part block-request-button - Blocks the sender of a contact request (after a confirmation).
 * @part spam-button - Reports a contact request as spam (XEP-0377) and blocks its sender (after a confirmation).
 * @part confirm - A confirmation (remove, block, report as spam) with its buttons.
 * @part announcer - The status region that says what was saved, removed or blocked.
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
  private sortedBig?: { contacts: Record<Jid, Contact>; profiles: unknown; locale: string | undefined; byName: ByName };
  private sortingBig?: { contacts: Record<Jid, Contact>; profiles: unknown; locale: string | undefined };
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
  /** A request whose block (or report as spam) waits for confirmation. */
  @State() requestConfirm: { jid: Jid; spam: boolean } | null = null;
  /** The contact whose panel is open, and what it asks. */
  @State() editing: { jid: Jid; step: EditStep } | null = null;
  @State() editBusy = false;
  @State() editFailure: string | null = null;
  /** Groups checked in the open panel. */
  @State() editGroups: string[] = [];
  @State() announcement = '';

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
    const root = this.el.shadowRoot;
    if (target === 'add-jid') this.addJidInput?.focus();
    else if (target === 'add-button') this.addButton?.focus();
    else if (target === 'edit-name') root?.querySelector<HTMLInputElement>('#edit-name')?.focus();
    else if (target === 'edit-confirm') root?.querySelector<HTMLButtonElement>('[part="confirm"] button')?.focus();
    else if (target === 'filter') this.filterInput?.focus();
    else if (typeof target === 'object') (root?.querySelector<HTMLButtonElement>(`button.edit[data-jid="${CSS.escape(target.edit)}"]`) ?? this.filterInput)?.focus();
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

  private openEditor(contact: Contact) {
    if (this.editing?.jid === contact.jid) {
      this.closeEditor();
      return;
    }
    this.editing = { jid: contact.jid, step: 'form' };
    this.editGroups = [...new Set(contact.groups)];
    this.editFailure = null;
    this.focusAfterRender = 'edit-name';
  }

  private closeEditor = () => {
    const jid = this.editing?.jid;
    this.editing = null;
    this.editFailure = null;
    if (jid) this.focusAfterRender = { edit: jid };
  };

  private handleEditKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.editing) return;
    event.preventDefault();
    event.stopPropagation();
    if (this.editing.step !== 'form') {
      this.editing = { ...this.editing, step: 'form' };
      this.focusAfterRender = 'edit-name';
    } else this.closeEditor();
  };

  private handleEditSubmit = async (event: Event) => {
    event.preventDefault();
    const editing = this.editing;
    if (!editing || this.editBusy) return;
    const session = sessionFor(this.el, this.session);
    const root = this.el.shadowRoot;
    const name = root?.querySelector<HTMLInputElement>('#edit-name')?.value.trim() ?? '';
    const added = root?.querySelector<HTMLInputElement>('#edit-new-group')?.value.trim() ?? '';
    const groups = [...new Set([...this.editGroups, ...(added ? [added] : [])])];
    const shown = name || displayName(session, editing.jid);
    this.editBusy = true;
    this.editFailure = null;
    try {
      await session.actions.updateContact(editing.jid, name || undefined, groups);
      this.announcement = t('contact.saved', { name: shown });
      this.closeEditor();
    } catch (error) {
      this.editFailure = t('contact.saveFailed', { name: shown, reason: peopleError(error) });
    } finally {
      this.editBusy = false;
    }
  };

  private async confirmEditStep() {
    const editing = this.editing;
    if (!editing || this.editBusy) return;
    const session = sessionFor(this.el, this.session);
    const name = displayName(session, editing.jid);
    this.editBusy = true;
    this.editFailure = null;
    try {
      if (editing.step === 'remove') await session.actions.removeContact(editing.jid);
      else await session.actions.block(editing.jid);
      this.announcement = editing.step === 'remove' ? t('contact.removed', { name }) : t('block.done', { name });
      this.editing = null;
      // A removed contact's row is gone: the focus goes to the filter above the list.
      this.focusAfterRender = editing.step === 'remove' ? 'filter' : { edit: editing.jid };
    } catch (error) {
      const key = editing.step === 'remove' ? 'contact.removeFailed' : 'block.failed';
      this.editFailure = t(key, { name, reason: peopleError(error) });
    } finally {
      this.editBusy = false;
    }
  }

  private renderEditor(session: Session) {
    const editing = this.editing;
    if (!editing) return null;
    const contact = session.roster.get('contacts')[editing.jid];
    if (!contact) return null;
    const name = displayName(session, editing.jid);
    const allGroups = [...new Set([...this.byName(session, session.roster.get('contacts'), currentLocale()).groups.filter((g): g is string => g !== null), ...contact.groups])];
    const blocking = session.connection.get('features')?.blocking === true;
    const failure = this.editFailure ? (
      <p part="error" class="error" role="alert">
        {this.editFailure}
      </p>
    ) : null;
    if (editing.step !== 'form') {
      const remove = editing.step === 'remove';
      return (
        <div part="confirm" class="add-form confirm" role="group" aria-labelledby="edit-confirm-text" onKeyDown={this.handleEditKeyDown}>
          <p id="edit-confirm-text">{remove ? t('contact.confirmRemove', { name }) : t('block.confirmContact', { name })}</p>
          {failure}
          <div class="form-actions">
            <button class="button danger" type="button" disabled={this.editBusy} onClick={() => this.confirmEditStep()}>
              {remove ? t('contact.removeConfirm') : t('block.confirm')}
            </button>
            <button
              class="button secondary"
              type="button"
              onClick={() => {
                this.editing = { ...editing, step: 'form' };
                this.editFailure = null;
                this.focusAfterRender = 'edit-name';
              }}
            >
              {t('contact.cancel')}
            </button>
          </div>
        </div>
      );
    }
    return (
      <form part="contact-form" class="add-form" id="contact-form" noValidate aria-label={t('contact.dialog', { name })} onSubmit={this.handleEditSubmit} onKeyDown={this.handleEditKeyDown}>
        <p class="contact-address">{contact.jid}</p>
        <TextField id="edit-name" name="name" label={t('contact.name')} autocomplete="off" value={contact.name ?? ''} />
        {allGroups.length > 0 ? (
          <fieldset class="groups">
            <legend>{t('contact.groups')}</legend>
            {allGroups.map(group => (
              <label part="group-choice" class="group-choice" key={group}>
                <input
                  type="checkbox"
                  checked={this.editGroups.includes(group)}
                  onChange={event => {
                    const checked = (event.target as HTMLInputElement).checked;
                    this.editGroups = checked ? [...this.editGroups, group] : this.editGroups.filter(g => g !== group);
                  }}
                />
                {group}
              </label>
            ))}
          </fieldset>
        ) : null}
        <TextField id="edit-new-group" name="group" label={t('contact.newGroup')} autocomplete="off" />
        {failure}
        <div class="form-actions">
          <button part="form-button" class="button primary" type="submit" disabled={this.editBusy} aria-busy={this.editBusy ? 'true' : 'false'}>
            {t('contact.save')}
          </button>
          <button part="form-button" class="button secondary" type="button" onClick={this.closeEditor}>
            {t('contact.cancel')}
          </button>
        </div>
        <div class="form-actions">
          <button
            class="button secondary danger-text"
            type="button"
            data-action="remove"
            onClick={() => {
              this.editing = { ...editing, step: 'remove' };
              this.editFailure = null;
              this.focusAfterRender = 'edit-confirm';
            }}
          >
            {t('contact.remove')}
          </button>
          {blocking ? (
            <button
              class="button secondary danger-text"
              type="button"
              data-action="block"
              onClick={() => {
                this.editing = { ...editing, step: 'block' };
                this.editFailure = null;
                this.focusAfterRender = 'edit-confirm';
              }}
            >
              {t('block.action')}
            </button>
          ) : null}
        </div>
      </form>
    );
  }

  private presenceText({ contact, presence }: Listed): string {
    if (contact.pendingOut && presence.show === 'offline') return t('roster.pending');
    return presenceText(presence);
  }

  private askRequestBlock(jid: Jid, spam: boolean) {
    this.requestFailures = without(this.requestFailures, jid);
    this.requestConfirm = { jid, spam };
    this.focusAfterRender = 'edit-confirm';
  }

  private async blockRequest(request: SubscriptionRequest, who: string, spam: boolean) {
    const session = sessionFor(this.el, this.session);
    this.answering = { ...this.answering, [request.jid]: true };
    try {
      if (spam) await session.actions.block(request.jid, { reason: 'spam' });
      else await session.actions.block(request.jid);
      // A blocked sender's request is not answered: it just goes (the server drops what follows).
      session.dispatch({ type: 'subscriptionHandled', jid: request.jid });
      this.requestConfirm = null;
      this.announcement = t('block.done', { name: who });
      this.focusAfterRender = 'after-request';
    } catch (error) {
      // Marked as already worded (not an answer's failure).
      this.requestFailures = { ...this.requestFailures, [request.jid]: `\u0000${t('block.failed', { name: who, reason: peopleError(error) })}` };
      this.requestConfirm = null;
    } finally {
      this.answering = without(this.answering, request.jid) as Record<Jid, true>;
    }
  }

  private renderRequestConfirm(request: SubscriptionRequest, who: string, spam: boolean) {
    const cancel = () => {
      this.requestConfirm = null;
      this.focusAfterRender = 'after-request';
    };
    return (
      <div part="confirm" class="confirm" role="group" aria-labelledby="request-confirm-text" onKeyDown={event => event.key === 'Escape' && cancel()}>
        <p id="request-confirm-text">{spam ? t('block.confirmSpam', { name: who }) : t('block.confirmContact', { name: who })}</p>
        <span class="request-actions">
          <button class="button danger" type="button" disabled={!!this.answering[request.jid]} onClick={() => this.blockRequest(request, who, spam)}>
            {spam ? t('block.reportConfirm') : t('block.confirm')}
          </button>
          <button class="button secondary" type="button" onClick={cancel}>
            {t('block.cancel')}
          </button>
        </span>
      </div>
    );
  }

  private renderRequests(requests: SubscriptionRequest[]) {
    if (requests.length === 0) return null;
    const blocking = sessionFor(this.el, this.session).connection.get('features')?.blocking === true;
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
                  {blocking ? (
                    <button part="block-request-button" class="button secondary" type="button" disabled={busy} aria-describedby={textId} onClick={() => this.askRequestBlock(request.jid, false)}>
                      {t('block.action')}
                    </button>
                  ) : null}
                  {blocking ? (
                    <button part="spam-button" class="button secondary" type="button" disabled={busy} aria-describedby={textId} onClick={() => this.askRequestBlock(request.jid, true)}>
                      {t('block.reportSpam')}
                    </button>
                  ) : null}
                </span>
                {this.requestConfirm?.jid === request.jid ? this.renderRequestConfirm(request, who, this.requestConfirm.spam) : null}
                {failure ? (
                  <p part="error" class="error" role="alert">
                    {failure.startsWith('\u0000') ? failure.slice(1) : t('roster.requestFailed', { jid: request.jid, reason: failure })}
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

  private renderRow(session: Session, item: VirtualItem, row: EntryRow<Listed>, active: Jid | null, tabStop: number, conversations: Record<Jid, { unread: number }>) {
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
          <Avatar session={session} jid={contact.jid} name={name} />
          {/* The row's accessible name is its text: name, presence, unread (the spaces keep the words apart). */}
          <span class="text">
            <span part="name" class="name" dir="auto">
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
        <button
          part="edit-button"
          class="edit"
          type="button"
          tabindex={item.index === tabStop ? 0 : -1}
          data-jid={contact.jid}
          aria-label={t('contact.editNamed', { name })}
          aria-expanded={this.editing?.jid === contact.jid ? 'true' : 'false'}
          onClick={() => this.openEditor(contact)}
        >
          {t('contact.edit')}
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
    const profiles = session.profiles.get('profiles');
    if (sorted && sorted.contacts === contacts && sorted.profiles === profiles && sorted.locale === locale) return sorted.byName;
    if (this.contactCount(contacts) <= SORT_IN_RENDER) {
      this.sortingBig = undefined;
      return this.byName(session, contacts, locale, profiles);
    }
    const sorting = this.sortingBig;
    if (!sorting || sorting.contacts !== contacts || sorting.profiles !== profiles || sorting.locale !== locale) {
      const job = { contacts, profiles, locale };
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
          this.sortedBig = { contacts, profiles, locale, byName };
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
                {entries.length > 0 ? <ul class="items">{entries.map(({ item, row }) => this.renderRow(session, item, row, active, tabStop, conversations))}</ul> : null}
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
        {this.renderEditor(session)}
        {this.renderRequests(requests)}
        <FilterBox
          label={t('roster.filter')}
          value={this.filter}
          onInput={this.handleFilterInput}
          onKeyDown={this.handleFilterKeyDown}
          inputRef={element => (this.filterInput = element)}
        />
        {this.renderList(session)}
        <p part="announcer" class="visually-hidden" role="status">
          {this.announcement}
        </p>
      </div>
    );
  }
}
