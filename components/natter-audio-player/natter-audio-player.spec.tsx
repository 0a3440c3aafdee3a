import { h } from '@stencil/core';
import { newSpecPage } from '@stencil/core/testing';
import { NatterAudioPlayer } from './natter-audio-player';

async function render(duration?: number) {
  const page = await newSpecPage({
    components: [NatterAudioPlayer],
    template: () => <natter-audio-player src="https://upload.example.org/v.webm" duration={duration} label="Voice message from Alice"></natter-audio-player>,
  });
  const shadow = page.root!.shadowRoot!;
  return { page, shadow, slider: shadow.querySelector('input[part="position"]') as HTMLInputElement };
}

describe('natter-audio-player', () => {
  it('names its controls after what it plays and shows the length the sender gave', async () => {
    const { shadow, slider } = await render(12_000);
    expect(shadow.querySelector('[part="base"]')!.getAttribute('aria-label')).toBe('Voice message from Alice');
    expect(shadow.querySelector('[part="play-button"]')!.getAttribute('aria-label')).toBe('Play: Voice message from Alice');
    expect(slider.getAttribute('max')).toBe('12000');
    expect(slider.getAttribute('aria-valuetext')).toBe('0:00 / 0:12');
    expect(shadow.querySelector('[part="time"]')!.textContent).toBe('0:00 / 0:12');
  });

  it('fetches nothing before play, not even the length when the sender did not give it', async () => {
    expect((await render(12_000)).shadow.querySelector('audio')!.getAttribute('preload')).toBe('none');
    const unknown = await render();
    expect(unknown.shadow.querySelector('audio')!.getAttribute('preload')).toBe('none');
    expect(unknown.slider.hasAttribute('disabled')).toBe(true);
  });

  it('plays nothing from a URL that is not http(s) or blob:, and links nothing', async () => {
    const page = await newSpecPage({
      components: [NatterAudioPlayer],
      template: () => <natter-audio-player src="javascript:alert(1)" duration={2000}></natter-audio-player>,
    });
    const shadow = page.root!.shadowRoot!;
    expect(shadow.querySelector('audio')!.hasAttribute('src')).toBe(false);
    expect(shadow.querySelector('[part="error"]')!.textContent).toContain('This audio cannot be played here.');
    expect(shadow.querySelector('a')).toBeNull();
  });

  it('moves ten seconds with Page Up and Page Down, within the length', async () => {
    const { page, slider } = await render(25_000);
    slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp' }));
    await page.waitForChanges();
    expect(slider.getAttribute('aria-valuetext')).toBe('0:10 / 0:25');
    for (let i = 0; i < 3; i++) slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp' }));
    await page.waitForChanges();
    expect(slider.getAttribute('aria-valuetext')).toBe('0:25 / 0:25');
    for (let i = 0; i < 4; i++) slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown' }));
    await page.waitForChanges();
    expect(slider.getAttribute('aria-valuetext')).toBe('0:00 / 0:25');
  });

  it('says when the audio cannot be played, with a safe link to the file', async () => {
    const { page, shadow } = await render(12_000);
    shadow.querySelector('audio')!.dispatchEvent(new Event('error'));
    await page.waitForChanges();
    const error = shadow.querySelector('[part="error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('This audio cannot be played here.');
    const link = error.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://upload.example.org/v.webm');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
