import type { Config } from '@stencil/core';
import { angularOutputTarget } from '@stencil/angular-output-target';
import { reactOutputTarget } from '@stencil/react-output-target';
import { vueOutputTarget } from '@stencil/vue-output-target';
import { readdirSync } from 'fs';
import { dirname, join } from 'path';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
// Stencil only picks puppeteer-core from browserExecutablePath; the binary itself comes from this variable.
process.env.PUPPETEER_EXECUTABLE_PATH ??= CHROMIUM;
// Shared with scripts/test.mjs, which launches the same Chromium.
const CHROMIUM_ARGS: string[] = require('./tests/chromium-args.cjs');

// `stencil test` (the spec and browser tests) builds in dev mode, for the browser tests' www build only.
const TEST_TASK = process.argv.includes('test');

/**
 * Replaces i18n/locale-files.ts (which reads the folder, for Node) with one dynamic import per
 * i18n/locales/<tag>.json but English, so Rollup makes each locale a chunk of its own that a page
 * fetches only when it sets that locale. The list comes from the files at build time: adding a
 * locale is adding its file (docs/decisions/0020-locales.md).
 */
const localeChunks = {
  name: 'natter-locale-chunks',
  transform(_code: string, id: string) {
    if (!/[\\/]i18n[\\/]locale-files\.(ts|js)$/.test(id)) return null;
    const tags = readdirSync(join(dirname(id), 'locales'))
      .filter(file => file.endsWith('.json') && file !== 'en.json')
      .map(file => file.slice(0, -'.json'.length))
      .sort();
    const entries = tags.map(tag => `  ${JSON.stringify(tag)}: () => import(${JSON.stringify(`./locales/${tag}.json`)}).then(module => module.default),`);
    return { code: `export const localeLoaders = {\n${entries.join('\n')}\n};\n`, map: null };
  },
};

function packageTargets(): NonNullable<Config['outputTargets']> {
  return [
    // No collection output: with srcDir '.', Stencil would copy every .js file below the root (node_modules too) into it.
    { type: 'dist', esmLoaderPath: '../loader', collectionDir: null },
    { type: 'dist-custom-elements', customElementsExportBehavior: 'single-export-module', externalRuntime: false },
    // The custom-elements manifest: Storybook's autodocs read props, events, parts, slots and CSS
    // custom properties from it (docs/decisions/0011-storybook.md); it also ships with the package.
    { type: 'docs-custom-elements-manifest', file: 'dist/custom-elements.json' },
    // Framework wrappers (docs/decisions/0012-wrappers.md): generated source inside each wrapper's package
    // folder, over the custom-elements build above (`natter/components/*`), which bundlers can use; the
    // lazy loader cannot. scripts/packages.mjs compiles them into packages of their own (decision 0014).
    reactOutputTarget({ outDir: 'wrappers/react/src/generated', customElementsDir: 'components', stencilPackageName: 'natter' }),
    angularOutputTarget({
      componentCorePackage: 'natter',
      outputType: 'standalone',
      directivesProxyFile: 'wrappers/angular/src/generated/proxies.ts',
      directivesArrayFile: 'wrappers/angular/src/generated/index.ts',
      // The composer is a form control: ngModel and reactive forms write `value` and hear natterComposerInput.
      valueAccessorConfigs: [{ elementSelectors: ['natter-composer'], event: 'natterComposerInput', targetAttr: 'value', type: 'text' }],
    }),
    vueOutputTarget({
      componentCorePackage: 'natter',
      proxiesFile: 'wrappers/vue/src/generated/components.ts',
      includeImportCustomElements: true,
      // v-model on the composer: `value` in, natterComposerInput out (the element's value is already the new text).
      componentModels: [{ elements: ['natter-composer'], event: 'natterComposerInput', targetAttr: 'value' }],
    }),
  ];
}

