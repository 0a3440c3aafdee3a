import { ALICE, element, inDemoSession, inShadow } from './demo';

export default { title: 'Natter/Voice recorder', component: 'natter-voice-recorder', tags: ['autodocs'] };

const recorder = () => element('natter-voice-recorder', { conversation: ALICE });
const box = { height: 'auto' };

type Play = { canvasElement: HTMLElement };
const record = async ({ canvasElement }: Play) => (await inShadow(canvasElement, 'natter-voice-recorder', '[part="record-button"]')).click();

/** Ready to record a voice message for Alice. */
export const Ready = { render: () => inDemoSession(recorder, box) };

/** Signed out: recording is disabled. */
export const Offline = { render: () => inDemoSession(recorder, { ...box, signIn: 'never' }) };

/** Recording: the time, the input level, Cancel and Send (the browser asks for the microphone). */
export const Recording = {
  render: () => inDemoSession(recorder, box),
  play: async (context: Play) => {
    await record(context);
    await inShadow(context.canvasElement, 'natter-voice-recorder', '[part="recording"]');
  },
};

/** The microphone was refused: it says so (played here by a refusing getUserMedia). */
export const MicrophoneRefused = {
  render: () => inDemoSession(recorder, box),
  play: async (context: Play) => {
    const devices = navigator.mediaDevices;
    const original = devices?.getUserMedia;
    if (devices) devices.getUserMedia = () => Promise.reject(new DOMException('refused in this story', 'NotAllowedError'));
    try {
      await record(context);
      await inShadow(context.canvasElement, 'natter-voice-recorder', '[part="error"]');
    } finally {
      // Only this story refuses: the next one gets the browser's microphone again.
      if (devices && original) devices.getUserMedia = original;
    }
  },
};

/** Right to left. */
export const RightToLeft = { ...Ready, globals: { direction: 'rtl' } };

/** Dark theme, recording. */
export const Dark = { ...Recording, globals: { theme: 'dark' } };
