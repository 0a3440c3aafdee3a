import { Component, Element, Event, type EventEmitter, Host, Prop, Watch, h } from '@stencil/core';
import { currentDirection, loadedLocale, setDefaultLocale, setLocale } from '../../i18n/catalogue';
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
 * `locale` is the language of Natter's strings (a BCP 47 tag: `ar`, `de-AT`,
 * `pt`; docs/translating.md). Its catalogue loads on demand; until it has,
 * and for any locale Natter does not ship, the strings are English. With
 * `locale` set, the element also carries that language's `lang` and `dir`
 * (`rtl` for Arabic and Hebrew), so everything inside lays out in that
 * direction. Without it, the page's `lang` (then the browser's language)
 * picks the strings, unless the app called `setLocale()`, and the direction
 * is inherited from the page. The strings are the page's, not the session's:
 * two elements with different locales show the last one set.
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

  /** The language of Natter's strings, a BCP 47 tag (`ar`, `de-AT`); by default the page's `lang`, then the browser's language. */
  @Prop({ reflect: true }) locale?: string;

  @Watch('locale')
  localeChanged() {
    this.applyLocale();
  }

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
    this.applyLocale();
  }

  /** Loads the catalogue in the background: the components render in English until it is in. */
  private applyLocale() {
    const report = (error: unknown) => console.warn(error instanceof Error ? error.message : error);
    if (this.locale) {
      setLocale(this.locale).catch(report);
      return;
    }
    const page = typeof document !== 'undefined' ? document.documentElement?.lang : '';
    const browser = typeof navigator !== 'undefined' ? navigator.language : '';
    setDefaultLocale(page || browser || 'en')?.catch(report);
  }

  render() {
    return (
      <Host style={{ display: 'contents' }} {...(this.locale ? { lang: loadedLocale(), dir: currentDirection() } : {})}>
        <slot></slot>
      </Host>
    );
  }
}
