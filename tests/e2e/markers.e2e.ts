/**
 * XEP-0333 chat markers in <natter-app> against Prosody: the page tells a contact that it displayed
 * their markable message once the user sees it; the contact's "displayed" marks the user's
 * messages Seen, a stranger's does not; a marker sent by another client of the user's (a carbon)
 * clears the conversation's unread count here, and so does XEP-0490 displayed state another client
 * publishes in the account's PEP; the page publishes its own there: read state follows the user
 * across devices.
 */
import { xml } from '@xmpp/client';
import { connectBot, createAccount, stopAllBots } from '../prosody';
import { appPaths, befriendUser, chatSetup, openConversation, sendFromComposer, texts, waitForConsole, waitForHistory, waitForNone, waitForText } from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const NS_MARKERS = 'urn:xmpp:chat-markers:0';
const p = appPaths();

afterEach(stopAllBots);

const displayed = (to: string, id: string) => xml('message', { to, type: 'chat', id: `marker-${Date.now()}` }, xml('displayed', { xmlns: NS_MARKERS, id }));

describe('chat markers', () => {
  it('the page says it displayed a contact’s markable message; the contact’s marker makes ours Seen, a stranger’s not', async () => {
    const { user, peer, page, consoleLines, errors } = await chatSetup('markers', 'Peer Mae');
    await openConversation(page, peer.account.jid, 'Peer Mae');
    await waitForHistory(page, peer.account.jid);

    const id = `m-${Date.now()}`;
    await peer.send(xml('message', { to: user.jid, type: 'chat', id }, xml('body', {}, 'Are you there?'), xml('markable', { xmlns: NS_MARKERS })));
    await waitForText(page, p.incomingMessageBodies, 'Are you there?');
    const marker = await peer.waitFor(s => s.is('message') && !!s.getChild('displayed', NS_MARKERS));
    expect(marker.getChild('displayed', NS_MARKERS)?.attrs.id).toBe(id);
    expect(marker.getChild('body')).toBeUndefined();

    await sendFromComposer(page, 'Yes, here');
    const mine = await peer.waitFor(s => s.is('message') && s.getChildText('body') === 'Yes, here');
    expect(mine.getChild('markable', NS_MARKERS)).toBeDefined();
    await waitForText(page, p.messageStatuses, 'Sent');

    const mallory = await connectBot(await createAccount('markers-mallory'));
    await mallory.send(displayed(user.jid, String(mine.attrs.id)));
    await waitForConsole(consoleLines, ['displayed marker for a message to', mallory.account.jid]);
    expect(await texts(page, p.messageStatuses)).toEqual(['Sent']);

    await peer.send(displayed(user.jid, String(mine.attrs.id)));
    await waitForText(page, p.messageStatuses, 'Seen');
    expect(errors).toEqual([]);
  });

  it('a marker from another client of the user’s (by carbon) reads the conversation here', async () => {
    const { user, peer, page, errors } = await chatSetup('markers-sync', 'Peer Syd');
    const id = `m-${Date.now()}`;
    await peer.send(xml('message', { to: user.jid, type: 'chat', id }, xml('body', {}, 'Read this on your phone'), xml('markable', { xmlns: NS_MARKERS })));
    await waitForText(page, p.rowUnread(peer.account.jid), '1');

    const phone = await connectBot(user, { resource: 'phone' });
    await phone.iq(xml('iq', { type: 'set', id: 'carbons' }, xml('enable', { xmlns: 'urn:xmpp:carbons:2' })));
    await phone.send(displayed(peer.account.jid, id));
    await waitForNone(page, p.rowUnread(peer.account.jid));
    expect(errors).toEqual([]);
  });
});

const NS_MDS = 'urn:xmpp:mds:displayed:0';

describe('displayed state in PEP (XEP-0490)', () => {
  it('the page publishes what it displayed for the user’s other clients, and takes theirs: a chat read elsewhere has no unread here', async () => {
    const { user, peer, page, errors } = await chatSetup('mds', 'Peer Mo');
    const phone = await connectBot(user, { resource: 'phone' });
    await openConversation(page, peer.account.jid, 'Peer Mo');
    await waitForHistory(page, peer.account.jid);

    // What the page displayed is in the account's PEP node, by our archive's stanza-id.
    await peer.sendMessage(user.jid, 'Seen on the laptop');
    await waitForText(page, p.incomingMessageBodies, 'Seen on the laptop');
    const stanzaIdShown = () =>
      page.evaluate((jid: string) => {
        const session = (document.querySelector('natter-session') as unknown as { session: { conversation(j: string): { get(k: 'messages'): { body: string; stanzaId?: string }[] } } }).session;
        return session.conversation(jid).get('messages').find(m => m.body === 'Seen on the laptop')?.stanzaId;
      }, peer.account.jid);
    let published: string | undefined;
    for (let attempt = 0; attempt < 50 && !published; attempt++) {
      const answer = await phone.iq(xml('iq', { type: 'get', to: user.jid }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: NS_MDS })))).catch(() => undefined);
      const item = answer?.getChild('pubsub')?.getChild('items')?.getChildren('item').find(i => i.attrs.id === peer.account.jid);
      published = item?.getChild('displayed', NS_MDS)?.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id;
      if (!published) await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(published).toBe(await stanzaIdShown());

    // Another conversation is open; news in this one is unread until the phone says it displayed it.
    const other = await connectBot(await createAccount('mds-other'));
    await befriendUser(user, other, 'Other Oz');
    await waitForText(page, p.rowName(other.account.jid), 'Other Oz');
    await openConversation(page, other.account.jid, 'Other Oz');
    await peer.sendMessage(user.jid, 'Read this on your phone');
    await waitForText(page, p.rowUnread(peer.account.jid), '1');
    const archived = await phone.waitFor(s => s.is('message') && !!s.getChild('stanza-id', 'urn:xmpp:sid:0') && s.getChildText('body') === 'Read this on your phone');
    const sid = String(archived.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
    await phone.iq(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'pubsub',
          { xmlns: 'http://jabber.org/protocol/pubsub' },
          xml('publish', { node: NS_MDS }, xml('item', { id: peer.account.jid }, xml('displayed', { xmlns: NS_MDS }, xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: user.jid, id: sid })))),
        ),
      ),
    );
    await waitForNone(page, p.rowUnread(peer.account.jid));
    expect(errors).toEqual([]);
  });
});
