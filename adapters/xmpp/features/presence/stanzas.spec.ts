import { capsElement } from '../disco/stanzas';
import { availablePresence, unavailablePresence } from './stanzas';

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
