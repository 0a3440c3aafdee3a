import { capsElement } from '../disco/stanzas';
import { availablePresence, invisibleSet, MAX_STATUS_LENGTH, presenceFields, unavailablePresence, visibleSet } from './stanzas';

describe('presence builders', () => {
  it('builds the initial presence', () => {
    expect(availablePresence().toString()).toBe('<presence/>');
  });

  it('adds show, status and priority', () => {
    expect(availablePresence({ show: 'away', status: 'Out <back> soon', priority: 5 }).toString()).toBe(
      '<presence><show>away</show><status>Out &lt;back&gt; soon</status><priority>5</priority></presence>',
    );
  });

  it('clamps the priority and drops a zero or invalid one', () => {
    expect(availablePresence({ priority: 500 }).toString()).toBe('<presence><priority>127</priority></presence>');
    expect(availablePresence({ priority: -500 }).toString()).toBe('<presence><priority>-128</priority></presence>');
    expect(availablePresence({ priority: 0 }).toString()).toBe('<presence/>');
    expect(availablePresence({ priority: NaN }).toString()).toBe('<presence/>');
  });

  it('builds unavailable', () => {
    expect(unavailablePresence().toString()).toBe('<presence type="unavailable"/>');
  });
});

describe('presence with capabilities', () => {
  it('carries the caps element last', () => {
    const out = availablePresence({ show: 'away', caps: capsElement() }).toString();
    expect(out).toMatch(/^<presence><show>away<\/show><c xmlns="http:\/\/jabber.org\/protocol\/caps" hash="sha-1" node="[^"]+" ver="[^"]+"\/><\/presence>$/);
  });
});

describe('the user\'s chosen presence', () => {
  it('maps availability to show, and keeps a trimmed status', () => {
    expect(presenceFields({ availability: 'online' })).toEqual({});
    expect(presenceFields({ availability: 'away', status: '  Lunch ' })).toEqual({ show: 'away', status: 'Lunch' });
    expect(presenceFields({ availability: 'dnd', status: '   ' })).toEqual({ show: 'dnd' });
    expect(presenceFields({ availability: 'invisible', status: 'x' })).toEqual({ status: 'x' });
  });

  it('bounds a long status and drops characters XML cannot carry', () => {
    const { status } = presenceFields({ availability: 'online', status: `a\u0001${'b'.repeat(100_000)}` });
    expect(status).toHaveLength(MAX_STATUS_LENGTH);
    expect(status!.startsWith('ab')).toBe(true);
  });

  it('builds a directed presence for a room', () => {
    expect(availablePresence({ show: 'dnd', status: 'Busy', to: 'room@muc.example.org/me' }).toString()).toBe(
      '<presence to="room@muc.example.org/me"><show>dnd</show><status>Busy</status></presence>',
    );
  });

  it('builds the XEP-0186 commands', () => {
    expect(invisibleSet('i1').toString()).toBe('<iq type="set" id="i1"><invisible xmlns="urn:xmpp:invisible:0" probe="false"/></iq>');
    expect(visibleSet('v1').toString()).toBe('<iq type="set" id="v1"><visible xmlns="urn:xmpp:invisible:0"/></iq>');
  });
});
