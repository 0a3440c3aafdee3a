import { createStore } from '@stencil/store';

/**
 * Every user-visible string in Natter. Replace any of them at runtime with
 * `setMessages()`; components re-render with the new text.
 *
 * `{name}` placeholders are filled from the parameters. A key with `.one` /
 * `.other` variants is chosen by `Intl.PluralRules` from the `count` parameter.
 */
export const englishMessages = {
  'login.title': 'Sign in',
  'login.jid': 'Chat address (JID)',
  'login.jidPlaceholder': 'name@example.org',
  'login.password': 'Password',
  'login.service': 'WebSocket URL (optional)',
  'login.servicePlaceholder': 'wss://example.org/xmpp-websocket',
  'login.submit': 'Sign in',
  'login.connecting': 'Connecting…',
  'login.signOut': 'Sign out',
  'login.signedInAs': 'Signed in as {jid}',
  'login.serverSettings': 'Advanced connection settings',
  'login.serviceHint': 'Leave empty to find it from your chat address.',
  'login.serviceInvalid': 'Enter a WebSocket URL that starts with wss:// or ws://.',
  'login.remember': 'Stay signed in',
  'login.rememberHint': 'Leave it unchecked on a shared computer. This browser keeps a sign-in token, never your password, until you sign out.',
  'error.invalid-jid': 'That is not a valid chat address. It looks like name@example.org.',
  'error.not-authorized': 'Wrong address or password.',
  'error.unreachable': 'Cannot reach the chat server. Check the address or the WebSocket URL, then try again.',
  'error.no-mechanism': 'The server offers no sign-in method this app may use.',
  'error.conflict': 'This account was signed in elsewhere.',
  'error.token-refused': 'Your saved sign-in is no longer valid. Enter your password to sign in again.',
  'error.protocol': 'The server sent something unexpected. Try again.',
  'error.unknown': 'Connection failed. Try again.',
  'error.passwordRequired': 'Enter your password.',
  'status.offline': 'Offline',
  'status.connecting': 'Connecting…',
  'status.online': 'Online',
  'status.reconnecting': 'Connection lost, reconnecting…',
  'status.retryAt': 'Connection lost. Trying again at {time}…',
  'status.backOnline': 'Back online',
  'status.error': 'Not connected',
  'presence.online': 'Online',
  'presence.chat': 'Free to chat',
  'presence.away': 'Away',
  'presence.xa': 'Away for a while',
  'presence.dnd': 'Do not disturb',
  'presence.offline': 'Offline',
  'roster.title': 'Contacts',
  'roster.filter': 'Filter contacts',
  'roster.empty': 'No contacts yet. Add one with their chat address.',
  'roster.noMatch': 'No contact matches “{filter}”.',
  'roster.ungrouped': 'Contacts',
  'roster.loading': 'Loading contacts…',
  'roster.unread.one': '{count} unread message',
  'roster.unread.other': '{count} unread messages',
  'roster.add': 'Add contact',
  'roster.addJid': 'Contact address',
  'roster.addName': 'Name (optional)',
  'roster.addGroup': 'Group (optional)',
  'roster.addSubmit': 'Add',
  'roster.addCancel': 'Cancel',
  'roster.addInvalid': 'Enter a chat address like name@example.org.',
  'roster.addFailed': 'Could not add {jid}: {reason}',
  'roster.requests': 'Contact requests',
  'roster.requestText': '{jid} wants to add you as a contact',
  'roster.accept': 'Accept',
  'roster.deny': 'Deny',
  'roster.pending': 'Waiting for approval',
  'roster.requestFailed': 'Could not answer {jid}: {reason}',
  'roster.presenceWithStatus': '{presence}: {status}',
  'chat.empty': 'Choose a contact to start chatting.',
  'chat.noMessages': 'No messages yet. Say hello!',
  'chat.loadingHistory': 'Loading earlier messages…',
  'chat.historyError': 'Could not load earlier messages: {error}',
  'chat.retryHistory': 'Try again',
  'chat.messages': 'Messages with {name}',
  'chat.newMarker': 'New messages',
  'chat.jumpToLatest': 'Jump to latest',
  'chat.newCount.one': '{count} new message',
  'chat.newCount.other': '{count} new messages',
  'chat.announceOne': '{name}: {body}',
  'chat.announceAction': '{name} {action}',
  'chat.typing': '{name} is typing…',
  'chat.paused': '{name} stopped typing',
  'chat.today': 'Today',
  'chat.yesterday': 'Yesterday',
  'message.you': 'You',
  'message.status.pending': 'Sending',
  'message.status.queued': 'Waiting for connection',
  'message.status.sent': 'Sent',
  'message.status.delivered': 'Delivered',
  'message.status.seen': 'Seen',
  'message.status.failed': 'Not sent',
  'message.retry': 'Retry',
  'message.failedReason': 'Not sent: {reason}',
  'message.action': '* {name}',
  'message.edited': 'Edited',
  'message.retracted': 'This message was removed.',
  'message.replyTo': 'Reply to {name}: {text}',
  'message.replyToEarlier': 'Reply to an earlier message',
  'message.actions': 'Message actions',
  'message.copy': 'Copy text',
  'message.react': 'React',
  'message.reply': 'Reply',
  'chat.thread': 'Thread',
  'chat.closeThread': 'Close thread',
  'chat.threadMessages.one': 'Thread, {count} reply',
  'chat.threadMessages.other': 'Thread, {count} replies',
  'message.openThread': 'Open thread',
  'message.startThread': 'Reply in thread',
  'message.threadReplies.one': '{count} reply',
  'message.threadReplies.other': '{count} replies',
  'message.reactions': 'Reactions',
  'message.reaction.one': '{emoji} {count} reaction from {names}',
  'message.reaction.other': '{emoji} {count} reactions from {names}',
  'message.reactFailed': 'Could not react: {reason}',
  'message.edit': 'Edit',
  'message.remove': 'Remove',
  'message.cancel': 'Cancel',
  'message.removeQuestion': 'Remove this message for everyone?',
  'message.removeFailed': 'Could not remove the message: {reason}',
  'message.copyFailed': 'Could not copy the text.',
  'message.retractedOwn': 'You removed this message.',
  'message.moderate': 'Remove as moderator',
  'message.moderationReason': 'Reason (optional)',
  'message.moderated': 'Removed by a moderator.',
  'message.moderatedBy': 'Removed by {name}, a moderator.',
  'message.moderatedReason': '{removed} Reason: {reason}',
  'message.spoiler': 'Spoiler',
  'message.spoilerHint': 'Spoiler: {hint}',
  'message.showSpoiler': 'Show',
  'message.hideSpoiler': 'Hide',
  'message.earlierVersions': 'Earlier versions',
  'attachment.unnamed': 'File',
  'attachment.fileLabel': '{name}, {size}',
  'attachment.image': 'Image: {name}',
  'attachment.showImage': 'Show the image ({size})',
  'attachment.imageFailed': 'The image could not be loaded.',
  'attachment.video': 'Video: {name}',
  'attachment.voice': 'Voice message',
  'attachment.voiceFrom': 'Voice message from {name}',
  'voice.record': 'Record a voice message',
  'voice.recording': 'Recording a voice message',
  'voice.elapsed': 'Recorded time',
  'voice.level': 'Microphone level',
  'voice.cancel': 'Cancel',
  'voice.send': 'Send voice message',
  'voice.limitReached': 'Stopped at the limit of {limit}.',
  'voice.keptFor': 'Stopped: this recording is for {name}. Send or cancel it.',
  'voice.error.denied': "The microphone is blocked. Allow this page to use it in the browser's site settings, then try again.",
  'voice.error.no-microphone': 'No microphone was found. Connect one, then try again.',
  'voice.error.busy': 'The microphone is in use by another program or could not be started.',
  'voice.error.insecure': 'Recording needs a secure (https) page.',
  'voice.error.unsupported': 'This browser cannot record audio.',
  'voice.error.empty': 'Nothing was recorded.',
  'voice.error.failed': 'Recording failed. Try again.',
  'upload.button': 'Send files',
  'upload.unavailable': 'This server does not accept files.',
  'upload.offline': 'Offline: files can be sent when you reconnect.',
  'upload.listLabel': 'Files being sent',
  'upload.progressLabel': 'Sending {name}',
  'upload.percent': '{percent}%',
  'upload.cancel': 'Cancel',
  'upload.cancelLabel': 'Cancel sending {name}',
  'upload.retry': 'Try again',
  'upload.dismiss': 'Dismiss',
  'upload.dismissLabel': 'Dismiss {name}',
  'upload.error.tooLarge': '{name} is too large: this server takes files up to {limit}.',
  'upload.error.tooLargeNoLimit': '{name} is too large for this server.',
  'upload.error.noService': '{name} was not sent: this server does not accept files.',
  'upload.error.network': '{name} could not be sent: the upload server could not be reached (network failure, or it does not allow uploads from this page: CORS).',
  'upload.error.refused': 'The server refused to take {name}.',
  'upload.error.http': '{name} could not be sent: the upload server failed ({detail}).',
  'upload.dropZone': 'Drop files to send them to {name}',
  'upload.dropUnavailable': 'This server does not accept files.',
  'upload.started.one': 'Sending {count} file',
  'upload.started.other': 'Sending {count} files',
  'audio.label': 'Audio',
  'audio.play': 'Play: {label}',
  'audio.pause': 'Pause: {label}',
  'audio.position': 'Position',
  'audio.failed': 'This audio cannot be played here.',
  'audio.download': 'Open the file',
  'composer.label': 'Message to {name}',
  'composer.placeholder': 'Write a message',
  'composer.send': 'Send',
  'composer.hint': 'Enter sends, Shift+Enter adds a line',
  'composer.offline': 'Offline: what you send waits here and goes when you are back online.',
  'composer.editing': 'Editing your message',
  'composer.editStarted': 'Editing your last message. Enter saves the correction, Escape cancels.',
  'composer.editLabel': 'Correct your message to {name}',
  'composer.editHint': 'Enter saves the correction, Escape cancels',
  'composer.save': 'Save',
  'composer.cancelEdit': 'Cancel',
  'composer.replying': 'Replying to {name}: {text}',
  'composer.replyingGone': 'Replying to a message that is no longer shown',
  'composer.replyStarted': 'Replying to {name}. Escape cancels the reply.',
  'composer.replyCancelled': 'Reply cancelled.',
  'composer.cancelReply': 'Cancel reply',
  'composer.spoiler': 'Spoiler',
  'composer.spoilerHint': 'What the spoiler is about (optional)',
  'composer.mentionLabel': 'Mention someone',
  'composer.mentionSuggestions.one': '{count} person to mention. Up and Down choose, Enter picks.',
  'composer.mentionSuggestions.other': '{count} people to mention. Up and Down choose, Enter picks.',
  'composer.editCancelled': 'Correction cancelled',
  'composer.correctionSent': 'Correction sent',
  'composer.toolbar': 'Text style',
  'composer.format.strong': 'Bold',
  'composer.format.emphasis': 'Italic',
  'composer.format.strike': 'Strikethrough',
  'composer.format.code': 'Code',
  'composer.format.codeBlock': 'Code block',
  'composer.format.quote': 'Quote',
  'composer.withShortcut': '{label} ({shortcut})',
  'composer.key.ctrl': 'Ctrl',
  'composer.key.cmd': '⌘',
  'composer.key.shift': 'Shift',
  'composer.preview': 'Preview',
  'composer.previewLabel': 'Preview of your message',
  'composer.previewEmpty': 'Nothing to preview yet.',
  'room.occupants.one': '{count} person',
  'room.occupants.other': '{count} people',
  'room.typing.one': '{names} is typing…',
  'room.typing.other': '{names} are typing…',
  'room.typingOthers.one': '{count} other',
  'room.typingOthers.other': '{count} others',
  'room.joining': 'Joining the room…',
  'room.joinFailed': 'Could not join: {reason}',
  'room.left.left': 'You left this room.',
  'room.left.kicked': 'You were removed from this room.',
  'room.left.banned': 'You were banned from this room.',
  'room.left.removed': 'You are no longer a member of this room.',
  'room.left.destroyed': 'This room was closed.',
  'room.left.error': 'You lost your place in this room.',
  'room.leftReason': 'Reason: {reason}',
  'room.rejoin': 'Join again',
  'room.tryNick': 'Join as {nick}',
  'room.noVoice': 'You cannot write in this room (no voice).',
  'room.private': '{nick} (private, in {room})',
  'room.mention': 'Mentions you',
  'room.error.password-required': 'This room needs a password.',
  'room.error.members-only': 'This room is for members only.',
  'room.error.banned': 'You are banned from this room.',
  'room.error.room-full': 'This room is full.',
  'room.error.nick-conflict': 'That nickname is already in use in this room.',
  'room.error.not-found': 'There is no such room.',
  'room.error.creation-not-allowed': 'You may not create rooms on this service.',
  'room.error.timeout': 'The room did not answer.',
  'room.error.unknown': 'The room refused: {reason}',
  'notice.join': '{nick} joined',
  'notice.leave': '{nick} left',
  'notice.kick': '{nick} was removed',
  'notice.ban': '{nick} was banned',
  'notice.nick': '{nick} is now {value}',
  'notice.subject': '{nick} changed the subject to “{value}”',
  'notice.destroyed': 'The room was closed',
  'notice.role': '{nick} is now {value}',
  'notice.affiliation': '{nick} is now {value}',
  'notice.by': '{text} by {actor}',
  'notice.summary.one': '{count} room event',
  'notice.summary.other': '{count} room events',
  'notice.joined.one': '{count} joined',
  'notice.joined.other': '{count} joined',
  'notice.left.one': '{count} left',
  'notice.left.other': '{count} left',
  'app.title': 'Natter chat',
  'app.back': 'Back to contacts and rooms',
  'app.navigation': 'Contacts and rooms',
  'app.occupants': 'People in this room',
  'app.showOccupants': 'Show people',
  'app.hideOccupants': 'Hide people',
  'app.closeChat': 'Close the chat with {name}',
  'app.roomLinkQuestion': 'A link asks you to join the room {room}. Its members will see you there. Join it?',
  'app.roomLinkJoin': 'Join',
  'app.roomLinkCancel': 'Not now',
  'notifications.turnOn': 'Turn on notifications',
  'notifications.blocked': 'Notifications are blocked in this browser’s settings.',
  'notifications.roomTitle': '{nick} in {room}',
  'notifications.burst.one': '{title} ({count} new message)',
  'notifications.burst.other': '{title} ({count} new messages)',
  'notifications.file': 'Sent a file: {name}',
  'notifications.documentTitle': '({count}) {title}',
  'room.noReason': 'no reason given',
  'occupants.title': 'In this room',
  'occupants.filter': 'Filter people',
  'occupants.group': '{group} ({count})',
  'occupants.role.moderator': 'Moderators',
  'occupants.role.participant': 'Participants',
  'occupants.role.visitor': 'Visitors',
  'occupants.affiliation.owner': 'Owner',
  'occupants.affiliation.admin': 'Admin',
  'occupants.affiliation.member': 'Member',
  'occupants.you': '(you)',
  'occupants.actionsFor': 'Actions for {nick}',
  'occupants.privateMessage': 'Private message',
  'occupants.kick': 'Kick',
  'occupants.ban': 'Ban',
  'occupants.grantVoice': 'Grant voice',
  'occupants.revokeVoice': 'Revoke voice',
  'occupants.confirmKick': 'Kick {nick} out of the room? They can come back.',
  'occupants.confirmBan': 'Ban {nick} from the room? They cannot come back until an admin lifts the ban.',
  'occupants.reason': 'Reason (optional)',
  'occupants.cancel': 'Cancel',
  'occupants.kickFailed': 'Could not kick {nick}: {reason}',
  'occupants.banFailed': 'Could not ban {nick}: {reason}',
  'occupants.voiceFailed': 'Could not change the voice of {nick}: {reason}',
  'occupants.notJoined': 'You are not in this room.',
  'occupants.empty': 'Nobody is here.',
  'occupants.noMatch': 'Nobody matches “{filter}”.',
  'roomList.title': 'Rooms',
  'roomList.list': 'Your rooms',
  'roomList.empty': 'No rooms yet. Join one by its address or browse the public rooms.',
  'roomList.status.joined': 'Joined',
  'roomList.status.joining': 'Joining…',
  'roomList.status.notJoined': 'Not joined',
  'roomList.unread.one': '{count} unread message',
  'roomList.unread.other': '{count} unread messages',
  'roomList.mentions.one': '{count} mentions you',
  'roomList.mentions.other': '{count} mention you',
  'roomList.bookmark': 'Bookmark',
  'roomList.bookmarkNamed': 'Bookmark {name}',
  'roomList.leave': 'Leave',
  'roomList.leaveNamed': 'Leave {name}',
  'roomList.close': 'Close',
  'roomList.closeNamed': 'Close {name}',
  'roomList.join': 'Join a room',
  'roomList.joinAddress': 'Room address',
  'roomList.joinAddressPlaceholder': 'room@conference.example.org',
  'roomList.joinNick': 'Nickname (optional)',
  'roomList.joinPassword': 'Password (optional)',
  'roomList.joinSubmit': 'Join',
  'roomList.joinInvalid': 'Enter a room address like room@conference.example.org.',
  'roomList.cancel': 'Cancel',
  'roomList.browse': 'Browse public rooms',
  'roomList.directory': 'Public rooms',
  'roomList.directoryOn': 'Public rooms on {service}',
  'roomList.directoryLoading': 'Loading public rooms…',
  'roomList.directoryError': 'Could not load the public rooms: {error}',
  'roomList.directoryEmpty': 'This service lists no public rooms.',
  'roomList.retry': 'Try again',
  'roomList.directoryJoinNamed': 'Join {name}',
  'roomList.directoryOpen': 'Open',
  'roomList.directoryOpenNamed': 'Open {name}',
  'roomList.create': 'Create a room',
  'roomList.createAddress': 'Room address',
  'roomList.createName': 'Name (optional)',
  'roomList.createMembersOnly': 'Members only',
  'roomList.createPersistent': 'Keep the room when everyone has left',
  'roomList.createPublic': 'List it in the public rooms',
  'roomList.createSubmit': 'Create',
  'roomList.createInvalid': 'Use letters, digits, dots, dashes or underscores, like team-chat.',
  'roomList.createFailed': 'Could not create the room: {reason}',
  'roomList.noService': 'This server has no room service.',
  'roomList.invitations': 'Invitations',
  'roomList.invitationText': '{from} invites you to {room}',
  'roomList.invitationReason': '“{reason}”',
  'roomList.accept': 'Accept',
  'roomList.decline': 'Decline',
  'roomList.joinFailed': 'Could not join {name}: {reason}',
  'roomList.leaveFailed': 'Could not leave {name}: {reason}',
  'roomList.bookmarkFailed': 'Could not change the bookmark of {name}: {reason}',
  'badge.people.one': '{name}: {count} person',
  'badge.people.other': '{name}: {count} people',
  'badge.noCount': '{name}: join the chat',
  'badge.loading': '{name}: loading…',
  'badge.unavailable': '{name}: room unavailable',
  'badge.unavailableShort': 'unavailable',
  'emoji.picker': 'Choose an emoji',
  'emoji.search': 'Search emoji',
  'emoji.recent': 'Frequently used',
  'emoji.categories': 'Emoji categories',
  'emoji.results': 'Search results',
  'emoji.matches.one': '{count} emoji found',
  'emoji.matches.other': '{count} emoji found',
  'emoji.matchesLimited': 'The first {count} matches are shown. Type more to narrow them down.',
  'emoji.noMatch': 'No emoji match “{query}”.',
  'emoji.loading': 'Loading emoji…',
  'emoji.loadFailed': 'Emoji could not be loaded.',
  'emoji.retry': 'Retry',
  'emoji.group.smileys-emotion': 'Smileys & emotion',
  'emoji.group.people-body': 'People & body',
  'emoji.group.animals-nature': 'Animals & nature',
  'emoji.group.food-drink': 'Food & drink',
  'emoji.group.travel-places': 'Travel & places',
  'emoji.group.activities': 'Activities',
  'emoji.group.objects': 'Objects',
  'emoji.group.symbols': 'Symbols',
  'emoji.group.flags': 'Flags',
  // ---- branch people: own presence, blocking, contact management
  'ownPresence.online': 'Online',
  'ownPresence.away': 'Away',
  'ownPresence.dnd': 'Do not disturb',
  'ownPresence.invisible': 'Invisible',
  'ownPresence.button': 'Your status: {presence}',
  'ownPresence.picker': 'Set your status',
  'ownPresence.availability': 'Availability',
  'ownPresence.status': 'Status message (optional)',
  'ownPresence.save': 'Set status',
  'ownPresence.cancel': 'Cancel',
  'ownPresence.changed': 'Your status is now {presence}.',
  'ownPresence.failed': 'Could not set your status: {reason}',
  'ownPresence.unsupported': 'Your server does not support being invisible.',
  'block.action': 'Block',
  'block.actionNamed': 'Block {name}',
  'block.confirmContact': 'Block {name}? They will no longer be able to message you or see your presence.',
  'block.confirmOccupant': 'Block {name}? You will no longer see their messages or requests.',
  'block.confirmSpam': 'Report {name} as spam to your server and block them?',
  'block.confirm': 'Block',
  'block.reportSpam': 'Report spam and block',
  'block.reportConfirm': 'Report and block',
  'block.cancel': 'Cancel',
  'block.done': '{name} is blocked.',
  'block.failed': 'Could not block {name}: {reason}',
  'block.unsupported': 'Your server does not support blocking.',
  'block.unblock': 'Unblock',
  'block.unblockNamed': 'Unblock {name}',
  'block.unblocked': '{name} is unblocked.',
  'block.unblockFailed': 'Could not unblock {name}: {reason}',
  'block.chatBlocked': 'You blocked {name}. Their messages are not shown.',
  'blocklist.title': 'Blocked',
  'blocklist.toggle.one': 'Blocked ({count})',
  'blocklist.toggle.other': 'Blocked ({count})',
  'blocklist.empty': 'You have not blocked anyone.',
  'blocklist.loading': 'Loading blocked addresses…',
  'contact.edit': 'Edit',
  'contact.editNamed': 'Edit {name}',
  'contact.dialog': 'Edit contact {name}',
  'contact.name': 'Name',
  'contact.groups': 'Groups',
  'contact.newGroup': 'New group (optional)',
  'contact.save': 'Save',
  'contact.cancel': 'Cancel',
  'contact.remove': 'Remove contact',
  'contact.confirmRemove': 'Remove {name} from your contacts? You will stop seeing each other’s presence.',
  'contact.removeConfirm': 'Remove',
  'contact.saved': '{name} saved.',
  'contact.removed': '{name} removed from your contacts.',
  'contact.saveFailed': 'Could not save {name}: {reason}',
  'contact.removeFailed': 'Could not remove {name}: {reason}',
} as const;

