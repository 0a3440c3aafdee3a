import { createDemoAdapter, type DemoAdapter, type DemoAdapterOptions } from '../../adapters/demo/demo-adapter';
import { createSession, type Session } from '../../session/session';

export const DEMO_USER = 'me@demo.natter.chat';

/**
 * A session on a quiet demo network (no latency, no ambient traffic), signed in:
 * what component specs and stories start from.
 */
export async function signedInDemoSession(options: DemoAdapterOptions = {}): Promise<{ session: Session; adapter: DemoAdapter }> {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, ...options });
  const session = createSession({ adapter });
  await session.actions.login({ jid: DEMO_USER, password: 'secret' });
  return { session, adapter };
}
