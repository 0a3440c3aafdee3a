import { element, inDemoSession } from './demo';

export default { title: 'Natter/Presence', component: 'natter-presence', tags: ['autodocs'] };

const picker = () => element('natter-presence');

/** The user's own presence: opens a picker (Online, Away, Do not disturb) with a status text. */
export const Default = { render: () => inDemoSession(picker, { height: '320px' }) };

/** Away with a status text, as a returning user finds what they chose last time. */
export const AwayWithStatus = {
  render: () =>
    inDemoSession(
      session => {
        void session.actions.setPresence({ availability: 'away', status: 'Back after lunch' });
        return picker();
      },
      { height: '320px' },
    ),
};

/** A server with XEP-0186: Invisible is offered too. */
export const WithInvisible = { render: () => inDemoSession(picker, { invisible: true, height: '320px' }) };
