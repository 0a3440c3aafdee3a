import { Component, Element, Event, EventEmitter, Prop, State, h } from '@stencil/core';
import { RequestError, RoomError, type AffiliationItem, type DataFormDefinition, type FormField } from '../../adapters/types';
import { checkForm, type FieldProblem } from '../../adapters/form-check';
import { looksLikeJid } from '../../adapters/jid-shape';
import type { Session } from '../../session/session';
import type { RoomState } from '../../stores/conversation';
import { t } from '../../i18n/catalogue';
import { errorMessage } from '../../session/errors';
import { sessionFor } from '../shared/session-binding';
import { roomErrorText, roomName } from '../shared/room-text';
import { TextField } from '../shared/text-field';
import { roomPowers, type ListedAffiliation } from './powers';

type Busy = 'subject' | 'nick' | 'invite' | 'list' | 'add' | 'remove' | 'config' | 'save' | 'destroy' | null;

/** Longest peer text shown (a server's label, a reason, a nick): the rest is cut. */
const MAX_SHOWN = 500;

function clip(text: string | undefined, max = MAX_SHOWN): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** What a refusal says, in the catalogue's words where it has them, with the server's own text. */
function refusalText(error: unknown): string {
  if (error instanceof RoomError) return roomErrorText(error.code, error.message);
  if (error instanceof RequestError) {
    const key = `roomSettings.refused.${error.condition}` as 'roomSettings.refused.forbidden';
    const known = t(key);
    const base = known === key ? t('roomSettings.refused', { condition: clip(error.condition, 60) }) : known;
    return error.text ? t('roomSettings.refusedText', { text: base, detail: clip(error.text) }) : base;
  }
  return t('roomSettings.failed', { reason: clip(errorMessage(error), 200) });
}

/**
 * The administration panel of a room: set the subject, change your nick, invite someone (and
 * see who declined), and as an admin or owner manage the members, admins, owners and outcasts,
 * edit the room's configuration (the form the server sends, whatever its fields) and destroy
 * the room. Only what your affiliation and role allow is offered (XEP-0045 §8-§10).
 *
 * It is a labelled region with a heading that takes the focus when it opens, one heading per
 * section, labelled fields, and a status region that reads each result or refusal. Escape or
 * Close emits `natterRoomSettingsClose` (the chatbox then puts the focus back on its button).
 * Everything a server or a peer wrote (labels, reasons, nicks) is shown as text, cut when long.
 *
 * @part base - The panel.
 * @part title - Its heading (focused on open).
 * @part close-button - Closes the panel.
 * @part section - One section (subject, nick, invite, lists, configuration, destroy).
 * @part section-title - A section's heading.
 * @part field - A labelled field; with `label`, `input`, `hint` and `error` inside.
 * @part label - A field's label.
 * @part input - A text field, a select or a text area.
 * @part hint - A field's help text (a form field's description).
 * @part error - A field's validation message.
 * @part button - An action button.
 * @part danger-button - Destroying the room, and removing someone from a list.
 * @part declines - The declined invitations.
 * @part decline - One declined invitation.
 * @part affiliation-list - The entries of the chosen list.
 * @part affiliation-item - One entry (address, nick, reason, Remove).
 * @part config-form - The configuration form.
 * @part fixed - A fixed text of the configuration form.
 * @part destroy-form - The confirmation of destroying the room.
 * @part status - The live region with the last result or refusal.
 */
// Its CSS custom properties are documented at the top of natter-room-settings.css.
@Component({ tag: 'natter-room-settings', styleUrl: 'natter-room-settings.css', shadow: true })
export class NatterRoomSettings {
  private titleElement?: HTMLElement;
  private configTitle?: HTMLElement;

  @Element() el!: HTMLElement;

  @State() subject = '';
  @State() subjectEdited = false;
  @State() nick = '';
  @State() nickError = '';
  @State() inviteJid = '';
  @State() inviteReason = '';
  @State() inviteError = '';
  @State() listShown: ListedAffiliation = 'member';
  @State() listItems: AffiliationItem[] | null = null;
  @State() addJid = '';
  @State() addReason = '';
  @State() addError = '';
  @State() config: DataFormDefinition | null = null;
  @State() configProblems = new Map<string, FieldProblem>();
  @State() confirmingDestroy = false;
  @State() destroyReason = '';
  @State() destroyAlternate = '';
  @State() destroyError = '';
  @State() busy: Busy = null;
  /** The last result or refusal, read by the status region. */
  @State() status = '';
  @State() statusIsError = false;

