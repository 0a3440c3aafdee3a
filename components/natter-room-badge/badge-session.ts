/**
 * The session code a room badge needs when it shows a session's count: inside a
 * `<natter-session>`, or stand-alone on the demo adapter. The badge imports this module
 * dynamically, so a stand-alone badge over XMPP never loads the session (nor its adapter).
 */
import { createAdapter, sessionOfElement, type AdapterKind } from '../../session/registry';
import { createSession, type Session } from '../../session/session';

export { sessionOfElement };

/** A session of the badge's own, never the page's default one. */
export function createOwnSession(kind: AdapterKind): Session {
  return createSession({ adapter: createAdapter(kind) });
}
