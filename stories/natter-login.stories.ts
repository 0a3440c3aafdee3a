import { element, inDemoSession } from './demo';

export default { title: 'Natter/Login', component: 'natter-login', tags: ['autodocs'] };

const form = (attributes: Record<string, string> = {}) => () => element('natter-login', attributes);

/** Signed out: the empty form. Sign in with any address on demo.natter.chat and any password but "wrong". */
export const SignedOut = { render: () => inDemoSession(form(), { signIn: 'never', height: 'auto' }) };

/** The address and server come from the page (`jid`, `service`); only the password is left to type. */
export const Prefilled = {
  render: () => inDemoSession(form({ jid: 'me@demo.natter.chat', service: 'wss://demo.natter.chat/xmpp-websocket' }), { signIn: 'never', height: 'auto' }),
};

/** Signing in: the form is busy while the server has not answered (here it never does). */
export const SigningIn = { render: () => inDemoSession(form({ jid: 'me@demo.natter.chat' }), { signIn: 'during', stall: ['connect'], height: 'auto' }) };

/** The server refused the password. */
export const WrongPassword = { render: () => inDemoSession(form({ jid: 'me@demo.natter.chat' }), { signIn: 'during', password: 'wrong', height: 'auto' }) };

/** The server cannot be reached. */
export const Unreachable = { render: () => inDemoSession(form({ jid: 'me@demo.natter.chat' }), { signIn: 'during', fail: ['connect'], height: 'auto' }) };

/** Signed in: who you are, and Sign out. */
export const SignedIn = { render: () => inDemoSession(form(), { height: 'auto' }) };

/** Right to left (Arabic page). */
export const RightToLeft = { ...SignedOut, globals: { direction: 'rtl' } };

/** Dark theme, with the refused-password error. */
export const Dark = { ...WrongPassword, globals: { theme: 'dark' } };
