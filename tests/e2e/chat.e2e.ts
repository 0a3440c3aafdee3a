/**
 * One-to-one chat between the page user (through <natter-app>) and a peer bot: incoming
 * messages, replies with the composer, delivery state, and history from the archive (MAM).
 */
import { xml } from '@xmpp/client';
import { connectBot, createAccount, stopAllBots, type Stanza } from '../prosody';
import {
  APP,
  TEXT,
  appPaths,
  befriendUser,
  chatSetup,
  openConversation,
  openPage,
  sendFromComposer,
  signIn,
  texts,
  waitForCount,
  waitForHistory,
  waitForNone,
  waitForText,
} from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

const p = appPaths();
const NS_SID = 'urn:xmpp:sid:0';
const NS_RECEIPTS = 'urn:xmpp:receipts';

afterEach(stopAllBots);

describe('chatting with a contact', () => {
  it('shows a message from a contact: unread badge in the roster, then the text in the chatbox', async () => {
    const { user, peer, page, errors } = await chatSetup('inbox', 'Peer Pat');
    const peerJid = peer.account.jid;
    expect(await texts(page, p.rowUnread(peerJid))).toEqual([]);

    await peer.sendMessage(user.jid, 'Hello from the bot 👋');

    await waitForText(page, p.rowUnread(peerJid), '1');
    await openConversation(page, peerJid, 'Peer Pat');
    await waitForText(page, p.incomingMessageBodies, 'Hello from the bot 👋');
    // Seen live and again in the archive loaded on opening: shown once.
    await waitForHistory(page, peerJid);
    expect(await texts(page, p.messageBodies)).toEqual(['Hello from the bot 👋']);
    expect(await texts(page, `${p.messages} >>> [part=sender]`)).toEqual(['Peer Pat']);
    // Reading the conversation clears the badge.
    await waitForNone(page, p.rowUnread(peerJid));
    expect(errors).toEqual([]);
  });

  it('sends a reply typed in the composer with Enter: the peer receives it, the message shows Sent then Delivered', async () => {
    const { user, peer, page, errors } = await chatSetup('reply', 'Peer Quinn');
    const peerJid = peer.account.jid;
    await openConversation(page, peerJid, 'Peer Quinn');

    await sendFromComposer(page, 'Hi bot, this is my reply');

    const received: Stanza = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Hi bot, this is my reply');
    expect(received.attrs.type).toBe('chat');
    expect(String(received.attrs.from)).toMatch(new RegExp(`^${user.jid}/`));
    const originId = received.getChild('origin-id', NS_SID)?.attrs.id;
    expect(originId).toEqual(expect.any(String));
    expect(originId).toBe(received.attrs.id);
    expect(received.getChild('request', NS_RECEIPTS)).toBeTruthy();

    // The own message is on screen with its delivery state; the composer is empty again.
    await waitForText(page, p.ownMessageBodies, 'Hi bot, this is my reply');
    await waitForText(page, p.messageStatuses, TEXT['message.status.sent']);
    expect(await page.$eval(p.composer, el => (el as HTMLTextAreaElement).value)).toBe('');

    // The peer's client acknowledges it (XEP-0184): the state becomes Delivered.
    await peer.send(xml('message', { to: String(received.attrs.from), id: 'ack-1', type: 'chat' }, xml('received', { xmlns: NS_RECEIPTS, id: received.attrs.id })));
    await waitForText(page, p.messageStatuses, TEXT['message.status.delivered']);
    expect(await texts(page, p.messageStatuses)).toEqual([TEXT['message.status.delivered']]);
    expect(errors).toEqual([]);
  });

  it('shows messages received while the page was signed out, loaded from the archive', async () => {
    const user = await createAccount('history-user');
    const peer = await connectBot(await createAccount('history-peer'));
    await befriendUser(user, peer, 'Peer Rae');

    // Two messages reach the user's phone (another device, which then leaves): they are in the
    // archive only, never stored for offline delivery.
    const phone = await connectBot(user, { resource: 'phone' });
    await peer.sendMessage(user.jid, 'archived one');
    await peer.sendMessage(user.jid, 'archived two');
    await phone.waitFor(s => s.is('message') && s.getChildText('body') === 'archived one');
    await phone.waitFor(s => s.is('message') && s.getChildText('body') === 'archived two');
    await phone.stop();
    // One more while no device of the user is online.
    await peer.sendMessage(user.jid, 'sent while offline');

    const page = await openPage(APP);
    await signIn(page, user);
    await openConversation(page, peer.account.jid, 'Peer Rae');

    await waitForHistory(page, peer.account.jid);
    await waitForCount(page, p.messageBodies, 3);
    const bodies = await texts(page, p.messageBodies);
    expect([...bodies].sort()).toEqual(['archived one', 'archived two', 'sent while offline']);
    expect(bodies.indexOf('archived one')).toBeLessThan(bodies.indexOf('archived two'));
    expect(await texts(page, p.ownMessageBodies)).toEqual([]);
  });
});
