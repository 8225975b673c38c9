// The npm package as its users get it (issue 41, docs/npm.md): the tarball
// build.sh packed (dist/npm) installed into an empty project, no workspace
// link; then
// - both APIs used from Node through the bare import `lucid-reader`;
// - `extract` equal to the `lucid` CLI on every page of the three dev
//   corpora (so its quality is the CLI's, which tests/quality_regression.py
//   holds to its floors), and in every format;
// - the Readability face beside @mozilla/readability on the same jsdom
//   documents, field by field, on the Readability dev pages;
// - typed errors, hostile input (the security vectors), a panic;
// - the same package in Deno, Bun, a Chromium page and a module worker;
// - without its names package (lucid-reader-names): under 1.5 MB, no names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { Readability as MozReadability } from '@mozilla/readability';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'corpus');
const LUCID = path.join(ROOT, 'target', 'release', 'lucid');
const VERSION = /^version = "(.*)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const TARBALL = path.join(ROOT, 'dist', 'npm', `lucid-reader-${VERSION}.tgz`);
const NAMES = path.join(ROOT, 'dist', 'npm', `lucid-reader-names-${VERSION}.tgz`);
const ACCESSED = '2026-01-01';
const BIN = path.join(ROOT, 'node_modules', '.bin');

let project; // the empty project the tarballs are installed into

// A new project with `tarballs` installed, as a user installs them.
function emptyProject(...tarballs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-npm-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], { cwd: dir, stdio: 'pipe' });
  return dir;
}
let lucid; // the installed package, imported by its path

before(async () => {
  assert.ok(fs.existsSync(TARBALL) && fs.existsSync(NAMES), `${TARBALL} and ${NAMES} (./build.sh packs them)`);
  project = emptyProject(TARBALL, NAMES);
  const installed = path.join(project, 'node_modules', 'lucid-reader');
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'installed from the tarball, not linked');
  lucid = await import(pathToFileURL(path.join(installed, 'index.js')));
});
after(() => fs.rmSync(project, { recursive: true, force: true }));

// A user's script in the project, run by `runtime` (node, deno or bun).
function runInProject(runtime, source, args = [], dir = project) {
  const file = path.join(dir, `check-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, source);
  try {
    return JSON.parse(execFileSync(runtime, [...args, file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    fs.rmSync(file);
  }
}

const GERMAN = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Neue Brücke eröffnet</title>
<meta name="author" content="Jana Roth"></head><body><article><h1>Neue Brücke eröffnet</h1>
<p>Bürgermeisterin Anna Keller eröffnete am 14. März 2026 in Hamburg die neue Brücke, die 12,8 Millionen Euro gekostet hat. „Das ist ein guter Tag für die Stadt“, sagte Keller bei der Eröffnung vor rund 2.000 Menschen.</p>
<p>Die Brücke verbindet zwei Stadtteile, die bisher nur über einen langen Umweg erreichbar waren. Nach Angaben der Stadtverwaltung nutzen täglich mehr als 15.000 Pendler die Strecke zwischen den beiden Ufern.</p>
</article></body></html>`;

// What a user writes, both APIs through the bare import.
const USER_SCRIPT = `
import { extract, Readability, isProbablyReaderable, NotAnArticleError } from 'lucid-reader';
const html = ${JSON.stringify(GERMAN)};
const a = await extract(html, { url: 'https://example.org/bruecke', accessed: '${ACCESSED}' });
const r = new Readability(html, { url: 'https://example.org/bruecke' }).parse();
let refused = null;
try { await extract('<html><body><a href="/a">Home</a> <a href="/b">News</a></body></html>'); } catch (e) { refused = [e instanceof NotAnArticleError, e.code]; }
const facts = (kind) => a.facts.filter((f) => f.kind === kind).map((f) => f.text);
console.log(JSON.stringify({ title: a.title, authors: a.authors, people: facts('person'), places: facts('place'), numbers: facts('number'), dates: facts('date'),
  apa: a.citation.apa, readability: { title: r.title, byline: r.byline, lang: r.lang, length: r.length, content: r.content.startsWith('<div id="readability-page-1" class="page">') },
  readerable: isProbablyReaderable(html), refused }));
`;

function checkUserScript(out, runtime) {
  assert.equal(out.title, 'Neue Brücke eröffnet', runtime);
  assert.deepEqual(out.authors, ['Jana Roth'], runtime);
  assert.ok(out.people.includes('Anna Keller'), `${runtime}: the German names model was loaded (${out.people})`);
  assert.ok(out.places.includes('Hamburg'), `${runtime}: ${out.places}`);
  assert.ok(out.numbers.includes('12,8 Millionen Euro'), `${runtime}: ${out.numbers}`);
  assert.ok(out.dates.includes('14. März 2026'), `${runtime}: ${out.dates}`);
  assert.match(out.apa, /^Roth, J\. \(n\.d\.\)\. Neue Brücke eröffnet\./, runtime);
  assert.deepEqual(out.readability, { title: 'Neue Brücke eröffnet', byline: 'Jana Roth', lang: 'de', length: out.readability.length, content: true });
  assert.ok(out.readability.length > 300, runtime);
  assert.equal(out.readerable, true, runtime);
  assert.deepEqual(out.refused, [true, 'not-an-article'], runtime);
}

test('installed from the tarball, both APIs work from Node through the bare import', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'lucid-reader', 'package.json'), 'utf8'));
  assert.equal(pkg.version, VERSION);
  assert.deepEqual(pkg.dependencies ?? {}, {}, 'no runtime dependencies');
  assert.ok(!fs.existsSync(path.join(project, 'node_modules', 'lucid-reader', 'ner')), 'the models are in lucid-reader-names');
  checkUserScript(runInProject('node', USER_SCRIPT), 'node');
});

