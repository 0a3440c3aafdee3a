import { h } from '@stencil/core';
import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import { RequestError, type Affiliation } from '../../adapters/types';
import { DEMO_DECLINER } from '../../adapters/demo/demo-adapter';
import { t } from '../../i18n/catalogue';
import { signedInDemoSession } from '../shared/demo-session';
import { settle } from '../shared/spec-helpers';
import { NatterRoomSettings } from './natter-room-settings';
import { roomPowers } from './powers';

const LOUNGE = 'lounge@rooms.demo.natter.chat';

async function settingsPage(ownAffiliation: Affiliation = 'admin', room = LOUNGE) {
  const { session, adapter } = await signedInDemoSession({ ownAffiliation });
  await session.actions.joinRoom(room, { nick: 'Me' });
  const page = await newSpecPage({
    components: [NatterRoomSettings],
    template: () => <natter-room-settings session={session} room={room}></natter-room-settings>,
  });
  await page.waitForChanges();
  const shadow = page.root!.shadowRoot!;
  return { page, shadow, session, adapter };
}

async function typeInto(page: SpecPage, input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await page.waitForChanges();
}

async function submit(page: SpecPage, form: HTMLFormElement) {
  form.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle(page);
}

const sectionTitles = (shadow: ShadowRoot) => Array.from(shadow.querySelectorAll('[part="section-title"]')).map(h3 => h3.textContent);
const status = (shadow: ShadowRoot) => shadow.querySelector('[part="status"]')!.textContent;

describe('roomPowers', () => {
  const joined = (role: 'moderator' | 'participant' | 'visitor', affiliation: Affiliation, features = {}) =>
    ({ status: 'joined', nick: 'me', self: { nick: 'me', role, affiliation, show: 'online' }, features }) as never;

  it('offers each action only to those XEP-0045 allows', () => {
    expect(roomPowers(joined('participant', 'none'))).toEqual({ subject: false, invite: true, lists: [], owner: false });
    expect(roomPowers(joined('participant', 'none', { changeSubject: true })).subject).toBe(true);
    expect(roomPowers(joined('visitor', 'none', { changeSubject: true }))).toEqual({ subject: false, invite: false, lists: [], owner: false });
    expect(roomPowers(joined('participant', 'none', { membersOnly: true })).invite).toBe(false);
    expect(roomPowers(joined('moderator', 'admin'))).toEqual({ subject: true, invite: true, lists: ['member', 'outcast'], owner: false });
    expect(roomPowers(joined('moderator', 'owner')).lists).toEqual(['member', 'admin', 'owner', 'outcast']);
    expect(roomPowers(joined('moderator', 'owner')).owner).toBe(true);
    expect(roomPowers(null).lists).toEqual([]);
    expect(roomPowers({ status: 'left', nick: 'me', self: { nick: 'me', role: 'moderator', affiliation: 'owner', show: 'online' } } as never).owner).toBe(false);
  });
});

