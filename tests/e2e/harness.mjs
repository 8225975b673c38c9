// Shared end-to-end helpers: a static server on 127.0.0.1, Debian's Chromium
// with the built test extension (dist/chrome-test), and access to the reader
// view (a closed shadow root, read through the DevTools protocol).
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { shapePage } from './foreign-shapes.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const DECLUTTER = path.join(ROOT, 'tests', 'declutter');
export const GATE = path.join(ROOT, 'tests', 'gate');
export const SHOTS = path.join(ROOT, 'target', 'e2e');

/** Files with a test for each browser run only the browsers LUCID_E2E_BROWSERS
 * names (test.sh runs Chromium and Firefox ESR in lanes side by side); both
 * when it is unset. */
export function wants(browser) {
  const only = process.env.LUCID_E2E_BROWSERS;
  return !only || only.split(',').includes(browser);
}

const TYPES = { '.svg': 'image/svg+xml', '.xhtml': 'application/xhtml+xml', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json' };

export const VECTORS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'security', 'vectors.json'), 'utf8')).vectors;
const PARA = "The council said on Monday that the new library would open next spring, with room for study, a children's corner and a café, after two years of building work in the town centre.";

function vectorPage(i) {
  const v = VECTORS[i];
  if (!v) return null;
  const payload = v.html.replaceAll('{ID}', String(i));
  return `<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Library to open next spring</title></head><body><article>
<h1>Library to open next spring</h1><p>${PARA}</p><p>${PARA}</p>${payload}<p>${PARA}</p><p>${PARA}</p></article></body></html>`;
}

/** The generated pages served by number, by kind. */
const NUMBERED = { vector: vectorPage, foreign: shapePage };

const STORY = '<p>' + 'A paragraph of the story, with commas, clauses, and enough words to count as prose. '.repeat(5) + '</p>';
/** Pages made on the fly for the robustness tests. */
const GENERATED = {
  '/generated/ads.html': {
    type: 'text/html; charset=utf-8',
    body: () => `<html><head><title>Ten thousand ads</title></head><body><article><h1>Ten thousand ads</h1>${Array.from({ length: 10000 }, (_, i) => `<div class="ad-slot" id="div-gpt-ad-${i}"><ins class="adsbygoogle"></ins>Advertisement</div>${i % 50 === 0 ? STORY : ''}`).join('')}</article></body></html>`,
  },
  '/generated/deep.html': {
    type: 'text/html; charset=utf-8',
    body: () => `<html><head><title>Deep</title></head><body>${'<div>'.repeat(100000)}deep words${'</div>'.repeat(100000)}${STORY}${STORY}</body></html>`,
  },
  '/generated/empty.html': { type: 'text/html', body: () => '' },
  '/generated/garbage.html': {
    type: 'text/html',
    body: () => Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919 + 13) % 256)),
  },
};

/**
 * A decluttering fixture (tests/declutter/NAME.html): its `<!-- expect {...} -->`
 * line, and the page — the file's `slot:page` as is, or its `slot:NAME`
 * sections put into the shared article (tests/declutter/article.html).
 */
export function declutterPage(name) {
  const src = fs.readFileSync(path.join(DECLUTTER, `${name}.html`), 'utf8');
  const expect = JSON.parse(/<!-- expect (\{.*\}) -->/.exec(src)[1]);
  const slots = {};
  for (const m of src.matchAll(/<!-- slot:(\w+) -->\n([\s\S]*?)(?=<!-- slot:|$)/g)) slots[m[1]] = m[2];
  const html = slots.page ?? fs.readFileSync(path.join(DECLUTTER, 'article.html'), 'utf8').replace(/<!-- slot:(\w+) -->\n?/g, (_, k) => slots[k] ?? '');
  return { expect, html };
}

export function declutterFixtures() {
  return fs.readdirSync(DECLUTTER).filter((f) => f.endsWith('.html') && f !== 'article.html').map((f) => f.replace(/\.html$/, '')).sort();
}

