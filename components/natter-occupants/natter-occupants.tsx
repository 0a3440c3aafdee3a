import { Component, Element, Event, EventEmitter, Prop, State, Watch, h } from '@stencil/core';
import type { Affiliation, Availability, Jid, Occupant } from '../../adapters/types';
import type { Session } from '../../session/session';
import type { RoomState } from '../../stores/conversation';
import { currentLocale, t } from '../../i18n/catalogue';
import { nickColorCss } from '../../markup/nick-color';
import { presenceText, sessionFor } from '../shared/session-binding';
import { moveFocus } from '../shared/roving-focus';
import { errorMessage } from '../../session/errors';
import { TextField } from '../shared/text-field';
import type { NatterOccupantsPrivateMessageDetail } from './natter-occupants-interface';
import { OCCUPANTS_PAGE_SIZE } from './resources';
import { FilterBox } from '../shared/filter-box';


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

interface Entry {
  occupant: Occupant;
  /** Nick and real JID, lower-cased once, for the filter. */
  search: string;
}

type Groups = Record<ListedRole, Entry[]>;

/** Occupants sorted into role groups, kept until the occupants record (or the locale) changes. */
interface Sorted {
  occupants: Record<string, Occupant>;
  locale: string | undefined;
  groups: Groups;
  total: number;
}

type Moderation = 'kick' | 'ban';

interface Permissions {
  kick: boolean;
  voice: boolean;
  ban: boolean;
}

type FocusTarget = { kind: 'row'; nick: string } | { kind: 'row-at'; index: number } | { kind: 'reason' };

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

const colourCache = new Map<string, string>();

/** nickColorCss, remembered: it hashes and searches for contrast, and rows re-render often. */
function nickColour(nick: string): string {
  let colour = colourCache.get(nick);
  if (colour === undefined) {
    if (colourCache.size >= 10_000) colourCache.clear();
    colour = nickColorCss(nick);
    colourCache.set(nick, colour);
  }
  return colour;
}


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
 * alert. Keyboard: the rows are one tab stop (Up/Down/Home/End move, Enter or
 * Space opens the actions, Tab reaches them, Escape closes them).
 *
 * Large rooms: grouping and sorting run once per change of the occupant list,
 * with plain loops; each group renders at most 200 rows, then a "Show N more"
 * button (a window until the scale issue adds virtualization).
 *
 * @part base - The component's root.
 * @part header - The title and the total count.
 * @part count - The total number of occupants ("20 people").
 * @part filter - The filter `<input>`.
 * @part list - The container of the role groups.
 * @part group - One role group (Moderators, Participants, Visitors).
 * @part group-label - A group's heading with its count.
 * @part item - One occupant row (a `<button>`, or a plain element for our own row).
 * @part nick - The occupant's nick, in its XEP-0392 colour.
 * @part you - "(you)" on our own row.
 * @part affiliation - The affiliation badge (Owner, Admin, Member).
 * @part presence - Presence as text with a coloured dot.
 * @part actions - The disclosed actions of one occupant.
 * @part action-button - An action (Private message, Kick, Voice, Ban, confirm, cancel).
 * @part confirm - The confirmation form of a kick or ban.
 * @part field - The reason field of the confirmation.
 * @part label - The reason field's label.
 * @part input - The reason input.
 * @part error - The alert saying an action failed.
 * @part show-more - The "Show N more" button of a long group.
 * @part empty - The joining / not joined / empty / no-match notice.
 *
 * @prop --natter-occupants-bg - Background. Falls back to `--natter-color-bg`.
 * @prop --natter-occupants-text - Text colour. Falls back to `--natter-color-text`.
 * @prop --natter-occupants-muted - Secondary text (presence, counts, labels). Falls back to `--natter-color-muted`.
 * @prop --natter-occupants-border - Borders and dividers. Falls back to `--natter-color-border`.
 * @prop --natter-occupants-hover-bg - Background of a hovered or open row. Falls back to `--natter-color-surface`.
 * @prop --natter-occupants-accent - Buttons and focus ring. Falls back to `--natter-color-accent`.
 * @prop --natter-occupants-on-accent - Text on accent buttons. Falls back to `--natter-color-on-accent`.
 * @prop --natter-occupants-danger - Kick / Ban confirmation and errors. Falls back to `--natter-color-danger`.
 * @prop --natter-occupants-badge-bg - Background of the affiliation badge. Falls back to `--natter-color-surface`.
 * @prop --natter-occupants-online - Dot for online / free to chat. Falls back to `--natter-color-online`.
 * @prop --natter-occupants-away - Dot for away. Falls back to `--natter-color-away`.
 * @prop --natter-occupants-dnd - Dot for do not disturb. Falls back to `--natter-color-dnd`.
 * @prop --natter-occupants-gap - Spacing inside the component. Falls back to `--natter-space-2`.
 * @prop --natter-occupants-radius - Corner radius. Falls back to `--natter-radius`.
 * @prop --natter-occupants-font-family - Font. Falls back to `--natter-font-family`.
 * @prop --natter-occupants-font-size - Base font size. Falls back to `--natter-font-size`.
 */
