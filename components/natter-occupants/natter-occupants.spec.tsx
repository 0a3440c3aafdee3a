import { h } from '@stencil/core';
import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import type { Occupant } from '../../adapters/types';
import { RoomError } from '../../adapters/types';
import { nickColorCss } from '../../markup/nick-color';
import { signedInDemoSession } from '../shared/demo-session';
import { NatterOccupants } from './natter-occupants';
import type { NatterOccupantsPrivateMessageDetail } from './natter-occupants-interface';
import { layOutScroller, settle } from '../shared/spec-helpers';

const LOUNGE = 'lounge@rooms.demo.natter.chat';


async function occupantsPage(room = LOUNGE) {
  const { session, adapter } = await signedInDemoSession();
  // The demo network autojoins the lounge on login.
  await new Promise(resolve => setTimeout(resolve, 0));
  const page = await newSpecPage({
    components: [NatterOccupants],
    template: () => <natter-occupants session={session} room={room}></natter-occupants>,
  });
  await page.waitForChanges();
  const shadow = page.root!.shadowRoot!;
  const privateMessages: NatterOccupantsPrivateMessageDetail[] = [];
  page.root!.addEventListener('natterOccupantsPrivateMessage', event =>
    privateMessages.push((event as CustomEvent<NatterOccupantsPrivateMessageDetail>).detail),
  );
  return { page, shadow, session, adapter, privateMessages };
}

/** Group label → nicks of its rendered rows, in order. */
function groups(shadow: ShadowRoot): [string, string[]][] {
  return Array.from(shadow.querySelectorAll('[part="group"]')).map(group => [
    group.getAttribute('aria-label')!,
    Array.from(group.querySelectorAll('[part="nick"]')).map(nick => nick.textContent!),
  ]);
}

function rowOf(shadow: ShadowRoot, nick: string): HTMLElement {
  const row = shadow.querySelector<HTMLElement>(`[part="item"][data-nick="${nick}"]`);
  if (!row) throw new Error(`no row for ${nick}`);
  return row;
}

function actionButtons(shadow: ShadowRoot): string[] {
  return Array.from(shadow.querySelectorAll('[part="actions"] [part="action-button"]')).map(button => button.textContent!);
}

function action(shadow: ShadowRoot, name: string): HTMLButtonElement {
  const button = Array.from(shadow.querySelectorAll<HTMLButtonElement>('[part="actions"] [part="action-button"]')).find(candidate => candidate.textContent === name);
  if (!button) throw new Error(`no action ${name}; there are ${JSON.stringify(actionButtons(shadow))}`);
  return button;
}

async function typeInto(page: SpecPage, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await page.waitForChanges();
}

async function key(page: SpecPage, target: Element, name: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
  await page.waitForChanges();
}

function occupant(nick: string, extra: Partial<Occupant> = {}): Occupant {
  return { nick, role: 'participant', affiliation: 'none', show: 'online', ...extra };
}

const CROWD = 2000;
/** Of the crowd: every tenth a visitor; with the lounge's 18 participants and its visitor. */
const PARTICIPANTS = 18 + CROWD - CROWD / 10;
const VISITORS = 1 + CROWD / 10;

/** The lounge with 2,000 more people, user0000 to user1999, every tenth a visitor. */
async function crowdedLounge() {
  const opened = await occupantsPage();
  const store = opened.session.conversation(LOUNGE);
  const crowd: Record<string, Occupant> = { ...store.get('occupants') };
  for (let index = 0; index < CROWD; index++) {
    const nick = `user${String(index).padStart(4, '0')}`;
    crowd[nick] = occupant(nick, { role: index % 10 === 0 ? 'visitor' : 'participant' });
  }
  store.set('occupants', crowd);
  await opened.page.waitForChanges();
  return opened;
}

/** The rendered occupant rows in DOM order: nick, aria-posinset, aria-setsize. */
function renderedRows(shadow: ShadowRoot): { nick: string; position: number; size: number }[] {
  return Array.from(shadow.querySelectorAll('li.row')).map(row => ({
    nick: row.querySelector('[part="nick"]')!.textContent!,
    position: Number(row.getAttribute('aria-posinset')),
    size: Number(row.getAttribute('aria-setsize')),
  }));
}

/** Text content minus aria-hidden subtrees, whitespace collapsed. */
function accessibleText(element: Element): string {
  const collect = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (node.nodeType !== 1 || (node as Element).getAttribute('aria-hidden') === 'true') return '';
    return Array.from(node.childNodes).map(collect).join('');
  };
  return collect(element).replace(/\s+/g, ' ').trim();
}