/** Serve `root` on 127.0.0.1 (random port). Every request is recorded. */
export async function startServer(root = FIXTURES) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const generated = GENERATED[rel];
    if (generated) {
      res.writeHead(200, { 'content-type': generated.type });
      res.end(generated.body());
      return;
    }
    const corpus = /^\/(aeb|traf)\/([0-9a-f]{64}|d\d{4})\.html$/.exec(rel);
    if (corpus) {
      // Corpus pages, served as saved (for the benchmarks): the AEB pages are
      // UTF-8, the trafilatura-dev pages keep their own encodings.
      const [dir, type] = corpus[1] === 'aeb' ? ['aeb-dev', 'text/html; charset=utf-8'] : ['trafilatura-dev', 'text/html'];
      const gz = path.join(ROOT, '..', 'shared', 'corpus', dir, 'html', `${corpus[2]}.html.gz`);
      if (fs.existsSync(gz)) {
        res.writeHead(200, { 'content-type': type });
        res.end(zlib.gunzipSync(fs.readFileSync(gz)));
        return;
      }
    }
    const robust = /^\/robustness\/([\w.-]+)$/.exec(rel);
    if (robust) {
      const file = path.join(ROOT, 'tests', 'fixtures-robustness', robust[1]);
      if (fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'image/svg+xml' });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    const gate = /^\/gate\/(positive|negative)\/([\w-]+\.html)$/.exec(rel);
    if (gate && fs.existsSync(path.join(GATE, gate[1], gate[2]))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      fs.createReadStream(path.join(GATE, gate[1], gate[2])).pipe(res);
      return;
    }
    const clutter = /^\/declutter\/([\w-]+)\.html$/.exec(rel);
    if (clutter && fs.existsSync(path.join(DECLUTTER, `${clutter[1]}.html`))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(declutterPage(clutter[1]).html);
      return;
    }
    const numbered = /^\/(vector|foreign)\/(\d+)\.html$/.exec(rel);
    if (numbered) {
      // Generated pages by number: security vectors (tests/security/vectors.json,
      // {ID} = index) and hostile foreign-content shapes (tests/e2e/foreign-shapes.mjs).
      const body = NUMBERED[numbered[1]](Number(numbered[2]));
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? `no such ${numbered[1]} page`);
      return;
    }
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, requests, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Chromium with the test build of the extension loaded; `lang`: the
 * browser's interface language (the extension's messages follow it), as a
 * reader's system sets it (LANGUAGE on Linux).
 */
