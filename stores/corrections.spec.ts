/**
 * XEP-0308 corrections in the conversation reducer: who may correct what, how a correction is
 * applied (place, id, earlier versions), chains, copies, batches, and the Up-arrow helpers.
 */
import type { Message, RoomFeatures } from '../adapters/types';
import { parseChatMessage } from '../adapters/xmpp/features/messages/parser';
import { ctx, stanza } from '../adapters/xmpp/spec-helpers';
import {
  MAX_EARLIER_VERSIONS,
  conversationReducer,
  initialConversationState,
  isCorrectable,
  lastCorrectable,
  trimToWindow,
  type ConversationState,
} from './conversation';
import type { SessionEvent } from './events';
import { reduceAll } from './store-utils';

const PEER = 'romeo@montague.lit';
const ME = 'juliet@capulet.lit';
const ROOM = 'coven@chat.shakespeare.lit';

function chat(overrides: Partial<Message> = {}): Message {
  return { id: 'm1', conversation: PEER, from: PEER, direction: 'in', body: 'airlock', timestamp: 1_000, status: 'received', ...overrides };
}

function apply(state: ConversationState, ...messages: Message[]): ConversationState {
  return messages.reduce((current, message) => conversationReducer(current, { type: 'message', message }), state);
}

const bodies = (state: ConversationState) => state.messages.map(m => m.body);

