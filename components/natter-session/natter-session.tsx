import { Component, Element, Event, type EventEmitter, Host, Prop, Watch, h } from '@stencil/core';
import type { Session } from '../../session/session';
import { sessionOfElement } from '../../session/registry';

/**
 * One chat account on the page. Every Natter component inside it (also inside
 * other components' shadow roots) uses this session. Two `<natter-session>`
 * elements are two independent accounts.
 *
 * Without a `session` property it makes its own, over the adapter named by
 * `adapter`: `xmpp` (default) or `demo` (an in-memory network). Removing the
 * element does not sign out: call `session.actions.logout()` for that.
 *
 * `natterSessionReady` says the session exists, before the components inside
 * have loaded: a page that signs in by itself (auto-login) can start there,
 * while they load, instead of after `componentOnReady()`.
 *
 * @slot - The components that use this session.
 */
@Component({ tag: 'natter-session', shadow: true })
export class NatterSession {
  @Element() el!: HTMLElement;

  /** Which adapter a session made by this element uses: `xmpp` or `demo`. Read once, when the session is made. */
  @Prop({ reflect: true }) adapter: 'xmpp' | 'demo' = 'xmpp';

  /** A session made with `createSession()`; overrides `adapter`. */
  @Prop({ mutable: true }) session?: Session;

  /** The element's session exists (first load, or a new one set on `session`); its components may still be loading. */
  @Event() natterSessionReady!: EventEmitter<{ session: Session }>;

  @Watch('session')
  sessionChanged(next?: Session, previous?: Session) {
    if (!next) return;
    sessionOfElement(this.el);
    if (next !== previous && this.announced) this.natterSessionReady.emit({ session: next });
  }

  // Watchers run during componentWillLoad too; the first session is announced there, once.
  private announced = false;

  componentWillLoad() {
    // Bind the session now so it exists before any child asks for it.
    this.session = sessionOfElement(this.el);
    this.announced = true;
    this.natterSessionReady.emit({ session: this.session });
  }

  render() {
    return (
      <Host style={{ display: 'contents' }}>
        <slot></slot>
      </Host>
    );
  }
}