@Component({ tag: 'natter-occupants', styleUrl: 'natter-occupants.css', shadow: true })
export class NatterOccupants {
  private sorted?: Sorted;
  /** The row that takes Tab focus (roving tabindex); kept outside state so moving focus does not re-render thousands of rows. */
  private focusNick: string | null = null;
  private focusAfterRender: FocusTarget | null = null;
  private reasonInput?: HTMLInputElement;

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
  /** Rows shown per group, when more than the first page were asked for. */
  @State() limits: Partial<Record<ListedRole, number>> = {};

  /** The session whose room is shown; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  /** The room's bare JID, e.g. `lounge@conference.example.org`. */
  @Prop() room!: Jid;

  @Watch('room')
  roomChanged() {
    this.openNick = null;
    this.confirming = null;
    this.failure = null;
    this.limits = {};
    this.focusNick = null;
  }

  /**
   * Emitted when the user picks "Private message". Cancelable: `preventDefault()`
   * keeps the sidebar from calling `session.actions.openPrivateChat(room, nick)`.
   */
  @Event({ eventName: 'natterOccupantsPrivateMessage', cancelable: true, bubbles: true, composed: true })
  natterOccupantsPrivateMessage!: EventEmitter<NatterOccupantsPrivateMessageDetail>;

  componentDidRender() {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    if (target.kind === 'reason') {
      this.reasonInput?.focus();
      return;
    }
    const buttons = this.itemButtons();
    const button =
      target.kind === 'row' ? buttons.find(candidate => candidate.getAttribute('data-nick') === target.nick) : buttons[Math.min(target.index, buttons.length - 1)];
    (button ?? this.el.shadowRoot?.querySelector<HTMLInputElement>('input.filter'))?.focus();
  }

  private itemButtons(): HTMLButtonElement[] {
    return Array.from(this.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.item') ?? []);
  }

  private handleListKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (!target.classList?.contains('item')) return;
    moveFocus(event, this.itemButtons());
  };

  /** Moves the roving tab stop without a render: only two attributes change. */
  private handleItemFocus = (event: FocusEvent) => {
    const button = event.currentTarget as HTMLButtonElement;
    const nick = button.getAttribute('data-nick');
    if (nick === null || nick === this.focusNick) return;
    for (const other of Array.from(this.el.shadowRoot?.querySelectorAll('button.item[tabindex="0"]') ?? [])) {
      if (other !== button) other.setAttribute('tabindex', '-1');
    }
    button.setAttribute('tabindex', '0');
    this.focusNick = nick;
  };

  private handleItemClick = (event: MouseEvent) => {
    const nick = (event.currentTarget as HTMLElement).getAttribute('data-nick');
    if (nick === null) return;
    this.focusNick = nick;
    const opening = this.openNick !== nick;
    this.openNick = opening ? nick : null;
    this.confirming = null;
    if (this.failure?.nick !== nick || !opening) this.failure = null;
  };

  private handleFilterInput = (event: Event) => {
    this.filter = (event.target as HTMLInputElement).value;
    this.limits = {};
  };

