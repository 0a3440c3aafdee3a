/**
 * The roster in <natter-app> following a contact's presence, and an incoming contact request
 * answered with Accept.
 */
import { xml } from '@xmpp/client';
import { connectBot, createAccount, stopAllBots } from '../prosody';
import { TEXT, appPaths, befriendUser, fetchRoster, isPresence, openPage, signIn, texts, waitForElement, waitForNone, waitForText, waitForTextContaining } from './support';

jest.setTimeout(60_000); // generous: one Chromium serves both workers under load

const APP = '<natter-session><natter-app></natter-app></natter-session>';
const p = appPaths();

afterEach(stopAllBots);

describe('roster', () => {
  it('shows a contact going Away, then Offline, as text', async () => {
    const user = await createAccount('pres-user');
    const peer = await connectBot(await createAccount('pres-peer'));
    await befriendUser(user, peer, 'Peer Sam');
    const page = await openPage(APP);
    await signIn(page, user);
    const jid = peer.account.jid;
    await waitForText(page, p.rowName(jid), 'Peer Sam');
    await waitForText(page, p.rowPresence(jid), TEXT['presence.online']);

    await peer.send(xml('presence', {}, xml('show', {}, 'away')));
    await waitForText(page, p.rowPresence(jid), TEXT['presence.away']);
    expect(await texts(page, p.rowPresence(jid))).toEqual(['Away']);

    await peer.presence('unavailable');
    await waitForText(page, p.rowPresence(jid), TEXT['presence.offline']);
    expect(await texts(page, p.rowPresence(jid))).toEqual(['Offline']);
  });

  it('lists a contact request with Accept / Deny; Accept approves it and adds the contact', async () => {
    const user = await createAccount('req-user');
    const page = await openPage(APP);
    await signIn(page, user);
    await waitForText(page, p.rosterNotice, TEXT['roster.empty']);

    const stranger = await connectBot(await createAccount('req-peer'));
    const jid = stranger.account.jid;
    await fetchRoster(stranger); // so Prosody forwards it the answer (RFC 6121 "interested resource")
    await stranger.subscribe(user.jid);

    await waitForTextContaining(page, p.request, jid);
    // Prosody has XEP-0191: the request can also be blocked, or reported as spam and blocked.
    expect(await texts(page, `${p.request} button`)).toEqual([TEXT['roster.accept'], TEXT['roster.deny'], TEXT['block.action'], TEXT['block.reportSpam']]);
    expect(await page.$(p.row(jid))).toBeNull();

    await page.click(p.acceptButton);

    // The peer hears yes, and is asked back (the user wants to see its presence too).
    await stranger.waitFor(isPresence('subscribed', user.jid));
    await stranger.waitFor(isPresence('subscribe', user.jid));
    // The request is gone and the contact is in the roster.
    await waitForElement(page, p.row(jid));
    await waitForNone(page, p.request);
    // Once the peer approves in turn, its presence shows.
    await stranger.approve(user.jid);
    await waitForText(page, p.rowPresence(jid), TEXT['presence.online']);
  });
});
