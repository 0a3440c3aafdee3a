import { DEMO_USER, element, inDemoSession } from './demo';

export default { title: 'Natter/Session', component: 'natter-session', tags: ['autodocs'] };

/**
 * `<natter-session adapter="demo">` makes its own session on the in-memory demo network; the
 * components inside it use it. Sign in with any password but "wrong".
 */
export const DemoAdapter = {
  render: () => element('natter-session', { adapter: 'demo' }, element('natter-login', { jid: DEMO_USER })),
};

/**
 * Two `<natter-session>` elements are two accounts: the first is signed in with its roster, the
 * second still shows its sign-in form. Nothing is shared between them.
 */
export const TwoAccounts = {
  render: () => {
    const layout = element('div', { style: 'display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 16px' });
    layout.append(
      inDemoSession(() => element('natter-roster'), { height: '28rem' }),
      inDemoSession(() => element('natter-login'), { signIn: 'never', height: 'auto' }),
    );
    return layout;
  },
};
