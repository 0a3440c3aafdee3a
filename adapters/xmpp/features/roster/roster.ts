/**
 * The roster (RFC 6121): the contact list, its pushes, presence of contacts' resources and
 * subscription requests, and the commands that change them. Roster results and pushes are
 * accepted only from the own account.
 */
import type { Contact, Jid, Subscription } from '../../../types';
import { randomId, type XmlElement } from '../../xml';
import { describeError, requireBareJid, type FeatureHost } from '../host';
import { parseRosterPush, parseRosterResult } from './parser';
import { parsePresence } from './presence-parser';
import { rosterGet, rosterRemove, rosterSet, subscriptionPresence } from './stanzas';

export class RosterFeature {
  private contacts = new Map<Jid, Contact>();
  /** Available resources of each contact, as their presences said. */
  private presences = new Map<Jid, Set<string>>();

  constructor(private readonly host: FeatureHost) {}

  /** A new connect: nothing is known of the account's contacts. */
  reset(): void {
    this.contacts = new Map();
    this.presences = new Map();
  }

  /** A new session: whatever was known of contacts' resources belongs to the previous one. */
  forgetPresences(): void {
    for (const [jid, resources] of this.presences) {
      for (const resource of resources) this.host.emit({ type: 'presence', jid, resource });
    }
    this.presences = new Map();
  }

  /**
   * Asks for the roster; a failure is logged, not thrown (the session goes on without it).
   * `current` tells whether the session start that asked is still the current one.
   */
  async fetch(current: () => boolean): Promise<void> {
    try {
      const result = await this.host.iq(rosterGet(randomId()));
      const contacts = parseRosterResult(result, this.host.ctx());
      if (!current()) return;
      if (contacts) {
        this.contacts = new Map(contacts.map((c) => [c.jid, c]));
        this.host.emit({ type: 'roster', contacts });
      } else this.host.drop('roster result not from the own account or malformed', result);
    } catch (err) {
      if (current()) this.host.warn('[natter/xmpp] roster request failed:', describeError(err));
    }
  }

  /** A roster push (an IQ set); `undefined` has it answered with service-unavailable. */
  onPush(stanza: XmlElement): true | undefined {
    const change = parseRosterPush(stanza, this.host.ctx());
    if (!change) {
      this.host.drop('roster push not from the own account or malformed', stanza);
      return undefined;
    }
    if (change.removed) this.contacts.delete(change.contact.jid);
    else this.contacts.set(change.contact.jid, change.contact);
    this.host.emit(change.removed ? { type: 'rosterPush', contact: change.contact, removed: true } : { type: 'rosterPush', contact: change.contact });
    return true;
  }

  /** A presence that is not a room's: a contact's availability, or a subscription request. */
  onPresence(stanza: XmlElement): void {
    const update = parsePresence(stanza, this.host.ctx());
    if (!update) return; // errors, probes, own resources
    if (update.kind === 'availability') {
      let resources = this.presences.get(update.jid);
      if (update.presence) {
        if (!resources) this.presences.set(update.jid, (resources = new Set()));
        resources.add(update.resource);
        this.host.emit({ type: 'presence', jid: update.jid, resource: update.resource, presence: update.presence });
      } else {
        resources?.delete(update.resource);
        if (resources && resources.size === 0) this.presences.delete(update.jid);
        this.host.emit({ type: 'presence', jid: update.jid, resource: update.resource });
      }
    } else if (update.type === 'subscribe') {
      this.host.emit(update.name ? { type: 'subscriptionRequest', jid: update.jid, name: update.name } : { type: 'subscriptionRequest', jid: update.jid });
    }
    // subscribed / unsubscribe / unsubscribed: the roster push that accompanies them carries the change.
  }

  /** The subscription the roster records with `jid` (undefined for someone not in it). */
  subscription(jid: Jid): Subscription | undefined {
    return this.contacts.get(jid)?.subscription;
  }

  async add(jid: Jid, name?: string, groups: string[] = []): Promise<void> {
    const contact = requireBareJid(this.host, jid);
    await this.host.iq(rosterSet(randomId(), contact, name, groups));
    await this.host.send(subscriptionPresence('subscribe', contact));
  }

  /** A roster set with the new name and groups; the server's push brings the change to the stores. */
  async update(jid: Jid, name: string | undefined, groups: string[]): Promise<void> {
    const contact = requireBareJid(this.host, jid);
    if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) throw new Error('invalid groups');
    await this.host.iq(rosterSet(randomId(), contact, name, groups));
  }

  async remove(jid: Jid): Promise<void> {
    const contact = requireBareJid(this.host, jid);
    await this.host.iq(rosterRemove(randomId(), contact));
  }

  async approve(jid: Jid): Promise<void> {
    const contact = requireBareJid(this.host, jid);
    await this.host.send(subscriptionPresence('subscribed', contact));
    const item = this.contacts.get(contact);
    const haveOrAsked = item && (item.subscription === 'to' || item.subscription === 'both' || item.pendingOut);
    if (!haveOrAsked) await this.host.send(subscriptionPresence('subscribe', contact));
  }

  async deny(jid: Jid): Promise<void> {
    const contact = requireBareJid(this.host, jid);
    await this.host.send(subscriptionPresence('unsubscribed', contact));
  }
}
