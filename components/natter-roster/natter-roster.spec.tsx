import { h } from '@stencil/core';
import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import { createDemoAdapter, type DemoAdapter } from '../../adapters/demo/demo-adapter';
import type { Contact, Message } from '../../adapters/types';
import { createSession, type Session } from '../../session/session';
import { NatterRoster } from './natter-roster';
import type { NatterRosterSelectDetail } from './natter-roster-interface';
import { layOutScroller, settle } from '../shared/spec-helpers';
import { TYPE_AHEAD_MS } from '../shared/roving-focus';

const D = 'demo.natter.chat';
const ALICE = `alice@${D}`;
const BOB = `bob@${D}`;
const CAROL = `carol@${D}`;
const FARAH = `farah@${D}`;

function demoSession(): { session: Session; adapter: DemoAdapter } {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  return { session: createSession({ adapter }), adapter };
}

async function rosterPage(options: { signedIn?: boolean } = {}) {
  const { session, adapter } = demoSession();
  if (options.signedIn !== false) await session.actions.login({ jid: `me@${D}`, password: 'x' });
  const page = await newSpecPage({
    components: [NatterRoster],
    template: () => <natter-roster session={session}></natter-roster>,
  });
  await page.waitForChanges();
  const shadow = page.root!.shadowRoot!;
  const selected: NatterRosterSelectDetail[] = [];
  page.root!.addEventListener('natterRosterSelect', event => selected.push((event as CustomEvent<NatterRosterSelectDetail>).detail));
  return { page, shadow, session, adapter, selected };
}


function items(shadow: ShadowRoot): HTMLButtonElement[] {
  return Array.from(shadow.querySelectorAll<HTMLButtonElement>('[part="item"]'));
}

function rowOf(shadow: ShadowRoot, jid: string): HTMLButtonElement {
  const row = items(shadow).find(item => item.getAttribute('data-jid') === jid);
  if (!row) throw new Error(`no row for ${jid}`);
  return row;
}

/** Group label → display names of its rows, in order. */
function groups(shadow: ShadowRoot): [string, string[]][] {
  return Array.from(shadow.querySelectorAll('[part="group"]')).map(group => [
    group.querySelector('[part="group-label"]')!.textContent!,
    Array.from(group.querySelectorAll('[part="name"]')).map(name => name.textContent!),
  ]);
}

/** Text content minus aria-hidden subtrees, whitespace collapsed: roughly what a button's accessible name is made of. */
function accessibleText(element: Element): string {
  const collect = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (node.nodeType !== 1 || (node as Element).getAttribute('aria-hidden') === 'true') return '';
    return Array.from(node.childNodes).map(collect).join('');
  };
  return collect(element).replace(/\s+/g, ' ').trim();
}

async function typeInto(page: SpecPage, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await page.waitForChanges();
}

function incoming(id: string, from: string, body: string): Message {
  return { id, conversation: from, from, direction: 'in', body, timestamp: Date.now(), status: 'received' };
}

const BIG = 5000;

/** Replaces the roster with `count` contacts in no group, "Contact 0000" (c0000@big.example) on, all offline. */
function bigRoster(session: Session, count = BIG) {
  const contacts: Contact[] = Array.from({ length: count }, (_, index) => {
    const number = String(index).padStart(4, '0');
    return { jid: `c${number}@big.example`, name: `Contact ${number}`, groups: [], subscription: 'both', pendingOut: false };
  });
  session.dispatch({ type: 'roster', contacts });
}

/** The rendered list items (contact rows) in DOM order: name, aria-posinset, aria-setsize. */
/** A roster over 1,000 contacts is sorted in slices between renders: waits until its rows are shown. */
async function sortedShown(page: SpecPage, shadow: ShadowRoot): Promise<void> {
  await page.waitForChanges();
  for (let round = 0; round < 200 && listItems(shadow).length === 0; round++) {
    await new Promise(resolve => setTimeout(resolve, 5));
    await page.waitForChanges();
  }
}