  private handleFilterKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown') return;
    const first = this.itemButtons()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  };

  private handleShowMore = (event: MouseEvent) => {
    const role = (event.currentTarget as HTMLElement).getAttribute('data-role') as ListedRole;
    this.limits = { ...this.limits, [role]: (this.limits[role] ?? OCCUPANTS_PAGE_SIZE) + OCCUPANTS_PAGE_SIZE };
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
    this.focusAfterRender = { kind: 'reason' };
  }

  private cancelConfirm = () => {
    const nick = this.confirming?.nick;
    this.confirming = null;
    if (nick) this.focusAfterRender = { kind: 'row', nick };
  };

  /** The row index of `nick` among the item buttons, so focus can stay in place when the row goes away. */
  private rowIndexOf(nick: string): number {
    return Math.max(
      0,
      this.itemButtons().findIndex(button => button.getAttribute('data-nick') === nick),
    );
  }

  private handleConfirmSubmit = async (event: Event) => {
    event.preventDefault();
    const confirming = this.confirming;
    if (!confirming || this.busy) return;
    const session = sessionFor(this.el, this.session);
    const occupant = session.conversation(this.room).get('occupants')[confirming.nick];
    const reason = this.reasonInput?.value.trim() || undefined;
    const index = this.rowIndexOf(confirming.nick);
    this.busy = true;
    this.failure = null;
    try {
      if (confirming.action === 'kick') await session.actions.kick(this.room, confirming.nick, reason);
      else if (occupant?.jid) await session.actions.setAffiliation(this.room, occupant.jid, 'outcast', reason);
      this.confirming = null;
      this.openNick = null;
      this.focusAfterRender = { kind: 'row-at', index };
    } catch (error) {
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

  /** Groups and sorts the occupants with plain loops, once per new occupants record. */
  private sortedGroups(occupants: Record<string, Occupant>): Sorted {
    const locale = currentLocale();
    if (this.sorted && this.sorted.occupants === occupants && this.sorted.locale === locale) return this.sorted;
    const groups: Groups = { moderator: [], participant: [], visitor: [] };
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
    this.sorted = { occupants, locale, groups, total };
    return this.sorted;
  }

  private filtered(groups: Groups): Groups {
    const needle = this.filter.trim().toLocaleLowerCase(currentLocale());
    if (!needle) return groups;
    const result: Groups = { moderator: [], participant: [], visitor: [] };
    for (const role of ROLES) {
      const source = groups[role];
      const target = result[role];
      for (let index = 0; index < source.length; index++) if (source[index].search.includes(needle)) target.push(source[index]);
    }
    return result;
  }

  private renderActions(occupant: Occupant, permissions: Permissions) {
    const nick = occupant.nick;
    const confirming = this.confirming?.nick === nick ? this.confirming : null;
    const failure = this.failure?.nick === nick ? this.failure.text : null;
    return (
      <div part="actions" class="actions" id="actions-panel" role="group" aria-label={t('occupants.actionsFor', { nick })} onKeyDown={this.handlePanelKeyDown}>
        {confirming ? (
          <form part="confirm" class="confirm" noValidate aria-labelledby="confirm-text" onSubmit={this.handleConfirmSubmit}>
            <p class="confirm-text" id="confirm-text">
              {t(confirming.action === 'kick' ? 'occupants.confirmKick' : 'occupants.confirmBan', { nick })}
            </p>
            <TextField id="confirm-reason" name="reason" label={t('occupants.reason')} autocomplete="off" ref={element => (this.reasonInput = element)} />
            <div class="buttons">
              <button part="action-button" class="button danger" type="submit" disabled={this.busy} aria-busy={this.busy ? 'true' : 'false'}>
                {t(confirming.action === 'kick' ? 'occupants.kick' : 'occupants.ban')}
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

  private renderRow(entry: Entry, room: RoomState, tabbable: string | null) {
    const occupant = entry.occupant;
    const nick = occupant.nick;
    const isSelf = nick === room.nick;
    const badge = BADGE[occupant.affiliation];
    const content = [
      <span part="nick" class="nick" style={{ color: nickColour(nick) }}>
        {nick}
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
        <span class={`dot ${DOT_CLASS[occupant.show] ?? 'online'}`} aria-hidden="true"></span>
        <span class="presence-text">{presenceText({ show: occupant.show, status: occupant.status, resources: {} })}</span>
      </span>,
    ];
    if (isSelf) {
      return (
        <li class="row" key={nick}>
          <div part="item" class="item self" data-nick={nick}>
            {content}
          </div>
        </li>
      );
    }
    const open = this.openNick === nick;
    return (
      <li class={{ row: true, open }} key={nick}>
        <button
          part="item"
          class="item"
          type="button"
          data-nick={nick}
          tabindex={nick === tabbable ? 0 : -1}
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={open ? 'actions-panel' : undefined}
          onClick={this.handleItemClick}
          onFocus={this.handleItemFocus}
        >
          {content}
        </button>
        {open ? this.renderActions(occupant, permissionsOver(room.self, occupant)) : null}
      </li>
    );
  }

  private renderList(room: RoomState, groups: Groups) {
    const shown: Record<ListedRole, Entry[]> = { moderator: [], participant: [], visitor: [] };
    let tabbable: string | null = null;
    let focusVisible = false;
    for (const role of ROLES) {
      const limit = this.limits[role] ?? OCCUPANTS_PAGE_SIZE;
      const entries = groups[role];
      shown[role] = entries.length > limit ? entries.slice(0, limit) : entries;
      for (const entry of shown[role]) {
        if (entry.occupant.nick === room.nick) continue;
        if (tabbable === null) tabbable = entry.occupant.nick;
        if (entry.occupant.nick === this.focusNick) focusVisible = true;
      }
    }
    if (focusVisible) tabbable = this.focusNick;
    // The render and the DOM agree on the tab stop from here on.
    this.focusNick = tabbable;

    return (
      <div part="list" class="list" onKeyDown={this.handleListKeyDown}>
        {ROLES.map(role => {
          const entries = groups[role];
          if (entries.length === 0) return null;
          const hidden = entries.length - shown[role].length;
          const labelId = `group-${role}`;
          return (
            <div part="group" class="group" role="group" aria-labelledby={labelId} key={role}>
              <h3 part="group-label" class="group-label" id={labelId}>
                {t('occupants.group', { group: t(`occupants.role.${role}`), count: entries.length })}
              </h3>
              <ul class="items">{shown[role].map(entry => this.renderRow(entry, room, tabbable))}</ul>
              {hidden > 0 ? (
                <button part="show-more" class="button secondary show-more" type="button" data-role={role} onClick={this.handleShowMore}>
                  {t('occupants.showMore', { count: Math.min(hidden, OCCUPANTS_PAGE_SIZE) })}
                </button>
              ) : null}
            </div>
          );
        })}
      </div>
    );
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const store = this.room ? session.conversation(this.room) : null;
    const room = store?.get('room') ?? null;
    const occupants = store?.get('occupants') ?? {};
    const { groups, total } = this.sortedGroups(occupants);
    const visible = this.filtered(groups);
    const matches = visible.moderator.length + visible.participant.length + visible.visitor.length;
    const inRoom = room !== null && (room.status === 'joined' || room.status === 'joining');

    let notice: string | null = null;
    if (!room || !inRoom) notice = t('occupants.notJoined');
    else if (total === 0) notice = room.status === 'joining' ? t('room.joining') : t('occupants.empty');
    else if (matches === 0) notice = t('occupants.noMatch', { filter: this.filter.trim() });

    return (
      <div part="base" class="base">
        <div part="header" class="header">
          <h2 class="title">{t('occupants.title')}</h2>
          {inRoom && total > 0 ? (
            <span part="count" class="count">
              {t('room.occupants', { count: total })}
            </span>
          ) : null}
        </div>
        <FilterBox label={t('occupants.filter')} value={this.filter} onInput={this.handleFilterInput} onKeyDown={this.handleFilterKeyDown} />
        <p part="empty" class="notice" role="status">
          {notice}
        </p>
        {room && inRoom && matches > 0 ? this.renderList(room, visible) : null}
      </div>
    );
  }
}
