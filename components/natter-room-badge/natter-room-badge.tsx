import { Component, Element, Listen, Prop, State, Watch, h } from '@stencil/core';
import type { Jid } from '../../adapters/types';
import type { RoomInfoClient, RoomReport } from '../../adapters/xmpp-lite/room-info';
import type { Session } from '../../session/session';
import type { AdapterKind } from '../../session/registry';
import { nearestSessionElement } from '../../session/nearest';
import { currentLocale, t } from '../../i18n/catalogue';
import { roomLocalPart, roomName } from '../shared/room-text';
import type { NatterRoomBadgeState } from './natter-room-badge-interface';

// Only type imports of the session and the clients above: the badge loads their code when it
// needs it, so a stand-alone badge's page fetches neither the session nor @xmpp/client.
type SessionCode = typeof import('./badge-session');
let sessionCode: SessionCode | undefined;
let sessionCodeLoading: Promise<SessionCode> | undefined;

function loadSessionCode(): Promise<SessionCode> {
  return (sessionCodeLoading ??= import('./badge-session').then(code => (sessionCode = code)));
}

/** Where a badge's count comes from: a session, or its own small XMPP client. */
type Source = Session | 'own-client';

/**
 * A small inline badge with a room's name and how many people are in it, as a
 * link to join the room (`xmpp:room@service?join`): what a project puts in its
 * README or on its website to point at its chatroom.
 *
 * It works on its own: with no `session` property and no `<natter-session>`
 * around it, it signs in anonymously (SASL ANONYMOUS) to `domain` over
 * `service` with a small client of its own that only asks rooms for their
 * count (no session, no full XMPP client: its page stays small). With
 * `adapter="demo"` it makes a demo session of its own instead (never the page's
 * default one). With a session it uses that one, signed in or not yet.
 *
 * The count is the room's own (disco#info `muc#roominfo_occupants`), asked
 * again every `refresh` seconds while the page is visible; in a room the
 * session has joined it is the live number of occupants. Stand-alone with
 * `refresh` 0 it asks once and closes its connection. The link's accessible
 * name says it all: "Natter lounge: 12 people" (also its tooltip).
 *
 * @part base - The link.
 * @part icon - The speech-bubble icon.
 * @part name - The room's name.
 * @part count - The number of people (or "…" while loading, "unavailable" on error).
 */
// Its CSS custom properties are documented at the top of natter-room-badge.css, where Stencil reads them.
@Component({ tag: 'natter-room-badge', styleUrl: 'natter-room-badge.css', shadow: true })
export class NatterRoomBadge {
  /** The session this badge made for itself (stand-alone on the demo adapter); disposed when the badge leaves the page. */
  private ownSession?: Session;
  /** The badge's own client (stand-alone over XMPP); closed when the badge leaves the page. */
  private client?: RoomInfoClient;
  private signInStarted = false;
  /** The own client's query is on its way: a periodic one waits for the next period. */
  private asking = false;
  private attached = false;
  private timer?: ReturnType<typeof setInterval>;
  /** The source and room the last query was for: a new pair is queried at once. */
  private queried: { source: Source; room: Jid } | null = null;
  private lastQueryAt = 0;

  @Element() el!: HTMLElement;

  /** The last query for the room failed (no such room, not allowed, offline). */
  @State() unavailable = false;
  /** The badge's own session could not sign in. */
  @State() signInFailed = false;
  /** What the room last said through the badge's own client. */
  @State() report?: RoomReport;
  /** The session code has loaded: render with the session it finds. */
  @State() sessionCodeLoaded = sessionCode !== undefined;

  /** The session to use; defaults to the nearest `<natter-session>`, else (stand-alone) the badge's own client or demo session. */
  @Prop() session?: Session;

  /** The room's bare JID, e.g. `lounge@conference.example.org`. */
  @Prop() room!: Jid;

  @Watch('room')
  roomChanged() {
    this.unavailable = false;
    this.report = undefined;
    this.queried = null;
  }

  /** Stand-alone only: the WebSocket URL of the server, e.g. `wss://example.org/xmpp-websocket`. */
  @Prop() service?: string;