describe('<natter-room-settings>', () => {
  it('shows an admin the subject, nick, invite and lists sections, not the owner ones', async () => {
    const { shadow } = await settingsPage('admin');
    expect(shadow.querySelector('[part="base"]')).not.toBeNull();
    expect(shadow.querySelector('[part="title"]')!.textContent).toBe(t('roomSettings.title', { room: 'Natter lounge' }));
    expect(sectionTitles(shadow)).toEqual([t('roomSettings.subject'), t('roomSettings.nick'), t('roomSettings.invite'), t('roomSettings.lists')]);
    expect(Array.from(shadow.querySelectorAll('#list-choice option')).map(o => o.getAttribute('value'))).toEqual(['member', 'outcast']);
    expect(shadow.querySelector('[part="status"]')!.getAttribute('role')).toBe('status');
  });

  it('shows an owner the configuration and destroy sections too', async () => {
    const { shadow } = await settingsPage('owner');
    expect(sectionTitles(shadow)).toEqual([
      t('roomSettings.subject'), t('roomSettings.nick'), t('roomSettings.invite'), t('roomSettings.lists'), t('roomSettings.config'), t('roomSettings.destroy'),
    ]);
  });

  it('sets the subject and changes the nick, saying so in the status region; a taken nick shows the error at the field', async () => {
    const { page, shadow, session } = await settingsPage();
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#subject-input')!, 'New subject');
    await submit(page, shadow.querySelector<HTMLFormElement>('#subject-input')!.closest('form')!);
    expect(session.conversation(LOUNGE).get('room')!.subject).toBe('New subject');
    expect(status(shadow)).toBe(t('roomSettings.subjectSet', { subject: 'New subject' }));

    await typeInto(page, shadow.querySelector<HTMLInputElement>('#nick-input')!, 'Alice');
    await submit(page, shadow.querySelector<HTMLFormElement>('#nick-input')!.closest('form')!);
    expect(shadow.querySelector('#nick-input-error')!.textContent).toBe(t('room.error.nick-conflict'));
    expect(shadow.querySelector('#nick-input')!.getAttribute('aria-invalid')).toBe('true');

    await typeInto(page, shadow.querySelector<HTMLInputElement>('#nick-input')!, 'Robin');
    await submit(page, shadow.querySelector<HTMLFormElement>('#nick-input')!.closest('form')!);
    expect(session.conversation(LOUNGE).get('room')!.nick).toBe('Robin');
    expect(status(shadow)).toBe(t('roomSettings.nickChanged', { nick: 'Robin' }));
  });

  it('invites, refuses a bad address, and shows a decline with its reason, bounded', async () => {
    const { page, shadow, session, adapter } = await settingsPage();
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#invite-jid')!, 'not an address');
    await submit(page, shadow.querySelector<HTMLFormElement>('#invite-jid')!.closest('form')!);
    expect(shadow.querySelector('#invite-jid-error')!.textContent).toBe(t('roomSettings.addressInvalid'));

    await typeInto(page, shadow.querySelector<HTMLInputElement>('#invite-jid')!, DEMO_DECLINER);
    await submit(page, shadow.querySelector<HTMLFormElement>('#invite-jid')!.closest('form')!);
    expect(status(shadow)).toBe(t('roomSettings.invited', { jid: DEMO_DECLINER }));
    await new Promise(resolve => setTimeout(resolve, 10));
    session.flush();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="decline"] span')!.textContent).toBe(
      t('roomSettings.declinedReason', { jid: DEMO_DECLINER, reason: 'Busy right now, maybe later' }),
    );

    adapter.emit({ type: 'invitationDeclined', room: LOUNGE, from: 'flood@example.org', reason: '<b>x</b>'.repeat(10_000) });
    session.flush();
    await page.waitForChanges();
    const shown = shadow.querySelectorAll('[part="decline"] span')[1]!;
    expect(shown.querySelector('b')).toBeNull();
    expect(shown.textContent!.length).toBeLessThan(700);
  });

  it('lists members, adds one with a reason and removes them', async () => {
    const { page, shadow } = await settingsPage();
    shadow.querySelector<HTMLButtonElement>('#list-show')!.click();
    await settle(page);
    expect(Array.from(shadow.querySelectorAll('[part="affiliation-item"] bdi')).map(b => b.textContent)).toEqual(['bob@demo.natter.chat']);
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#add-jid')!, 'new@demo.natter.chat');
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#add-reason')!, 'friend');
    await submit(page, shadow.querySelector<HTMLFormElement>('#add-jid')!.closest('form')!);
    expect(Array.from(shadow.querySelectorAll('[part="affiliation-item"] bdi')).map(b => b.textContent)).toEqual(['bob@demo.natter.chat', 'new@demo.natter.chat']);
    const remove = shadow.querySelectorAll<HTMLButtonElement>('[part="affiliation-item"] button')[1];
    expect(remove.getAttribute('aria-label')).toBe(t('roomSettings.removeFrom', { jid: 'new@demo.natter.chat', list: t('roomSettings.list.member') }));
    remove.click();
    await settle(page);
    expect(Array.from(shadow.querySelectorAll('[part="affiliation-item"] bdi')).map(b => b.textContent)).toEqual(['bob@demo.natter.chat']);
  });

  it('renders the configuration form from its fields, checks it, shows the server refusal, saves and cancels', async () => {
    const { page, shadow, session } = await settingsPage('owner');
    shadow.querySelector<HTMLButtonElement>('#config-open')!.click();
    await settle(page);
    const form = shadow.querySelector<HTMLFormElement>('form[part="config-form"]')!;
    expect(form).not.toBeNull();
    // Every kind of field: text, text area, checkbox, password, select, checkbox group, fixed text; nothing for hidden.
    expect(form.querySelectorAll('input[type="checkbox"]').length).toBeGreaterThanOrEqual(3 + 3);
    expect(form.querySelector('input[type="password"]')).not.toBeNull();
    expect(form.querySelectorAll('textarea').length).toBe(3);
    expect(form.querySelector('select')).not.toBeNull();
    expect(form.querySelector('fieldset legend')!.textContent).toBe('Whose presence is shown');
    expect(shadow.querySelector('[part="fixed"]')!.textContent).toBe('About the room');
    const name = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="text"]')).find(input => input.value === 'Natter lounge')!;
    expect(shadow.querySelector(`label[htmlFor="${name.id}"], label[for="${name.id}"]`)!.textContent).toBe('Name');

    await typeInto(page, name, '  ');
    await submit(page, form);
    expect(shadow.querySelector(`#${name.id}-error`)!.textContent).toBe(t('roomSettings.fieldRequired'));
    expect(status(shadow)).toBe(t('roomSettings.configInvalid', { count: 1 }));

    await typeInto(page, name, 'Renamed lounge');
    const admins = Array.from(form.querySelectorAll('textarea'))[1];
    await typeInto(page, admins, 'ok@demo.natter.chat\nnot valid');
    await submit(page, form);
    expect(shadow.querySelector(`#${admins.id}-error`)!.textContent).toBe(t('roomSettings.fieldJid'));

    await typeInto(page, admins, 'ok@demo.natter.chat\n');
    await submit(page, form);
    expect(shadow.querySelector('form[part="config-form"]')).toBeNull();
    expect(status(shadow)).toBe(t('roomSettings.configSaved'));
    session.flush();
    expect(session.rooms.get('info')[LOUNGE].name).toBe('Renamed lounge');

    shadow.querySelector<HTMLButtonElement>('#config-open')!.click();
    await settle(page);
    shadow.querySelector<HTMLButtonElement>('#config-cancel')!.click();
    await settle(page);
    expect(shadow.querySelector('form[part="config-form"]')).toBeNull();
    expect(status(shadow)).toBe(t('roomSettings.configCancelled'));
  });

  it('a refused configuration says why, with the server text, in the status region', async () => {
    const { page, shadow, adapter } = await settingsPage('owner');
    adapter.getRoomConfig = () => Promise.reject(new RequestError('forbidden', 'Only owners can configure the room.'));
    shadow.querySelector<HTMLButtonElement>('#config-open')!.click();
    await settle(page);
    expect(status(shadow)).toBe(t('roomSettings.refusedText', { text: t('roomSettings.refused.forbidden'), detail: 'Only owners can configure the room.' }));
    expect(shadow.querySelector('[part="status"]')!.classList.contains('error')).toBe(true);
    expect(shadow.querySelector('form[part="config-form"]')).toBeNull();
  });

  it('destroys after a confirmation with reason and alternate venue; the panel then says the room is closed', async () => {
    const { page, shadow, session } = await settingsPage('owner');
    shadow.querySelector<HTMLButtonElement>('#destroy-open')!.click();
    await page.waitForChanges();
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#destroy-alternate')!, 'bad address');
    await submit(page, shadow.querySelector<HTMLFormElement>('form[part="destroy-form"]')!);
    expect(shadow.querySelector('#destroy-alternate-error')!.textContent).toBe(t('roomSettings.addressInvalid'));
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#destroy-alternate')!, 'other@rooms.demo.natter.chat');
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#destroy-reason')!, 'Moving');
    await submit(page, shadow.querySelector<HTMLFormElement>('form[part="destroy-form"]')!);
    session.flush();
    await page.waitForChanges();
    expect(session.conversation(LOUNGE).get('room')!.leftReason).toBe('destroyed');
    expect(shadow.querySelector('.empty')!.textContent).toBe(t('room.left.destroyed'));
  });

  it('Escape and Close emit natterRoomSettingsClose', async () => {
    const { page, shadow } = await settingsPage();
    const closed: unknown[] = [];
    page.root!.addEventListener('natterRoomSettingsClose', event => closed.push(event));
    shadow.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    shadow.querySelector('[part="base"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(closed).toHaveLength(2);
  });
});
