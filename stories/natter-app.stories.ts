import { LOUNGE, element, inDemoSession, manyContacts, playRoster } from './demo';

export default { title: 'Natter/App', component: 'natter-app', tags: ['autodocs'] };

const app = () => element('natter-app');

/** The whole chat on the demo network, signed in. */
export const SignedIn = { render: () => inDemoSession(app, { height: '36rem' }) };

/** Before signing in: the form. Use the password "wrong" to see the error. */
export const SignIn = { render: () => inDemoSession(app, { signIn: 'never', height: '36rem' }) };

/** Signing in: the server has not answered yet. */
export const SigningIn = { render: () => inDemoSession(app, { signIn: 'during', stall: ['connect'], height: '36rem' }) };

/** The server cannot be reached. */
export const SignInFailed = { render: () => inDemoSession(app, { signIn: 'during', fail: ['connect'], height: '36rem' }) };

/** The connection dropped: the chat stays on screen while it reconnects. */
export const Reconnecting = {
  render: () =>
    inDemoSession(
      session => {
        session.dispatch({ type: 'connection', status: 'reconnecting' });
        return app();
      },
      { height: '36rem' },
    ),
};

/** In a room, with the occupant sidebar. */
export const InRoom = {
  render: () =>
    inDemoSession(
      session => {
        session.actions.openConversation(LOUNGE);
        return app();
      },
      { height: '36rem' },
    ),
};

/** A big account: 5,000 contacts beside the rooms; the roster scrolls inside its column. */
export const ManyContacts = {
  render: () =>
    inDemoSession(
      (_session, adapter) => {
        playRoster(adapter, manyContacts(5000));
        return app();
      },
      { height: '36rem', ambient: false, contacts: [] },
    ),
};

interface NotificationArgs {
  notifications: boolean;
  notificationSound: boolean;
  titleUnread: boolean;
}

/**
 * Notifications offered: "Turn on notifications" in the header asks the browser (only when
 * clicked); once allowed, messages from the demo contacts notify while this tab is hidden, with a
 * tone if `notificationSound`; `titleUnread` counts unread messages in the page's title.
 */
export const Notifications = {
  args: { notifications: true, notificationSound: false, titleUnread: true } satisfies NotificationArgs,
  argTypes: {
    notifications: { control: 'boolean' },
    notificationSound: { control: 'boolean' },
    titleUnread: { control: 'boolean' },
  },
  render: (args: NotificationArgs) =>
    inDemoSession(() => Object.assign(app(), { notifications: args.notifications, notificationSound: args.notificationSound, titleUnread: args.titleUnread }), { height: '36rem' }),
};

/** A narrow column (a phone): one pane at a time, Back returns to the lists. */
export const Narrow = {
  render: () => {
    const column = element('div', { style: 'max-inline-size: 22rem' });
    column.append(inDemoSession(app, { height: '36rem' }));
    return column;
  },
};

/**
 * In Arabic: `<natter-session locale="ar">` loads the Arabic strings (a chunk of their own) and
 * lays the app out right to left; the contacts' English names and messages keep their own direction.
 */
export const Arabic = {
  render: () =>
    inDemoSession(
      session => {
        session.actions.openConversation(LOUNGE);
        return app();
      },
      { height: '36rem', locale: 'ar' },
    ),
};

/** Right to left. */
export const RightToLeft = { ...InRoom, globals: { direction: 'rtl' } };

/** Dark theme. */
export const Dark = { ...InRoom, globals: { theme: 'dark' } };
