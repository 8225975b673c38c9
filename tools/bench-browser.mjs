// In-browser benchmark: every AEB dev page served from 127.0.0.1 in headless
// Chromium with the built extension. In the same page and run it times
//  - Readability.js (npm @mozilla/readability): new Readability(document.cloneNode(true)).parse()
//  - Lucid's extraction in the content script (DOM serialisation + wasm core),
//    with the module already instantiated (back to back, as Readability.js is
//    timed; each after idle; each opened by a toolbar click), and on first use
//    (with instantiation);
//  - click to painted: the toolbar path (lucid.toggle) until the view's first paint.
// Prints p50/p95/max and writes target/bench-browser.json.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch } from '../tests/e2e/harness.mjs';

// BENCH_PAGES=N: only the first N pages, printed, not written (a quick look;
// target/bench-browser.json and the docs are the full run's).
const ids = fs.readdirSync(path.join(ROOT, '..', 'shared', 'corpus', 'aeb-dev', 'html')).map((f) => f.replace('.html.gz', '')).sort().slice(0, Number(process.env.BENCH_PAGES) || undefined);
const readability = fs.readFileSync(path.join(ROOT, 'node_modules', '@mozilla', 'readability', 'Readability.js'), 'utf8');
// The idle pause before each timed run (ms).
const IDLE_MS = 100;
const q = (xs, p) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] : NaN;
};

const server = await startServer();
const browser = await launch();
const rows = [];
try {
  // Offline: requests that leave 127.0.0.1 fail at once instead of hanging
  // until a timeout (ten pages never reached DOMContentLoaded before).
  await browser.context.route((url) => /^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1', (route) => route.abort());
  const page = await browser.context.newPage();
  for (const id of ids) {
    const url = `${server.base}/aeb/${id}.html`;
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 10000 });
    } catch {
      rows.push({ id, error: 'load' });
      continue;
    }
    // Readability.js in the page (evaluated through DevTools, so page CSP
    // cannot block it): its first run in the page (what a reader view that
    // runs it on a click gets) and the best of 3 runs after it (JIT warm).
    // Warm runs are timed two ways, the same for both tools: back to back,
    // and each after a short idle pause (a click comes after idle time, and
    // the pause lets the collection of the run before it happen apart:
    // Readability's document clone, Lucid's closed reader view).
    const settle = () => page.waitForTimeout(IDLE_MS);
    let readabilityFirst = NaN;
    let readabilityMs = NaN;
    let readabilityIdleMs = NaN;
    try {
      await page.evaluate(readability);
      [readabilityFirst, readabilityMs] = await page.evaluate(() => {
        const times = [];
        for (let i = 0; i < 4; i++) {
          const t = performance.now();
          new Readability(document.cloneNode(true)).parse();
          times.push(performance.now() - t);
        }
        const first = times.shift();
        return [first, Math.min(...times)];
      });
      const idle = [];
      for (let i = 0; i < 3; i++) {
        await settle();
        idle.push(await page.evaluate(() => {
          const t = performance.now();
          new Readability(document.cloneNode(true)).parse();
          return performance.now() - t;
        }));
      }
      readabilityIdleMs = Math.min(...idle);
    } catch { /* some pages break Readability: recorded as missing */ }
    const tabId = await browser.sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
    const click = () => browser.sw.evaluate(async (tab) => {
      const t = performance.now();
      const res = await globalThis.lucid.toggle(tab);
      return { ...res, click_ms: performance.now() - t, html: undefined, text: undefined, facts: undefined, nodes: undefined };
    }, tabId);
    const first = await click();
    await click();
    // Extraction alone, back to back in the page, timed as Readability.js is
    // above: its runs 2-4 in the page (the first click was run 1), best of 3.
    // Nothing is shown, so no reader view's paint and close come between runs.
    let loop = [];
    try {
      loop = await browser.sw.evaluate((tab) => globalThis.lucid.extractTimes(tab, 3), tabId);
    } catch { /* a page that cannot be scripted: recorded as missing */ }
    if (!Array.isArray(loop)) loop = [];
    // Only pages that gave an article count (as for the clicks below).
    const bestLoop = (k) => (first.title !== undefined ? Math.min(...loop.map((r) => r[k]).filter(Number.isFinite)) : NaN);
    const warm = [];
    for (let i = 0; i < 3; i++) {
      warm.push(await click());
      await click();
    }
    const afterIdle = [];
    for (let i = 0; i < 3; i++) {
      await settle();
      afterIdle.push(await click());
      await click();
    }
    // Only runs that produced an article count (an error view is not a result).
    const best = (k, runs = warm) => Math.min(...runs.map((w) => (w.title !== undefined ? w.timings?.[k] ?? NaN : NaN)));
    rows.push({
      id,
      readability_ms: readabilityMs,
      readability_first_ms: readabilityFirst,
      readability_idle_ms: readabilityIdleMs,
      lucid_extract_idle_ms: best('extract_ms', afterIdle),
      lucid_idle_serialise_ms: best('serialise_ms', afterIdle),
      lucid_idle_core_ms: best('core_ms', afterIdle),
      lucid_extract_ms: best('extract_ms'),
      lucid_loop_ms: bestLoop('extract_ms'),
      lucid_loop_serialise_ms: bestLoop('serialise_ms'),
      lucid_loop_core_ms: bestLoop('core_ms'),
      lucid_serialise_ms: best('serialise_ms'),
      lucid_core_ms: best('core_ms'),
      lucid_painted_ms: best('painted_ms'),
      lucid_declutter_ms: best('declutter_ms'),
      lucid_click_ms: Math.min(...warm.map((w) => w.click_ms)),
      first_use_painted_ms: first.timings?.painted_ms ?? NaN,
      first_use_load_ms: first.timings?.load_ms ?? NaN,
      first_use_extract_ms: first.title !== undefined ? first.timings?.extract_ms ?? NaN : NaN,
    });
  }
} finally {
  await browser.close();
  await server.close();
}

