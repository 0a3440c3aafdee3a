import { ALICE, element, inDemoSession, inShadow, type Session } from './demo';

export default { title: 'Natter/Upload button', component: 'natter-upload-button', tags: ['autodocs'] };

const box = { height: 'auto' };
const button = () => element('div', { style: 'display: flex; flex-wrap: wrap; gap: 8px; align-items: center; max-inline-size: 40rem' }, element('natter-upload-button', { conversation: ALICE }));

/** Sends files as a user picks them; `bytes` of zeros stand for a file's content. */
function send(session: Session, name: string, bytes: number, type = 'application/octet-stream'): void {
  session.actions.sendFile(ALICE, new File([new Uint8Array(bytes)], name, { type }));
}

/** Ready: the button opens the file picker (several files at once). */
export const Ready = { render: () => inDemoSession(button, box) };

/** Files on their way: name, size, progress and Cancel (the demo server never finishes here). */
export const Uploading = {
  render: () =>
    inDemoSession(
      session => {
        send(session, 'slides.pdf', 240_000, 'application/pdf');
        send(session, 'team-photo.jpg', 1_800_000, 'image/jpeg');
        return button();
      },
      { ...box, stall: ['upload'] },
    ),
};

/** Failed uploads say why: over the server's 10 MB limit, and a dropped connection (with Retry). */
export const Failed = {
  render: () =>
    inDemoSession(
      session => {
        send(session, 'holiday-video.mp4', 11_000_000, 'video/mp4');
        send(session, 'minutes.pdf', 180_000, 'application/pdf');
        return button();
      },
      { ...box, fail: ['upload'] },
    ),
};

/** A server without an upload service: pressing the button says so instead of opening the picker. */
export const NoUploadService = {
  render: () =>
    inDemoSession(session => {
      const features = session.connection.get('features');
      session.dispatch({ type: 'features', features: { ...features!, upload: undefined } });
      return button();
    }, box),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    (await inShadow(canvasElement, 'natter-upload-button', '[part="button"]')).click();
    await inShadow(canvasElement, 'natter-upload-button', '[part="unavailable"]');
  },
};

/** Right to left, a file on its way. */
export const RightToLeft = { ...Uploading, globals: { direction: 'rtl' } };

/** Dark theme, with failed uploads. */
export const Dark = { ...Failed, globals: { theme: 'dark' } };