  /** The room (bare JID) to administer. */
  @Prop() room!: string;

  /** The session to use. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  /** Escape or Close: the panel should go. */
  @Event() natterRoomSettingsClose!: EventEmitter<void>;

  componentDidLoad() {
    this.titleElement?.focus();
  }

  private get bound(): Session {
    return sessionFor(this.el, this.session);
  }

  private say(text: string, error = false) {
    this.status = text;
    this.statusIsError = error;
  }

  private close = () => {
    if (this.config) this.cancelConfig();
    this.natterRoomSettingsClose.emit();
  };

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (this.confirmingDestroy) {
      this.confirmingDestroy = false;
      requestAnimationFrame(() => this.el.shadowRoot?.querySelector<HTMLElement>('#destroy-open')?.focus());
      return;
    }
    this.close();
  };

  private async run(busy: Exclude<Busy, null>, work: () => Promise<void>, onError?: (text: string) => void) {
    if (this.busy) return;
    this.busy = busy;
    try {
      await work();
    } catch (error) {
      const text = refusalText(error);
      onError?.(text);
      this.say(text, true);
    } finally {
      this.busy = null;
    }
  }

  // ------------------------------------------------------------- subject, nick, invite

  private saveSubject = (event: Event) => {
    event.preventDefault();
    const subject = this.subject.trim();
    void this.run('subject', async () => {
      await this.bound.actions.setSubject(this.room, subject);
      this.subjectEdited = false;
      this.say(subject ? t('roomSettings.subjectSet', { subject: clip(subject) }) : t('roomSettings.subjectCleared'));
    });
  };

  private saveNick = (event: Event) => {
    event.preventDefault();
    const nick = this.nick.trim();
    if (!nick) {
      this.nickError = t('roomSettings.nickRequired');
      return;
    }
    this.nickError = '';
    void this.run(
      'nick',
      async () => {
        await this.bound.actions.changeNick(this.room, nick);
        this.nick = '';
        this.say(t('roomSettings.nickChanged', { nick: clip(nick) }));
      },
      text => (this.nickError = text),
    );
  };

  private sendInvite = (event: Event) => {
    event.preventDefault();
    const jid = this.inviteJid.trim();
    if (!looksLikeJid(jid, { bare: true })) {
      this.inviteError = t('roomSettings.addressInvalid');
      return;
    }
    this.inviteError = '';
    void this.run('invite', async () => {
      await this.bound.actions.invite(this.room, jid, this.inviteReason.trim() || undefined);
      this.inviteJid = '';
      this.inviteReason = '';
      this.say(t('roomSettings.invited', { jid }));
    });
  };

  // ------------------------------------------------------------- affiliation lists

  private loadList = (affiliation: ListedAffiliation) => {
    this.listShown = affiliation;
    this.listItems = null;
    void this.run('list', async () => {
      const items = await this.bound.actions.getAffiliations(this.room, affiliation);
      if (this.listShown !== affiliation) return;
      this.listItems = items;
      this.say(t('roomSettings.listLoaded', { count: items.length, list: t(`roomSettings.list.${affiliation}`) }));
    });
  };

  private addToList = (event: Event) => {
    event.preventDefault();
    const jid = this.addJid.trim();
    if (!looksLikeJid(jid, { bare: true })) {
      this.addError = t('roomSettings.addressInvalid');
      return;
    }
    this.addError = '';
    const affiliation = this.listShown;
    void this.run('add', async () => {
      await this.bound.actions.setAffiliation(this.room, jid, affiliation, this.addReason.trim() || undefined);
      this.addJid = '';
      this.addReason = '';
      this.listItems = await this.bound.actions.getAffiliations(this.room, affiliation);
      this.say(t('roomSettings.added', { jid, list: t(`roomSettings.list.${affiliation}`) }));
    });
  };

  private removeFromList(item: AffiliationItem) {
    const affiliation = this.listShown;
    void this.run('remove', async () => {
      await this.bound.actions.setAffiliation(this.room, item.jid, 'none');
      this.listItems = await this.bound.actions.getAffiliations(this.room, affiliation);
      this.say(t('roomSettings.removed', { jid: clip(item.jid), list: t(`roomSettings.list.${affiliation}`) }));
      // The removed row and its button are gone: keep the focus in the section.
      this.el.shadowRoot?.querySelector<HTMLElement>('#list-choice')?.focus();
    });
  }

  // ------------------------------------------------------------- configuration

  private openConfig = () => {
    void this.run('config', async () => {
      this.config = await this.bound.actions.getRoomConfig(this.room);
      this.configProblems = new Map();
      this.say(t('roomSettings.configLoaded'));
      requestAnimationFrame(() => this.configTitle?.focus());
    });
  };

  private cancelConfig = () => {
    if (!this.config) return;
    this.config = null;
    this.configProblems = new Map();
    this.say(t('roomSettings.configCancelled'));
    this.bound.actions.cancelRoomConfig(this.room).catch(error => console.warn('[natter] cancelling the room configuration failed:', errorMessage(error)));
    requestAnimationFrame(() => this.el.shadowRoot?.querySelector<HTMLElement>('#config-open')?.focus());
  };

  private setField(index: number, values: string[]) {
    if (!this.config) return;
    const fields = this.config.fields.slice();
    fields[index] = { ...fields[index], values };
    this.config = { ...this.config, fields };
  }

  private saveConfig = (event: Event) => {
    event.preventDefault();
    const form = this.config;
    if (!form) return;
    // Text areas hold one value per line; empty lines are not values.
    const cleaned: DataFormDefinition = {
      ...form,
      fields: form.fields.map(field =>
        field.type === 'text-multi' || field.type === 'jid-multi' ? { ...field, values: field.values.filter(value => value.trim().length > 0).map(value => (field.type === 'jid-multi' ? value.trim() : value)) } : field,
      ),
    };
    const problems = checkForm(cleaned);
    this.configProblems = problems;
    if (problems.size > 0) {
      this.say(t('roomSettings.configInvalid', { count: problems.size }), true);
      const first = cleaned.fields.findIndex(field => field.var !== undefined && problems.has(field.var));
      this.el.shadowRoot?.querySelector<HTMLElement>(`#cfg-${first}`)?.focus();
      return;
    }
    void this.run('save', async () => {
      await this.bound.actions.submitRoomConfig(this.room, cleaned);
      this.config = null;
      this.say(t('roomSettings.configSaved'));
      void this.bound.actions.queryRoom(this.room).catch(() => undefined);
      requestAnimationFrame(() => this.el.shadowRoot?.querySelector<HTMLElement>('#config-open')?.focus());
    });
  };

  // ------------------------------------------------------------- destroy

  private askDestroy = () => {
    this.confirmingDestroy = true;
    this.destroyError = '';
    requestAnimationFrame(() => this.el.shadowRoot?.querySelector<HTMLElement>('#destroy-reason')?.focus());
  };

  private destroy = (event: Event) => {
    event.preventDefault();
    const alternate = this.destroyAlternate.trim();
    if (alternate && !looksLikeJid(alternate, { bare: true })) {
      this.destroyError = t('roomSettings.addressInvalid');
      return;
    }
    this.destroyError = '';
    void this.run('destroy', async () => {
      await this.bound.actions.destroyRoom(this.room, { reason: this.destroyReason.trim() || undefined, alternate: alternate || undefined });
      this.confirmingDestroy = false;
      this.say(t('roomSettings.destroyed'));
    });
  };

  // ------------------------------------------------------------- rendering

  private section(id: string, title: string, content: unknown) {
    return (
      <section part="section" class="section" aria-labelledby={`${id}-title`}>
        <h3 part="section-title" class="section-title" id={`${id}-title`}>
          {title}
        </h3>
        {content}
      </section>
    );
  }

  private renderSubject(room: RoomState) {
    const value = this.subjectEdited ? this.subject : (room.subject ?? '');
    return this.section(
      'subject',
      t('roomSettings.subject'),
      <form class="form" onSubmit={this.saveSubject}>
        <TextField
          id="subject-input"
          label={t('roomSettings.subjectLabel')}
          value={value}
          maxLength={1000}
          onInput={(event: Event) => {
            this.subject = (event.target as HTMLInputElement).value;
            this.subjectEdited = true;
          }}
        />
        <button part="button" id="subject-save" class="button primary" type="submit" disabled={this.busy === 'subject'}>
          {t('roomSettings.subjectSave')}
        </button>
      </form>,
    );
  }

  private renderNick(room: RoomState) {
    return this.section(
      'nick',
      t('roomSettings.nick'),
      <form class="form" onSubmit={this.saveNick} noValidate>
        <TextField
          id="nick-input"
          label={t('roomSettings.nickLabel')}
          hint={t('roomSettings.nickCurrent', { nick: clip(room.nick, 100) })}
          value={this.nick}
          error={this.nickError}
          maxLength={200}
          onInput={(event: Event) => (this.nick = (event.target as HTMLInputElement).value)}
        />
        <button part="button" id="nick-save" class="button primary" type="submit" disabled={this.busy === 'nick'}>
          {t('roomSettings.nickSave')}
        </button>
      </form>,
    );
  }

  private renderInvite(session: Session) {
    const declines = session.rooms.get('declines').filter(decline => decline.room === this.room);
    return this.section(
      'invite',
      t('roomSettings.invite'),
      [
        <form class="form" onSubmit={this.sendInvite} noValidate>
          <TextField
            id="invite-jid"
            label={t('roomSettings.inviteAddress')}
            type="email"
            autocomplete="off"
            value={this.inviteJid}
            error={this.inviteError}
            onInput={(event: Event) => (this.inviteJid = (event.target as HTMLInputElement).value)}
          />
          <TextField
            id="invite-reason"
            label={t('roomSettings.reasonOptional')}
            value={this.inviteReason}
            maxLength={500}
            onInput={(event: Event) => (this.inviteReason = (event.target as HTMLInputElement).value)}
          />
          <button part="button" id="invite-send" class="button primary" type="submit" disabled={this.busy === 'invite'}>
            {t('roomSettings.inviteSend')}
          </button>
        </form>,
        declines.length > 0 ? (
          <ul part="declines" class="declines" aria-label={t('roomSettings.declines')}>
            {declines.map(decline => (
              <li part="decline" class="decline" key={decline.from}>
                <span dir="auto">
                  {decline.reason
                    ? t('roomSettings.declinedReason', { jid: clip(decline.from, 200), reason: clip(decline.reason) })
                    : t('roomSettings.declined', { jid: clip(decline.from, 200) })}
                </span>
                <button
                  part="button"
                  class="button secondary small"
                  type="button"
                  aria-label={t('roomSettings.dismissDecline', { jid: clip(decline.from, 200) })}
                  onClick={() => session.actions.dismissDecline(decline.room, decline.from)}
                >
                  {t('roomSettings.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        ) : null,
      ],
    );
  }

  private renderLists(lists: ListedAffiliation[]) {
    const listName = t(`roomSettings.list.${this.listShown}`);
    return this.section(
      'lists',
      t('roomSettings.lists'),
      [
        <div class="row">
          <div part="field" class="field">
            <label part="label" htmlFor="list-choice">
              {t('roomSettings.listChoice')}
            </label>
            <select
              part="input"
              id="list-choice"
              onChange={(event: Event) => (this.listShown = (event.target as HTMLSelectElement).value as ListedAffiliation)}
            >
              {lists.map(list => (
                <option value={list} selected={list === this.listShown}>
                  {t(`roomSettings.list.${list}`)}
                </option>
              ))}
            </select>
          </div>
          <button part="button" id="list-show" class="button secondary" type="button" disabled={this.busy === 'list'} onClick={() => this.loadList(this.listShown)}>
            {t('roomSettings.listShow')}
          </button>
        </div>,
        this.listItems ? (
          this.listItems.length === 0 ? (
            <p class="empty">{t('roomSettings.listEmpty', { list: listName })}</p>
          ) : (
            <ul part="affiliation-list" class="items" aria-label={listName}>
              {this.listItems.map(item => (
                <li part="affiliation-item" class="item" key={item.jid}>
                  <span class="item-text" dir="auto">
                    <bdi>{clip(item.jid, 200)}</bdi>
                    {item.nick ? <span class="muted"> ({clip(item.nick, 100)})</span> : null}
                    {item.reason ? <span class="muted"> — {clip(item.reason)}</span> : null}
                  </span>
                  <button
                    part="danger-button"
                    class="button danger small"
                    type="button"
                    disabled={this.busy === 'remove'}
                    aria-label={t('roomSettings.removeFrom', { jid: clip(item.jid, 200), list: listName })}
                    onClick={() => this.removeFromList(item)}
                  >
                    {t('roomSettings.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : null,
        <form class="form" onSubmit={this.addToList} noValidate aria-label={t('roomSettings.addTo', { list: listName })}>
          <TextField
            id="add-jid"
            label={t('roomSettings.addAddress', { list: listName })}
            type="email"
            autocomplete="off"
            value={this.addJid}
            error={this.addError}
            onInput={(event: Event) => (this.addJid = (event.target as HTMLInputElement).value)}
          />
          <TextField
            id="add-reason"
            label={t('roomSettings.reasonOptional')}
            value={this.addReason}
            maxLength={500}
            onInput={(event: Event) => (this.addReason = (event.target as HTMLInputElement).value)}
          />
          <button part="button" id="add-send" class="button primary" type="submit" disabled={this.busy === 'add'}>
            {t('roomSettings.add')}
          </button>
        </form>,
      ],
    );
  }

  private renderField(field: FormField, index: number) {
    const id = `cfg-${index}`;
    const label = clip(field.label || field.var, 200);
    const problem = field.var !== undefined ? this.configProblems.get(field.var) : undefined;
    const error = problem === 'required' ? t('roomSettings.fieldRequired') : problem === 'jid' ? t('roomSettings.fieldJid') : '';
    const describedBy = [field.description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const hint = field.description ? (
      <p part="hint" class="field-hint" id={`${id}-hint`}>
        {clip(field.description, 1000)}
      </p>
    ) : null;
    const errorText = error ? (
      <p part="error" class="field-error" id={`${id}-error`}>
        {error}
      </p>
    ) : null;
    const common = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : 'false', 'aria-required': field.required ? 'true' : undefined };
    switch (field.type) {
      case 'hidden':
        return null;
      case 'fixed':
        return field.values.length > 0 ? (
          <p part="fixed" class="fixed" dir="auto">
            {clip(field.values.join('\n'), 1000)}
          </p>
        ) : null;
      case 'boolean':
        return (
          <div part="field" class="field check">
            <input
              {...common}
              type="checkbox"
              checked={field.values[0] === '1'}
              onChange={(event: Event) => this.setField(index, [(event.target as HTMLInputElement).checked ? '1' : '0'])}
            />
            <label part="label" htmlFor={id}>
              {label}
            </label>
            {hint}
          </div>
        );
      case 'list-single':
        return (
          <div part="field" class="field">
            <label part="label" htmlFor={id}>
              {label}
            </label>
            <select part="input" {...common} onChange={(event: Event) => this.setField(index, [(event.target as HTMLSelectElement).value])}>
              {!field.options.some(option => option.value === field.values[0]) && <option value="" selected></option>}
              {field.options.map(option => (
                <option value={option.value} selected={option.value === field.values[0]}>
                  {clip(option.label || option.value, 200)}
                </option>
              ))}
            </select>
            {hint}
            {errorText}
          </div>
        );
      case 'list-multi':
        return (
          <fieldset part="field" class="field options" aria-describedby={describedBy}>
            <legend part="label">{label}</legend>
            {field.options.map((option, choice) => (
              <div class="check">
                <input
                  type="checkbox"
                  id={`${id}-${choice}`}
                  checked={field.values.includes(option.value)}
                  onChange={(event: Event) => {
                    const on = (event.target as HTMLInputElement).checked;
                    const values = field.values.filter(value => value !== option.value);
                    this.setField(index, on ? [...values, option.value] : values);
                  }}
                />
                <label htmlFor={`${id}-${choice}`}>{clip(option.label || option.value, 200)}</label>
              </div>
            ))}
            {hint}
            {errorText}
          </fieldset>
        );
      case 'text-multi':
      case 'jid-multi':
        return (
          <div part="field" class="field">
            <label part="label" htmlFor={id}>
              {label}
            </label>
            <textarea
              part="input"
              {...common}
              rows={3}
              value={field.values.join('\n')}
              onInput={(event: Event) => this.setField(index, (event.target as HTMLTextAreaElement).value.split('\n'))}
            ></textarea>
            {field.type === 'jid-multi' ? <p class="field-hint">{t('roomSettings.onePerLine')}</p> : null}
            {hint}
            {errorText}
          </div>
        );
      default:
        return (
          <div part="field" class="field">
            <label part="label" htmlFor={id}>
              {label}
            </label>
            <input
              part="input"
              {...common}
              type={field.type === 'text-private' ? 'password' : 'text'}
              autocomplete={field.type === 'text-private' ? 'new-password' : 'off'}
              value={field.values[0] ?? ''}
              onInput={(event: Event) => this.setField(index, [(event.target as HTMLInputElement).value])}
            />
            {hint}
            {errorText}
          </div>
        );
    }
  }

  private renderConfig() {
    const form = this.config;
    return this.section(
      'config',
      t('roomSettings.config'),
      form ? (
        <form part="config-form" class="form" onSubmit={this.saveConfig} noValidate aria-labelledby="config-form-title">
          <h4 class="form-title" id="config-form-title" tabindex="-1" ref={element => (this.configTitle = element)} dir="auto">
            {clip(form.title, 200) || t('roomSettings.configForm')}
          </h4>
          {form.instructions.map(text => (
            <p class="instructions" dir="auto">
              {clip(text, 1000)}
            </p>
          ))}
          {form.fields.map((field, index) => this.renderField(field, index))}
          <div class="row">
            <button part="button" id="config-save" class="button primary" type="submit" disabled={this.busy === 'save'}>
              {t('roomSettings.configSave')}
            </button>
            <button part="button" id="config-cancel" class="button secondary" type="button" onClick={this.cancelConfig}>
              {t('roomSettings.configCancel')}
            </button>
          </div>
        </form>
      ) : (
        <button part="button" id="config-open" class="button secondary" type="button" disabled={this.busy === 'config'} onClick={this.openConfig}>
          {t('roomSettings.configEdit')}
        </button>
      ),
    );
  }

  private renderDestroy() {
    return this.section(
      'destroy',
      t('roomSettings.destroy'),
      this.confirmingDestroy ? (
        <form part="destroy-form" class="form danger-zone" onSubmit={this.destroy} noValidate aria-describedby="destroy-warning">
          <p id="destroy-warning">{t('roomSettings.destroyWarning')}</p>
          <TextField
            id="destroy-reason"
            label={t('roomSettings.reasonOptional')}
            value={this.destroyReason}
            maxLength={500}
            onInput={(event: Event) => (this.destroyReason = (event.target as HTMLInputElement).value)}
          />
          <TextField
            id="destroy-alternate"
            label={t('roomSettings.destroyAlternate')}
            autocomplete="off"
            value={this.destroyAlternate}
            error={this.destroyError}
            onInput={(event: Event) => (this.destroyAlternate = (event.target as HTMLInputElement).value)}
          />
          <div class="row">
            <button part="danger-button" id="destroy-confirm" class="button danger" type="submit" disabled={this.busy === 'destroy'}>
              {t('roomSettings.destroyConfirm')}
            </button>
            <button
              part="button"
              class="button secondary"
              type="button"
              onClick={() => {
                this.confirmingDestroy = false;
                requestAnimationFrame(() => this.el.shadowRoot?.querySelector<HTMLElement>('#destroy-open')?.focus());
              }}
            >
              {t('roomSettings.destroyKeep')}
            </button>
          </div>
        </form>
      ) : (
        <button part="danger-button" id="destroy-open" class="button danger" type="button" onClick={this.askDestroy}>
          {t('roomSettings.destroyAsk')}
        </button>
      ),
    );
  }

  render() {
    const session = this.bound;
    const room = session.conversation(this.room).get('room');
    const powers = roomPowers(room);
    const name = roomName(session, this.room);
    return (
      <section part="base" class="base" aria-labelledby="settings-title" onKeyDown={this.onKeyDown}>
        <header class="header">
          <h2 part="title" class="title" id="settings-title" tabindex="-1" ref={element => (this.titleElement = element)}>
            {t('roomSettings.title', { room: clip(name, 200) })}
          </h2>
          <button part="close-button" class="button secondary" type="button" onClick={this.close}>
            {t('roomSettings.close')}
          </button>
        </header>
        <p part="status" class={{ status: true, error: this.statusIsError }} role="status">
          {this.status}
        </p>
        <div class="sections">
          {room?.status !== 'joined' ? (
            <p class="empty">{room?.status === 'left' && room.leftReason === 'destroyed' ? t('room.left.destroyed') : t('roomSettings.notJoined')}</p>
          ) : (
            [
              powers.subject ? this.renderSubject(room) : null,
              this.renderNick(room),
              powers.invite ? this.renderInvite(session) : null,
              powers.lists.length > 0 ? this.renderLists(powers.lists) : null,
              powers.owner ? this.renderConfig() : null,
              powers.owner ? this.renderDestroy() : null,
            ]
          )}
        </div>
      </section>
    );
  }
}
