// ./bench.sh npm: the npm package (dist/npm, installed into a temporary
// project) beside @mozilla/readability + jsdom and defuddle + jsdom, in one
// run (docs/npm.md):
// - speed, pages per second on the AEB dev pages: from the HTML string (the
//   peers parse it with jsdom first), and from jsdom Documents made
//   beforehand (what Readability.js users hand it);
// - quality on the three dev corpora: the Readability face's title and
//   textContent from jsdom Documents, scored by bench/quality.py's scorers
//   beside Readability.js and defuddle (their scores from target/quality.json,
//   made by ./bench.sh quality on the same pages).
// Writes target/bench-npm.json and the npm rows of docs/benchmarks.md and README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability as MozReadability } from '@mozilla/readability';
import { Defuddle } from 'defuddle/node';
import { pages } from './peer-defuddle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = path.join(ROOT, 'target');
const VERSION = /^version = "(.*)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const peerVersion = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

// Readability.js's trafilatura-dev F1 (measured beside trafilatura, ../shared).
function trafReadability(q) {
  const [, v] = Object.entries(q?.trafilatura_peers ?? {}).find(([k]) => k.startsWith('Readability.js')) ?? [];
  return v?.f1 ?? null;
}

async function measure() {
  // The package as users get it: the tarball installed into an empty project.
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-bench-npm-'));
  fs.writeFileSync(path.join(project, 'package.json'), '{"private":true,"type":"module"}');
  const tarball = (name) => path.join(ROOT, 'dist', 'npm', `${name}-${VERSION}.tgz`);
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball('lucid-reader'), tarball('lucid-reader-names')], { cwd: project, stdio: 'pipe' });
  const lucid = await import(pathToFileURL(path.join(project, 'node_modules', 'lucid-reader', 'index.js')));

  const quiet = new VirtualConsole();
  const all = pages();
  const aeb = all.filter((p) => p.key.startsWith('aeb/')).map((p) => ({ ...p, text: p.html() }));
  const dom = (p) => new JSDOM(p.text ?? p.html(), { url: p.url, virtualConsole: quiet });

  // Pages per second of `f` over the AEB pages (one warm-up pass first); with
  // `prepare`, what it makes for each page beforehand is not timed.
  async function rate(f, prepare = null) {
    for (const p of aeb.slice(0, 5)) await f(p, prepare ? prepare(p) : null);
    let ms = 0;
    for (const p of aeb) {
      const made = prepare ? prepare(p) : null;
      const t0 = performance.now();
      await f(p, made);
      ms += performance.now() - t0;
      made?.window?.close();
    }
    return { pages: aeb.length, ms: +ms.toFixed(0), pages_per_second: +((aeb.length * 1000) / ms).toFixed(1) };
  }

  const speed = {};
  console.error('speed: lucid-reader extract() from the string');
  speed.lucid_string = await rate((p) => lucid.extract(p.text, { url: p.url, force: true, citations: false }));
  speed.lucid_string_all = await rate((p) => lucid.extract(p.text, { url: p.url, force: true }));
  console.error('speed: the Readability face');
  speed.lucid_face_string = await rate((p) => new lucid.Readability(p.text, { url: p.url }).parse());
  speed.lucid_face_document = await rate((p, d) => new lucid.Readability(d.window.document).parse(), dom);
  console.error('speed: @mozilla/readability + jsdom');
  speed.readability_string = await rate((p) => {
    const d = dom(p);
    new MozReadability(d.window.document).parse();
    d.window.close();
  });
  speed.readability_document = await rate((p, d) => new MozReadability(d.window.document).parse(), dom);
  console.error('speed: defuddle + jsdom');
  speed.defuddle_string = await rate(async (p) => {
    const d = dom(p);
    await Defuddle(d, p.url);
    d.window.close();
  });
  speed.defuddle_document = await rate((p, d) => Defuddle(d, p.url), dom);

  // Quality: the Readability face on every page of the three corpora, from
  // jsdom Documents, scored as defuddle is (bench/quality.py --score-peer).
  console.error(`quality: the Readability face on ${all.length} pages`);
  const out = { _defuddle: `lucid-reader ${VERSION} (Readability face)` };
  for (const p of all) {
    const d = dom(p);
    try {
      const r = new lucid.Readability(d.window.document).parse();
      out[p.key] = { title: r?.title ?? '', text: r?.textContent ?? '' };
    } catch (e) {
      out[p.key] = { error: String(e?.message ?? e) };
    }
    d.window.close();
  }
  const made = path.join(TARGET, 'peers', 'lucid-npm-face.json');
  fs.mkdirSync(path.dirname(made), { recursive: true });
  fs.writeFileSync(made, JSON.stringify(out));
  const face = JSON.parse(execFileSync('python3', [path.join(ROOT, 'bench', 'quality.py'), '--score-peer', made], { encoding: 'utf8' }));
  const q = fs.existsSync(path.join(TARGET, 'quality.json')) ? JSON.parse(fs.readFileSync(path.join(TARGET, 'quality.json'), 'utf8')) : null;
  fs.rmSync(project, { recursive: true, force: true });

  return {
    date: new Date().toISOString().slice(0, 10),
    versions: { 'lucid-reader': VERSION, '@mozilla/readability': peerVersion('@mozilla/readability'), jsdom: peerVersion('jsdom'), defuddle: peerVersion('defuddle'), node: process.version },
    speed,
    quality: {
      face: { aeb: face.aeb.all.f1, readability: face.readability.all.f1, trafilatura: face.trafilatura.all.f1, errors: face.errors },
      ...(q ? {
        cli: { aeb: q.aeb.all.f1, readability: q.readability.all.f1, trafilatura: q.trafilatura.forced?.all?.f1 ?? null },
        readability_js: { aeb: q.aeb_peers?.readability_js ?? null, trafilatura: trafReadability(q) },
        defuddle: q.defuddle ? { aeb: q.defuddle.aeb.all.f1, readability: q.defuddle.readability.all.f1, trafilatura: q.defuddle.trafilatura.all.f1 } : null,
      } : {}),
    },
  };
}

