/**
 * What a chat tells the user while they look elsewhere: system notifications (the Notification
 * API) and an optional tone for new messages while the page is hidden, and the unread total in the
 * document title. It listens to a session and touches only the browser objects it is given, so
 * specs pass fakes; `<natter-app>` wires it to its `notifications`, `notification-sound` and
 * `title-unread` properties.
 */
import type { Jid, Message } from '../adapters/types';
import { t } from '../i18n/catalogue';
import { meAction } from '../markup/action';
import { shorten } from '../markup/shorten';
import { isAmendment } from '../stores/conversation';
import { unreadTotal, type UnreadTotal } from '../stores/conversations';
import type { MessageAddedEvent } from '../stores/events';
import type { Session } from './session';

/** A notification's text is cut to this many code points: a system notification is a glance, not the message. */
export const NOTIFICATION_BODY_MAX = 200;
/** A burst of messages plays the tone once: at most one tone in this long (ms). */
export const SOUND_GAP_MS = 2000;

/** The Notification API's permission, or `unsupported` where the browser has no Notification API. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** The part of a shown notification used here. */
export interface NotificationHandle {
  onclick: ((event: Event) => unknown) | null;
  close(): void;
}

/** The part of the Notification API used here (`window.Notification`, or a fake in specs). */
export interface NotificationApi {
  new (title: string, options?: NotificationOptions): NotificationHandle;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

/** The part of `document` used here. */
export interface PageApi {
  readonly visibilityState: DocumentVisibilityState;
  title: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** The browser as the notifier sees it; every part defaults to the real one where there is one. */
export interface NotifierEnvironment {
  Notification?: NotificationApi;
  page?: PageApi;
  /** Brings the window to the front (a notification was clicked). */
  focusWindow(): void;
  /** Plays the new-message tone. */
  playSound(): void;
  now(): number;
}

export interface NotifierSettings {
  /** System notifications (once the user has allowed them). */
  notifications: boolean;
  /** A short tone with them. */
  sound: boolean;
  /** The unread total in the document title: "(3) Original title". */
  titleUnread: boolean;
}

export interface NotifierOptions extends Partial<NotifierSettings> {
  session: Session;
  /** Display names: of a contact (or a private chat) and of a room. Default: the JID's local part. */
  names?: { chat(jid: Jid): string; room(jid: Jid): string };
  /** A notification was clicked: show this conversation. Default: `session.actions.openConversation`. */
  open?(jid: Jid): void;
  /** The unread total changed (not called for the total the notifier starts with). */
  unreadChanged?(total: UnreadTotal): void;
  environment?: Partial<NotifierEnvironment>;
}

export interface Notifier {
  /** Turns notifications, the tone and the title count on or off. */
  update(settings: Partial<NotifierSettings>): void;
  permission(): NotificationPermissionState;
  /**
   * Asks the user to allow notifications; call it from a click (browsers ignore or penalise asking
   * without one). Resolves with the outcome; never asks again once the user has answered.
   */
  requestPermission(): Promise<NotificationPermissionState>;
  /** Stops listening, closes what it showed and gives the document its own title back. */
  dispose(): void;
}

/** Whether a new message deserves a notification: someone else's live text, in a room only when it mentions the user. */
export function shouldNotify(event: MessageAddedEvent, inRoom: boolean): boolean {
  const { message } = event;
  // Archive pages are old news; own messages (sent here or from another device) the user knows.
  if (event.fromHistory || message.direction !== 'in') return false;
  if (message.notice || isAmendment(message) || message.retractedAt !== undefined) return false;
  return inRoom ? event.mentionsSelf === true : true;
}

function localPart(jid: Jid): string {
  const at = jid.indexOf('@');
  return at > 0 ? jid.slice(0, at) : jid;
}

/**
 * A message as a notification's text: plain text on one line, cut to `max` code points. A spoiler
 * shows its hint only, a file its name, a `/me` action reads "Alice waves".
 */
export function notificationBody(message: Message, sender: string, max = NOTIFICATION_BODY_MAX): string {
  if (message.spoiler) {
    const hint = message.spoiler.hint ? shorten(message.spoiler.hint, max) : '';
    return hint ? t('message.spoilerHint', { hint }) : t('message.spoiler');
  }
  // Reads no more of a long body than it may show (a hostile 100 KB body costs what 200 characters cost).
  const head = message.body.slice(0, max * 4);
  const attachment = message.attachment;
  if (attachment && (head.trim() === '' || message.body.trim() === attachment.url)) {
    return shorten(t('notifications.file', { name: attachment.name || attachment.url }), max);
  }
  const action = meAction(head);
  const text = action === null ? head : t('chat.announceAction', { name: sender, action });
  // Line breaks and runs of spaces make no sense in a one-glance text; systems render none of it as markup.
  return shorten(text.replace(/\s+/g, ' ').trim(), max);
}

/** The document title with the unread count, e.g. "(3) Team site". */
export function titleWithUnread(title: string, total: number): string {
  // A page without a title gets the count alone, not "(3) " with a dangling space.
  return total > 0 ? t('notifications.documentTitle', { count: total, title }).trim() : title;
}

/** A short soft tone made with WebAudio (no audio file to fetch). */
export function playTone(context: BaseAudioContext): void {
  const start = context.currentTime;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.setValueAtTime(880, start);
  oscillator.frequency.exponentialRampToValueAtTime(660, start + 0.18);
  // A ramp in and out: a tone that starts or stops at full level clicks.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
  oscillator.connect(gain);
  gain.connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.26);
}

let sharedAudio: AudioContext | null = null;

/** Plays the tone in one AudioContext for the page (browsers limit how many a page may open). */
function playToneInPage(): void {
  const Context = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Context) return;
  try {
    sharedAudio ??= new Context();
    // A context made without a user gesture starts suspended; after the user has used the page it may resume.
    if (sharedAudio.state === 'suspended') void sharedAudio.resume().catch(() => undefined);
    playTone(sharedAudio);
  } catch {
    // No audio output, or the browser refused: the notification itself still shows.
  }
}

