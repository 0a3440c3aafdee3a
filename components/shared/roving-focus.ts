/**
 * Keyboard movement in a list with one tab stop (roving tabindex): Up/Down
 * step, Home/End jump. Returns the index to focus, or null for any other key.
 */
export function rovingIndex(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Moves focus among `buttons` for a key press on one of them; returns whether it handled the key. */
export function moveFocus(event: KeyboardEvent, buttons: HTMLElement[]): boolean {
  const index = buttons.indexOf(event.target as HTMLElement);
  if (index < 0) return false;
  const next = rovingIndex(event.key, index, buttons.length);
  if (next === null) return false;
  event.preventDefault();
  buttons[next].focus();
  return true;
}