const f1 = (x) => (x == null ? '–' : x.toFixed(3));
const x = (a, b) => `${(a / b).toFixed(1)}×`;
function report(result) {
  const { speed } = result;
  const { face, readability_js: moz = {}, defuddle: dd = {} } = result.quality;
  const rows = [
    '| the npm package (`./bench.sh npm`, AEB dev pages, Node, one core) | lucid-reader | @mozilla/readability + jsdom | defuddle + jsdom |',
    '|---|---|---|---|',
    `| pages/s from the HTML string (the peers parse it with jsdom) | **${speed.lucid_face_string.pages_per_second}** through the Readability face; \`extract()\` ${speed.lucid_string.pages_per_second} (key facts and names too), ${speed.lucid_string_all.pages_per_second} (and the five prose citations) | ${speed.readability_string.pages_per_second} | ${speed.defuddle_string.pages_per_second} |`,
    `| pages/s from a jsdom Document made beforehand | **${speed.lucid_face_document.pages_per_second}** through the Readability face (${x(speed.lucid_face_document.pages_per_second, speed.readability_document.pages_per_second)} Readability.js) | ${speed.readability_document.pages_per_second} | ${speed.defuddle_document.pages_per_second} |`,
    `| quality, the Readability face from jsdom Documents: AEB dev / Readability dev / trafilatura-dev F1 | **${f1(face.aeb)} / ${f1(face.readability)} / ${f1(face.trafilatura)}** | ${f1(moz.aeb)} / (the reference) / ${f1(moz.trafilatura)} | ${f1(dd?.aeb)} / ${f1(dd?.readability)} / ${f1(dd?.trafilatura)} |`,
    '',
    `(${result.date}; lucid-reader ${VERSION}, @mozilla/readability ${result.versions['@mozilla/readability']}, jsdom ${result.versions.jsdom}, defuddle ${result.versions.defuddle}, Node ${result.versions.node}; the peers' quality from \`./bench.sh quality\`)`,
  ].join('\n');
  console.log(rows);
  const table = path.join(TARGET, 'bench-npm.md');
  fs.writeFileSync(table, rows + '\n');
  for (const doc of ['docs/benchmarks.md', 'docs/npm.md', 'README.md']) execFileSync('python3', [path.join(ROOT, 'tools', 'doc-block.py'), doc, 'npm', table], { cwd: ROOT, stdio: 'inherit' });
}

// (--report: the docs written again from target/bench-npm.json)
if (process.argv.includes('--report')) report(JSON.parse(fs.readFileSync(path.join(TARGET, 'bench-npm.json'), 'utf8')));
else {
  const result = await measure();
  fs.writeFileSync(path.join(TARGET, 'bench-npm.json'), JSON.stringify(result, null, 1));
  report(result);
}