describe('corrections in a one-to-one chat', () => {
  const empty = initialConversationState(PEER);
  const original = chat({ id: 's1', stanzaId: 's1', originId: 'bad1', timestamp: 1_000 });
  const fix = (overrides: Partial<Message> = {}) =>
    chat({ id: 's2', stanzaId: 's2', originId: 'good1', body: 'window', timestamp: 5_000, replaces: 'bad1', ...overrides });

  it('replaces the text of the author’s message in place: same id and place, marked edited, the earlier text kept with its time', () => {
    const later = chat({ id: 's3', stanzaId: 's3', body: 'breaks', timestamp: 6_000 });
    const state = apply(empty, original, fix(), later);
    expect(state.messages.map(m => m.id)).toEqual(['s1', 's3']);
    expect(state.messages[0]).toMatchObject({ id: 's1', body: 'window', timestamp: 1_000, editedAt: 5_000, earlierVersions: [{ body: 'airlock', timestamp: 1_000 }] });
  });

  it('takes the spoiler mark of the correction: a correction can make a message a spoiler, or stop it being one', () => {
    const hidden = apply(empty, original, fix({ spoiler: { hint: 'plot' } }));
    expect(hidden.messages[0].spoiler).toEqual({ hint: 'plot' });
    const shown = apply(hidden, fix({ id: 's3', stanzaId: 's3', originId: 'good2', body: 'door' }));
    expect(shown.messages[0]).not.toHaveProperty('spoiler');
  });

  it('takes the mentions of the correction: a mention added or edited away follows the new text', () => {
    const mention = { begin: 0, end: 6, uri: 'xmpp:juliet@capulet.lit' };
    const added = apply(empty, original, fix({ body: 'Juliet, window', mentions: [mention] }));
    expect(added.messages[0].mentions).toEqual([mention]);
    const gone = apply(added, fix({ id: 's3', stanzaId: 's3', originId: 'good2', body: 'door' }));
    expect(gone.messages[0]).not.toHaveProperty('mentions');
  });

  it('finds the original by its origin-id, its stanza id attribute or its id', () => {
    const byAttribute = chat({ id: 's1', stanzaId: 's1', idAttribute: 'bot-7' });
    expect(bodies(apply(empty, byAttribute, fix({ replaces: 'bot-7' })))).toEqual(['window']);
    const byId = chat({ id: 'plain-1' });
    expect(bodies(apply(empty, byId, fix({ replaces: 'plain-1' })))).toEqual(['window']);
  });

  it('applies chained corrections that all refer to the original, keeping every earlier text in order', () => {
    const state = apply(empty, original, fix(), fix({ id: 's4', stanzaId: 's4', originId: 'good2', body: 'casement', timestamp: 7_000 }));
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toMatchObject({
      body: 'casement',
      editedAt: 7_000,
      earlierVersions: [
        { body: 'airlock', timestamp: 1_000 },
        { body: 'window', timestamp: 5_000 },
      ],
    });
  });

  it('also follows a later correction that refers to the previous correction instead of the original', () => {
    const state = apply(empty, original, fix(), fix({ id: 's4', stanzaId: 's4', originId: 'good2', body: 'casement', replaces: 'good1' }));
    expect(bodies(state)).toEqual(['casement']);
  });

  it('works when the correction comes in the same batch as its original, or in the same archive page', () => {
    const events: SessionEvent[] = [
      { type: 'message', message: original },
      { type: 'message', message: fix() },
    ];
    expect(bodies(reduceAll(conversationReducer, empty, events))).toEqual(['window']);
    const page = conversationReducer(empty, { type: 'history', conversation: PEER, messages: [original, fix()], complete: true });
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]).toMatchObject({ body: 'window', earlierVersions: [{ body: 'airlock', timestamp: 1_000 }] });
  });

  it('never mutates the state it is given', () => {
    const before = apply(empty, original);
    const snapshot = JSON.stringify(before);
    apply(before, fix());
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('ignores a correction of a message that does not exist: nothing is shown, the state is the same object', () => {
    const state = apply(empty, original);
    expect(apply(state, fix({ replaces: 'no-such-id' }))).toBe(state);
    expect(apply(empty, fix())).toBe(empty);
  });

  it('ignores a correction from anyone but the author: another contact, or the peer correcting our message and we theirs', () => {
    const state = apply(empty, original, chat({ id: 'o5', originId: 'o5', from: ME, direction: 'out', status: 'sent', body: 'mine' }));
    expect(apply(state, fix({ from: 'mallory@evil.lit' }))).toBe(state);
    expect(apply(state, fix({ replaces: 'o5' }))).toBe(state);
    expect(apply(state, fix({ from: ME, direction: 'out', status: 'sent' }))).toBe(state);
  });

  it('accepts a correction sent from another resource of the same contact', () => {
    const fromResource = (resource: string, id: string, extra: string) =>
      parseChatMessage(stanza(`<message type="chat" id="${id}" from="${PEER}/${resource}" to="${ME}"><body>${id}</body>${extra}</message>`), ctx, { mode: 'live' })!.message!;
    const state = apply(empty, fromResource('orchard', 'bad1', ''), fromResource('balcony', 'good1', '<replace xmlns="urn:xmpp:message-correct:0" id="bad1"/>'));
    expect(bodies(state)).toEqual(['good1']);
  });

  it('applies our own correction at once (pending) and follows its delivery under the correction’s id', () => {
    const mine = chat({ id: 'o1', originId: 'o1', from: ME, direction: 'out', status: 'delivered', body: 'helo' });
    let state = apply(empty, mine, chat({ id: 'c1', originId: 'c1', from: ME, direction: 'out', status: 'pending', body: 'hello', replaces: 'o1', timestamp: 2_000 }));
    expect(state.messages[0]).toMatchObject({ id: 'o1', body: 'hello', status: 'pending', correctionId: 'c1' });
    state = conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'c1', status: 'failed', error: 'remote-server-timeout' });
    expect(state.messages[0]).toMatchObject({ status: 'failed', error: 'remote-server-timeout' });
    state = conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'c1', status: 'pending' });
    state = conversationReducer(state, { type: 'messageStatus', conversation: PEER, id: 'c1', status: 'delivered' });
    expect(state.messages[0]).toMatchObject({ id: 'o1', body: 'hello', status: 'delivered', error: undefined });
  });

  it('applies our correction made on another device (a sent carbon), as ours', () => {
    const mine = chat({ id: 'o1', originId: 'o1', from: ME, direction: 'out', status: 'sent', body: 'helo' });
    const carbon = chat({ id: 'c1', originId: 'c1', from: ME, direction: 'out', status: 'sent', body: 'hello', replaces: 'o1' });
    expect(apply(empty, mine, carbon).messages[0]).toMatchObject({ body: 'hello', correctionId: 'c1' });
  });

  it('takes a correction seen again (carbon, archive) as a copy: no new message, no second earlier version', () => {
    const once = apply(empty, original, fix());
    const archived = fix({ id: 's2', originId: undefined, status: 'received' });
    const again = apply(once, archived, fix());
    expect(again.messages).toHaveLength(1);
    expect(again.messages[0].earlierVersions).toHaveLength(1);
    const page = conversationReducer(once, { type: 'history', conversation: PEER, messages: [original, archived], complete: true });
    expect(page.messages).toEqual(once.messages);
  });

  it('keeps the first text and the newest ones when a message is corrected without end', () => {
    let state = apply(empty, original);
    for (let n = 1; n <= MAX_EARLIER_VERSIONS + 5; n++) state = apply(state, fix({ id: `s-${n}`, stanzaId: `s-${n}`, originId: `g-${n}`, body: `v${n}`, timestamp: 1_000 + n }));
    const versions = state.messages[0].earlierVersions!;
    expect(versions).toHaveLength(MAX_EARLIER_VERSIONS);
    expect(versions[0].body).toBe('airlock');
    expect(versions[versions.length - 1].body).toBe(`v${MAX_EARLIER_VERSIONS + 4}`);
    expect(state.messages[0].body).toBe(`v${MAX_EARLIER_VERSIONS + 5}`);
  });

  it('still finds a message by its stanza id attribute after the window was trimmed', () => {
    const many = Array.from({ length: 13 }, (_, i) => chat({ id: `s${i}`, stanzaId: `s${i}`, idAttribute: `bot-${i}`, body: `m${i}`, timestamp: 1_000 + i }));
    const trimmed = trimToWindow(conversationReducer(empty, { type: 'history', conversation: PEER, messages: many, complete: true }), 10);
    const state = apply(trimmed, fix({ replaces: 'bot-12' }));
    expect(state.messages.at(-1)!.body).toBe('window');
  });
});