describe('natter-occupants', () => {
  it('renders every part of a joined room with a moderator action open', async () => {
    const { page, shadow } = await occupantsPage();
    rowOf(shadow, 'Bob').click();
    await page.waitForChanges();
    for (const part of ['base', 'header', 'count', 'filter', 'list', 'group', 'group-label', 'item', 'nick', 'you', 'affiliation', 'presence', 'actions', 'action-button']) {
      expect({ part, found: shadow.querySelector(`[part~="${part}"]`) !== null }).toEqual({ part, found: true });
    }
    action(shadow, 'Kick').click();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="confirm"]')).not.toBeNull();
    const filter = shadow.querySelector<HTMLInputElement>('[part="filter"]')!;
    expect(shadow.querySelector(`label[for="${filter.id}"]`)!.textContent).toBe('Filter people');
  });

  it('groups occupants by role with counts, sorted by nick, and counts everyone in the header', async () => {
    const { shadow } = await occupantsPage();
    expect(shadow.querySelector('h2')!.textContent).toBe('In this room');
    expect(shadow.querySelector('[part="count"]')!.textContent).toBe('21 people');
    expect(groups(shadow)).toEqual([
      ['Moderators (2)', ['Alice', 'me']],
      ['Participants (18)', ['Ana', 'Ben', 'Bob', 'Carol', 'Chen', 'Dara', 'Emeka', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jun', 'Kira', 'Luis', 'Mei', 'Nadia', 'Omar', 'Priya']],
      ['Visitors (1)', ['lurker']],
    ]);
    for (const group of Array.from(shadow.querySelectorAll('[part="group"]'))) {
      expect(group.getAttribute('role')).toBe('group');
      // Labelled by name, as its heading may be scrolled out of the DOM.
      expect(group.getAttribute('aria-label')).toBe(group.querySelector('[part="group-label"]')!.textContent);
    }
    // Each row says its place in its group.
    const moderators = shadow.querySelector('[part="group"]')!;
    expect(Array.from(moderators.querySelectorAll('li')).map(row => [row.getAttribute('aria-posinset'), row.getAttribute('aria-setsize')])).toEqual([
      ['1', '2'],
      ['2', '2'],
    ]);
  });

  it('shows each nick in its XEP-0392 colour, affiliation badges, presence as text and "(you)" on our row', async () => {
    const { page, shadow, adapter } = await occupantsPage();
    expect(rowOf(shadow, 'Alice').querySelector<HTMLElement>('[part="nick"]')!.style.color).toBe(nickColorCss('Alice'));
    expect(rowOf(shadow, 'Ben').querySelector<HTMLElement>('[part="nick"]')!.style.color).toBe(nickColorCss('Ben'));
    expect(nickColorCss('Alice')).not.toBe(nickColorCss('Ben'));

    expect(accessibleText(rowOf(shadow, 'Alice'))).toBe('Alice Owner Online');
    expect(accessibleText(rowOf(shadow, 'Bob'))).toBe('Bob Member Online');
    expect(accessibleText(rowOf(shadow, 'Carol'))).toBe('Carol Online');
    expect(accessibleText(rowOf(shadow, 'me'))).toBe('me (you) Admin Online');
    expect(rowOf(shadow, 'Alice').querySelector('.dot')!.getAttribute('aria-hidden')).toBe('true');

    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: occupant('Carol', { show: 'away', status: 'Lunch' }) });
    await settle(page);
    expect(rowOf(shadow, 'Carol').querySelector('[part="presence"]')!.textContent).toBe('Away: Lunch');
    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: occupant('Carol', { show: 'dnd' }) });
    await settle(page);
    expect(rowOf(shadow, 'Carol').querySelector('[part="presence"]')!.textContent).toBe('Do not disturb');
  });

  it('our own row is not a button; the others are one tab stop with arrow keys, Home and End', async () => {
    const { page, shadow } = await occupantsPage();
    expect(rowOf(shadow, 'me').tagName).toBe('DIV');
    const buttons = () => Array.from(shadow.querySelectorAll<HTMLButtonElement>('button[part="item"]'));
    expect(buttons()).toHaveLength(20);
    const tabbable = () => buttons().filter(button => button.getAttribute('tabindex') === '0').map(button => button.getAttribute('data-nick'));
    expect(tabbable()).toEqual(['Alice']);

    const focusOf = (nick: string) => jest.spyOn(rowOf(shadow, nick), 'focus');
    const ana = focusOf('Ana');
    await key(page, rowOf(shadow, 'Alice'), 'ArrowDown');
    expect(ana).toHaveBeenCalled();
    // Focus moves the tab stop (the spec DOM does not move focus by itself).
    rowOf(shadow, 'Ana').dispatchEvent(new FocusEvent('focus'));
    expect(tabbable()).toEqual(['Ana']);
    const alice = focusOf('Alice');
    await key(page, rowOf(shadow, 'Ana'), 'Home');
    expect(alice).toHaveBeenCalled();
    const lurker = focusOf('lurker');
    await key(page, rowOf(shadow, 'Alice'), 'End');
    expect(lurker).toHaveBeenCalled();
    rowOf(shadow, 'lurker').dispatchEvent(new FocusEvent('focus'));
    // A re-render keeps the moved tab stop.
    await typeInto(page, shadow.querySelector<HTMLInputElement>('[part="filter"]')!, '');
    expect(tabbable()).toEqual(['lurker']);

    const first = focusOf('Alice');
    await key(page, shadow.querySelector('[part="filter"]')!, 'ArrowDown');
    expect(first).toHaveBeenCalled();
  });

  it('filters by nick or real JID, ignoring case, and says when nothing matches', async () => {
    const { page, shadow, session } = await occupantsPage();
    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: occupant('Zed', { jid: 'zoltan@example.org' }) });
    await page.waitForChanges();
    const filter = shadow.querySelector<HTMLInputElement>('[part="filter"]')!;

    await typeInto(page, filter, 'AL');
    expect(groups(shadow)).toEqual([['Moderators (1)', ['Alice']]]);
    // The header keeps the room's total.
    expect(shadow.querySelector('[part="count"]')!.textContent).toBe('22 people');

    await typeInto(page, filter, 'zoltan@');
    expect(groups(shadow)).toEqual([['Participants (1)', ['Zed']]]);

    await typeInto(page, filter, 'nobody');
    expect(shadow.querySelector('[part="list"]')).toBeNull();
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe('Nobody matches “nobody”.');
    expect(shadow.querySelector('[part="empty"]')!.getAttribute('role')).toBe('status');

    await typeInto(page, filter, '');
    expect(shadow.querySelectorAll('[part="item"]')).toHaveLength(22);
  });

  it('follows joins, leaves and role changes', async () => {
    const { page, shadow, adapter } = await occupantsPage();
    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: occupant('Newbie', { role: 'visitor' }) });
    adapter.emit({ type: 'occupantLeft', room: LOUNGE, nick: 'Priya', reason: 'left' });
    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: occupant('Bob', { role: 'moderator', affiliation: 'member' }) });
    await settle(page);
    expect(groups(shadow).map(([label]) => label)).toEqual(['Moderators (3)', 'Participants (16)', 'Visitors (2)']);
    expect(groups(shadow)[0][1]).toEqual(['Alice', 'Bob', 'me']);
    expect(groups(shadow)[2][1]).toEqual(['lurker', 'Newbie']);
    expect(shadow.querySelector('[part="count"]')!.textContent).toBe('21 people');
  });

  it('says when we are joining, not in the room, or alone', async () => {
    const { page, shadow, session } = await occupantsPage('design@rooms.demo.natter.chat');
    const notice = () => shadow.querySelector('[part="empty"]')!.textContent;
    expect(notice()).toBe('You are not in this room.');
    expect(shadow.querySelector('[part="count"]')).toBeNull();

    session.dispatch({ type: 'roomJoining', room: 'design@rooms.demo.natter.chat', nick: 'me' });
    await page.waitForChanges();
    expect(notice()).toBe('Joining the room…');

    session.dispatch({ type: 'roomJoinError', room: 'design@rooms.demo.natter.chat', error: 'members-only' });
    await page.waitForChanges();
    expect(notice()).toBe('You are not in this room.');

    session.dispatch({ type: 'roomJoining', room: 'design@rooms.demo.natter.chat', nick: 'me' });
    session.dispatch({ type: 'roomJoined', room: 'design@rooms.demo.natter.chat', self: occupant('me') });
    session.dispatch({ type: 'occupantLeft', room: 'design@rooms.demo.natter.chat', nick: 'me', reason: 'left' });
    await page.waitForChanges();
    expect(notice()).toBe('Nobody is here.');
  });

  it('a row discloses its actions; a participant only gets "Private message"', async () => {
    const { page, shadow, session } = await occupantsPage();
    const self = session.conversation(LOUNGE).get('room')!.self!;
    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { ...self, role: 'participant', affiliation: 'none' } });
    await page.waitForChanges();
    const bob = rowOf(shadow, 'Bob');
    expect(bob.getAttribute('aria-expanded')).toBe('false');
    expect(shadow.querySelector('[part="actions"]')).toBeNull();
    bob.click();
    await page.waitForChanges();
    expect(bob.getAttribute('aria-expanded')).toBe('true');
    const panel = shadow.querySelector('[part="actions"]')!;
    expect(bob.getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.getAttribute('aria-label')).toBe('Actions for Bob');
    expect(actionButtons(shadow)).toEqual(['Private message', 'Block']);

    // Escape closes the actions and puts focus back on the row.
    const focus = jest.spyOn(rowOf(shadow, 'Bob'), 'focus');
    await key(page, action(shadow, 'Private message'), 'Escape');
    expect(shadow.querySelector('[part="actions"]')).toBeNull();
    expect(focus).toHaveBeenCalled();
  });

  it('"Private message" emits natterOccupantsPrivateMessage and opens the private conversation', async () => {
    const { page, shadow, session, privateMessages } = await occupantsPage();
    rowOf(shadow, 'Carol').click();
    await page.waitForChanges();
    action(shadow, 'Private message').click();
    await page.waitForChanges();
    expect(privateMessages).toEqual([{ room: LOUNGE, nick: 'Carol' }]);
    expect(session.conversations.get('active')).toBe(`${LOUNGE}/Carol`);
    expect(shadow.querySelector('[part="actions"]')).toBeNull();
  });

  it('does not open the private conversation when the event is default-prevented', async () => {
    const { page, shadow, session, privateMessages } = await occupantsPage();
    const open = jest.spyOn(session.actions, 'openPrivateChat');
    page.root!.addEventListener('natterOccupantsPrivateMessage', event => event.preventDefault());
    rowOf(shadow, 'Carol').click();
    await page.waitForChanges();
    action(shadow, 'Private message').click();
    await page.waitForChanges();
    expect(privateMessages).toHaveLength(1);
    expect(open).not.toHaveBeenCalled();
    expect(session.conversations.get('active')).not.toBe(`${LOUNGE}/Carol`);
  });

  it('gives a moderator Kick and voice over participants, nothing over the owner, and Ban only with a real JID', async () => {
    const { page, shadow, session } = await occupantsPage();
    rowOf(shadow, 'Bob').click();
    await page.waitForChanges();
    // The demo room hides real JIDs: no Ban.
    expect(actionButtons(shadow)).toEqual(['Private message', 'Revoke voice', 'Kick', 'Block']);

    rowOf(shadow, 'lurker').click();
    await page.waitForChanges();
    expect(actionButtons(shadow)).toEqual(['Private message', 'Grant voice', 'Kick', 'Block']);

    rowOf(shadow, 'Alice').click();
    await page.waitForChanges();
    expect(actionButtons(shadow)).toEqual(['Private message', 'Block']);

    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: occupant('Bob', { affiliation: 'member', jid: `bob@demo.natter.chat` }) });
    rowOf(shadow, 'Bob').click();
    await page.waitForChanges();
    expect(actionButtons(shadow)).toEqual(['Private message', 'Revoke voice', 'Kick', 'Block', 'Ban']);

    // A moderator who is not an admin or owner may not ban.
    const self = session.conversation(LOUNGE).get('room')!.self!;
    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { ...self, affiliation: 'member' } });
    await page.waitForChanges();
    expect(actionButtons(shadow)).toEqual(['Private message', 'Revoke voice', 'Kick', 'Block']);
  });

  it('Revoke voice makes a participant a visitor; Grant voice gives it back', async () => {
    const { page, shadow, session } = await occupantsPage();
    const setRole = jest.spyOn(session.actions, 'setRole');
    rowOf(shadow, 'Bob').click();
    await page.waitForChanges();
    action(shadow, 'Revoke voice').click();
    await settle(page);
    expect(setRole).toHaveBeenLastCalledWith(LOUNGE, 'Bob', 'visitor');
    expect(groups(shadow)[2]).toEqual(['Visitors (2)', ['Bob', 'lurker']]);
    // The actions stay open, now offering voice.
    expect(actionButtons(shadow)).toEqual(['Private message', 'Grant voice', 'Kick', 'Block']);
    action(shadow, 'Grant voice').click();
    await settle(page);
    expect(setRole).toHaveBeenLastCalledWith(LOUNGE, 'Bob', 'participant');
    expect(groups(shadow)[2]).toEqual(['Visitors (1)', ['lurker']]);
  });

  it('Kick asks for confirmation with an optional reason, then kicks; the row goes away', async () => {
    const { page, shadow, session } = await occupantsPage();
    const kick = jest.spyOn(session.actions, 'kick');
    rowOf(shadow, 'Carol').click();
    await page.waitForChanges();
    action(shadow, 'Kick').click();
    await page.waitForChanges();
    expect(kick).not.toHaveBeenCalled();
    const confirm = shadow.querySelector<HTMLFormElement>('[part="confirm"]')!;
    expect(shadow.querySelector(`#${confirm.getAttribute('aria-labelledby')}`)!.textContent).toBe('Kick Carol out of the room? They can come back.');
    const reason = confirm.querySelector<HTMLInputElement>('input[name="reason"]')!;
    expect(confirm.querySelector(`label[for="${reason.id}"]`)!.textContent).toBe('Reason (optional)');

    // Cancel goes back without kicking.
    action(shadow, 'Cancel').click();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="confirm"]')).toBeNull();
    expect(kick).not.toHaveBeenCalled();

    action(shadow, 'Kick').click();
    await page.waitForChanges();
    shadow.querySelector<HTMLInputElement>('[part="confirm"] input[name="reason"]')!.value = 'Spam';
    shadow.querySelector('[part="confirm"]')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(kick).toHaveBeenCalledWith(LOUNGE, 'Carol', 'Spam');
    expect(shadow.querySelector('[data-nick="Carol"]')).toBeNull();
    expect(shadow.querySelector('[part="actions"]')).toBeNull();
    expect(shadow.querySelector('[part="count"]')!.textContent).toBe('20 people');
  });

  it('Ban confirms, then sets the affiliation outcast on the real JID', async () => {
    const { page, shadow, session } = await occupantsPage();
    const setAffiliation = jest.spyOn(session.actions, 'setAffiliation');
    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: occupant('Bob', { affiliation: 'member', jid: 'bob@demo.natter.chat' }) });
    await page.waitForChanges();
    rowOf(shadow, 'Bob').click();
    await page.waitForChanges();
    action(shadow, 'Ban').click();
    await page.waitForChanges();
    expect(shadow.querySelector('.confirm-text')!.textContent).toBe('Ban Bob from the room? They cannot come back until an admin lifts the ban.');
    expect(action(shadow, 'Ban').getAttribute('type')).toBe('submit');
    shadow.querySelector('[part="confirm"]')!.dispatchEvent(new Event('submit'));
    await settle(page);
    expect(setAffiliation).toHaveBeenCalledWith(LOUNGE, 'bob@demo.natter.chat', 'outcast', undefined);
  });

  it('Block confirms without a reason, then blocks the real JID, or the occupant address when the room hides it', async () => {
    const { page, shadow, session } = await occupantsPage();
    const block = jest.spyOn(session.actions, 'block');
    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: occupant('Bob', { jid: 'bob@demo.natter.chat' }) });
    session.dispatch({ type: 'occupant', room: LOUNGE, occupant: occupant('Anon') });
    await page.waitForChanges();
    for (const [nick, blocked] of [['Bob', 'bob@demo.natter.chat'], ['Anon', `${LOUNGE}/Anon`]]) {
      rowOf(shadow, nick).click();
      await page.waitForChanges();
      action(shadow, 'Block').click();
      await page.waitForChanges();
      expect(shadow.querySelector('.confirm-text')!.textContent).toBe(`Block ${nick}? You will no longer see their messages or requests.`);
      expect(shadow.querySelector('#confirm-reason')).toBeNull();
      shadow.querySelector('[part="confirm"]')!.dispatchEvent(new Event('submit'));
      await settle(page);
      expect(block).toHaveBeenLastCalledWith(blocked);
    }
    expect(Object.keys(session.roster.get('blocked')).sort()).toEqual(['bob@demo.natter.chat', `${LOUNGE}/Anon`].sort());
  });

  it('shows why a kick failed in an alert and keeps the confirmation', async () => {
    const { page, shadow, adapter } = await occupantsPage();
    jest.spyOn(adapter, 'kick').mockRejectedValue(new RoomError('unknown', 'not-allowed'));
    rowOf(shadow, 'Carol').click();
    await page.waitForChanges();
    action(shadow, 'Kick').click();
    await page.waitForChanges();
    shadow.querySelector('[part="confirm"]')!.dispatchEvent(new Event('submit'));
    await settle(page);
    const alert = shadow.querySelector('[part="actions"] [role="alert"]')!;
    expect(alert.textContent).toBe('Could not kick Carol: not-allowed');
    expect(shadow.querySelector('[part="confirm"]')).not.toBeNull();
    expect(rowOf(shadow, 'Carol')).toBeTruthy();
  });

  it('with thousands of occupants renders only the rows in view, in order, each with its place in its role', async () => {
    const { page, shadow } = await crowdedLounge();
    expect(shadow.querySelector('[part="count"]')!.textContent).toBe(`${CROWD + 21} people`);
    const rendered = renderedRows(shadow);
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(100);
    // Moderators (Alice, me), then the participants from the top, in order.
    expect(rendered.slice(0, 2)).toEqual([
      { nick: 'Alice', position: 1, size: 2 },
      { nick: 'me', position: 2, size: 2 },
    ]);
    expect(rendered.slice(2, 4).map(row => row.nick)).toEqual(['Ana', 'Ben']);
    expect(rendered.slice(2).every((row, index) => row.position === index + 1 && row.size === PARTICIPANTS)).toBe(true);
    expect(groups(shadow).map(([label]) => label)).toEqual(['Moderators (2)', `Participants (${PARTICIPANTS})`]);

    // Scrolled like a user to the end: the last visitors.
    const list = shadow.querySelector<HTMLElement>('[part="list"]')!;
    layOutScroller(list);
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await page.waitForChanges();
    const end = renderedRows(shadow);
    // The first row stays for Tab; the others are the last ones.
    expect(end[0].nick).toBe('Alice');
    expect(end.length).toBeLessThan(100);
    expect(end.at(-1)).toEqual({ nick: 'user1990', position: VISITORS, size: VISITORS });
    expect(groups(shadow).at(-1)![0]).toBe(`Visitors (${VISITORS})`);
  });

  it('End moves focus to the last of thousands of occupants, scrolled into view', async () => {
    const { page, shadow } = await crowdedLounge();
    layOutScroller(shadow.querySelector<HTMLElement>('[part="list"]')!);
    const focused: Element[] = [];
    jest.spyOn(Object.getPrototypeOf(rowOf(shadow, 'Alice')), 'focus').mockImplementation(function (this: Element) {
      focused.push(this);
    });
    await key(page, rowOf(shadow, 'Alice'), 'End');
    expect(focused.at(-1)!.getAttribute('data-nick')).toBe('user1990');
    const rendered = renderedRows(shadow);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered.at(-1)!.nick).toBe('user1990');
    const tabStops = Array.from(shadow.querySelectorAll('button[part="item"][tabindex="0"]')).map(button => button.getAttribute('data-nick'));
    expect(tabStops).toEqual(['user1990']);

    await key(page, focused.at(-1)!, 'Home');
    expect(focused.at(-1)!.getAttribute('data-nick')).toBe('Alice');
    expect(renderedRows(shadow)[0].nick).toBe('Alice');
  });

  it('filters thousands of occupants: the matches only, counted among themselves', async () => {
    const { page, shadow } = await crowdedLounge();
    const filter = shadow.querySelector<HTMLInputElement>('[part="filter"]')!;
    await typeInto(page, filter, 'user1999');
    expect(groups(shadow)).toEqual([['Participants (1)', ['user1999']]]);
    await typeInto(page, filter, 'user199');
    expect(groups(shadow)).toEqual([
      ['Participants (9)', ['user1991', 'user1992', 'user1993', 'user1994', 'user1995', 'user1996', 'user1997', 'user1998', 'user1999']],
      ['Visitors (1)', ['user1990']],
    ]);
    // user1900–user1999: every tenth a visitor.
    await typeInto(page, filter, 'user19');
    const rendered = renderedRows(shadow);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered.slice(0, 3)).toEqual([
      { nick: 'user1901', position: 1, size: 90 },
      { nick: 'user1902', position: 2, size: 90 },
      { nick: 'user1903', position: 3, size: 90 },
    ]);
  });

  it('emits no event when its room property is set', async () => {
    const { page, privateMessages } = await occupantsPage();
    page.root!.setAttribute('room', 'design@rooms.demo.natter.chat');
    await page.waitForChanges();
    expect(page.root!.shadowRoot!.querySelector('[part="empty"]')!.textContent).toBe('You are not in this room.');
    expect(privateMessages).toEqual([]);
  });
});
