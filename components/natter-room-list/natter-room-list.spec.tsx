import { h } from '@stencil/core';
import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import type { Message } from '../../adapters/types';
import { signedInDemoSession } from '../shared/demo-session';
import { NatterRoomList } from './natter-room-list';
import type { NatterRoomListSelectDetail } from './natter-room-list-interface';
import { settle } from '../shared/spec-helpers';

const SERVICE = 'rooms.demo.natter.chat';
const LOUNGE = `lounge@${SERVICE}`;
const DESIGN = `design@${SERVICE}`;


async function roomListPage() {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterRoomList],
    template: () => <natter-room-list session={session}></natter-room-list>,
  });
  await settle(page);
  const shadow = page.root!.shadowRoot!;
  const selected: NatterRoomListSelectDetail[] = [];
  page.root!.addEventListener('natterRoomListSelect', event => selected.push((event as CustomEvent<NatterRoomListSelectDetail>).detail));
  return { page, shadow, session, adapter, selected };
}

function rowOf(shadow: ShadowRoot, room: string): HTMLButtonElement {
  const row = shadow.querySelector<HTMLButtonElement>(`[part="item"][data-room="${room}"]`);
  if (!row) throw new Error(`no row for ${room}`);
  return row;
}

/** [name, status] of every row, in order. */
function rows(shadow: ShadowRoot): [string, string][] {
  return Array.from(shadow.querySelectorAll('[part="item"]')).map(item => [
    item.querySelector('[part="name"]')!.textContent!,
    item.querySelector('[part="status"]')!.textContent!,
  ]);
}

function rowControl(shadow: ShadowRoot, room: string, part: string): HTMLButtonElement | null {
  return rowOf(shadow, room).closest('li')!.querySelector<HTMLButtonElement>(`[part="${part}"]`);
}

async function fill(page: SpecPage, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await page.waitForChanges();
}

async function submit(page: SpecPage, form: Element) {
  form.dispatchEvent(new Event('submit'));
  await settle(page);
}

function alertText(shadow: ShadowRoot): string | null {
  return shadow.querySelector('[role="alert"]')?.textContent ?? null;
}

function roomMessage(id: string, nick: string, body: string): Message {
  return { id, conversation: LOUNGE, from: `${LOUNGE}/${nick}`, nick, direction: 'in', body, timestamp: Date.now(), status: 'received' };
}

