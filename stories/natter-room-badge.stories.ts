import { LOUNGE, element, inDemoSession } from './demo';

export default { title: 'Natter/Room badge', component: 'natter-room-badge', tags: ['autodocs'] };

const badge = (room: string, attributes: Record<string, string> = {}) => element('natter-room-badge', { room, ...attributes });

/**
 * On a project page with no other chat: the badge makes its own session and
 * signs in anonymously (here to the demo network), then shows the count.
 * On a real server: `service="wss://…" domain="anon.example.org"` without `adapter`.
 */
export const StandAlone = {
  render: () => element('p', {}, 'Questions? Talk to us in ', badge(LOUNGE, { adapter: 'demo', domain: 'demo.natter.chat', refresh: '10' }), '.'),
};

/** Inside a signed-in session: the live count of a room you are in, and the reported count of one you are not. */
export const InSession = {
  render: () => inDemoSession(() => element('p', {}, badge(LOUNGE), ' ', badge('design@rooms.demo.natter.chat')), { height: 'auto' }),
};

/** A room with a long name (created here, so you are its one occupant), inline in a narrow paragraph. */
export const LongName = {
  render: () =>
    inDemoSession(
      session => {
        const room = 'standards@rooms.demo.natter.chat';
        void session.actions.createRoom(room, { name: 'International standards working group on federated instant messaging' }).catch(() => undefined);
        return element('p', { style: 'max-inline-size: 20rem' }, 'Discuss the draft in ', badge(room), ' before Friday.');
      },
      { height: 'auto' },
    ),
};

/** Still signing in: the badge says it is loading. */
export const Loading = { render: () => inDemoSession(() => element('p', {}, badge(LOUNGE)), { signIn: 'during', stall: ['connect'], height: 'auto' }) };

/** A room that does not exist: "room unavailable". */
export const Unavailable = {
  render: () => element('p', {}, badge('nowhere@rooms.demo.natter.chat', { adapter: 'demo', domain: 'demo.natter.chat' })),
};

/** Right to left, in an Arabic sentence. */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () => element('p', {}, 'تحدث معنا في ', badge(LOUNGE, { adapter: 'demo', domain: 'demo.natter.chat' }), '.'),
};

/** Dark theme. */
export const Dark = { ...InSession, globals: { theme: 'dark' } };
