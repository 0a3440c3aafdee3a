import { element, inDemoSession } from './demo';

export default { title: 'Natter/Blocklist', component: 'natter-blocklist', tags: ['autodocs'] };

const list = (open: boolean) => () => element('natter-blocklist', open ? { open: '' } : {});

/** Two blocked addresses (an account and a room occupant), each with Unblock. */
export const Default = { render: () => inDemoSession(list(true), { blocked: ['spam@spam.example', 'lounge@rooms.demo.natter.chat/Troll'] }) };

/** Closed: the button says how many are blocked. */
export const Closed = { render: () => inDemoSession(list(false), { blocked: ['spam@spam.example'] }) };

/** Nobody blocked yet. */
export const Empty = { render: () => inDemoSession(list(true)) };
