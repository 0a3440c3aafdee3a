import { ARABIC, element, toneUrl } from './demo';

export default { title: 'Natter/Audio player', component: 'natter-audio-player', tags: ['autodocs'] };

function player(attributes: Record<string, string>) {
  return element('div', { style: 'max-inline-size: 24rem' }, element('natter-audio-player', attributes));
}

/** A voice message whose length the sender gave: nothing is fetched before Play. */
export const VoiceMessage = { render: () => player({ src: toneUrl(2), duration: '2000', label: 'Voice message from Alice' }) };

/** No length given: the player reads the file's metadata for it. */
export const LengthFromFile = { render: () => player({ src: toneUrl(3), label: 'Shared audio: tone.wav' }) };

/** The audio cannot be played (here: not found): it says so, with a link to the file. */
export const Unplayable = { render: () => player({ src: './missing-voice-message.ogg', label: 'Voice message from Bob' }) };

/** Right to left. */
export const RightToLeft = { globals: { direction: 'rtl' }, render: () => player({ src: toneUrl(2), duration: '2000', label: `رسالة صوتية من ${ARABIC.name}` }) };

/** Dark theme. */
export const Dark = { ...VoiceMessage, globals: { theme: 'dark' } };
