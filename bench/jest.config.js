// Jest config for `npm run bench` (scripts/bench.mjs). Plain jest in Node, not `stencil test`:
// that would rebuild the dev www output on every run and launch its own browser. The transform,
// the Prosody started per run (globalSetup) and the WebSocket polyfill are the test suite's own.
const path = require('node:path');

const root = path.join(__dirname, '..');
module.exports = {
  rootDir: root,
  roots: ['<rootDir>/bench'],
  testEnvironment: 'node',
  testRegex: '/bench/.*\\.bench\\.ts$',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(ts|tsx|mjs|js)$': '@stencil/core/testing/jest-preprocessor.js' },
  transformIgnorePatterns: ['/node_modules/(?!(@xmpp|ltx|linkifyjs|@noble|hsluv)/)'],
  setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
  globalSetup: '<rootDir>/tests/prosody/global-setup.ts',
  globalTeardown: '<rootDir>/tests/prosody/global-teardown.ts',
};
