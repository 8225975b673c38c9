// The parse round trip in the browser: every document case of the WHATWG
// tree-construction tests (../shared/conformance/html5lib-tree-construction)
// is parsed by Chromium and by Firefox ESR (scripting on, as in a tab: the page's CSP only keeps
// the cases' scripts from running), serialised as the extension serialises
// it (documentElement.outerHTML, and extension/page/markup.js's page markup), read
// back by the core (`lucid tree --serialized`, the extension's reader), and
// the core's tree must equal the tree the browser built — element for element,
// with namespaces, attributes, text and comments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { FIREFOX } from './firefox.mjs';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, wants } from './harness.mjs';

const DIR = path.join(ROOT, '..', 'shared', 'conformance', 'html5lib-tree-construction');
const LUCID = path.join(ROOT, 'target', 'release', 'lucid');

/** The document cases of the .dat files (fragment and script-off cases left out). */
function cases() {
  const out = [];
  for (const f of fs.readdirSync(DIR).filter((f) => f.endsWith('.dat')).sort()) {
    const text = fs.readFileSync(path.join(DIR, f), 'utf8');
    text.split('\n\n#data\n').forEach((c, i) => {
      c = c.replace(/^#data\n/, '');
      const end = c.indexOf('\n#errors');
      if (end < 0 || c.includes('\n#document-fragment\n') || c.includes('\n#script-off')) return;
      out.push({ name: `${f} #${i}`, data: c.slice(0, end) });
    });
  }
  return out;
}

// Runs in the page: the tree of `doc` in the dump format of src/parse/dump.rs.
// `pruned`: without what extension/page/markup.js leaves out (all of <head> but
// title, meta, link, base and JSON-LD; <body>'s top-level scripts but JSON-LD,
// styles and SVG).
function dumpInPage(doc, pruned) {
  const lines = [];
  const NS = { 'http://www.w3.org/2000/svg': 'svg ', 'http://www.w3.org/1998/Math/MathML': 'math ' };
  const HTML = 'http://www.w3.org/1999/xhtml';
  const isJsonLd = (el) => /ld\+json/.test(el.getAttribute('type') ?? '');
  // (markup.js writes a document without <head> or <body> whole.)
  pruned &&= !!doc.head && doc.body?.localName === 'body';
  const keep = (parent, n) => {
    if (!pruned) return true;
    if (parent === doc.documentElement) return n === doc.head || n === doc.body;
    if (parent === doc.head) return n.nodeType === 1 && (['title', 'meta', 'link', 'base'].includes(n.localName) || (n.localName === 'script' && isJsonLd(n)));
    if (n.nodeType !== 1 || n.namespaceURI !== HTML && n.localName !== 'svg') return true;
    if (parent === doc.body) return !((n.localName === 'script' && !isJsonLd(n)) || n.localName === 'style' || n.localName === 'svg');
    return true;
  };
  const children = (parent, depth) => {
    const pad = '  '.repeat(depth);
    let text = null;
    const kids = parent.localName === 'template' && parent.namespaceURI === HTML ? parent.content.childNodes : parent.childNodes;
    for (const n of kids) {
      if (!keep(parent, n)) continue;
      if (n.nodeType === 3) {
        text = (text ?? '') + n.data;
        continue;
      }
      if (text !== null) lines.push(`| ${pad}"${text}"`);
      text = null;
      node(n, depth);
    }
    if (text !== null) lines.push(`| ${pad}"${text}"`);
  };
  const node = (n, depth) => {
    const pad = '  '.repeat(depth);
    if (n.nodeType === 8) return lines.push(`| ${pad}<!-- ${n.data} -->`);
    if (n.nodeType !== 1) return;
    lines.push(`| ${pad}<${NS[n.namespaceURI] ?? ''}${n.localName}>`);
    const attrs = [...n.attributes].map((a) => [a.name, a.value]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [k, v] of attrs) lines.push(`| ${pad}  ${k}="${v}"`);
    const raw = n.namespaceURI === HTML && (n.localName === 'style' || (n.localName === 'script' && !isJsonLd(n)));
    if (!raw) children(n, depth + 1);
  };
  node(doc.documentElement, 0);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

// Trees whose serialisation does not describe them: an HTML parser reading
// it back builds another tree (the HTML standard warns of such trees), and so
// does the core, the same way. A <plaintext> holding an element: its text is
// written raw, its child's tags as tags, and both read back as its text.
const AMBIGUOUS = new Set(['tests19.dat #101']);

let server, base;
before(async () => {
  // Every page carries a CSP without scripts: the scripting flag stays on
  // (so <noscript> is parsed as in a tab), but no case's script runs.
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" });
    res.end('<!doctype html><title>conformance</title>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(() => server?.close());

// The same page API from both drivers: Chromium through playwright-core,
// Firefox ESR through puppeteer-core (WebDriver BiDi).
const BROWSERS = {
  Chromium: async () => {
    const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
    return { page: await b.newPage(), close: () => b.close() };
  },
  Firefox: async () => {
    const b = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    return { page: await b.newPage(), close: () => b.close() };
  },
};

for (const [NAME, launch] of Object.entries(BROWSERS).filter(([n]) => wants(n === 'Chromium' ? 'chromium' : 'firefox'))) test(`the core reads back every tree-construction case as ${NAME} built it`, async () => {
  const all = cases();
  assert.ok(all.length > 1000, `only ${all.length} cases in ${DIR}`);
  const browser = await launch();
  const { page } = browser;
  await page.goto(base);
  // extension/page/markup.js, as the content script has it (evaluated through the
  // DevTools protocol, which the page's CSP does not govern).
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'extension', 'page', 'markup.js'), 'utf8'));
  await page.evaluate(`globalThis.dumpInPage = ${dumpInPage.toString()}`);
  const got = [];
  const BATCH = 100;
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH).map((c) => c.data);
    got.push(...(await page.evaluate(async (batch) => {
      // Each case parsed as a document of its own: an iframe's srcdoc
      // (same origin, the parent's CSP, scripting on).
      return Promise.all(batch.map((data) => new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.onload = () => {
          const doc = frame.contentDocument;
          const out = doc.documentElement
            ? { outer: doc.documentElement.outerHTML, page: globalThis.lucidPageMarkup(doc), tree: globalThis.dumpInPage(doc, false), pruned: globalThis.dumpInPage(doc, true) }
            : null;
          frame.remove();
          resolve(out);
        };
        frame.srcdoc = data;
        document.body.append(frame);
      })));
    }, batch)));
  }
  await browser.close();
  // The core's trees, all in one run of `lucid tree --serialized --jsonl`.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-conformance-'));
  const input = path.join(tmp, 'markup.jsonl');
  const live = got.map((g, i) => ({ g, c: all[i] })).filter((x) => x.g);
  fs.writeFileSync(input, live.flatMap(({ g }) => [JSON.stringify(g.outer), JSON.stringify(g.page)]).join('\n'));
  const trees = execFileSync(LUCID, ['tree', '--serialized', '--jsonl', input], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .trim().split('\n').map((l) => JSON.parse(l));
  fs.rmSync(tmp, { recursive: true, force: true });
  const failed = [];
  live.forEach(({ g, c }, i) => {
    if (AMBIGUOUS.has(c.name)) return;
    if (trees[2 * i] !== g.tree) failed.push({ name: c.name, how: 'outerHTML', data: c.data, markup: g.outer, want: g.tree, got: trees[2 * i] });
    if (trees[2 * i + 1] !== g.pruned) failed.push({ name: c.name, how: 'page markup', data: c.data, markup: g.page, want: g.pruned, got: trees[2 * i + 1] });
  });
  const report = path.join(ROOT, 'target', 'e2e', `conformance-failures-${NAME.toLowerCase()}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(report, JSON.stringify(failed, null, 1));
  console.log(`conformance: ${live.length} cases parsed by ${NAME} (${AMBIGUOUS.size} ambiguous left out), ${failed.length} of ${live.length * 2} round trips differ`);
  const show = failed.slice(0, 3).map((f) => `${f.name} (${f.how}): ${JSON.stringify(f.data)}\n--- markup\n${f.markup}\n--- ${NAME}\n${f.want}--- core\n${f.got}`).join('\n');
  assert.equal(failed.length, 0, `${failed.length} round trips differ (all in ${path.relative(ROOT, report)}): ${failed.map((f) => f.name).join(', ')}\n${show}`);
});
