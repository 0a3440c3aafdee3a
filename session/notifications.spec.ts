import { createDemoAdapter, type DemoAdapter } from '../adapters/demo/demo-adapter';
import type { Message, Occupant } from '../adapters/types';
import type { MessageAddedEvent } from '../stores/events';
import { createSession, type Session } from './session';
import {
  createNotifier,
  notificationBody,
  playTone,
  shouldNotify,
  SOUND_GAP_MS,
  titleWithUnread,
  type NotificationHandle,
  type NotifierEnvironment,
  type NotifierOptions,
} from './notifications';

const ME = 'me@demo.natter.chat';
const ALICE = 'alice@demo.natter.chat';
const BOB = 'bob@demo.natter.chat';
const ROOM = 'lobby@rooms.demo.natter.chat';

/** A Notification API that records what was shown; `answer` is what the user says when asked. */
function fakeNotifications(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  class FakeNotification implements NotificationHandle {
    static permission = permission;
    static asked = 0;
    static shown: FakeNotification[] = [];
    static async requestPermission(): Promise<NotificationPermission> {
      FakeNotification.asked++;
      FakeNotification.permission = answer;
      return answer;
    }
    onclick: ((event: Event) => unknown) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions = {},
    ) {
      FakeNotification.shown.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  return FakeNotification;
}

/** A document with a visibility state and a title. */
function fakePage(visibilityState: DocumentVisibilityState = 'hidden', title = 'Team site') {
  const listeners = new Set<() => void>();
  return {
    visibilityState,
    title,
    listeners,
    addEventListener: (_type: 'visibilitychange', listener: () => void) => void listeners.add(listener),
    removeEventListener: (_type: 'visibilitychange', listener: () => void) => void listeners.delete(listener),
    show(state: DocumentVisibilityState) {
      this.visibilityState = state;
      for (const listener of listeners) listener();
    },
  };
}

async function signedIn(): Promise<{ adapter: DemoAdapter; session: Session }> {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false });
  const session = createSession({ adapter });
  await session.actions.login({ jid: ME, password: 'pw' });
  session.flush();
  return { adapter, session };
}

function incoming(id: string, extra: Partial<Message> = {}): Message {
  return { id, conversation: ALICE, from: ALICE, direction: 'in', body: `text ${id}`, timestamp: Date.now(), status: 'received', ...extra };
}

function inRoom(id: string, nick: string, body: string, extra: Partial<Message> = {}): Message {
  return { id, conversation: ROOM, from: `${ROOM}/${nick}`, nick, direction: 'in', body, timestamp: Date.now(), status: 'received', ...extra };
}

function joinRoom(adapter: DemoAdapter, session: Session) {
  const self: Occupant = { nick: 'me', role: 'participant', affiliation: 'none', show: 'online' };
  adapter.emit({ type: 'roomJoining', room: ROOM, nick: 'me' });
  adapter.emit({ type: 'roomJoined', room: ROOM, self });
  session.flush();
}

async function setup(options: Partial<NotifierOptions> = {}, permission: NotificationPermission = 'granted') {
  const { adapter, session } = await signedIn();
  const Notification = fakeNotifications(permission);
  const page = fakePage();
  let clock = 1_000_000;
  const environment: Partial<NotifierEnvironment> = {
    Notification,
    page,
    focusWindow: jest.fn(),
    playSound: jest.fn(),
    now: () => clock,
    ...options.environment,
  };
  const notifier = createNotifier({
    session,
    notifications: true,
    names: { chat: jid => (jid === ALICE ? 'Alice Martin' : jid), room: () => 'The Lobby' },
    ...options,
    environment,
  });
  const receive = (message: Message) => {
    adapter.emit({ type: 'message', message });
    session.flush();
  };
  return {
    adapter,
    session,
    Notification,
    page,
    environment: environment as NotifierEnvironment & { focusWindow: jest.Mock; playSound: jest.Mock },
    notifier,
    receive,
    tick: (ms: number) => (clock += ms),
  };
}

