/**
 * The actions of rooms: joining (with the archive page that comes with it), leaving, nick,
 * subject, moderation, invitations, the directory, creating rooms and bookmarks.
 */
import type { Jid } from '../../adapters/types';
import { mayModerate } from '../../stores/conversation';
import { errorMessage } from '../errors';
import type { SessionActions } from '../session';
import type { SessionContext } from './context';

type RoomActionNames =
  | 'joinRoom' | 'leaveRoom' | 'changeNick' | 'setSubject' | 'kick' | 'moderateMessage' | 'setAffiliation' | 'setRole' | 'invite'
  | 'acceptInvitation' | 'declineInvitation' | 'openPrivateChat' | 'queryRoom' | 'listRooms' | 'createRoom'
  | 'saveBookmark' | 'removeBookmark'
  | 'getRoomConfig' | 'submitRoomConfig' | 'cancelRoomConfig' | 'getAffiliations' | 'destroyRoom' | 'dismissDecline';

/** `openConversation` is the session's (a private chat is a conversation like any other). */
export function roomActions(ctx: SessionContext, openConversation: (jid: Jid) => void): Pick<SessionActions, RoomActionNames> {
  const { adapter, conversation, dispatch, settled } = ctx;

  function defaultNick(): string {
    const own = ctx.ownJid() ?? '';
    return own.slice(0, Math.max(0, own.indexOf('@'))) || 'guest';
  }

  async function joinRoom(room: Jid, options: { nick?: string; password?: string } = {}): Promise<void> {
    // The adapter loads the room's archive page as part of joining.
    dispatch({ type: 'historyLoading', conversation: room });
    try {
      await settled(adapter.joinRoom(room, { nick: options.nick ?? defaultNick(), password: options.password }));
    } catch (error) {
      if (conversation(room).get('history').status === 'loading') {
        dispatch({ type: 'historyError', conversation: room, error: errorMessage(error) });
      }
      throw error;
    }
  }

  return {
    joinRoom,
    async leaveRoom(room) {
      await settled(adapter.leaveRoom(room));
      dispatch({ type: 'roomClosed', room });
      // Leaving means "not again at the next sign-in": keep the bookmark, drop its autojoin.
      const bookmark = ctx.rooms.get('bookmarks').find(candidate => candidate.jid === room);
      if (bookmark?.autojoin) await settled(adapter.saveBookmark({ ...bookmark, autojoin: false }));
    },
    changeNick: (room, nick) => settled(adapter.changeNick(room, nick)),
    setSubject: (room, subject) => settled(adapter.setSubject(room, subject)),
    kick: (room, nick, reason) => settled(adapter.kick(room, nick, reason)),
    async moderateMessage(room, id, reason) {
      const store = conversation(room);
      const target = store.get('messages').find(candidate => candidate.id === id);
      if (!target || !mayModerate(store.get('room'), target)) throw new Error('not a message you can remove as a moderator');
      await settled(adapter.moderateMessage(room, target.stanzaId!, reason));
    },
    setAffiliation: (room, jid, affiliation, reason) => settled(adapter.setAffiliation(room, jid, affiliation, reason)),
    setRole: (room, nick, role, reason) => settled(adapter.setRole(room, nick, role, reason)),
    invite: (room, jid, reason) => settled(adapter.invite(room, jid, reason)),
    async acceptInvitation(room) {
      const invitation = ctx.rooms.get('invitations').find(candidate => candidate.room === room);
      dispatch({ type: 'invitationHandled', room });
      await joinRoom(room, { password: invitation?.password });
    },
    declineInvitation(room, reason) {
      const invitation = ctx.rooms.get('invitations').find(candidate => candidate.room === room);
      dispatch({ type: 'invitationHandled', room });
      if (!invitation) return;
      // The room relays the decline to the inviter (XEP-0045 §7.8.2); a failure leaves nothing to undo.
      settled(adapter.declineInvitation(room, invitation.from, reason)).catch(error => {
        console.warn('[natter] declining the invitation failed:', errorMessage(error));
      });
    },
    dismissDecline(room, from) {
      dispatch({ type: 'declineDismissed', room, from });
    },
    getRoomConfig: room => settled(adapter.getRoomConfig(room)),
    submitRoomConfig: (room, form) => settled(adapter.submitRoomConfig(room, form)),
    cancelRoomConfig: room => settled(adapter.cancelRoomConfig(room)),
    getAffiliations: (room, affiliation) => settled(adapter.getAffiliations(room, affiliation)),
    destroyRoom: (room, options) => settled(adapter.destroyRoom(room, options)),
    openPrivateChat(room, nick) {
      openConversation(`${room}/${nick}`);
    },
    queryRoom: room => settled(adapter.queryRoom(room)),
    async listRooms(service) {
      dispatch({ type: 'directoryLoading' });
      try {
        await settled(adapter.listRooms(service));
      } catch (error) {
        dispatch({ type: 'directoryError', error: errorMessage(error) });
      }
    },
    async createRoom(room, config, nick) {
      dispatch({ type: 'historyLoading', conversation: room });
      await settled(adapter.createRoom(room, nick ?? defaultNick(), config));
    },
    saveBookmark: bookmark => settled(adapter.saveBookmark(bookmark)),
    removeBookmark: room => settled(adapter.removeBookmark(room)),
  };
}