  /** Stand-alone only: the server's anonymous domain to sign in to, e.g. `anon.example.org`. */
  @Prop() domain?: string;

  /** Stand-alone only: `xmpp` (default: the badge's own small client) or `demo` (a demo session of its own). Read once. */
  @Prop() adapter: AdapterKind = 'xmpp';

  /** Seconds between two queries of the occupant count; 0 asks once. */
  @Prop() refresh = 30;

  @Watch('refresh')
  refreshChanged() {
    this.startTimer();
  }

  connectedCallback() {
    this.attached = true;
    this.startTimer();
  }

  disconnectedCallback() {
    this.attached = false;
    this.stopTimer();
    this.queried = null;
    if (this.ownSession) {
      this.ownSession.dispose();
      this.ownSession = undefined;
      this.signInStarted = false;
    }
    if (this.client) {
      void this.client.close();
      this.client = undefined;
    }
  }

  componentDidRender() {
    const source = this.currentSource();
    if (!source) return;
    if (source === this.ownSession) void this.signIn(source);
    if (this.queried?.source !== source || this.queried.room !== this.room) this.ask(source);
  }

  @Listen('visibilitychange', { target: 'document' })
  handleVisibilityChange() {
    if (document.visibilityState === 'hidden') return;
    // Back on the page: a count older than one period is refreshed at once.
    if (Date.now() - this.lastQueryAt >= this.refresh * 1000) this.tick();
  }

  /**
   * Its `session` property, else the nearest `<natter-session>`'s, else (stand-alone) its own
   * client, or its own demo session made on first use. Undefined while the session code loads.
   */
  private currentSource(): Source | undefined {
    if (this.session) return this.session;
    const host = nearestSessionElement(this.el);
    if (!host && this.adapter !== 'demo') return 'own-client';
    if (!sessionCode) {
      loadSessionCode().then(
        () => (this.sessionCodeLoaded = true),
        error => {
          console.warn('[natter] room badge: the session code did not load', error);
          this.unavailable = true;
        },
      );
      return undefined;
    }
    if (host) return sessionCode.sessionOfElement(host);
    this.ownSession ??= sessionCode.createOwnSession(this.adapter);
    return this.ownSession;
  }

  private async signIn(session: Session) {
    if (this.signInStarted || !this.domain || session.connection.get('status') !== 'offline') return;
    this.signInStarted = true;
    try {
      await session.actions.login({ jid: this.domain, password: '', service: this.service || undefined, anonymous: true });
    } catch (error) {
      if (session === this.ownSession) this.signInFailed = true;
      console.warn('[natter] room badge: anonymous sign-in failed', error);
    }
  }

  private startTimer() {
    this.stopTimer();
    if (!(this.refresh > 0)) return;
    this.timer = setInterval(() => this.tick(), this.refresh * 1000);
  }