export async function launch({ extension = process.env.LUCID_TEST_EXTENSION ?? path.join(ROOT, 'dist', 'chrome-test'), lang = null } = {}) {
  if (!fs.existsSync(path.join(extension, 'manifest.json'))) throw new Error(`${extension} is not built: run ./build.sh`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      ...(lang ? [`--lang=${lang}`] : []),
    ],
    ...(lang ? { env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` }, locale: lang } : {}),
    viewport: { width: 1280, height: 900 },
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker', { timeout: 15000 });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, sw, close };
}

export async function tabIdOf(sw, url) {
  return sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
}

/** Exactly what the toolbar button does (`options.force`: "Show it anyway"). */
export async function toggle(sw, tabId, options) {
  return sw.evaluate(([id, o]) => globalThis.lucid.toggle(id, o), [tabId, options ?? {}]);
}

export async function state(sw, tabId) {
  return sw.evaluate((id) => globalThis.lucid.state(id), tabId);
}

export async function openPage(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The reader view as rendered: text and element names inside the closed shadow root. */
export async function readerView(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (n) => {
      if (n.nodeName === 'LUCID-READER') return n;
      for (const c of n.children ?? []) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const host = find(root);
    if (!host) return null;
    const shadow = host.shadowRoots?.[0];
    const texts = [];
    const tags = [];
    // Elements DevTools names in lower case: not HTML's namespace (the view's
    // formulas, which a browser draws only as MathML).
    const mathml = [];
    const walk = (n) => {
      if (n.nodeType === 3) texts.push(n.nodeValue);
      if (n.nodeType === 1) tags.push(n.nodeName.toLowerCase());
      if (n.nodeType === 1 && n.nodeName !== n.nodeName.toUpperCase()) mathml.push(n.nodeName);
      if (n.nodeName === 'STYLE') return;
      for (const c of n.children ?? []) walk(c);
    };
    walk(shadow);
    const count = (t) => tags.filter((x) => x === t).length;
    return { shadowMode: shadow?.shadowRootType, text: texts.join('').replace(/\s+/g, ' '), tags, count, mathml };
  } finally {
    await cdp.detach();
  }
}

/**
 * The reader view's rendered text (`innerText` of each element in its closed
 * shadow root, run through DevTools): unlike the node walk of [`readerView`],
 * this keeps the whitespace-only text nodes that DevTools' DOM tree leaves
 * out, so the spaces between words are as the reader sees them.
 */
export async function readerText(page) {
  // (Without its formulas, as paragraph-check.mjs reads the page.)
  return readerEval(page, 'function () { const m = [...this.querySelectorAll("math")]; m.forEach((e) => e.style.setProperty("display", "none")); const t = [...this.children].map((c) => c.innerText ?? "").join("\\n"); m.forEach((e) => e.style.removeProperty("display")); return t; }');
}

/** Runs `fn` (a function's source; `this` is the reader view's closed shadow
 * root) in the page through DevTools, and gives its value (null without a view). */
export async function readerEval(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (n) => (n.nodeName === 'LUCID-READER' ? n : (n.children ?? []).map(find).find(Boolean) ?? null);
    const shadow = find(root)?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true });
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Nodes of the reader view (closed shadow root) with their attributes, via DevTools. */
async function readerNodes(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const out = [];
  const walk = (n, inReader) => {
    const here = inReader || n.nodeName === 'LUCID-READER';
    if (here && n.nodeType === 1) {
      const attrs = {};
      for (let i = 0; i < (n.attributes ?? []).length; i += 2) attrs[n.attributes[i]] = n.attributes[i + 1];
      const text = [];
      const collect = (c) => { if (c.nodeType === 3) text.push(c.nodeValue); (c.children ?? []).forEach(collect); };
      collect(n);
      out.push({ nodeId: n.nodeId, tag: n.nodeName.toLowerCase(), attrs, text: text.join('') });
    }
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
  };
  walk(root, false);
  return out;
}

/** Elements of the reader view matching `pred({tag, attrs, text})`. */
export async function readerQuery(page, pred) {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await readerNodes(cdp)).filter(pred);
  } finally {
    await cdp.detach();
  }
}

/**
 * Computed style properties of reader-view elements, all read in one DevTools
 * session: `queries` is a list of [pred, property]; returns the values.
 */
export async function readerStyles(page, queries) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const nodes = await readerNodes(cdp);
    const out = [];
    for (const [pred, property] of queries) {
      const node = nodes.find(pred);
      if (!node) throw new Error('no such element in the reader view');
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId });
      out.push(computedStyle.find((p) => p.name === property)?.value);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Click the first reader-view element matching `pred`, as a user would. */
export async function readerClick(page, pred) {
  const { x, y, width, height } = await readerBox(page, pred);
  await page.mouse.click(x + width / 2, y + height / 2);
}

/** The content box ({ x, y, width, height }) of the first reader-view element matching `pred`, scrolled into view. */
export async function readerBox(page, pred) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const node = (await readerNodes(cdp)).find(pred);
    if (!node) throw new Error('no such element in the reader view');
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: node.nodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId });
    const [x1, y1, , , x3, y3] = model.content;
    return { x: x1, y: y1, width: x3 - x1, height: y3 - y1 };
  } finally {
    await cdp.detach();
  }
}

/** Give keyboard focus to the first reader-view element matching `pred`. */
export async function readerFocus(page, pred) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const node = (await readerNodes(cdp)).find(pred);
    if (!node) throw new Error('no such element in the reader view');
    await cdp.send('DOM.focus', { nodeId: node.nodeId });
  } finally {
    await cdp.detach();
  }
}

export async function snapshot(page) {
  return page.evaluate(() => document.documentElement.outerHTML);
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  // caret 'initial': Playwright's caret hiding would touch the page's inputs.
  await page.screenshot({ path: file, caret: 'initial' });
  return file;
}

/** The gate's pages: tests/gate/{positive,negative}/*.html. */
export function gatePages(kind) {
  return fs.readdirSync(path.join(GATE, kind)).filter((f) => f.endsWith('.html')).sort();
}

export function fixtures() {
  return fs
    .readdirSync(FIXTURES)
    .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'expected.json')))
    .sort()
    .map((name) => ({ name, expected: JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) }));
}

/**
 * Register hooks that start the fixture server and Chromium with the
 * extension before a test file's tests, and stop them after. The returned
 * object's `server` and `browser` are set once the tests run. `settings`:
 * reading settings to store before the first test.
 */
export function useBrowser(settings = null) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
    // Settings the whole file runs with (storage.sync, as the options page sets them).
    if (settings) await env.browser.sw.evaluate((s) => chrome.storage.sync.set(s), settings);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * What a fixture's expected.json says of its article, checked against the
 * state the content script reports and the view's rendered text (in every
 * browser). Soft hyphens stay in the view as break hints; find-in-page skips
 * them too.
 */
export function assertArticle(expected, st, viewText) {
  assert.equal(st.reader, true);
  if (expected.title) assert.equal(st.title, expected.title);
  for (const key of ['authors', 'site_name', 'lang']) {
    if (expected[key] != null) assert.deepEqual(st[key], expected[key], key);
  }
  if (expected.published) assert.equal(st.published, expected.published);
  assert.ok(viewText.includes(st.title), 'title rendered');
  for (const s of expected.must_contain) assert.ok(viewText.replaceAll('\u00ad', '').includes(s), `rendered view has ${s}`);
  for (const s of expected.must_not_contain) assert.ok(!viewText.includes(s), `rendered view has no ${s}`);
}

/**
 * A names fixture (expected.names, expected.not_names): the names the view
 * marked after its model loaded — in the page's language, at least half of
 * the expected ones, none of the words that are no names. (Precision over
 * all name fixtures is the native test's: tests/fixtures.rs.)
 */
export function assertNames(expected, on, st) {
  if (!expected.names) return;
  assert.equal(on.timings?.names_error, undefined);
  const want = Object.entries(expected.names).flatMap(([kind, names]) => names.map((n) => `${kind}:${n}`));
  // A language without a name model (Polish) gets no names' pass at all.
  assert.equal(on.timings?.names_lang, want.length ? expected.lang : undefined, 'the name model of the page\'s language');
  const got = new Set(st.facts.filter((f) => ['person', 'organisation', 'place'].includes(f.kind)).map((f) => `${f.kind}:${f.text}`));
  const found = want.filter((w) => got.has(w));
  assert.ok(found.length * 2 >= want.length, `names found: ${found.length} of ${want.length}`);
  for (const n of expected.not_names ?? []) assert.ok(![...got].some((g) => g.endsWith(`:${n}`)), `${n} is no name`);
}

/** Calls `read()` until `pred` holds of what it gives (3 s at most); that value. */
export async function poll(read, pred, what, ms = 3000) {
  const t0 = Date.now();
  let v;
  while (Date.now() - t0 < ms) {
    v = await read();
    if (pred(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: ${JSON.stringify(v).slice(0, 300)}`);
}

/** A point inside the first element matching `selector` (scrolled to the middle), in a page of either browser. */
export function boxOf(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 20) };
  }, selector);
}

