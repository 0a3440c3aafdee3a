import { element, inDemoSession } from './demo';

export default { title: 'Natter/Profile', component: 'natter-profile', tags: ['autodocs'] };

const profile = () => element('natter-profile', { closable: '' });

/** The user's avatar and names: pick or drop a picture, preview it, publish; edit the full name and nickname. */
export const Default = { render: () => inDemoSession(profile) };

/** The server refuses: publishing and saving say why, and what was typed stays. */
export const ServerRefuses = { render: () => inDemoSession(profile, { fail: ['avatar', 'profile'] }) };

/** Not signed in: the panel says so instead of sending. */
export const Offline = { render: () => inDemoSession(profile, { signIn: 'never' }) };
