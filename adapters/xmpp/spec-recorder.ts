/**
 * Records an adapter's events for the Prosody specs (xmpp-adapter.prosody.spec.ts,
 * muc.prosody.spec.ts): `of(type)` lists them, `waitFor(type, predicate)` resolves with the first
 * match, including one recorded before the call.
 */
import type { AdapterEvent, ChatAdapter } from '../types';

export type EventOf<T extends AdapterEvent['type']> = Extract<AdapterEvent, { type: T }>;

/** Records an adapter's events; `waitFor` also looks at events recorded before the call. */
export class Recorder {
  readonly events: AdapterEvent[] = [];
  private waiters = new Set<{ match: (e: AdapterEvent) => boolean; resolve: (e: AdapterEvent) => void }>();

  constructor(adapter: ChatAdapter) {
    adapter.subscribe((e) => {
      this.events.push(e);
      for (const w of this.waiters) {
        if (w.match(e)) {
          this.waiters.delete(w);
          w.resolve(e);
        }
      }
    });
  }

  of<T extends AdapterEvent['type']>(type: T): EventOf<T>[] {
    return this.events.filter((e): e is EventOf<T> => e.type === type);
  }

  statuses(): string[] {
    return this.of('connection').map((e) => e.status);
  }

  waitFor<T extends AdapterEvent['type']>(type: T, predicate: (e: EventOf<T>) => boolean = () => true, ms = 5_000): Promise<EventOf<T>> {
    const match = (e: AdapterEvent) => e.type === type && predicate(e as EventOf<T>);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen as EventOf<T>);
    return new Promise((resolve, reject) => {
      const w = {
        match,
        resolve: (e: AdapterEvent) => {
          clearTimeout(timer);
          resolve(e as EventOf<T>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`no "${type}" event matching within ${ms} ms; got: ${this.events.map((e) => e.type).join(', ')}`));
      }, ms);
      this.waiters.add(w);
    });
  }
}
