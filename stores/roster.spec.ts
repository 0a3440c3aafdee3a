import type { Contact } from '../adapters/types';
import { aggregatePresence, initialRosterState, rosterReducer, supportsFeature } from './roster';

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

  describe('resource features (XEP-0115)', () => {
    const CORRECT = 'urn:xmpp:message-correct:0';
    const up = (resource: string, state = initialRosterState) =>
      rosterReducer(state, { type: 'presence', jid: alice.jid, resource, presence: { show: 'online', priority: 0 } });

    it('keeps features per full JID, and forgets them when the resource leaves, its caps go or the connection drops', () => {
      let state = up('phone');
      state = rosterReducer(state, { type: 'resourceFeatures', jid: alice.jid, resource: 'phone', features: [CORRECT] });
      expect(state.features).toEqual({ 'alice@example.org/phone': [CORRECT] });
      expect(rosterReducer(state, { type: 'presence', jid: alice.jid, resource: 'phone' }).features).toEqual({});
      expect(rosterReducer(state, { type: 'resourceFeatures', jid: alice.jid, resource: 'phone' }).features).toEqual({});
      expect(rosterReducer(state, { type: 'connection', status: 'offline' }).features).toEqual({});
      expect(rosterReducer(initialRosterState, { type: 'resourceFeatures', jid: alice.jid, resource: 'x' })).toBe(initialRosterState);
    });

    it('supportsFeature: a full JID by its own caps; a bare JID true if any resource does, false only when all are known', () => {
      let state = up('laptop', up('phone'));
      expect(supportsFeature(state, alice.jid, CORRECT)).toBeUndefined();
      state = rosterReducer(state, { type: 'resourceFeatures', jid: alice.jid, resource: 'phone', features: [] });
      expect(supportsFeature(state, `${alice.jid}/phone`, CORRECT)).toBe(false);
      expect(supportsFeature(state, alice.jid, CORRECT)).toBeUndefined(); // the laptop is unknown
      const both = rosterReducer(state, { type: 'resourceFeatures', jid: alice.jid, resource: 'laptop', features: [] });
      expect(supportsFeature(both, alice.jid, CORRECT)).toBe(false);
      const one = rosterReducer(state, { type: 'resourceFeatures', jid: alice.jid, resource: 'laptop', features: [CORRECT] });
      expect(supportsFeature(one, alice.jid, CORRECT)).toBe(true);
      expect(supportsFeature(initialRosterState, alice.jid, CORRECT)).toBeUndefined(); // offline: unknown
      expect(supportsFeature(one, 'room@muc.example.org/nick', CORRECT)).toBeUndefined();
    });
  });
});