describe('natter-room-list', () => {
  it('renders every part: rooms, toolbar, invitations, forms and the directory', async () => {
    const { page, shadow, session } = await roomListPage();
    session.dispatch({ type: 'invitation', room: DESIGN, from: 'alice@demo.natter.chat', kind: 'direct' });
    session.dispatch({ type: 'message', message: roomMessage('m1', 'Bob', 'hi') });
    await page.waitForChanges();
    shadow.querySelector<HTMLButtonElement>('[part="join-button"]')!.click();
    shadow.querySelector<HTMLButtonElement>('[part="create-button"]')!.click();
    shadow.querySelector<HTMLButtonElement>('[part="browse-button"]')!.click();
    await settle(page);
    for (const part of [
      'base', 'header', 'toolbar', 'join-button', 'browse-button', 'create-button', 'invitations', 'invitation', 'accept-button', 'decline-button',
      'list', 'item', 'name', 'status', 'unread', 'bookmark-button', 'leave-button', 'join-form', 'create-form', 'field', 'label', 'input', 'checkbox',
      'form-button', 'directory', 'directory-item', 'directory-join-button',
    ]) {
      expect({ part, found: shadow.querySelector(`[part~="${part}"]`) !== null }).toEqual({ part, found: true });
    }
    expect(shadow.querySelector('h2')!.textContent).toBe('Rooms');
    expect(shadow.querySelector('[part="list"]')!.getAttribute('aria-labelledby')).toBe(shadow.querySelector('h2')!.id);
  });

  it('lists the joined, bookmarked lounge with its state; a bookmark-only room reads "Not joined"', async () => {
    const { page, shadow, session } = await roomListPage();
    // The demo's bookmark names the lounge.
    expect(rows(shadow)).toEqual([['Natter lounge', 'Joined']]);
    expect(rowControl(shadow, LOUNGE, 'bookmark-button')!.getAttribute('aria-pressed')).toBe('true');
    expect(rowControl(shadow, LOUNGE, 'bookmark-button')!.getAttribute('aria-label')).toBe('Bookmark Natter lounge');
    expect(rowControl(shadow, LOUNGE, 'leave-button')!.textContent).toBe('Leave');
    expect(rowControl(shadow, LOUNGE, 'leave-button')!.getAttribute('aria-label')).toBe('Leave Natter lounge');

    // A bookmark without a name shows the local part until the room tells its name.
    await session.actions.saveBookmark({ jid: DESIGN, autojoin: false });
    await settle(page);
    expect(rows(shadow)).toEqual([
      ['design', 'Not joined'],
      ['Natter lounge', 'Joined'],
    ]);
    await session.actions.queryRoom(DESIGN);
    await settle(page);
    expect(rows(shadow)).toEqual([
      ['Design reviews', 'Not joined'],
      ['Natter lounge', 'Joined'],
    ]);
    expect(rowControl(shadow, DESIGN, 'leave-button')).toBeNull();
  });

  it('says when there are no rooms', async () => {
    const { page, shadow, session } = await roomListPage();
    await session.actions.removeBookmark(LOUNGE);
    await session.actions.leaveRoom(LOUNGE);
    await settle(page);
    expect(shadow.querySelector('[part="list"]')).toBeNull();
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe('No rooms yet. Join one by its address or browse the public rooms.');
  });

  it('shows the unread count of a room with accessible text', async () => {
    const { page, shadow, session } = await roomListPage();
    session.dispatch({ type: 'message', message: roomMessage('m1', 'Bob', 'hello') });
    session.dispatch({ type: 'message', message: roomMessage('m2', 'Carol', 'hi all') });
    await page.waitForChanges();
    const unread = rowControl(shadow, LOUNGE, 'unread')!;
    expect(unread.querySelector('[aria-hidden="true"]')!.textContent).toBe('2');
    expect(unread.querySelector('.visually-hidden')!.textContent).toBe('2 unread messages');
  });

  it('selecting a joined room emits natterRoomListSelect and opens it, marking the row current', async () => {
    const { page, shadow, session, selected } = await roomListPage();
    const join = jest.spyOn(session.actions, 'joinRoom');
    session.dispatch({ type: 'message', message: roomMessage('m1', 'Bob', 'hello') });
    await page.waitForChanges();
    rowOf(shadow, LOUNGE).click();
    await settle(page);
    expect(selected).toEqual([{ room: LOUNGE }]);
    expect(join).not.toHaveBeenCalled();
    expect(session.conversations.get('active')).toBe(LOUNGE);
    expect(rowOf(shadow, LOUNGE).getAttribute('aria-current')).toBe('true');
    expect(rowControl(shadow, LOUNGE, 'unread')).toBeNull();
  });

  it('does not join or open when natterRoomListSelect is default-prevented', async () => {
    const { page, shadow, session, selected } = await roomListPage();
    await session.actions.saveBookmark({ jid: DESIGN, autojoin: false });
    await settle(page);
    const join = jest.spyOn(session.actions, 'joinRoom');
    const open = jest.spyOn(session.actions, 'openConversation');
    page.root!.addEventListener('natterRoomListSelect', event => event.preventDefault());
    rowOf(shadow, DESIGN).click();
    rowOf(shadow, LOUNGE).click();
    await settle(page);
    expect(selected).toEqual([{ room: DESIGN }, { room: LOUNGE }]);
    expect(join).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('selecting a bookmarked room joins it with the bookmark nick, then opens it; a refusal shows why', async () => {
    const { page, shadow, session } = await roomListPage();
    await session.actions.saveBookmark({ jid: DESIGN, name: 'Design reviews', nick: 'meg', autojoin: false });
    await settle(page);
    const join = jest.spyOn(session.actions, 'joinRoom');
    rowOf(shadow, DESIGN).click();
    await settle(page);
    expect(join).toHaveBeenCalledWith(DESIGN, { nick: 'meg', password: undefined });
    expect(session.conversations.get('active')).toBe(DESIGN);
    expect(rowOf(shadow, DESIGN).querySelector('[part="status"]')!.textContent).toBe('This room is for members only.');
    expect(alertText(shadow)).toBe('Could not join Design reviews: This room is for members only.');
    // A room we failed to join can be closed.
    expect(rowControl(shadow, DESIGN, 'leave-button')!.textContent).toBe('Close');
  });

  it('says why we are out of a room we were in', async () => {
    const { page, shadow, session } = await roomListPage();
    session.dispatch({ type: 'roomLeft', room: LOUNGE, reason: 'kicked', actor: 'Alice' });
    await page.waitForChanges();
    expect(rows(shadow)).toEqual([['Natter lounge', 'You were removed from this room.']]);
    expect(rowControl(shadow, LOUNGE, 'leave-button')!.textContent).toBe('Close');
    session.dispatch({ type: 'roomLeft', room: LOUNGE, reason: 'destroyed' });
    await page.waitForChanges();
    expect(rows(shadow)).toEqual([['Natter lounge', 'This room was closed.']]);
  });

  it('the bookmark toggle removes and saves the bookmark (with autojoin and our nick)', async () => {
    const { page, shadow, session } = await roomListPage();
    const save = jest.spyOn(session.actions, 'saveBookmark');
    rowControl(shadow, LOUNGE, 'bookmark-button')!.click();
    await settle(page);
    expect(session.rooms.get('bookmarks')).toEqual([]);
    expect(rowControl(shadow, LOUNGE, 'bookmark-button')!.getAttribute('aria-pressed')).toBe('false');
    rowControl(shadow, LOUNGE, 'bookmark-button')!.click();
    await settle(page);
    expect(save).toHaveBeenCalledWith({ jid: LOUNGE, name: undefined, nick: 'me', autojoin: true });
    expect(rowControl(shadow, LOUNGE, 'bookmark-button')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('Leave leaves the room; a bookmarked room stays listed as not joined, others go', async () => {
    const { page, shadow, session } = await roomListPage();
    rowControl(shadow, LOUNGE, 'leave-button')!.click();
    await settle(page);
    expect(session.conversations.get('items')[LOUNGE]).toBeUndefined();
    expect(rows(shadow)).toEqual([['Natter lounge', 'Not joined']]);
    expect(rowControl(shadow, LOUNGE, 'leave-button')).toBeNull();

    // Rejoin from the row, drop the bookmark, leave: the row goes.
    rowOf(shadow, LOUNGE).click();
    await settle(page);
    expect(rows(shadow)).toEqual([['Natter lounge', 'Joined']]);
    rowControl(shadow, LOUNGE, 'bookmark-button')!.click();
    await settle(page);
    rowControl(shadow, LOUNGE, 'leave-button')!.click();
    await settle(page);
    expect(shadow.querySelector('[part="list"]')).toBeNull();
  });

  it('shows why leaving failed', async () => {
    const { page, shadow, adapter } = await roomListPage();
    jest.spyOn(adapter, 'leaveRoom').mockRejectedValue(new Error('not connected'));
    rowControl(shadow, LOUNGE, 'leave-button')!.click();
    await settle(page);
    expect(alertText(shadow)).toBe('Could not leave Natter lounge: not connected');
  });

  describe('join by address', () => {
    async function openJoinForm() {
      const context = await roomListPage();
      const toggle = context.shadow.querySelector<HTMLButtonElement>('[part="join-button"]')!;
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      toggle.click();
      await context.page.waitForChanges();
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      const form = context.shadow.querySelector<HTMLFormElement>('[part="join-form"]')!;
      expect(toggle.getAttribute('aria-controls')).toBe(form.id);
      const input = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      return { ...context, form, input };
    }

    it('has labelled fields and validates the address before joining', async () => {
      const { page, shadow, session, form, input } = await openJoinForm();
      const join = jest.spyOn(session.actions, 'joinRoom');
      for (const [name, label] of [['room', 'Room address'], ['nick', 'Nickname (optional)'], ['password', 'Password (optional)']]) {
        expect(form.querySelector(`label[for="${input(name).id}"]`)!.textContent).toBe(label);
      }
      expect(input('password').type).toBe('password');
      await fill(page, input('room'), 'not a room');
      await submit(page, form);
      expect(join).not.toHaveBeenCalled();
      expect(input('room').getAttribute('aria-invalid')).toBe('true');
      expect(shadow.querySelector(`#${input('room').getAttribute('aria-describedby')}`)!.textContent).toBe('Enter a room address like room@conference.example.org.');
    });

    it('joins with nick and password, closes the form and opens the room', async () => {
      const { page, shadow, session, form, input, selected } = await openJoinForm();
      await session.actions.leaveRoom(LOUNGE);
      const join = jest.spyOn(session.actions, 'joinRoom');
      await fill(page, input('room'), ` ${LOUNGE} `);
      await fill(page, input('nick'), 'Meg');
      await fill(page, input('password'), 'pw');
      await submit(page, form);
      expect(join).toHaveBeenCalledWith(LOUNGE, { nick: 'Meg', password: 'pw' });
      expect(shadow.querySelector('[part="join-form"]')).toBeNull();
      expect(selected).toEqual([{ room: LOUNGE }]);
      expect(session.conversations.get('active')).toBe(LOUNGE);
      expect(session.conversation(LOUNGE).get('room')!.nick).toBe('Meg');
    });

    it('explains a members-only refusal and a missing room in plain words', async () => {
      const { page, shadow, form, input } = await openJoinForm();
      await fill(page, input('room'), DESIGN);
      await submit(page, form);
      expect(form.querySelector('[role="alert"]')!.textContent).toBe('This room is for members only.');
      expect(shadow.querySelector('[part="join-form"]')).not.toBeNull();
      await fill(page, input('room'), `nowhere@${SERVICE}`);
      await submit(page, form);
      expect(form.querySelector('[role="alert"]')!.textContent).toBe('There is no such room.');
    });

    it('offers the suggested nick after a nick conflict and retries with one click', async () => {
      const { page, session, form, input } = await openJoinForm();
      await session.actions.leaveRoom(LOUNGE);
      await fill(page, input('room'), LOUNGE);
      await fill(page, input('nick'), 'Alice');
      await submit(page, form);
      const alert = form.querySelector('[role="alert"]')!;
      expect(alert.querySelector('.alert-text')!.textContent).toBe('That nickname is already in use in this room.');
      const retry = alert.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
      expect(retry.textContent).toBe('Join as Alice_');
      retry.click();
      await settle(page);
      expect(session.conversation(LOUNGE).get('room')).toMatchObject({ status: 'joined', nick: 'Alice_' });
      expect(session.conversations.get('active')).toBe(LOUNGE);
    });

    it.each([
      ['password-required', 'This room needs a password.'],
      ['banned', 'You are banned from this room.'],
      ['room-full', 'This room is full.'],
      ['unknown', 'The room refused: no reason given'],
    ] as const)('explains %s', async (code, text) => {
      const { page, adapter, form, input } = await openJoinForm();
      const { RoomError } = await import('../../adapters/types');
      jest.spyOn(adapter, 'joinRoom').mockRejectedValue(new RoomError(code));
      await fill(page, input('room'), `secret@${SERVICE}`);
      await submit(page, form);
      expect(form.querySelector('[role="alert"]')!.textContent).toBe(text);
    });

    it('Cancel and Escape close the form', async () => {
      const { page, shadow, form } = await openJoinForm();
      form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await page.waitForChanges();
      expect(shadow.querySelector('[part="join-form"]')).toBeNull();
    });
  });

  describe('public rooms', () => {
    it('lists the rooms of the conference service with occupant counts; Join joins, Open opens', async () => {
      const { page, shadow, session, selected } = await roomListPage();
      const browse = shadow.querySelector<HTMLButtonElement>('[part="browse-button"]')!;
      browse.click();
      await settle(page);
      expect(browse.getAttribute('aria-expanded')).toBe('true');
      const directory = shadow.querySelector('[part="directory"]')!;
      expect(browse.getAttribute('aria-controls')).toBe(directory.id);
      expect(directory.querySelector('h3')!.textContent).toBe(`Public rooms on ${SERVICE}`);
      const items = Array.from(directory.querySelectorAll('[part="directory-item"]'));
      expect(items.map(item => item.querySelector('.directory-name')!.textContent)).toEqual(['Natter lounge', 'Design reviews']);
      expect(items[0].querySelector('.description')!.textContent).toBe('Say hello to other Natter users');
      expect(items[0].querySelector('.meta')!.textContent).toBe(`${LOUNGE} · 21 people`);
      expect(items[1].querySelector('.meta')!.textContent).toBe(`${DESIGN} · 1 person`);

      const [open, join] = items.map(item => item.querySelector<HTMLButtonElement>('[part="directory-join-button"]')!);
      expect([open.textContent, open.getAttribute('aria-label')]).toEqual(['Open', 'Open Natter lounge']);
      expect([join.textContent, join.getAttribute('aria-label')]).toEqual(['Join', 'Join Design reviews']);
      open.click();
      await settle(page);
      expect(session.conversations.get('active')).toBe(LOUNGE);
      join.click();
      await settle(page);
      expect(selected).toEqual([{ room: LOUNGE }, { room: DESIGN }]);
      expect(alertText(shadow)).toBe('Could not join Design reviews: This room is for members only.');
    });

    it('shows loading, empty and error states, with a retry', async () => {
      const { page, shadow, session } = await roomListPage();
      shadow.querySelector<HTMLButtonElement>('[part="browse-button"]')!.click();
      await settle(page);
      session.dispatch({ type: 'directoryLoading' });
      await page.waitForChanges();
      const directory = () => shadow.querySelector('[part="directory"]')!;
      expect(directory().getAttribute('aria-busy')).toBe('true');
      expect(directory().querySelector('[role="status"]')!.textContent).toBe('Loading public rooms…');

      session.dispatch({ type: 'roomDirectory', service: SERVICE, rooms: [] });
      await page.waitForChanges();
      expect(directory().querySelector('[role="status"]')!.textContent).toBe('This service lists no public rooms.');

      session.dispatch({ type: 'directoryError', error: 'service-unavailable' });
      await page.waitForChanges();
      const alert = directory().querySelector('[role="alert"]')!;
      expect(alert.querySelector('.alert-text')!.textContent).toBe('Could not load the public rooms: service-unavailable');
      const list = jest.spyOn(session.actions, 'listRooms');
      alert.querySelector('button')!.click();
      await settle(page);
      expect(list).toHaveBeenCalled();
      expect(directory().querySelectorAll('[part="directory-item"]')).toHaveLength(2);
    });
  });

  describe('create a room', () => {
    async function openCreateForm() {
      const context = await roomListPage();
      context.shadow.querySelector<HTMLButtonElement>('[part="create-button"]')!.click();
      await context.page.waitForChanges();
      const form = context.shadow.querySelector<HTMLFormElement>('[part="create-form"]')!;
      const input = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      return { ...context, form, input };
    }

    it('creates a room on the conference service with its configuration, then opens it', async () => {
      const { page, shadow, session, form, input, selected } = await openCreateForm();
      const create = jest.spyOn(session.actions, 'createRoom');
      expect(form.querySelector('#create-service')!.textContent).toBe(`@${SERVICE}`);
      expect(input('room').getAttribute('aria-describedby')).toBe('create-service');
      expect(form.querySelector(`label[for="${input('room').id}"]`)!.textContent).toBe('Room address');
      expect(Array.from(form.querySelectorAll('[part="checkbox"]')).map(label => label.textContent)).toEqual([
        'Members only',
        'Keep the room when everyone has left',
        'List it in the public rooms',
      ]);
      expect([input('membersOnly').checked, input('persistent').checked, input('public').checked]).toEqual([false, true, true]);

      await fill(page, input('room'), 'team chat');
      await submit(page, form);
      expect(create).not.toHaveBeenCalled();
      expect(input('room').getAttribute('aria-invalid')).toBe('true');
      expect(form.querySelector('#create-local-error')!.textContent).toBe('Use letters, digits, dots, dashes or underscores, like team-chat.');

      await fill(page, input('room'), 'team-chat');
      input('name').value = 'Team chat';
      input('membersOnly').checked = true;
      input('public').checked = false;
      await submit(page, form);
      expect(create).toHaveBeenCalledWith(`team-chat@${SERVICE}`, { name: 'Team chat', membersOnly: true, persistent: true, public: false });
      expect(shadow.querySelector('[part="create-form"]')).toBeNull();
      expect(selected).toEqual([{ room: `team-chat@${SERVICE}` }]);
      expect(session.conversations.get('active')).toBe(`team-chat@${SERVICE}`);
      expect(rowOf(shadow, `team-chat@${SERVICE}`).querySelector('[part="status"]')!.textContent).toBe('Joined');
    });

    it('says why creating failed', async () => {
      const { page, form, input } = await openCreateForm();
      await fill(page, input('room'), 'lounge');
      await submit(page, form);
      expect(form.querySelector('[role="alert"]')!.textContent).toBe('Could not create the room: That room exists already.');
    });

    it('says when the server has no conference service', async () => {
      const { page, session, form } = await openCreateForm();
      session.dispatch({ type: 'features', features: { carbons: true, mam: true, streamManagement: true } });
      await page.waitForChanges();
      expect(form.querySelector('.notice')!.textContent).toBe('This server has no room service.');
      expect(form.querySelector('input')).toBeNull();
    });
  });

  describe('invitations', () => {
    it('lists an invitation; Accept joins and opens the room', async () => {
      const { page, shadow, session, selected } = await roomListPage();
      await session.actions.leaveRoom(LOUNGE);
      session.dispatch({ type: 'invitation', room: LOUNGE, from: 'alice@demo.natter.chat', reason: 'Come say hi', kind: 'direct' });
      await page.waitForChanges();
      const section = shadow.querySelector('[part="invitations"]')!;
      expect(section.querySelector('h3')!.textContent).toBe('Invitations');
      const invitation = section.querySelector('[part="invitation"]')!;
      expect(invitation.querySelector('p')!.textContent).toBe('Alice Martin invites you to Natter lounge “Come say hi”');
      const accept = invitation.querySelector<HTMLButtonElement>('[part="accept-button"]')!;
      expect(shadow.querySelector(`#${accept.getAttribute('aria-describedby')}`)).toBe(invitation.querySelector('p'));
      accept.click();
      await settle(page);
      expect(shadow.querySelector('[part="invitations"]')).toBeNull();
      expect(selected).toEqual([{ room: LOUNGE }]);
      expect(session.conversation(LOUNGE).get('room')!.status).toBe('joined');
      expect(session.conversations.get('active')).toBe(LOUNGE);
    });

    it('Decline removes the invitation without joining', async () => {
      const { page, shadow, session } = await roomListPage();
      const join = jest.spyOn(session.actions, 'joinRoom');
      session.dispatch({ type: 'invitation', room: DESIGN, from: 'alice@demo.natter.chat', kind: 'mediated' });
      await page.waitForChanges();
      shadow.querySelector<HTMLButtonElement>('[part="decline-button"]')!.click();
      await settle(page);
      expect(shadow.querySelector('[part="invitations"]')).toBeNull();
      expect(join).not.toHaveBeenCalled();
    });
  });

  it('is one tab stop; arrow keys, Home and End move between rooms', async () => {
    const { page, shadow, session } = await roomListPage();
    await session.actions.saveBookmark({ jid: DESIGN, name: 'Design reviews', autojoin: false });
    await session.actions.saveBookmark({ jid: `zz@${SERVICE}`, name: 'Zebra', autojoin: false });
    await settle(page);
    const items = () => Array.from(shadow.querySelectorAll<HTMLButtonElement>('[part="item"]'));
    const tabStops = () => items().map(item => String(item.getAttribute('tabindex')));
    // The lounge was the tab stop before the bookmarks came, and stays it.
    expect(tabStops()).toEqual(['-1', '0', '-1']);
    const key = async (target: Element, name: string) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
      await page.waitForChanges();
    };
    await key(items()[1], 'ArrowDown');
    expect(tabStops()).toEqual(['-1', '-1', '0']);
    await key(items()[2], 'ArrowDown');
    expect(tabStops()).toEqual(['-1', '-1', '0']);
    await key(items()[2], 'Home');
    expect(tabStops()).toEqual(['0', '-1', '-1']);
    await key(items()[0], 'End');
    expect(tabStops()).toEqual(['-1', '-1', '0']);
    await key(items()[2], 'ArrowUp');
    expect(tabStops()).toEqual(['-1', '0', '-1']);
  });
});