describe('corrections in a room', () => {
  const features = (occupantId: boolean): RoomFeatures => ({
    membersOnly: false, passwordProtected: false, persistent: true, public: true, moderated: false, nonAnonymous: false, occupantId, mam: true,
  });
  const joined = (occupantId: boolean): ConversationState => ({
    ...initialConversationState(ROOM),
    room: { status: 'joined', nick: 'thirdwitch', features: features(occupantId) },
  });
  const said = (nick: string, overrides: Partial<Message> = {}): Message =>
    chat({ id: 's1', stanzaId: 's1', originId: 'o1', conversation: ROOM, from: `${ROOM}/${nick}`, nick, body: 'Thrice', ...overrides });
  const correction = (nick: string, overrides: Partial<Message> = {}): Message =>
    said(nick, { id: 's2', stanzaId: 's2', originId: 'o2', body: 'Thrice!', timestamp: 2_000, replaces: 'o1', ...overrides });
  const notice = (kind: 'leave' | 'kick' | 'ban' | 'nick' | 'join', nick: string, timestamp: number): Message =>
    chat({ id: `notice-${kind}-${timestamp}`, conversation: ROOM, from: `${ROOM}/${nick}`, nick, body: '', timestamp, notice: { kind, nick } });

  describe('that advertises occupant ids (XEP-0421)', () => {
    const room = joined(true);

    it('applies a correction from the same occupant: same nick and occupant id', () => {
      const state = apply(room, said('firstwitch', { occupantId: 'w1' }), correction('firstwitch', { occupantId: 'w1' }));
      expect(state.messages[0]).toMatchObject({ id: 's1', body: 'Thrice!', earlierVersions: [{ body: 'Thrice', timestamp: 1_000 }] });
    });

    it('ignores the same nick with another occupant id (someone else took the nick after a rejoin), and one without an occupant id', () => {
      const state = apply(room, said('firstwitch', { occupantId: 'w1' }));
      expect(apply(state, correction('firstwitch', { occupantId: 'impostor' }))).toBe(state);
      expect(apply(state, correction('firstwitch'))).toBe(state);
    });

    it('ignores another occupant correcting someone else’s message', () => {
      const state = apply(room, said('firstwitch', { occupantId: 'w1' }));
      expect(apply(state, correction('secondwitch', { occupantId: 'w1' }))).toBe(state);
    });

    it('applies our own correction at once although it has no occupant id yet, and takes the room’s copy of it as a copy', () => {
      const mine = said('thirdwitch', { id: 'o1', stanzaId: undefined, direction: 'out', status: 'sent' });
      const reflection = said('thirdwitch', { id: 's1', stanzaId: 's1', direction: 'out', status: 'sent', occupantId: 'me' });
      let state = apply(room, mine, reflection);
      expect(state.messages[0]).toMatchObject({ id: 'o1', occupantId: 'me' });
      state = apply(state, correction('thirdwitch', { id: 'o2', stanzaId: undefined, direction: 'out', status: 'pending' }));
      expect(state.messages[0]).toMatchObject({ id: 'o1', body: 'Thrice!', status: 'pending' });
      const echoed = apply(state, correction('thirdwitch', { direction: 'out', status: 'sent', occupantId: 'me' }));
      expect(echoed.messages).toEqual(state.messages);
    });

    it('ignores someone in the room under our nick (not us, by the room’s word) correcting our message', () => {
      const state = apply(room, said('thirdwitch', { id: 'o1', direction: 'out', status: 'sent', occupantId: 'me' }));
      expect(apply(state, correction('thirdwitch', { occupantId: 'me' }))).toBe(state);
    });
  });

  describe('without occupant ids', () => {
    const room = joined(false);

    it('applies a correction from the same occupant JID', () => {
      expect(bodies(apply(room, said('firstwitch'), correction('firstwitch')))).toEqual(['Thrice!']);
    });

    it('ignores it once someone by that nick left (or changed nick) since: the nick may be someone else’s now', () => {
      for (const kind of ['leave', 'kick', 'ban', 'nick'] as const) {
        const state = apply(room, said('firstwitch'), notice(kind, 'firstwitch', 1_500), notice('join', 'firstwitch', 1_600));
        expect(apply(state, correction('firstwitch'))).toBe(state);
      }
      // Others coming and going change nothing.
      const state = apply(room, said('firstwitch'), notice('leave', 'secondwitch', 1_500));
      expect(bodies(apply(state, correction('firstwitch'))).filter(Boolean)).toEqual(['Thrice!']);
    });

    it('never corrects a room notice', () => {
      const state = apply(room, notice('join', 'firstwitch', 1_000));
      expect(apply(state, correction('firstwitch', { replaces: 'notice-join-1000' }))).toBe(state);
    });
  });
});