function browserEnvironment(): NotifierEnvironment {
  const scope = globalThis as { Notification?: NotificationApi; document?: PageApi; focus?: () => void };
  return {
    Notification: scope.Notification,
    page: scope.document,
    focusWindow: () => scope.focus?.(),
    playSound: playToneInPage,
    now: () => Date.now(),
  };
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { session } = options;
  const env: NotifierEnvironment = { ...browserEnvironment(), ...options.environment };
  const names = options.names ?? { chat: localPart, room: localPart };
  const open = options.open ?? ((jid: Jid) => session.actions.openConversation(jid));
  const settings: NotifierSettings = { notifications: !!options.notifications, sound: !!options.sound, titleUnread: !!options.titleUnread };
  /** Shown notifications by conversation, with how many messages each stands for since the page was hidden. */
  const shown = new Map<Jid, { handle: NotificationHandle; count: number }>();
  let lastSound = -Infinity;
  let total = unreadTotal({ items: session.conversations.get('items') });
  /** The title the document had before the count went in, and the one written with it. */
  let ownTitle: string | null = null;
  let writtenTitle: string | null = null;
  let warned = false;

  function inRoom(jid: Jid): boolean {
    return session.conversations.get('items')[jid]?.kind === 'room' || !!session.conversation(jid).get('room');
  }

  function onMessage(event: MessageAddedEvent): void {
    if (!settings.notifications && !settings.sound) return;
    if (env.page?.visibilityState !== 'hidden') return;
    const { message } = event;
    const room = inRoom(message.conversation);
    if (!shouldNotify(event, room)) return;
    if (settings.notifications && env.Notification?.permission === 'granted') show(message, room);
    if (settings.sound && env.now() - lastSound >= SOUND_GAP_MS) {
      lastSound = env.now();
      env.playSound();
    }
  }

  function show(message: Message, room: boolean): void {
    const jid = message.conversation;
    const previous = shown.get(jid);
    const count = (previous?.count ?? 0) + 1;
    const sender = room ? (message.nick ?? localPart(message.from)) : names.chat(jid);
    const title = room ? t('notifications.roomTitle', { nick: sender, room: names.room(jid) }) : sender;
    try {
      // One notification per conversation (its tag): a burst replaces it, saying how many, instead of stacking.
      const handle = new env.Notification!(count > 1 ? t('notifications.burst', { title, count }) : title, {
        body: notificationBody(message, sender),
        tag: `natter:${session.ownJid() ?? session.id}:${jid}`,
      });
      handle.onclick = () => {
        env.focusWindow();
        open(jid);
        handle.close();
        shown.delete(jid);
      };
      shown.set(jid, { handle, count });
    } catch (error) {
      // Chrome on Android has no Notification constructor (only a service worker's showNotification).
      if (!warned) console.warn('[natter] could not show a notification', error);
      warned = true;
    }
  }

  function closeAll(): void {
    for (const { handle } of shown.values()) handle.close();
    shown.clear();
  }

  /** Back on the page: what the notifications said is in front of the user now. */
  function onVisibility(): void {
    if (env.page?.visibilityState !== 'hidden') closeAll();
  }

  function writeTitle(): void {
    const page = env.page;
    if (!page) return;
    if (!settings.titleUnread || total.total === 0) {
      restoreTitle();
      return;
    }
    // The page changed its own title meanwhile (a single-page app's route): that is the title to count on.
    if (writtenTitle === null || page.title !== writtenTitle) ownTitle = page.title;
    writtenTitle = titleWithUnread(ownTitle ?? '', total.total);
    page.title = writtenTitle;
  }

  function restoreTitle(): void {
    // A title the page set itself since stays.
    if (env.page && writtenTitle !== null && env.page.title === writtenTitle) env.page.title = ownTitle ?? '';
    writtenTitle = null;
    ownTitle = null;
  }

  const stopMessages = session.onMessageAdded(onMessage);
  const stopItems = session.conversations.onChange('items', items => {
    const next = unreadTotal({ items });
    if (next.total === total.total && next.mentions === total.mentions) return;
    total = next;
    writeTitle();
    options.unreadChanged?.(next);
  });
  env.page?.addEventListener('visibilitychange', onVisibility);
  writeTitle();

  return {
    update(next) {
      if (next.notifications !== undefined) settings.notifications = next.notifications;
      if (next.sound !== undefined) settings.sound = next.sound;
      if (next.titleUnread !== undefined) settings.titleUnread = next.titleUnread;
      if (!settings.notifications) closeAll();
      writeTitle();
    },
    permission: () => env.Notification?.permission ?? 'unsupported',
    async requestPermission() {
      const api = env.Notification;
      if (!api) return 'unsupported';
      if (api.permission !== 'default') return api.permission;
      try {
        return await api.requestPermission();
      } catch {
        return api.permission;
      }
    },
    dispose() {
      stopMessages();
      stopItems();
      env.page?.removeEventListener('visibilitychange', onVisibility);
      closeAll();
      restoreTitle();
    },
  };
}
