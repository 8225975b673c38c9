// Native throughput: the 98 AEB dev pages through
//  - `lucid batch` (the Rust core, one process) on every core and on one
//    (`--jobs 1`): the scaling from one core to all,
//  - Mozilla's Readability.js in Node on jsdom (parse + extract per page),
//  - trafilatura (Python; run by bench/throughput_trafilatura.py),
// same machine, same run. Pages per second, best of 3 runs each.
// Writes target/bench-throughput.json.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from '../tests/e2e/harness.mjs';

const require = createRequire(import.meta.url);
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const dir = path.join(ROOT, '..', 'shared', 'corpus', 'aeb-dev', 'html');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort();
const pages = files.map((f) => zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString('utf8'));
const RUNS = Number(process.env.RUNS ?? 3);
const best = (fn) => Math.min(...Array.from({ length: RUNS }, fn));

function timeLucid(jobs) {
  const out = path.join(ROOT, 'target', 'bench-throughput-lucid.jsonl');
  const t = performance.now();
  execFileSync(path.join(ROOT, 'target', 'release', 'lucid'), ['batch', dir, '--out', out, ...(jobs ? ['--jobs', String(jobs)] : [])], { stdio: 'ignore' });
  return (performance.now() - t) / 1000;
}

function timeReadability() {
  const quiet = new VirtualConsole(); // pages' CSS/JS errors are not ours to print
  const t = performance.now();
  for (const html of pages) {
    try {
      const dom = new JSDOM(html, { url: 'http://127.0.0.1/', virtualConsole: quiet });
      new Readability(dom.window.document).parse();
      dom.window.close();
    } catch { /* a page Readability cannot read still cost its time */ }
  }
  return (performance.now() - t) / 1000;
}

function timeTrafilatura() {
  try {
    const out = execFileSync('bash', [path.join(ROOT, 'bench', 'trafilatura.sh'), dir, String(RUNS)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0] };
  }
}

const n = pages.length;
const cores = (await import('node:os')).availableParallelism();
const lucid = best(() => timeLucid());
const lucidOne = best(() => timeLucid(1));
const readability = best(timeReadability);
const traf = timeTrafilatura();
const row = (name, secs, extra = {}) => ({ name, seconds: secs, pages_per_second: n / secs, ...extra });
const report = {
  pages: n,
  runs: RUNS,
  cores,
  lucid: row(`lucid batch (Rust, native), ${cores} cores`, lucid),
  lucid_one_core: row('lucid batch --jobs 1 (one core)', lucidOne),
  readability_jsdom: row('Readability.js 0.6 + jsdom (Node)', readability),
  trafilatura: traf.seconds ? row(`trafilatura ${traf.version} (Python)`, traf.seconds) : { name: 'trafilatura', error: traf.error },
};
report.lucid_vs_readability = readability / lucid;
report.scaling = lucidOne / lucid;
report.lucid_vs_trafilatura = traf.seconds ? traf.seconds / lucid : null;
const out = path.join(ROOT, 'target', 'bench-throughput.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(report, null, 1));
console.log(`Throughput, ${n} AEB dev pages, best of ${RUNS}:              s   pages/s`);
for (const r of [report.lucid, report.lucid_one_core, report.readability_jsdom, report.trafilatura]) {
  console.log(r.error ? `  ${r.name}: ${r.error}` : `  ${r.name.padEnd(42)}${r.seconds.toFixed(2).padStart(7)} ${r.pages_per_second.toFixed(1).padStart(9)}`);
}
console.log(`  Lucid is ${report.lucid_vs_readability.toFixed(1)}x Readability.js+jsdom` + (report.lucid_vs_trafilatura ? `, ${report.lucid_vs_trafilatura.toFixed(1)}x trafilatura` : '') + `; ${cores} cores vs one: ${report.scaling.toFixed(2)}x`);
console.log(`written ${path.relative(ROOT, out)}`);
