import { createXmppClient } from './client';
import { xml } from './xml';

describe('createXmppClient', () => {
  const make = () =>
    createXmppClient({
      service: 'ws://127.0.0.1:1/xmpp-websocket',
      domain: 'capulet.lit',
      resource: 'r',
      credentials: async () => undefined,
      userAgent: xml('user-agent', { id: 'x' }),
    });

  it('offers SCRAM-SHA-1 and PLAIN, SCRAM-SHA-1 once', () => {
    const names = make().saslFactory!._mechs.map((m) => m.name);
    expect(names.filter((n) => n === 'SCRAM-SHA-1')).toHaveLength(1);
    expect(names).toContain('PLAIN');
  });

  it('exposes what the adapter relies on', () => {
    const c = make();
    expect(typeof c.reconnect.start).toBe('function');
    expect(typeof c.reconnect.stop).toBe('function');
    expect(typeof c.iqCaller.request).toBe('function');
    expect(typeof c.iqCallee.set).toBe('function');
    expect(typeof c.prependListener).toBe('function');
    expect(c.streamManagement).toMatchObject({ enabled: false, inbound: 0 });
    expect(typeof c.fast?.auth).toBe('function');
  });
});
