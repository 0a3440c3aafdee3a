import { h } from '@stencil/core';
import { newSpecPage, type SpecPage } from '@stencil/core/testing';
import { createDemoAdapter } from '../../adapters/demo/demo-adapter';
import { RoomInfoClient, RoomInfoError, type RoomInfoClientOptions } from '../../adapters/xmpp-lite/room-info';
import { createSession } from '../../session/session';
import { setDefaultSession } from '../../session/registry';
import { signedInDemoSession } from '../shared/demo-session';
import { NatterSession } from '../natter-session/natter-session';
import { NatterRoomBadge } from './natter-room-badge';
import { settle } from '../shared/spec-helpers';

const SERVICE = 'rooms.demo.natter.chat';
const LOUNGE = `lounge@${SERVICE}`;
const DESIGN = `design@${SERVICE}`;


/** Re-renders until `check` holds (real timers: the stand-alone demo session has network latency). */
async function waitFor(page: SpecPage, check: () => boolean, timeout = 4000) {
  const until = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 20));
    await page.waitForChanges();
  }
}

function parts(page: SpecPage) {
  const shadow = page.root!.shadowRoot!;
  const base = shadow.querySelector<HTMLAnchorElement>('[part="base"]')!;
  return {
    base,
    /** The link's accessible name: its only text not hidden from assistive technology. */
    label: base.querySelector('.label')!.textContent,
    name: shadow.querySelector('[part="name"]')?.textContent ?? null,
    count: shadow.querySelector('[part="count"]')?.textContent ?? null,
  };
}

