import type { AdapterEvent } from '../../../types';
import { ctx, stanza } from '../../spec-helpers';
import type { XmlElement } from '../../xml';
import type { FeatureHost } from '../host';
import { ProfileFeature } from './profile';

const ROMEO = 'romeo@montague.lit';
const HASH = '111f4b3c50d7b0df729d299bc6f8e9ef9066971f';

function feature(answer: (iq: XmlElement) => XmlElement | Error) {
  const events: AdapterEvent[] = [];
  const dropped: string[] = [];
  const sent: XmlElement[] = [];
  const host: FeatureHost = {
    emit: e => void events.push(e),
    send: async el => void sent.push(el),
    iq: async el => {
      sent.push(el);
      const got = answer(el);
      if (got instanceof Error) throw got;
      return got;
    },
    drop: reason => void dropped.push(reason),
    warn: () => undefined,
    ctx: () => ctx,
    online: () => true,
    sessionCheck: () => () => true,
  };
  let presences = 0;
  return { profiles: new ProfileFeature(host, async () => void presences++), events, dropped, sent, presences: () => presences };
}

const notFound = () => new Error('item-not-found');

describe('ProfileFeature', () => {
  it('believes an answer only from the entity asked', async () => {
    const { profiles, events, dropped } = feature(iq =>
      iq.getChild('vCard') ? stanza(`<iq type="result" from="mallory@evil.lit"><vCard xmlns="vcard-temp"><FN>Forged</FN></vCard></iq>`) : notFound(),
    );
    await profiles.fetch(ROMEO);
    expect(events).toEqual([{ type: 'profile', jid: ROMEO, profile: {} }]);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('takes the full name from the vCard when PEP has none, and computes the id of its photo', async () => {
    const { profiles, events } = feature(iq =>
      iq.getChild('vCard')
        ? stanza(`<iq type="result" from="${ROMEO}"><vCard xmlns="vcard-temp"><FN>Romeo</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>AQID</BINVAL></PHOTO></vCard></iq>`)
        : notFound(),
    );
    await profiles.fetch(ROMEO);
    expect(events).toEqual([{ type: 'profile', jid: ROMEO, profile: { fullName: 'Romeo', avatar: { id: '7037807198c22a7d2b0807371d763779a84fdfcf', source: 'vcard', type: 'image/png', bytes: 3 } } }]);
  });

  it('ignores XEP-0153 hashes of someone whose XEP-0084 avatar it knows, and reads them otherwise', () => {
    const { profiles, events } = feature(notFound);
    const presence = (from: string, hash: string) => stanza(`<presence from="${from}/phone"><x xmlns="vcard-temp:x:update"><photo>${hash}</photo></x></presence>`);
    profiles.onPresence(presence('juliet@capulet.lit', 'a'.repeat(40)));
    expect(profiles.onMessage(stanza(`<message from="${ROMEO}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:avatar:metadata"><item id="${HASH}"><metadata xmlns="urn:xmpp:avatar:metadata"><info id="${HASH}" type="image/png" bytes="5"/></metadata></item></items></event></message>`))).toBe(true);
    profiles.onPresence(presence(ROMEO, 'b'.repeat(40)));
    expect(events.map(e => (e.type === 'profile' ? [e.jid, e.profile.avatar?.id, e.profile.avatar?.source] : null))).toEqual([
      ['juliet@capulet.lit', 'a'.repeat(40), 'vcard'],
      [ROMEO, HASH, 'pep'],
    ]);
  });

  it('publishes data before metadata, keeps the vCard’s other fields, and sends presence with the hash', async () => {
    const { profiles, sent, presences } = feature(iq =>
      iq.attrs.type === 'get' ? stanza(`<iq type="result"><vCard xmlns="vcard-temp"><FN>Juliet</FN></vCard></iq>`) : stanza('<iq type="result"/>'),
    );
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    const id = await profiles.publishAvatar({ type: 'image/png', bytes, width: 1, height: 1 });
    const what = (el: XmlElement) => `${el.attrs.type}:${el.getChild('pubsub')?.getChild('publish')?.attrs.node ?? (el.getChild('vCard') ? 'vcard' : '?')}`;
    const nodes = sent.map(what);
    expect(nodes).toEqual(['set:urn:xmpp:avatar:data', 'set:urn:xmpp:avatar:metadata', 'get:vcard', 'set:vcard']);
    expect(sent[3].getChild('vCard')!.getChildText('FN')).toBe('Juliet');
    expect(profiles.photoHash()).toBe(id);
    expect(presences()).toBe(1);
    await expect(profiles.publishAvatar({ type: 'image/svg+xml' as 'image/png', bytes, width: 1, height: 1 })).rejects.toThrow('invalid avatar type');
  });
});