describe('what the Up arrow edits', () => {
  const mine = (overrides: Partial<Message> = {}) => chat({ id: 'o1', originId: 'o1', from: ME, direction: 'out', status: 'sent', body: 'mine', ...overrides });

  it('is the newest own message, when it reached the server (or a correction of it did)', () => {
    const state = apply(initialConversationState(PEER), mine({ id: 'o1', timestamp: 1 }), mine({ id: 'o2', originId: 'o2', timestamp: 2 }), chat({ id: 'in', timestamp: 3 }));
    expect(lastCorrectable(state)?.id).toBe('o2');
    expect(lastCorrectable(apply(initialConversationState(PEER), mine({ status: 'failed' })))).toBeUndefined();
    expect(isCorrectable(initialConversationState(PEER), mine({ status: 'failed', correctionId: 'c1' }))).toBe(true);
    expect(isCorrectable(initialConversationState(PEER), chat())).toBe(false);
    expect(lastCorrectable(initialConversationState(PEER))).toBeUndefined();
  });

  it('in a room, only a message written under our current nick', () => {
    const room: ConversationState = { ...initialConversationState(ROOM), room: { status: 'joined', nick: 'newnick' } };
    const old = mine({ conversation: ROOM, from: `${ROOM}/oldnick`, nick: 'oldnick' });
    expect(isCorrectable(room, old)).toBe(false);
    expect(isCorrectable(room, { ...old, from: `${ROOM}/newnick`, nick: 'newnick' })).toBe(true);
  });
});