describe('natter-room-badge', () => {
  let page: SpecPage | undefined;

  afterEach(() => {
    // Removing the badge stops its timer and disposes a session of its own.
    page?.root?.remove();
    page = undefined;
  });

  it('shows the name and live count of a joined room, as a link to join it', async () => {
    const { session, adapter } = await signedInDemoSession();
    page = await newSpecPage({ components: [NatterRoomBadge], template: () => <natter-room-badge session={session} room={LOUNGE}></natter-room-badge> });
    await settle(page);
    const shadow = page.root!.shadowRoot!;
    for (const part of ['base', 'icon', 'name', 'count']) expect(shadow.querySelector(`[part="${part}"]`)).not.toBeNull();
    for (const part of ['icon', 'name', 'count']) expect(shadow.querySelector(`[part="${part}"]`)!.getAttribute('aria-hidden')).toBe('true');
    expect(parts(page).base.getAttribute('title')).toBe('Natter lounge: 21 people');
    expect(parts(page)).toMatchObject({ name: 'Natter lounge', count: '21', label: 'Natter lounge: 21 people' });
    expect(parts(page).base.tagName).toBe('A');
    expect(parts(page).base.getAttribute('href')).toBe(`xmpp:${LOUNGE}?join`);
    expect(parts(page).base.className).toContain('state-ready');

    adapter.emit({ type: 'occupantLeft', room: LOUNGE, nick: 'Bob', reason: 'left' });
    await settle(page);
    expect(parts(page)).toMatchObject({ count: '20', label: 'Natter lounge: 20 people' });
  });

  it('asks the room for its count when the session is not in it; one person is singular', async () => {
    const { session } = await signedInDemoSession();
    const query = jest.spyOn(session.actions, 'queryRoom');
    page = await newSpecPage({ components: [NatterRoomBadge], template: () => <natter-room-badge session={session} room={DESIGN}></natter-room-badge> });
    await settle(page);
    expect(query).toHaveBeenCalledWith(DESIGN);
    expect(parts(page)).toMatchObject({ name: 'Design reviews', count: '1', label: 'Design reviews: 1 person' });
  });

  it('says when the room is unavailable', async () => {
    const { session } = await signedInDemoSession();
    page = await newSpecPage({ components: [NatterRoomBadge], template: () => <natter-room-badge session={session} room={`nowhere@${SERVICE}`}></natter-room-badge> });
    await settle(page);
    expect(parts(page)).toMatchObject({ name: 'nowhere', count: 'unavailable', label: 'nowhere: room unavailable' });
    expect(parts(page).base.className).toContain('state-error');
  });

  it('waits for a session that is not signed in yet, loading meanwhile, then queries once online', async () => {
    const session = createSession({ adapter: createDemoAdapter({ latencyMs: 0, ambient: false, replies: false }) });
    const query = jest.spyOn(session.actions, 'queryRoom');
    page = await newSpecPage({ components: [NatterRoomBadge], template: () => <natter-room-badge session={session} room={DESIGN}></natter-room-badge> });
    await settle(page);
    expect(parts(page)).toMatchObject({ name: 'design', count: '…', label: 'design: loading…' });
    expect(parts(page).base.getAttribute('aria-busy')).toBe('true');
    expect(query).not.toHaveBeenCalled();
    await session.actions.login({ jid: 'me@demo.natter.chat', password: 'x' });
    await settle(page);
    expect(query).toHaveBeenCalledTimes(1);
    expect(parts(page).label).toBe('Design reviews: 1 person');
  });

  it('refreshes every `refresh` seconds, not while the page is hidden, and stops when removed', async () => {
    const { session } = await signedInDemoSession();
    const query = jest.spyOn(session.actions, 'queryRoom');
    page = await newSpecPage({
      components: [NatterRoomBadge],
      template: () => <natter-room-badge session={session} room={DESIGN} refresh={0.05}></natter-room-badge>,
    });
    await settle(page);
    await waitFor(page, () => query.mock.calls.length >= 3, 2000);

    let visibility = 'hidden';
    Object.defineProperty(page.doc, 'visibilityState', { configurable: true, get: () => visibility });
    await new Promise(resolve => setTimeout(resolve, 60));
    const whileHidden = query.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(query.mock.calls.length).toBe(whileHidden);

    // Coming back queries at once, then the timer goes on.
    visibility = 'visible';
    page.doc.dispatchEvent(new Event('visibilitychange'));
    expect(query.mock.calls.length).toBe(whileHidden + 1);

    page.root!.remove();
    const afterRemoval = query.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(query.mock.calls.length).toBe(afterRemoval);
  });

  it('uses the session of a surrounding <natter-session>', async () => {
    const { session } = await signedInDemoSession();
    page = await newSpecPage({
      components: [NatterSession, NatterRoomBadge],
      template: () => (
        <natter-session session={session}>
          <natter-room-badge room={LOUNGE}></natter-room-badge>
        </natter-session>
      ),
    });
    await settle(page);
    const badge = page.body.querySelector('natter-room-badge')!;
    expect(badge.shadowRoot!.querySelector('[part="base"] .label')!.textContent).toBe('Natter lounge: 21 people');
    badge.remove();
  });

  it('stand-alone: makes its own session (not the default one) and signs in anonymously to `domain`', async () => {
    const fallback = createSession({ adapter: createDemoAdapter({ latencyMs: 0 }) });
    setDefaultSession(fallback);
    const login = jest.spyOn(fallback.actions, 'login');
    const query = jest.spyOn(fallback.actions, 'queryRoom');
    page = await newSpecPage({
      components: [NatterRoomBadge],
      html: `<natter-room-badge adapter="demo" domain="demo.natter.chat" room="${LOUNGE}"></natter-room-badge>`,
    });
    expect(parts(page)).toMatchObject({ name: 'lounge', label: 'lounge: loading…' });
    // The demo network answers after its latency: signing in, then the room's info.
    await waitFor(page, () => parts(page!).label !== 'lounge: loading…');
    // A guest is not in the room: the count is the room's own (its 20 scripted occupants).
    expect(parts(page)).toMatchObject({ name: 'Natter lounge', count: '20', label: 'Natter lounge: 20 people' });
    expect(login).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
  });

  it('stand-alone without a domain says the room is unavailable', async () => {
    page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge adapter="demo" room="${LOUNGE}"></natter-room-badge>` });
    await settle(page);
    expect(parts(page)).toMatchObject({ count: 'unavailable', label: 'lounge: room unavailable' });
  });

  describe('stand-alone over XMPP: its own small client, no session', () => {
    const XMPP_ROOM = 'lounge@conference.example.org';
    let query: jest.SpyInstance<Promise<{ name?: string; occupants?: number }>, [string]>;
    let close: jest.SpyInstance<Promise<void>, []>;

    beforeEach(() => {
      query = jest.spyOn(RoomInfoClient.prototype, 'query').mockResolvedValue({ name: 'Natter lounge', occupants: 7 });
      close = jest.spyOn(RoomInfoClient.prototype, 'close').mockResolvedValue();
    });
    afterEach(() => jest.restoreAllMocks());

    /** The options the badge gave the client that answered the first query. */
    const clientOptions = () => (query.mock.contexts[0] as unknown as { options: RoomInfoClientOptions }).options;

    it('asks the room through its own client, signed in anonymously to `domain` over `service`, and shows its name and count', async () => {
      page = await newSpecPage({
        components: [NatterRoomBadge],
        html: `<natter-room-badge room="${XMPP_ROOM}" service="wss://example.org/ws" domain="anon.example.org"></natter-room-badge>`,
      });
      await waitFor(page, () => parts(page!).label !== 'lounge: loading…');
      expect(parts(page)).toMatchObject({ name: 'Natter lounge', count: '7', label: 'Natter lounge: 7 people' });
      expect(parts(page).base.className).toContain('state-ready');
      expect(query).toHaveBeenCalledTimes(1);
      expect(query).toHaveBeenCalledWith(XMPP_ROOM);
      expect(clientOptions()).toMatchObject({ service: 'wss://example.org/ws', domain: 'anon.example.org' });
    });

    it('shows the loading state until the room answers', async () => {
      let answer!: (report: { name?: string; occupants?: number }) => void;
      query.mockReturnValue(new Promise(resolve => (answer = resolve)));
      page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge room="${XMPP_ROOM}" domain="anon.example.org"></natter-room-badge>` });
      await waitFor(page, () => query.mock.calls.length > 0);
      expect(parts(page)).toMatchObject({ name: 'lounge', count: '…', label: 'lounge: loading…' });
      expect(parts(page).base.getAttribute('aria-busy')).toBe('true');
      answer({ occupants: 1 });
      await waitFor(page, () => parts(page!).label !== 'lounge: loading…');
      // A room that tells no name is called by its local part.
      expect(parts(page)).toMatchObject({ name: 'lounge', count: '1', label: 'lounge: 1 person' });
    });

    it('a room that does not exist reads "room unavailable", without a warning', async () => {
      query.mockRejectedValue(new RoomInfoError('item-not-found', true));
      const warn = jest.spyOn(console, 'warn');
      page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge room="nowhere@conference.example.org" domain="anon.example.org"></natter-room-badge>` });
      await waitFor(page, () => parts(page!).label === 'nowhere: room unavailable');
      expect(parts(page)).toMatchObject({ count: 'unavailable' });
      expect(parts(page).base.className).toContain('state-error');
      expect(warn).not.toHaveBeenCalled();
    });

    it('a server it cannot sign in to reads "room unavailable", with a warning', async () => {
      query.mockRejectedValue(new RoomInfoError('no-mechanism'));
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge room="${XMPP_ROOM}" domain="example.org"></natter-room-badge>` });
      await waitFor(page, () => parts(page!).label === 'lounge: room unavailable');
      expect(warn).toHaveBeenCalledWith('[natter] room badge: could not ask the room', expect.objectContaining({ condition: 'no-mechanism' }));
    });

    it('asks again every `refresh` seconds with the same client, and closes it when removed', async () => {
      page = await newSpecPage({
        components: [NatterRoomBadge],
        html: `<natter-room-badge room="${XMPP_ROOM}" domain="anon.example.org" refresh="0.05"></natter-room-badge>`,
      });
      await waitFor(page, () => query.mock.calls.length >= 3, 2000);
      expect(new Set(query.mock.contexts).size).toBe(1);
      expect(close).not.toHaveBeenCalled();
      query.mockResolvedValue({ name: 'Natter lounge', occupants: 8 });
      await waitFor(page, () => parts(page!).count === '8', 2000);
      page.root!.remove();
      expect(close).toHaveBeenCalledTimes(1);
      const afterRemoval = query.mock.calls.length;
      await new Promise(resolve => setTimeout(resolve, 200));
      expect(query.mock.calls.length).toBe(afterRemoval);
    });

    it('with `refresh` 0 asks once and closes its connection', async () => {
      page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge room="${XMPP_ROOM}" domain="anon.example.org" refresh="0"></natter-room-badge>` });
      await waitFor(page, () => close.mock.calls.length > 0);
      expect(query).toHaveBeenCalledTimes(1);
      expect(parts(page).label).toBe('Natter lounge: 7 people');
    });

    it('without a domain says the room is unavailable and asks nothing', async () => {
      page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge room="${XMPP_ROOM}"></natter-room-badge>` });
      await settle(page);
      expect(parts(page)).toMatchObject({ count: 'unavailable', label: 'lounge: room unavailable' });
      expect(query).not.toHaveBeenCalled();
    });

    it('a new room property asks the new room', async () => {
      query.mockImplementation(async room => (room === XMPP_ROOM ? { name: 'Natter lounge', occupants: 7 } : { name: 'Design reviews', occupants: 1 }));
      page = await newSpecPage({ components: [NatterRoomBadge], html: `<natter-room-badge room="${XMPP_ROOM}" domain="anon.example.org"></natter-room-badge>` });
      await waitFor(page, () => parts(page!).label === 'Natter lounge: 7 people');
      page.root!.setAttribute('room', 'design@conference.example.org');
      await waitFor(page, () => parts(page!).label === 'Design reviews: 1 person');
    });
  });

  it('a new room property resets the badge and queries the new room', async () => {
    const { session } = await signedInDemoSession();
    page = await newSpecPage({ components: [NatterRoomBadge], template: () => <natter-room-badge session={session} room={`nowhere@${SERVICE}`}></natter-room-badge> });
    await settle(page);
    expect(parts(page).label).toBe('nowhere: room unavailable');
    page.root!.setAttribute('room', DESIGN);
    await settle(page);
    expect(parts(page).label).toBe('Design reviews: 1 person');
  });
});
