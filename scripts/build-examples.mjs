#!/usr/bin/env node
// `npm run examples`: builds the React, Vue and Angular example apps (examples/*/dist) from the
// wrappers and the custom-elements build in dist/, so run `stencil build` first (npm test does).
// Each app is type-checked, then bundled. Angular in one lane, React then Vue in the other:
// on 2 cores that is about as fast as all three at once, with less contention.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = name => join(root, 'node_modules', '.bin', name);

const APPS = {
  react: [[bin('tsc'), ['--noEmit', '-p', '.']], [bin('vite'), ['build', '-c', 'vite.config.mjs']]],
  vue: [[bin('vue-tsc'), ['--noEmit', '-p', '.']], [bin('vite'), ['build', '-c', 'vite.config.mjs']]],
  // The Angular CLI type-checks templates (strictTemplates) while it builds.
  angular: [[bin('ng'), ['build']]],
};

if (!existsSync(join(root, 'dist', 'components', 'index.js')) || !existsSync(join(root, 'wrappers', 'react', 'src', 'generated'))) {
  console.error('[examples] dist/components or the generated wrappers are missing: run `npx stencil build` first');
  process.exit(1);
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(APPS);
const unknown = wanted.filter(name => !APPS[name]);
if (unknown.length) {
  console.error(`[examples] unknown app(s): ${unknown.join(', ')}; known: ${Object.keys(APPS).join(', ')}`);
  process.exit(1);
}

function run(app, [command, args]) {
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: join(root, 'examples', app),
      stdio: 'inherit',
      // No analytics prompt and no update check from the Angular CLI (CI has no terminal, and no network beyond npm).
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', NG_DISABLE_VERSION_CHECK: '1' },
    });
    child.on('exit', code => resolve(code ?? 1));
  });
}

async function build(app) {
  const t0 = Date.now();
  for (const step of APPS[app]) {
    const code = await run(app, step);
    if (code !== 0) {
      console.error(`[examples] ${app}: ${step[0].split('/').pop()} ${step[1].join(' ')} failed (exit ${code})`);
      return false;
    }
  }
  console.log(`[examples] ${app} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

const lanes = [wanted.filter(a => a === 'angular'), wanted.filter(a => a !== 'angular')].filter(lane => lane.length);
const t0 = Date.now();
const results = await Promise.all(
  lanes.map(async lane => {
    let ok = true;
    for (const app of lane) ok = (await build(app)) && ok;
    return ok;
  }),
);
console.log(`[examples] ${wanted.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(results.every(Boolean) ? 0 : 1);
