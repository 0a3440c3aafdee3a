import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { NatterComposer } from './natter-composer';
import { signedInDemoSession } from '../shared/demo-session';

const ALICE = 'alice@demo.natter.chat';
const BOB = 'bob@demo.natter.chat';

async function composer(conversation = ALICE) {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterComposer],
    template: () => <natter-composer session={session} conversation={conversation}></natter-composer>,
  });
  const shadow = page.root!.shadowRoot!;
  const textarea = shadow.querySelector('textarea')!;
  // mock-doc's <textarea> has no selection: keep one as plain fields, as a browser would.
  textarea.selectionStart = textarea.selectionEnd = 0;
  textarea.setSelectionRange = (start: number, end: number) => {
    textarea.selectionStart = start;
    textarea.selectionEnd = end;
  };
  const type = async (value: string) => {
    textarea.value = value;
    textarea.selectionStart = textarea.selectionEnd = value.length;
    textarea.dispatchEvent(new Event('input'));
    await page.waitForChanges();
  };
  const select = (start: number, end = start) => textarea.setSelectionRange(start, end);
  const press = async (key: string, modifiers: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean } | boolean = {}) => {
    const init = typeof modifiers === 'boolean' ? { shiftKey: modifiers } : modifiers;
    const event = new KeyboardEvent('keydown', { key, ...init, bubbles: true, cancelable: true });
    textarea.dispatchEvent(event);
    await page.waitForChanges();
    return event;
  };
  const draft = () => session.conversation(conversation).get('draft');
  const selected = () => draft().slice(textarea.selectionStart, textarea.selectionEnd);
  const button = (selector: string) => shadow.querySelector(selector) as HTMLButtonElement;
  const click = async (selector: string) => {
    button(selector).click();
    await page.waitForChanges();
  };
  return { page, session, adapter, shadow, textarea, type, select, press, draft, selected, button, click };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('natter-composer', () => {
  it('has a labelled text area and a send button disabled while empty', async () => {
    const { page, textarea } = await composer();
    expect(textarea.getAttribute('aria-label')).toBe('Message to Alice Martin');
    expect(page.root!.shadowRoot!.querySelector('[part="send-button"]')!.hasAttribute('disabled')).toBe(true);
  });

  it('sends on Enter, emits natterComposerSubmit and clears the draft', async () => {
    const { page, session, type, press } = await composer();
    const submitted = jest.fn();
    page.root!.addEventListener('natterComposerSubmit', (event: Event) => submitted((event as CustomEvent).detail));
    await type('hello there');
    await press('Enter');
    expect(submitted).toHaveBeenCalledWith({ conversation: ALICE, body: 'hello there' });
    const messages = session.conversation(ALICE).get('messages');
    expect(messages[messages.length - 1]).toMatchObject({ body: 'hello there', direction: 'out' });
    expect(session.conversation(ALICE).get('draft')).toBe('');
  });

  it('does not send on Shift+Enter, nor blank text', async () => {
    const { session, type, press } = await composer();
    await type('   ');
    await press('Enter');
    await type('line one');
    await press('Enter', true);
    expect(session.conversation(ALICE).get('messages')).toEqual([]);
  });

  it('skips the default send when natterComposerSubmit is prevented', async () => {
    const { page, session, type, press } = await composer();
    page.root!.addEventListener('natterComposerSubmit', event => event.preventDefault());
    await type('keep me');
    await press('Enter');
    expect(session.conversation(ALICE).get('messages')).toEqual([]);
    expect(session.conversation(ALICE).get('draft')).toBe('keep me');
  });

  it('keeps each conversation its own draft when switching', async () => {
    const { page, session, textarea, type } = await composer();
    // mock-doc's <textarea> has no value setter, so Stencil renders the value as an attribute here.
    const shown = () => textarea.getAttribute('value');
    await type('draft for alice');
    page.root!.conversation = BOB;
    await page.waitForChanges();
    expect(shown()).toBe('');
    await type('draft for bob');
    page.root!.conversation = ALICE;
    await page.waitForChanges();
    expect(shown()).toBe('draft for alice');
    expect(session.conversation(BOB).get('draft')).toBe('draft for bob');
  });

  it('empties the text area after sending even when no render came between typing and Enter', async () => {
    const { page, textarea, press } = await composer();
    // Typed and sent within one frame: the input event, then Enter, before any render.
    textarea.value = 'quick';
    textarea.dispatchEvent(new Event('input'));
    await press('Enter');
    expect(textarea.value).toBe('');
    await page.waitForChanges();
    expect(textarea.value).toBe('');
  });

  it('emits natterComposerInput on each change', async () => {
    const { page, type } = await composer();
    const inputs: string[] = [];
    page.root!.addEventListener('natterComposerInput', (event: Event) => inputs.push((event as CustomEvent).detail.value));
    await type('h');
    await type('hi');
    expect(inputs).toEqual(['h', 'hi']);
  });

  it('has a value that follows typing and sending, for v-model and ngModel; sending empties it with an event', async () => {
    const { page, type, press } = await composer();
    const inputs: string[] = [];
    // A binding reads the element's value when the event arrives: it must already be the new text.
    page.root!.addEventListener('natterComposerInput', (event: Event) => inputs.push((event.target as HTMLNatterComposerElement).value!));
    await type('hello');
    expect(page.root!.value).toBe('hello');
    await press('Enter');
    expect(page.root!.value).toBe('');
    expect(inputs).toEqual(['hello', '']);
  });

  it('takes a value set from outside as the draft, emitting nothing and telling the peer nothing; a conversation switch changes it silently', async () => {
    const { page, session, textarea, draft, type } = await composer();
    const inputs = jest.fn();
    const chatStates = jest.spyOn(session.adapter, 'sendChatState');
    page.root!.addEventListener('natterComposerInput', inputs);
    page.root!.value = 'from the app';
    await page.waitForChanges();
    expect(draft()).toBe('from the app');
    expect(chatStates).not.toHaveBeenCalled();
    // The user typing does tell the peer.
    await type('from the app, typed on');
    expect(chatStates).toHaveBeenCalledWith(ALICE, 'composing');
    inputs.mockClear();
    page.root!.value = 'from the app';
    await page.waitForChanges();
    expect(textarea.getAttribute('value')).toBe('from the app');
    // A draft typed elsewhere (another composer) for Bob.
    session.actions.setDraft(BOB, 'for bob');
    chatStates.mockClear();
    page.root!.conversation = BOB;
    await page.waitForChanges();
    expect(page.root!.value).toBe('for bob');
    expect(inputs).not.toHaveBeenCalled();
    expect(chatStates).not.toHaveBeenCalled();
  });

  it('starts from a value given before its first render', async () => {
    const { session } = await signedInDemoSession();
    const page = await newSpecPage({
      components: [NatterComposer],
      template: () => <natter-composer session={session} conversation={ALICE} value="prefilled"></natter-composer>,
    });
    expect(session.conversation(ALICE).get('draft')).toBe('prefilled');
    expect(page.root!.shadowRoot!.querySelector('textarea')!.getAttribute('value')).toBe('prefilled');
  });

  it('keeps a message that fails to send, marked failed, and retries it', async () => {
    const { session, adapter, type, press } = await composer();
    const send = jest.spyOn(adapter, 'sendMessage').mockRejectedValueOnce(new Error('service-unavailable'));
    await type('important');
    await press('Enter');
    await new Promise(resolve => setTimeout(resolve, 0));
    const [failed] = session.conversation(ALICE).get('messages');
    expect(failed).toMatchObject({ body: 'important', status: 'failed', error: 'service-unavailable' });
    session.actions.retryMessage(ALICE, failed.id);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(send).toHaveBeenCalledTimes(2);
    expect(session.conversation(ALICE).get('messages')).toHaveLength(1);
    expect(session.conversation(ALICE).get('messages')[0].status).not.toBe('failed');
  });

  it('has a labelled toolbar with one tab stop that the arrow keys, Home and End move along', async () => {
    const { page, shadow } = await composer();
    const toolbar = shadow.querySelector('[part="toolbar"]')!;
    expect(toolbar.getAttribute('role')).toBe('toolbar');
    expect(toolbar.getAttribute('aria-label')).toBe('Text style');
    const buttons = Array.from(toolbar.querySelectorAll('button'));
    expect(buttons.map(b => b.getAttribute('aria-label') ?? b.textContent)).toEqual(['Bold', 'Italic', 'Strikethrough', 'Code', 'Code block', 'Quote', 'Preview', 'Spoiler']);
    expect(buttons.map(b => b.getAttribute('part'))).toEqual([...Array(6).fill('format-button'), 'preview-button', 'spoiler-button']);
    expect(buttons[0].getAttribute('aria-keyshortcuts')).toBe('Control+B Meta+B');
    expect(buttons[2].getAttribute('aria-keyshortcuts')).toBe('Control+Shift+X Meta+Shift+X');
    expect(buttons[0].getAttribute('title')).toBe('Bold (Ctrl+B)');
    const tabStops = () => Array.from(toolbar.querySelectorAll('button')).map(b => b.getAttribute('tabindex'));
    expect(tabStops()).toEqual(['0', '-1', '-1', '-1', '-1', '-1', '-1', '-1']);
    const key = async (target: Element, keyName: string) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true }));
      await page.waitForChanges();
    };
    await key(buttons[0], 'ArrowRight');
    expect(tabStops()[1]).toBe('0');
    await key(buttons[1], 'End');
    expect(tabStops()[7]).toBe('0');
    await key(buttons[7], 'ArrowLeft');
    expect(tabStops()[6]).toBe('0');
    await key(buttons[5], 'Home');
    expect(tabStops()[0]).toBe('0');
  });

  it('wraps the selection in directives from the toolbar, emits the change, and unwraps on a second press', async () => {
    const { page, type, select, click, draft, selected } = await composer();
    const inputs: string[] = [];
    page.root!.addEventListener('natterComposerInput', (event: Event) => inputs.push((event as CustomEvent).detail.value));
    await type('hello world');
    select(6, 11);
    await click('[data-format="strong"]');
    expect(draft()).toBe('hello *world*');
    expect(selected()).toBe('world');
    expect(inputs[inputs.length - 1]).toBe('hello *world*');
    await click('[data-format="strong"]');
    expect(draft()).toBe('hello world');
    await click('[data-format="emphasis"]');
    await click('[data-format="strike"]');
    expect(draft()).toBe('hello _~world~_');
    select(0, 5);
    await click('[data-format="code"]');
    expect(draft()).toBe('`hello` _~world~_');
  });

  it('turns lines into a code block or a quote from the toolbar', async () => {
    const { type, select, click, draft } = await composer();
    await type('look:\nx = 1');
    select(6, 11);
    await click('[data-format="code-block"]');
    expect(draft()).toBe('look:\n```\nx = 1\n```');
    await type('first\nsecond');
    select(0, 12);
    await click('[data-format="quote"]');
    expect(draft()).toBe('> first\n> second');
  });

  it('applies the shortcuts Ctrl/Cmd+B, I, E and Ctrl/Cmd+Shift+X; a pair at the caret puts the caret inside', async () => {
    const { type, press, select, draft, textarea } = await composer();
    await type('a ');
    await press('b', { ctrlKey: true });
    expect(draft()).toBe('a **');
    expect([textarea.selectionStart, textarea.selectionEnd]).toEqual([3, 3]);
    await type('a');
    select(0, 1);
    await press('i', { metaKey: true });
    expect(draft()).toBe('_a_');
    select(1, 2);
    await press('I', { metaKey: true, shiftKey: false });
    expect(draft()).toBe('a');
    select(0, 1);
    await press('X', { ctrlKey: true, shiftKey: true });
    expect(draft()).toBe('~a~');
    await type('code');
    select(0, 4);
    await press('e', { ctrlKey: true });
    expect(draft()).toBe('`code`');
    // Without the modifier, or with Alt too, the keys are just typing.
    select(1, 5);
    await press('b');
    await press('b', { ctrlKey: true, altKey: true });
    expect(draft()).toBe('`code`');
  });

  it('sends what was styled as the plain XEP-0393 text', async () => {
    const { session, type, select, click, press } = await composer();
    await type('this is important');
    select(8, 17);
    await click('[data-format="strong"]');
    await press('Enter');
    const messages = session.conversation(ALICE).get('messages');
    expect(messages[messages.length - 1].body).toBe('this is *important*');
  });

  it('toggles a labelled preview of the message as it will read, /me included', async () => {
    const { shadow, type, click, button } = await composer();
    const preview = () => shadow.querySelector('[part="preview"]');
    expect(preview()).toBeNull();
    expect(button('[part="preview-button"]').getAttribute('aria-pressed')).toBe('false');
    await click('[part="preview-button"]');
    expect(button('[part="preview-button"]').getAttribute('aria-pressed')).toBe('true');
    expect(button('[part="preview-button"]').getAttribute('aria-controls')).toBe(preview()!.id);
    expect(preview()!.getAttribute('role')).toBe('region');
    expect(preview()!.getAttribute('aria-label')).toBe('Preview of your message');
    expect(preview()!.textContent).toBe('Nothing to preview yet.');
    await type('*bold* and _more_');
    expect(preview()!.textContent).toBe('*bold* and _more_');
    await type('/me waves');
    expect(shadow.querySelector('[part="preview"] [part="action"]')!.textContent).toBe('* me');
    expect(preview()!.textContent).toBe('* me waves');
    await click('[part="preview-button"]');
    expect(preview()).toBeNull();
  });

  it('grows a row per line up to eight, then scrolls', async () => {
    const { textarea, type } = await composer();
    const rows = () => Number(textarea.getAttribute('rows'));
    expect(rows()).toBe(1);
    await type('one\ntwo\nthree');
    expect(rows()).toBe(3);
    await type('line\n'.repeat(30));
    expect(rows()).toBe(8);
    await type('');
    expect(rows()).toBe(1);
  });
});

