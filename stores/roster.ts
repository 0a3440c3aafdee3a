import { createStore } from '@stencil/store';
import type { Availability, Contact, ContactPresence, Jid, ResourcePresence } from '../adapters/types';
import type { SessionEvent } from './events';
import { CopyOnWrite, type Store } from './store-utils';

export interface SubscriptionRequest {
  jid: Jid;
  name?: string;
}

export interface RosterState {
  contacts: Record<Jid, Contact>;
  presence: Record<Jid, ContactPresence>;
  requests: SubscriptionRequest[];
  /** The first full roster has arrived. */
  loaded: boolean;
  /**
   * XEP-0115: the features of available resources whose capabilities were verified, by full JID
   * (contacts' resources and room occupants, `room@service/nick`). A JID missing here is unknown.
   */
  features: Record<Jid, readonly string[]>;
  /** XEP-0191: the addresses the user blocked (bare JIDs, occupant JIDs or domains). */
  blocked: Record<Jid, true>;
  /** The blocklist has arrived from the server (this sign-in). */
  blocklistLoaded: boolean;
}

export type RosterStore = Store<RosterState>;

export const initialRosterState: RosterState = { contacts: {}, presence: {}, requests: [], loaded: false, features: {}, blocked: {}, blocklistLoaded: false };

/** Higher is more available. */
export const AVAILABILITY_RANK: Record<Availability, number> = { chat: 5, online: 4, dnd: 3, away: 2, xa: 1, offline: 0 };

/** The resource that represents a contact: highest priority, then most available. */
export function aggregatePresence(resources: Record<string, ResourcePresence>): ContactPresence {
  let best: ResourcePresence | undefined;
  for (const candidate of Object.values(resources)) {
    if (
      !best ||
      candidate.priority > best.priority ||
      (candidate.priority === best.priority && AVAILABILITY_RANK[candidate.show] > AVAILABILITY_RANK[best.show])
    ) {
      best = candidate;
    }
  }
  return best ? { show: best.show, status: best.status, resources } : { show: 'offline', resources };
}

export const OFFLINE: ContactPresence = Object.freeze({ show: 'offline', resources: {} }) as ContactPresence;

export function rosterReducer(state: RosterState, event: SessionEvent, cow = new CopyOnWrite()): RosterState {
  switch (event.type) {
    case 'roster': {
      const contacts: Record<Jid, Contact> = {};
      for (const contact of event.contacts) contacts[contact.jid] = contact;
      return { ...state, contacts, loaded: true };
    }
    case 'rosterPush': {
      const contacts = cow.writable(state.contacts);
      if (event.removed) delete contacts[event.contact.jid];
      else contacts[event.contact.jid] = event.contact;
      return { ...state, contacts };
    }
    case 'presence': {
      const previous = state.presence[event.jid]?.resources ?? {};
      if (!event.presence && !(event.resource in previous)) return state;
      const resources = { ...previous };
      if (event.presence) resources[event.resource] = event.presence;
      else delete resources[event.resource];
      const presence = cow.writable(state.presence);
      presence[event.jid] = aggregatePresence(resources);
      const full = `${event.jid}/${event.resource}`;
      if (!event.presence && full in state.features) {
        const features = cow.writable(state.features);
        delete features[full];
        return { ...state, presence, features };
      }
      return { ...state, presence };
    }
    case 'resourceFeatures': {
      const full = `${event.jid}/${event.resource}`;
      if (!event.features && !(full in state.features)) return state;
      const features = cow.writable(state.features);
      if (event.features) features[full] = event.features;
      else delete features[full];
      return { ...state, features };
    }
    case 'subscriptionRequest': {
      if (state.requests.some(request => request.jid === event.jid)) return state;
      return { ...state, requests: [...state.requests, { jid: event.jid, name: event.name }] };
    }
    case 'subscriptionHandled': {
      if (!state.requests.some(request => request.jid === event.jid)) return state;
      return { ...state, requests: state.requests.filter(request => request.jid !== event.jid) };
    }
    case 'blocklist': {
      const blocked: Record<Jid, true> = {};
      for (const jid of event.jids) blocked[jid] = true;
      return { ...state, blocked, blocklistLoaded: true };
    }
    case 'blocked': {
      if (event.jids.every(jid => state.blocked[jid])) return state;
      const blocked = { ...state.blocked };
      for (const jid of event.jids) blocked[jid] = true;
      // Someone blocked is no longer asking to be a contact (their request is not shown), nor seen online.
      const requests = state.requests.filter(request => !isBlocked(blocked, request.jid));
      let presence = state.presence;
      for (const jid in state.presence) {
        if (!isBlocked(blocked, jid)) continue;
        if (presence === state.presence) presence = { ...state.presence };
        delete presence[jid];
      }
      return { ...state, blocked, presence, requests: requests.length === state.requests.length ? state.requests : requests };
    }
    case 'unblocked': {
      if (event.all) return Object.keys(state.blocked).length === 0 ? state : { ...state, blocked: {} };
      if (!event.jids.some(jid => state.blocked[jid])) return state;
      const blocked = { ...state.blocked };
      for (const jid of event.jids) delete blocked[jid];
      return { ...state, blocked };
    }
    case 'connection':
      // Presence is only true while we are online; it is resent to us after a reconnect.
      if ((event.status === 'offline' || event.status === 'error') && (Object.keys(state.presence).length > 0 || Object.keys(state.features).length > 0 || state.blocklistLoaded)) {
        // The blocklist is the server's: read again at the next sign-in (maybe of another account).
        return event.status === 'offline' ? { ...state, presence: {}, features: {}, blocked: {}, blocklistLoaded: false } : { ...state, presence: {}, features: {} };
      }
      return state;
    default:
      return state;
  }
}

/**
 * True when `jid` is blocked by an entry of `blocked` (XEP-0191 §3.2 matching): the JID itself, its
 * bare JID, or its domain. A full JID entry (an occupant address) blocks only itself.
 */
export function isBlocked(blocked: Record<Jid, true>, jid: string | undefined): boolean {
  if (!jid) return false;
  if (blocked[jid]) return true;
  const slash = jid.indexOf('/');
  const bareJid = slash < 0 ? jid : jid.slice(0, slash);
  if (blocked[bareJid]) return true;
  const at = bareJid.indexOf('@');
  return at >= 0 && !!blocked[bareJid.slice(at + 1)];
}

export function createRosterStore(): RosterStore {
  return createStore<RosterState>({ ...initialRosterState });
}

/**
 * XEP-0115: whether `jid` supports `feature`. A full JID: its verified capabilities say so
 * (undefined when they are unknown). A bare JID: true when any available resource does, false
 * when every available resource's capabilities are known and none does, else undefined.
 */
export function supportsFeature(state: Pick<RosterState, 'presence' | 'features'>, jid: Jid, feature: string): boolean | undefined {
  if (jid.includes('/')) {
    const features = state.features[jid];
    return features ? features.includes(feature) : undefined;
  }
  const resources = Object.keys(state.presence[jid]?.resources ?? {});
  let unknown = resources.length === 0;
  for (const resource of resources) {
    const features = state.features[`${jid}/${resource}`];
    if (!features) unknown = true;
    else if (features.includes(feature)) return true;
  }
  return unknown ? undefined : false;
}
