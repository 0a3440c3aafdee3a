import { Component, Element, Event, EventEmitter, Prop, State, Watch, h } from '@stencil/core';
import { AdapterError, type ConnectionStatus } from '../../adapters/types';
import type { Session } from '../../session/session';
import { looksLikeJid } from '../../adapters/jid-shape';
import { t, type TranslationKey } from '../../i18n/catalogue';
import { sessionFor } from '../shared/session-binding';
import { TextField } from '../shared/text-field';
import type { NatterLoginSubmitDetail } from './natter-login-interface';

/** local@domain, optionally /resource; no spaces anywhere. */
const SERVICE_SHAPE = /^wss?:\/\/\S+$/i;

type FieldName = 'jid' | 'password' | 'service';

/**
 * Sessions that have tried their remembered login: once per session, so that after a sign-out
 * (or a refused token) the form stays a form instead of signing in to another kept account.
 */
const triedRemembered = new WeakSet<Session>();

/** The catalogue text for a connection error code; codes the catalogue does not know read as `error.unknown`. */
function errorText(code: string): string {
  const key = `error.${code}` as TranslationKey;
  const text = t(key);
  return text === key ? t('error.unknown') : text;
}

/**
 * A sign-in form for one chat account: chat address (JID) and password; an
 * optional WebSocket URL waits under "Advanced connection settings" (left empty,
 * the adapter finds it from the address's domain, XEP-0156). It validates before
 * any network call, then calls `session.actions.login()`. Errors from the session
 * (wrong password, unreachable server, …) show in an alert next to the form.
 * Once online it shows who is signed in and a Sign out button.
 *
 * Stay signed in (where the session's adapter can keep a login): a checkbox,
 * on by default, asks the server for a login token at sign-in; when the
 * component loads and this device stays signed in to an account, it signs in
 * with that token, no password typed. A token the server refuses brings the
 * form back with the address filled in and a message asking for the password.
 * Sign out forgets the login on this device and on the server.
 *
 * The password lives only in the password field and, while signing in, in a
 * local variable: never in a store, an event, an attribute or web storage.
 *
 * @part base - The component's root.
 * @part form - The sign-in `<form>`.
 * @part field - The wrapper of one label, input and error.
 * @part label - A field's `<label>`.
 * @part input - A text input (JID, password, WebSocket URL).
 * @part error - A field's validation message, and the alert with the session's error.
 * @part hint - A field's help text (under the WebSocket URL).
 * @part settings - The "Advanced connection settings" disclosure (`<details>`).
 * @part settings-toggle - The disclosure's `<summary>`.
 * @part remember - The "Stay signed in" checkbox's wrapper (checkbox, label and hint).
 * @part remember-input - The "Stay signed in" checkbox.
 * @part submit-button - The Sign in button.
 * @part status - "Signed in as …" once online.
 * @part sign-out-button - The Sign out button shown once online.
 */
// Its CSS custom properties are documented at the top of natter-login.css, where Stencil reads them.
@Component({ tag: 'natter-login', styleUrl: 'natter-login.css', shadow: true })
export class NatterLogin {
  private jidInput?: HTMLInputElement;
  private passwordInput?: HTMLInputElement;
  private serviceInput?: HTMLInputElement;
  private submitButton?: HTMLButtonElement;
  /** A field (or the submit button) to focus after the next render. */
  private focusAfterRender: FieldName | 'submit' | null = null;

  @Element() el!: HTMLElement;

  /** What is typed in the JID field. */
  @State() jidValue = '';
  /** What is typed in the WebSocket URL field. */
  @State() serviceValue = '';
  /** Fields that failed validation on the last submit (cleared when edited). */
  @State() invalid: Partial<Record<FieldName, TranslationKey>> = {};
  /** A login call of this form is under way. */
  @State() pending = false;
  @State() signingOut = false;
  @State() settingsOpen = false;
  /** The "Stay signed in" checkbox. */
  @State() rememberChecked = true;

  /** The session to sign in; defaults to the nearest `<natter-session>`, else the default session. */
  @Prop() session?: Session;

  /** Prefills the chat address (JID) field. */
  @Prop() jid?: string;

  @Watch('jid')
  jidChanged(next?: string) {
    this.jidValue = next ?? '';
  }

  /** Prefills the WebSocket URL, e.g. `wss://example.org/xmpp-websocket`. Empty: found from the domain (XEP-0156), else `wss://<domain>/xmpp-websocket`. */
  @Prop() service?: string;

