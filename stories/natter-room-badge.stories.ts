import { inDemoSession } from './demo';

export default { title: 'Natter/Room badge', tags: ['autodocs'] };

function badge(room: string, attributes: Record<string, string> = {}): HTMLElement {
  const element = document.createElement('natter-room-badge');
  element.setAttribute('room', room);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function paragraph(...children: (string | Node)[]): HTMLElement {
  const p = document.createElement('p');
  p.append(...children);
  return p;
}

/**
 * On a project page with no other chat: the badge makes its own session and
 * signs in anonymously (here to the demo network), then shows the count.
 * On a real server: `service="wss://…" domain="anon.example.org"` without `adapter`.
 */
export const StandAlone = {
  render: () => paragraph('Questions? Talk to us in ', badge('lounge@rooms.demo.natter.chat', { adapter: 'demo', domain: 'demo.natter.chat', refresh: '10' }), '.'),
};

/** Inside a signed-in session: the live count of a room you are in, and the reported count of one you are not. */
export const InSession = {
  render: () =>
    inDemoSession(() =>
      paragraph(badge('lounge@rooms.demo.natter.chat'), ' ', badge('design@rooms.demo.natter.chat')),
    ),
};

/** A room that does not exist: "room unavailable". */
export const Unavailable = {
  render: () => paragraph(badge('nowhere@rooms.demo.natter.chat', { adapter: 'demo', domain: 'demo.natter.chat' })),
};
