import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import * as natter from '../dist/components/index.js';
import manifest from '../dist/custom-elements.json';
import '../themes/index.css';
import './preview.css';

// The custom-elements build, not the lazy loader: Vite does not serve the loader's entry chunks
// (they 404 and the elements never upgrade). Stories take createSession and the demo adapter from
// the same build, since each build bundles its own copy of the stores (docs/decisions/0011).
for (const [name, define] of Object.entries(natter)) {
  if (name.startsWith('defineCustomElement') && typeof define === 'function') (define as () => void)();
}

// Autodocs read props, events, parts, slots and CSS custom properties from Stencil's manifest.
setCustomElementsManifest(manifest);

/** Each rendered story's frame, by story id, so its sessions can be ended when it goes away. */
const frames = new Map<string, HTMLElement>();

/**
 * Wraps every story in a frame that carries the theme (the shipped themes/*.css, chosen with
 * data-natter-theme) and reading direction from the toolbar, or the story's own `globals`, so
 * Dark and RTL stories are ordinary stories the axe sweep visits.
 */
const frame: Decorator = (story, context) => {
  const element = document.createElement('div');
  element.className = 'natter-story';
  element.dataset.natterTheme = String(context.globals.theme ?? 'light');
  element.dir = String(context.globals.direction ?? 'ltr');
  element.dataset.viewMode = context.viewMode;
  if (element.dir === 'rtl') element.lang = 'ar';
  element.append(story() as unknown as Node);
  frames.set(context.id, element);
  return element as unknown as ReturnType<typeof story>;
};

const preview: Preview = {
  decorators: [frame],
  // Demo sessions keep timers (replies, ambient traffic): end them when their story goes away,
  // so the next story does not pay for, or hear from, the last one.
  beforeEach: context => () => {
    const element = frames.get(context.id);
    frames.delete(context.id);
    for (const host of element?.querySelectorAll<HTMLElement & { session?: { dispose(): void } }>('natter-session') ?? []) {
      host.session?.dispose();
    }
    // The strings are the page's: a story in another language leaves English for the next one.
    natter.resetMessages();
  },
  globalTypes: {
    theme: {
      description: 'Colour theme (global tokens)',
      toolbar: { title: 'Theme', icon: 'paintbrush', items: ['light', 'dark', 'auto', 'high-contrast', 'brand-grape'], dynamicTitle: true },
    },
    direction: {
      description: 'Reading direction',
      toolbar: { title: 'Direction', icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', direction: 'ltr' },
  parameters: {
    // A play function that throws shows Storybook's error display instead of a half-set-up story
    // (by default it is only logged), so the axe sweep reports the story as failed.
    throwPlayFunctionExceptions: true,
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
