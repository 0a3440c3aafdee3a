import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { createSession } from '../../session/session';
import { settle } from '../shared/spec-helpers';
import { NatterChatbox } from './natter-chatbox';

// A file of its own: natter-message (imported by the other chatbox specs) warms up when its code
// loads, and the warm-up runs once per page.
describe('natter-chatbox warm-up', () => {
  it('gets message rendering ready while the session signs in, and not on a page nobody signed in on', async () => {
    const idle = jest.fn();
    const global = globalThis as { requestIdleCallback?: unknown };
    const original = global.requestIdleCallback;
    global.requestIdleCallback = idle;
    try {
      const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0 }) });
      const page = await newSpecPage({ components: [NatterChatbox], template: () => <natter-chatbox session={session}></natter-chatbox> });
      await settle(page);
      // A sign-in page must not fetch the message code (issue 4's first-load budget).
      expect(idle).not.toHaveBeenCalled();
      session.dispatch({ type: 'connection', status: 'connecting' });
      await settle(page);
      expect(idle).toHaveBeenCalled();
    } finally {
      global.requestIdleCallback = original;
    }
  });
});
