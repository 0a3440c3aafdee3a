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

/** A reply, or one written with a typo that its author then corrects. */
export type DemoReply = string | { body: string; correction: string };

export const demoReplies: ((body: string, contact: DemoContact) => DemoReply)[] = [
  (_body, contact) => `Hi! ${contact.name?.split(' ')[0] ?? 'I'} here. Natter's demo network is answering you.`,
  body => `You said “${body.length > 60 ? `${body.slice(0, 57)}…` : body}”. Noted!`,
  () => 'Links work too: https://xmpp.org/about/technology-overview/',
  () => ({ body: 'Try switching conversations: your draft stays where you left if.', correction: 'Try switching conversations: your draft stays where you left it.' }),
  () => 'Sounds good 👍',
  () => '> a quoted line\n*Bold*, _italic_, ~struck~ and `code` work here, as in other XMPP apps.',
];

const MINUTE = 60_000;

/** A few days of scripted history with a contact, oldest first, so day separators and grouping show. */
export function demoHistory(conversation: Jid, ownJid: Jid, now: number): Message[] {
  if (conversation !== `alice@${DEMO_DOMAIN}` && conversation !== `bob@${DEMO_DOMAIN}`) return [];
  // Days ago, then minutes after that day's midnight (for today: minutes before now). Anchored on
  // calendar days, so "Yesterday" and "Today" both show at any hour, just after midnight too.
  const lines: [daysAgo: number, minutes: number, fromPeer: boolean, body: string][] = [
    [2, 19 * 60 + 30, true, 'Are we still on for the XMPP meetup?'],
    [2, 19 * 60 + 31, false, 'Yes! I will bring the *slides*.'],
    [2, 19 * 60 + 32, false, 'The venue is https://example.org/venue'],
    [1, 21 * 60 + 55, true, 'Thanks for yesterday, it was fun.'],
    [1, 21 * 60 + 56, true, 'Shall we try Natter for the team chat?'],
    [0, 90, false, 'I set up a test server: `chat.example.org`'],
    [0, 88, true, 'Great, sending you the detials later.'],
  ];
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const today = midnight.getTime();
  const timestampOf = (daysAgo: number, minutes: number): number => {
    if (daysAgo > 0) {
      const day = new Date(today);
      day.setDate(day.getDate() - daysAgo); // calendar days: a day with a DST change is not 24 h
      return day.getTime() + minutes * MINUTE;
    }
    const ago = now - minutes * MINUTE;
    // Early in the day, today's lines share the time since midnight (in order, the fix included).
    return ago >= today ? ago : today + ((now - today) * (100 - minutes)) / 100;
  };
  const history: Message[] = lines.map(([daysAgo, minutes, fromPeer, body], index) => ({
    id: `history-${conversation}-${index}`,
    stanzaId: `history-${conversation}-${index}`,
    conversation,
    from: fromPeer ? conversation : ownJid,
    direction: fromPeer ? 'in' : 'out',
    body,
    timestamp: timestampOf(daysAgo, minutes),
    status: fromPeer ? 'received' : 'delivered',
  }));
  // The last line was corrected a minute later (XEP-0308): the archive holds both.
  const typo = history[history.length - 1];
  history.push({
    ...typo,
    id: `${typo.id}-fix`,
    stanzaId: `${typo.id}-fix`,
    body: 'Great, sending you the details later.',
    timestamp: Math.min(typo.timestamp + MINUTE, (typo.timestamp + now) / 2),
    replaces: typo.id,
  });
  return history;
}

export const DEMO_ROOMS_DOMAIN = `rooms.${DEMO_DOMAIN}`;

export interface DemoRoom {
  jid: Jid;
  name: string;
  description: string;
  subject: string;
  membersOnly: boolean;
  /** Nicks of the scripted occupants with their role and affiliation. */
  occupants: { nick: string; role: 'moderator' | 'participant' | 'visitor'; affiliation: 'owner' | 'admin' | 'member' | 'none' }[];
  /** [minutes ago, nick, body] */
  history: [number, string, string][];
  autojoin: boolean;
}

const CROWD = ['Ana', 'Ben', 'Chen', 'Dara', 'Emeka', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jun', 'Kira', 'Luis', 'Mei', 'Nadia', 'Omar', 'Priya'];

export function demoRooms(): DemoRoom[] {
  return [
    {
      jid: `lounge@${DEMO_ROOMS_DOMAIN}`,
      name: 'Natter lounge',
      description: 'Say hello to other Natter users',
      subject: 'Welcome! Be kind, stay on topic.',
      membersOnly: false,
      autojoin: true,
      occupants: [
        { nick: 'Alice', role: 'moderator', affiliation: 'owner' },
        { nick: 'Bob', role: 'participant', affiliation: 'member' },
        { nick: 'Carol', role: 'participant', affiliation: 'none' },
        { nick: 'lurker', role: 'visitor', affiliation: 'none' },
        ...CROWD.map(nick => ({ nick, role: 'participant' as const, affiliation: 'none' as const })),
      ],
      history: [
        [180, 'Alice', 'Morning everyone!'],
        [178, 'Bob', 'Hi Alice. Did the release go out?'],
        [176, 'Alice', 'Yes, notes at https://example.org/release-notes'],
        [30, 'Carol', 'Who is joining the call later?'],
        [29, 'Bob', 'Me, in 10 minutes'],
      ],
    },
    {
      jid: `design@${DEMO_ROOMS_DOMAIN}`,
      name: 'Design reviews',
      description: 'Members only: ask Alice for an invite',
      subject: 'Theming tokens review',
      membersOnly: true,
      autojoin: false,
      occupants: [{ nick: 'Alice', role: 'moderator', affiliation: 'owner' }],
      history: [],
    },
  ];
}

export const demoRoomChatter = ['Anyone tried the RTL mode?', 'Lunch?', 'The build is green again 🎉', 'brb', 'Nice work on the roster filter!'];

/** What demo contacts say of themselves: nicks, full names and a few small avatars (32 px PNGs, base64). */
export interface DemoProfile {
  nick?: string;
  fullName?: string;
  avatarPng?: string;
}

export function demoProfiles(): Record<Jid, DemoProfile> {
  return {
    [`alice@${DEMO_DOMAIN}`]: {
      nick: 'Alice',
      fullName: 'Alice Martin',
      avatarPng:
        'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAk0lEQVR42mPgjllLU8QwKCyIMhLBiqhgAS6jibeGgUjTPx6ah4aItIOBoOmYRmO1hjQLiDSdGDvwWUCM6ch2EGsBqabjt4PuFpBnOh47Ri2gggVyMEBQcHBYAEHkBRFpZRFVTB9QC9DsWGBjg4aIMX2gLSAyoKhQJ5NnNMmtClKNHkzNFqpZQEwjhdSGzKgFI8ACABhqJgi5OXX/AAAAAElFTkSuQmCC',
    },
    [`bob@${DEMO_DOMAIN}`]: {
      fullName: 'Bob Okafor',
      avatarPng:
        'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAjUlEQVR42mMQTNakKWIYFBaI4ABUsECECEC+Bcim9IaqoCEi7WAgaDqm0VitIc0CIk0nxg58FhBjOrIdxFpAqun47aC7BeSZjseOUQuoYIEcDBAUHBwWQBB5QURaWUQV0wfUAjQ7FtjYoCFiTB9oC4gMKCrUyeQZTXKrglSjB1OzhWoWiFAJjFowwiwAAO0fjgfv9W4fAAAAAElFTkSuQmCC',
    },
    [`farah@${DEMO_DOMAIN}`]: { nick: 'Farah', fullName: 'Farah Haddad' },
  };
}
