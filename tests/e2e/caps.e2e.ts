/**
 * XEP-0115 in <natter-app> against Prosody: a contact's client advertises caps; the page asks it
 * once what it supports (verifying the answer against the ver) and the chat header says when it
 * cannot show message corrections.
 */
import { xml } from '@xmpp/client';
import { capsVer, type CapsInfo } from '../../adapters/xmpp/features/caps/verification';
import { stopAllBots, type Bot } from '../prosody';
import { TEXT, appPaths, chatSetup, describeViolations, openConversation, runAxe, waitForElement, waitForNone } from './support';

jest.setTimeout(90_000);

const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const NS_CAPS = 'http://jabber.org/protocol/caps';
const NS_CORRECT = 'urn:xmpp:message-correct:0';
const p = appPaths();
const note = `${p.chatbox} >>> [part=capability-note]`;

afterEach(stopAllBots);

/**
 * Makes the bot a client whose features `advertise` sets: it answers disco#info with them and
 * broadcasts their caps. `queries`: the nodes asked by `asker`'s clients (the servers' PEP asks
 * too, XEP-0163 §4.3).
 */
function capsClient(bot: Bot, asker: string) {
  const node = 'urn:x-natter-test:bot';
  const queries: string[] = [];
  let info: CapsInfo = { identities: [{ category: 'client', type: 'pc', name: 'Caps Bot' }], features: [], forms: [] };
  bot.xmpp.iqCallee.get(NS_DISCO_INFO, 'query', ({ stanza }) => {
    const asked = String(stanza.getChild('query', NS_DISCO_INFO)?.attrs.node ?? '');
    if (String(stanza.attrs.from ?? '').startsWith(`${asker}/`)) queries.push(asked);
    return xml(
      'query',
      { xmlns: NS_DISCO_INFO, ...(asked ? { node: asked } : {}) },
      xml('identity', info.identities[0]),
      ...info.features.map((v) => xml('feature', { var: v })),
    );
  });
  return {
    queries,
    advertise(features: string[]) {
      info = { ...info, features };
      return bot.send(xml('presence', {}, xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node, ver: capsVer(info) })));
    },
  };
}

describe('capabilities of a contact’s client', () => {
  it('the header says a contact whose client lacks corrections gets edits as new messages, asked once; and not when it has them', async () => {
    const { user, peer, page, errors } = await chatSetup('caps', 'Peer Cato');
    await openConversation(page, peer.account.jid, 'Peer Cato');
    const client = capsClient(peer, user.jid);
    const { queries } = client;
    await client.advertise([NS_DISCO_INFO, NS_CAPS, 'urn:xmpp:receipts']);

    await waitForElement(page, note);
    const text = await page.$eval(note, (el) => el.textContent);
    expect(text).toBe(TEXT['caps.noCorrections'].replace('{name}', 'Peer Cato'));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^urn:x-natter-test:bot#/);

    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);
    expect(report.passes).toEqual(expect.arrayContaining(['color-contrast']));

    // An update of the client (a new ver) with corrections: the note goes.
    await client.advertise([NS_DISCO_INFO, NS_CAPS, NS_CORRECT]);
    await waitForNone(page, note);
    // The new ver's features arrive (a second query: a new ver is asked once too).
    await page.waitForFunction(
      (jid: string, feature: string) => (document.querySelector('natter-session') as unknown as { session: { supports(j: string, f: string): boolean | undefined } }).session.supports(jid, feature) === true,
      {},
      peer.account.jid,
      NS_CORRECT,
    );
    expect(queries).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