describe('notifications', () => {
  it('notify a new message from a contact while the page is hidden, with its name, its text and a tag of its conversation', async () => {
    const { Notification, receive } = await setup();
    receive(incoming('m1', { body: 'Lunch at noon?' }));
    expect(Notification.shown).toHaveLength(1);
    const [shown] = Notification.shown;
    expect(shown.title).toBe('Alice Martin');
    expect(shown.options.body).toBe('Lunch at noon?');
    expect(shown.options.tag).toBe(`natter:${ME}:${ALICE}`);
  });

  it('stay quiet while the page is visible', async () => {
    const { Notification, page, receive } = await setup();
    page.show('visible');
    receive(incoming('m1'));
    expect(Notification.shown).toEqual([]);
    page.show('hidden');
    receive(incoming('m2'));
    expect(Notification.shown.map(n => n.options.body)).toEqual(['text m2']);
  });

  it('are opt-in: nothing is shown unless turned on, and turning them off closes what is shown', async () => {
    const { Notification, notifier, receive } = await setup({ notifications: false });
    receive(incoming('m1'));
    expect(Notification.shown).toEqual([]);
    notifier.update({ notifications: true });
    receive(incoming('m2'));
    expect(Notification.shown).toHaveLength(1);
    notifier.update({ notifications: false });
    expect(Notification.shown[0].closed).toBe(true);
    receive(incoming('m3'));
    expect(Notification.shown).toHaveLength(1);
  });

  it('never notify history, own messages, corrections, retractions or reactions', async () => {
    const { adapter, session, Notification, receive } = await setup();
    adapter.emit({ type: 'history', conversation: ALICE, messages: [incoming('old', { stanzaId: 'old' })], complete: true });
    session.flush();
    receive(incoming('mine', { from: ME, direction: 'out', body: 'sent from my phone' }));
    receive(incoming('m1', { body: 'helo' }));
    expect(Notification.shown.map(n => n.options.body)).toEqual(['helo']);
    // Each reaches the stores (it changes the message) and none is notified.
    const m1 = () => session.conversation(ALICE).get('messages').find(message => message.id === 'm1');
    receive(incoming('fix', { body: 'hello', replaces: 'm1' }));
    expect(m1()?.body).toBe('hello');
    receive(incoming('like', { body: '', reactsTo: { id: 'm1', emojis: ['👍'] } }));
    expect(Object.keys(m1()?.reactions ?? {})).toHaveLength(1);
    receive(incoming('gone', { body: '', retracts: 'm1' }));
    expect(m1()?.retractedAt).toBeDefined();
    expect(Notification.shown).toHaveLength(1);
  });

  it('notify a room message only when it mentions the user, titled with the sender and the room', async () => {
    const { adapter, session, Notification, receive } = await setup();
    joinRoom(adapter, session);
    receive(inRoom('r1', 'alice', 'hello all'));
    adapter.emit({ type: 'occupant', room: ROOM, occupant: { nick: 'carol', role: 'participant', affiliation: 'none', show: 'online' } });
    session.flush();
    receive(inRoom('r2', 'alice', 'me: are you there?'));
    receive(inRoom('r3', 'carol', 'see above', { mentions: [{ begin: 0, end: 3, uri: `xmpp:${ROOM}/me` }] }));
    expect(session.conversation(ROOM).get('messages').some(message => message.notice?.kind === 'join')).toBe(true);
    expect(Notification.shown.map(n => [n.title, n.options.body])).toEqual([
      ['alice in The Lobby', 'me: are you there?'],
      // The same tag: the second replaces the first, saying how many it stands for.
      ['carol in The Lobby (2 new messages)', 'see above'],
    ]);
    expect(Notification.shown.map(n => n.options.tag)).toEqual([`natter:${ME}:${ROOM}`, `natter:${ME}:${ROOM}`]);
  });

  it('group a burst per conversation under one tag, and start counting again once the user is back', async () => {
    const { Notification, page, receive } = await setup();
    receive(incoming('a1'));
    receive(incoming('a2'));
    receive(incoming('b1', { conversation: BOB, from: BOB }));
    receive(incoming('a3'));
    expect(Notification.shown.map(n => [n.title, n.options.tag])).toEqual([
      ['Alice Martin', `natter:${ME}:${ALICE}`],
      ['Alice Martin (2 new messages)', `natter:${ME}:${ALICE}`],
      [BOB, `natter:${ME}:${BOB}`],
      ['Alice Martin (3 new messages)', `natter:${ME}:${ALICE}`],
    ]);
    page.show('visible');
    // The browser closes a notification its tag's next one replaces; the latest of each the notifier closes.
    expect([Notification.shown[2].closed, Notification.shown[3].closed]).toEqual([true, true]);
    page.show('hidden');
    receive(incoming('a4'));
    expect(Notification.shown[Notification.shown.length - 1].title).toBe('Alice Martin');
  });

  it('open the conversation when clicked, focusing the window', async () => {
    const { session, Notification, environment, receive } = await setup();
    receive(incoming('m1'));
    const [shown] = Notification.shown;
    shown.onclick!(new Event('click'));
    expect(environment.focusWindow).toHaveBeenCalledTimes(1);
    expect(session.conversations.get('active')).toBe(ALICE);
    expect(shown.closed).toBe(true);
  });

  it('hand the click to `open` when given', async () => {
    const open = jest.fn();
    const { Notification, receive } = await setup({ open });
    receive(incoming('m1'));
    Notification.shown[0].onclick!(new Event('click'));
    expect(open).toHaveBeenCalledWith(ALICE);
  });

  it('never ask for permission by themselves; asking is a call (from a click), once', async () => {
    const { Notification, notifier, receive } = await setup({}, 'default');
    receive(incoming('m1'));
    expect(Notification.asked).toBe(0);
    expect(Notification.shown).toEqual([]);
    expect(notifier.permission()).toBe('default');
    await expect(notifier.requestPermission()).resolves.toBe('granted');
    expect(Notification.asked).toBe(1);
    await expect(notifier.requestPermission()).resolves.toBe('granted');
    expect(Notification.asked).toBe(1);
    receive(incoming('m2'));
    expect(Notification.shown).toHaveLength(1);
  });

  it('show nothing when the user blocked them, and do not ask again', async () => {
    const { Notification, notifier, receive } = await setup({}, 'denied');
    receive(incoming('m1'));
    await expect(notifier.requestPermission()).resolves.toBe('denied');
    expect(Notification.asked).toBe(0);
    expect(Notification.shown).toEqual([]);
  });

  it('say unsupported where the browser has no Notification API', async () => {
    const { session } = await signedIn();
    const notifier = createNotifier({ session, notifications: true, environment: { Notification: undefined, page: fakePage() } });
    expect(notifier.permission()).toBe('unsupported');
    await expect(notifier.requestPermission()).resolves.toBe('unsupported');
  });

  it('play no tone unless turned on; then one per burst, also without notification permission', async () => {
    const { environment, notifier, page, receive, tick } = await setup({ notifications: false });
    receive(incoming('m1'));
    expect(environment.playSound).not.toHaveBeenCalled();
    notifier.update({ sound: true });
    receive(incoming('m2'));
    receive(incoming('m3'));
    expect(environment.playSound).toHaveBeenCalledTimes(1);
    tick(SOUND_GAP_MS);
    receive(incoming('m4'));
    expect(environment.playSound).toHaveBeenCalledTimes(2);
    tick(SOUND_GAP_MS);
    page.show('visible');
    receive(incoming('m5'));
    receive(incoming('mine', { direction: 'out', from: ME }));
    expect(environment.playSound).toHaveBeenCalledTimes(2);
  });

  it('stop when disposed: no more notifications, what was shown is closed', async () => {
    const { Notification, notifier, page, receive } = await setup();
    receive(incoming('m1'));
    notifier.dispose();
    receive(incoming('m2'));
    expect(Notification.shown).toHaveLength(1);
    expect(Notification.shown[0].closed).toBe(true);
    expect(page.listeners.size).toBe(0);
  });
});

