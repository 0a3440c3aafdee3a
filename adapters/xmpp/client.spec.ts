import { createXmppClient, type FastStep, type FastToken, type LibraryFast } from './client';
import { xml, type XmlElement } from './xml';

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

describe('createXmppClient: FAST (XEP-0484) and Bind2 (XEP-0386) through @xmpp/client’s own modules', () => {
  // The library's SASLError: its FAST module tells a refused token by `instanceof`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const SASLError = require('@xmpp/sasl/lib/SASLError.js').default as new (condition: string) => Error;
  const TOKEN: FastToken = { mechanism: 'HT-SHA-256-NONE', token: 'secret-token:abc', expiry: '2999-01-01T00:00:00Z' };
  const bind2 = () => xml('bind', { xmlns: 'urn:xmpp:bind:0' }, xml('tag', {}, 'natter-1'));

  function make(step: FastStep | undefined, options: { bind2?: boolean; offered?: boolean } = {}) {
    const saved: FastToken[] = [];
    const c = createXmppClient({
      service: 'ws://127.0.0.1:1/xmpp-websocket',
      domain: 'capulet.lit',
      resource: 'natter-1',
      username: 'juliet',
      ...(options.bind2 === undefined ? {} : { bind2: options.bind2 }),
      ...(step ? { fast: { step: () => step, save: async (t: FastToken) => void saved.push(t) } } : {}),
      credentials: async () => undefined,
      userAgent: xml('user-agent', { id: 'device-1' }),
    });
    const fast = c.fast as LibraryFast & { mechanisms: string[] };
    if (options.offered !== false) {
      // What the library sets when the server's <authentication/> offers <fast/> inline.
      fast.mechanism = 'HT-SHA-256-NONE';
      fast.mechanisms = ['HT-SHA-256-NONE'];
    }
    c.on('error', () => undefined);
    const sent: { mechanism: unknown; password: unknown; features: string[] }[] = [];
    let fail: Error | null = null;
    const authenticate = jest.fn(async (o: Record<string, unknown>) => {
      const credentials = o.credentials as { password?: string };
      sent.push({ mechanism: o.mechanism, password: credentials.password, features: (o.streamFeatures as (XmlElement | undefined)[]).filter(Boolean).map((el) => el!.toString()) });
      if (fail) throw fail;
    });
    const run = (streamFeatures: (XmlElement | undefined)[] = [bind2(), undefined]) =>
      fast.auth({ authenticate, credentials: { username: 'juliet', password: '' }, streamFeatures, entity: c, userAgent: xml('user-agent', { id: 'device-1' }), features: new Map() });
    return { c, fast, saved, sent, authenticate, run, failWith: (e: Error) => (fail = e) };
  }

  it('names the account in the stream header, which FAST needs', () => {
    expect(make(undefined).c.jid?.toString()).toBe('juliet@capulet.lit');
  });

  it('without FAST hooks asks for no token and uses none, and keeps Bind2', async () => {
    const { run, authenticate } = make(undefined);
    const features = [bind2(), undefined];
    expect(await run(features)).toBe(false);
    expect(authenticate).not.toHaveBeenCalled();
    expect(features.filter(Boolean).map((el) => el!.name)).toEqual(['bind']);
  });

  it('leaves Bind2 out when a named resource is wanted, and when a XEP-0198 session can be resumed', async () => {
    const named = make({ kind: 'none' }, { bind2: false });
    const features = [bind2()];
    await named.run(features);
    expect(features).toEqual([]);

    const resuming = make({ kind: 'none' });
    resuming.c.streamManagement!.id = 'sm-1';
    const again = [bind2()];
    await resuming.run(again);
    expect(again).toEqual([]);
  });

  it('request: adds <request-token/> for the offered mechanism to the password authentication', async () => {
    const { run, authenticate } = make({ kind: 'request' });
    const features: (XmlElement | undefined)[] = [bind2()];
    expect(await run(features)).toBe(false); // the password authentication follows
    expect(authenticate).not.toHaveBeenCalled();
    expect(features.map((el) => el!.toString())).toEqual([bind2().toString(), '<request-token xmlns="urn:xmpp:fast:0" mechanism="HT-SHA-256-NONE"/>']);
  });

  it('request: nothing when the server offers no FAST', async () => {
    const { run } = make({ kind: 'request' }, { offered: false });
    const features: (XmlElement | undefined)[] = [bind2()];
    expect(await run(features)).toBe(false);
    expect(features).toHaveLength(1);
  });

  it('use: authenticates with HT-SHA-256-NONE, the token as the secret, and <fast/>', async () => {
    const { run, sent } = make({ kind: 'use', token: TOKEN });
    expect(await run()).toBe(true);
    expect(sent).toEqual([{ mechanism: 'HT-SHA-256-NONE', password: 'secret-token:abc', features: [bind2().toString(), '<fast xmlns="urn:xmpp:fast:0"/>'] }]);
  });

  it('use with invalidate: asks the server to revoke the token (XEP-0484 §3.6)', async () => {
    const { run, sent } = make({ kind: 'use', token: TOKEN, invalidate: true });
    expect(await run()).toBe(true);
    expect(sent[0].features).toContain('<fast xmlns="urn:xmpp:fast:0" invalidate="true"/>');
  });

  it('use: a refused token fails with token-refused, with no fallback (no password is sent)', async () => {
    const { run, sent, failWith } = make({ kind: 'use', token: TOKEN });
    failWith(new SASLError('not-authorized'));
    await expect(run()).rejects.toMatchObject({ name: 'AdapterError', code: 'token-refused' });
    expect(sent).toHaveLength(1); // the token attempt only
  });

  it('use: an expired token, or a server without FAST, fails with token-refused before sending anything', async () => {
    const expired = make({ kind: 'use', token: { ...TOKEN, expiry: '2001-01-01T00:00:00Z' } });
    await expect(expired.run()).rejects.toMatchObject({ code: 'token-refused' });
    expect(expired.authenticate).not.toHaveBeenCalled();
    const none = make({ kind: 'use', token: TOKEN }, { offered: false });
    await expect(none.run()).rejects.toMatchObject({ code: 'token-refused' });
    expect(none.authenticate).not.toHaveBeenCalled();
  });

  it('use: another failure is not a refusal', async () => {
    const { run, failWith } = make({ kind: 'use', token: TOKEN });
    failWith(new Error('socket closed'));
    await expect(run()).rejects.toMatchObject({ code: 'unknown' });
  });

  it('hands the tokens the server issues to the hooks, and keeps none itself', async () => {
    const { fast, saved } = make({ kind: 'request' });
    await fast.saveToken(TOKEN);
    expect(saved).toEqual([TOKEN]);
    expect(await fast.fetchToken()).toBeNull();
  });
});
