/** XEP-0444 reactions, XEP-0425 moderation and XEP-0201 threads in the conversation reducer: whose changes apply to what, by which id, and order. */
import type { Message, RoomFeatures } from '../adapters/types';
import { MAX_REACTORS, conversationReducer, initialConversationState, reactionCounts, threadMessages, threadSummaries, trimToWindow, type ConversationState } from './conversation';

const PEER = 'romeo@montague.lit';
const ME = 'juliet@capulet.lit';
const ROOM = 'coven@chat.shakespeare.lit';

function message(overrides: Partial<Message> = {}): Message {
  return { id: 'm1', conversation: PEER, from: PEER, direction: 'in', body: 'hello', timestamp: 1_000, status: 'received', ...overrides };
}

function reaction(to: string, emojis: string[], overrides: Partial<Message> = {}): Message {
  return message({ id: `r-${Math.random()}`, body: '', timestamp: 2_000, reactsTo: { id: to, emojis }, ...overrides });
}

function apply(state: ConversationState, ...messages: Message[]): ConversationState {
  return messages.reduce((current, next) => conversationReducer(current, { type: 'message', message: next }), state);
}

const counts = (state: ConversationState, index = 0) => reactionCounts(state.messages[index]).map(({ emoji, reactors }) => `${emoji}:${reactors.join('+')}`);

describe('reactions in a one-to-one chat', () => {
  const empty = initialConversationState(PEER);
  const theirs = message({ id: 's1', stanzaId: 's1', originId: 'o1', idAttribute: 'a1' });
  const mine = message({ id: 'o2', originId: 'o2', from: ME, direction: 'out', status: 'sent', timestamp: 1_500 });

  it('is not shown as a message: it sets the reactor’s emoji on the message its id was sent with', () => {
    const state = apply(empty, theirs, reaction('a1', ['👍', '🐢']));
    expect(state.messages).toHaveLength(1);
    expect(counts(state)).toEqual([`👍:${PEER}`, `🐢:${PEER}`]);
  });

  it('either side reacts to either’s messages; ours are “self”, from any of our clients', () => {
    const state = apply(empty, theirs, mine, reaction('o2', ['❤️']), reaction('a1', ['❤️'], { from: ME, direction: 'out' }));
    expect(counts(state, 0)).toEqual(['❤️:self']);
    expect(counts(state, 1)).toEqual([`❤️:${PEER}`]);
  });

  it('a new set replaces the reactor’s whole set; an empty one takes it back; others’ stay', () => {
    let state = apply(empty, theirs, reaction('a1', ['👍'], { from: ME, direction: 'out' }), reaction('a1', ['👍', '🎉']));
    expect(counts(state)).toEqual(['👍:self+' + PEER, `🎉:${PEER}`]);
    state = apply(state, reaction('a1', ['🎉'], { timestamp: 3_000 }));
    expect(counts(state)).toEqual(['👍:self', `🎉:${PEER}`]);
    state = apply(state, reaction('a1', [], { timestamp: 4_000 }), reaction('a1', [], { from: ME, direction: 'out', timestamp: 4_000 }));
    expect(state.messages[0]).not.toHaveProperty('reactions');
  });

  it('an older set (an archived copy arriving late) never undoes a newer one', () => {
    const state = apply(empty, theirs, reaction('a1', ['🎉'], { timestamp: 5_000 }), reaction('a1', ['👎'], { timestamp: 4_000 }));
    expect(counts(state)).toEqual([`🎉:${PEER}`]);
  });

  it('a reaction to nothing held, to a retracted message or to the archive’s stanza-id changes nothing', () => {
    expect(apply(empty, theirs, reaction('nope', ['👍'])).messages[0]).not.toHaveProperty('reactions');
    expect(apply(empty, theirs, reaction('s1', ['👍'], { stanzaId: 'x' })).messages[0]).not.toHaveProperty('reactions');
    const removed = apply(empty, theirs, message({ id: 'x1', body: '', timestamp: 1_200, retracts: 'o1' }), reaction('a1', ['👍']));
    expect(removed.messages[0]).not.toHaveProperty('reactions');
  });

  it('the same reaction seen twice (live, then from the archive) is applied once and never shown', () => {
    const live = reaction('a1', ['👍'], { id: 'r1', originId: 'r1' });
    const archived = { ...live, id: 'sid-9', stanzaId: 'sid-9' };
    const state = conversationReducer(apply(empty, theirs, live), { type: 'history', conversation: PEER, messages: [archived], complete: true });
    expect(state.messages).toHaveLength(1);
    expect(counts(state)).toEqual([`👍:${PEER}`]);
  });

  it('reactions in a history page apply to that page’s messages, and trimming keeps the index they use', () => {
    const page = [theirs, reaction('a1', ['🔥'], { stanzaId: 'sr', id: 'sr' })];
    const state = conversationReducer(empty, { type: 'history', conversation: PEER, messages: page, complete: true });
    expect(counts(state)).toEqual([`🔥:${PEER}`]);
    const trimmed = trimToWindow({ ...state, messages: [...state.messages] }, 1);
    expect(counts(apply(trimmed, reaction('a1', ['🌊'], { timestamp: 9_000 })))).toEqual([`🌊:${PEER}`]);
  });
});

