import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import type { Message } from '../../adapters/types';
import { NatterChatbox } from './natter-chatbox';
import { NatterComposer } from '../natter-composer/natter-composer';
import { NatterMessage } from '../natter-message/natter-message';
import { signedInDemoSession } from '../shared/demo-session';
import { buildTimeline } from './grouping';
import { settle } from '../shared/spec-helpers';

const ALICE = 'alice@demo.natter.chat';

function incoming(id: string, body: string, timestamp = Date.now()): Message {
  return { id, conversation: ALICE, from: ALICE, direction: 'in', body, timestamp, status: 'received' };
}

async function chatbox() {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterChatbox, NatterComposer, NatterMessage],
    template: () => <natter-chatbox session={session} conversation={ALICE}></natter-chatbox>,
  });
  await page.waitForChanges();
  const shadow = page.root!.shadowRoot!;
  return { page, session, adapter, shadow };
}

describe('natter-chatbox', () => {
  it('shows the contact name, presence as text, and loads the archive when opened', async () => {
    const { shadow, session } = await chatbox();
    expect(shadow.querySelector('[part="title"]')!.textContent).toBe('Alice Martin');
    expect(shadow.querySelector('[part="presence"]')!.textContent).toContain('Online');
    expect(session.conversations.get('active')).toBe(ALICE);
    const bodies = Array.from(shadow.querySelectorAll('natter-message')).map(el => (el as any).message.body);
    expect(bodies).toContain('Are we still on for the XMPP meetup?');
    expect(shadow.querySelector('[part="list"]')!.getAttribute('role')).toBe('feed');
  });

  it('says so when every client of the contact is known (XEP-0115) not to show corrections, and only then', async () => {
    const { page, session, shadow } = await chatbox();
    const note = () => shadow.querySelector('[part="capability-note"]');
    const resources = Object.keys(session.roster.get('presence')[ALICE].resources);
    expect(resources.length).toBeGreaterThan(0);
    expect(note()).toBeNull(); // unknown says nothing
    for (const resource of resources) session.dispatch({ type: 'resourceFeatures', jid: ALICE, resource, features: ['urn:xmpp:receipts'] });
    await settle(page);
    expect(note()?.textContent).toBe('Alice Martin’s app does not show message corrections: an edit reaches them as a new message.');
    session.dispatch({ type: 'resourceFeatures', jid: ALICE, resource: resources[0], features: ['urn:xmpp:message-correct:0'] });
    await settle(page);
    expect(note()).toBeNull();
  });

  it('an empty conversation is a region saying so, a feed from its first message on', async () => {
    const { session } = await signedInDemoSession();
    const carol = 'carol@demo.natter.chat';
    const page = await newSpecPage({
      components: [NatterChatbox, NatterComposer, NatterMessage],
      template: () => <natter-chatbox session={session} conversation={carol}></natter-chatbox>,
    });
    await settle(page);
    const list = () => page.root!.shadowRoot!.querySelector('[part="list"]')!;
    expect(list().getAttribute('role')).toBe('region');
    expect(list().getAttribute('aria-label')).toContain('Carol Nguyen');
    expect(list().textContent).toContain('No messages yet.');
    session.dispatch({ type: 'message', message: { ...incoming('first', 'Hello!'), conversation: carol, from: carol } });
    await settle(page);
    expect(list().getAttribute('role')).toBe('feed');
    expect(list().textContent).not.toContain('No messages yet.');
  });

  it('separates days and groups consecutive messages of one sender', async () => {
    const { shadow } = await chatbox();
    const days = Array.from(shadow.querySelectorAll('[part="day"]')).map(el => el.textContent);
    expect(days).toContain('Today');
    expect(days).toContain('Yesterday');
    const grouped = Array.from(shadow.querySelectorAll('natter-message')).map(el => (el as any).grouped);
    expect(grouped).toContain(true);
    expect(grouped[0]).toBe(false);
  });

  it('while following, fills at most eight new rows a frame, the newest first, and the rest in the next frames', async () => {
    const { page, shadow, adapter, session } = await chatbox();
    const t0 = Date.now();
    for (let i = 1; i <= 40; i++) adapter.emit({ type: 'message', message: incoming(`burst-${i}`, `burst line ${i}`, t0 + i) });
    session.flush();
    await page.waitForChanges();
    const rows = () => Array.from(shadow.querySelectorAll('[role="article"]'));
    const burstRows = () => rows().filter(row => row.querySelector('natter-message[data-message-id^="burst-"]'));
    const waiting = () => rows().filter(row => row.getAttribute('aria-busy') === 'true');
    const index = (row: Element) => Number(row.getAttribute('data-index'));
    expect(burstRows().length).toBeGreaterThan(0);
    expect(burstRows().length).toBeLessThanOrEqual(8);
    // The others wait as placeholders (rows of the feed, busy, with no message yet), all older than the filled ones.
    expect(waiting().length).toBeGreaterThan(0);
    expect(waiting().every(row => !row.querySelector('natter-message'))).toBe(true);
    expect(Math.max(...waiting().map(index))).toBeLessThan(Math.min(...burstRows().map(index)));
    await settle(page, 8);
    expect(waiting()).toHaveLength(0);
    expect(burstRows().length).toBeGreaterThan(8);
    const order = rows().map(index);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('in a room, says who is typing: one, two, and the first two of many with a count', async () => {
    const { session } = await signedInDemoSession();
    const room = 'lounge@conference.demo.natter.chat';
    const member = (nick: string) => ({ nick, role: 'participant' as const, affiliation: 'member' as const, show: 'online' as const });
    session.dispatch({ type: 'roomJoining', room, nick: 'me' });
    for (const nick of ['Ann', 'Ben', 'Cat', 'Dan']) session.dispatch({ type: 'occupant', room, occupant: member(nick) });
    session.dispatch({ type: 'roomJoined', room, self: member('me') });
    const page = await newSpecPage({
      components: [NatterChatbox, NatterComposer, NatterMessage],
      template: () => <natter-chatbox session={session} conversation={room}></natter-chatbox>,
    });
    const typing = async (nick: string, state: 'composing' | 'paused') => {
      session.dispatch({ type: 'chatState', conversation: room, from: `${room}/${nick}`, state });
      await settle(page);
      return page.root!.shadowRoot!.querySelector('[part="typing"]')!.textContent;
    };
    expect(await typing('Ann', 'composing')).toBe('Ann is typing…');
    expect(await typing('Ben', 'composing')).toBe('Ann and Ben are typing…');
    expect(await typing('Cat', 'composing')).toBe('Ann, Ben, and Cat are typing…');
    expect(await typing('Dan', 'composing')).toBe('Ann, Ben, and 2 others are typing…');
    expect(await typing('Ann', 'paused')).toBe('Ben, Cat, and Dan are typing…');
  });

  it('renders a new incoming message and the typing indicator', async () => {
    const { page, shadow, adapter } = await chatbox();
    adapter.emit({ type: 'chatState', conversation: ALICE, from: ALICE, state: 'composing' });
    await settle(page);
    expect(shadow.querySelector('[part="typing"]')!.textContent).toBe('Alice Martin is typing…');
    adapter.emit({ type: 'message', message: incoming('new-1', 'fresh news') });
    await settle(page);
    const last = Array.from(shadow.querySelectorAll('natter-message')).pop() as any;
    expect(last.message.body).toBe('fresh news');
    expect(shadow.querySelector('[part="typing"]')!.textContent).toBe('');
  });

  it('shows the history error with a retry', async () => {
    const { page, shadow, session } = await chatbox();
    session.dispatch({ type: 'historyError', conversation: ALICE, error: 'item-not-found' });
    await page.waitForChanges();
    const history = shadow.querySelector('[part="history"]')!;
    expect(history.getAttribute('role')).toBe('alert');
    expect(history.textContent).toContain('item-not-found');
  });

  it('renders a bounded window of a long conversation, in order, each message with its id', async () => {
    const { page, shadow, adapter, session } = await chatbox();
    // Newer than the demo's history, which the store's window would otherwise keep instead.
    const start = Math.max(...session.conversation(ALICE).get('messages').map(m => m.timestamp)) + 1;
    for (let n = 0; n < 2_000; n++) adapter.emit({ type: 'message', message: incoming(`bulk-${n}`, `bulk ${n}`, start + n) });
    session.flush();
    await page.waitForChanges();
    const rendered = Array.from(shadow.querySelectorAll('natter-message'));
    // Without layout the list assumes a 600 px viewport: a screenful and the overscan, not 2,000.
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
    const ids = rendered.map(el => el.getAttribute('data-message-id'));
    expect(ids).toEqual(rendered.map(el => (el as any).message.id));
    const rows = Array.from(shadow.querySelectorAll('[data-index]')).map(row => Number(row.getAttribute('data-index')));
    expect(rows).toEqual(rows.map((_, i) => rows[0] + i)); // one contiguous run of rows
    // Screen readers are told where a row sits in the whole conversation.
    const articles = Array.from(shadow.querySelectorAll('[part="list"] [role="article"]'));
    expect(articles.map(a => Number(a.getAttribute('aria-posinset')))).toEqual(rows.map(index => index + 1));
    expect(new Set(articles.map(a => a.getAttribute('aria-setsize')))).toEqual(new Set([articles[0].getAttribute('aria-setsize')]));
    expect(Number(articles[0].getAttribute('aria-setsize'))).toBeGreaterThan(2_000);
  });

  it('takes focus moving into an older row (a screen reader reading back) as leaving the newest, and the jump as coming back', async () => {
    const { page, shadow, adapter, session } = await chatbox();
    const start = Date.now() - 3_000_000;
    for (let n = 0; n < 200; n++) adapter.emit({ type: 'message', message: incoming(`old-${n}`, `old ${n}`, start + n * 1_000) });
    session.flush();
    await page.waitForChanges();
    const jump = () => shadow.querySelector('[part="jump"]') as HTMLButtonElement | null;
    expect(jump()).toBeNull();
    // Without layout the rows in view are the first ones: far from the newest.
    const older = shadow.querySelector('natter-message')!;
    older.dispatchEvent(new Event('focusin', { bubbles: true, composed: true }));
    await page.waitForChanges();
    expect(jump()).not.toBeNull();
    expect(session.conversation(ALICE).get('followingLatest')).toBe(false);
    adapter.emit({ type: 'message', message: incoming('news', 'news while reading back') });
    session.flush();
    await page.waitForChanges();
    expect(jump()!.textContent).toContain('1 new message');
    jump()!.click();
    await page.waitForChanges();
    expect(jump()).toBeNull();
    expect(session.conversation(ALICE).get('followingLatest')).toBe(true);
  });

  it('keeps following when focus moves into one of the newest rows', async () => {
    const { page, shadow, session } = await chatbox();
    const rows = Array.from(shadow.querySelectorAll('[data-index]'));
    rows[rows.length - 1].dispatchEvent(new Event('focusin', { bubbles: true, composed: true }));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="jump"]')).toBeNull();
    expect(session.conversation(ALICE).get('followingLatest')).not.toBe(false);
  });

  it('announces one new message with its sender, a burst as a count, and neither history nor own messages', async () => {
    const { page, shadow, adapter, session } = await chatbox();
    const announcer = () => shadow.querySelector('[part="announcer"]')!;
    expect(announcer().getAttribute('role')).toBe('status');
    expect(announcer().textContent).toBe('');
    adapter.emit({ type: 'message', message: incoming('one', 'fresh news') });
    session.flush();
    await page.waitForChanges();
    expect(announcer().textContent).toBe('Alice Martin: fresh news');
    // A /me message (XEP-0245) is read as what its sender does.
    adapter.emit({ type: 'message', message: incoming('act', '/me waves') });
    session.flush();
    await page.waitForChanges();
    expect(announcer().textContent).toBe('Alice Martin waves');
    for (const id of ['b1', 'b2', 'b3']) adapter.emit({ type: 'message', message: incoming(id, id) });
    session.flush();
    await page.waitForChanges();
    expect(announcer().textContent).toBe('3 new messages');
    session.actions.sendMessage(ALICE, 'my own words');
    await page.waitForChanges();
    expect(announcer().textContent).toBe('3 new messages');
    session.dispatch({ type: 'history', conversation: ALICE, messages: [incoming('old', 'from the archive', 1)], complete: true });
    await page.waitForChanges();
    expect(announcer().textContent).toBe('3 new messages');
  });

  it('with no conversation asks the user to choose one', async () => {
    const { session } = await signedInDemoSession();
    const page = await newSpecPage({ components: [NatterChatbox], template: () => <natter-chatbox session={session}></natter-chatbox> });
    expect(page.root!.shadowRoot!.querySelector('[part="empty"]')!.textContent).toBe('Choose a contact to start chatting.');
  });
});

describe('buildTimeline', () => {
  it('does not group across a day boundary or a long pause', () => {
    const day = new Date(2026, 0, 1, 23, 58).getTime();
    const items = buildTimeline([
      incoming('a', 'a', day),
      incoming('b', 'b', day + 60_000),
      incoming('c', 'c', day + 3 * 60_000),
      incoming('d', 'd', day + 30 * 60_000),
    ]);
    expect(items.map(item => (item.kind === 'day' ? 'day' : item.kind === 'notices' ? 'notices' : `${item.message.id}${item.grouped ? '+' : ''}`))).toEqual([
      'day', 'a', 'b+', 'day', 'c', 'd',
    ]);
  });
});

const LOUNGE = 'lounge@rooms.demo.natter.chat';

async function roomChatbox() {
  const { session, adapter } = await signedInDemoSession();
  await new Promise(resolve => setTimeout(resolve, 0)); // the demo autojoins the lounge after login
  const page = await newSpecPage({
    components: [NatterChatbox, NatterComposer, NatterMessage],
    template: () => <natter-chatbox session={session} conversation={LOUNGE}></natter-chatbox>,
  });
  await page.waitForChanges();
  return { page, session, adapter, shadow: page.root!.shadowRoot! };
}

function occupantEvent(nick: string) {
  return { type: 'occupant' as const, room: LOUNGE, occupant: { nick, role: 'participant' as const, affiliation: 'none' as const, show: 'online' as const } };
}

describe('natter-chatbox in a room', () => {
  it('shows the room name, subject and occupant count, and nicks on messages', async () => {
    const { shadow, session } = await roomChatbox();
    expect(session.conversation(LOUNGE).get('room')?.status).toBe('joined');
    expect(shadow.querySelector('[part="title"]')!.textContent).toBe('Natter lounge');
    expect(shadow.querySelector('[part="subject"]')!.textContent).toBe('Welcome! Be kind, stay on topic.');
    const count = Object.keys(session.conversation(LOUNGE).get('occupants')).length;
    expect(shadow.querySelector('[part="occupant-count"]')!.textContent).toBe(`${count} people`);
    const first = shadow.querySelector('natter-message') as any;
    expect(first.senderName).toBe('Alice');
  });

  it('lists a few joins and leaves, and collapses many into one summary', async () => {
    const { page, shadow, adapter } = await roomChatbox();
    adapter.emit(occupantEvent('Zed'));
    adapter.emit({ type: 'occupantLeft', room: LOUNGE, nick: 'Zed', reason: 'left' });
    await settle(page);
    let notices = Array.from(shadow.querySelectorAll('[part="notices"]'));
    expect(notices.pop()!.textContent).toBe('Zed joinedZed left');
    for (const nick of ['N1', 'N2', 'N3', 'N4']) adapter.emit(occupantEvent(nick));
    adapter.emit({ type: 'occupantLeft', room: LOUNGE, nick: 'Bob', reason: 'kicked', actor: 'Alice' });
    await settle(page);
    notices = Array.from(shadow.querySelectorAll('[part="notices"]'));
    const summary = notices.pop()!;
    expect(summary.tagName).toBe('DETAILS');
    expect(summary.querySelector('summary')!.textContent).toBe('5 joined, 1 left, 1 room event');
    expect(summary.textContent).toContain('Bob was removed by Alice');
  });

  it('lists the lines of a long run of notices only once the reader opens it', async () => {
    const { page, shadow, adapter } = await roomChatbox();
    for (let i = 0; i < 60; i++) adapter.emit(occupantEvent(`Guest ${i}`));
    await settle(page);
    const run = () => Array.from(shadow.querySelectorAll('details[part="notices"]')).pop() as HTMLDetailsElement;
    expect(run().querySelector('summary')!.textContent).toBe('60 joined');
    expect(run().querySelectorAll('li')).toHaveLength(0);
    run().open = true;
    run().dispatchEvent(new Event('toggle'));
    await settle(page);
    expect(run().open).toBe(true);
    expect(run().querySelectorAll('li')).toHaveLength(60);
    expect(run().querySelector('li')!.textContent).toBe('Guest 0 joined');
    // More joins while it is open are listed too.
    adapter.emit(occupantEvent('Late'));
    await settle(page);
    expect(run().querySelectorAll('li')).toHaveLength(61);
  });

  it('highlights a message that mentions our nick as a word, not inside another word', async () => {
    const { page, shadow, adapter, session } = await roomChatbox();
    const nick = session.conversation(LOUNGE).get('room')!.nick;
    const say = (id: string, body: string) =>
      adapter.emit({ type: 'message', message: { id, conversation: LOUNGE, from: `${LOUNGE}/Bob`, nick: 'Bob', direction: 'in', body, timestamp: Date.now(), status: 'received' } });
    say('m-1', `hey ${nick.toUpperCase()}, look`);
    say('m-2', `x${nick}y`);
    await settle(page);
    const messages = Array.from(shadow.querySelectorAll('natter-message')) as any[];
    const byId = (id: string) => messages.find(m => m.message.id === id);
    expect(byId('m-1').mention).toBe(true);
    expect(byId('m-2').mention).toBe(false);
  });

  it('explains a kick and offers to rejoin; a visitor gets no composer', async () => {
    const { page, shadow, adapter, session } = await roomChatbox();
    const self = session.conversation(LOUNGE).get('room')!.self!;
    adapter.emit({ type: 'occupant', room: LOUNGE, occupant: { ...self, role: 'visitor' } });
    await settle(page);
    expect(shadow.querySelector('natter-composer')).toBeNull();
    expect(shadow.querySelector('[part="composer-blocked"]')!.textContent).toBe('You cannot write in this room (no voice).');
    adapter.emit({ type: 'roomLeft', room: LOUNGE, reason: 'kicked', actor: 'Alice', text: 'spam' });
    await settle(page);
    const status = shadow.querySelector('[part="room-status"]')!;
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toContain('You were removed from this room.');
    expect(status.textContent).toContain('Reason: spam');
    expect(status.querySelector('button')!.textContent).toBe('Join again');
  });

  it('offers the suggested nick after a nick conflict', async () => {
    const { page, shadow, adapter } = await roomChatbox();
    adapter.emit({ type: 'roomJoinError', room: LOUNGE, error: 'nick-conflict', suggestedNick: 'me_' });
    await settle(page);
    const status = shadow.querySelector('[part="room-status"]')!;
    expect(status.textContent).toContain('That nickname is already in use in this room.');
    expect(status.querySelector('button')!.textContent).toBe('Join as me_');
  });
});

describe('buildTimeline keys', () => {
  it('keep a day and a run of notices under the same key when older messages are prepended', () => {
    const noon = new Date(2026, 0, 1, 12).getTime();
    const notice = (id: string, timestamp: number): Message => ({ ...incoming(id, '', timestamp), notice: { kind: 'join', nick: id } });
    const later = buildTimeline([incoming('b', 'b', noon + 60_000), notice('n2', noon + 120_000), notice('n3', noon + 180_000)]);
    const withOlder = buildTimeline([incoming('a', 'a', noon), incoming('b', 'b', noon + 60_000), notice('n1', noon + 90_000), notice('n2', noon + 120_000), notice('n3', noon + 180_000)]);
    expect(withOlder[0].key).toBe(later[0].key);
    expect(withOlder.find(item => item.kind === 'notices')!.key).toBe(later.find(item => item.kind === 'notices')!.key);
  });
});
