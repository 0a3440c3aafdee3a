/**
 * The room badge emits no events. Its state, as its `base` part's class
 * (`state-loading`, `state-ready`, `state-error`) shows it for styling:
 * loading until the room answered, ready with a count, error when the room
 * is unavailable or the badge's own session could not sign in.
 */
export type NatterRoomBadgeState = 'loading' | 'ready' | 'error';
