/**
 * SASL with the real @xmpp/client against a fake server on loopback (spec-sasl-server.ts): which
 * mechanism the adapter picks, that SCRAM-SHA-256's server signature is checked (a server that
 * cannot prove it knows the password never gets a session), and mechanisms added with
 * registerSaslMechanism. Prosody's side of SCRAM-SHA-256 is in xmpp-adapter.prosody.spec.ts.
 */
import { createXmppClient } from './client';
import { BUILT_IN_PREFERENCE, clearSaslMechanisms, registerSaslMechanism, saslPreference, type SaslCredentials, type SaslMechanism } from './sasl';
import { startFakeSaslServer, type FakeSaslServer, type FakeSaslServerOptions } from './spec-sasl-server';
import { XmppAdapter } from './xmpp-adapter';
import { xml } from './xml';

jest.setTimeout(15_000);

const servers: FakeSaslServer[] = [];
const adapters: XmppAdapter[] = [];

afterEach(async () => {
  clearSaslMechanisms();
  await Promise.all(adapters.splice(0).map((a) => a.disconnect()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Partial<FakeSaslServerOptions> = {}) {
  const s = await startFakeSaslServer({ mechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-256', 'PLAIN'], username: 'user', password: 'pencil', ...options });
  servers.push(s);
  return s;
}

function adapter() {
  const a = new XmppAdapter({ logger: { warn: () => undefined }, reconnectDelay: 100_000 });
  adapters.push(a);
  return a;
}

const signIn = (a: XmppAdapter, s: FakeSaslServer, mechanisms?: string[]) =>
  a.connect({ jid: 'user@localhost/r', password: 'pencil', service: s.url, ...(mechanisms ? { mechanisms } : {}) });

/** A mechanism that sends one message and records what `final()` got. */
class XTest implements SaslMechanism {
  static finals: string[] = [];
  clientFirst = true;
  response(credentials: SaslCredentials) {
    return `hello ${credentials.username}`;
  }
  challenge() {
    return this;
  }
  final(data: string) {
    XTest.finals.push(data);
  }
}

describe('SCRAM-SHA-256 with the real client', () => {
  it('is chosen over SCRAM-SHA-1 and PLAIN when the server offers it, and signs in', async () => {
    const s = await server();
    const a = adapter();
    await signIn(a, s);
    expect(a.saslMechanism).toBe('SCRAM-SHA-256');
    expect(s.authMechanisms()).toEqual(['SCRAM-SHA-256']);
    expect(s.opens()).toBe(2); // the stream restarted after <success/>
  });

  it('signs in when the server sends its signature as a last challenge', async () => {
    const s = await server({ serverFinal: 'challenge' });
    const a = adapter();
    await signIn(a, s);
    expect(a.saslMechanism).toBe('SCRAM-SHA-256');
  });

  it.each([
    ['a wrong server signature', 'wrong' as const, /signature is wrong/],
    ['no server signature', 'missing' as const, /did not send its signature/],
  ])('refuses a server with %s: a protocol error, and the stream is never used as authenticated', async (_what, serverFinal, detail) => {
    const s = await server({ serverFinal });
    const a = adapter();
    const statuses: string[] = [];
    a.subscribe((e) => {
      if (e.type === 'connection') statuses.push(e.status);
    });
    await expect(signIn(a, s)).rejects.toMatchObject({ code: 'protocol', message: expect.stringMatching(detail) });
    expect(statuses).toEqual(['connecting', 'error']);
    expect(s.opens()).toBe(1);
    expect(s.received.some((el) => el.is('iq'))).toBe(false);
  });
});

describe('registerSaslMechanism', () => {
  it('checks the name (RFC 4422) and the class', () => {
    expect(() => registerSaslMechanism('not a name', XTest)).toThrow(TypeError);
    expect(() => registerSaslMechanism('X'.repeat(21), XTest)).toThrow(TypeError);
    expect(() => registerSaslMechanism('X-NOTHING', {} as never)).toThrow(TypeError);
    expect(() => registerSaslMechanism('X-HALF', class {} as never)).toThrow(TypeError);
  });

  it('prefers added mechanisms, latest first, over SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN; a built-in name keeps its rank', () => {
    expect(saslPreference()).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'ANONYMOUS']);
    registerSaslMechanism('x-one', XTest);
    registerSaslMechanism('X-TWO', XTest);
    registerSaslMechanism('SCRAM-SHA-1', XTest);
    expect(saslPreference()).toEqual(['X-TWO', 'X-ONE', ...BUILT_IN_PREFERENCE]);
  });

  it('adds to the clients created after it, replacing a mechanism of the same name', () => {
    const make = () =>
      createXmppClient({ service: 'ws://127.0.0.1:1/xmpp-websocket', domain: 'localhost', credentials: async () => undefined, userAgent: xml('user-agent', { id: 'x' }) });
    const before = make();
    registerSaslMechanism('X-TEST', XTest);
    registerSaslMechanism('PLAIN', XTest);
    const after = make();
    const mechs = (c: ReturnType<typeof make>) => c.saslFactory!._mechs;
    expect(mechs(before).map((m) => m.name)).not.toContain('X-TEST');
    expect(mechs(after).filter((m) => m.name === 'X-TEST').map((m) => m.mech)).toEqual([XTest]);
    expect(mechs(after).filter((m) => m.name === 'PLAIN').map((m) => m.mech)).toEqual([XTest]);
  });

  it('is used when the server offers it, named in <auth/> from its registration, and gets the <success/> data in final()', async () => {
    XTest.finals = [];
    registerSaslMechanism('X-TEST', XTest);
    const s = await server({ mechanisms: ['SCRAM-SHA-256', 'X-TEST'], otherSuccessData: 'welcome' });
    const a = adapter();
    await signIn(a, s);
    expect(a.saslMechanism).toBe('X-TEST');
    expect(s.authMechanisms()).toEqual(['X-TEST']);
    expect(Buffer.from(s.received.find((el) => el.name === 'auth')!.text(), 'base64').toString()).toBe('hello user');
    expect(XTest.finals).toEqual(['welcome']);
  });

  it('still obeys the mechanisms whitelist of connect()', async () => {
    registerSaslMechanism('X-TEST', XTest);
    const s = await server({ mechanisms: ['SCRAM-SHA-256', 'X-TEST'] });
    const a = adapter();
    await signIn(a, s, ['SCRAM-SHA-256']);
    expect(a.saslMechanism).toBe('SCRAM-SHA-256');
    expect(s.authMechanisms()).toEqual(['SCRAM-SHA-256']);
  });

  it('fails the sign-in when its final() throws', async () => {
    class Doubting extends XTest {
      final(): void {
        throw new Error('I do not trust this server');
      }
    }
    registerSaslMechanism('X-TEST', Doubting);
    const s = await server({ mechanisms: ['X-TEST'] });
    const a = adapter();
    await expect(signIn(a, s)).rejects.toMatchObject({ message: expect.stringMatching(/do not trust/) });
    expect(s.opens()).toBe(1);
  });
});
