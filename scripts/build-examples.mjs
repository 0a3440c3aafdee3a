#!/usr/bin/env node
// `npm run examples`: the example apps as an app's developer gets them. The four packages are packed
// (scripts/packages.mjs, from the production build: run `npx stencil build` first; npm test does), then
// each framework app is copied to a temporary folder outside this repository, so nothing resolves
// from the repository's node_modules, and installs the tarballs with `npm install` beside its own
// dependencies; there it is type-checked and bundled, its build is copied to examples/<app>/dist, and
// the folder is removed. The plain-HTML page installs natter in examples/html/node_modules and loads it from there.
// Angular in one lane, React then Vue in the other: on 2 cores that is about as fast as all three at
// once, with less contention. See docs/decisions/0014-packages.md.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages } from './packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Each app: the packages it installs, then its build steps (run in its temporary copy).
const APPS = {
  react: {
    packages: ['natter', 'natter-react'],
    steps: [['npx', ['--no-install', 'tsc', '--noEmit', '-p', '.']], ['npx', ['--no-install', 'vite', 'build', '-c', 'vite.config.mjs']]],
  },
  vue: {
    packages: ['natter', 'natter-vue'],
    steps: [['npx', ['--no-install', 'vue-tsc', '--noEmit', '-p', '.']], ['npx', ['--no-install', 'vite', 'build', '-c', 'vite.config.mjs']]],
  },
  // The Angular CLI type-checks templates (strictTemplates) while it builds.
  angular: {
    packages: ['natter', 'natter-angular'],
    steps: [['npx', ['--no-install', 'ng', 'build']]],
  },
  // A static page: it only needs natter's files, installed beside it (examples/html/node_modules).
  html: { packages: ['natter'], steps: [], inPlace: true },
};

// No analytics prompt and no update check from the Angular CLI (CI has no terminal, and no network beyond npm).
const ENV = { ...process.env, NG_CLI_ANALYTICS: 'false', NG_DISABLE_VERSION_CHECK: '1' };

function run(cwd, [command, args]) {
  return new Promise(resolve => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env: ENV });
    child.on('error', () => resolve(1));
    child.on('exit', code => resolve(code ?? 1));
  });
}

/** Installs the tarballs (and the app's other dependencies: npm's cache holds them after the root install). */
function install(tarballs, names) {
  // --prefer-offline: the versions the root install fetched are in npm's cache, so this asks the registry
  // only for what is not; no lockfile: the tarballs change with every build.
  return ['npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', ...names.map(name => tarballs[name])]];
}

async function build(app, tarballs) {
  const t0 = Date.now();
  const { packages, steps, inPlace } = APPS[app];
  const source = join(root, 'examples', app);
  const work = inPlace ? source : mkdtempSync(join(tmpdir(), `natter-example-${app}-`));
  try {
    if (!inPlace) {
      const skip = new Set(['dist', 'node_modules', '.angular']);
      cpSync(source, work, { recursive: true, filter: path => !relative(source, path).split(sep).some(part => skip.has(part)) });
    }
    for (const step of [install(tarballs, packages), ...steps]) {
      const code = await run(work, step);
      if (code !== 0) {
        console.error(`[examples] ${app}: ${step[0]} ${step[1].slice(0, 4).join(' ')} failed (exit ${code})`);
        return false;
      }
    }
    // The built app comes back into the repository, where the tests serve it from.
    if (!inPlace) {
      rmSync(join(source, 'dist'), { recursive: true, force: true });
      cpSync(join(work, 'dist'), join(source, 'dist'), { recursive: true });
    }
  } finally {
    if (!inPlace) rmSync(work, { recursive: true, force: true });
  }
  console.log(`[examples] ${app} installed and built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(APPS);
const unknown = wanted.filter(name => !APPS[name]);
if (unknown.length) {
  console.error(`[examples] unknown app(s): ${unknown.join(', ')}; known: ${Object.keys(APPS).join(', ')}`);
  process.exit(1);
}

const t0 = Date.now();
let tarballs;
try {
  tarballs = await buildPackages();
} catch (error) {
  console.error(`[examples] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log(`[examples] packed ${Object.keys(tarballs).join(', ')} into dist-packages/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const lanes = [wanted.filter(a => a === 'angular'), wanted.filter(a => a !== 'angular')].filter(lane => lane.length);
const results = await Promise.all(
  lanes.map(async lane => {
    let ok = true;
    for (const app of lane) ok = (await build(app, tarballs)) && ok;
    return ok;
  }),
);
console.log(`[examples] ${wanted.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(results.every(Boolean) ? 0 : 1);
