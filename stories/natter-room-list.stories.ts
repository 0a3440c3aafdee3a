import type { Session } from '../session/session';
import { inDemoSession } from './demo';

export default { title: 'Natter/Room list', tags: ['autodocs'] };

const roomList = () => document.createElement('natter-room-list');

/**
 * Your rooms: the lounge (bookmarked, joined on sign-in). Try "Join a room" with
 * design@rooms.demo.natter.chat (members only), "Browse public rooms" and
 * "Create a room".
 */
export const Default = { render: () => inDemoSession(roomList) };

/** Alice invites you to a room; Accept joins it. */
export const WithInvitation = {
  render: () => {
    const host: HTMLElement = inDemoSession(() => {
      const session = (host as HTMLElement & { session: Session }).session;
      session.dispatch({
        type: 'invitation',
        room: 'lounge@rooms.demo.natter.chat',
        from: 'alice@demo.natter.chat',
        reason: 'Come and say hello',
        kind: 'direct',
      });
      return roomList();
    });
    return host;
  },
};

/** The room list beside the chatbox and the sidebar: pick a room to open it. */
export const WithChatAndSidebar = {
  render: () =>
    inDemoSession(() => {
      const layout = document.createElement('div');
      layout.style.cssText = 'display:grid;grid-template-columns:16rem 1fr 14rem;gap:8px;height:100%';
      const chatbox = document.createElement('natter-chatbox');
      const occupants = document.createElement('natter-occupants');
      occupants.setAttribute('room', 'lounge@rooms.demo.natter.chat');
      const list = roomList();
      list.addEventListener('natterRoomListSelect', event => {
        const room = (event as CustomEvent<{ room: string }>).detail.room;
        chatbox.setAttribute('conversation', room);
        occupants.setAttribute('room', room);
      });
      layout.append(list, chatbox, occupants);
      return layout;
    }),
};