describe('the unread total in the document title', () => {
  it('is opt-in: the title stays as it is until turned on', async () => {
    const { page, receive } = await setup({ notifications: false });
    receive(incoming('m1'));
    expect(page.title).toBe('Team site');
  });

  it('counts unread messages, follows the count, and restores the title when all is read', async () => {
    const { session, page, receive } = await setup({ notifications: false, titleUnread: true });
    expect(page.title).toBe('Team site');
    receive(incoming('m1'));
    expect(page.title).toBe('(1) Team site');
    receive(incoming('b1', { conversation: BOB, from: BOB }));
    expect(page.title).toBe('(2) Team site');
    session.actions.openConversation(ALICE);
    expect(page.title).toBe('(1) Team site');
    session.actions.openConversation(BOB);
    expect(page.title).toBe('Team site');
  });

  it('restores the title when turned off and when disposed', async () => {
    const { notifier, page, receive } = await setup({ notifications: false, titleUnread: true });
    receive(incoming('m1'));
    expect(page.title).toBe('(1) Team site');
    notifier.update({ titleUnread: false });
    expect(page.title).toBe('Team site');
    notifier.update({ titleUnread: true });
    expect(page.title).toBe('(1) Team site');
    notifier.dispose();
    expect(page.title).toBe('Team site');
  });

  it('counts on a title the page set itself meanwhile, and leaves it in place on dispose', async () => {
    const { notifier, page, receive } = await setup({ notifications: false, titleUnread: true });
    receive(incoming('m1'));
    page.title = 'Settings – Team site';
    receive(incoming('m2'));
    expect(page.title).toBe('(2) Settings – Team site');
    page.title = 'Inbox';
    notifier.dispose();
    expect(page.title).toBe('Inbox');
  });

  it('tells `unreadChanged` each new total with the mentions, not the same one twice', async () => {
    const unreadChanged = jest.fn();
    const { adapter, session, receive } = await setup({ notifications: false, unreadChanged });
    joinRoom(adapter, session);
    receive(incoming('m1'));
    receive(inRoom('r1', 'alice', 'hi me'));
    session.actions.setDraft(ALICE, 'typing does not change the count');
    session.actions.openConversation(ALICE);
    expect(unreadChanged.mock.calls.map(([total]) => total)).toEqual([
      { total: 1, mentions: 0 },
      { total: 2, mentions: 1 },
      { total: 1, mentions: 1 },
    ]);
    expect(session.unreadTotal()).toEqual({ total: 1, mentions: 1 });
  });
});

