/**
 * The actions about people besides the contact list's basics: the user's own presence (kept per
 * account on the device), renaming and regrouping contacts, and blocking (XEP-0191).
 */
import type { SessionEvent } from '../../stores/events';
import type { SessionActions } from '../session';
import type { PresenceStorage } from '../storage';
import type { SessionContext } from './context';

type PeopleActions = Pick<SessionActions, 'setPresence' | 'updateContact' | 'loadBlocklist' | 'block' | 'unblock'>;

/** The account part of what the user typed to sign in, as the server will know it. */
function accountOf(jid: string): string {
  const slash = jid.indexOf('/');
  return (slash < 0 ? jid : jid.slice(0, slash)).trim().toLowerCase();
}

export function peopleActions(ctx: SessionContext, storage: PresenceStorage, anonymous: () => boolean) {
  const { adapter, connection, dispatch, settled } = ctx;
  /** The blocklist was asked for on the current XMPP session. */
  let blocklistAsked = false;

  const actions: PeopleActions = {
    async setPresence(presence) {
      await settled(adapter.setPresence(presence));
      const account = ctx.ownJid();
      if (account && !anonymous()) storage.save(account, connection.get('presence') ?? presence);
    },
    updateContact: (jid, name, groups) => settled(adapter.updateContact(jid, name, groups)),
    loadBlocklist: () => settled(adapter.loadBlocklist()),
    async block(jid, report) {
      await settled(adapter.block(jid, report));
      // The server agreed; its push says the same (the reducer takes both).
      dispatch({ type: 'blocked', jids: [jid] });
    },
    async unblock(jid) {
      await settled(adapter.unblock(jid));
      dispatch({ type: 'unblocked', jids: [jid] });
    },
  };

  return {
    actions,
    /** Before signing in: the adapter sends the presence this account chose last on this device. */
    async restorePresence(jid: string): Promise<void> {
      if (connection.get('status') === 'online') return;
      const kept = storage.load(accountOf(jid));
      try {
        await adapter.setPresence(kept ?? { availability: 'online' });
      } catch (error) {
        console.warn('[natter] could not restore the presence chosen last', error);
      }
    },
    /** Signing out leaves nothing of the account behind. */
    forgetPresence(): void {
      const account = ctx.ownJid();
      if (account) storage.clear(account);
    },
    /**
     * Reads the blocklist once per XMPP session where the server has blocking: at sign-in and after
     * a reconnect that could not resume (pushes of the time away were lost); a resumed stream
     * kept them.
     */
    connectionChanged(event: SessionEvent): void {
      if (event.type === 'connection') {
        if (event.status === 'offline' || event.status === 'error' || event.status === 'connecting') blocklistAsked = false;
        if (event.status === 'online' && event.fresh !== false) blocklistAsked = false;
      }
      if (blocklistAsked || connection.get('status') !== 'online' || !connection.get('features')?.blocking) return;
      blocklistAsked = true;
      actions.loadBlocklist().catch(error => console.warn('[natter] reading the blocklist failed', error));
    },
  };
}
