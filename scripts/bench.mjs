#!/usr/bin/env node
// `npm run bench`: scale figures of the built components in headless Chromium against a real
// Prosody (not part of `npm test`). Builds the production output, serves it with the bench pages
// on 127.0.0.1, runs bench/*.bench.ts with jest (tests/prosody/global-setup.ts starts Prosody),
// then prints every scenario's figures as JSON, writes them to bench-results.json, and ends with
// a table of the figures against the targets of issue 4.
//
//   npm run bench                          everything, medians of 3 runs (about 10 minutes)
//   npm run bench -- --quick               1 run each, smaller loads (development)
//   npm run bench -- --only=burst,roster   some scenarios: burst roster bigroom history firstload autologin catchup hostile
//   npm run bench -- --no-build            use the current dist-www build
//   npm run bench -- --runs=5              runs per figure
//   npm run bench -- --trace=DIR           a Chromium trace per page into DIR (scripts/trace-summary.mjs DIR/x.json)
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import * as http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCK = '/tmp/natter-build.lock';
const SCENARIOS = {
  burst: 'bench/burst.bench.ts',
  roster: 'bench/roster.bench.ts',
  bigroom: 'bench/big-room.bench.ts',
  history: 'bench/history.bench.ts',
  firstload: 'bench/first-load.bench.ts',
  autologin: 'bench/auto-login.bench.ts',
  catchup: 'bench/catch-up.bench.ts',
  hostile: 'bench/hostile.bench.ts',
};