describe('session.onMessageAdded', () => {
  it('tells each new message once, after the stores hold it, with whether it came from the archive', async () => {
    const { adapter, session } = await signedIn();
    const seen: [string, boolean, number][] = [];
    const stop = session.onMessageAdded(event => seen.push([event.message.id, event.fromHistory, session.conversation(ALICE).get('messages').length]));
    adapter.emit({ type: 'message', message: incoming('m1', { originId: 'm1' }) });
    adapter.emit({ type: 'message', message: incoming('m1', { originId: 'm1' }) });
    adapter.emit({ type: 'message', message: incoming('fix', { replaces: 'm1', body: 'fixed' }) });
    adapter.emit({ type: 'history', conversation: ALICE, messages: [incoming('h1', { stanzaId: 'h1', timestamp: 1 })], complete: true });
    session.flush();
    expect(seen).toEqual([
      ['m1', false, 2],
      ['h1', true, 2],
    ]);
    stop();
    adapter.emit({ type: 'message', message: incoming('m2') });
    session.flush();
    expect(seen).toHaveLength(2);
  });

  it('keeps telling the other listeners when one throws', async () => {
    const { adapter, session } = await signedIn();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const heard: string[] = [];
    session.onMessageAdded(() => {
      throw new Error('broken listener');
    });
    session.onMessageAdded(event => heard.push(event.message.id));
    adapter.emit({ type: 'message', message: incoming('m1') });
    session.flush();
    expect(heard).toEqual(['m1']);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('which messages notify (shouldNotify)', () => {
  const added = (message: Message, extra: Partial<MessageAddedEvent> = {}): MessageAddedEvent => ({ type: 'messageAdded', message, fromHistory: false, ...extra });

  it('takes live messages of others; not archive pages, own messages, notices, amendments or retracted ones', () => {
    expect(shouldNotify(added(incoming('a')), false)).toBe(true);
    expect(shouldNotify(added(incoming('a'), { fromHistory: true }), false)).toBe(false);
    expect(shouldNotify(added(incoming('a', { direction: 'out' })), false)).toBe(false);
    expect(shouldNotify(added(incoming('a', { body: '', notice: { kind: 'join', nick: 'x' } })), false)).toBe(false);
    expect(shouldNotify(added(incoming('a', { replaces: 'z' })), false)).toBe(false);
    expect(shouldNotify(added(incoming('a', { retracts: 'z' })), false)).toBe(false);
    expect(shouldNotify(added(incoming('a', { reactsTo: { id: 'z', emojis: ['🎉'] } })), false)).toBe(false);
    expect(shouldNotify(added(incoming('a', { retractedAt: 5 })), false)).toBe(false);
  });

  it('takes room messages only when they mention the user', () => {
    expect(shouldNotify(added(inRoom('a', 'x', 'hi')), true)).toBe(false);
    expect(shouldNotify(added(inRoom('a', 'x', 'hi me'), { mentionsSelf: true }), true)).toBe(true);
    expect(shouldNotify(added(inRoom('a', 'x', 'hi me'), { mentionsSelf: true, fromHistory: true }), true)).toBe(false);
  });
});

describe('notificationBody', () => {
  it('cuts long text to 200 code points with an ellipsis, never inside an emoji', () => {
    const long = 'x'.repeat(199) + '😀😀😀';
    const body = notificationBody(incoming('a', { body: long }), 'Alice');
    expect(Array.from(body)).toHaveLength(201);
    expect(body.endsWith('x😀…')).toBe(true);
    expect(notificationBody(incoming('a', { body: 'y'.repeat(200) }), 'Alice')).toBe('y'.repeat(200));
  });

  it('is plain text on one line: markup stays text, line breaks become spaces', () => {
    expect(notificationBody(incoming('a', { body: '<img src=x onerror=alert(1)>\n\n  *bold*  line' }), 'Alice')).toBe('<img src=x onerror=alert(1)> *bold* line');
  });

  it('reads a hostile 100 KB body no further than it shows', () => {
    const body = notificationBody(incoming('a', { body: 'a '.repeat(50_000) }), 'Alice');
    expect(Array.from(body)).toHaveLength(201);
  });

  it('shows a spoiler by its hint only, a file by its name, an action as the sender doing it', () => {
    expect(notificationBody(incoming('a', { body: 'the butler did it', spoiler: { hint: 'the ending' } }), 'Alice')).toBe('Spoiler: the ending');
    expect(notificationBody(incoming('a', { body: 'the butler did it', spoiler: {} }), 'Alice')).toBe('Spoiler');
    const url = 'https://upload.example/abc/cat.png';
    expect(notificationBody(incoming('a', { body: url, attachment: { url, name: 'cat.png' } }), 'Alice')).toBe('Sent a file: cat.png');
    expect(notificationBody(incoming('a', { body: 'our cat', attachment: { url, name: 'cat.png' } }), 'Alice')).toBe('our cat');
    expect(notificationBody(incoming('a', { body: '/me waves' }), 'Alice')).toBe('Alice waves');
  });
});

describe('titleWithUnread', () => {
  it('puts the count before the title, and nothing for none', () => {
    expect(titleWithUnread('Team site', 3)).toBe('(3) Team site');
    expect(titleWithUnread('Team site', 0)).toBe('Team site');
    expect(titleWithUnread('', 2)).toBe('(2)');
  });
});

describe('playTone', () => {
  it('plays a short tone that fades in and out, through the context output', () => {
    const calls: string[] = [];
    const param = (name: string) => ({
      setValueAtTime: (value: number, at: number) => calls.push(`${name}=${value}@${at}`),
      exponentialRampToValueAtTime: (value: number, at: number) => calls.push(`${name}->${value}@${at}`),
    });
    const destination = { name: 'speakers' };
    const gain = { gain: param('gain'), connect: (to: unknown) => calls.push(`gain>${to === destination ? 'out' : '?'}`) };
    const oscillator = {
      type: '',
      frequency: param('freq'),
      connect: (to: unknown) => calls.push(`osc>${to === gain ? 'gain' : '?'}`),
      start: (at: number) => calls.push(`start@${at}`),
      stop: (at: number) => calls.push(`stop@${at}`),
    };
    const context = { currentTime: 10, destination, createOscillator: () => oscillator, createGain: () => gain };
    playTone(context as unknown as BaseAudioContext);
    expect(calls.filter(call => call.startsWith('gain'))).toEqual(['gain=0.0001@10', 'gain->0.2@10.015', 'gain->0.0001@10.25', 'gain>out']);
    expect(calls).toContain('osc>gain');
    expect(calls).toContain('start@10');
    expect(calls).toContain('stop@10.26');
  });
});