function listItems(shadow: ShadowRoot): { name: string; position: number; size: number }[] {
  return Array.from(shadow.querySelectorAll('li.row')).map(row => ({
    name: row.querySelector('[part="name"]')!.textContent!,
    position: Number(row.getAttribute('aria-posinset')),
    size: Number(row.getAttribute('aria-setsize')),
  }));
}

function contactName(index: number): string {
  return `Contact ${String(index).padStart(4, '0')}`;
}

/** Collects the elements focus() is called on (the spec DOM does not move focus by itself). */
function watchFocus(element: Element): Element[] {
  const focused: Element[] = [];
  jest.spyOn(Object.getPrototypeOf(element), 'focus').mockImplementation(function (this: Element) {
    focused.push(this);
  });
  return focused;
}

describe('natter-roster', () => {
  it('renders every part of a signed-in roster', async () => {
    const { shadow } = await rosterPage();
    for (const part of [
      'base', 'header', 'add-button', 'requests', 'request', 'accept-button', 'deny-button',
      'filter', 'list', 'group', 'group-label', 'item', 'avatar', 'name', 'presence',
    ]) {
      expect({ part, found: shadow.querySelector(`[part~="${part}"]`) !== null }).toEqual({ part, found: true });
    }
    expect(shadow.querySelector('h2')!.textContent).toBe('Contacts');
    const filter = shadow.querySelector<HTMLInputElement>('[part="filter"]')!;
    expect(shadow.querySelector(`label[for="${filter.id}"]`)!.textContent).toBe('Filter contacts');
  });

  it('groups contacts by roster group (a contact in two groups in both, ungrouped last), most available first', async () => {
    const { shadow } = await rosterPage();
    expect(groups(shadow)).toEqual([
      ['Friends', ['Alice Martin', 'Carol Nguyen']],
      ['Work', ['Bob Okafor', 'Carol Nguyen', 'Dmitri Volkov']],
      ['Contacts', ['Elif Şahin']],
    ]);
    for (const group of Array.from(shadow.querySelectorAll('[part="group"]'))) {
      expect(group.getAttribute('role')).toBe('group');
      // Labelled by name, as its heading may be scrolled out of the DOM.
      expect(group.getAttribute('aria-label')).toBe(group.querySelector('[part="group-label"]')!.textContent);
    }
    // Each row says its place in its group.
    const work = Array.from(shadow.querySelectorAll('[part="group"]'))[1];
    expect(Array.from(work.querySelectorAll('li')).map(row => [row.getAttribute('aria-posinset'), row.getAttribute('aria-setsize')])).toEqual([
      ['1', '3'],
      ['2', '3'],
      ['3', '3'],
    ]);
  });

  it('orders by availability, then by name', async () => {
    const { page, shadow, adapter } = await rosterPage();
    adapter.emit({ type: 'presence', jid: `dmitri@${D}`, resource: 'laptop', presence: { show: 'chat', priority: 0 } });
    adapter.emit({ type: 'presence', jid: BOB, resource: 'phone', presence: undefined });
    await settle(page);
    expect(groups(shadow)[1]).toEqual(['Work', ['Dmitri Volkov', 'Carol Nguyen', 'Bob Okafor']]);
  });

  it('shows presence as text with the status message, the dot hidden from assistive technology, and an initial', async () => {
    const { shadow } = await rosterPage();
    const presence = (jid: string) => rowOf(shadow, jid).querySelector('[part="presence"]')!;
    expect(presence(ALICE).textContent).toBe('Online');
    expect(presence(BOB).textContent).toBe('Online: Reviewing the roadmap');
    expect(presence(CAROL).textContent).toBe('Do not disturb: Focus time');
    expect(presence(`dmitri@${D}`).textContent).toBe('Offline');
    expect(presence(`elif@${D}`).textContent).toBe('Away for a while');
    expect(presence(ALICE).querySelector('.dot')!.getAttribute('aria-hidden')).toBe('true');

    const alice = rowOf(shadow, ALICE);
    const avatar = alice.querySelector('[part="avatar"]')!;
    expect(avatar.textContent).toBe('A');
    expect(avatar.getAttribute('aria-hidden')).toBe('true');
    // The row's accessible name is its text without the avatar: name and presence, apart.
    expect(accessibleText(alice)).toBe('Alice Martin Online');
  });

  it('shows "Waiting for approval" for a contact with an outgoing request pending', async () => {
    const { page, shadow, session } = await rosterPage();
    session.dispatch({
      type: 'rosterPush',
      contact: { jid: `gina@${D}`, name: 'Gina', groups: [], subscription: 'none', pendingOut: true },
    });
    await page.waitForChanges();
    expect(rowOf(shadow, `gina@${D}`).querySelector('[part="presence"]')!.textContent).toBe('Waiting for approval');
  });

  it('says it is loading before the roster arrives, and that it is empty once an empty one did', async () => {
    const { page, shadow, session } = await rosterPage({ signedIn: false });
    const notice = () => shadow.querySelector('[part="empty"]')!;
    expect(notice().textContent).toBe('Loading contacts…');
    expect(notice().getAttribute('role')).toBe('status');
    expect(shadow.querySelector('[part="list"]')).toBeNull();
    session.dispatch({ type: 'roster', contacts: [] });
    await page.waitForChanges();
    expect(notice().textContent).toBe('No contacts yet. Add one with their chat address.');
  });

  it('filters by name or address, ignoring case, and says when nothing matches', async () => {
    const { page, shadow } = await rosterPage();
    const filter = shadow.querySelector<HTMLInputElement>('[part="filter"]')!;

    await typeInto(page, filter, 'CAR');
    expect(groups(shadow)).toEqual([
      ['Friends', ['Carol Nguyen']],
      ['Work', ['Carol Nguyen']],
    ]);

    await typeInto(page, filter, 'dmitri@demo');
    expect(groups(shadow)).toEqual([['Work', ['Dmitri Volkov']]]);

    await typeInto(page, filter, 'şah');
    expect(groups(shadow)).toEqual([['Contacts', ['Elif Şahin']]]);

    await typeInto(page, filter, 'zz');
    expect(items(shadow)).toEqual([]);
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe('No contact matches “zz”.');

    await typeInto(page, filter, '');
    expect(items(shadow)).toHaveLength(6);
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe('');
  });

  it('shows the unread count with accessible text once a message arrives', async () => {
    const { page, shadow, session } = await rosterPage();
    expect(rowOf(shadow, ALICE).querySelector('[part="unread"]')).toBeNull();

    session.dispatch({ type: 'message', message: incoming('m1', ALICE, 'hello') });
    await page.waitForChanges();
    let unread = rowOf(shadow, ALICE).querySelector('[part="unread"]')!;
    expect(unread.querySelector('[aria-hidden="true"]')!.textContent).toBe('1');
    expect(unread.querySelector('.visually-hidden')!.textContent).toBe('1 unread message');
    expect(accessibleText(rowOf(shadow, ALICE))).toBe('Alice Martin Online 1 unread message');

    session.dispatch({ type: 'message', message: incoming('m2', ALICE, 'are you there?') });
    await page.waitForChanges();
    unread = rowOf(shadow, ALICE).querySelector('[part="unread"]')!;
    expect(unread.querySelector('.visually-hidden')!.textContent).toBe('2 unread messages');
    expect(rowOf(shadow, BOB).querySelector('[part="unread"]')).toBeNull();
  });

  it('selecting a contact emits natterRosterSelect and opens the conversation, marking its rows current', async () => {
    const { page, shadow, session, selected } = await rosterPage();
    session.dispatch({ type: 'message', message: incoming('m1', CAROL, 'ping') });
    await page.waitForChanges();

    rowOf(shadow, CAROL).click();
    await page.waitForChanges();
    expect(selected).toEqual([{ jid: CAROL }]);
    expect(session.conversations.get('active')).toBe(CAROL);
    const current = items(shadow).filter(item => item.getAttribute('aria-current') === 'true');
    expect(current.map(item => item.getAttribute('data-jid'))).toEqual([CAROL, CAROL]);
    expect(rowOf(shadow, CAROL).querySelector('[part="unread"]')).toBeNull();
    expect(rowOf(shadow, ALICE).hasAttribute('aria-current')).toBe(false);
  });

  it('does not open the conversation when natterRosterSelect is default-prevented', async () => {
    const { page, shadow, session, selected } = await rosterPage();
    const open = jest.spyOn(session.actions, 'openConversation');
    page.root!.addEventListener('natterRosterSelect', event => event.preventDefault());
    rowOf(shadow, BOB).click();
    await page.waitForChanges();
    expect(selected).toEqual([{ jid: BOB }]);
    expect(open).not.toHaveBeenCalled();
    expect(session.conversations.get('active')).toBeNull();
  });

  it('marks the active conversation set from outside without emitting an event', async () => {
    const { page, shadow, session, selected } = await rosterPage();
    session.actions.openConversation(BOB);
    await page.waitForChanges();
    expect(rowOf(shadow, BOB).getAttribute('aria-current')).toBe('true');
    expect(selected).toEqual([]);
  });

  it('is one tab stop; arrow keys, Home and End move between contacts', async () => {
    const { page, shadow } = await rosterPage();
    const tabbable = () => items(shadow).filter(item => item.getAttribute('tabindex') === '0');
    expect(tabbable()).toEqual([items(shadow)[0]]);
    expect(items(shadow).slice(1).every(item => item.getAttribute('tabindex') === '-1')).toBe(true);

    const key = async (target: Element, name: string) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
      await page.waitForChanges();
    };
    await key(items(shadow)[0], 'ArrowDown');
    expect(tabbable()).toEqual([items(shadow)[1]]);
    await key(items(shadow)[1], 'End');
    expect(tabbable()).toEqual([items(shadow)[5]]);
    await key(items(shadow)[5], 'ArrowDown');
    expect(tabbable()).toEqual([items(shadow)[5]]);
    await key(items(shadow)[5], 'ArrowUp');
    expect(tabbable()).toEqual([items(shadow)[4]]);
    await key(items(shadow)[4], 'Home');
    expect(tabbable()).toEqual([items(shadow)[0]]);

    // ArrowDown in the filter box goes to the first contact.
    const first = items(shadow)[0];
    const focus = jest.spyOn(first, 'focus');
    await key(shadow.querySelector('[part="filter"]')!, 'ArrowDown');
    expect(focus).toHaveBeenCalled();
  });

  it('type to search: letters on a row move to the next contact whose name starts with them', async () => {
    const { page, shadow } = await rosterPage();
    // The type-ahead's clock: letters typed more than TYPE_AHEAD_MS apart start a new search.
    let now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    const names = () => items(shadow).map(item => item.getAttribute('data-jid'));
    const tabStop = () => items(shadow).find(item => item.getAttribute('tabindex') === '0')!.getAttribute('data-jid');
    const type = async (name: string, options: KeyboardEventInit = {}) => {
      const target = items(shadow).find(item => item.getAttribute('tabindex') === '0')!;
      const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...options });
      target.dispatchEvent(event);
      await page.waitForChanges();
      return event.defaultPrevented;
    };
    const order = names();
    // Carol is in two groups: a repeated letter steps through both of her rows, then on to the next C.
    expect(order.filter(jid => jid === CAROL)).toHaveLength(2);
    expect(await type('c')).toBe(true);
    expect(tabStop()).toBe(CAROL);
    const firstCarol = items(shadow).findIndex(item => item.getAttribute('tabindex') === '0');
    await type('c');
    expect(tabStop()).toBe(CAROL);
    expect(items(shadow).findIndex(item => item.getAttribute('tabindex') === '0')).not.toBe(firstCarol);
    // Letters typed together search by the whole prefix; a name that nothing starts with moves nowhere.
    now += TYPE_AHEAD_MS + 1;
    await type('B');
    expect(tabStop()).toBe(BOB);
    expect(await type('x')).toBe(false);
    expect(tabStop()).toBe(BOB);
    // Shortcuts and Space are not letters to search by.
    now += TYPE_AHEAD_MS + 1;
    expect(await type('a', { ctrlKey: true })).toBe(false);
    expect(await type(' ')).toBe(false);
    expect(tabStop()).toBe(BOB);
    await type('a');
    expect(tabStop()).toBe(ALICE);
    clock.mockRestore();
  });

  it('sorts a roster of over 1,000 contacts between renders: loading meanwhile, then the rows in order', async () => {
    const { page, shadow, session } = await rosterPage();
    bigRoster(session);
    await page.waitForChanges();
    expect(listItems(shadow)).toEqual([]);
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe('Loading contacts…');
    await sortedShown(page, shadow);
    expect(listItems(shadow).slice(0, 3).map(row => row.name)).toEqual([contactName(0), contactName(1), contactName(2)]);
    expect(shadow.querySelector('[part="empty"]')!.textContent).toBe('');
  });

  it('with 5,000 contacts renders only the rows in view, in order, each with its place among all', async () => {
    const { page, shadow, session } = await rosterPage();
    bigRoster(session);
    await sortedShown(page, shadow);
    const rendered = listItems(shadow);
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered).toEqual(rendered.map((_, index) => ({ name: contactName(index), position: index + 1, size: BIG })));
    expect(groups(shadow).map(([label]) => label)).toEqual(['Contacts']);
    // The container is as tall as all rows, so the scrollbar tells the list's length.
    const container = shadow.querySelector<HTMLElement>('[part="list"] > div')!;
    expect(parseFloat(container.style.blockSize)).toBeGreaterThan(BIG * 40);
  });

  it('renders the rows scrolled into view; the group keeps its label when its heading scrolled away', async () => {
    const { page, shadow, session } = await rosterPage();
    bigRoster(session);
    await sortedShown(page, shadow);
    const list = shadow.querySelector<HTMLElement>('[part="list"]')!;
    layOutScroller(list);
    list.scrollTop = 2500 * 53;
    list.dispatchEvent(new Event('scroll'));
    await page.waitForChanges();
    const positions = listItems(shadow).map(row => row.position);
    // The first row kept for Tab, then the rows around the offset.
    expect(positions[0]).toBe(1);
    const inView = positions.slice(1);
    expect(inView.length).toBeLessThan(100);
    expect(inView).toEqual(inView.map((_, index) => inView[0] + index));
    expect(inView[0]).toBeGreaterThan(2400);
    expect(inView[0]).toBeLessThan(2600);
    expect(listItems(shadow)[1].name).toBe(contactName(inView[0] - 1));
    expect(shadow.querySelector('[part="group"]')!.getAttribute('aria-label')).toBe('Contacts');
  });

  it('End moves focus to the last of 5,000 contacts, scrolled into view; Home, PageDown and ArrowUp move by index', async () => {
    const { page, shadow, session } = await rosterPage();
    bigRoster(session);
    await sortedShown(page, shadow);
    layOutScroller(shadow.querySelector<HTMLElement>('[part="list"]')!);
    const focused = watchFocus(items(shadow)[0]);
    const key = async (name: string) => {
      const target = focused.at(-1) ?? items(shadow)[0];
      target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
      await page.waitForChanges();
    };
    const focusedName = () => focused.at(-1)!.querySelector('[part="name"]')!.textContent;
    const tabStops = () => items(shadow).filter(item => item.getAttribute('tabindex') === '0').map(item => item.querySelector('[part="name"]')!.textContent);

    await key('End');
    expect(focusedName()).toBe(contactName(BIG - 1));
    expect(tabStops()).toEqual([contactName(BIG - 1)]);
    const positions = listItems(shadow).map(row => row.position);
    expect(positions.length).toBeLessThan(100);
    expect(positions.at(-1)).toBe(BIG);
    expect(positions).toEqual(positions.map((_, index) => BIG - positions.length + 1 + index));

    await key('Home');
    expect(focusedName()).toBe(contactName(0));
    expect(listItems(shadow)[0].position).toBe(1);
    await key('PageDown');
    const paged = Number(focusedName()!.slice('Contact '.length));
    expect(paged).toBeGreaterThan(5);
    expect(paged).toBeLessThan(20);
    await key('ArrowUp');
    expect(focusedName()).toBe(contactName(paged - 1));
    expect(tabStops()).toEqual([contactName(paged - 1)]);
  });

  it('filters 5,000 contacts: the matches only, counted among themselves', async () => {
    const { page, shadow, session } = await rosterPage();
    bigRoster(session);
    await sortedShown(page, shadow);
    const filter = shadow.querySelector<HTMLInputElement>('[part="filter"]')!;
    await typeInto(page, filter, 'contact 49');
    const rendered = listItems(shadow);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered).toEqual(rendered.map((_, index) => ({ name: contactName(4900 + index), position: index + 1, size: 100 })));

    await typeInto(page, filter, 'C4999@BIG');
    expect(listItems(shadow)).toEqual([{ name: contactName(4999), position: 1, size: 1 }]);
  });

  it('lists contact requests; Accept approves, removes the request and adds the contact', async () => {
    const { page, shadow, session } = await rosterPage();
    const approve = jest.spyOn(session.actions, 'approveSubscription');
    const requests = shadow.querySelector('[part="requests"]')!;
    expect(requests.querySelector('h3')!.textContent).toBe('Contact requests');
    const request = requests.querySelector('[part="request"]')!;
    expect(request.textContent).toContain(`Farah Haddad (${FARAH}) wants to add you as a contact`);
    const accept = request.querySelector<HTMLButtonElement>('[part="accept-button"]')!;
    expect(accept.textContent).toBe('Accept');
    expect(shadow.querySelector(`#${accept.getAttribute('aria-describedby')}`)!.textContent).toContain(FARAH);

    accept.click();
    await settle(page);
    expect(approve).toHaveBeenCalledWith(FARAH);
    expect(shadow.querySelector('[part="requests"]')).toBeNull();
    expect(session.roster.get('requests')).toEqual([]);
    expect(groups(shadow)[2]).toEqual(['Contacts', ['Farah Haddad', 'Elif Şahin']]);
    expect(rowOf(shadow, FARAH).querySelector('[part="presence"]')!.textContent).toBe('Online');
  });

  it('Deny denies the request and does not add the contact', async () => {
    const { page, shadow, session } = await rosterPage();
    const deny = jest.spyOn(session.actions, 'denySubscription');
    shadow.querySelector<HTMLButtonElement>('[part="deny-button"]')!.click();
    await settle(page);
    expect(deny).toHaveBeenCalledWith(FARAH);
    expect(shadow.querySelector('[part="requests"]')).toBeNull();
    expect(items(shadow).some(item => item.getAttribute('data-jid') === FARAH)).toBe(false);
  });

  it('shows why answering a request failed', async () => {
    const { page, shadow, adapter } = await rosterPage();
    jest.spyOn(adapter, 'approveSubscription').mockRejectedValue(new Error('service-unavailable'));
    shadow.querySelector<HTMLButtonElement>('[part="accept-button"]')!.click();
    await settle(page);
    const alert = shadow.querySelector('[part="request"] [role="alert"]')!;
    expect(alert.textContent).toBe(`Could not answer ${FARAH}: service-unavailable`);
    expect(shadow.querySelector('[part="accept-button"]')!.hasAttribute('disabled')).toBe(false);
  });

  it('adds a contact with the inline form, validating the address first', async () => {
    const { page, shadow, session } = await rosterPage();
    const add = jest.spyOn(session.actions, 'addContact');
    const addButton = shadow.querySelector<HTMLButtonElement>('[part="add-button"]')!;
    expect(addButton.getAttribute('aria-expanded')).toBe('false');
    expect(shadow.querySelector('[part="add-form"]')).toBeNull();

    addButton.click();
    await page.waitForChanges();
    expect(addButton.getAttribute('aria-expanded')).toBe('true');
    const form = shadow.querySelector<HTMLFormElement>('[part="add-form"]')!;
    expect(addButton.getAttribute('aria-controls')).toBe(form.id);
    const labels = Array.from(form.querySelectorAll('label')).map(label => label.textContent);
    expect(labels).toEqual(['Contact address', 'Name (optional)', 'Group (optional)']);

    const jid = shadow.querySelector<HTMLInputElement>('#add-jid')!;
    await typeInto(page, jid, 'not valid');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(page);
    expect(add).not.toHaveBeenCalled();
    expect(jid.getAttribute('aria-invalid')).toBe('true');
    expect(shadow.querySelector(`#${jid.getAttribute('aria-describedby')}`)!.textContent).toBe(
      'Enter a chat address like name@example.org.',
    );

    await typeInto(page, jid, ` hana@${D} `);
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#add-name')!, 'Hana');
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#add-group')!, 'Book club');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(page);
    expect(add).toHaveBeenCalledWith(`hana@${D}`, 'Hana', ['Book club']);
    expect(shadow.querySelector('[part="add-form"]')).toBeNull();
    expect(groups(shadow).map(([label]) => label)).toEqual(['Book club', 'Friends', 'Work', 'Contacts']);
  });

  it('adds a contact without a group as ungrouped', async () => {
    const { page, shadow, session } = await rosterPage();
    const add = jest.spyOn(session.actions, 'addContact');
    shadow.querySelector<HTMLButtonElement>('[part="add-button"]')!.click();
    await page.waitForChanges();
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#add-jid')!, `ivan@${D}`);
    shadow.querySelector('[part="add-form"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(page);
    expect(add).toHaveBeenCalledWith(`ivan@${D}`, undefined, []);
  });

  it('says why adding a contact failed and keeps the form open', async () => {
    const { page, shadow, adapter } = await rosterPage();
    jest.spyOn(adapter, 'addContact').mockRejectedValue(new Error('not-allowed'));
    shadow.querySelector<HTMLButtonElement>('[part="add-button"]')!.click();
    await page.waitForChanges();
    await typeInto(page, shadow.querySelector<HTMLInputElement>('#add-jid')!, `jo@${D}`);
    shadow.querySelector('[part="add-form"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(page);
    const alert = shadow.querySelector('[part="add-form"] [role="alert"]')!;
    expect(alert.textContent).toBe(`Could not add jo@${D}: not-allowed`);
    expect(shadow.querySelector('[part="add-form"]')).not.toBeNull();
  });

  it('Cancel and Escape close the add form', async () => {
    const { page, shadow } = await rosterPage();
    const addButton = shadow.querySelector<HTMLButtonElement>('[part="add-button"]')!;
    addButton.click();
    await page.waitForChanges();
    const cancel = Array.from(shadow.querySelectorAll<HTMLButtonElement>('[part="form-button"]')).find(b => b.textContent === 'Cancel')!;
    cancel.click();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="add-form"]')).toBeNull();

    addButton.click();
    await page.waitForChanges();
    shadow.querySelector('#add-jid')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="add-form"]')).toBeNull();
    expect(addButton.getAttribute('aria-expanded')).toBe('false');
  });
});