describe('retractions (XEP-0424) in the conversation reducer', () => {
  const empty = initialConversationState(PEER);
  const original = chat({ id: 's1', stanzaId: 's1', originId: 'o1', body: 'secret plan', attachment: { url: 'https://files.example.org/plan.pdf', name: 'plan.pdf' } });
  const retraction = (overrides: Partial<Message> = {}) => chat({ id: 'r1', originId: 'r1', body: 'fallback text', timestamp: 9_000, retracts: 'o1', ...overrides });

  it('removes the author’s message in place: only its ids stay, with when it was retracted; the fallback is never shown', () => {
    const state = apply(empty, original, retraction());
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toEqual({ id: 's1', conversation: PEER, from: PEER, direction: 'in', body: '', timestamp: 1_000, status: 'received', originId: 'o1', stanzaId: 's1', retractedAt: 9_000 });
  });

  it('ignores a retraction from anyone but the author, and one of nothing it holds', () => {
    const forged = apply(empty, original, retraction({ from: 'tybalt@capulet.lit', conversation: PEER }));
    expect(forged.messages[0].body).toBe('secret plan');
    const ours = apply(empty, chat({ id: 'mine', originId: 'mine', from: ME, direction: 'out', status: 'sent' }), retraction({ retracts: 'mine' }));
    expect(ours.messages[0].body).toBe('airlock');
    const nothing = apply(empty, retraction());
    expect(nothing.messages).toEqual([]);
  });

  it('stays removed: a later copy of the original (the archive’s) or a correction brings nothing back', () => {
    let state = apply(empty, original, retraction());
    state = apply(state, { ...original, status: 'received' }, chat({ id: 'c1', originId: 'c1', body: 'new plan', timestamp: 10_000, replaces: 'o1' }));
    expect(state.messages.map(m => [m.body, m.retractedAt])).toEqual([['', 9_000]]);
  });

  it('works when the retraction comes in the same archive page as its original', () => {
    const state = conversationReducer(empty, { type: 'history', conversation: PEER, messages: [original, retraction()], complete: true });
    expect(state.messages.map(m => m.retractedAt)).toEqual([9_000]);
  });

  it('in a room: the author’s retraction by the room’s stanza-id, checked by occupant id', () => {
    const features: RoomFeatures = { occupantId: true } as RoomFeatures;
    let room = conversationReducer(initialConversationState(ROOM), { type: 'roomJoined', room: ROOM, self: { nick: 'me', role: 'participant', affiliation: 'member', show: 'online' }, features });
    const groupchat = (overrides: Partial<Message>): Message => ({ id: 'g1', stanzaId: 'g1', conversation: ROOM, from: `${ROOM}/alice`, nick: 'alice', occupantId: 'oa', direction: 'in', body: 'hello', timestamp: 1_000, status: 'received', ...overrides });
    room = apply(room, groupchat({}));
    room = apply(room, groupchat({ id: 'x1', stanzaId: 'x1', from: `${ROOM}/mallory`, nick: 'mallory', occupantId: 'om', body: 'x', retracts: 'g1', timestamp: 2_000 }));
    expect(room.messages.map(m => m.body)).toEqual(['hello']);
    room = apply(room, groupchat({ id: 'x2', stanzaId: 'x2', from: `${ROOM}/alicia`, nick: 'alicia', body: 'x', retracts: 'g1', timestamp: 3_000 }));
    expect(room.messages.map(m => [m.body, m.retractedAt])).toEqual([['', 3_000]]);
  });
});

