import { ALICE, ARABIC, CAROL, LONG_TEXT, element, incoming, inDemoSession, manyContacts, playRoster } from './demo';

export default { title: 'Natter/Roster', component: 'natter-roster', tags: ['autodocs'] };

const roster = () => element('natter-roster');

/** Contacts in groups with presence, a pending request, a filter and add-contact. */
export const Default = { render: () => inDemoSession(roster) };

/**
 * Faces and self-chosen names: Alice and Bob have avatars (XEP-0084), fetched only once their rows
 * are on screen; Gus has no roster name, so his nick names him; Hana has no avatar: her initial.
 */
export const Avatars = {
  render: () =>
    inDemoSession(
      (session, adapter) => {
        adapter.setDemoProfile('gus@demo.natter.chat', { nick: 'Gus', fullName: 'Gustavo Lima' });
        session.dispatch({ type: 'rosterPush', contact: { jid: 'gus@demo.natter.chat', groups: [], subscription: 'both', pendingOut: false } });
        session.dispatch({ type: 'rosterPush', contact: { jid: 'hana@demo.natter.chat', name: 'Hana Sato', groups: [], subscription: 'both', pendingOut: false } });
        return roster();
      },
      { ambient: false },
    ),
};

/** Signing in: the roster has not arrived yet. */
export const Loading = { render: () => inDemoSession(roster, { signIn: 'during', stall: ['connect'] }) };

/** A new account: no contacts yet, and the way to add one. */
export const Empty = { render: () => inDemoSession(roster, { contacts: [] }) };

/** Unread messages from two contacts: counts on their rows, the most available first. */
export const Unread = {
  render: () =>
    inDemoSession(session => {
      session.dispatch({ type: 'message', message: incoming(ALICE, ALICE, 'Are you there?') });
      session.dispatch({ type: 'message', message: incoming(ALICE, ALICE, 'Call me when you can.') });
      session.dispatch({ type: 'message', message: incoming(CAROL, CAROL, 'The slides are ready.') });
      return roster();
    }),
};

/** Long names, group names and status messages wrap or truncate without breaking the rows. */
export const LongContent = {
  render: () =>
    inDemoSession(
      session => {
        const contacts = [
          { jid: 'maximilian.alexander.featherstonehaugh-worthington@a-very-long-domain-name.example.org', name: 'Maximilian Alexander Featherstonehaugh-Worthington the Third', groups: ['Colleagues from the international standards working group'], subscription: 'both' as const, pendingOut: false },
          { jid: 'short@demo.natter.chat', groups: [], subscription: 'both' as const, pendingOut: false },
        ];
        session.dispatch({ type: 'roster', contacts });
        session.dispatch({ type: 'presence', jid: contacts[0].jid, resource: 'web', presence: { show: 'away', status: LONG_TEXT, priority: 0 } });
        return roster();
      },
      { contacts: [] },
    ),
};

/**
 * A big roster: 5,000 contacts in three groups and none, a fifth of them online.
 * Only the rows in view are in the DOM; scroll, filter, or press End in the list.
 */
export const ThousandsOfContacts = {
  render: () =>
    inDemoSession(
      (_session, adapter) => {
        playRoster(adapter, manyContacts(5000));
        return roster();
      },
      { ambient: false, contacts: [] },
    ),
};

/** Right to left, with an Arabic contact and status. */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () =>
    inDemoSession(session => {
      const jid = 'layla@demo.natter.chat';
      session.dispatch({ type: 'rosterPush', contact: { jid, name: ARABIC.name, groups: [], subscription: 'both', pendingOut: false } });
      session.dispatch({ type: 'presence', jid, resource: 'web', presence: { show: 'away', status: ARABIC.status, priority: 0 } });
      return roster();
    }),
};

/** Dark theme. */
export const Dark = { ...Unread, globals: { theme: 'dark' } };

/**
 * A contact's panel, opened with its Edit button: rename, groups (existing ones and a new one),
 * Save; Remove contact and Block, each after a confirmation.
 */
export const ContactActions = {
  render: () =>
    inDemoSession(() => {
      const el = roster();
      // Opened as a user would, once the rows are there.
      const open = (tries: number) => {
        const button = el.shadowRoot?.querySelector<HTMLButtonElement>(`button[part="edit-button"][data-jid="${ALICE}"]`);
        if (button) button.click();
        else if (tries > 0) setTimeout(() => open(tries - 1), 50);
      };
      open(100);
      return el;
    }),
};
