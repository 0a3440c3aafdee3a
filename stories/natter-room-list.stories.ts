import { ARABIC, LONG_TEXT, LOUNGE, element, inDemoSession, inShadow } from './demo';

export default { title: 'Natter/Room list', component: 'natter-room-list', tags: ['autodocs'] };

const roomList = () => element('natter-room-list');
const openDirectory = async ({ canvasElement }: { canvasElement: HTMLElement }) => (await inShadow(canvasElement, 'natter-room-list', '[part="browse-button"]')).click();

/**
 * Your rooms: the lounge (bookmarked, joined on sign-in). Try "Join a room" with
 * design@rooms.demo.natter.chat (members only), "Browse public rooms" and
 * "Create a room".
 */
export const Default = { render: () => inDemoSession(roomList) };

/** No rooms yet: the notice, and the three ways to find one. */
export const Empty = {
  render: () =>
    inDemoSession(session => {
      session.dispatch({ type: 'bookmarks', bookmarks: [] });
      void session.actions.leaveRoom(LOUNGE).catch(() => undefined);
      return roomList();
    }),
};

/** Alice invites you to a room; Accept joins it. */
export const WithInvitation = {
  render: () =>
    inDemoSession(session => {
      session.dispatch({ type: 'invitation', room: LOUNGE, from: 'alice@demo.natter.chat', reason: 'Come and say hello', kind: 'direct' });
      return roomList();
    }),
};

/** The public rooms of the server, opened with "Browse public rooms". */
export const Directory = { render: () => inDemoSession(roomList), play: openDirectory };

/** The server has not listed its public rooms yet. */
export const DirectoryLoading = { render: () => inDemoSession(roomList, { stall: ['rooms'] }), play: openDirectory };

/** Listing the public rooms failed. */
export const DirectoryError = { render: () => inDemoSession(roomList, { fail: ['rooms'] }), play: openDirectory };

/** Joining the bookmarked lounge timed out: the row says so. */
export const JoinFailed = { render: () => inDemoSession(roomList, { fail: ['join'] }) };

/** Sixty bookmarked rooms, some with long names: the list scrolls. */
export const ManyRooms = {
  render: () =>
    inDemoSession(session => {
      const bookmarks = Array.from({ length: 60 }, (_, index) => ({
        jid: `room${index}@rooms.demo.natter.chat`,
        name: index % 10 === 0 ? `${LONG_TEXT.slice(0, 90)} ${index}` : `Project room ${index + 1}`,
        autojoin: false,
      }));
      session.dispatch({ type: 'bookmarks', bookmarks });
      return roomList();
    }),
};

/** The room list beside the chatbox and the sidebar: pick a room to open it. */
export const WithChatAndSidebar = {
  render: () =>
    inDemoSession(() => {
      const layout = element('div', { style: 'display: grid; grid-template-columns: 16rem 1fr 14rem; gap: 8px; block-size: 100%' });
      const chatbox = element('natter-chatbox');
      const occupants = element('natter-occupants', { room: LOUNGE });
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

/** Right to left, with an Arabic room name. */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () =>
    inDemoSession(session => {
      session.dispatch({ type: 'bookmarks', bookmarks: [{ jid: LOUNGE, name: 'Natter lounge', autojoin: true }, { jid: 'majlis@rooms.demo.natter.chat', name: `مجلس ${ARABIC.name}`, autojoin: false }] });
      return roomList();
    }),
};

/** Dark theme, with an invitation. */
export const Dark = { ...WithInvitation, globals: { theme: 'dark' } };
