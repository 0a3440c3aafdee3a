import { deepLinkHash, parseDeepLink } from './deep-link';

describe('deep links', () => {
  it('reads chat and room links', () => {
    expect(parseDeepLink('#natter/chat?jid=alice@example.org')).toEqual({ kind: 'chat', jid: 'alice@example.org' });
    expect(parseDeepLink('#natter/room?jid=room%40conference.example.org')).toEqual({ kind: 'room', jid: 'room@conference.example.org' });
    expect(parseDeepLink('#natter/chat?x=1&jid=Alice@Example.org')).toEqual({ kind: 'chat', jid: 'alice@example.org' });
  });

  it('ignores other fragments, other kinds, missing or malformed JIDs and full JIDs', () => {
    for (const hash of ['', '#', '#top', '#natter', '#natter/', '#natter/admin?jid=a@b', '#natter/chat', '#natter/chat?jid=', '#natter/chat?jid=nobody', '#natter/chat?jid=a@b/phone', '#natter/chat?jid=a b@c', '#other/chat?jid=a@b']) {
      expect(parseDeepLink(hash)).toBeNull();
    }
    expect(parseDeepLink(`#natter/chat?jid=${'a'.repeat(4000)}@b`)).toBeNull();
  });

  it('writes links that read back the same', () => {
    const link = { kind: 'room' as const, jid: 'lounge@conference.example.org' };
    expect(deepLinkHash(link)).toBe('#natter/room?jid=lounge%40conference.example.org');
    expect(parseDeepLink(deepLinkHash(link))).toEqual(link);
  });
});
