import { inDemoSession } from './demo';

export default { title: 'Natter/App', tags: ['autodocs'] };

/** The whole chat on the demo network, signed in. */
export const SignedIn = { render: () => inDemoSession(() => document.createElement('natter-app')) };

/** Before signing in: the form. Use the password "wrong" to see the error. */
export const SignIn = {
  render: () => {
    const host = document.createElement('natter-session');
    host.setAttribute('adapter', 'demo');
    host.append(document.createElement('natter-app'));
    return host;
  },
};