  private stopTimer() {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A periodic query: not while the page is hidden, and only once online. */
  private tick() {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    if (!this.room) return;
    const source = this.currentSource();
    if (source === 'own-client' && this.asking) return;
    if (source) this.ask(source);
  }

  /** Asks the room for its count: through the session once it is online, else with the badge's own client. */
  private ask(source: Source) {
    if (source === 'own-client') void this.askWithOwnClient();
    else if (source.connection.get('status') === 'online') void this.query(source);
  }

  private async askWithOwnClient() {
    const room = this.room;
    if (!room) return;
    this.queried = { source: 'own-client', room };
    this.lastQueryAt = Date.now();
    if (!this.domain) return; // shown as unavailable
    this.asking = true;
    try {
      const report = await (await this.ownClient()).query(room);
      if (this.room === room) {
        this.report = { ...this.report, ...report };
        this.unavailable = false;
      }
    } catch (error) {
      if (this.room === room) this.unavailable = true;
      // A room that does not exist (or refuses) is what the badge shows; anything else is worth a warning.
      if (this.attached && !(error as { byRoom?: boolean }).byRoom) console.warn('[natter] room badge: could not ask the room', error);
    } finally {
      this.asking = false;
      // Asked once: no connection kept open for nothing.
      if (!(this.refresh > 0) && this.client) {
        void this.client.close();
        this.client = undefined;
      }
    }
  }

  private async ownClient(): Promise<RoomInfoClient> {
    const { RoomInfoClient } = await import('../../adapters/xmpp-lite/room-info');
    if (!this.attached) throw new Error('the badge left the page');
    this.client ??= new RoomInfoClient({ service: this.service || undefined, domain: this.domain! });
    return this.client;
  }

  private async query(session: Session) {
    const room = this.room;
    if (!room) return;
    this.queried = { source: session, room };
    this.lastQueryAt = Date.now();
    try {
      await session.actions.queryRoom(room);
      if (this.room === room) this.unavailable = false;
    } catch {
      if (this.room === room) this.unavailable = true;
    }
  }

  /** The live count in a room the session is in, else what the room last reported. */
  private countOf(session: Session): number | undefined {
    const room = this.room;
    const joined = session.conversations.get('items')[room]?.kind === 'room' && session.conversation(room).get('room')?.status === 'joined';
    if (joined) return Object.keys(session.conversation(room).get('occupants')).length;
    return session.rooms.get('info')[room]?.occupants;
  }

  /** The name, count and state to show for a session. */
  private sessionView(session: Session | undefined, room: Jid): { name: string; count?: number; state: NatterRoomBadgeState } {
    if (!session) return { name: roomLocalPart(room), state: room && !this.unavailable ? 'loading' : 'error' };
    const own = session === this.ownSession;
    // Read on every render: the badge re-renders, and so queries, when the session comes online.
    const status = session.connection.get('status');
    const count = room ? this.countOf(session) : undefined;
    let state: NatterRoomBadgeState = 'ready';
    if (!room || this.unavailable || (own && (this.signInFailed || !this.domain || status === 'error'))) state = 'error';
    else if (count === undefined && !session.rooms.get('info')[room]) state = 'loading';
    return { name: room ? roomName(session, room) : '', count, state };
  }

  /** The name, count and state to show from what the room told the badge's own client. */
  private ownClientView(room: Jid): { name: string; count?: number; state: NatterRoomBadgeState } {
    const state: NatterRoomBadgeState = !room || this.unavailable || !this.domain ? 'error' : this.report ? 'ready' : 'loading';
    return { name: this.report?.name || roomLocalPart(room), count: this.report?.occupants, state };
  }

  render() {
    const source = this.currentSource();
    const room = this.room ?? '';
    const { name, count, state } = source === 'own-client' ? this.ownClientView(room) : this.sessionView(source, room);

    const label =
      state === 'error'
        ? t('badge.unavailable', { name })
        : state === 'loading'
          ? t('badge.loading', { name })
          : count === undefined
            ? t('badge.noCount', { name })
            : t('badge.people', { name, count });
    const countText =
      state === 'error' ? t('badge.unavailableShort') : state === 'loading' ? '…' : count === undefined ? null : new Intl.NumberFormat(currentLocale()).format(count);

    return (
      <a part="base" class={`badge state-${state}`} href={room ? `xmpp:${encodeURI(room)}?join` : undefined} title={label} aria-busy={state === 'loading' ? 'true' : 'false'}>
        <span part="icon" class="icon" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="1em" height="1em" focusable="false">
            <path
              fill="currentColor"
              d="M2 2.75C2 1.78 2.78 1 3.75 1h8.5C13.22 1 14 1.78 14 2.75v6.5c0 .97-.78 1.75-1.75 1.75H8.4l-3.15 2.8A.75.75 0 0 1 4 12.25V11h-.25C2.78 11 2 10.22 2 9.25z"
            />
          </svg>
        </span>
        {/* The link's name is the full sentence; the short visible text would read "Natter lounge20". */}
        <span part="name" class="name" aria-hidden="true" dir="auto">
          {name}
        </span>
        {countText !== null ? (
          <span part="count" class="count" aria-hidden="true">
            {countText}
          </span>
        ) : null}
        <span class="label visually-hidden">{label}</span>
      </a>
    );
  }
}
