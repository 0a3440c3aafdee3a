import { ALICE, ARABIC, LONG_TEXT, LOUNGE, element, incoming, inDemoSession, toneUrl, type Session } from './demo';

export default { title: 'Natter/Message', component: 'natter-message', tags: ['autodocs'] };

type MessageElement = HTMLElement & { message: unknown; senderName: string; grouped: boolean; mention: boolean };

/** A column of `<natter-message>` elements, each set from a message as the chatbox sets them. */
function column(items: (session: Session) => { message: ReturnType<typeof incoming>; sender?: string; grouped?: boolean; mention?: boolean }[]) {
  return inDemoSession(
    session => {
      const list = element('div', { style: 'display: grid; gap: 8px; align-content: start; max-inline-size: 40rem' });
      for (const item of items(session)) {
        const message = document.createElement('natter-message') as MessageElement;
        message.message = item.message;
        message.senderName = item.sender ?? 'Alice Martin';
        message.grouped = item.grouped ?? false;
        message.mention = item.mention ?? false;
        list.append(message);
      }
      return list;
    },
    { height: 'auto' },
  );
}

const own = (session: Session, body: string, status: 'pending' | 'sent' | 'delivered' | 'failed', error?: string) => ({
  message: { ...incoming(ALICE, session.ownJid() ?? 'me@demo.natter.chat', body), direction: 'out' as const, status, error },
});

/** Received, and a second one from the same sender grouped under the first. */
export const Incoming = {
  render: () => column(() => [{ message: incoming(ALICE, ALICE, 'Are we still on for the XMPP meetup?', 3) }, { message: incoming(ALICE, ALICE, 'I can bring the slides.', 2), grouped: true }]),
};

/** Own messages in each delivery state; a failed one says why and offers Retry. */
export const DeliveryStates = {
  render: () =>
    column(session => [
      own(session, 'Still on its way', 'pending'),
      own(session, 'Sent to the server', 'sent'),
      own(session, 'Delivered to Alice', 'delivered'),
      own(session, 'This one failed', 'failed', 'service-unavailable'),
    ]),
};

/** XEP-0393 styling and links; /me actions; a corrected message with its earlier version. */
export const StylingAndCorrections = {
  render: () =>
    column(() => [
      { message: incoming(ALICE, ALICE, '*bold*, _italic_, ~struck~ and `code`, with a link: https://xmpp.org') },
      { message: incoming(ALICE, ALICE, '> a quoted line\n```\na code block\n```') },
      { message: incoming(ALICE, ALICE, '/me waves') },
      { message: { ...incoming(ALICE, ALICE, 'Sending you the details later.'), earlierVersions: [{ body: 'Sending you the detials later.', timestamp: Date.now() - 120_000 }] } },
    ]),
};

/**
 * Shared files (XEP-0066 with XEP-0446 metadata): a voice message with its player, an image
 * (small ones load at once), and a document as a link with its size.
 */
export const Attachments = {
  render: () =>
    column(() => {
      const voice = toneUrl(2);
      const image = new URL('favicon.svg', location.href).href;
      const file = 'https://example.org/files/minutes.pdf';
      return [
        { message: { ...incoming(ALICE, ALICE, voice), attachment: { url: voice, name: 'voice-message.wav', mediaType: 'audio/wav', duration: 2000, size: 16044 } } },
        { message: { ...incoming(ALICE, ALICE, image), attachment: { url: image, name: 'logo.svg', mediaType: 'image/svg+xml', size: 2400 } }, grouped: true },
        { message: { ...incoming(ALICE, ALICE, file), attachment: { url: file, name: 'minutes.pdf', mediaType: 'application/pdf', size: 182_000 } }, grouped: true },
      ];
    }),
};

/** In a room: the sender's nick in its colour, and a message that mentions you. */
export const RoomMention = {
  render: () => column(() => [{ message: incoming(LOUNGE, `${LOUNGE}/Bob`, 'me: can you review the roster filter?', 1, 'Bob'), sender: 'Bob', mention: true }]),
};

/** A long message with an unbroken address. */
/** Spoilers (XEP-0382): hidden behind their hint until the reader presses Show; one without a hint. */
export const Spoilers = {
  render: () =>
    column(() => [
      { message: { ...incoming(ALICE, ALICE, 'The butler did it.', 2), spoiler: { hint: 'the ending of the film' } } },
      { message: { ...incoming(ALICE, ALICE, 'Season 2 brings them back.', 1), spoiler: {} }, grouped: true },
    ]),
};

export const LongContent = { render: () => column(() => [{ message: incoming(ALICE, ALICE, LONG_TEXT) }]) };

/** Right to left: an Arabic message; the text's own direction is detected (`dir="auto"`). */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () => column(() => [{ message: incoming(ALICE, ALICE, ARABIC.message), sender: ARABIC.name }, { message: incoming(ALICE, ALICE, 'Mixed: مرحبا and hello'), grouped: true }]),
};

/** Dark theme. */
export const Dark = { ...DeliveryStates, globals: { theme: 'dark' } };