export const config: Config = {
  namespace: 'natter',
  // Natter keeps components/, stores/, adapters/ at the top level (see docs/decisions/0001-top-level-layout.md).
  srcDir: '.',
  tsconfig: 'tsconfig.json',
  srcIndexHtml: 'www/index.html',
  // NATTER_NO_MINIFY=1 keeps names readable in profiles (scripts/trace-summary.mjs).
  ...(process.env.NATTER_NO_MINIFY && { minifyJs: false }),
  // `npm start` serves the showcase on loopback only and opens no browser (none on servers and CI).
  // A busy 2-core machine builds for longer than the default 15 s before the server may answer
  // (browser tests failed to start with "dev server startup timeout").
  devServer: { address: '127.0.0.1', port: 3333, openBrowser: false, startupTimeout: 120_000 },
  // The watcher sees the whole root; without this, each build's own output triggers the next one.
  watchIgnoredRegex: [/[\\/](dist|dist-www|loader|docs|node_modules|tests|bench|stories|storybook-static|\.storybook|wrappers|examples|\.stencil|\.git)[\\/]/, /components\.d\.ts$/, /bench-results\.json$/],
  // Lazy bundles by what a page uses together: a page with sign-in, roster and chatbox loads no
  // room list, sidebar or app shell, and the room badge loads only itself (`npm run bench` measures it).
  bundles: [
    { components: ['natter-session'] },
    { components: ['natter-login'] },
    { components: ['natter-roster'] },
    // Messages and the composer (with marked and DOMPurify) load when a conversation opens, not before.
    { components: ['natter-chatbox'] },
    { components: ['natter-message', 'natter-composer', 'natter-voice-recorder', 'natter-upload-button'] },
    // Only a conversation with audio loads the player.
    { components: ['natter-audio-player'] },
    // The emoji picker loads when React is first chosen; its emoji data (half a MB) after it, in a chunk of its own.
    { components: ['natter-emoji-picker'] },
    { components: ['natter-room-list'] },
    { components: ['natter-occupants'] },
    // The room settings panel loads when it is first opened.
    { components: ['natter-room-settings'] },
    { components: ['natter-room-badge'] },
    { components: ['natter-app'] },
  ],
  // @xmpp/client imports the `events` builtin; bundle the npm polyfill instead of leaving a bare import.
  nodeResolve: { preferBuiltins: false },
  // Rollup split the shared code into 25 chunks, most under 1 KB, which a lazy page fetches in a
  // waterfall (an entry, then its chunks, then theirs); on a busy 2-core machine each step costs
  // 50-100 ms. Code-only chunks under 4 KB are merged into the chunks loaded with them
  // (docs/decisions/0006): auto-login got 150-200 ms faster; the room badge's load grew 0.6 KiB.
  // Stencil passes no Rollup output options but `globals`, hence a plugin's outputOptions hook.
  rollupPlugins: { before: [localeChunks], after: [{ name: 'natter-merge-small-chunks', outputOptions: options => ({ ...options, experimentalMinChunkSize: 4000 }) }] },
  outputTargets: [
    // The package's builds (docs/decisions/0002, 0014). Not in the test task: its dev build would
    // overwrite the production build that `npm test` packs and installs into the examples, and that
    // `npm pack` publishes; the browser tests load the www build only.
    ...(TEST_TASK ? [] : packageTargets()),
    { type: 'docs-readme', dir: 'docs' },
    // www/ is the showcase source; the www target empties its dir, so it builds elsewhere.
    { type: 'www', dir: 'dist-www', serviceWorker: null, copy: [
      { src: 'www/showcase.js', dest: 'showcase.js' },
      // The page's own styles; not `globalStyle`, which Stencil also puts into every shadow root.
      { src: 'www/showcase.css', dest: 'showcase.css' },
      // The themes as a consumer links them (themes/ ships in the package), so the showcase switches between them.
      { src: 'themes', dest: 'themes' },
    ] },
  ],
  testing: {
    transform: { '^.+\\.(ts|tsx|jsx|css|mjs|js)$': '@stencil/core/testing/jest-preprocessor.js' },
    transformIgnorePatterns: ['/node_modules/(?!(@xmpp|ltx|linkifyjs|@noble|hsluv|@tanstack)/)'],
    moduleNameMapper: { '^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js' },
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-www/', '/www/'],
    // The packages' build folders (wrappers/*/dist, dist-packages) repeat package.json names jest would collide on.
    modulePathIgnorePatterns: ['<rootDir>/wrappers/[^/]+/dist/', '<rootDir>/dist-packages/', '<rootDir>/examples/[^/]+/(dist|node_modules)/'],
    setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
    // A private Prosody for the whole run (tests/prosody.ts reads its coordinates from process.env).
    globalSetup: '<rootDir>/tests/prosody/global-setup.ts',
    globalTeardown: '<rootDir>/tests/prosody/global-teardown.ts',
    browserExecutablePath: CHROMIUM,
    browserHeadless: 'shell',
    browserArgs: CHROMIUM_ARGS,
    // `npm test` starts Chromium itself, with time to spare, and hands over its endpoint: Stencil's own
    // launch gives up after 30 s, which a loaded 2-core machine building at the same moment can exceed.
    browserWSEndpoint: process.env.NATTER_BROWSER_WS || undefined,
  },
};