  @Watch('service')
  serviceChanged(next?: string) {
    this.serviceValue = next ?? '';
  }

  /** SASL mechanisms the client may use (passed to `login()`); default: the adapter's choice. */
  @Prop() mechanisms?: string[];

  /**
   * Whether "Stay signed in" starts checked (default true: a chat is expected to be there when the
   * page is opened again; people on a shared computer uncheck it). See docs/decisions/0018.
   */
  @Prop() remember = true;

  @Watch('remember')
  rememberChanged(next: boolean) {
    this.rememberChecked = next !== false;
  }

  /** On load, sign in to the account this device stays signed in to, if any (default true). */
  @Prop() autoSignIn = true;

  /**
   * Emitted on a valid submit, before signing in. Cancelable: `preventDefault()`
   * skips the login (for example to sign in some other way). The detail never
   * contains the password.
   */
  @Event({ eventName: 'natterLoginSubmit', cancelable: true, bubbles: true, composed: true })
  natterLoginSubmit!: EventEmitter<NatterLoginSubmitDetail>;

  componentWillLoad() {
    this.jidValue = this.jid ?? '';
    this.serviceValue = this.service ?? '';
    this.rememberChecked = this.remember !== false;
  }

  componentDidLoad() {
    if (this.autoSignIn) void this.signInRemembered();
  }

  componentDidRender() {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    const element =
      target === 'jid' ? this.jidInput : target === 'password' ? this.passwordInput : target === 'service' ? this.serviceInput : this.submitButton;
    element?.focus();
  }

  private handleJidInput = (event: Event) => {
    this.jidValue = (event.target as HTMLInputElement).value;
    if (this.invalid.jid) this.invalid = { ...this.invalid, jid: undefined };
  };

  private handlePasswordInput = () => {
    if (this.invalid.password) this.invalid = { ...this.invalid, password: undefined };
  };

  private handleServiceInput = (event: Event) => {
    this.serviceValue = (event.target as HTMLInputElement).value;
    if (this.invalid.service) this.invalid = { ...this.invalid, service: undefined };
  };

  private handleRememberChange = (event: Event) => {
    this.rememberChecked = (event.target as HTMLInputElement).checked;
  };

  private handleToggle = (event: Event) => {
    this.settingsOpen = (event.target as HTMLDetailsElement).open;
  };

  private handleSubmit = async (event: Event) => {
    event.preventDefault();
    const session = sessionFor(this.el, this.session);
    if (this.pending || session.connection.get('status') === 'connecting') return;

    const jid = this.jidValue.trim();
    // The password is read from the field into this local only, and handed straight to login().
    const password = this.passwordInput?.value ?? '';
    const service = this.serviceValue.trim() || undefined;

    const invalid: Partial<Record<FieldName, TranslationKey>> = {};
    if (!looksLikeJid(jid)) invalid.jid = 'error.invalid-jid';
    if (password === '') invalid.password = 'error.passwordRequired';
    if (service !== undefined && !SERVICE_SHAPE.test(service)) invalid.service = 'login.serviceInvalid';
    this.invalid = invalid;
    const firstInvalid = (['jid', 'password', 'service'] as const).find(field => invalid[field]);
    if (firstInvalid) {
      if (firstInvalid === 'service') this.settingsOpen = true;
      this.focusAfterRender = firstInvalid;
      return;
    }

    const detail: NatterLoginSubmitDetail = service ? { jid, service } : { jid };
    if (this.natterLoginSubmit.emit(detail).defaultPrevented) return;

    this.pending = true;
    try {
      const remember = this.rememberChecked && session.actions.canRemember();
      await session.actions.login({ jid, password, service, ...(remember ? { remember } : {}), ...(this.mechanisms ? { mechanisms: [...this.mechanisms] } : {}) });
    } catch (error) {
      // The session put the error into connection.error; render() shows it. Put the user where a retry starts.
      const code = error instanceof AdapterError ? error.code : 'unknown';
      this.focusAfterRender = code === 'invalid-jid' ? 'jid' : code === 'not-authorized' ? 'password' : 'submit';
    } finally {
      this.pending = false;
    }
  };

