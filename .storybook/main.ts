import type { StorybookConfig } from '@storybook/web-components-vite';

// Manual setup: `storybook init` pulls in addons, vitest and Playwright browsers we neither use
// nor can download on machines without internet access (docs/decisions/0011-storybook.md). `npm run build` must run first: the preview
// registers the components from dist/components and reads dist/custom-elements.json.
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
