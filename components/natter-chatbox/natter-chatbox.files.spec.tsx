/** Files dropped on or pasted into natter-chatbox take the upload button's path (session.actions.sendFile). */
import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { NatterChatbox } from './natter-chatbox';
import { signedInDemoSession } from '../shared/demo-session';

const ALICE = 'alice@demo.natter.chat';

async function chatbox() {
  const { session, adapter } = await signedInDemoSession();
  const page = await newSpecPage({
    components: [NatterChatbox],
    template: () => <natter-chatbox session={session} conversation={ALICE}></natter-chatbox>,
  });
  await page.waitForChanges();
  const shadow = page.root!.shadowRoot!;
  const base = shadow.querySelector('section[part="base"]')!;
  const sendFile = jest.spyOn(session.actions, 'sendFile').mockImplementation(() => 'u1');
  return { page, session, adapter, shadow, base, sendFile };
}

/** A drag or clipboard event as the browser makes it (mock-doc has no DataTransfer). */
function withData(type: string, files: File[], key: 'dataTransfer' | 'clipboardData', types = files.length ? ['Files'] : ['text/plain']): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, key, { value: { types, files, dropEffect: 'none' } });
  return event;
}

const file = (name: string) => new File(['x'], name, { type: 'text/plain' });

describe('files dropped on or pasted into natter-chatbox', () => {
  it('shows a drop zone naming the conversation while files are dragged over, and sends each dropped file', async () => {
    const { page, shadow, base, sendFile } = await chatbox();
    const enter = withData('dragenter', [file('a.txt')], 'dataTransfer');
    base.dispatchEvent(enter);
    await page.waitForChanges();
    expect(enter.defaultPrevented).toBe(true);
    expect(shadow.querySelector('[part="drop-zone"]')!.textContent).toBe('Drop files to send them to Alice Martin');
    const a = file('a.txt');
    const b = file('b.txt');
    const drop = withData('drop', [a, b], 'dataTransfer');
    shadow.querySelector('[part="drop-zone"]')!.dispatchEvent(drop);
    await page.waitForChanges();
    expect(drop.defaultPrevented).toBe(true);
    expect(sendFile.mock.calls).toEqual([
      [ALICE, a],
      [ALICE, b],
    ]);
    expect(shadow.querySelector('[part="drop-zone"]')).toBeNull();
    expect(shadow.querySelector('[part="file-status"]')!.textContent).toBe('Sending 2 files');
  });

  it('ignores drags of text (no drop zone, the browser does what it does)', async () => {
    const { page, shadow, base } = await chatbox();
    const enter = withData('dragenter', [], 'dataTransfer');
    base.dispatchEvent(enter);
    await page.waitForChanges();
    expect(enter.defaultPrevented).toBe(false);
    expect(shadow.querySelector('[part="drop-zone"]')).toBeNull();
  });

  it('hides the drop zone when the drag leaves it', async () => {
    const { page, shadow, base } = await chatbox();
    base.dispatchEvent(withData('dragenter', [file('a.txt')], 'dataTransfer'));
    await page.waitForChanges();
    shadow.querySelector('[part="drop-zone"]')!.dispatchEvent(withData('dragleave', [file('a.txt')], 'dataTransfer'));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="drop-zone"]')).toBeNull();
  });

  it('sends pasted files and leaves text pastes to the composer', async () => {
    const { page, base, sendFile } = await chatbox();
    const text = withData('paste', [], 'clipboardData');
    base.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);
    expect(sendFile).not.toHaveBeenCalled();
    const image = file('shot.png');
    const paste = withData('paste', [image], 'clipboardData');
    base.dispatchEvent(paste);
    await page.waitForChanges();
    expect(paste.defaultPrevented).toBe(true);
    expect(sendFile).toHaveBeenCalledWith(ALICE, image);
  });

  it('sends nothing and says why when the server takes no files', async () => {
    const { page, shadow, base, session, sendFile } = await chatbox();
    session.dispatch({ type: 'features', features: { carbons: false, mam: false, streamManagement: false } });
    base.dispatchEvent(withData('dragenter', [file('a.txt')], 'dataTransfer'));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="drop-zone"]')!.textContent).toBe('This server does not accept files.');
    shadow.querySelector('[part="drop-zone"]')!.dispatchEvent(withData('drop', [file('a.txt')], 'dataTransfer'));
    await page.waitForChanges();
    expect(sendFile).not.toHaveBeenCalled();
    expect(shadow.querySelector('[part="file-status"]')!.textContent).toBe('This server does not accept files.');
  });

  it('takes no files in a room where we have no voice', async () => {
    const { page, shadow, session, sendFile } = await chatbox();
    const room = 'lounge@rooms.demo.natter.chat';
    await new Promise(resolve => setTimeout(resolve, 0));
    page.root!.setAttribute('conversation', room);
    await page.waitForChanges();
    const base = shadow.querySelector('section[part="base"]')!;
    // With a voice, the room takes files…
    base.dispatchEvent(withData('dragenter', [file('a.txt')], 'dataTransfer'));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="drop-zone"]')).not.toBeNull();
    shadow.querySelector('[part="drop-zone"]')!.dispatchEvent(withData('dragleave', [file('a.txt')], 'dataTransfer'));
    // …without one, it does not.
    const self = session.conversation(room).get('room')!.self!;
    session.dispatch({ type: 'occupant', room, occupant: { ...self, role: 'visitor' } });
    await page.waitForChanges();
    base.dispatchEvent(withData('dragenter', [file('a.txt')], 'dataTransfer'));
    base.dispatchEvent(withData('paste', [file('a.txt')], 'clipboardData'));
    await page.waitForChanges();
    expect(shadow.querySelector('[part="drop-zone"]')).toBeNull();
    expect(sendFile).not.toHaveBeenCalled();
  });
});