describe('reactions in a room', () => {
  const features = (occupantId: boolean): RoomFeatures => ({ membersOnly: false, passwordProtected: false, persistent: true, public: true, moderated: false, nonAnonymous: false, occupantId, mam: true });
  const joined = (occupantId: boolean): ConversationState => ({
    ...initialConversationState(ROOM),
    room: { status: 'joined', nick: 'me', features: features(occupantId) },
  });
  const post = message({ id: 'st1', stanzaId: 'st1', originId: 'o1', conversation: ROOM, from: `${ROOM}/alice`, nick: 'alice' });
  const by = (nick: string, emojis: string[], overrides: Partial<Message> = {}) =>
    reaction('st1', emojis, { conversation: ROOM, from: `${ROOM}/${nick}`, nick, ...overrides });

  it('names the message by the room’s stanza-id only, and keeps each occupant’s set apart, by nick', () => {
    const state = apply(joined(false), post, by('bob', ['👍']), by('carol', ['👍', '😂']), by('bob', ['👍'], { reactsTo: { id: 'o1', emojis: ['🙃'] } }));
    expect(counts(state)).toEqual(['👍:nick:bob+nick:carol', '😂:nick:carol']);
    expect(state.messages[0].reactions?.['nick:bob']?.nick).toBe('bob');
  });

  it('with trusted occupant ids, one occupant cannot replace another’s set by taking their nick', () => {
    let state = apply(joined(true), post, by('bob', ['👍'], { occupantId: 'occ-bob' }));
    state = apply(state, by('bob', [], { occupantId: 'occ-mallory', timestamp: 3_000 }));
    expect(counts(state)).toEqual(['👍:occupant:occ-bob']);
  });

  it('without occupant ids, whoever takes a nick after its holder left cannot change the holder’s reactions', () => {
    const left = message({ id: 'n1', conversation: ROOM, from: `${ROOM}/bob`, nick: 'bob', body: '', timestamp: 2_500, notice: { kind: 'leave', nick: 'bob' } });
    let state = apply(joined(false), post, by('bob', ['👍'], { timestamp: 2_000 }), left);
    state = apply(state, by('bob', [], { timestamp: 3_000 }), by('bob', ['💩'], { timestamp: 3_100 }));
    expect(counts(state)).toEqual(['👍:left:bob:2000', '💩:nick:bob']);
  });

  it('keeps at most MAX_REACTORS people’s reactions on one message', () => {
    let state = apply(joined(false), post);
    for (let i = 0; i < MAX_REACTORS + 5; i++) state = apply(state, by(`n${i}`, ['👍']));
    expect(Object.keys(state.messages[0].reactions!)).toHaveLength(MAX_REACTORS);
  });

  it('our own, optimistic or reflected by the room, are “self”', () => {
    const own = by('me', ['🎉'], { direction: 'out', id: 'mine', originId: 'mine' });
    const reflected = { ...own, id: 'st9', stanzaId: 'st9', occupantId: 'occ-me' };
    const state = apply(joined(true), post, own, reflected);
    expect(counts(state)).toEqual(['🎉:self']);
    expect(state.messages).toHaveLength(1);
  });
});

describe('moderation in a room (XEP-0425)', () => {
  const joined: ConversationState = { ...initialConversationState(ROOM), room: { status: 'joined', nick: 'me' } };
  const post = message({ id: 'st1', stanzaId: 'st1', originId: 'o1', conversation: ROOM, from: `${ROOM}/alice`, nick: 'alice' });
  const moderation = (overrides: Partial<Message> = {}) =>
    message({ id: 'mod1', conversation: ROOM, from: ROOM, body: '', timestamp: 3_000, retracts: 'st1', moderated: { by: 'carol', reason: 'spam' }, ...overrides });

  it('the room’s announcement removes anyone’s message by its stanza-id, saying who and why', () => {
    const state = apply(joined, post, moderation());
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toMatchObject({ id: 'st1', body: '', retractedAt: 3_000, moderated: { by: 'carol', reason: 'spam' } });
  });

  it('from an occupant, the same claim removes nothing: not by origin-id, not someone else’s', () => {
    const forged = apply(joined, post, moderation({ from: `${ROOM}/mallory`, nick: 'mallory' }));
    expect(forged.messages[0]).toMatchObject({ body: 'hello' });
    expect(apply(joined, post, moderation({ retracts: 'o1' })).messages[0]).toMatchObject({ body: 'hello' });
  });

  it('a plain retraction by the room’s stanza-id still has to be the author’s (same nick)', () => {
    const bySomeoneElse = message({ id: 'r2', conversation: ROOM, from: `${ROOM}/bob`, nick: 'bob', body: '', timestamp: 3_000, retracts: 'st1' });
    expect(apply(joined, post, bySomeoneElse).messages[0]).toMatchObject({ body: 'hello' });
    const byAuthor = { ...bySomeoneElse, from: `${ROOM}/alice`, nick: 'alice' };
    expect(apply(joined, post, byAuthor).messages[0]).toMatchObject({ body: '', retractedAt: 3_000 });
  });
});

describe('threads (XEP-0201)', () => {
  it('summarises each thread by its first message and the replies after it; lists a thread’s messages', () => {
    const m = (id: string, thread?: string) => message({ id, ...(thread ? { thread: { id: thread } } : {}) });
    const messages = [m('a'), m('b', 't1'), m('c', 't2'), m('d', 't1'), m('e', 't1'), m('f')];
    expect(Object.fromEntries(threadSummaries(messages))).toEqual({ t1: { rootId: 'b', replies: 2 }, t2: { rootId: 'c', replies: 0 } });
    expect(threadMessages(messages, 't1').map(x => x.id)).toEqual(['b', 'd', 'e']);
  });
});
