import type { Contact } from '../adapters/types';
import { aggregatePresence, initialRosterState, rosterReducer } from './roster';

const alice: Contact = { jid: 'alice@example.org', name: 'Alice', groups: ['Friends'], subscription: 'both', pendingOut: false };

describe('rosterReducer', () => {
  it('replaces the roster with a full one and marks it loaded', () => {
    const state = rosterReducer(
      { ...initialRosterState, contacts: { 'old@example.org': { ...alice, jid: 'old@example.org' } } },
      { type: 'roster', contacts: [alice] },
    );
    expect(Object.keys(state.contacts)).toEqual(['alice@example.org']);
    expect(state.loaded).toBe(true);
  });

  it('applies pushes: add, update, remove', () => {
    let state = rosterReducer(initialRosterState, { type: 'rosterPush', contact: alice });
    state = rosterReducer(state, { type: 'rosterPush', contact: { ...alice, name: 'Alice M.' } });
    expect(state.contacts[alice.jid].name).toBe('Alice M.');
    state = rosterReducer(state, { type: 'rosterPush', contact: alice, removed: true });
    expect(state.contacts).toEqual({});
  });

  it('aggregates presence over resources and goes offline when the last one leaves', () => {
    let state = rosterReducer(initialRosterState, { type: 'presence', jid: alice.jid, resource: 'phone', presence: { show: 'away', priority: 0 } });
    state = rosterReducer(state, { type: 'presence', jid: alice.jid, resource: 'laptop', presence: { show: 'online', priority: 0, status: 'here' } });
    expect(state.presence[alice.jid]).toMatchObject({ show: 'online', status: 'here' });
    state = rosterReducer(state, { type: 'presence', jid: alice.jid, resource: 'laptop' });
    expect(state.presence[alice.jid].show).toBe('away');
    state = rosterReducer(state, { type: 'presence', jid: alice.jid, resource: 'phone' });
    expect(state.presence[alice.jid].show).toBe('offline');
  });

  it('prefers the resource with the higher priority', () => {
    expect(aggregatePresence({ a: { show: 'chat', priority: 0 }, b: { show: 'xa', priority: 5 } }).show).toBe('xa');
  });

  it('ignores unavailable presence for an unknown resource', () => {
    expect(rosterReducer(initialRosterState, { type: 'presence', jid: alice.jid, resource: 'x' })).toBe(initialRosterState);
  });

  it('keeps one request per JID and drops it once handled', () => {
    let state = rosterReducer(initialRosterState, { type: 'subscriptionRequest', jid: 'bot@example.org' });
    state = rosterReducer(state, { type: 'subscriptionRequest', jid: 'bot@example.org' });
    expect(state.requests).toEqual([{ jid: 'bot@example.org', name: undefined }]);
    state = rosterReducer(state, { type: 'subscriptionHandled', jid: 'bot@example.org' });
    expect(state.requests).toEqual([]);
  });

  it('forgets presence when the connection drops', () => {
    const online = rosterReducer(initialRosterState, { type: 'presence', jid: alice.jid, resource: 'r', presence: { show: 'online', priority: 0 } });
    expect(rosterReducer(online, { type: 'connection', status: 'offline' }).presence).toEqual({});
  });
});
