import { inDemoSession } from './demo';

export default { title: 'Natter/Roster', tags: ['autodocs'] };

/** Contacts in groups with presence, a pending request, a filter and add-contact. */
export const Default = { render: () => inDemoSession(() => document.createElement('natter-roster')) };
