import { Component, Element, Event, EventEmitter, Prop, State, Watch, h } from '@stencil/core';
import type { Affiliation, Availability, Jid, Occupant } from '../../adapters/types';
import type { Session } from '../../session/session';
import type { RoomState } from '../../stores/conversation';
import { currentLocale, t } from '../../i18n/catalogue';
import { nickColorCss } from '../../markup/nick-color';
import { clip } from '../../markup/bounded-text';
import { presenceText, sessionFor } from '../shared/session-binding';
import { Avatar } from '../shared/avatar';
import { VirtualFocus, positionOf } from '../shared/roving-focus';
import { peopleError } from '../shared/people-errors';
import { errorMessage } from '../../session/errors';
import { TextField } from '../shared/text-field';
import type { NatterOccupantsPrivateMessageDetail } from './natter-occupants-interface';
import { FilterBox } from '../shared/filter-box';
import { VirtualList, type VirtualItem } from '../shared/virtual-list';
import { flattenGroups, renderedGroups, type EntryRow, type GroupedRows, type SourceGroup } from '../shared/grouped-rows';
import { memoLast } from '../shared/memo';


const ROLES = ['moderator', 'participant', 'visitor'] as const;
type ListedRole = (typeof ROLES)[number];

const AFFILIATION_RANK: Record<Affiliation, number> = { outcast: 0, none: 1, member: 2, admin: 3, owner: 4 };

/** Affiliations worth a badge (`none` gets none; outcasts are never in the room). */
const BADGE: Partial<Record<Affiliation, 'occupants.affiliation.owner' | 'occupants.affiliation.admin' | 'occupants.affiliation.member'>> = {
  owner: 'occupants.affiliation.owner',
  admin: 'occupants.affiliation.admin',
  member: 'occupants.affiliation.member',
};

/** Dot colour classes; the text next to the dot always says the same. */
const DOT_CLASS: Record<Exclude<Availability, 'offline'>, string> = { chat: 'online', online: 'online', away: 'away', xa: 'away', dnd: 'dnd' };

/** First guesses of row heights in px; rows are measured once rendered. */
const HEADING_PX = 33;
const OCCUPANT_PX = 28;

interface Entry {
  occupant: Occupant;
  /** Nick and real JID, lower-cased once, for the filter. */
  search: string;
}

/** Occupants sorted into role groups, once per change of the occupants record (or the locale). */
interface Sorted {
  groups: SourceGroup<ListedRole, Entry>[];
  total: number;
}

type OccupantRows = GroupedRows<ListedRole, Entry>;

type Moderation = 'kick' | 'ban' | 'block';

interface Permissions {
  kick: boolean;
  voice: boolean;
  ban: boolean;
}

/** After a render: a row by nick, the focusable row at a place (where a kicked occupant was), or the reason field. */
type FocusTarget = { kind: 'row'; nick: string } | { kind: 'row-at'; position: number } | { kind: 'reason' };

const NO_PERMISSIONS: Permissions = { kick: false, voice: false, ban: false };

/**
 * What we may do to `target` (XEP-0045 §8, §9): a moderator kicks and gives or
 * takes voice, but not from admins or owners (nor voice from moderators); an
 * admin or owner bans people of a lower affiliation, which needs their real JID.
 */
function permissionsOver(self: Occupant | undefined, target: Occupant): Permissions {
  if (!self || self.nick === target.nick || self.role !== 'moderator') return NO_PERMISSIONS;
  const targetRank = AFFILIATION_RANK[target.affiliation];
  const shielded = targetRank >= AFFILIATION_RANK.admin;
  return {
    kick: !shielded,
    voice: !shielded && target.role !== 'moderator',
    ban: !!target.jid && AFFILIATION_RANK[self.affiliation] >= AFFILIATION_RANK.admin && targetRank < AFFILIATION_RANK[self.affiliation],
  };
}