/** The local calendar day (YYYY-MM-DD), as the extension stamps a citation's "accessed" date. */
export function localDay(d = new Date()) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Equal to what `make(day)` gives for the day `since` (a `localDay()` taken
 * before the reader view was made) or, if midnight has passed since, for
 * today: the view stamps the day it was made, the CLI the day it is given.
 */
export function equalOnEitherDay(actual, since, make, message) {
  const days = since === localDay() ? [since] : [since, localDay()];
  const wants = days.map(make);
  assert.deepEqual(actual, wants.find((w) => isDeepStrictEqual(w, actual)) ?? wants.at(-1), message);
}

/** The CLI's quotes of `text` in the fixture page served at `url`, every prose style (`lucid extract --quote`), accessed on `day`. */
export function cliQuotes(fixture, url, text, day = localDay()) {
  return JSON.parse(execFileSync(path.join(ROOT, 'target', 'release', 'lucid'), [
    'extract', path.join(FIXTURES, fixture, 'page.html'), '--url', url, '--accessed', day, '--quote', text, '--format', 'json',
  ], { encoding: 'utf8' }));
}

/** Select text with the mouse: a drag of `dx` pixels from the start of a box. */
export async function dragSelect(page, box, dx = 120) {
  await page.mouse.move(box.x + 2, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + dx, box.y + 8, { steps: 8 });
  await page.mouse.up();
}
