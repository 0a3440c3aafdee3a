import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import type { Message } from '../../adapters/types';
import { NatterMessage } from './natter-message';
import { NatterAudioPlayer } from '../natter-audio-player/natter-audio-player';
import { signedInDemoSession } from '../shared/demo-session';

const base: Message = {
  id: 'm1', conversation: 'alice@demo.natter.chat', from: 'alice@demo.natter.chat', direction: 'in',
  body: 'hi', timestamp: Date.UTC(2026, 0, 1, 12, 0), status: 'received',
};

async function render(message: Message, grouped = false) {
  const { session } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterMessage, NatterAudioPlayer],
    template: () => <natter-message message={message} senderName="Alice" grouped={grouped} session={session}></natter-message>,
  });
  return { page, session, shadow: page.root!.shadowRoot! };
}

describe('natter-message', () => {
  it('shows sender, text and time; a grouped message hides the sender', async () => {
    const { shadow } = await render(base);
    expect(shadow.querySelector('[part="sender"]')!.textContent).toBe('Alice');
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe('hi');
    expect(shadow.querySelector('time')!.getAttribute('datetime')).toBe('2026-01-01T12:00:00.000Z');
    expect((await render(base, true)).shadow.querySelector('[part="sender"]')).toBeNull();
  });

  it('renders HTML in a body as text, never as elements', async () => {
    const { shadow } = await render({ ...base, body: '<img src=x onerror="alert(1)"><script>alert(2)</script>' });
    const body = shadow.querySelector('[part="body"]')!;
    expect(body.querySelector('img, script')).toBeNull();
    expect(body.textContent).toBe('<img src=x onerror="alert(1)"><script>alert(2)</script>');
  });

  it('shows styling and links as plain text where no sanitizer can run (mock-doc has no DOMPurify)', async () => {
    // Styled rendering needs DOMPurify, which needs a real DOM: tests/e2e/markup.e2e.ts checks it in Chromium.
    const { shadow } = await render({ ...base, body: '*bold* see https://example.org/a' });
    const body = shadow.querySelector('[part="body"]')!;
    expect(body.querySelector('*:not(.styled)')).toBeNull();
    expect(body.textContent).toBe('*bold* see https://example.org/a');
  });

  it('shows a /me message as an action of its sender (XEP-0245)', async () => {
    const action = (shadow: ShadowRoot) => shadow.querySelector('[part="action"]')?.textContent;
    const incoming = await render({ ...base, body: '/me waves' });
    expect(action(incoming.shadow)).toBe('* Alice');
    expect(incoming.shadow.querySelector('[part="body"]')!.textContent).toBe('* Alice waves');

    const ownInRoom = await render({ ...base, direction: 'out', from: 'room@muc.demo.natter.chat/meg', nick: 'meg', body: '/me nods' });
    expect(ownInRoom.shadow.querySelector('[part="body"]')!.textContent).toBe('* meg nods');

    const ownOneToOne = await render({ ...base, direction: 'out', from: 'me@demo.natter.chat', body: '/me smiles' });
    expect(ownOneToOne.shadow.querySelector('[part="body"]')!.textContent).toBe('* me smiles');

    // Only "/me " at the very start is a command.
    const notAction = await render({ ...base, body: 'say /me waves' });
    expect(action(notAction.shadow)).toBeUndefined();
    expect((await render({ ...base, body: '/meh' })).shadow.querySelector('[part="action"]')).toBeNull();
  });

  it('shows the delivery state of own messages as text', async () => {
    const own = { ...base, from: 'me@demo.natter.chat', direction: 'out' as const, status: 'delivered' as const };
    const { shadow } = await render(own);
    expect(shadow.querySelector('[part="sender"]')!.textContent).toBe('You');
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Delivered');
    expect(shadow.querySelector('[part="retry-button"]')).toBeNull();
  });

  it('offers retry on a failed message and emits natterMessageRetry', async () => {
    const own = { ...base, from: 'me@demo.natter.chat', direction: 'out' as const, status: 'failed' as const, error: 'timeout' };
    const { page, shadow, session } = await render(own);
    const retry = jest.spyOn(session.actions, 'retryMessage');
    const emitted = jest.fn();
    page.root!.addEventListener('natterMessageRetry', (event: Event) => emitted((event as CustomEvent).detail));
    expect(shadow.querySelector('[part="status"]')!.textContent).toBe('Not sent: timeout');
    (shadow.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    expect(emitted).toHaveBeenCalledWith({ conversation: own.conversation, id: 'm1' });
    expect(retry).toHaveBeenCalledWith(own.conversation, 'm1');
  });

  it('says a corrected message was edited; the button discloses its earlier versions with their times, as text', async () => {
    const edited: Message = {
      ...base,
      body: 'window',
      editedAt: base.timestamp + 120_000,
      earlierVersions: [
        { body: 'airlock', timestamp: base.timestamp },
        { body: '<b>door</b>', timestamp: base.timestamp + 60_000 },
      ],
    };
    const { page, shadow } = await render(edited);
    const button = shadow.querySelector('button[part="edited"]') as HTMLButtonElement;
    expect(button.textContent).toBe('Edited');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const list = shadow.querySelector('[part="versions"]')!;
    expect(button.getAttribute('aria-controls')).toBe(list.getAttribute('id'));
    expect(list.hasAttribute('hidden')).toBe(true);
    expect(list.getAttribute('aria-label')).toBe('Earlier versions');
    button.click();
    await page.waitForChanges();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(list.hasAttribute('hidden')).toBe(false);
    const versions = Array.from(shadow.querySelectorAll('[part="version"]'));
    expect(versions.map(v => v.querySelector('.version-body')!.textContent)).toEqual(['airlock', '<b>door</b>']);
    expect(versions[1].querySelector('b')).toBeNull();
    expect(versions.map(v => v.querySelector('time')!.getAttribute('datetime'))).toEqual(['2026-01-01T12:00:00.000Z', '2026-01-01T12:01:00.000Z']);
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe('window');
    button.click();
    await page.waitForChanges();
    expect(list.hasAttribute('hidden')).toBe(true);
  });

  it('hides a spoiler (XEP-0382) behind a disclosure button with its hint: text and file are not in the DOM until shown', async () => {
    const attachment = { url: 'https://files.example.org/ending.png', name: 'ending.png', mediaType: 'image/png', size: 10 };
    const { page, shadow } = await render({ ...base, body: 'The butler did it', spoiler: { hint: 'the ending' }, attachment });
    const button = shadow.querySelector('button[part="spoiler-button"]') as HTMLButtonElement;
    expect(button.textContent).toBe('Spoiler: the ending Show');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(shadow.querySelector('[part="body"]')).toBeNull();
    expect(shadow.querySelector('[part="attachment"]')).toBeNull();
    expect(shadow.textContent).not.toContain('butler');
    button.click();
    await page.waitForChanges();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe('The butler did it');
    expect(shadow.querySelector('[part="attachment"]')).not.toBeNull();
    button.click();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="body"]')).toBeNull();
    // Without a hint it just says Spoiler; another message in the element starts hidden again.
    button.click();
    await page.waitForChanges();
    page.root!.message = { ...base, id: 'm2', body: 'Rosebud was the sled', spoiler: {} };
    await page.waitForChanges();
    expect(shadow.querySelector('button[part="spoiler-button"]')!.textContent).toBe('Spoiler Show');
    expect(shadow.querySelector('[part="body"]')).toBeNull();
  });

  it('shows a retracted message (XEP-0424) as removed: no text, no file, no Edited', async () => {
    const { shadow } = await render({ ...base, body: '', retractedAt: Date.UTC(2026, 0, 1, 12, 5) });
    expect(shadow.querySelector('[part="retracted"]')!.textContent).toBe('This message was removed.');
    expect(shadow.querySelector('[part="body"]')).toBeNull();
    expect(shadow.querySelector('[part="edited"]')).toBeNull();
    const own = await render({ ...base, direction: 'out', status: 'sent', body: '', retractedAt: 1 });
    expect(own.shadow.querySelector('[part="retracted"]')!.textContent).toBe('You removed this message.');
  });

  it('offers React, Reply, Reply in thread, Edit and Remove on an own sent message (Copy needs a clipboard), and Remove asks first', async () => {
    const own = { ...base, direction: 'out' as const, status: 'sent' as const, from: 'me@demo.natter.chat' };
    const { page, shadow, session } = await render(own);
    const menuButton = shadow.querySelector('button[part="actions-button"]') as HTMLButtonElement;
    expect(menuButton.getAttribute('aria-haspopup')).toBe('menu');
    expect(menuButton.getAttribute('aria-label')).toBe('Message actions');
    menuButton.click();
    await page.waitForChanges();
    const items = () => Array.from(shadow.querySelectorAll('[role="menuitem"]')).map(item => item.getAttribute('data-action'));
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    expect(items()).toEqual(['react', 'reply', 'thread', 'edit', 'remove']);
    const edits: unknown[] = [];
    page.root!.addEventListener('natterMessageEdit', (event: Event) => edits.push((event as CustomEvent).detail));
    (shadow.querySelector('[data-action="edit"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(edits).toEqual([{ conversation: own.conversation, id: own.id }]);
    expect(shadow.querySelector('[role="menu"]')).toBeNull();

    const retract = jest.spyOn(session.actions, 'retractMessage').mockResolvedValue();
    menuButton.click();
    await page.waitForChanges();
    (shadow.querySelector('[data-action="remove"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="confirm"]')!.textContent).toContain('Remove this message for everyone?');
    expect(retract).not.toHaveBeenCalled();
    (shadow.querySelector('[part="confirm"] button') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(retract).toHaveBeenCalledWith(own.conversation, own.id);

    retract.mockRejectedValue(new Error('not connected'));
    menuButton.click();
    await page.waitForChanges();
    (shadow.querySelector('[data-action="remove"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    (shadow.querySelector('[part="confirm"] button') as HTMLButtonElement).click();
    await page.waitForChanges();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="action-error"]')!.textContent).toBe('Could not remove the message: not connected');

    // A contact's message can be reacted and replied to; a pending one only edited; a retracted one offers nothing (no clipboard in mock-doc).
    const menuOf = async (message: Message) => {
      const rendered = await render(message);
      const button = rendered.shadow.querySelector('button[part="actions-button"]') as HTMLButtonElement | null;
      if (!button) return null;
      button.click();
      await rendered.page.waitForChanges();
      return Array.from(rendered.shadow.querySelectorAll('[role="menuitem"]')).map(item => item.getAttribute('data-action'));
    };
    expect(await menuOf(base)).toEqual(['react', 'reply', 'thread']);
    expect(await menuOf({ ...own, status: 'pending' })).toEqual(['edit']);
    expect(await menuOf({ ...own, body: '', retractedAt: 1 })).toBeNull();
  });

  it('shows reactions (XEP-0444) per emoji with who gave them; pressing one toggles the user’s own', async () => {
    const reacted: Message = {
      ...base,
      reactions: {
        self: { emojis: ['👍'], timestamp: 1 },
        'alice@demo.natter.chat': { emojis: ['👍', '🎉'], timestamp: 1 },
      },
    };
    const { page, shadow, session } = await render(reacted);
    const buttons = Array.from(shadow.querySelectorAll('button[part="reaction"]')) as HTMLButtonElement[];
    expect(shadow.querySelector('[part="reactions"]')!.getAttribute('aria-label')).toBe('Reactions');
    expect(buttons.map(button => [button.textContent, button.getAttribute('aria-pressed'), button.getAttribute('aria-label')])).toEqual([
      ['👍 2', 'true', '👍 2 reactions from You and Alice Martin'],
      ['🎉 1', 'false', '🎉 1 reaction from Alice Martin'],
    ]);
    const toggle = jest.spyOn(session.actions, 'toggleReaction').mockResolvedValue();
    buttons[1].click();
    await page.waitForChanges();
    expect(toggle).toHaveBeenCalledWith(base.conversation, base.id, '🎉');
    toggle.mockRejectedValue(new Error('not connected'));
    buttons[0].click();
    await page.waitForChanges();
    await page.waitForChanges();
    expect(shadow.querySelector('[part="action-error"]')!.textContent).toBe('Could not react: not connected');
    // A retracted message shows no reactions.
    expect((await render({ ...reacted, body: '', retractedAt: 2 })).shadow.querySelector('[part="reactions"]')).toBeNull();
  });

  it('React in the menu opens the emoji picker; picking toggles that reaction and closes it', async () => {
    const { page, shadow, session } = await render(base);
    const toggle = jest.spyOn(session.actions, 'toggleReaction').mockResolvedValue();
    (shadow.querySelector('button[part="actions-button"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    (shadow.querySelector('[data-action="react"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    const picker = shadow.querySelector('natter-emoji-picker')!;
    expect(picker).not.toBeNull();
    picker.dispatchEvent(new CustomEvent('natterEmojiSelect', { detail: { emoji: '🐢' }, bubbles: true, composed: true }));
    await page.waitForChanges();
    expect(toggle).toHaveBeenCalledWith(base.conversation, base.id, '🐢');
    expect(shadow.querySelector('natter-emoji-picker')).toBeNull();
  });

  it('offers a room moderator “Remove as moderator” on others’ messages, with an optional reason; a moderated message says who and why', async () => {
    const ROOM = 'lobby@rooms.demo.natter.chat';
    const theirs: Message = { ...base, conversation: ROOM, from: `${ROOM}/bob`, nick: 'bob', stanzaId: 'st1' };
    const { page, shadow, session } = await render(theirs);
    const moderator = { nick: 'me', role: 'moderator' as const, affiliation: 'owner' as const, show: 'online' as const };
    const features = { membersOnly: false, passwordProtected: false, persistent: true, public: true, moderated: false, nonAnonymous: false, occupantId: false, mam: true, moderation: true };
    session.dispatch({ type: 'roomJoined', room: ROOM, self: moderator, features });
    page.root!.message = { ...theirs };
    await page.waitForChanges();
    (shadow.querySelector('button[part="actions-button"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(Array.from(shadow.querySelectorAll('[role="menuitem"]')).map(item => item.getAttribute('data-action'))).toEqual(['react', 'reply', 'thread', 'moderate']);
    (shadow.querySelector('[data-action="moderate"]') as HTMLButtonElement).click();
    await page.waitForChanges();
    const reason = shadow.querySelector('input[part="reason-input"]') as HTMLInputElement;
    expect(reason.getAttribute('aria-label')).toBe('Reason (optional)');
    reason.value = ' spam ';
    reason.dispatchEvent(new Event('input'));
    const moderate = jest.spyOn(session.actions, 'moderateMessage').mockResolvedValue();
    (shadow.querySelector('[part="confirm"] button') as HTMLButtonElement).click();
    await page.waitForChanges();
    expect(moderate).toHaveBeenCalledWith(ROOM, theirs.id, 'spam');

    const removed = await render({ ...theirs, body: '', retractedAt: 3, moderated: { by: 'carol', reason: 'spam' } });
    expect(removed.shadow.querySelector('[part="retracted"]')!.textContent).toBe('Removed by carol, a moderator. Reason: spam');
    const anonymous = await render({ ...theirs, body: '', retractedAt: 3, moderated: {} });
    expect(anonymous.shadow.querySelector('[part="retracted"]')!.textContent).toBe('Removed by a moderator.');
  });

  it('a long press (contextmenu) opens the action menu; on a link the browser keeps its own', async () => {
    const url = 'https://example.org/notes.pdf';
    const { page, shadow } = await render({ ...base, body: `notes ${url}`, attachment: { url, name: 'notes.pdf' } });
    const link = shadow.querySelector('a[part="file"]')!;
    const onLink = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(onLink);
    await page.waitForChanges();
    expect(onLink.defaultPrevented).toBe(false);
    expect(shadow.querySelector('[role="menu"]')).toBeNull();
    const press = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, composed: true });
    shadow.querySelector('[part="body"]')!.dispatchEvent(press);
    await page.waitForChanges();
    expect(press.defaultPrevented).toBe(true);
    expect(shadow.querySelector('[role="menu"]')).not.toBeNull();
  });

  it('a thread (XEP-0201): the menu opens the thread a message is in, or starts one from it; the first message of a thread shows its replies', async () => {
    const opened: unknown[] = [];
    const inThread = await render({ ...base, thread: { id: 't1' } });
    inThread.page.root!.addEventListener('natterMessageThreadOpen', (event: Event) => opened.push((event as CustomEvent).detail));
    (inThread.shadow.querySelector('button[part="actions-button"]') as HTMLButtonElement).click();
    await inThread.page.waitForChanges();
    const item = inThread.shadow.querySelector('[data-action="thread"]') as HTMLButtonElement;
    expect(item.textContent).toBe('Open thread');
    item.click();
    await inThread.page.waitForChanges();
    expect(opened).toEqual([{ conversation: base.conversation, id: base.id, thread: 't1' }]);

    const plain = await render(base);
    plain.page.root!.addEventListener('natterMessageThreadOpen', (event: Event) => opened.push((event as CustomEvent).detail));
    (plain.shadow.querySelector('button[part="actions-button"]') as HTMLButtonElement).click();
    await plain.page.waitForChanges();
    expect(plain.shadow.querySelector('[data-action="thread"]')!.textContent).toBe('Reply in thread');
    (plain.shadow.querySelector('[data-action="thread"]') as HTMLButtonElement).click();
    expect(opened[1]).toEqual({ conversation: base.conversation, id: base.id });

    plain.page.root!.threadStarted = { id: 't2', replies: 3 };
    await plain.page.waitForChanges();
    const button = plain.shadow.querySelector('button[part="thread-button"]') as HTMLButtonElement;
    expect(button.textContent).toBe('3 replies');
    button.click();
    expect(opened[2]).toEqual({ conversation: base.conversation, id: base.id, thread: 't2' });
  });

  it('shows what a reply (XEP-0461) answers from the store, a button that asks the chatbox to scroll to it', async () => {
    const { session } = await signedInDemoSession();
    const original: Message = { ...base, id: 'orig', originId: 'o-orig', body: 'Are we still on for the XMPP meetup?' };
    session.dispatch({ type: 'message', message: original });
    const reply: Message = { ...base, id: 'rep', body: 'Yes!', replyTo: { id: 'o-orig', to: 'alice@demo.natter.chat/phone' } };
    const page = await newSpecPage({
      components: [NatterMessage],
      template: () => <natter-message message={reply} senderName="Alice" session={session}></natter-message>,
    });
    const shadow = page.root!.shadowRoot!;
    const quote = shadow.querySelector('button[part="reply-quote"]') as HTMLButtonElement;
    expect(quote.getAttribute('aria-label')).toBe('Reply to Alice Martin: Are we still on for the XMPP meetup?');
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe('Yes!');
    const selected: unknown[] = [];
    page.root!.addEventListener('natterMessageQuoteSelect', (event: Event) => selected.push((event as CustomEvent).detail));
    quote.click();
    expect(selected).toEqual([{ conversation: base.conversation, id: 'orig' }]);
    // A reply to something not held here says so, without a button.
    page.root!.message = { ...reply, id: 'rep2', replyTo: { id: 'unknown', to: 'alice@demo.natter.chat' } };
    await page.waitForChanges();
    expect(shadow.querySelector('[part="reply-quote"]')!.tagName).toBe('P');
    expect(shadow.querySelector('[part="reply-quote"]')!.textContent).toBe('Reply to an earlier message');
  });

  it('shows no edited marker on a message never corrected', async () => {
    const { shadow } = await render(base);
    expect(shadow.querySelector('[part="edited"]')).toBeNull();
    expect(shadow.querySelector('[part="versions"]')).toBeNull();
  });

  it('shows the start of a 100 KB body, and the whole of it when asked, in blocks', async () => {
    const body = 'word '.repeat(20_000) + 'https://example.org';
    const { page, shadow } = await render({ ...base, body });
    const shown = shadow.querySelector('[part="body"]')!.textContent!;
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(1_001);
    expect(body.startsWith(shown.slice(0, -1))).toBe(true);
    const button = shadow.querySelector('button[part="show-whole-button"]') as HTMLButtonElement;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-controls')).toBe('whole');
    expect(button.textContent).toBe('Show the whole message (100019 characters)');
    button.click();
    await page.waitForChanges();
    // Filled over frames: wait until the box says it holds everything.
    for (let frame = 0; frame < 500 && shadow.querySelector('[part~="whole-body"]')?.getAttribute('aria-busy') !== 'false'; frame++) {
      await new Promise(resolve => setTimeout(resolve, 5));
      await page.waitForChanges();
    }
    const whole = shadow.querySelector('[part~="whole-body"]')!;
    expect(whole.getAttribute('id')).toBe('whole');
    expect(whole.getAttribute('role')).toBe('region');
    expect(whole.getAttribute('aria-label')).toBe('Whole message');
    expect(whole.getAttribute('aria-busy')).toBe('false');
    expect(whole.textContent === body).toBe(true);
    expect(whole.querySelectorAll('.chunk').length).toBeGreaterThan(100);
    expect(shadow.querySelector('button[part="show-whole-button"]')!.getAttribute('aria-expanded')).toBe('true');
    expect(shadow.querySelector('button[part="show-whole-button"]')!.textContent).toBe('Show less of the message');
  });

  it('shows a short body whole, without the button', async () => {
    const { shadow } = await render({ ...base, body: 'x'.repeat(1000) });
    expect(shadow.querySelector('[part="body"]')!.textContent).toBe('x'.repeat(1000));
    expect(shadow.querySelector('[part="show-whole-button"]')).toBeNull();
  });

  it('clips a long sender name and shows a long earlier version cut', async () => {
    const { page, shadow } = await render({ ...base, earlierVersions: [{ body: 'v'.repeat(50_000), timestamp: 1 }] });
    page.root!.senderName = 'N'.repeat(10_000);
    await page.waitForChanges();
    expect(shadow.querySelector('[part="sender"]')!.textContent).toBe(`${'N'.repeat(199)}…`);
    const version = shadow.querySelector('[part="version"] .version-body')!.textContent!;
    expect(version.length).toBe(1_001);
    expect(version.endsWith('…')).toBe(true);
  });

  describe('shared files', () => {
    const url = 'https://upload.example.org/slot/1/photo.jpg';
    const withFile = (attachment: Message['attachment'], body = attachment!.url): Message => ({ ...base, body, attachment });

    it('shows an image lazily, without a referrer, inside a link that opens it safely; the URL body is not repeated', async () => {
      const { shadow } = await render(withFile({ url, name: 'photo.jpg', mediaType: 'image/jpeg', size: 2000 }));
      const img = shadow.querySelector('img[part="image"]') as HTMLImageElement;
      expect(img.getAttribute('src')).toBe(url);
      expect(img.getAttribute('loading')).toBe('lazy');
      expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
      expect(img.getAttribute('alt')).toBe('Image: photo.jpg');
      const link = img.closest('a')!;
      expect(link.getAttribute('href')).toBe(url);
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(shadow.querySelector('[part="body"]')).toBeNull();
    });

    it('keeps a caption that is not the URL', async () => {
      const { shadow } = await render(withFile({ url, name: 'photo.jpg' }, 'The orchard at night'));
      expect(shadow.querySelector('[part="body"]')!.textContent).toBe('The orchard at night');
      expect(shadow.querySelector('img[part="image"]')).not.toBeNull();
    });

    it('loads an image over 10 MB only when asked', async () => {
      const { page, shadow } = await render(withFile({ url, name: 'huge.jpg', mediaType: 'image/jpeg', size: 25_000_000 }));
      expect(shadow.querySelector('img')).toBeNull();
      const show = shadow.querySelector('[part="show-image-button"]') as HTMLButtonElement;
      expect(show.textContent).toBe('Show the image (25 MB)');
      expect(shadow.querySelector('[part="file"]')!.textContent).toContain('huge.jpg, 25 MB');
      show.click();
      await page.waitForChanges();
      expect(shadow.querySelector('img[part="image"]')!.getAttribute('src')).toBe(url);
    });

    it('shows the link instead of an image that fails to load', async () => {
      const { page, shadow } = await render(withFile({ url, name: 'photo.jpg', mediaType: 'image/jpeg' }));
      shadow.querySelector('img')!.dispatchEvent(new Event('error'));
      await page.waitForChanges();
      expect(shadow.querySelector('img')).toBeNull();
      expect(shadow.textContent).toContain('The image could not be loaded.');
      expect(shadow.querySelector('[part="file"]')!.getAttribute('href')).toBe(url);
    });

    it('shows another file as a link with its name and size', async () => {
      const pdf = 'https://upload.example.org/slot/2/report.pdf';
      const { shadow } = await render(withFile({ url: pdf, name: 'report.pdf', mediaType: 'application/pdf', size: 1_234_567 }));
      const link = shadow.querySelector('a[part="file"]')!;
      expect(link.getAttribute('href')).toBe(pdf);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(link.textContent).toContain('report.pdf, 1.2 MB');
    });

    it('plays a voice message in an audio player named after its sender, with the length the sender gave', async () => {
      const voice = 'https://upload.example.org/slot/3/voice.webm';
      const { shadow } = await render(withFile({ url: voice, name: 'voice.webm', mediaType: 'audio/webm', duration: 5300 }));
      const player = shadow.querySelector('natter-audio-player')!;
      expect(player.getAttribute('part')).toBe('audio-player');
      expect((player as HTMLNatterAudioPlayerElement).src).toBe(voice);
      expect((player as HTMLNatterAudioPlayerElement).duration).toBe(5300);
      expect((player as HTMLNatterAudioPlayerElement).label).toBe('Voice message from Alice');
    });

    it('shows no file from a URL that is unsafe to load or link (whatever adapter made the message); the body stays text', async () => {
      const { shadow } = await render(withFile({ url: 'javascript:alert(1)', name: 'x.png', mediaType: 'image/png' }));
      expect(shadow.querySelector('[part="attachment"], img, a[href^="javascript"]')).toBeNull();
      expect(shadow.querySelector('[part="body"]')!.textContent).toBe('javascript:alert(1)');
    });

    it('shows a video with controls that fetches nothing before it is played', async () => {
      const clip = 'https://upload.example.org/slot/4/clip.mp4';
      const { shadow } = await render(withFile({ url: clip, name: 'clip.mp4' }));
      const video = shadow.querySelector('video[part="video"]')!;
      expect(video.getAttribute('src')).toBe(clip);
      expect(video.hasAttribute('controls')).toBe(true);
      expect(video.getAttribute('preload')).toBe('none');
    });
  });
});
