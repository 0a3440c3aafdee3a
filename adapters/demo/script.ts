import type { Jid, Message, ResourcePresence, Subscription } from '../types';

export const DEMO_DOMAIN = 'demo.natter.chat';

export interface DemoContact {
  jid: Jid;
  name?: string;
  groups: string[];
  subscription?: Subscription;
  pendingOut?: boolean;
  /** Absent: offline. */
  presence?: ResourcePresence;
  /** Not on the roster yet: only asks for a subscription. */
  requestOnly?: boolean;
}

export function demoContacts(): DemoContact[] {
  return [
    { jid: `alice@${DEMO_DOMAIN}`, name: 'Alice Martin', groups: ['Friends'], presence: { show: 'online', priority: 0 } },
    { jid: `bob@${DEMO_DOMAIN}`, name: 'Bob Okafor', groups: ['Work'], presence: { show: 'online', status: 'Reviewing the roadmap', priority: 0 } },
    { jid: `carol@${DEMO_DOMAIN}`, name: 'Carol Nguyen', groups: ['Work', 'Friends'], presence: { show: 'dnd', status: 'Focus time', priority: 0 } },
    { jid: `dmitri@${DEMO_DOMAIN}`, name: 'Dmitri Volkov', groups: ['Work'] },
    { jid: `elif@${DEMO_DOMAIN}`, name: 'Elif Şahin', groups: [], presence: { show: 'xa', priority: 0 } },
    { jid: `farah@${DEMO_DOMAIN}`, name: 'Farah Haddad', groups: [], requestOnly: true, presence: { show: 'online', priority: 0 } },
  ];
}

export const demoReplies: ((body: string, contact: DemoContact) => string)[] = [
  (_body, contact) => `Hi! ${contact.name?.split(' ')[0] ?? 'I'} here. Natter's demo network is answering you.`,
  body => `You said “${body.length > 60 ? `${body.slice(0, 57)}…` : body}”. Noted!`,
  () => 'Links work too: https://xmpp.org/about/technology-overview/',
  () => 'Try switching conversations: your draft stays where you left it.',
  () => 'Sounds good 👍',
];

const MINUTE = 60_000;

/** A few days of scripted history with a contact, oldest first, so day separators and grouping show. */
export function demoHistory(conversation: Jid, ownJid: Jid, now: number): Message[] {
  if (conversation !== `alice@${DEMO_DOMAIN}` && conversation !== `bob@${DEMO_DOMAIN}`) return [];
  const lines: [minutesAgo: number, fromPeer: boolean, body: string][] = [
    [2 * 24 * 60 + 30, true, 'Are we still on for the XMPP meetup?'],
    [2 * 24 * 60 + 29, false, 'Yes! I will bring the slides.'],
    [2 * 24 * 60 + 28, false, 'The venue is https://example.org/venue'],
    [24 * 60 + 5, true, 'Thanks for yesterday, it was fun.'],
    [24 * 60 + 4, true, 'Shall we try Natter for the team chat?'],
    [90, false, 'I set up a test server.'],
    [88, true, 'Great, sending you the details later.'],
  ];
  return lines.map(([minutesAgo, fromPeer, body], index) => ({
    id: `history-${conversation}-${index}`,
    stanzaId: `history-${conversation}-${index}`,
    conversation,
    from: fromPeer ? conversation : ownJid,
    direction: fromPeer ? 'in' : 'out',
    body,
    timestamp: now - minutesAgo * MINUTE,
    status: fromPeer ? 'received' : 'delivered',
  }));
}