test('the package without its names: under 1.5 MB, works, and its facts hold no names', () => {
  assert.ok(fs.statSync(TARBALL).size < 1.5e6, `${fs.statSync(TARBALL).size} B`);
  const alone = emptyProject(TARBALL);
  try {
    const out = runInProject('node', `import { extract, hasNames } from 'lucid-reader';
const a = await extract(${JSON.stringify(GERMAN)}, { accessed: '${ACCESSED}' });
console.log(JSON.stringify({ hasNames: hasNames(), title: a.title, kinds: [...new Set(a.facts.map((f) => f.kind))].sort() }));`, [], alone);
    assert.deepEqual(out, { hasNames: false, title: 'Neue Brücke eröffnet', kinds: ['date', 'key_sentence', 'number', 'quote'] });
  } finally {
    fs.rmSync(alone, { recursive: true, force: true });
  }
  assert.equal(lucid.hasNames(), true, 'with lucid-reader-names installed beside');
});

test('the same script in Deno and Bun (from npm: deno, bun), no network permission', () => {
  checkUserScript(runInProject(path.join(BIN, 'deno'), USER_SCRIPT, ['run', '--allow-read', '--no-prompt']), 'deno');
  checkUserScript(runInProject(path.join(BIN, 'bun'), USER_SCRIPT), 'bun');
});

test('the TypeScript types: a user\'s code checks, a wrong use does not (deno check)', () => {
  const check = (name, source) => {
    fs.writeFileSync(path.join(project, name), source);
    try {
      execFileSync(path.join(BIN, 'deno'), ['check', '--quiet', name], { cwd: project, stdio: 'pipe', encoding: 'utf8' });
      return '';
    } catch (e) {
      return String(e.stderr);
    }
  };
  const good = `import { extract, Readability, isProbablyReaderable, NotAnArticleError, type Article } from 'lucid-reader';
const a: Article = await extract('<p>x</p>', { url: 'https://example.org/', force: true });
const md: string = await extract('<p>x</p>', { format: 'markdown', force: true });
const r = new Readability('<p>x</p>').parse();
const title: string | undefined = r?.title;
const ok: boolean = isProbablyReaderable('<p>x</p>');
const people: string[] = a.facts.filter((f) => f.kind === 'person').map((f) => f.role ?? f.text);
try { await extract(''); } catch (e) { if (e instanceof NotAnArticleError) { const c: 'not-an-article' = e.code; } }
console.log(md, title, ok, people, a.citation.apa, a.published?.slice(0, 4));
`;
  assert.equal(check('good.ts', good), '');
  assert.match(check('bad.ts', "import { extract } from 'lucid-reader';\nconst n: number = (await extract('<p>x</p>')).title;\n"), /TS2322/);
  assert.match(check('bad2.ts', "import { extract } from 'lucid-reader';\nawait extract('<p>x</p>', { format: 'pdf' });\n"), /TS2769|TS2322/);
});