  /** Signs in with the login this device keeps (no password), when there is one and nobody is signing in yet. */
  private async signInRemembered() {
    const session = sessionFor(this.el, this.session);
    const idle = () => !this.pending && session.connection.get('status') === 'offline';
    if (!idle() || !session.actions.canRemember() || triedRemembered.has(session)) return;
    triedRemembered.add(session);
    const jid = await session.actions.rememberedAccount();
    // Another form (or the page) may have started a login meanwhile.
    if (!jid || !idle()) return;
    this.jidValue = jid;
    this.pending = true;
    try {
      await session.actions.login({ jid, ...(this.mechanisms ? { mechanisms: [...this.mechanisms] } : {}) });
    } catch {
      // The session shows why (token-refused: the saved sign-in has ended); the password is next.
      this.focusAfterRender = 'password';
    } finally {
      this.pending = false;
    }
  }

  private handleSignOut = async () => {
    const session = sessionFor(this.el, this.session);
    this.signingOut = true;
    try {
      await session.actions.logout();
    } catch (error) {
      console.warn('[natter] sign out failed', error);
    } finally {
      this.signingOut = false;
      this.focusAfterRender = 'jid';
    }
  };

  private errorOf(field: FieldName): string | undefined {
    const key = this.invalid[field];
    return key ? t(key) : undefined;
  }

  private renderSignedIn(session: Session, status: ConnectionStatus) {
    const jid = session.ownJid() ?? session.connection.get('jid') ?? '';
    return (
      <div part="base" class="base signed-in">
        <p part="status" class="status" role="status">
          {t('login.signedInAs', { jid })}
          {status === 'reconnecting' ? <span class="reconnecting"> {t('status.reconnecting')}</span> : null}
        </p>
        <button
          part="sign-out-button"
          class="button secondary"
          type="button"
          disabled={this.signingOut}
          aria-busy={this.signingOut ? 'true' : undefined}
          onClick={this.handleSignOut}
        >
          {t('login.signOut')}
        </button>
      </div>
    );
  }

  render() {
    const session = sessionFor(this.el, this.session);
    const status = session.connection.get('status');
    const sessionError = session.connection.get('error');
    if (status === 'online' || status === 'reconnecting') return this.renderSignedIn(session, status);

    const busy = this.pending || status === 'connecting';
    const errorCode = !busy && sessionError ? sessionError.code : undefined;

    return (
      <div part="base" class="base">
        <form part="form" class="form" noValidate aria-label={t('login.title')} aria-busy={busy ? 'true' : 'false'} onSubmit={this.handleSubmit}>
          <TextField
            id="jid"
            name="jid"
            label={t('login.jid')}
            error={this.errorOf('jid')}
            inputMode="email"
            autocomplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
            placeholder={t('login.jidPlaceholder')}
            value={this.jidValue}
            disabled={busy}
            onInput={this.handleJidInput}
            ref={element => (this.jidInput = element)}
          />
          <TextField
            id="password"
            name="password"
            type="password"
            label={t('login.password')}
            error={this.errorOf('password')}
            autocomplete="current-password"
            required
            disabled={busy}
            onInput={this.handlePasswordInput}
            ref={element => (this.passwordInput = element)}
          />

          {session.actions.canRemember() ? (
            <div part="remember" class="remember">
              <input
                part="remember-input"
                id="remember"
                name="remember"
                type="checkbox"
                checked={this.rememberChecked}
                disabled={busy}
                aria-describedby="remember-hint"
                onChange={this.handleRememberChange}
              />
              <label htmlFor="remember">{t('login.remember')}</label>
              <p class="hint" id="remember-hint">
                {t('login.rememberHint')}
              </p>
            </div>
          ) : null}

          <details part="settings" class="settings" open={this.settingsOpen} onToggle={this.handleToggle}>
            <summary part="settings-toggle">{t('login.serverSettings')}</summary>
            <TextField
              id="service"
              name="service"
              type="url"
              label={t('login.service')}
              hint={t('login.serviceHint')}
              error={this.errorOf('service')}
              inputMode="url"
              autocomplete="url"
              autoCapitalize="none"
              spellcheck={false}
              placeholder={t('login.servicePlaceholder')}
              value={this.serviceValue}
              disabled={busy}
              onInput={this.handleServiceInput}
              ref={element => (this.serviceInput = element)}
            />
          </details>

          {errorCode ? (
            <div part="error" class="alert" role="alert" id="login-error">
              {errorText(errorCode)}
            </div>
          ) : null}

          <button
            part="submit-button"
            class="button primary"
            type="submit"
            disabled={busy}
            aria-busy={busy ? 'true' : 'false'}
            aria-describedby={errorCode ? 'login-error' : undefined}
            ref={element => (this.submitButton = element)}
          >
            {busy ? t('login.connecting') : t('login.submit')}
          </button>
        </form>
      </div>
    );
  }
}
