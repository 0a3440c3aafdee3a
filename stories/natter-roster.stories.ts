import type { Session } from '../session/session';
import { inDemoSession } from './demo';

export default { title: 'Natter/Roster', tags: ['autodocs'] };

/** Contacts in groups with presence, a pending request, a filter and add-contact. */
export const Default = { render: () => inDemoSession(() => document.createElement('natter-roster')) };

/**
 * A big roster: 5,000 contacts in three groups and none, a fifth of them online.
 * Only the rows in view are in the DOM; scroll, filter, or press End in the list.
 */
export const ThousandsOfContacts = {
  render: () => {
    const host: HTMLElement = inDemoSession(
      () => {
        const session = (host as HTMLElement & { session: Session }).session;
        const groups = [['Work'], ['Friends'], ['Family'], []];
        const contacts = Array.from({ length: 5000 }, (_, index) => {
          const number = String(index).padStart(4, '0');
          return { jid: `contact${number}@demo.natter.chat`, name: `Contact ${number}`, groups: groups[index % groups.length], subscription: 'both' as const, pendingOut: false };
        });
        session.dispatch({ type: 'roster', contacts });
        for (const contact of contacts.filter((_, index) => index % 5 === 0)) {
          session.dispatch({ type: 'presence', jid: contact.jid, resource: 'web', presence: { show: 'online', priority: 0 } });
        }
        return document.createElement('natter-roster');
      },
      { ambient: false },
    );
    return host;
  },
};