// ---- extract equals the CLI on the dev corpora -----------------------------

// Every page of the three dev corpora, decoded once (UTF-8 when valid, else
// windows-1252) and written as UTF-8, so that the CLI and the package read
// the same text.
function corpusPages() {
  const pages = [];
  const add = (id, bytes) => {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
    pages.push({ id, text });
  };
  for (const c of ['aeb-dev', 'trafilatura-dev']) {
    const dir = path.join(SHARED, c, 'html');
    for (const f of fs.readdirSync(dir).sort()) add(`${c}-${f.replace(/\.html(\.gz)?$/, '')}`, fs.readFileSync(path.join(dir, f)));
  }
  const rdb = path.join(SHARED, 'readability-dev');
  for (const d of fs.readdirSync(rdb).sort()) {
    const f = path.join(rdb, d, 'source.html');
    if (fs.existsSync(f)) add(`readability-dev-${d}`, fs.readFileSync(f));
  }
  return pages;
}

test('extract() gives what the CLI gives, field for field, on every page of the three dev corpora', async () => {
  const pages = corpusPages();
  assert.ok(pages.length >= 600, `${pages.length} pages`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-npm-pages-'));
  try {
    for (const p of pages) fs.writeFileSync(path.join(dir, `${p.id}.html`), p.text);
    const out = path.join(dir, 'cli.jsonl');
    execFileSync(LUCID, ['batch', dir, '--force', '--accessed', ACCESSED, '--out', out], { stdio: 'pipe' });
    const cli = new Map(fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r]));
    let same = 0;
    const differ = [];
    for (const p of pages) {
      const want = cli.get(p.id);
      delete want.id;
      delete want.file;
      const got = await lucid.extract(p.text, { force: true, accessed: ACCESSED });
      assert.equal(got.url, '');
      delete got.url;
      try {
        assert.deepEqual(got, want);
        same += 1;
      } catch (e) {
        differ.push(`${p.id}: ${e.message.slice(0, 300)}`);
      }
    }
    assert.deepEqual(differ, [], `${same} of ${pages.length} the same`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every format is the CLI\'s, for a URL given', async () => {
  const file = path.join(SHARED, 'readability-dev', '001', 'source.html');
  const html = fs.readFileSync(file, 'utf8');
  const url = 'https://example.com/blog/covered';
  for (const format of ['json', 'markdown', 'text', 'html', 'apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard', 'bibtex', 'ris', 'csl-json']) {
    const want = execFileSync(LUCID, ['extract', file, '--url', url, '--accessed', ACCESSED, '--format', format], { encoding: 'utf8' });
    const got = await lucid.extract(html, { url, accessed: ACCESSED, format });
    if (format === 'json') assert.deepEqual(got, JSON.parse(want));
    // (the CLI prints without the text's last newline)
    else assert.equal(got.replace(/\n+$/, ''), want.replace(/\n$/, ''), format);
  }
  const plain = await lucid.extract(html, { url, citations: false });
  assert.deepEqual(Object.keys(plain.citation).sort(), ['bibtex', 'csl-json', 'ris'], 'citations: false loads no citation module');
});

// ---- errors and hostile input ------------------------------------------------

test('clear, typed errors; never a crash or a hang', async () => {
  const { extract, LucidError, NotAnArticleError, BadInputError, Readability, isProbablyReaderable } = lucid;
  const rejects = async (input, options, Type, code) => {
    await assert.rejects(extract(input, options), (e) => e instanceof Type && e instanceof LucidError && e.code === code && e.message.length > 0);
  };
  await rejects('', {}, BadInputError, 'empty');
  await rejects('   \n ', {}, BadInputError, 'empty');
  await rejects('\u0000\u0001\u0002binary\u0000', {}, BadInputError, 'not-html');
  await rejects(42, {}, BadInputError, 'bad-input');
  await rejects(null, {}, BadInputError, 'bad-input');
  await rejects('<p>x</p>', { format: 'pdf' }, BadInputError, 'bad-option');
  await rejects('<p>x</p>', { force: 'yes' }, BadInputError, 'bad-option');
  await rejects('<p>x</p>', { accessed: 'yesterday' }, BadInputError, 'bad-option');
  const listing = '<html><body><ul><li><a href="/a">Council approves the budget for next year</a></li><li><a href="/b">Storm closes roads in the north</a></li></ul></body></html>';
  await rejects(listing, {}, NotAnArticleError, 'not-an-article');
  await assert.rejects(extract(listing), /pass \{ force: true \}/);
  assert.ok((await extract(listing, { force: true })).text.includes('Storm closes roads'), 'forced: the page\'s text');
  assert.equal(new Readability('').parse(), null, 'Readability: null where it finds nothing');
  assert.equal(isProbablyReaderable(listing), false);
  assert.throws(() => new Readability(null), /First argument to Readability constructor should be a document object/);
  // Hostile markup: deep nesting, a huge attribute, a tag that never closes.
  const t0 = performance.now();
  const deep = '<div>'.repeat(200_000) + '<p>' + 'Deep words go on and on. '.repeat(40) + '</p>';
  assert.ok((await extract(deep, { force: true })).text.includes('Deep words'));
  await extract(`<p title="${'x'.repeat(5_000_000)}">Text</p>`, { force: true }).catch((e) => assert.ok(e instanceof LucidError));
  await extract('<p><b>' + 'a<'.repeat(500_000), { force: true }).catch((e) => assert.ok(e instanceof LucidError));
  assert.ok(performance.now() - t0 < 30_000, 'hostile pages take seconds, not minutes');
  // A panic in the core: an internal error, and the next call a fresh core.
  assert.throws(() => lucid._testing.panic(), (e) => e instanceof LucidError && e.code === 'internal');
  await lucid.ready();
  assert.equal((await extract(GERMAN, { accessed: ACCESSED })).title, 'Neue Brücke eröffnet');
});

test('nothing from the page survives that could run: the security vectors', async () => {
  const { vectors } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'security', 'vectors.json'), 'utf8'));
  const para = '<p>The council said on Monday that the new library would open next spring, with room for study and a café, after two years of building work.</p>';
  for (const [i, v] of vectors.entries()) {
    const page = `<!DOCTYPE html><html lang=en><head><title>Library</title></head><body><article><h1>Library</h1>${para}${para}${v.html.replaceAll('{ID}', String(i))}${para}${para}</article></body></html>`;
    const a = await lucid.extract(page, { url: 'https://example.org/library', citations: false });
    const dom = new JSDOM(`<body>${a.html}</body>`).window.document;
    for (const el of dom.querySelectorAll('*')) {
      assert.ok(!['script', 'style', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'link'].includes(el.localName), `vector ${i}: <${el.localName}>`);
      for (const at of el.attributes) {
        assert.ok(!/^on/i.test(at.name), `vector ${i}: ${at.name}`);
        assert.ok(!/^\s*(javascript|vbscript|data):/i.test(at.value) || (at.name === 'src' && /^data:image\//.test(at.value)), `vector ${i}: ${at.name}=${at.value}`);
      }
    }
  }
});

// ---- the Readability face beside @mozilla/readability ------------------------

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
function tokenF1(a, b) {
  const count = (s) => {
    const m = new Map();
    for (const t of norm(s).toLowerCase().split(' ').filter(Boolean)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const x = count(a);
  const y = count(b);
  let common = 0;
  for (const [t, n] of x) common += Math.min(n, y.get(t) ?? 0);
  const nx = [...x.values()].reduce((s, n) => s + n, 0);
  const ny = [...y.values()].reduce((s, n) => s + n, 0);
  return common === 0 ? 0 : (2 * common) / (nx + ny);
}

// Whether two values of a field mean the same: dates the same instant (or
// day, where one has no time), bylines naming the same first author.
function sameField(field, a, b) {
  if (field === 'publishedTime') {
    const [x, y] = [Date.parse(a), Date.parse(b)];
    return x === y || a.slice(0, 10) === b.slice(0, 10);
  }
  if (field === 'byline') return b.toLowerCase().includes(a.split(',')[0].toLowerCase());
  return a === b;
}

test('the Readability face beside @mozilla/readability on the same jsdom documents (Readability dev pages)', () => {
  const rdb = path.join(SHARED, 'readability-dev');
  const fields = ['title', 'byline', 'excerpt', 'siteName', 'lang', 'dir', 'publishedTime'];
  // Per field: the same; both given but different; only ours; only theirs.
  const tally = Object.fromEntries(fields.map((f) => [f, { same: 0, differ: 0, oursOnly: 0, theirsOnly: 0 }]));
  const nulls = { ours: 0, theirs: 0 };
  let pages = 0;
  let f1 = 0;
  for (const d of fs.readdirSync(rdb).sort()) {
    const file = path.join(rdb, d, 'source.html');
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    const url = 'http://fakehost/test/page.html';
    const ours = new lucid.Readability(new JSDOM(html, { url }).window.document).parse();
    const theirs = new MozReadability(new JSDOM(html, { url }).window.document).parse();
    pages += 1;
    if (!ours) nulls.ours += 1;
    if (!theirs) nulls.theirs += 1;
    if (!ours || !theirs) continue;
    // The same shape: every field Readability gives, a string or null.
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort(), d);
    for (const f of fields) assert.ok(ours[f] === null || typeof ours[f] === 'string', `${d} ${f}`);
    assert.equal(ours.length, ours.textContent.length, d);
    assert.match(ours.content, /^<div id="readability-page-1" class="page">/, d);
    f1 += tokenF1(ours.textContent, theirs.textContent);
    for (const f of fields) {
      const [a, b] = [norm(ours[f]), norm(theirs[f])];
      const t = tally[f];
      if (a && b) t[sameField(f, a, b) ? 'same' : 'differ'] += 1;
      else if (a) t.oursOnly += 1;
      else if (b) t.theirsOnly += 1;
      else t.same += 1;
    }
  }
  const textF1 = +(f1 / (pages - nulls.theirs)).toFixed(3);
  console.log('# Readability face vs @mozilla/readability:', JSON.stringify({ pages, nulls, textF1, ...tally }));
  assert.equal(nulls.ours, 0, 'a page Readability reads is never turned away');
  // Floors a little under what this code measures (docs/npm.md has the table):
  // at most this many pages where Readability gives a value and we give
  // another or none (where only we give one, it is counted, not held against).
  assert.ok(textF1 >= 0.95, `text F1 ${textF1}`);
  const most = { title: 2, byline: 6, excerpt: 8, siteName: 2, lang: 3, dir: 3, publishedTime: 2 };
  for (const [f, n] of Object.entries(most)) {
    assert.ok(tally[f].differ + tally[f].theirsOnly <= n, `${f}: ${JSON.stringify(tally[f])} (at most ${n} not as Readability's)`);
  }
});

test('a DOM Document (jsdom, linkedom, happy-dom) or a string; the document is left as it was; serializer and maxElemsToParse', async () => {
  const dom = new JSDOM(GERMAN, { url: 'https://example.org/bruecke' });
  const doc = dom.window.document;
  const before = doc.documentElement.outerHTML;
  const fromDoc = new lucid.Readability(doc).parse();
  assert.equal(doc.documentElement.outerHTML, before, 'parse() does not change the document');
  const fromString = new lucid.Readability(GERMAN, { url: 'https://example.org/bruecke' }).parse();
  assert.deepEqual(fromDoc, fromString);
  // linkedom's and happy-dom's Documents, as jsdom's.
  const { parseHTML } = await import('linkedom');
  assert.deepEqual(new lucid.Readability(parseHTML(GERMAN).document).parse(), fromString, 'linkedom');
  const { Window } = await import('happy-dom');
  const happy = new Window({ url: 'https://example.org/bruecke' });
  happy.document.write(GERMAN);
  assert.deepEqual(new lucid.Readability(happy.document).parse(), fromString, 'happy-dom');
  await happy.happyDOM.close();
  const el = new lucid.Readability(doc, { serializer: (n) => n }).parse().content;
  assert.equal(el.firstElementChild.id, 'readability-page-1');
  assert.throws(() => new lucid.Readability(doc, { maxElemsToParse: 3 }).parse(), /Aborting parsing document; \d+ elements found/);
  assert.equal(lucid.isProbablyReaderable(doc), true);
});

// ---- a browser page and a module worker ---------------------------------------

test('in a Chromium page and in a module worker, from the package served as files', async () => {
  const { chromium } = await import('playwright-core');
  const modules = path.join(project, 'node_modules');
  const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };
  const page = `<!doctype html><script type=module>
    try {
    const html = ${JSON.stringify(GERMAN).replaceAll('</', '<\\/')};
    const { extract, Readability } = await import('/node_modules/lucid-reader/index.js');
    const a = await extract(html, { url: 'https://example.org/bruecke', accessed: '${ACCESSED}' });
    const worker = new Worker('/worker.js', { type: 'module' });
    // (the worker says when its module, awaiting the core, has run)
    const fromWorker = await new Promise((ok) => { worker.onmessage = (e) => (e.data === 'ready' ? worker.postMessage(html) : ok(e.data)); });
    window.result = { title: a.title, people: a.facts.filter((f) => f.kind === 'person').map((f) => f.text), apa: a.citation.apa,
      face: new Readability(new DOMParser().parseFromString(html, 'text/html')).parse().title, worker: fromWorker };
    } catch (e) { window.result = { error: String(e) + ' ' + e.stack }; }
  </script>`;
  const worker = `import { extract } from '/node_modules/lucid-reader/index.js';
    onmessage = async (e) => { const a = await extract(e.data, { citations: false }); postMessage({ title: a.title, people: a.facts.filter((f) => f.kind === 'person').map((f) => f.text) }); };
    postMessage('ready');`;
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const u = new URL(req.url, 'http://x');
    let body = null;
    if (u.pathname === '/') body = page;
    else if (u.pathname === '/worker.js') body = worker;
    else if (u.pathname.startsWith('/node_modules/')) {
      const f = path.join(modules, path.normalize(u.pathname.slice(14)));
      if (f.startsWith(modules) && fs.existsSync(f) && fs.statSync(f).isFile()) body = fs.readFileSync(f);
    }
    if (body == null) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(u.pathname)] ?? 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => window.result || null, null, { timeout: 30_000 }).catch(() => {});
    const result = await tab.evaluate(() => window.result);
    assert.deepEqual(errors, []);
    assert.equal(result?.error, undefined);
    assert.equal(result.title, 'Neue Brücke eröffnet');
    assert.ok(result.people.includes('Anna Keller'), 'the German model fetched and used');
    assert.match(result.apa, /^Roth, J\./);
    assert.equal(result.face, 'Neue Brücke eröffnet');
    assert.deepEqual(result.worker.title, 'Neue Brücke eröffnet');
    assert.ok(result.worker.people.includes('Anna Keller'));
    // (what the package asked for: its own files; the favicon is the browser's)
    assert.ok(requests.every((r) => ['/', '/worker.js', '/favicon.ico'].includes(r) || r.startsWith('/node_modules/lucid-reader')), requests.join(' '));
    assert.ok(requests.includes('/node_modules/lucid-reader-names/ner/de.bin'), 'the German model, from the names package beside');
  } finally {
    await browser.close();
    server.close();
  }
});
