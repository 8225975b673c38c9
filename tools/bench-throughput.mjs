// Native throughput: the 98 AEB dev pages through
//  - `lucid batch` (the Rust core, one process) on every core and on one
//    (`--jobs 1`): the scaling from one core to all,
//  - Mozilla's Readability.js in Node on jsdom (parse + extract per page),
//  - trafilatura (Python; run by bench/throughput_loop.py),
//  - the lucid_reader Python package in a loop, one thread (its wheel built
//    by python/build.sh; bench/throughput_loop.py),
// same machine, same run. Pages per second, best of 3 runs each. Then
// `lucid batch` over a WARC.gz of 1,000 HTML responses (tools/make_warc.py,
// the AEB dev pages at distinct URLs, among requests and images) and its
// peak memory beside one of 3,000: flat when the peak does not grow with the
// file. Writes target/bench-throughput.json.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
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

function timePython() {
  try {
    execFileSync('bash', [path.join(ROOT, 'python', 'build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
    const py = path.join(ROOT, 'target', 'py-venv', 'bin', 'python');
    const out = execFileSync(py, [path.join(ROOT, 'bench', 'throughput_loop.py'), 'lucid_reader', dir, String(RUNS)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0] };
  }
}

// `lucid batch` over a WARC.gz of `records` HTML responses: seconds and peak
// resident memory (GNU time's %M, KB).
function timeWarc(records) {
  const warc = path.join(ROOT, 'target', `bench-${records}.warc.gz`);
  if (!fs.existsSync(warc)) execFileSync('python3', [path.join(ROOT, 'tools', 'make_warc.py'), warc, dir, '--records', String(records)], { stdio: 'ignore' });
  const out = path.join(ROOT, 'target', 'bench-throughput-warc.jsonl');
  const t = performance.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', path.join(ROOT, 'target', 'release', 'lucid'), 'batch', warc, '--out', out], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - t) / 1000;
  if (res.status !== 0) throw new Error(`lucid batch ${warc}: ${res.stderr}`);
  const peakKb = Number(res.stderr.trim().split('\n').pop());
  const lines = fs.readFileSync(out, 'utf8').trim().split('\n').length;
  return { records, lines, warc_mb: fs.statSync(warc).size / 2 ** 20, seconds, pages_per_second: records / seconds, peak_rss_mb: peakKb / 1024 };
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
const python = timePython();
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
report.python = python.seconds ? row(`lucid_reader ${python.version} (Python package, one thread)`, python.seconds) : { name: 'lucid_reader (Python package)', error: python.error };
// Per page, the package against the CLI's core on one core (target: within 10 %).
report.python_vs_cli_one_core = python.seconds ? python.seconds / lucidOne : null;
// The 1,000-record WARC (best of RUNS) and the 3,000-record one's peak memory.
const warc = Array.from({ length: RUNS }, () => timeWarc(1000)).sort((a, b) => a.seconds - b.seconds)[0];
const warcBig = timeWarc(3000);
report.warc = { ...warc, peak_rss_mb_3000: warcBig.peak_rss_mb, memory_flat: warcBig.peak_rss_mb <= warc.peak_rss_mb * 1.25 + 8 };
const out = path.join(ROOT, 'target', 'bench-throughput.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(report, null, 1));
console.log(`Throughput, ${n} AEB dev pages, best of ${RUNS}:              s   pages/s`);
for (const r of [report.lucid, report.lucid_one_core, report.python, report.readability_jsdom, report.trafilatura]) {
  console.log(r.error ? `  ${r.name}: ${r.error}` : `  ${r.name.padEnd(42)}${r.seconds.toFixed(2).padStart(7)} ${r.pages_per_second.toFixed(1).padStart(9)}`);
}
console.log(`  Lucid is ${report.lucid_vs_readability.toFixed(1)}x Readability.js+jsdom` + (report.lucid_vs_trafilatura ? `, ${report.lucid_vs_trafilatura.toFixed(1)}x trafilatura` : '') + `; ${cores} cores vs one: ${report.scaling.toFixed(2)}x`);
console.log(`written ${path.relative(ROOT, out)}`);
if (report.python_vs_cli_one_core) console.log(`  Python package per page: ${report.python_vs_cli_one_core.toFixed(2)}x the CLI's time on one core (target: within 1.10x)`);
const w = report.warc;
console.log(`  WARC.gz, ${w.records} HTML responses (${w.warc_mb.toFixed(1)} MB): ${w.seconds.toFixed(2)} s, ${w.pages_per_second.toFixed(1)} pages/s, peak ${w.peak_rss_mb.toFixed(0)} MB (3,000 records: ${w.peak_rss_mb_3000.toFixed(0)} MB; flat: ${w.memory_flat ? 'yes' : 'no'})`);
