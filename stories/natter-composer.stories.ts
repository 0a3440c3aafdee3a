import { ALICE, ARABIC, LONG_TEXT, element, inDemoSession, inShadow } from './demo';

export default { title: 'Natter/Composer', component: 'natter-composer', tags: ['autodocs'] };

const composer = () => element('natter-composer', { conversation: ALICE });

/** Empty: Enter sends, Shift+Enter adds a line, the toolbar styles the selection. */
export const Empty = { render: () => inDemoSession(composer, { height: 'auto' }) };

/** A draft kept for the conversation (it survives switching conversations). */
export const WithDraft = {
  render: () =>
    inDemoSession(
      session => {
        session.actions.setDraft(ALICE, 'See you at *ten*?');
        return composer();
      },
      { height: 'auto' },
    ),
};

/** A long draft: the text area grows up to eight lines, then scrolls. */
export const LongDraft = {
  render: () =>
    inDemoSession(
      session => {
        session.actions.setDraft(ALICE, `${LONG_TEXT}\n\nSecond paragraph.\nThird line.\nFourth line.\nFifth line.\nSixth line.\nSeventh line.\nEighth line.\nNinth line.`);
        return composer();
      },
      { height: 'auto' },
    ),
};

/** The preview shows the draft as it will read. */
export const Preview = {
  render: WithDraft.render,
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => (await inShadow(canvasElement, 'natter-composer', '[part="preview-button"]')).click(),
};

/** Up in the empty composer edits your last message: the banner, Cancel and Save. */
export const EditingLastMessage = {
  render: () =>
    inDemoSession(
      session => {
        session.actions.sendMessage(ALICE, 'Sending you the detials later.');
        return composer();
      },
      { height: 'auto', replies: false },
    ),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const input = await inShadow<HTMLTextAreaElement>(canvasElement, 'natter-composer', 'textarea');
    input.focus();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true }));
  },
};

/** Signed out: the composer says so. */
export const Offline = { render: () => inDemoSession(composer, { signIn: 'never', height: 'auto' }) };

/** Right to left, with an Arabic draft. */
export const RightToLeft = {
  globals: { direction: 'rtl' },
  render: () =>
    inDemoSession(
      session => {
        session.actions.setDraft(ALICE, ARABIC.message);
        return composer();
      },
      { height: 'auto' },
    ),
};

/** Dark theme. */
export const Dark = { ...WithDraft, globals: { theme: 'dark' } };
