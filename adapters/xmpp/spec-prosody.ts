/**
 * The harness of the adapter's specs against the real Prosody: the adapters a test creates (put
 * them in `adapters`) are disconnected after it, the bots stopped, and `console.warn` is caught
 * in `warn` for the test to read.
 */
import { stopAllBots } from '../../tests/prosody';
import type { XmppAdapter } from './xmpp-adapter';

export function prosodyAdapters(): { adapters: XmppAdapter[]; warn: jest.SpyInstance } {
  const harness = { adapters: [] as XmppAdapter[], warn: undefined as unknown as jest.SpyInstance };
  beforeEach(() => {
    harness.warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await Promise.all(harness.adapters.splice(0).map((a) => a.disconnect()));
    await stopAllBots();
    harness.warn.mockRestore();
  });
  return harness;
}
