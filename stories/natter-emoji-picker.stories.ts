import { element, inShadow } from './demo';

export default { title: 'Natter/Emoji picker', component: 'natter-emoji-picker', tags: ['autodocs'] };

type PickerElement = HTMLElement & { recent: string[] };

function picker(attributes: Record<string, string> = {}, recent?: string[]): PickerElement {
  const made = element('natter-emoji-picker', attributes) as PickerElement;
  if (recent) made.recent = recent;
  return made;
}

/** A picker with a line under it that says what its events asked for (the host decides what happens). */
function withLog(made: PickerElement): HTMLElement {
  const log = element('p', { 'aria-live': 'polite', style: 'margin: 0' }, 'Pick an emoji; Escape asks to close.');
  made.addEventListener('natterEmojiSelect', event => (log.textContent = `Picked ${(event as CustomEvent<{ emoji: string }>).detail.emoji}`));
  made.addEventListener('natterEmojiPickerClose', () => (log.textContent = 'Escape: the host closes the picker now.'));
  return element('div', { style: 'display: grid; gap: 8px; justify-items: start' }, made, log);
}

/** Types `text` into the picker's search box as a user would, and waits for the matches (or the no-match message). */
async function search(canvasElement: HTMLElement, text: string): Promise<void> {
  const input = await inShadow<HTMLInputElement>(canvasElement, 'natter-emoji-picker', '[part="search"]');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await inShadow(canvasElement, 'natter-emoji-picker', '[role="tabpanel"][aria-labelledby="grid-label"]');
}

/** Opened: the search box has focus, common reactions come first, then the categories (the data loads on opening). */
export const Default = { render: () => withLog(picker()) };

/** The user's own frequently used emoji, set by the host (one with a skin tone): one row of them. */
export const FrequentlyUsed = { render: () => withLog(picker({}, ['🎉', '👍🏽', '🚀', '👀', '✅', '🙌', '🔥', '💯'])) };

/** "heart" typed: matches by name first, then by tag; ArrowDown goes to the first, Enter picks it. */
export const Searching = {
  render: () => withLog(picker()),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => search(canvasElement, 'heart'),
};

/** A search that matches nothing says so. */
export const NoMatch = {
  render: () => withLog(picker()),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => search(canvasElement, 'unicorn pizza'),
};

/**
 * As a message's reaction picker: React opens it below the button, a pick or Escape closes it and
 * focus returns to the button.
 */
export const ReactionPicker = {
  render: () => {
    const react = element('button', { type: 'button', 'aria-expanded': 'false' }, 'React');
    const chosen = element('span', { 'aria-live': 'polite' });
    const holder = element('div');
    const close = () => {
      holder.replaceChildren();
      react.setAttribute('aria-expanded', 'false');
      react.focus();
    };
    react.addEventListener('click', () => {
      if (holder.firstChild) return close();
      const made = picker({ label: 'React to Alice’s message' });
      made.addEventListener('natterEmojiSelect', event => {
        chosen.textContent = `You reacted ${(event as CustomEvent<{ emoji: string }>).detail.emoji}`;
        close();
      });
      made.addEventListener('natterEmojiPickerClose', close);
      holder.append(made);
      react.setAttribute('aria-expanded', 'true');
    });
    return element(
      'div',
      { style: 'display: grid; gap: 8px; justify-items: start' },
      element('p', { style: 'margin: 0' }, 'Alice: Are we still on for the XMPP meetup?'),
      element('div', { style: 'display: flex; gap: 8px; align-items: center' }, react, chosen),
      holder,
    );
  },
};

/** Right to left: Left and Right follow the reading direction. */
export const RightToLeft = { ...Default, globals: { direction: 'rtl' } };

/** Dark theme. */
export const Dark = { ...Default, globals: { theme: 'dark' } };
