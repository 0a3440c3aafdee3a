#!/usr/bin/env node
// Makes Natter's four npm packages from the production build in dist/ (run `npx stencil build` first;
// `npm run build` runs both): compiles the framework wrappers that build generated (tsc for React
// and Vue, ng-packagr for Angular), then packs natter, natter-react, natter-vue and natter-angular
// with `npm pack` into dist-packages/. The example apps install those tarballs (build-examples.mjs),
// and tests/packages.spec.ts checks what they hold. See docs/decisions/0014-packages.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGES_DIR = join(root, 'dist-packages');
const bin = name => join(root, 'node_modules', '.bin', name);

/** Each package: its folder, how it is compiled there, and the folder npm packs (ng-packagr writes a package of its own). */
const PACKAGES = [
  { name: 'natter', dir: root, steps: [], packDir: root },
  { name: 'natter-react', dir: join(root, 'wrappers', 'react'), steps: [[bin('tsc'), ['-p', 'tsconfig.json']]], clean: 'dist' },
  { name: 'natter-vue', dir: join(root, 'wrappers', 'vue'), steps: [[bin('tsc'), ['-p', 'tsconfig.json']]], clean: 'dist' },
  { name: 'natter-angular', dir: join(root, 'wrappers', 'angular'), steps: [[bin('ng-packagr'), ['-p', 'ng-package.json', '-c', 'tsconfig.json']]], packDir: join(root, 'wrappers', 'angular', 'dist') },
];

/** A dev build (`stencil build --dev`, `npm start`, the test task) marks its runtime `isDev: true`; it must never be packed. */
function devBuildFile(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (/\bisDev:\s*(true|!0)\b/.test(readFileSync(file, 'utf8'))) return file;
  }
  return undefined;
}

function run(cwd, [command, args]) {
  return new Promise(resolve => {
    let output = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.on('error', error => resolve({ code: 1, output: String(error) }));
    child.on('exit', code => resolve({ code: code ?? 1, output }));
  });
}

async function compile(pkg) {
  if (pkg.clean) rmSync(join(pkg.dir, pkg.clean), { recursive: true, force: true });
  for (const step of pkg.steps) {
    const { code, output } = await run(pkg.dir, step);
    if (code !== 0) throw new Error(`${pkg.name}: ${step[0].split('/').pop()} ${step[1].join(' ')} failed (exit ${code}):\n${output}`);
  }
}

/** Packs one package (its scripts are skipped: it was just built) and returns the tarball's path. */
async function pack(pkg) {
  const { code, output } = await run(pkg.packDir ?? pkg.dir, ['npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', PACKAGES_DIR]]);
  if (code !== 0) throw new Error(`${pkg.name}: npm pack failed (exit ${code}):\n${output}`);
  const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
  return join(PACKAGES_DIR, filename);
}

export async function buildPackages() {
  if (!existsSync(join(root, 'dist', 'components', 'index.js')) || !existsSync(join(root, 'wrappers', 'react', 'src', 'generated'))) {
    throw new Error('dist/ or the generated wrappers are missing: run `npx stencil build` first');
  }
  const dev = devBuildFile(join(root, 'dist'));
  if (dev) throw new Error(`dist/ holds a dev build (${dev.slice(root.length + 1)} says isDev): run \`npx stencil build\` first`);
  await Promise.all(PACKAGES.map(compile));
  rmSync(PACKAGES_DIR, { recursive: true, force: true });
  mkdirSync(PACKAGES_DIR, { recursive: true });
  const tarballs = {};
  for (const pkg of PACKAGES) tarballs[pkg.name] = await pack(pkg);
  return tarballs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  try {
    const tarballs = await buildPackages();
    for (const file of Object.values(tarballs)) console.log(`[packages] ${file.slice(root.length + 1)}`);
    console.log(`[packages] built and packed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`[packages] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
