/** The actions of the contact list: adding and removing contacts, answering subscription requests. */
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

export function rosterActions(ctx: SessionContext): Pick<SessionActions, 'addContact' | 'removeContact' | 'approveSubscription' | 'denySubscription'> {
  const { adapter, dispatch, settled } = ctx;
  return {
    addContact: (jid, name, groups) => settled(adapter.addContact(jid, name, groups)),
    removeContact: jid => settled(adapter.removeContact(jid)),
    async approveSubscription(jid) {
      await settled(adapter.approveSubscription(jid));
      dispatch({ type: 'subscriptionHandled', jid });
    },
    async denySubscription(jid) {
      await settled(adapter.denySubscription(jid));
      dispatch({ type: 'subscriptionHandled', jid });
    },
  };
}
