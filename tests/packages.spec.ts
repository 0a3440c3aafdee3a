/**
 * The four npm packages as `npm pack` made them (dist-packages/, from scripts/packages.mjs, which
 * npm test runs before jest): each holds JavaScript and declarations, no TypeScript sources, no test
 * code and no dev build, and every entry of its `exports` map is in it. An app that installs natter
 * alone type-checks against its declarations without skipLibCheck, with no other package installed.
 * The example apps (tests/e2e/examples.e2e.ts) install the same tarballs and run them in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const PACKAGES_DIR = join(ROOT, 'dist-packages');
const NAMES = ['natter', 'natter-react', 'natter-vue', 'natter-angular'];

jest.setTimeout(120_000);

function tarball(name: string): string {
  const file = readdirSync(PACKAGES_DIR).find(f => f.startsWith(`${name}-`) && /^\d/.test(f.slice(name.length + 1)) && f.endsWith('.tgz'));
  if (!file) throw new Error(`no ${name} tarball in dist-packages/: run \`node scripts/packages.mjs\` after \`npx stencil build\` (npm test does)`);
  return join(PACKAGES_DIR, file);
}

/** The tarball unpacked into a temporary folder (removed in afterAll): its files and its package.json. */
const unpacked = new Map<string, { dir: string; files: string[]; manifest: Record<string, any> }>();
function unpack(name: string) {
  let entry = unpacked.get(name);
  if (!entry) {
    const dir = mkdtempSync(join(tmpdir(), `natter-pack-${name}-`));
    execFileSync('tar', ['-xzf', tarball(name), '-C', dir]);
    const files = (readdirSync(join(dir, 'package'), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter(d => d.isFile())
      .map(d => join(d.parentPath ?? d.path, d.name).slice(join(dir, 'package').length + 1));
    entry = { dir: join(dir, 'package'), files, manifest: JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) };
    unpacked.set(name, entry);
  }
  return entry;
}

/** Every file an `exports` map points at, with `*` patterns matched against the files present. */
function exportTargets(exportsField: unknown, files: string[]): { target: string; found: boolean }[] {
  const targets: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(exportsField);
  return targets.map(target => {
    const path = target.replace(/^\.\//, '');
    if (!path.includes('*')) return { target, found: files.includes(path) };
    const [before, after] = path.split('*');
    return { target, found: files.some(f => f.startsWith(before) && f.endsWith(after) && f.length > before.length + after.length) };
  });
}

afterAll(() => {
  for (const { dir } of unpacked.values()) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe.each(NAMES)('the %s package', name => {
  it('is publishable and every target of its exports map is in it', () => {
    const { manifest, files } = unpack(name);
    expect(manifest.name).toBe(name);
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports?.['.']).toBeDefined();
    expect(files).toContain('README.md');
    const targets = exportTargets(manifest.exports, files);
    expect(targets.length).toBeGreaterThan(1);
    expect(targets.filter(t => !t.found).map(t => t.target)).toEqual([]);
    // The entry's declarations are there too (a `types` condition, or ng-packagr's `typings`).
    const types = manifest.exports['.'].types ?? manifest.typings;
    expect(files).toContain(String(types).replace(/^\.\//, ''));
  });

  it('holds JavaScript and declarations, no TypeScript sources and no test code', () => {
    const { files } = unpack(name);
    expect(files.some(f => /\.m?js$/.test(f))).toBe(true);
    expect(files.some(f => f.endsWith('.d.ts'))).toBe(true);
    expect(files.filter(f => /\.(ts|tsx|mts|cts)$/.test(f) && !/\.d\.(ts|mts|cts)$/.test(f))).toEqual([]);
    expect(files.filter(f => /(^|\/)tests?\/|\.(spec|e2e)\.|(^|\/)spec-[^/]*$|(^|\/)(stories|bench)\//.test(f))).toEqual([]);
  });

  it('holds no dev build (Stencil marks one isDev / isTesting) and no source maps of one', () => {
    const { dir, files } = unpack(name);
    const dev = files.filter(f => /\.m?js$/.test(f) && /\b(isDev|isTesting):\s*(true|!0)\b/.test(readFileSync(join(dir, f), 'utf8')));
    expect(dev).toEqual([]);
  });
});

describe('the packages together', () => {
  it('natter bundles its libraries: it depends on no package, and each wrapper takes natter as a peer', () => {
    expect(unpack('natter').manifest.dependencies ?? {}).toEqual({});
    for (const name of NAMES.slice(1)) expect(unpack(name).manifest.peerDependencies?.natter).toMatch(/^\^?\d/);
  });

  it('natter carries its custom-elements build, lazy loader, themes and manifest', () => {
    const { files } = unpack('natter');
    for (const file of ['dist/components/index.js', 'dist/components/natter-chatbox.js', 'dist/natter/natter.esm.js', 'loader/index.js', 'themes/index.css', 'dist/custom-elements.json']) {
      expect(files).toContain(file);
    }
  });

  it('an app with natter alone installed type-checks against its declarations without skipLibCheck', () => {
    const app = mkdtempSync(join(tmpdir(), 'natter-consumer-'));
    try {
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'natter-consumer', private: true, type: 'module' }));
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', tarball('natter')], { cwd: app, stdio: 'pipe' });
      // Every public entry point, and values whose types reach deep into the declarations.
      writeFileSync(
        join(app, 'app.ts'),
        [
          "import { createSession, createDemoAdapter, createXmppAdapter, RoomError, UploadError, AdapterError, registerSaslMechanism, type Session, type Message, type SaslMechanism, type SaslCredentials } from 'natter';",
          "import { defineCustomElementNatterApp, createSession as createElementsSession, type NatterChatbox } from 'natter/components';",
          "import { defineCustomElement } from 'natter/components/natter-roster.js';",
          "import { defineCustomElements } from 'natter/loader';",
          'const session: Session = createSession({ adapter: createDemoAdapter() });',
          'const status: string = session.connection.state.status;',
          "const stop: () => void = session.connection.onChange('status', value => console.log(value));",
          'const xmpp = createXmppAdapter({ receipts: "never" });',
          'const errors = [RoomError, UploadError, AdapterError].map(type => new Error() instanceof type);',
          'class XToken implements SaslMechanism { clientFirst = true; response(c: SaslCredentials) { return String(c.password); } challenge() { return this; } final(data: string) { if (data) throw new Error(data); } }',
          "registerSaslMechanism('X-TOKEN', XToken);",
          'const last: Message | undefined = undefined;',
          'const chatbox: NatterChatbox | undefined = undefined;',
          'defineCustomElementNatterApp(); defineCustomElement(); void defineCustomElements();',
          'export { status, stop, xmpp, errors, last, chatbox, createElementsSession };',
        ].join('\n'),
      );
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['dom', 'es2022'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
          files: ['app.ts'],
        }),
      );
      const result = (() => {
        try {
          execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', app], { cwd: app, stdio: 'pipe', encoding: 'utf8' });
          return '';
        } catch (error) {
          return String((error as { stdout?: string }).stdout ?? error);
        }
      })();
      expect(result).toBe('');
      // At run time, from Node too (ESM and CommonJS): the error classes are values, not types only.
      const check = 'new m.RoomError("banned") instanceof m.RoomError && new m.UploadError("refused") instanceof m.UploadError && typeof m.createSession === typeof m.registerSaslMechanism && typeof m.createSession';
      const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as m from 'natter'; console.log(${check})`], { cwd: app, encoding: 'utf8' });
      const cjs = execFileSync(process.execPath, ['-e', `const m = require('natter'); console.log(${check})`], { cwd: app, encoding: 'utf8' });
      expect([esm.trim(), cjs.trim()]).toEqual(['function', 'function']);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
