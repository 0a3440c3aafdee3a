import { Component, Element, Listen, Prop, State, Watch, forceUpdate, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { formatDay, formatList, t } from '../../i18n/catalogue';
import { shorten } from '../../markup/shorten';
import { meAction } from '../../markup/action';
import { OFFLINE } from '../../stores/roster';
import { PEER_FEATURES, type Message } from '../../adapters/types';
import type { HistoryState, RoomState } from '../../stores/conversation';
import type { NatterMessageEditDetail, NatterMessageQuoteSelectDetail, NatterMessageReplyDetail, NatterMessageThreadOpenDetail } from '../natter-message/natter-message-interface';
import { randomId } from '../../session/ids';
import { repliedMessage, threadMessages, threadSummaries } from '../../stores/conversation';
import { displayName, presenceText, privateChatOf, sessionFor } from '../shared/session-binding';
import { Avatar } from '../shared/avatar';
import { roomErrorText, roomName } from '../shared/room-text';
import { VirtualList, type VirtualItem } from '../shared/virtual-list';
import { clip } from '../../markup/bounded-text';

/** A room's subject shows at most this much (a peer sets it). */
const SUBJECT_UNITS = 1000;
import { warmMessageRendering } from '../shared/warm-up';
import { canUpload, dragHasFiles, sendFiles } from '../shared/upload-files';
import { DAY_KEY_PREFIX, buildTimeline, type TimelineItem } from './grouping';
import { mentionMatcher, mentionsSelf } from '../../markup/mentions';
import { isBlocked } from '../../stores/roster';
import { peopleError } from '../shared/people-errors';

/** The thread panel shows at most this many of a thread's newest messages. */
const MAX_THREAD_ROWS = 200;
/** The newest messages count as seen once they have been in view this long (not when they flash by). */
const SEEN_AFTER_MS = 500;

/** How close to the end (px) still counts as "reading the latest": new messages then scroll into view. */
const FOLLOW_THRESHOLD_PX = 80;
/** A scroll this soon (ms) after the reader's wheel, touch, key or pointer is the reader's. */
const READER_INPUT_MS = 1_000;
/** A screen reader hears at most this much of a new message's body. */
const ANNOUNCED_BODY_CHARS = 160;

const MARKER_KEY = 'new-marker';
/**
 * While following the newest, at most this many rows get their content in one frame; the others
 * are placeholders of the estimated height until the next frames. A burst can replace every row
 * in view at once, and each message row is a component of its own: one frame built them all.
 * The newest rows come first, so what the reader sees at the end is always the real thing.
 */
const NEW_ROWS_PER_FRAME = 8;
/** A closed run of notices longer than this lists its lines only once opened. */
const NOTICE_LINES_CLOSED = 50;

/** What the virtual list shows: the timeline and the "new messages" marker. */
type Row = TimelineItem | { kind: 'marker'; key: string };

/** Names shown in the typing line; more are counted ("and 3 others"). */
const TYPING_NAMES = 3;
/** A nick is cut in the typing line: any occupant may choose a long one. */
const TYPING_NICK_CHARS = 40;

/** "Alice and Bob are typing…" for the occupants composing now, in the order they started; '' when nobody is. */
function typingInRoom(typing: Record<string, string>): string {
  const nicks = Object.keys(typing).filter(nick => typing[nick] === 'composing');
  if (nicks.length === 0) return '';
  const shown = nicks.length > TYPING_NAMES ? nicks.slice(0, TYPING_NAMES - 1) : nicks;
  const names = shown.map(nick => shorten(nick, TYPING_NICK_CHARS));
  if (shown.length < nicks.length) names.push(t('room.typingOthers', { count: nicks.length - shown.length }));
  return t('room.typing', { names: formatList(names), count: nicks.length });
}

/** First guesses of row heights (px) until a row is measured. */
function estimatedHeight(row: Row | undefined): number {
  switch (row?.kind) {
    case 'message':
      return row.grouped ? 30 : 56;
    case 'day':
      return 40;
    default:
      return 32;
  }
}

/**
 * One conversation: a header with the contact's name and presence, the
 * messages with day separators and sender groups, the typing indicator, the
 * archive history (loaded when the conversation opens) and the composer.
 *
 * The list is virtual: only the messages in view are rendered, so a room with
 * thousands of messages scrolls like a short one. Scrolling to the top loads
 * the older page from the archive and keeps your place; at the end, new
 * messages scroll into view; while you read older ones they do not move the
 * view but are counted on a "Jump to latest" button and marked with a line.
 *
 * Without `conversation` it shows the session's active conversation, the one
 * chosen in `<natter-roster>`.
 *
 * @part base - The chatbox.
 * @part header - Name and presence of the contact.
 * @part title - The contact's name.
 * @part avatar - The contact's avatar in the header of a chat (their picture, else their initial); decorative.
 * @part avatar-image - The picture in it, when they have one.
 * @part presence - The contact's presence as text.
 * @part presence-dot - The coloured presence dot beside the text.
 * @part capability-note - Shown when the contact's client is known (XEP-0115 capabilities) not to show message corrections: an edit reaches them as a new message.
 * @part list - The scrolling message list, a feed: only the messages in view (and a margin) are in the DOM. With no message yet, a region with the "no messages" notice.
 * @part day - A day separator.
 * @part history - Loading earlier messages, or why they could not be loaded (with a retry), over the top of the list.
 * @part typing - The typing indicator.
 * @part composer - The composer.
 * @part thread - The thread panel (XEP-0201): the message a thread starts from, its replies and a composer writing in it; Escape or Close thread closes it.
 * @part thread-title - The thread panel's heading, which takes the focus when it opens.
 * @part thread-close - Closes the thread panel.
 * @part thread-messages - The thread's messages.
 * @part thread-composer - The `<natter-composer>` that writes in the thread.
 * @part empty - Shown when no conversation is chosen.
 * @part no-messages - Shown in a conversation with no messages yet.
 * @part subject - A room's subject.
 * @part occupant-count - How many people are in a room.
 * @part notices - A run of room events (joins, leaves…), collapsed when long.
 * @part room-status - Joining, a join error or why we left, with what to do next.
 * @part settings-button - In a room: opens the room's settings (`<natter-room-settings>`: subject, nick, invitations, lists, configuration, destroying).
 * @part settings - The `<natter-room-settings>` panel over the chatbox; Escape or its Close button closes it and the focus returns to the settings button.
 * @part composer-blocked - Why you cannot write here (no voice in a moderated room).
 * @part new-marker - The line above the first message that arrived while you read older ones.
 * @part jump - "Jump to latest" (with the count of new messages), shown while scrolled away from the newest.
 * @part announcer - The polite live region that reads new messages (a count when many arrive at once).
 * @part drop-zone - Covers the chatbox while files are dragged over it: drop them to send them (or why this server takes none).
 * @part file-status - The polite live region that says files dropped or pasted are being sent.
 * @part block-button - A chat's Block action (where the server has XEP-0191 blocking); it asks to confirm first.
 * @part block-confirm - The confirmation: Block, Report spam and block (XEP-0377), Cancel.
 * @part blocked - Says the peer is blocked (their messages are not shown), with Unblock.
 * @part block-error - Why blocking or unblocking failed.
 */
// Its CSS custom properties are documented at the top of natter-chatbox.css, where Stencil reads them.
@Component({ tag: 'natter-chatbox', styleUrl: 'natter-chatbox.css', shadow: true })
export class NatterChatbox {
  private listElement?: HTMLElement;
  private readonly list = new VirtualList({
    host: this,
    estimateSize: index => estimatedHeight(this.rows[index]),
    anchorToEnd: true,
    anchorable: key => !key.startsWith(DAY_KEY_PREFIX) && key !== MARKER_KEY,
  });
  private rows: Row[] = [];
  /** A displayed marker is on its way (see markSeen). */
  private seenTimer?: ReturnType<typeof setTimeout>;
  /** Per message that starts a thread, the thread and how many replies it has (built with the rows). */
  private threadsStarted = new Map<string, { id: string; replies: number }>();
  /** Made with `rows`: the list re-walks its rows only when this function changes. */
  private rowKey = (index: number) => this.rows[index].key;
  /** Inputs of `rows`, so scrolling (which re-renders) does not rebuild the timeline. */
  private rowsBuiltFrom?: { messages: Message[]; markerBefore: string | null };
  private renderedConversation?: string;
  /** Newest message id seen in the last render: a new one is a live arrival. */
  private newestId?: string;
  /** The first message that arrived while the reader was scrolled away; the marker sits before it. */
  private markerBefore: string | null = null;
  /** Messages from others that arrived while the reader was scrolled away. */
  private unseenCount = 0;
  private announcement = '';
  private scrollToEndPending = false;
  private lastScrollTop = 0;
  private readerInputAt = 0;
  /** Keys of the rows rendered with their content in the last render (see NEW_ROWS_PER_FRAME). */
  private filledRows = new Set<string>();
  private fillFrame?: number;
  /** The last render left placeholders to fill. */
  private placeholders = false;
  /** News arrived since the last render (not the first page, not older history). */
  private liveNews = false;
  /** The last render showed a page of history on its way. */
  private pageWasLoading = false;
  /** Reading back started with focus moving into an older row (a screen reader), not a scroll. */
  private heldByFocus = false;
  /** Runs of notices the reader opened, by their oldest notice's id. */
  private readonly openRuns = new Set<string>();

  @Element() el!: HTMLElement;

  /** The view shows the newest messages (and follows new ones). */
  @State() following = true;

  /** Files are being dragged over the chatbox: the drop zone shows. */
  @State() dropping = false;

  /** What the file status region says: files dropped or pasted are on their way, or cannot be sent. */
  @State() fileNote = '';

  /** The Block confirmation is open for this chat. */
  @State() blockAsked: string | null = null;
  @State() blockBusy = false;
  @State() blockFailure: string | null = null;

  /** The thread shown in the thread panel (XEP-0201): its id, and the message it branches from. */
  @State() openThread: { id: string; rootId: string; conversation: string } | null = null;

  /** The room whose settings panel is open (over the chatbox), if any. */
  @State() settingsFor: string | null = null;

  /** The conversation to show (a bare JID). Empty: the session's active conversation. */
  @Prop() conversation?: string;

  /** The session to use. Defaults to the nearest `<natter-session>`. */
  @Prop() session?: Session;

  @Watch('conversation')
  conversationChanged() {
    this.openGiven();
  }

  componentWillLoad() {
    this.openGiven();
  }

  componentDidRender() {
    if (this.focusBlockControl) {
      this.focusBlockControl = false;
      this.el.shadowRoot?.querySelector<HTMLButtonElement>('.block-bar button:not([disabled])')?.focus();
    }
    this.list.didRender();
    if (this.scrollToEndPending) {
      this.scrollToEndPending = false;
      this.list.scrollToEnd();
    }
    this.loadOlderAtTop();
    this.markSeen();
  }

  disconnectedCallback() {
    clearTimeout(this.seenTimer);
    this.seenTimer = undefined;
    this.list.disconnect();
    if (this.fillFrame !== undefined) cancelAnimationFrame(this.fillFrame);
    this.fillFrame = undefined;
  }

  /** The page came back into view: what the list shows now is seen. */
  @Listen('visibilitychange', { target: 'document' })
  onVisibilityChange() {
    this.markSeen();
  }

  /** Edit in a message's action menu: the composer corrects that message. */
  @Listen('natterMessageEdit')
  onMessageEdit(event: CustomEvent<NatterMessageEditDetail>) {
    if (event.detail.conversation !== this.currentConversation()) return;
    const composer = this.el.shadowRoot?.querySelector('natter-composer[part=composer]') as (HTMLElement & { editMessage(id: string): Promise<boolean> }) | null;
    void composer?.editMessage(event.detail.id);
  }

  /** A thread to read or start: the thread panel opens beside the list, its heading focused. */
  @Listen('natterMessageThreadOpen')
  async onThreadOpen(event: CustomEvent<NatterMessageThreadOpenDetail>) {
    const conversation = this.currentConversation();
    if (!conversation || event.detail.conversation !== conversation) return;
    // A new thread gets a fresh id; its first message answers the message it starts from.
    this.openThread = { id: event.detail.thread ?? randomId(), rootId: event.detail.id, conversation };
    await new Promise(requestAnimationFrame);
    this.el.shadowRoot?.querySelector<HTMLElement>('#thread-title')?.focus();
  }

  /** Reply in a message's action menu: the composer answers that message. */
  @Listen('natterMessageReply')
  onMessageReply(event: CustomEvent<NatterMessageReplyDetail>) {
    if (event.detail.conversation !== this.currentConversation()) return;
    const composer = this.el.shadowRoot?.querySelector('natter-composer[part=composer]') as (HTMLElement & { replyTo(id: string): Promise<boolean> }) | null;
    void composer?.replyTo(event.detail.id);
  }

  /** A reply's quote: the quoted message is scrolled into view and gets the focus (the feed's rows take it). */
  @Listen('natterMessageQuoteSelect')
  onQuoteSelect(event: CustomEvent<NatterMessageQuoteSelectDetail>) {
    if (event.detail.conversation !== this.currentConversation()) return;
    const index = this.rows.findIndex(row => row.kind === 'message' && row.message.id === event.detail.id);
    if (index < 0) return;
    this.list.scrollToIndex(index, 'center');
    // The row exists once the list has rendered the range around it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const target = this.el.shadowRoot?.querySelector<HTMLElement>(`[data-index="${index}"]`);
        if (!target) return;
        target.tabIndex = -1; // focusable by the program only, as the feed's reading position
        target.focus();
      }),
    );
  }

  /** Reaching the top of what is loaded asks the archive for the page before it. */
  private loadOlderAtTop(): void {
    const jid = this.currentConversation();
    if (!jid || !this.listElement) return;
    const store = sessionFor(this.el, this.session).conversation(jid);
    // Judge only rows that show the stored messages: a first render can finish (its children
    // loading) after the first page reached the store, and its empty list would ask for another.
    if (this.rowsBuiltFrom?.messages !== store.get('messages')) return;
    const history = store.get('history');
    if (history.status !== 'idle' || !history.requested || history.complete) return;
    if (this.rows.length > 0 && this.list.firstVisibleIndex() !== 0) return;
    // At the end (opening, or following news) only a list too short to scroll needs more. Read
    // last: the sizes force a layout in the middle of a render (a burst paid it every frame).
    const { scrollHeight, clientHeight } = this.listElement;
    if (this.rows.length > 0 && this.following && scrollHeight > clientHeight) return;
    this.loadOlder(jid)();
  }

  private openGiven(): void {
    if (!this.conversation) return;
    // No event here: setting a property from outside never emits one.
    sessionFor(this.el, this.session).actions.openConversation(this.conversation);
  }

  private currentConversation(): string | null {
    return this.conversation || sessionFor(this.el, this.session).conversations.get('active');
  }

  /** The reader touched the list (wheel, touch, keys, scrollbar): a scroll up soon after is theirs. */
  private markReaderInput = () => {
    this.readerInputAt = Date.now();
  };

  /**
   * The newest messages are in view of a visible page: after SEEN_AFTER_MS the session may tell the
   * user's other clients and the contact that they were displayed (XEP-0490, XEP-0333). Not from the
   * render itself: an action applies the events still queued, which belongs outside a render.
   */
  private markSeen(): void {
    const jid = this.currentConversation();
    if (!jid || !this.following || this.seenTimer !== undefined || typeof document === 'undefined' || document.visibilityState !== 'visible') return;
    const session = sessionFor(this.el, this.session);
    this.seenTimer = setTimeout(() => {
      this.seenTimer = undefined;
      if (this.following && document.visibilityState === 'visible' && this.currentConversation() === jid) session.actions.markDisplayed(jid);
    }, SEEN_AFTER_MS);
  }

  private onScroll = () => {
    const jid = this.currentConversation();
    if (!this.listElement || !jid) return;
    const { scrollTop, scrollHeight, clientHeight } = this.listElement;
    const atEnd = scrollHeight - scrollTop - clientHeight < FOLLOW_THRESHOLD_PX;
    // Only the reader moving up leaves the newest. In a burst, rows added below also put the end
    // out of reach for a moment, and the list corrects its own estimates by scrolling a little.
    const byReader = Date.now() - this.readerInputAt < READER_INPUT_MS;
    const readerMovedUp = scrollTop < this.lastScrollTop - 1 && byReader;
    this.lastScrollTop = scrollTop;
    // Reading back by focus ends with the reader's own move to the end (or the jump), not with
    // the list settling its rows while the view happens to be at the end.
    const following = (atEnd && (!this.heldByFocus || byReader)) || (this.following && !readerMovedUp);
    this.setFollowing(jid, following);
  };

  private jumpToLatest = () => {
    this.heldByFocus = false;
    const jid = this.currentConversation();
    // Already at the end (reading back by focus, nothing new below): no scroll will say so.
    if (jid && this.list.isAtEnd()) this.setFollowing(jid, true);
    this.list.scrollToEnd();
    this.listElement?.focus();
  };

  /**
   * A focused row (a retry or "load earlier" button) stays rendered when scrolled away. Focus
   * moving into a row above the last ones in view is reading back, as a scroll up by the reader
   * is: a screen reader moves focus through older messages without wheel, touch or keys on the list.
   */
  private onFocusIn = (event: FocusEvent) => {
    const row = (event.target as Element | null)?.closest?.('[data-index]');
    const index = row ? Number(row.getAttribute('data-index')) : null;
    this.list.keepRendered(index);
    const jid = this.currentConversation();
    if (index === null || !jid) return;
    const older = index < this.rows.length - this.list.visibleCount();
    // Back among the newest rows after reading back by focus: follow the news again.
    if (!older && this.heldByFocus) this.setFollowing(jid, true);
    else if (older && this.following) {
      this.heldByFocus = true;
      this.setFollowing(jid, false);
    }
  };

  private setFollowing(jid: string, following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    if (following) {
      this.unseenCount = 0;
      this.heldByFocus = false;
    }
    // The session keeps older messages in memory while the reader is away from the newest.
    sessionFor(this.el, this.session).actions.setFollowingLatest(jid, following);
  }

  /**
   * Notes what arrived since the last render: a new conversation starts at its
   * end; news while the reader is scrolled away is counted and marked; news
   * from others is announced to screen readers, summarised when it comes in a burst.
   */
  private trackArrivals(jid: string, messages: Message[], name: string): void {
    const newest = messages[messages.length - 1];
    if (jid !== this.renderedConversation) {
      this.renderedConversation = jid;
      this.filledRows = new Set();
      this.placeholders = false;
      this.newestId = newest?.id;
      this.markerBefore = null;
      this.unseenCount = 0;
      this.announcement = '';
      this.following = true;
      this.heldByFocus = false;
      this.scrollToEndPending = true;
      return;
    }
    if (!newest || newest.id === this.newestId) return;
    const previousNewest = this.newestId;
    this.newestId = newest.id;
    // Following the newest: show it, even when rows measured taller than guessed left the end behind.
    if (this.following) this.scrollToEndPending = true;
    if (previousNewest === undefined) return; // the first page of history is not news
    this.liveNews = true;
    let index = messages.length - 1;
    while (index > 0 && messages[index - 1].id !== previousNewest) index--;
    const arrived = messages.slice(index).filter(message => message.direction === 'in' && !message.notice);
    if (newest.direction === 'out') {
      this.scrollToEndPending = true; // our own message: show it, wherever the reader was
      return;
    }
    if (arrived.length === 0) return;
    this.announcement = arrived.length === 1 ? this.announceOne(arrived[0], name) : t('chat.newCount', { count: arrived.length });
    if (this.following) return;
    this.markerBefore ??= arrived[0].id;
    this.unseenCount += arrived.length;
  }

  /** "Alice: hello", or for a /me action (XEP-0245) "Alice waves". */
  private announceOne(message: Message, name: string): string {
    const sender = message.nick ?? name;
    // A spoiler is announced by its hint only: hearing its text would spoil it.
    if (message.spoiler) {
      const spoiler = message.spoiler.hint ? t('message.spoilerHint', { hint: message.spoiler.hint }) : t('message.spoiler');
      return t('chat.announceOne', { name: sender, body: spoiler });
    }
    const action = meAction(message.body);
    return action === null
      ? t('chat.announceOne', { name: sender, body: message.body.slice(0, ANNOUNCED_BODY_CHARS) })
      : t('chat.announceAction', { name: sender, action: action.slice(0, ANNOUNCED_BODY_CHARS) });
  }

  private buildRows(messages: Message[]): Row[] {
    const built = this.rowsBuiltFrom;
    if (built && built.messages === messages && built.markerBefore === this.markerBefore) return this.rows;
    const rows: Row[] = [];
    for (const item of buildTimeline(messages)) {
      if (item.kind === 'message' && item.message.id === this.markerBefore) rows.push({ kind: 'marker', key: MARKER_KEY });
      rows.push(item);
    }
    this.threadsStarted = this.startedThreads(messages);
    this.rowsBuiltFrom = { messages, markerBefore: this.markerBefore };
    this.rowKey = index => rows[index].key;
    return rows;
  }

  /**
   * Which message starts each thread: the message the thread's first message answers (a thread
   * started from it, XEP-0461), else that first message; the rest are its replies.
   */
  private startedThreads(messages: Message[]): Map<string, { id: string; replies: number }> {
    const started = new Map<string, { id: string; replies: number }>();
    const jid = this.currentConversation();
    const store = jid ? sessionFor(this.el, this.session).conversation(jid) : undefined;
    const threads = threadSummaries(messages);
    // One look-up table for all threads, made only when there are any (a message per thread would be quadratic).
    const byId = threads.size > 0 ? new Map(messages.map(message => [message.id, message])) : undefined;
    for (const [id, thread] of threads) {
      const first = byId?.get(thread.rootId);
      const answered = first?.replyTo && store ? repliedMessage({ aliases: store.get('aliases'), messages, room: store.get('room') }, first.replyTo) : undefined;
      if (answered && answered.thread?.id !== id) started.set(answered.id, { id, replies: thread.replies + 1 });
      else if (thread.replies > 0) started.set(thread.rootId, { id, replies: thread.replies });
    }
    return started;
  }

  private loadOlder = (jid: string) => () => {
    void sessionFor(this.el, this.session).actions.loadOlderMessages(jid);
  };

  /**
   * The archive's state, over the top of the list: older pages load by
   * themselves when the reader reaches the top, so only loading and errors show.
   */
  private renderHistory(history: HistoryState, jid: string) {
    if (history.status === 'loading') {
      return (
        <p part="history" class="history" role="status">
          {t('chat.loadingHistory')}
        </p>
      );
    }
    if (history.status === 'error') {
      return (
        <div part="history" class="history error" role="alert">
          {t('chat.historyError', { error: history.error ?? '' })}{' '}
          <button type="button" onClick={this.loadOlder(jid)}>
            {t('chat.retryHistory')}
          </button>
        </div>
      );
    }
    return null;
  }

  private rejoin = (room: string, nick?: string) => () => {
    sessionFor(this.el, this.session)
      .actions.joinRoom(room, nick ? { nick } : {})
      .catch(() => undefined); // the error is in the room state and shown in the banner
  };

  private renderRoomStatus(jid: string, room: RoomState) {
    if (room.status === 'joined') return null;
    if (room.status === 'joining') {
      return (
        <p part="room-status" class="room-status" role="status">
          {t('room.joining')}
        </p>
      );
    }
    const text =
      room.status === 'error'
        ? roomErrorText(room.error, room.errorText)
        : t(`room.left.${room.leftReason ?? 'left'}` as 'room.left.left');
    const detail = room.status === 'left' && room.leftText ? t('room.leftReason', { reason: room.leftText }) : '';
    const retryNick = room.status === 'error' && room.error === 'nick-conflict' ? room.suggestedNick : undefined;
    // "Join again" keeps the nick we had (or asked for); after a nick conflict it offers the suggested one.
    const rejoinNick = retryNick ?? (room.status === 'error' && room.error === 'nick-conflict' ? undefined : room.nick || undefined);
    return (
      <div part="room-status" class="room-status error" role="alert">
        <p>
          {text} {detail}
        </p>
        {room.leftReason !== 'banned' && room.leftReason !== 'destroyed' && room.error !== 'banned' && (
          <button type="button" onClick={this.rejoin(jid, rejoinNick)}>
            {retryNick ? t('room.tryNick', { nick: retryNick }) : t('room.rejoin')}
          </button>
        )}
      </div>
    );
  }

  /** Opening or closing a run of notices (kept by its oldest notice, which stays while newer ones join the run). */
  private toggleRun = (runId: string) => (event: Event) => {
    const open = (event.currentTarget as HTMLDetailsElement).open;
    if (open === this.openRuns.has(runId)) return;
    if (open) this.openRuns.add(runId);
    else this.openRuns.delete(runId);
    forceUpdate(this);
  };

  private noticeText(notice: NonNullable<Message['notice']>): string {
    const text = t(`notice.${notice.kind}` as 'notice.join', { nick: clip(notice.nick), value: clip(notice.value) });
    return notice.actor ? t('notice.by', { text, actor: notice.actor }) : text;
  }

  /**
   * Up to three notices are listed; more become one summary line that expands. A long run (a
   * big room filling up) lists its lines only while open: they were rebuilt on every render of
   * the list, thousands of them while a room of thousands joined.
   */
  private renderNotices(notices: Message[]) {
    const runId = notices[0].id;
    const listed = notices.length <= NOTICE_LINES_CLOSED || this.openRuns.has(runId);
    const lines = !listed ? [] : notices.map(notice => (
      <li key={notice.id} data-message-id={notice.id}>
        {this.noticeText(notice.notice!)}
        {notice.notice!.reason ? ` (${clip(notice.notice!.reason)})` : ''}
      </li>
    ));
    if (notices.length <= 3) {
      return (
        <ul part="notices" class="notices">
          {lines}
        </ul>
      );
    }
    let joined = 0;
    let left = 0;
    for (const notice of notices) {
      if (notice.notice!.kind === 'join') joined++;
      else if (notice.notice!.kind === 'leave') left++;
    }
    const parts = [
      joined > 0 ? t('notice.joined', { count: joined }) : '',
      left > 0 ? t('notice.left', { count: left }) : '',
      joined + left < notices.length ? t('notice.summary', { count: notices.length - joined - left }) : '',
    ].filter(Boolean);
    return (
      <details part="notices" class="notices" open={this.openRuns.has(runId)} onToggle={this.toggleRun(runId)}>
        <summary>{parts.join(', ')}</summary>
        <ul>{lines}</ul>
      </details>
    );
  }

  /**
   * Which of `items` get their content in this render: all of them, except while following the
   * newest when more than NEW_ROWS_PER_FRAME would be new; then the newest of the new ones, and
   * another render next frame for the rest.
   */
  private rowsToFill(items: VirtualItem[]): Set<string> {
    const keys = items.map(item => this.rows[item.index].key);
    const fresh = keys.filter(key => !this.filledRows.has(key));
    const pending = this.placeholders;
    // Rows that came with a page of history (the previous render was waiting for one) are not news.
    const liveNews = this.liveNews && !this.pageWasLoading;
    this.liveNews = false;
    let fill = new Set(keys);
    this.placeholders = false;
    // Only for news (and the rows it left waiting): a conversation opens whole, pages of history too.
    if (this.following && (liveNews || pending) && fresh.length > NEW_ROWS_PER_FRAME && typeof requestAnimationFrame === 'function') {
      const later = new Set(fresh.slice(0, fresh.length - NEW_ROWS_PER_FRAME));
      fill = new Set(keys.filter(key => !later.has(key)));
      this.placeholders = true;
      this.fillFrame ??= requestAnimationFrame(() => {
        this.fillFrame = undefined;
        // Filled rows take their real height: keep the newest in view.
        if (this.following) this.scrollToEndPending = true;
        forceUpdate(this);
      });
    }
    this.filledRows = fill;
    return fill;
  }

  /** A row waiting for its content: as tall as the list guessed, announced as busy. */
  private renderPlaceholder(item: VirtualItem) {
    return (
      <div
        class="row"
        role="article"
        aria-busy="true"
        aria-posinset={item.index + 1}
        aria-setsize={this.rows.length}
        key={this.rows[item.index].key}
        data-index={item.index}
        ref={this.list.measure}
        style={{ ...this.list.rowStyle(item), blockSize: `${item.size}px` }}
      ></div>
    );
  }

  /** One row of the virtual list: an article of the feed, positioned and measured by the list. */
  private renderRow(item: VirtualItem, session: Session, name: string, isMention: ((message: Message) => boolean) | undefined) {
    const row = this.rows[item.index];
    return (
      <div
        class="row"
        role="article"
        aria-posinset={item.index + 1}
        aria-setsize={this.rows.length}
        key={row.key}
        data-index={item.index}
        ref={this.list.measure}
        style={this.list.rowStyle(item)}
      >
        {row.kind === 'marker' ? (
          <p part="new-marker" class="new-marker">
            <span>{t('chat.newMarker')}</span>
          </p>
        ) : row.kind === 'day' ? (
          <h3 part="day" class="day">
            {formatDay(row.timestamp)}
          </h3>
        ) : row.kind === 'notices' ? (
          this.renderNotices(row.notices)
        ) : (
          <natter-message
            data-message-id={row.message.id}
            message={row.message}
            senderName={row.message.nick ?? name}
            grouped={row.grouped}
            mention={!!isMention?.(row.message)}
            threadStarted={this.threadsStarted.get(row.message.id)}
            session={session}
          ></natter-message>
        )}
      </div>
    );
  }

  /** Whether the user may write here (and so send files): the composer is shown. */
  private maySend(room: RoomState | null): boolean {
    return !(room && (room.status !== 'joined' || room.self?.role === 'visitor'));
  }

  /** Files dropped or pasted: the same path as the upload button's picker. */
  private takeFiles(files: File[]): void {
    const session = sessionFor(this.el, this.session);
    const jid = this.currentConversation();
    if (!jid || files.length === 0 || !this.maySend(session.conversation(jid).get('room'))) return;
    const sent = sendFiles(session, jid, files);
    this.fileNote = sent.length > 0 ? t('upload.started', { count: sent.length }) : t('upload.dropUnavailable');
  }

  private onDragEnter = (event: DragEvent) => {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    this.dropping = true;
  };

  private onDragOver = (event: DragEvent) => {
    if (!dragHasFiles(event)) return;
    // Without this the browser opens the file instead of dropping it here.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = canUpload(sessionFor(this.el, this.session)) ? 'copy' : 'none';
    this.dropping = true;
  };

  private onDragLeave = (event: DragEvent) => {
    // The drop zone covers the chatbox: leaving it is leaving the chatbox.
    if ((event.target as HTMLElement)?.classList?.contains('drop-zone')) this.dropping = false;
  };

  private onDrop = (event: DragEvent) => {
    this.dropping = false;
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    this.takeFiles(Array.from(event.dataTransfer?.files ?? []));
  };

  private onPaste = (event: ClipboardEvent) => {
    const files = Array.from(event.clipboardData?.files ?? []);
    // Text pastes go on to the composer as usual.
    if (files.length === 0) return;
    event.preventDefault();
    this.takeFiles(files);
  };

  private renderDropZone(session: Session, name: string) {
    return (
      // dragover and drop bubble to the chatbox, which handles them.
      <div part="drop-zone" class="drop-zone" onDragLeave={this.onDragLeave}>
        <p>{canUpload(session) ? t('upload.dropZone', { name }) : t('upload.dropUnavailable')}</p>
      </div>
    );
  }

  private renderRows(session: Session, name: string, isMention: ((message: Message) => boolean) | undefined, pageLoading: boolean) {
    const items = this.list.items();
    const fill = this.rowsToFill(items);
    this.pageWasLoading = pageLoading;
    return items.map(item => (fill.has(this.rows[item.index].key) ? this.renderRow(item, session, name, isMention) : this.renderPlaceholder(item)));
  }

  /** Closes the thread panel; the focus goes back to the message it was opened from (its replies button, else its menu button), else the list. */
  private closeThread = () => {
    const rootId = this.openThread?.rootId;
    this.openThread = null;
    const rows = Array.from(this.el.shadowRoot?.querySelectorAll<HTMLElement>('.list natter-message') ?? []);
    const opener = rows.find(row => row.getAttribute('data-message-id') === rootId);
    const button = opener?.shadowRoot?.querySelector<HTMLElement>('button[part=thread-button]') ?? opener?.shadowRoot?.querySelector<HTMLElement>('button[part=actions-button]');
    (button ?? this.listElement)?.focus();
  };

  private onThreadKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.closeThread();
  };

  /**
   * The thread panel: the message the thread starts from, the thread's messages (the newest
   * MAX_THREAD_ROWS), and a composer that writes in the thread. Escape or Close returns to the list.
   */
  private renderThread(session: Session, jid: string, room: RoomState | null, messages: Message[]) {
    const thread = this.openThread;
    if (!thread || thread.conversation !== jid) return null;
    const inThread = threadMessages(messages, thread.id);
    const root = messages.find(message => message.id === thread.rootId);
    const shown = (root && !inThread.includes(root) ? [root, ...inThread] : inThread).slice(-MAX_THREAD_ROWS);
    const name = displayName(session, jid);
    return (
      <aside part="thread" class="thread" aria-labelledby="thread-title" onKeyDown={this.onThreadKey}>
        <header class="thread-header">
          <h3 part="thread-title" id="thread-title" class="thread-title" tabindex="-1">
            {t('chat.thread')}
          </h3>
          <button part="thread-close" type="button" class="thread-close" onClick={this.closeThread}>
            {t('chat.closeThread')}
          </button>
        </header>
        <ol part="thread-messages" class="thread-messages" aria-label={t('chat.threadMessages', { count: Math.max(0, inThread.length - (root && inThread[0] === root ? 1 : 0)) })}>
          {shown.map(message => (
            <li key={message.id}>
              <natter-message message={message} senderName={message.nick ?? name} session={session}></natter-message>
            </li>
          ))}
        </ol>
        {(!room || room.status === 'joined') && (
          <natter-composer part="thread-composer" conversation={jid} session={session} thread={thread.id} threadRoot={thread.rootId}></natter-composer>
        )}
      </aside>
    );
  }

  private renderComposer(session: Session, jid: string, room: RoomState | null) {
    // Out of the room the status banner says why and offers to rejoin; the draft stays in the store.
    if (room && room.status !== 'joined') return null;
    if (room?.self?.role === 'visitor') {
      return (
        <p part="composer-blocked" class="composer-blocked">
          {t('room.noVoice')}
        </p>
      );
    }
    return <natter-composer part="composer" conversation={jid} session={session}></natter-composer>;
  }

  private renderTyping(session: Session, jid: string, name: string, room: RoomState | null) {
    const store = session.conversation(jid);
    const text = room ? typingInRoom(store.get('typing')) : store.get('peerState') === 'composing' ? t('chat.typing', { name }) : '';
    // The live region stays in the DOM so screen readers announce the change.
    return (
      <p part="typing" class="typing" role="status" aria-live="polite">
        {text}
      </p>
    );
  }

  private renderPresence(session: Session, jid: string, name: string) {
    const presence = session.roster.get('presence')[jid] ?? OFFLINE;
    return [
      <p part="presence" class={`presence presence-${presence.show}`}>
        <span part="presence-dot" class="dot" aria-hidden="true"></span>
        {presenceText(presence)}
      </p>,
      // Only when every client of theirs is known not to (unknown says nothing).
      session.supports(jid, PEER_FEATURES.corrections) === false ? (
        <p part="capability-note" class="capability-note">
          {t('caps.noCorrections', { name })}
        </p>
      ) : null,
    ];
  }

  private settingsButton?: HTMLButtonElement;

  private openSettings = () => {
    this.settingsFor = this.currentConversation() ?? null;
  };

  private closeSettings = () => {
    this.settingsFor = null;
    requestAnimationFrame(() => this.settingsButton?.focus());
  };
  private focusBlockControl = false;

  private async blockPeer(session: Session, jid: string, name: string, report: boolean) {
    if (this.blockBusy) return;
    this.blockBusy = true;
    this.blockFailure = null;
    try {
      if (report) await session.actions.block(jid, { reason: 'spam' });
      else await session.actions.block(jid);
      this.blockAsked = null;
      this.focusBlockControl = true;
    } catch (error) {
      this.blockFailure = t('block.failed', { name, reason: peopleError(error) });
    } finally {
      this.blockBusy = false;
    }
  }

  private async unblockPeer(session: Session, jid: string, name: string) {
    if (this.blockBusy) return;
    this.blockBusy = true;
    this.blockFailure = null;
    try {
      await session.actions.unblock(jid);
      this.focusBlockControl = true;
    } catch (error) {
      this.blockFailure = t('block.unblockFailed', { name, reason: peopleError(error) });
    } finally {
      this.blockBusy = false;
    }
  }

  /** A chat's Block (with its confirmation), or the notice that the peer is blocked. Not in rooms. */
  private renderBlock(session: Session, jid: string, name: string) {
    if (session.connection.get('features')?.blocking !== true) return null;
    const blocked = isBlocked(session.roster.get('blocked'), jid);
    const error = this.blockFailure ? (
      <p part="block-error" class="block-error" role="alert">
        {this.blockFailure}
      </p>
    ) : null;
    if (blocked) {
      return (
        <div part="blocked" class="block-bar">
          <p>{t('block.chatBlocked', { name })}</p>
          <button type="button" class="block-control" disabled={this.blockBusy} onClick={() => this.unblockPeer(session, jid, name)}>
            {t('block.unblock')}
          </button>
          {error}
        </div>
      );
    }
    if (this.blockAsked !== jid) {
      return (
        <div class="block-bar">
          <button part="block-button" type="button" class="block-control" aria-label={t('block.actionNamed', { name })} onClick={() => {
            this.blockAsked = jid;
            this.blockFailure = null;
            this.focusBlockControl = true;
          }}>
            {t('block.action')}
          </button>
        </div>
      );
    }
    return (
      <div
        part="block-confirm"
        class="block-bar confirm"
        role="group"
        aria-labelledby="block-question"
        onKeyDown={event => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          this.blockAsked = null;
          this.focusBlockControl = true;
        }}
      >
        <p id="block-question">{t('block.confirmContact', { name })}</p>
        <button type="button" class="block-control danger" disabled={this.blockBusy} onClick={() => this.blockPeer(session, jid, name, false)}>
          {t('block.confirm')}
        </button>
        <button type="button" class="block-control" disabled={this.blockBusy} onClick={() => this.blockPeer(session, jid, name, true)}>
          {t('block.reportSpam')}
        </button>
        <button type="button" class="block-control" onClick={() => {
          this.blockAsked = null;
          this.focusBlockControl = true;
        }}>
          {t('block.cancel')}
        </button>
        {error}
      </div>
    );
  }

  private renderRoomHeader(room: RoomState, occupantCount: number) {
    return [
      room.status === 'joined' ? (
        <button
          part="settings-button"
          type="button"
          class="settings-button"
          aria-expanded={this.settingsFor === this.currentConversation() ? 'true' : 'false'}
          ref={element => (this.settingsButton = element)}
          onClick={this.openSettings}
        >
          {t('roomSettings.open')}
        </button>
      ) : null,
      room.subject ? (
        <p part="subject" class="subject" dir="auto">
          {clip(room.subject, SUBJECT_UNITS)}
        </p>
      ) : null,
      <p part="occupant-count" class="presence">
        {t('room.occupants', { count: occupantCount })}
      </p>,
    ];
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const jid = this.currentConversation();
    if (!jid) {
      // Signing in: a conversation will open soon, so get its messages' rendering ready meanwhile.
      const status = session.connection.get('status');
      if (status === 'connecting' || status === 'online' || status === 'reconnecting') warmMessageRendering();
      return (
        <section part="base" class="chatbox">
          <p part="empty" class="empty">
            {t('chat.empty')}
          </p>
        </section>
      );
    }
    const store = session.conversation(jid);
    const messages = store.get('messages');
    const room = store.get('room');
    const privateChat = room ? null : privateChatOf(session, jid);
    const name = room
      ? roomName(session, jid)
      : privateChat
        ? t('room.private', { nick: clip(privateChat.nick), room: clip(roomName(session, privateChat.room)) })
        : displayName(session, jid);
    const history = store.get('history');
    this.trackArrivals(jid, messages, name);
    this.rows = this.buildRows(messages);
    // Reading back (a scroll up, or focus in an older row) stops news from scrolling the list.
    this.list.update(this.rows.length, this.rowKey, this.following);
    const titleId = 'chatbox-title';
    const nickMatcher = mentionMatcher(room?.nick);
    const ownJid = session.ownJid();
    const isMention = room ? (message: Message) => mentionsSelf(message, jid, room.nick, ownJid, nickMatcher) : undefined;
    // A feed may hold only articles: with no message (and none loading) the list is a labelled
    // region around the "no messages" notice, a feed again from the first message on.
    const empty = messages.length === 0 && history.status !== 'loading';
    return (
      <section
        part="base"
        class="chatbox"
        aria-labelledby={titleId}
        onDragEnter={this.maySend(room) ? this.onDragEnter : undefined}
        onDragOver={this.maySend(room) ? this.onDragOver : undefined}
        onDrop={this.onDrop}
        onPaste={this.onPaste}
      >
        <header part="header" class={{ header: true, 'with-avatar': !room && !privateChat }}>
          {!room && !privateChat ? <Avatar session={session} jid={jid} name={name} /> : null}
          <h2 part="title" id={titleId} class="title">
            {/* A peer's name keeps its own direction (an Arabic name in an English UI, and the reverse). */}
            <bdi>{name}</bdi>
          </h2>
          {room ? this.renderRoomHeader(room, Object.keys(store.get('occupants')).length) : this.renderPresence(session, jid, name)}
        </header>
        {room && this.renderRoomStatus(jid, room)}
        {!room && this.renderBlock(session, jid, name)}
        <div class="list-area">
          <div
            part="list"
            class="list"
            role={empty ? 'region' : 'feed'}
            aria-busy={history.status === 'loading' ? 'true' : 'false'}
            aria-label={t('chat.messages', { name })}
            tabindex="0"
            ref={element => {
              this.listElement = element;
              this.list.setScrollElement(element);
            }}
            onScroll={this.onScroll}
            onWheel={this.markReaderInput}
            onTouchMove={this.markReaderInput}
            onKeyDown={this.markReaderInput}
            onPointerDown={this.markReaderInput}
            onFocusin={this.onFocusIn}
          >
            {empty && <p part="no-messages" class="no-messages">{t('chat.noMessages')}</p>}
            <div class="rows" style={this.list.containerStyle()}>
              {this.renderRows(session, name, isMention, history.status === 'loading')}
            </div>
          </div>
          {this.renderHistory(history, jid)}
          {!this.following && (
            <button part="jump" type="button" class="jump" onClick={this.jumpToLatest}>
              {this.unseenCount > 0 ? t('chat.newCount', { count: this.unseenCount }) : t('chat.jumpToLatest')}
              <span aria-hidden="true"> ↓</span>
            </button>
          )}
        </div>
        <p part="announcer" class="visually-hidden" role="status">
          {this.announcement}
        </p>
        <p part="file-status" class="visually-hidden" role="status">
          {this.fileNote}
        </p>
        {this.renderThread(session, jid, room, messages)}
        {room && this.settingsFor === jid && (
          <natter-room-settings part="settings" class="settings" room={jid} session={session} onNatterRoomSettingsClose={this.closeSettings}></natter-room-settings>
        )}
        {this.renderTyping(session, jid, name, room)}
        {this.renderComposer(session, jid, room)}
        {this.dropping && this.maySend(room) && this.renderDropZone(session, name)}
      </section>
    );
  }
}