export type MessageKey = keyof typeof englishMessages;
/** A key a caller may pass: a plain key, or the stem of a `.one` / `.other` pair. */
type PluralStem<Key> = Key extends `${infer Stem}.other` ? Stem : never;
export type TranslationKey = MessageKey | PluralStem<MessageKey>;
export type Catalogue = Record<string, string>;

const catalogueStore = createStore<{ messages: Catalogue; locale: string | undefined }>({
  messages: { ...englishMessages },
  locale: undefined,
});

/** Replaces strings over the English defaults (pass only the keys you translate). */
export function setMessages(messages: Partial<Record<MessageKey, string>> & Catalogue, locale?: string): void {
  catalogueStore.set('messages', { ...englishMessages, ...messages });
  catalogueStore.set('locale', locale);
}

export function resetMessages(): void {
  catalogueStore.set('messages', { ...englishMessages });
  catalogueStore.set('locale', undefined);
}

/** The locale for formatting: the one given with the catalogue, else the page's, else the browser's. */
export function currentLocale(): string | undefined {
  const configured = catalogueStore.get('locale');
  if (configured) return configured;
  const pageLang = typeof document !== 'undefined' ? document.documentElement?.lang : '';
  if (pageLang) return pageLang;
  return typeof navigator !== 'undefined' ? navigator.language : undefined;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Intl objects by locale and style: making one costs far more than using it (a burst of new
 * message rows spent a third of each frame constructing a DateTimeFormat per time shown).
 */
const intlCache = new Map<string, Intl.DateTimeFormat | Intl.PluralRules | Intl.ListFormat>();
function dateFormat(style: 'time' | 'dateTime' | 'day'): Intl.DateTimeFormat {
  const locale = currentLocale();
  const key = `${style}|${locale ?? ''}`;
  let format = intlCache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time' ? { hour: 'numeric', minute: '2-digit' } : style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'full' };
    format = new Intl.DateTimeFormat(locale, options);
    intlCache.set(key, format);
  }
  return format;
}
function pluralRules(): Intl.PluralRules {
  const locale = currentLocale();
  const key = `plural|${locale ?? ''}`;
  let rules = intlCache.get(key) as Intl.PluralRules | undefined;
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    intlCache.set(key, rules);
  }
  return rules;
}