const col = (k) => rows.map((r) => r[k]);
const stat = (k) => ({ p50: q(col(k), 0.5), p95: q(col(k), 0.95), max: q(col(k), 1) });
const report = {
  pages: rows.length,
  errors: rows.filter((r) => r.error).length,
  lucid_articles: rows.filter((r) => Number.isFinite(r.lucid_extract_ms)).length,
  readability_js: stat('readability_ms'),
  readability_js_first_run: stat('readability_first_ms'),
  readability_js_after_idle: stat('readability_idle_ms'),
  lucid_extraction_after_idle: stat('lucid_extract_idle_ms'),
  lucid_extraction_back_to_back: stat('lucid_loop_ms'),
  lucid_extraction_back_to_back_serialise: stat('lucid_loop_serialise_ms'),
  lucid_extraction_back_to_back_core: stat('lucid_loop_core_ms'),
  lucid_extraction: stat('lucid_extract_ms'),
  lucid_extraction_serialise: stat('lucid_serialise_ms'),
  lucid_extraction_core: stat('lucid_core_ms'),
  lucid_extraction_after_idle_serialise: stat('lucid_idle_serialise_ms'),
  lucid_extraction_after_idle_core: stat('lucid_idle_core_ms'),
  lucid_click_to_painted: stat('lucid_painted_ms'),
  lucid_declutter_after_paint: stat('lucid_declutter_ms'),
  lucid_toolbar_round_trip: stat('lucid_click_ms'),
  lucid_first_use_painted: stat('first_use_painted_ms'),
  lucid_first_use_module_load: stat('first_use_load_ms'),
  lucid_first_use_extraction: stat('first_use_extract_ms'),
};
const ratio = (a, b) => ({ p50: report[a].p50 / report[b].p50, p95: report[a].p95 / report[b].p95 });
// Back to back against back to back (runs 2-4 in the page, best of 3, the
// same for both); each after idle against each after idle; first against
// first (each one's first run in the page; Lucid's module instantiation is
// reported apart, as "module load"). And Lucid's warm runs as a click makes
// them (each after a reader view was painted and closed, which leaves the
// CPU caches cold for the page) against Readability.js back to back.
report.extraction_ratio_back_to_back = ratio('lucid_extraction_back_to_back', 'readability_js');
report.extraction_ratio = ratio('lucid_extraction', 'readability_js');
report.extraction_ratio_first_run = ratio('lucid_first_use_extraction', 'readability_js_first_run');
report.extraction_ratio_after_idle = ratio('lucid_extraction_after_idle', 'readability_js_after_idle');
const partial = Boolean(Number(process.env.BENCH_PAGES));
const out = path.join(ROOT, 'target', 'bench-browser.json');
if (!partial) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ report, rows }, null, 1));
}
const f = (x) => (Number.isFinite(x) ? x.toFixed(1).padStart(7) : '      -');
console.log(`In-browser, ${report.pages} AEB dev pages (${report.errors} not loaded, ${report.lucid_articles} extracted by Lucid), ms:  p50     p95     max`);
for (const [name, k] of [
  ['Readability.js parse (first run in the page)', 'readability_js_first_run'],
  ['Readability.js parse (warm, back to back, best of 3)', 'readability_js'],
  ['Readability.js parse (warm, each after idle, best of 3)', 'readability_js_after_idle'],
  ['Lucid extraction (first click, after module load)', 'lucid_first_use_extraction'],
  ['Lucid extraction (warm, back to back, best of 3)', 'lucid_extraction_back_to_back'],
  ['  of which outerHTML, written into wasm as UTF-8', 'lucid_extraction_back_to_back_serialise'],
  ['  of which core (wasm in and out)', 'lucid_extraction_back_to_back_core'],
  ['Lucid extraction (warm, each by a toolbar click, best of 3)', 'lucid_extraction'],
  ['  of which outerHTML, written into wasm as UTF-8', 'lucid_extraction_serialise'],
  ['  of which core (wasm in and out)', 'lucid_extraction_core'],
  ['Lucid extraction (warm, each after idle, best of 3)', 'lucid_extraction_after_idle'],
  ['  of which outerHTML, written into wasm as UTF-8', 'lucid_extraction_after_idle_serialise'],
  ['  of which core (wasm in and out)', 'lucid_extraction_after_idle_core'],
  ['Lucid click -> painted (warm)', 'lucid_click_to_painted'],
  ['Lucid live-page declutter pass (after paint)', 'lucid_declutter_after_paint'],
  ['Lucid toolbar round trip', 'lucid_toolbar_round_trip'],
  ['Lucid first use -> painted', 'lucid_first_use_painted'],
  ['  of which module load', 'lucid_first_use_module_load'],
]) {
  const s = report[k];
  console.log(`  ${name.padEnd(50)}${f(s.p50)} ${f(s.p95)} ${f(s.max)}`);
}
for (const [name, r] of [
  ['back to back / back to back', report.extraction_ratio_back_to_back],
  ['warm after idle / warm after idle', report.extraction_ratio_after_idle],
  ['first run / first run', report.extraction_ratio_first_run],
  ['warm by click / back to back', report.extraction_ratio],
]) {
  console.log(`  extraction ratio Lucid / Readability.js, ${name}: p50 ${r.p50.toFixed(2)}x, p95 ${r.p95.toFixed(2)}x`);
}
console.log(partial ? 'a partial run (BENCH_PAGES): nothing written' : `written ${path.relative(ROOT, out)}`);
