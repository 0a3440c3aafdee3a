#!/usr/bin/env node
// What the long tasks of a Chromium trace were (`npm run bench -- --trace=DIR` writes traces):
// for each main-thread task over --min ms (50 by default), its top-level trace events and the
// functions its CPU samples fell in (self time, and the stack that led there). Build without
// minification (NATTER_NO_MINIFY=1 npx stencil build) for readable names.
//
//   node scripts/trace-summary.mjs trace.json [--min=50] [--top=12]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find(a => !a.startsWith('--'));
const opt = (name, d) => Number(args.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const MIN_MS = opt('min', 50);
const TOP = opt('top', 12);
const data = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(data) ? data : data.traceEvents;

// The page's renderer: the process that ran scripts from the bench site (not Chromium's own pages).
const site = new Set(events.filter(e => /^https?:\/\/127\.0\.0\.1/.test(e.args?.data?.url ?? '')).map(e => e.pid));
const mains = new Set(events.filter(e => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain' && site.has(e.pid)).map(e => `${e.pid}:${e.tid}`));
// --from=NAME: only tasks after the page's performance.mark(NAME) (e.g. bench:start).
const fromMark = args.find(a => a.startsWith('--from='))?.split('=')[1];
const markTs = fromMark ? events.find(e => e.name === fromMark && site.has(e.pid))?.ts ?? 0 : 0;
const onMain = e => mains.has(`${e.pid}:${e.tid}`);
// --to=NAME: only tasks before the page's performance.mark(NAME).
const toMark = args.find(a => a.startsWith('--to='))?.split('=')[1];
const markEnd = toMark ? events.find(e => e.name === toMark && site.has(e.pid))?.ts ?? Infinity : Infinity;
const all = events.filter(e => e.ph === 'X' && e.name === 'RunTask' && onMain(e) && e.ts >= markTs && e.ts <= markEnd);
// --cpu: pick tasks by their CPU time (tdur), which a busy machine inflates less than wall time.
const CPU = args.includes('--cpu');
const tasks = all.filter(e => (CPU ? e.tdur ?? 0 : e.dur) >= MIN_MS * 1000).sort((a, b) => a.ts - b.ts);
{
  const walls = all.map(e => e.dur / 1000).sort((a, b) => b - a);
  const cpus = all.map(e => (e.tdur ?? 0) / 1000).sort((a, b) => b - a);
  const f = x => (x ?? 0).toFixed(1);
  console.log(`window: ${all.length} tasks; longest wall ${f(walls[0])} ms (next ${f(walls[1])}, ${f(walls[2])}); longest CPU ${f(cpus[0])} ms (next ${f(cpus[1])}, ${f(cpus[2])}); tasks over 50 ms wall ${walls.filter(x => x > 50).length}, CPU ${cpus.filter(x => x > 50).length}; CPU total ${f(cpus.reduce((a, b) => a + b, 0))} ms`);
}

// CPU samples: Profile + ProfileChunk events, per profile id.
const profiles = new Map();
for (const e of events) {
  if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { pid: e.pid, tid: e.tid, t: e.args.data.startTime, nodes: new Map(), samples: [] });
  if (e.name !== 'ProfileChunk') continue;
  const p = profiles.get(`${e.pid}:${e.id}`);
  if (!p) continue;
  const cpu = e.args.data.cpuProfile ?? {};
  for (const n of cpu.nodes ?? []) p.nodes.set(n.id, n);
  const deltas = e.args.data.timeDeltas ?? [];
  (cpu.samples ?? []).forEach((id, i) => {
    p.t += deltas[i] ?? 0;
    p.samples.push([p.t, id]);
  });
}
const frameName = f => {
  const url = (f.url || '').replace(/^.*\//, '');
  return `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
};

const ms = us => (us / 1000).toFixed(1);
const t0 = events.filter(e => e.ts > 0).reduce((m, e) => Math.min(m, e.ts), Infinity);
console.log(`${file}: ${tasks.length} task(s) >= ${MIN_MS} ms on the renderer main thread`);
for (const task of tasks) {
  const end = task.ts + task.dur;
  console.log(`\n== task at +${ms(task.ts - t0)} ms, ${ms(task.dur)} ms (CPU ${ms(task.tdur ?? 0)} ms)`);
  // Children by name (their own durations, nested ones included), e.g. FunctionCall, Layout.
  const kids = events.filter(e => e.ph === 'X' && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e !== task);
  const byName = new Map();
  for (const k of kids) {
    let key = k.name;
    const d = k.args?.data;
    if (k.name === 'FunctionCall' && d) key += ` ${frameName({ functionName: d.functionName, url: d.url, lineNumber: d.lineNumber ?? 0, columnNumber: d.columnNumber ?? 0 })}`;
    if ((k.name === 'TimerFire' || k.name === 'EventDispatch') && d) key += ` ${d.type ?? d.timerId ?? ''}`;
    const v = byName.get(key) ?? { n: 0, dur: 0 };
    v.n++;
    v.dur += k.dur ?? 0;
    byName.set(key, v);
  }
  for (const [k, v] of [...byName].sort((a, b) => b[1].dur - a[1].dur).slice(0, TOP)) console.log(`  ${ms(v.dur).padStart(7)} ms  x${v.n}  ${k}`);
  // CPU samples within the task.
  const self = new Map();
  const stacks = new Map();
  let count = 0;
  for (const p of profiles.values()) {
    if (p.pid !== task.pid) continue;
    for (const [t, id] of p.samples) {
      if (t < task.ts || t > end) continue;
      const node = p.nodes.get(id);
      if (!node) continue;
      count++;
      const name = frameName(node.callFrame);
      self.set(name, (self.get(name) ?? 0) + 1);
      const chain = [];
      for (let n = node; n && chain.length < 8; n = p.nodes.get(n.parent)) if (n.callFrame.functionName !== '(root)') chain.push(frameName(n.callFrame));
      const key = chain.join(' < ');
      stacks.set(key, (stacks.get(key) ?? 0) + 1);
    }
  }
  if (!count) continue;
  console.log(`  -- ${count} CPU samples; self:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${String(v).padStart(5)}  ${k}`);
  console.log('  -- stacks:');
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(TOP / 2))) console.log(`  ${String(v).padStart(5)}  ${k}`);
}

// Over all those tasks: the functions with the most samples anywhere on the stack (inclusive).
if (args.includes('--inclusive')) {
  const incl = new Map();
  let total = 0;
  for (const task of tasks) {
    for (const p of profiles.values()) {
      if (p.pid !== task.pid) continue;
      for (const [t, id] of p.samples) {
        if (t < task.ts || t > task.ts + task.dur) continue;
        total++;
        const names = new Set();
        for (let n = p.nodes.get(id); n; n = p.nodes.get(n.parent)) names.add(frameName(n.callFrame));
        for (const name of names) incl.set(name, (incl.get(name) ?? 0) + 1);
      }
    }
  }
  console.log(`\n== inclusive samples over ${tasks.length} task(s), ${total} samples`);
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, TOP * 4)) console.log(`  ${String(v).padStart(6)}  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
}