/** "A, B and C" in the locale's words (Intl.ListFormat, conjunction). */
export function formatList(items: string[]): string {
  const locale = currentLocale();
  const key = `list|${locale ?? ''}`;
  let format = intlCache.get(key) as Intl.ListFormat | undefined;
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'conjunction' });
    intlCache.set(key, format);
  }
  return format.format(items);
}

export function t(key: TranslationKey, params: Record<string, string | number> = {}): string {
  const messages = catalogueStore.get('messages');
  let template = messages[key];
  if (template === undefined && typeof params.count === 'number') {
    const category = pluralRules().select(params.count);
    template = messages[`${key}.${category}`] ?? messages[`${key}.other`];
  }
  if (template === undefined) return key;
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function dayStart(timestamp: number): number {
  const date = new Date(timestamp);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

export function formatTime(timestamp: number): string {
  return dateFormat('time').format(timestamp);
}

/** A localized date and time, for moments that may lie on another day (a message's earlier versions). */
export function formatDateTime(timestamp: number): string {
  return dateFormat('dateTime').format(timestamp);
}

/** "Today", "Yesterday" or a localized date, for day separators. */
export function formatDay(timestamp: number, now: number = Date.now()): string {
  const days = Math.round((dayStart(now) - dayStart(timestamp)) / 86_400_000);
  if (days === 0) return t('chat.today');
  if (days === 1) return t('chat.yesterday');
  return dateFormat('day').format(timestamp);
}

export function isSameDay(a: number, b: number): boolean {
  return dayStart(a) === dayStart(b);
}

const FILE_SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A file size in the largest unit that keeps it at 1 or more, e.g. "1.5 MB", "10 MB", "512 bytes" (decimal units, as file managers show). */
export function formatFileSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < FILE_SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(currentLocale(), {
    style: 'unit',
    unit: FILE_SIZE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** A duration as a clock reading, "0:05", "12:34" or "1:02:03" (recording time, playback position). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
