// Growth: time and peak memory for synthetic articles of 10 KB … 50 MB,
// natively (`lucid extract`, GNU time's max RSS) and in wasm (the reader
// core module run in Node: wasm linear memory never shrinks, so its size
// after the call is the peak). Fits the exponent b of time ≈ a·size^b
// (1 = linear) and checks the memory bound: peak wasm memory ≤ 4 × HTML + 16 MB.
// Writes target/bench-growth.json.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.SIZES ?? '10e3,100e3,1e6,10e6,50e6').split(',').map(Number);
const dir = path.join(ROOT, 'target', 'growth');
fs.mkdirSync(dir, { recursive: true });

// A news page of about `bytes`: site chrome and ads around an article whose
// paragraphs (with links, emphasis, figures and a subheading now and then)
// fill the size.
function page(bytes) {
  const words = 'the council said on Tuesday that 4,500 homes would get new heat pumps by 2027 while critics argued costs were rising faster than planned and residents asked for clearer answers'.split(' ');
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Growth test article | Example News</title>
<meta property="og:type" content="article"><meta name="author" content="Jane Smith"></head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<div class="ad-slot" id="div-gpt-ad-1">Advertisement</div><main><article><h1>Growth test article</h1><p class="byline">By Jane Smith</p>`;
  const tail = `</article><aside class="related"><h2>Related</h2><ul><li><a href="/a">Another story</a></li></ul></aside></main>
<footer class="site-footer">© Example News</footer></body></html>`;
  const parts = [head];
  let size = head.length + tail.length;
  let i = 0;
  while (size < bytes) {
    const n = 40 + (i % 30);
    const text = Array.from({ length: n }, (_, k) => words[(i * 7 + k) % words.length]).join(' ');
    let p = `<p>${text.charAt(0).toUpperCase()}${text.slice(1)}, <a href="/story/${i}">reported</a> <em>here</em>.</p>\n`;
    if (i % 25 === 24) p += `<h2>Section ${i / 25 + 1}</h2>\n`;
    if (i % 60 === 59) p += `<figure><img src="/img/${i}.jpg" alt="Photo ${i}"><figcaption>Photo ${i}</figcaption></figure>\n`;
    parts.push(p);
    size += p.length;
    i++;
  }
  parts.push(tail);
  return parts.join('');
}

function fit(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

const wasmRunner = `
import fs from 'node:fs';
import { initSync, extract, markupBuffer } from ${JSON.stringify(path.join(ROOT, 'extension', 'pkg', 'lucid_core.js'))};
const wasm = initSync({ module: fs.readFileSync(${JSON.stringify(path.join(ROOT, 'extension', 'pkg', 'lucid_core_bg.wasm'))}) });
// The markup goes where the content script writes it (TextEncoder.encodeInto
// into the core's buffer, with the room it gives a page of mostly ASCII).
const run = (bytes, url) => {
  const at = markupBuffer(bytes.length + (bytes.length >> 3) + 64, 0);
  new Uint8Array(wasm.memory.buffer, at, bytes.length).set(bytes);
  return extract(bytes.length, url, JSON.stringify({ accessed: '2026-01-01' }));
};
const html = fs.readFileSync(process.argv[2]);
// Warm up on a small page first: V8 compiles wasm in tiers, and the reader
// view measures warm too (the module stays instantiated in the tab).
try { run(fs.readFileSync(process.argv[3]), 'https://example.com/warm'); } catch { /* warm-up only */ }
const before = wasm.memory.buffer.byteLength;
const t = performance.now();
let words = 0;
try { words = JSON.parse(run(html, 'https://example.com/news/growth')).word_count; } catch (e) { console.log(JSON.stringify({ error: String(e.message ?? e.code ?? e) })); process.exit(0); }
console.log(JSON.stringify({ ms: performance.now() - t, memory: wasm.memory.buffer.byteLength, before, words }));
`;
const runnerFile = path.join(dir, 'wasm-runner.mjs');
fs.writeFileSync(runnerFile, wasmRunner);

const warmFile = path.join(dir, 'warm-up.html');
fs.writeFileSync(warmFile, page(20e3));
const rows = [];
for (const size of SIZES) {
  const file = path.join(dir, `article-${size}.html`);
  const html = page(size);
  fs.writeFileSync(file, html);
  const bytes = Buffer.byteLength(html);
  const [secs, kb] = execFileSync('bash', ['-c', `/usr/bin/time -f '%e %M' '${path.join(ROOT, 'target', 'release', 'lucid')}' extract '${file}' --format text 2>&1 >/dev/null | tail -1`], { encoding: 'utf8' }).trim().split(' ').map(Number);
  let w = {};
  try {
    w = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', runnerFile, file, warmFile], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim().split('\n').pop());
  } catch (e) {
    w = { error: String(e.message ?? e).split('\n')[0] };
  }
  const bound = 4 * bytes + 16 * 2 ** 20;
  rows.push({ bytes, native_s: secs, native_peak_rss: kb * 1024, wasm_ms: w.ms, wasm_peak_memory: w.memory, wasm_bound: bound, wasm_within_bound: w.memory ? w.memory <= bound : false, wasm_error: w.error, words: w.words });
  console.error(`  ${(bytes / 1e6).toFixed(2)} MB done`);
}
// The exponent is fitted over pages of 1 MB and more: below that, fixed
// costs (process start, module set-up) dominate and would flatter the fit.
const big = rows.filter((r) => r.bytes >= 1e6);
const ok = big.filter((r) => r.wasm_ms);
const report = {
  rows,
  fitted_over_bytes: big.map((r) => r.bytes),
  native_time_exponent: big.length > 1 ? fit(big.map((r) => r.bytes), big.map((r) => r.native_s)) : null,
  wasm_time_exponent: ok.length > 1 ? fit(ok.map((r) => r.bytes), ok.map((r) => r.wasm_ms)) : null,
  wasm_memory_within_bound: rows.every((r) => r.wasm_within_bound),
};
fs.writeFileSync(path.join(ROOT, 'target', 'bench-growth.json'), JSON.stringify(report, null, 1));
const mb = (b) => (b / 2 ** 20).toFixed(1);
console.log('Growth (synthetic articles):   HTML MB   native s  native RSS MiB  wasm ms  wasm mem MiB bound MiB');
for (const r of rows) {
  console.log(`  ${''.padEnd(28)}${(r.bytes / 1e6).toFixed(2).padStart(7)} ${r.native_s.toFixed(2).padStart(10)} ${mb(r.native_peak_rss).padStart(14)} ${(r.wasm_ms ?? NaN).toFixed(0).padStart(9)} ${(r.wasm_peak_memory ? mb(r.wasm_peak_memory) : r.wasm_error ?? '-').toString().padStart(12)} ${mb(r.wasm_bound).padStart(9)}`);
}
console.log(`  fitted exponent over pages >= 1 MB (time ~ size^b): native ${report.native_time_exponent?.toFixed(2)}, wasm ${report.wasm_time_exponent?.toFixed(2)}; wasm memory within 4x+16 MB: ${report.wasm_memory_within_bound ? 'yes' : 'no'}`);
console.log('written target/bench-growth.json');