const args = process.argv.slice(2);
const flag = name => args.includes(`--${name}`);
const value = name => args.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag('quick');
const only = (value('only') ?? Object.keys(SCENARIOS).join(',')).split(',').map(s => s.trim().toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
const unknown = only.filter(s => !SCENARIOS[s]);
if (unknown.length) {
  console.error(`[bench] unknown scenario(s) ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
const log = msg => process.stderr.write(`[bench] ${msg}\n`);

for (const bin of ['/usr/bin/prosody', '/usr/bin/prosodyctl', '/usr/bin/chromium', '/usr/bin/flock']) {
  if (!existsSync(bin)) {
    console.error(`[bench] ${bin} is missing (apt-get install -y prosody chromium util-linux)`);
    process.exit(1);
  }
}

// 0. The bench files are outside the build's tsconfig, so type-check them here (TypeScript from @stencil/core).
{
  const { ts } = createRequire(import.meta.url)('@stencil/core/compiler');
  const tsconfig = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const parsed = ts.parseJsonConfigFileContent({ ...tsconfig, include: ['bench/**/*.ts'], exclude: [] }, ts.sys, root);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
  const problems = ts.getPreEmitDiagnostics(program).filter(d => d.file?.fileName.startsWith(join(root, 'bench') + sep));
  for (const d of problems) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    console.error(`${d.file.fileName.slice(root.length + 1)}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  if (problems.length) {
    console.error(`[bench] ${problems.length} type error(s) in bench/`);
    process.exit(1);
  }
}

// 1. Build (unless --no-build) and copy the www build out of the tree, both under the shared build
// lock: other builds empty dist-www while they run, and the bench must keep serving one build.
const site = mkdtempSync(join(tmpdir(), 'natter-bench-site-'));
const out = mkdtempSync(join(tmpdir(), 'natter-bench-out-'));
const copy = `rm -rf "${site}/build" && cp -r dist-www/build "${site}/build"`;
// A stale generated components.d.ts fails the type check until a second build (see scripts/test.mjs).
const locked = flag('no-build') ? copy : `rm -f components.d.ts && npx stencil build && ${copy}`;
log(`${flag('no-build') ? 'copying' : 'building and copying'} the production www build (flock ${LOCK})`);
const built = spawnSync('flock', [LOCK, 'sh', '-c', locked], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (built.status !== 0) {
  console.error('[bench] the build failed: fix the errors above first');
  for (const dir of [site, out]) rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}
for (const f of readdirSync(join(root, 'bench', 'page'))) if (f !== 'instrument.js') cpSync(join(root, 'bench', 'page', f), join(site, f));

// 2. Serve it on loopback (plain files, no compression: gzip sizes are computed from the bodies).
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path === '/favicon.ico') return void res.writeHead(204).end(); // not a 404 in the page's console
  const file = join(site, path);
  if (!file.startsWith(site + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const siteUrl = `http://127.0.0.1:${server.address().port}`;
log(`serving ${site} at ${siteUrl}`);

// 3. The bench files, one after the other (timings need the machine to themselves).
const files = only.map(s => SCENARIOS[s]);
const env = {
  ...process.env,
  PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
  NATTER_BENCH_SITE: siteUrl,
  NATTER_BENCH_OUT: out,
  NATTER_BENCH_QUICK: quick ? '1' : '0',
  ...(value('runs') && { NATTER_BENCH_RUNS: value('runs') }),
  ...(value('trace') && { NATTER_BENCH_TRACE: value('trace') }),
};
const t0 = Date.now();
log(`npx jest -c bench/jest.config.js --runInBand ${files.join(' ')}`);
const child = spawn('npx', ['jest', '-c', 'bench/jest.config.js', '--runInBand', ...files], {
  cwd: root,
  env,
  // jest's own output (and console.log in bench files) goes to stderr: stdout is for the results.
  stdio: ['ignore', process.stderr, process.stderr],
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
const code = await new Promise(resolve => child.on('exit', (c, s) => resolve(c ?? s)));
server.close();

// 4. Results: JSON on stdout and in bench-results.json, then the table.
const results = [];
for (const name of only) {
  // A file may write several results (burst1000, burst5000), each named after its scenario.
  const found = readdirSync(out)
    .filter(f => f.startsWith(name) && f.endsWith('.json'))
    .sort((a, b) => statSync(join(out, a)).mtimeMs - statSync(join(out, b)).mtimeMs); // in the order they ran
  if (!found.length) results.push({ scenario: name, title: name, runs: [], median: {}, checks: [], notes: [], error: `no result: the bench file ${SCENARIOS[name]} failed before writing one (see the jest output above)` });
  for (const f of found) results.push(JSON.parse(readFileSync(join(out, f), 'utf8')));
}
rmSync(out, { recursive: true, force: true });
rmSync(site, { recursive: true, force: true });

const git = (...a) => {
  try {
    return execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};
const report = {
  meta: {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    // Uncommitted changes in the tree were part of the build.
    dirty: (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '',
    quick,
    runs: Number(value('runs')) || (quick ? 1 : 3),
    node: process.version,
    chromium: (() => {
      try {
        return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      } catch {
        return null;
      }
    })(),
    cpus: cpus().length,
    loadAverage: loadavg().map(x => Math.round(x * 100) / 100),
    durationS: Math.round((Date.now() - t0) / 1000),
    jestExit: code,
  },
  scenarios: results,
};
const json = JSON.stringify(report, null, 2);
writeFileSync(join(root, 'bench-results.json'), `${json}\n`);
process.stdout.write(`${json}\n`);

const rows = [['scenario', 'figure', 'median', 'target', '']];
for (const r of results) {
  if (r.error && !r.checks.length) rows.push([r.title, `NOT MEASURED: ${r.error.split('\n')[0].slice(0, 120)}`, '', '', '']);
  for (const c of r.checks) {
    const unit = c.unit ? ` ${c.unit}` : '';
    rows.push([r.title, c.label, c.value === null ? (c.note ?? 'n/a') : `${c.value}${unit}`, c.target ? `${c.target}${unit}` : '', c.pass === null ? (c.target ? '?' : '') : c.pass ? 'PASS' : 'MISS']);
  }
  if (r.error && r.checks.length) rows.push([r.title, `(stopped early: ${r.error.split('\n')[0].slice(0, 100)})`, '', '', '']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)));
const line = row => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
process.stdout.write(`\n${line(rows[0])}\n${widths.map(w => '-'.repeat(w)).join('  ')}\n${rows.slice(1).map(line).join('\n')}\n`);
process.stdout.write(
  `\n${report.meta.runs} run(s) per figure${quick ? ' (quick: smaller loads)' : ''}, ${report.meta.cpus} CPUs, load average ${report.meta.loadAverage.join(' ')}; ` +
    `build of ${report.meta.commit}${report.meta.dirty ? ' plus uncommitted changes' : ''}. Full figures: bench-results.json\n`,
);
process.exit(code === 0 ? 0 : 1);
