import type { Session } from '../session/session';
import { inDemoSession } from './demo';

export default { title: 'Natter/Occupants', tags: ['autodocs'] };

const LOUNGE = 'lounge@rooms.demo.natter.chat';

function sidebar(): HTMLElement {
  const element = document.createElement('natter-occupants');
  element.setAttribute('room', LOUNGE);
  return element;
}

/** Runs `then` once the demo session has joined the lounge (it joins on sign-in). */
function whenJoined(host: HTMLElement, then: (session: Session) => void): void {
  const session = (host as HTMLElement & { session: Session }).session;
  const store = session.conversation(LOUNGE);
  if (store.get('room')?.status === 'joined') {
    then(session);
    return;
  }
  const stop = store.onChange('room', room => {
    if (room?.status !== 'joined') return;
    stop();
    then(session);
  });
}

/**
 * The lounge's sidebar: about twenty people by role, you as moderator and admin.
 * Open a row's actions to send a private message, kick, or take voice away.
 */
export const Moderator = { render: () => inDemoSession(sidebar) };

/** The same room seen by a participant: only "Private message" in the actions. */
export const Participant = {
  render: () => {
    const host: HTMLElement = inDemoSession(() => {
      whenJoined(host, session => {
        const self = session.conversation(LOUNGE).get('room')!.self!;
        session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { ...self, role: 'participant', affiliation: 'none' } });
      });
      return sidebar();
    });
    return host;
  },
};

/**
 * A big public room: 3,000 more people, some away or busy, some with a known
 * address (so Ban shows). Only the rows in view are in the DOM.
 */
export const ThousandsOfPeople = {
  render: () => {
    const host: HTMLElement = inDemoSession(
      () => {
        whenJoined(host, session => {
          const shows = ['online', 'online', 'online', 'away', 'dnd', 'xa'] as const;
          for (let index = 0; index < 3000; index++) {
            const nick = `guest${String(index).padStart(4, '0')}`;
            session.dispatch({
              type: 'occupant',
              room: LOUNGE,
              occupant: {
                nick,
                role: index % 12 === 0 ? 'visitor' : 'participant',
                affiliation: index % 50 === 0 ? 'member' : 'none',
                show: shows[index % shows.length],
                status: index % 7 === 0 ? 'Reading along' : undefined,
                jid: index % 3 === 0 ? `${nick}@demo.natter.chat` : undefined,
              },
            });
          }
        });
        return sidebar();
      },
      { ambient: false },
    );
    return host;
  },
};
