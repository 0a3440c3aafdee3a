import { inDemoSession } from './demo';

export default { title: 'Natter/Chatbox', tags: ['autodocs'] };

function chatWith(jid: string): () => HTMLElement {
  return () => {
    const chatbox = document.createElement('natter-chatbox');
    chatbox.setAttribute('conversation', jid);
    return chatbox;
  };
}

/**
 * A conversation with history across days, one message corrected ("Edited" shows its earlier
 * text); the contact answers what you send; Up in the empty composer edits your last message.
 */
export const WithHistory = { render: () => inDemoSession(chatWith('alice@demo.natter.chat')) };

/** A conversation with no messages yet. */
export const Empty = { render: () => inDemoSession(chatWith('carol@demo.natter.chat')) };
