import { CAROL, LOUNGE, element, inDemoSession, inShadow, whenJoined } from './demo';

export default { title: 'Natter/Room settings', component: 'natter-room-settings', tags: ['autodocs'] };

const panel = (room = LOUNGE) => element('natter-room-settings', { room });

/** An admin of the lounge: subject, nick, invitations, and the member and ban lists. */
export const Admin = { render: () => inDemoSession(() => panel(), { height: '48rem' }) };

/** An owner: the configuration form and destroying the room are offered too. */
export const Owner = { render: () => inDemoSession(() => panel(), { height: '60rem', ownAffiliation: 'owner' }) };

/** A participant: only the nick and invitations (the room keeps its subject to moderators). */
export const Participant = {
  render: () =>
    inDemoSession(session => {
      whenJoined(session, LOUNGE, () => {
        const self = session.conversation(LOUNGE).get('room')!.self!;
        session.dispatch({ type: 'occupant', room: LOUNGE, occupant: { ...self, role: 'participant', affiliation: 'none' } });
      });
      return panel();
    }),
};

/** Carol was invited and declined: the inviter sees who and why. */
export const Declined = {
  render: () =>
    inDemoSession(session => {
      whenJoined(session, LOUNGE, () => void session.actions.invite(LOUNGE, CAROL, 'Design review at 3').catch(() => undefined));
      return panel();
    }, { height: '48rem' }),
};

/** The owner's configuration form, open: every kind of field the server may send. */
export const ConfigurationForm = {
  render: () =>
    inDemoSession(() => {
      const box = element('div', {}, panel());
      void inShadow<HTMLButtonElement>(box, 'natter-room-settings', '#config-open').then(button => button.click(), () => undefined);
      return box;
    }, { height: '80rem', ownAffiliation: 'owner' }),
};

/** Destroying the room: the confirmation with a reason and another room to send people to. */
export const DestroyConfirmation = {
  render: () =>
    inDemoSession(() => {
      const box = element('div', {}, panel());
      void inShadow<HTMLButtonElement>(box, 'natter-room-settings', '#destroy-open').then(button => button.click(), () => undefined);
      return box;
    }, { height: '60rem', ownAffiliation: 'owner' }),
};

/** In the chatbox: the header's Room settings button opens the panel over the conversation. */
export const InTheChatbox = { render: () => inDemoSession(() => element('natter-chatbox', { conversation: LOUNGE }), { ownAffiliation: 'owner' }) };