describe('natter-composer: editing the last message (XEP-0308)', () => {
  /** A composer whose conversation has an own message `mine` (sent) and then one from the peer. */
  async function withOwnMessage(mine = 'see you at noon') {
    const c = await composer();
    c.session.actions.sendMessage(ALICE, mine);
    await settle();
    c.adapter.emit({ type: 'message', message: { id: 'theirs', conversation: ALICE, from: ALICE, direction: 'in', body: 'ok!', timestamp: Date.now() + 1, status: 'received' } });
    c.session.flush();
    await c.page.waitForChanges();
    const shadow = c.page.root!.shadowRoot!;
    // mock-doc's <textarea> has no value property: Stencil renders the value as an attribute unless
    // typing left an own `value` property behind, so typing here removes it again.
    const type = async (value: string) => {
      await c.type(value);
      delete (c.textarea as unknown as { value?: string }).value;
      await c.page.waitForChanges();
    };
    const shown = () => c.textarea.getAttribute('value');
    const own = () => c.session.conversation(ALICE).get('messages').find(m => m.direction === 'out')!;
    const announcer = () => shadow.querySelector('[role="status"].visually-hidden')!.textContent;
    return { ...c, type, shadow, shown, own, announcer };
  }

  it('Up in an empty composer edits the last own message: its text, a banner, Save, a label and an announcement saying so', async () => {
    const { shadow, press, shown, textarea, announcer } = await withOwnMessage();
    const up = await press('ArrowUp');
    expect(up.defaultPrevented).toBe(true);
    // The same text area (keeping focus), now holding the message's text.
    expect(shadow.querySelector('textarea')).toBe(textarea);
    expect(shown()).toBe('see you at noon');
    expect(shadow.querySelector('[part="editing"]')!.textContent).toContain('Editing your message');
    expect(shadow.querySelector('[part="send-button"]')!.textContent).toBe('Save');
    expect(textarea.getAttribute('aria-label')).toBe('Correct your message to Alice Martin');
    expect(shadow.querySelector('[part="hint"]')!.textContent).toBe('Enter saves the correction, Escape cancels');
    expect(announcer()).toBe('Editing your last message. Enter saves the correction, Escape cancels.');
  });

  it('Enter sends the correction: the message keeps its place with the new text, marked edited; the composer is empty again', async () => {
    const { page, session, adapter, type, press, shown, own, shadow, announcer } = await withOwnMessage();
    const correct = jest.spyOn(adapter, 'correctMessage');
    const submitted = jest.fn();
    page.root!.addEventListener('natterComposerSubmit', (event: Event) => submitted((event as CustomEvent).detail));
    const { id } = own();
    await press('ArrowUp');
    await type('see you at one');
    await press('Enter');
    expect(submitted).toHaveBeenCalledWith({ conversation: ALICE, body: 'see you at one', corrects: id });
    expect(correct).toHaveBeenCalledWith(ALICE, id, 'see you at one', expect.any(String));
    const messages = session.conversation(ALICE).get('messages');
    expect(messages.map(m => m.body)).toEqual(['see you at one', 'ok!']);
    expect(messages[0]).toMatchObject({ id, earlierVersions: [expect.objectContaining({ body: 'see you at noon' })] });
    expect(shown()).toBe('');
    expect(shadow.querySelector('[part="editing"]')).toBeNull();
    expect(shadow.querySelector('[part="send-button"]')!.textContent).toBe('Send');
    expect(announcer()).toBe('Correction sent');
    // Editing never touched the draft, nor told the peer we type.
    expect(session.conversation(ALICE).get('draft')).toBe('');
  });

  it('Escape cancels: the message is unchanged and the draft that was there comes back', async () => {
    const { session, type, press, shown, own, shadow, announcer } = await withOwnMessage();
    await press('ArrowUp');
    await type('something else');
    const escape = await press('Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(own().body).toBe('see you at noon');
    expect(own().earlierVersions).toBeUndefined();
    expect(shown()).toBe('');
    expect(shadow.querySelector('[part="editing"]')).toBeNull();
    expect(announcer()).toBe('Correction cancelled');
    expect(session.conversation(ALICE).get('draft')).toBe('');
    // Escape outside an edit is left to the page.
    expect((await press('Escape')).defaultPrevented).toBe(false);
  });

  it('the Cancel button cancels too', async () => {
    const { page, press, shown, shadow } = await withOwnMessage();
    await press('ArrowUp');
    (shadow.querySelector('[part="cancel-edit-button"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(shown()).toBe('');
    expect(shadow.querySelector('[part="editing"]')).toBeNull();
  });

  it('Up does nothing with a draft, or without an own message to correct', async () => {
    const withDraft = await withOwnMessage();
    await withDraft.type('a draft');
    expect((await withDraft.press('ArrowUp')).defaultPrevented).toBe(false);
    expect(withDraft.shadow.querySelector('[part="editing"]')).toBeNull();
    const fresh = await composer();
    expect((await fresh.press('ArrowUp')).defaultPrevented).toBe(false);
    expect(fresh.page.root!.shadowRoot!.querySelector('[part="editing"]')).toBeNull();
  });

  it('an unchanged text sends nothing and ends the edit; switching conversations ends it too', async () => {
    const { page, adapter, press, shown, shadow } = await withOwnMessage();
    const correct = jest.spyOn(adapter, 'correctMessage');
    await press('ArrowUp');
    await press('Enter');
    expect(correct).not.toHaveBeenCalled();
    expect(shown()).toBe('');
    await press('ArrowUp');
    page.root!.conversation = BOB;
    await page.waitForChanges();
    expect(shadow.querySelector('[part="editing"]')).toBeNull();
    expect(shown()).toBe('');
  });
});

describe('natter-composer replies (XEP-0461)', () => {
  async function withTheirMessage() {
    const parts = await composer();
    parts.adapter.emit({ type: 'message', message: { id: 'theirs', originId: 'o-theirs', conversation: ALICE, from: ALICE, direction: 'in', body: 'Tea at five?', timestamp: Date.now(), status: 'received' } });
    parts.session.flush();
    await parts.page.waitForChanges();
    const announcer = () => parts.shadow.querySelector('[role="status"].visually-hidden')?.textContent;
    return { ...parts, announcer };
  }

  it('replyTo(id) shows what the next message answers; Enter sends it as a reply and the composer is plain again', async () => {
    const { page, adapter, shadow, type, press, announcer } = await withTheirMessage();
    const send = jest.spyOn(adapter, 'sendMessage');
    const submitted = jest.fn();
    page.root!.addEventListener('natterComposerSubmit', (event: Event) => submitted((event as CustomEvent).detail));
    expect(await page.root!.replyTo('theirs')).toBe(true);
    await page.waitForChanges();
    expect(shadow.querySelector('[part="replying"]')!.textContent).toContain('Replying to Alice Martin: Tea at five?');
    expect(announcer()).toBe('Replying to Alice Martin. Escape cancels the reply.');
    await type('Yes!');
    await press('Enter');
    expect(submitted).toHaveBeenCalledWith({ conversation: ALICE, body: 'Yes!', replyTo: 'theirs' });
    expect(send).toHaveBeenCalledWith(ALICE, 'Yes!', expect.any(String), { reply: expect.objectContaining({ id: 'o-theirs', to: ALICE }) });
    expect(shadow.querySelector('[part="replying"]')).toBeNull();
  });

  it('Escape (or Cancel) makes it a plain message again and keeps the draft; an unknown message cannot be answered', async () => {
    const { page, session, shadow, type, press, click, announcer } = await withTheirMessage();
    await page.root!.replyTo('theirs');
    await type('half written');
    expect((await press('Escape')).defaultPrevented).toBe(true);
    expect(shadow.querySelector('[part="replying"]')).toBeNull();
    expect(announcer()).toBe('Reply cancelled.');
    expect(session.conversation(ALICE).get('draft')).toBe('half written');
    await page.root!.replyTo('theirs');
    await page.waitForChanges();
    await click('[part="cancel-reply-button"]');
    expect(shadow.querySelector('[part="replying"]')).toBeNull();
    expect(await page.root!.replyTo('nope')).toBe(false);
  });
});

describe('natter-composer mentions (XEP-0372)', () => {
  const ROOM = 'lobby@rooms.demo.natter.chat';
  async function inRoom() {
    const parts = await composer(ROOM);
    const occupant = (nick: string) => ({ nick, role: 'participant' as const, affiliation: 'none' as const, show: 'online' as const });
    parts.session.dispatch({ type: 'roomJoined', room: ROOM, self: occupant('me') });
    for (const nick of ['Alice', 'Alfred', 'Bob']) parts.session.dispatch({ type: 'occupant', room: ROOM, occupant: occupant(nick) });
    await parts.page.waitForChanges();
    const options = () => Array.from(parts.shadow.querySelectorAll('[role="option"]')).map(option => `${option.textContent}${option.getAttribute('aria-selected') === 'true' ? '*' : ''}`);
    return { ...parts, options };
  }

  it('suggests occupants (never the user) and contacts for @, picks with the keyboard and sends the mention by code points', async () => {
    const { adapter, textarea, type, press, options, shadow } = await inRoom();
    const send = jest.spyOn(adapter, 'sendRoomMessage');
    await type('🌹 @Al');
    expect(options()).toEqual(['Alfred*', 'Alice', 'Alice Martin (alice@demo.natter.chat)']);
    expect(textarea.getAttribute('aria-autocomplete')).toBe('list');
    expect(textarea.getAttribute('aria-controls')).toBe('mention-suggestions');
    expect(textarea.getAttribute('aria-activedescendant')).toBe('mention-0');
    expect((await press('ArrowDown')).defaultPrevented).toBe(true);
    expect(options()).toEqual(['Alfred', 'Alice*', 'Alice Martin (alice@demo.natter.chat)']);
    await press('Enter');
    expect(shadow.querySelector('[role="listbox"]')).toBeNull();
    expect(textarea.value).toBe('🌹 Alice ');
    await type('🌹 Alice, tea?');
    await press('Enter');
    expect(send).toHaveBeenCalledWith(ROOM, '🌹 Alice, tea?', expect.any(String), { mentions: [{ begin: 2, end: 7, uri: `xmpp:${ROOM}/Alice` }] });
  });

  it('Escape stops suggesting without leaving the text; a mention edited away is not sent', async () => {
    const { adapter, type, press, options, shadow } = await inRoom();
    const send = jest.spyOn(adapter, 'sendRoomMessage');
    await type('@Bo');
    expect(options()).toEqual(['Bob*', 'Bob Okafor (bob@demo.natter.chat)']);
    expect((await press('Escape')).defaultPrevented).toBe(true);
    expect(shadow.querySelector('[role="listbox"]')).toBeNull();
    await type('@Bo');
    await press('Tab');
    await type('Robert, hi');
    await press('Enter');
    expect(send).toHaveBeenCalledWith(ROOM, 'Robert, hi', expect.any(String), {});
    await type('@me');
    expect(options()).toEqual([]);
  });
});

describe('natter-composer spoilers (XEP-0382)', () => {
  it('Spoiler marks the next message, with an optional hint; Escape in the hint drops the mark', async () => {
    const { page, adapter, shadow, type, press, click } = await composer();
    const send = jest.spyOn(adapter, 'sendMessage');
    await click('button[part="spoiler-button"]');
    expect(shadow.querySelector('button[part="spoiler-button"]')!.getAttribute('aria-pressed')).toBe('true');
    const hint = shadow.querySelector('input[part="spoiler-hint"]') as HTMLInputElement;
    expect(hint.getAttribute('aria-label')).toBe('What the spoiler is about (optional)');
    hint.value = 'Season finale';
    hint.dispatchEvent(new Event('input'));
    await page.waitForChanges();
    await type('Everyone dies');
    await press('Enter');
    expect(send).toHaveBeenLastCalledWith(ALICE, 'Everyone dies', expect.any(String), { spoiler: { hint: 'Season finale' } });
    expect(shadow.querySelector('input[part="spoiler-hint"]')).toBeNull();

    await click('button[part="spoiler-button"]');
    (shadow.querySelector('input[part="spoiler-hint"]') as HTMLInputElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await page.waitForChanges();
    expect(shadow.querySelector('input[part="spoiler-hint"]')).toBeNull();
    await type('Just text');
    await press('Enter');
    expect(send).toHaveBeenLastCalledWith(ALICE, 'Just text', expect.any(String), {});
  });
});