/** Groups and sorts the occupants with plain loops. */
function sortOccupants(occupants: Record<string, Occupant>, locale: string | undefined): Sorted {
  const groups: Record<ListedRole, Entry[]> = { moderator: [], participant: [], visitor: [] };
  let total = 0;
  for (const nick in occupants) {
    const occupant = occupants[nick];
    if (occupant.role === 'none') continue;
    total++;
    groups[occupant.role].push({ occupant, search: (occupant.jid ? `${occupant.nick}\n${occupant.jid}` : occupant.nick).toLocaleLowerCase(locale) });
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const byNick = (a: Entry, b: Entry) => collator.compare(a.occupant.nick, b.occupant.nick) || (a.occupant.nick < b.occupant.nick ? -1 : 1);
  for (const role of ROLES) groups[role].sort(byNick);
  // A nick has no NUL, so a heading's key is never a nick.
  return { groups: ROLES.map(role => ({ key: `\u0000${role}`, group: role, entries: groups[role] })), total };
}

/** The list's rows: a heading per role, a row per occupant that matches `needle` (lower-cased); our own row takes no focus. */
function listRows(sorted: Sorted, needle: string, selfNick: string | undefined): OccupantRows {
  return flattenGroups(sorted.groups, {
    entryKey: entry => entry.occupant.nick,
    matches: needle ? entry => entry.search.includes(needle) : undefined,
    takesFocus: entry => entry.occupant.nick !== selfNick,
    entryLabel: entry => entry.occupant.nick,
  });
}

const NO_OCCUPANTS: Record<string, Occupant> = {};



/**
 * The people in a room (the MUC sidebar): occupants grouped into Moderators,
 * Participants and Visitors with a count each, every one with their nick in its
 * XEP-0392 colour, an affiliation badge (Owner, Admin, Member), presence as
 * text and "(you)" on our own row. A total count heads the list; the filter box
 * matches nicks and, where the room shows them, real JIDs.
 *
 * Each row (except our own) is a button that discloses the occupant's actions:
 * "Private message" (emits the cancelable `natterOccupantsPrivateMessage`, then
 * opens the private conversation), and for moderators Kick, Grant / Revoke voice
 * and Ban (admins and owners, when the occupant's real JID is known). Kick and
 * Ban ask for confirmation with an optional reason first; failures show in an
 * alert. Keyboard: the rows are one tab stop (Up/Down/Home/End/PageUp/PageDown
 * move, letters move to the next nick starting with them, Enter or Space opens the actions, Tab reaches them, Escape closes them).
 *
 * Large rooms: the list is virtual, only the rows in view (and a few more) are
 * in the DOM, each saying its place in its group (`aria-posinset` of
 * `aria-setsize`). Grouping, sorting and lower-casing for the filter run once
 * per change of the occupant list, with plain loops.
 *
 * @part base - The component's root.
 * @part header - The title and the total count.
 * @part title - The "In this room" heading.
 * @part count - The total number of occupants ("20 people").
 * @part filter - The filter `<input>`.
 * @part list - The scrolling container of the role groups.
 * @part group - One role group (Moderators, Participants, Visitors); only its rows in view are in the DOM.
 * @part group-label - A group's heading with its count.
 * @part item - One occupant row (a `<button>`, or a plain element for our own row).
 * @part avatar - The occupant's avatar (their picture where the room shows their address, else their initial); decorative.
 * @part avatar-image - The picture in it, when there is one.
 * @part nick - The occupant's nick, in its XEP-0392 colour.
 * @part you - "(you)" on our own row.
 * @part affiliation - The affiliation badge (Owner, Admin, Member).
 * @part presence - Presence as text with a coloured dot.
 * @part presence-dot - The coloured presence dot.
 * @part actions - The disclosed actions of one occupant.
 * @part action-button - An action (Private message, Kick, Voice, Ban, Block, confirm, cancel). Block (where
 *   the server has XEP-0191) blocks the occupant's real JID when the room shows it, else its occupant
 *   address; after confirmation their messages no longer show.
 * @part confirm - The confirmation form of a kick or ban.
 * @part field - The reason field of the confirmation.
 * @part label - The reason field's label.
 * @part input - The reason input.
 * @part error - The alert saying an action failed.
 * @part empty - The joining / not joined / empty / no-match notice.
 */
// Its CSS custom properties are documented at the top of natter-occupants.css, where Stencil reads them.
@Component({ tag: 'natter-occupants', styleUrl: 'natter-occupants.css', shadow: true })
export class NatterOccupants {
  private focusAfterRender: FocusTarget | null = null;
  private reasonInput?: HTMLInputElement;
  private readonly sorted = memoLast(sortOccupants);
  private readonly listed = memoLast(listRows);
  /** The rows of the last render: what the list's indexes and key presses refer to. */
  private rows: OccupantRows = listRows({ groups: [], total: 0 }, '', undefined);
  private readonly list = new VirtualList({
    host: this,
    estimateSize: index => (this.rows.rows[index]?.kind === 'heading' ? HEADING_PX : OCCUPANT_PX),
  });
  private readonly rowFocus = new VirtualFocus(this, this.list, index => this.el.shadowRoot?.querySelector<HTMLElement>(`[data-index="${index}"] > button.item`) ?? null);

  @Element() el!: HTMLElement;

  /** Text of the filter box. */
  @State() filter = '';
  /** The occupant whose actions are disclosed. */
  @State() openNick: string | null = null;
  /** A kick or ban waiting for confirmation. */
  @State() confirming: { nick: string; action: Moderation } | null = null;
  /** A moderation request is under way (its buttons are disabled meanwhile). */
  @State() busy = false;
  @State() failure: { nick: string; text: string } | null = null;

  /** The session whose room is shown; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  /** The room's bare JID, e.g. `lounge@conference.example.org`. */
  @Prop() room!: Jid;

  @Watch('room')
  roomChanged() {
    this.openNick = null;
    this.confirming = null;
    this.failure = null;
    this.rowFocus.reset();
    // Another room's people are read from the top.
    this.list.scrollToIndex(0, 'start');
  }

  /**
   * Emitted when the user picks "Private message". Cancelable: `preventDefault()`
   * keeps the sidebar from calling `session.actions.openPrivateChat(room, nick)`.
   */
  @Event({ eventName: 'natterOccupantsPrivateMessage', cancelable: true, bubbles: true, composed: true })
  natterOccupantsPrivateMessage!: EventEmitter<NatterOccupantsPrivateMessageDetail>;

  componentDidRender() {
    this.list.didRender();
    this.rowFocus.didRender();
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    if (target.kind === 'reason') {
      // A block asks no reason: its confirm button takes the focus.
      (this.reasonInput ?? this.el.shadowRoot?.querySelector<HTMLElement>('[part="confirm"] button[type="submit"]'))?.focus();
      return;
    }
    const { focusable, indexOf } = this.rows;
    const index = target.kind === 'row' ? indexOf.get(target.nick) : focusable[Math.min(target.position, focusable.length - 1)];
    if (index !== undefined) this.rowFocus.focus(this.rows, index);
    else this.el.shadowRoot?.querySelector<HTMLInputElement>('input.filter')?.focus();
  }

  disconnectedCallback() {
    this.list.disconnect();
  }

  private handleListKeyDown = (event: KeyboardEvent) => {
    this.rowFocus.keyDown(event, this.rows);
  };

  private handleItemFocus = (event: FocusEvent) => {
    const nick = (event.currentTarget as HTMLElement).getAttribute('data-nick');
    if (nick !== null) this.rowFocus.focused(nick);
  };

  private handleItemClick = (event: MouseEvent) => {
    const nick = (event.currentTarget as HTMLElement).getAttribute('data-nick');
    if (nick === null) return;
    // Not every browser focuses a clicked button: the clicked row is the tab stop all the same.
    this.rowFocus.focused(nick);
    const opening = this.openNick !== nick;
    this.openNick = opening ? nick : null;
    this.confirming = null;
    if (this.failure?.nick !== nick || !opening) this.failure = null;
  };

  private handleFilterInput = (event: Event) => {
    this.filter = (event.target as HTMLInputElement).value;
    // The matches are read from the top.
    this.list.scrollToIndex(0, 'start');
  };

  private handleFilterKeyDown = (event: KeyboardEvent) => {
    this.rowFocus.enterFromAbove(event, this.rows);
  };

  private handlePanelKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.openNick) return;
    event.preventDefault();
    event.stopPropagation();
    const nick = this.openNick;
    if (this.confirming) this.confirming = null;
    else this.openNick = null;
    this.focusAfterRender = { kind: 'row', nick };
  };

  private closePanel(nick: string) {
    this.openNick = null;
    this.confirming = null;
    this.focusAfterRender = { kind: 'row', nick };
  }

  private privateMessage(nick: string) {
    const room = this.room;
    if (this.natterOccupantsPrivateMessage.emit({ room, nick }).defaultPrevented) return;
    sessionFor(this.el, this.session).actions.openPrivateChat(room, nick);
    this.closePanel(nick);
  }

  private askToConfirm(nick: string, action: Moderation) {
    this.failure = null;
    this.confirming = { nick, action };
    this.reasonInput = undefined;
    this.focusAfterRender = { kind: 'reason' };
  }

  private cancelConfirm = () => {
    const nick = this.confirming?.nick;
    this.confirming = null;
    if (nick) this.focusAfterRender = { kind: 'row', nick };
  };

  /** The place of `nick` among the focusable rows, so focus can stay in place when the row goes away. */
  private focusPositionOf(nick: string): number {
    const index = this.rows.indexOf.get(nick);
    return index === undefined ? 0 : Math.max(0, positionOf(this.rows.focusable, index));
  }

  private handleConfirmSubmit = async (event: Event) => {
    event.preventDefault();
    const confirming = this.confirming;
    if (!confirming || this.busy) return;
    const session = sessionFor(this.el, this.session);
    const occupant = session.conversation(this.room).get('occupants')[confirming.nick];
    const reason = this.reasonInput?.value.trim() || undefined;
    const position = this.focusPositionOf(confirming.nick);
    this.busy = true;
    this.failure = null;
    try {
      if (confirming.action === 'kick') await session.actions.kick(this.room, confirming.nick, reason);
      else if (confirming.action === 'block') await session.actions.block(occupant?.jid ?? `${this.room}/${confirming.nick}`);
      else if (occupant?.jid) await session.actions.setAffiliation(this.room, occupant.jid, 'outcast', reason);
      this.confirming = null;
      this.openNick = null;
      this.focusAfterRender = { kind: 'row-at', position };
    } catch (error) {
      if (confirming.action === 'block') {
        this.failure = { nick: confirming.nick, text: t('block.failed', { name: confirming.nick, reason: peopleError(error) }) };
        return;
      }
      const key = confirming.action === 'kick' ? 'occupants.kickFailed' : 'occupants.banFailed';
      this.failure = { nick: confirming.nick, text: t(key, { nick: confirming.nick, reason: errorMessage(error) }) };
    } finally {
      this.busy = false;
    }
  };

  private async toggleVoice(occupant: Occupant) {
    if (this.busy) return;
    this.busy = true;
    this.failure = null;
    try {
      await sessionFor(this.el, this.session).actions.setRole(this.room, occupant.nick, occupant.role === 'visitor' ? 'participant' : 'visitor');
    } catch (error) {
      this.failure = { nick: occupant.nick, text: t('occupants.voiceFailed', { nick: occupant.nick, reason: errorMessage(error) }) };
    } finally {
      this.busy = false;
    }
  }

  private renderActions(occupant: Occupant, permissions: Permissions) {
    const nick = occupant.nick;
    const blocking = sessionFor(this.el, this.session).connection.get('features')?.blocking === true;
    const confirming = this.confirming?.nick === nick ? this.confirming : null;
    const failure = this.failure?.nick === nick ? this.failure.text : null;
    return (
      <div part="actions" class="actions" id="actions-panel" role="group" aria-label={t('occupants.actionsFor', { nick })} onKeyDown={this.handlePanelKeyDown}>
        {confirming ? (
          <form part="confirm" class="confirm" noValidate aria-labelledby="confirm-text" onSubmit={this.handleConfirmSubmit}>
            <p class="confirm-text" id="confirm-text">
              {confirming.action === 'block' ? t('block.confirmOccupant', { name: nick }) : t(confirming.action === 'kick' ? 'occupants.confirmKick' : 'occupants.confirmBan', { nick })}
            </p>
            {confirming.action !== 'block' ? <TextField id="confirm-reason" name="reason" label={t('occupants.reason')} autocomplete="off" ref={element => (this.reasonInput = element)} /> : null}
            <div class="buttons">
              <button part="action-button" class="button danger" type="submit" disabled={this.busy} aria-busy={this.busy ? 'true' : 'false'}>
                {confirming.action === 'block' ? t('block.confirm') : t(confirming.action === 'kick' ? 'occupants.kick' : 'occupants.ban')}
              </button>
              <button part="action-button" class="button secondary" type="button" onClick={this.cancelConfirm}>
                {t('occupants.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div class="buttons">
            <button part="action-button" class="button secondary" type="button" data-action="private-message" onClick={() => this.privateMessage(nick)}>
              {t('occupants.privateMessage')}
            </button>
            {permissions.voice ? (
              <button part="action-button" class="button secondary" type="button" data-action="voice" disabled={this.busy} onClick={() => this.toggleVoice(occupant)}>
                {t(occupant.role === 'visitor' ? 'occupants.grantVoice' : 'occupants.revokeVoice')}
              </button>
            ) : null}
            {permissions.kick ? (
              <button part="action-button" class="button secondary danger-text" type="button" data-action="kick" onClick={() => this.askToConfirm(nick, 'kick')}>
                {t('occupants.kick')}
              </button>
            ) : null}
            {blocking ? (
              <button part="action-button" class="button secondary danger-text" type="button" data-action="block" onClick={() => this.askToConfirm(nick, 'block')}>
                {t('block.action')}
              </button>
            ) : null}
            {permissions.ban ? (
              <button part="action-button" class="button secondary danger-text" type="button" data-action="ban" onClick={() => this.askToConfirm(nick, 'ban')}>
                {t('occupants.ban')}
              </button>
            ) : null}
          </div>
        )}
        {failure ? (
          <p part="error" class="error" role="alert">
            {failure}
          </p>
        ) : null}
      </div>
    );
  }

  private renderRow(item: VirtualItem, row: EntryRow<Entry>, room: RoomState, tabStop: number) {
    const occupant = row.entry.occupant;
    const nick = occupant.nick;
    const isSelf = nick === room.nick;
    const badge = BADGE[occupant.affiliation];
    const session = sessionFor(this.el, this.session);
    // By the real JID where the room shows it (ours always); else only the initial.
    const jid = isSelf ? session.ownJid() ?? undefined : occupant.jid;
    const content = [
      <Avatar session={session} jid={jid} name={nick} />,
      <span part="nick" class="nick" dir="auto" style={{ color: nickColorCss(nick) }}>
        {clip(nick)}
      </span>,
      isSelf ? ' ' : null,
      isSelf ? (
        <span part="you" class="you">
          {t('occupants.you')}
        </span>
      ) : null,
      badge ? ' ' : null,
      badge ? (
        <span part="affiliation" class={`affiliation affiliation-${occupant.affiliation}`}>
          {t(badge)}
        </span>
      ) : null,
      ' ',
      <span part="presence" class="presence">
        <span part="presence-dot" class={`dot ${DOT_CLASS[occupant.show] ?? 'online'}`} aria-hidden="true"></span>
        <span class="presence-text">{presenceText({ show: occupant.show, status: occupant.status, resources: {} })}</span>
      </span>,
    ];
    const open = !isSelf && this.openNick === nick;
    return (
      <li
        class={{ row: true, open }}
        key={row.key}
        data-index={item.index}
        ref={this.list.measure}
        style={this.list.rowStyle(item)}
        aria-posinset={row.position}
        aria-setsize={row.size}
      >
        {isSelf ? (
          <div part="item" class="item self" data-nick={nick}>
            {content}
          </div>
        ) : (
          <button
            part="item"
            class="item"
            type="button"
            data-nick={nick}
            tabindex={item.index === tabStop ? 0 : -1}
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={open ? 'actions-panel' : undefined}
            onClick={this.handleItemClick}
            onFocus={this.handleItemFocus}
          >
            {content}
          </button>
        )}
        {open ? this.renderActions(occupant, permissionsOver(room.self, occupant)) : null}
      </li>
    );
  }

  private renderList(room: RoomState, rows: OccupantRows) {
    this.list.update(rows.rows.length, rows.keyOf);
    const tabStop = this.rowFocus.tabStop(rows);
    return (
      <div part="list" class="list" ref={this.list.setScrollElement} onKeyDown={this.handleListKeyDown}>
        <div class="rows" style={this.list.containerStyle()}>
          {renderedGroups(this.list.items(), rows.rows).map(({ heading, headingItem, entries }) => {
            const label = t('occupants.group', { group: t(`occupants.role.${heading.group}`), count: heading.size });
            return (
              <div part="group" class="group" role="group" aria-label={label} key={heading.key}>
                {headingItem ? (
                  <h3 part="group-label" class="group-label" data-index={headingItem.index} ref={this.list.measure} style={this.list.rowStyle(headingItem)}>
                    {label}
                  </h3>
                ) : null}
                {entries.length > 0 ? <ul class="items">{entries.map(({ item, row }) => this.renderRow(item, row, room, tabStop))}</ul> : null}
              </div>
            );
          })}
        </div>
      </div>
    );
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const store = this.room ? session.conversation(this.room) : null;
    const room = store?.get('room') ?? null;
    const locale = currentLocale();
    const sorted = this.sorted(store?.get('occupants') ?? NO_OCCUPANTS, locale);
    const rows = this.listed(sorted, this.filter.trim().toLocaleLowerCase(locale), room?.nick);
    this.rows = rows;
    const inRoom = room !== null && (room.status === 'joined' || room.status === 'joining');

    let notice: string | null = null;
    if (!room || !inRoom) notice = t('occupants.notJoined');
    else if (sorted.total === 0) notice = room.status === 'joining' ? t('room.joining') : t('occupants.empty');
    else if (rows.entryCount === 0) notice = t('occupants.noMatch', { filter: this.filter.trim() });

    return (
      <div part="base" class="base">
        <div part="header" class="header">
          <h2 part="title" class="title">{t('occupants.title')}</h2>
          {inRoom && sorted.total > 0 ? (
            <span part="count" class="count">
              {t('room.occupants', { count: sorted.total })}
            </span>
          ) : null}
        </div>
        <FilterBox label={t('occupants.filter')} value={this.filter} onInput={this.handleFilterInput} onKeyDown={this.handleFilterKeyDown} />
        <p part="empty" class="notice" role="status">
          {notice}
        </p>
        {room && inRoom && rows.entryCount > 0 ? this.renderList(room, rows) : null}
      </div>
    );
  }
}
