// defuddle (npm, MIT; Obsidian Web Clipper's extractor) as a peer on the
// three corpora: each page parsed by jsdom at its own URL, defuddle's
// content HTML turned into text the way a browser's textContent reads it
// (blocks on lines of their own), its title beside (about 10 minutes on two
// cores). Written once per
// defuddle version to target/peers/defuddle-VERSION.json (page id -> {title,
// text}, or {error}); bench/quality.py scores it with the same scorers as
// Lucid and prints it beside the other peers.
//   node tools/peer-defuddle.mjs [--force]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Defuddle } from 'defuddle/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'defuddle', 'package.json'), 'utf8')).version;
const out = path.join(ROOT, 'target', 'peers', `defuddle-${version}.json`);

const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'FIGCAPTION', 'TABLE', 'UL', 'OL', 'DL', 'DT', 'DD', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE', 'BR', 'HR']);

/** The text of an HTML fragment, a block a line. */
export function textOf(html) {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  const parts = [];
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) parts.push(c.data);
      else if (c.nodeType === 1) {
        if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(c.tagName)) continue;
        const block = BLOCK.has(c.tagName);
        if (block) parts.push('\n');
        walk(c);
        if (block) parts.push('\n');
      }
    }
  };
  walk(doc.body);
  return parts.join('').split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
}

export function pages() {
  const list = [];
  const read = (f) => {
    const b = fs.readFileSync(f);
    return (f.endsWith('.gz') ? zlib.gunzipSync(b) : b).toString('utf8');
  };
  const aeb = JSON.parse(fs.readFileSync(path.join(CORPUS, 'aeb-dev', 'ground-truth.json'), 'utf8'));
  for (const id of Object.keys(aeb).sort()) {
    list.push({ key: `aeb/${id}`, url: aeb[id].url || 'https://example.com/', html: () => read(path.join(CORPUS, 'aeb-dev', 'html', `${id}.html.gz`)) });
  }
  const traf = JSON.parse(fs.readFileSync(path.join(CORPUS, 'trafilatura-dev', 'ground-truth.json'), 'utf8'));
  for (const id of Object.keys(traf).sort()) {
    const url = /^https?:/.test(traf[id].url) ? traf[id].url : 'https://example.com/';
    list.push({ key: `traf/${id}`, url, html: () => read(path.join(CORPUS, 'trafilatura-dev', 'html', `${id}.html.gz`)) });
  }
  const rdb = path.join(CORPUS, 'readability-dev');
  for (const name of fs.readdirSync(rdb).sort()) {
    const src = path.join(rdb, name, 'source.html');
    if (fs.existsSync(src)) list.push({ key: `readability/${name}`, url: 'http://fakehost/test/page.html', html: () => read(src) });
  }
  return list;
}

/** Pages [from, to) of the list, in this process: {key: {title, text} | {error}}. */
async function slice(from, to) {
  const result = {};
  const quiet = new VirtualConsole();
  for (const p of pages().slice(from, to)) {
    try {
      const dom = new JSDOM(p.html(), { url: p.url, virtualConsole: quiet });
      const r = await Defuddle(dom, p.url);
      result[p.key] = { title: r.title ?? '', text: textOf(r.content ?? '') };
      dom.window.close();
    } catch (e) {
      result[p.key] = { error: String(e?.message ?? e).slice(0, 200) };
    }
  }
  return result;
}

/** Every page, in slices of 40 pages, each in a process of its own (jsdom's
 * memory grows from page to page), two at a time. */
export async function run({ force = false, log = console.error } = {}) {
  if (!force && fs.existsSync(out)) return { file: out, version };
  const total = pages().length;
  const result = { _defuddle: version };
  const slices = [];
  for (let i = 0; i < total; i += 40) slices.push([i, Math.min(total, i + 40)]);
  let done = 0;
  const worker = async () => {
    while (slices.length) {
      const [from, to] = slices.shift();
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--slice', String(from), String(to)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let data = '';
      child.stdout.on('data', (d) => { data += d; });
      const code = await new Promise((r) => child.on('close', r));
      if (code !== 0) throw new Error(`defuddle on pages ${from}-${to} failed (${code})`);
      Object.assign(result, JSON.parse(data));
      done += to - from;
      log(`defuddle ${version}: ${done}/${total} pages`);
    }
  };
  await Promise.all([worker(), worker()]);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result));
  return { file: out, version };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--slice');
  if (at > 0) {
    console.log = console.error; // (the results alone on stdout)
    process.stdout.write(JSON.stringify(await slice(Number(process.argv[at + 1]), Number(process.argv[at + 2]))));
  } else {
    const { file } = await run({ force: process.argv.includes('--force') });
    console.log(file);
  }
}
