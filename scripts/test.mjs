#!/usr/bin/env node
// `npm test`: make sure the system packages exist, then run every spec and e2e test with Stencil's jest.
// Prosody itself is started by jest's globalSetup (tests/prosody/global-setup.ts).
// Extra arguments are passed on: `npm test -- tests/` or `npm test -- --testNamePattern=roster`.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SYSTEM = [
  { pkg: 'prosody', bins: ['/usr/bin/prosody', '/usr/bin/prosodyctl'] },
  { pkg: 'chromium', bins: ['/usr/bin/chromium'] },
  // Community modules Prosody loads for XEP-0425 moderation (mod_muc_moderation) and SASL2/Bind2/FAST
  // (mod_sasl2*), from Debian's prosody-modules.
  { pkg: 'prosody-modules', bins: ['/usr/lib/prosody/modules/mod_muc_moderation/mod_muc_moderation.lua', '/usr/lib/prosody/modules/mod_sasl2_fast/mod_sasl2_fast.lua'] },
];

const missing = SYSTEM.filter(p => p.bins.some(b => !existsSync(b))).map(p => p.pkg);
if (missing.length) {
  const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`[test] missing system packages: ${missing.join(', ')}. Run as root:\n  apt-get update && ${install}`);
    process.exit(1);
  }
  for (const cmd of ['apt-get update', install]) {
    console.log(`[test] missing ${missing.join(', ')}; running: ${cmd}`);
    const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      console.error(`[test] "${cmd}" failed (exit ${r.status ?? r.signal})`);
      process.exit(1);
    }
  }
  const still = SYSTEM.filter(p => p.bins.some(b => !existsSync(b))).map(p => p.pkg);
  if (still.length) {
    console.error(`[test] still missing after apt-get: ${still.join(', ')}`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules', '.bin', 'stencil'))) {
  console.error('[test] node_modules is missing: run npm install first');
  process.exit(1);
}

const env = { ...process.env };
env.PUPPETEER_EXECUTABLE_PATH ||= '/usr/bin/chromium';

// The test build does not stop on type errors, so a type-checked production build comes first.
console.log('[test] npx stencil build (type check and production outputs)');
// components.d.ts is generated: one left from before a component gained a prop fails the type check
// of specs that use it until a second build. Without it, the build writes a fresh one first.
rmSync(join(root, 'components.d.ts'), { force: true });
const build = spawnSync('npx', ['stencil', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env } });
if (build.status !== 0) {
  console.error('[test] stencil build failed: fix the errors above first');
  console.log('Tests: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const extra = process.argv.slice(2);

// Which test files the run will reach, as jest decides it: each argument that is not a flag is a
// regular expression (case-insensitive) matched against a test file's absolute path; none means every
// file, and so does a pattern jest cannot compile (it then runs everything).
const paths = extra.filter(a => !a.startsWith('-'));
const runs = file => {
  if (paths.length === 0) return true;
  const path = join(root, file);
  try {
    return new RegExp(paths.join('|'), 'i').test(path);
  } catch {
    return true;
  }
};
// Storybook is built from dist/ (the build above) for the axe sweep over every story
// (tests/storybook/stories.e2e.ts); a run that does not reach that file skips it.
if (runs('tests/storybook/stories.e2e.ts')) {
  // Vite only strips the stories' types; check them against the build's declarations first.
  console.log('[test] npx tsc -p stories/tsconfig.json (type check of the stories)');
  const typecheck = spawnSync('npx', ['--no-install', 'tsc', '-p', 'stories/tsconfig.json'], { cwd: root, stdio: 'inherit', env: { ...process.env } });
  if (typecheck.status !== 0) {
    console.error('[test] the stories do not type-check: fix the errors above first');
    console.log('Tests: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  console.log('[test] npx storybook build (for the axe sweep over every story)');
  const started = Date.now();
  // --no-install: a node_modules from before Storybook was added must fail here, not fetch the latest.
  const storybook = spawnSync('npx', ['--no-install', 'storybook', 'build', '--output-dir', 'storybook-static', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env } });
  if (storybook.status !== 0) {
    console.error('[test] storybook build failed: run `npm install`, then `npx storybook build` to see why');
    console.log('Tests: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  console.log(`[test] storybook built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
// The four packages are packed from that output (scripts/packages.mjs) and the example apps install the
// tarballs and build (scripts/build-examples.mjs, which packs first), for tests/packages.spec.ts and
// tests/e2e/examples.e2e.ts; a run that reaches neither file skips both.
const examples = runs('tests/e2e/examples.e2e.ts');
if (examples || runs('tests/packages.spec.ts')) {
  const script = examples ? 'build-examples.mjs' : 'packages.mjs';
  console.log(`[test] node scripts/${script} (${examples ? 'the four packages, and the example apps that install them' : 'the four packages'})`);
  const built = spawnSync(process.execPath, [join(root, 'scripts', script)], { cwd: root, stdio: 'inherit', env: { ...process.env } });
  if (built.status !== 0) {
    console.error(`[test] ${examples ? 'a package or an example app' : 'a package'} did not build: a wrapper or an example is broken (see above)`);
    console.log('Tests: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
}
// 2 cores on CI; Stencil would otherwise ask jest for 8 workers.
const workers = extra.some(a => /^--max-?workers|^--maxWorkers|^-w$|^--runInBand$|^-i$/i.test(a)) ? [] : ['--max-workers=2'];
// jest also writes its results as JSON, so the run can end with one plain "N passed, N failed" line.
const resultsFile = join(mkdtempSync(join(tmpdir(), 'natter-results-')), 'results.json');
const args = ['stencil', 'test', '--spec', '--e2e', ...workers, ...extra, '--json', `--outputFile=${resultsFile}`];
console.log(`[test] npx ${args.join(' ')}`);
// Chromium starts here, before Stencil builds, with up to 3 minutes to come up (Stencil's own launch
// allows 30 s, too little on a loaded machine); Stencil connects to it and closes it at the end.
const require = createRequire(import.meta.url);
let browser;
try {
  const puppeteer = require('puppeteer-core');
  browser = await puppeteer.launch({
    executablePath: env.PUPPETEER_EXECUTABLE_PATH,
    headless: 'shell',
    args: require('../tests/chromium-args.cjs'),
    timeout: 180_000,
  });
  env.NATTER_BROWSER_WS = browser.wsEndpoint();
  browser.disconnect();
} catch (error) {
  console.error(`[test] Chromium did not start: ${error instanceof Error ? error.message : error}`);
  console.log('Tests: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
const t0 = Date.now();
const child = spawn('npx', args, { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  console.log(`[test] finished in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${code ?? signal})`);
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(`Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`);
  } catch {
    console.log('[test] jest wrote no results (it did not get to run the tests)');
  }
  rmSync(dirname(resultsFile), { recursive: true, force: true });
  // Stencil closes the browser when it is done; this ends it (by its pid) if the run did not get there.
  browser?.process()?.kill();
  process.exit(code ?? 1);
});
