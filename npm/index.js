// lucid-reader: Lucid Reader's Rust core, compiled to WebAssembly, for Node
// (18+), Deno, Bun, browsers and web workers. Two faces (docs/npm.md):
//   extract(html, { url, force, format })   the article as the `lucid` CLI gives it
//   new Readability(document).parse()      @mozilla/readability's API and fields
// The reader core is instantiated when this module is imported (top-level
// await), so that `parse()` can be synchronous as Readability's is; the
// citation module and a language's names model load on first use. No
// network: the package reads its own files (from disk where there is one).

import * as glue from './pkg/lucid_npm.js';

// ---- the package's own files -------------------------------------------

const here = (name) => new URL(name, import.meta.url);
// Node, Deno and Bun read the files from disk; a browser or worker fetches
// them from where the package is served.
const fs = here('index.js').protocol === 'file:' ? await import('node:fs') : null;

async function readBytes(url) {
  if (fs) return new Uint8Array(await fs.promises.readFile(url));
  const response = await fetch(url);
  if (!response.ok) throw new LucidError('internal', `lucid-reader: cannot load ${url} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

// The names models are a package of their own, `lucid-reader-names` (4 MB
// of data under CC BY-SA 4.0): installed beside this one, its `ner/` folder,
// found as Node resolves packages (Deno and Bun alike), or, served as files,
// next to this package's folder (`node_modules/lucid-reader-names/`).
async function findNames() {
  if (!fs) return new URL('../lucid-reader-names/ner/', import.meta.url);
  try {
    const { createRequire } = await import('node:module');
    const { pathToFileURL } = await import('node:url');
    const manifest = createRequire(import.meta.url).resolve('lucid-reader-names/package.json');
    return new URL('ner/', pathToFileURL(manifest));
  } catch {
    return null;
  }
}
const namesDir = await findNames();

// ---- errors --------------------------------------------------------------

/** Every error this package throws about an input; `code` says which. */
export class LucidError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LucidError';
    this.code = code;
  }
}
/** The page holds no article (a home page, a listing, a form): pass `force: true` to get its text anyway. */
export class NotAnArticleError extends LucidError {
  constructor(message) {
    super('not-an-article', `${message} (pass { force: true } to extract it anyway)`);
    this.name = 'NotAnArticleError';
  }
}
/** The input cannot be read: empty, not HTML, not a string or document, or a bad option. */
export class BadInputError extends LucidError {
  constructor(code, message) {
    super(code, message);
    this.name = 'BadInputError';
  }
}

function typed(e) {
  if (e instanceof LucidError) return e;
  if (e instanceof WebAssembly.RuntimeError) {
    return new LucidError('internal', 'lucid-reader: internal error while extracting (please report this page); the next call starts a fresh core');
  }
  if (e && typeof e.code === 'string') {
    if (e.code === 'not-an-article') return new NotAnArticleError(e.message);
    if (['empty', 'not-html', 'bad-option'].includes(e.code)) return new BadInputError(e.code, e.message);
    return new LucidError(e.code, e.message);
  }
  return e;
}

// ---- the wasm modules ----------------------------------------------------

// The reader core, compiled once; an instance of it per life (a panic in
// Rust aborts the instance: the next call gets a fresh one).
const compiled = await WebAssembly.compile(await readBytes(here('pkg/lucid_npm_bg.wasm')));
let core = glue;
let lives = 0;
let restarting = null;
await core.default({ module_or_path: compiled });

// After a panic: a fresh instance of the glue and the module (the glue holds
// one instance, so it is imported again under another name).
function restart() {
  lives += 1;
  core = null;
  restarting = import(`./pkg/lucid_npm.js?life=${lives}`)
    .then(async (fresh) => {
      await fresh.default({ module_or_path: compiled });
      core = fresh;
    })
    .finally(() => {
      restarting = null;
    });
  restarting.catch(() => {});
}

// Runs `f(core)`, turning what the core throws into typed errors.
function call(f) {
  if (!core) throw new LucidError('internal', 'lucid-reader: the core is restarting after an internal error; await ready() or call again');
  try {
    return f(core);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) restart();
    throw typed(e);
  }
}

/** Resolves when the core can be called (at once, except just after an internal error). */
export async function ready() {
  while (restarting) await restarting;
}

// Names models (`FILE.bin`, one a language; Portuguese's reads Spanish and
// Italian too), handed to the core the first time a text asks. On disk they
// are read as asked; elsewhere fetched, and the page extracted again. A
// model that cannot be had (no lucid-reader-names) is not asked for again:
// the facts then hold figures, dates and quotes, and no names.
const models = new Map();
const missing = new Set();
function modelSource(wanted) {
  return (file) => {
    if (models.has(file)) return models.get(file);
    if (!namesDir || missing.has(file)) return undefined;
    if (fs) {
      try {
        const bytes = new Uint8Array(fs.readFileSync(new URL(`${file}.bin`, namesDir)));
        models.set(file, bytes);
        return bytes;
      } catch {
        missing.add(file);
        return undefined;
      }
    }
    wanted?.add(file);
    return undefined;
  };
}

/** Whether the names models (the package lucid-reader-names) are installed
 * beside this one: without them the key facts hold no people, organisations
 * or places. (In a browser: whether they were found so far.) */
export function hasNames() {
  return !!namesDir && (models.size > 0 || (fs ? fs.existsSync(namesDir) : missing.size === 0));
}

// The citation module (hayagriva and the CSL styles), loaded on first use.
let citeModule = null;
function loadCite() {
  citeModule ??= (async () => {
    const cite = await import('./pkg/lucid_cite.js');
    await cite.default({ module_or_path: await readBytes(here('pkg/lucid_cite_bg.wasm')) });
    return cite;
  })();
  citeModule.catch(() => {
    citeModule = null;
  });
  return citeModule;
}

/** The prose citation styles, as in the CLI's JSON `citation`. */
export const STYLES = ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard'];
const FORMATS = ['json', 'markdown', 'text', 'html', ...STYLES, 'bibtex', 'ris', 'csl-json'];

// ---- inputs --------------------------------------------------------------

// A DOM Document (jsdom, linkedom, happy-dom, a browser's) as markup, and
// its address.
function fromDocument(doc) {
  const root = doc.documentElement;
  if (!root || typeof root.outerHTML !== 'string') {
    throw new BadInputError('bad-input', 'lucid-reader: expected an HTML string or a DOM Document');
  }
  const doctype = doc.doctype?.name ? `<!DOCTYPE ${doc.doctype.name}>` : '';
  const url = typeof doc.URL === 'string' && /^https?:/i.test(doc.URL) ? doc.URL : '';
  return { html: doctype + root.outerHTML, url };
}

function input(page) {
  if (typeof page === 'string') return { html: page, url: '' };
  if (page && typeof page === 'object' && 'documentElement' in page) return fromDocument(page);
  throw new BadInputError('bad-input', `lucid-reader: expected an HTML string or a DOM Document, not ${page === null ? 'null' : typeof page}`);
}

function checkOptions(options, known) {
  if (options == null) return {};
  if (typeof options !== 'object') throw new BadInputError('bad-option', 'lucid-reader: options must be an object');
  for (const [key, kind] of Object.entries(known)) {
    if (options[key] !== undefined && typeof options[key] !== kind) {
      throw new BadInputError('bad-option', `lucid-reader: option ${key} must be a ${kind}`);
    }
  }
  return options;
}

// ---- extract -------------------------------------------------------------

/**
 * The article in `html` (a string or a DOM Document), as the `lucid` CLI
 * gives it: with `format` 'json' (the default) an object, otherwise the
 * string the CLI prints for that format.
 */
export async function extract(html, options = {}) {
  options = checkOptions(options, { url: 'string', force: 'boolean', format: 'string', accessed: 'string', citations: 'boolean' });
  const page = input(html);
  const url = options.url ?? page.url;
  const format = options.format ?? 'json';
  if (!FORMATS.includes(format)) throw new BadInputError('bad-option', `lucid-reader: unknown format ${JSON.stringify(format)} (one of ${FORMATS.join(', ')})`);
  const settings = JSON.stringify({ force: !!options.force, ...(options.accessed ? { accessed: options.accessed } : {}) });
  const coreFormat = ['markdown', 'text', 'html'].includes(format) ? format : 'json';
  await ready();
  const wanted = new Set();
  let out = call((c) => c.extract(page.html, url, settings, coreFormat, modelSource(wanted)));
  if (wanted.size) {
    // (a browser: the language's model fetched, the page read again with it)
    const before = models.size;
    for (const file of wanted) {
      try {
        models.set(file, await readBytes(new URL(`${file}.bin`, namesDir)));
      } catch {
        missing.add(file);
      }
    }
    if (models.size > before) out = call((c) => c.extract(page.html, url, settings, coreFormat, modelSource(null)));
  }
  if (coreFormat !== 'json') return out;
  const article = JSON.parse(out);
  const citation = article.citation;
  if (STYLES.includes(format) || (format === 'json' && options.citations !== false)) {
    const cite = await loadCite();
    for (const style of format === 'json' ? STYLES : [format]) {
      try {
        citation[style] = cite.cite(citation['csl-json'], style).text;
      } catch (e) {
        throw typed(e);
      }
    }
  }
  if (format === 'json') return article;
  if (citation[format] == null) throw new LucidError('no-citation', `lucid-reader: no ${format} citation for this page`);
  return citation[format];
}

// ---- the Readability-compatible face -------------------------------------

// The article as Readability's fields, or null where Readability returns null.
function readabilityFields(page, options) {
  const disable = options.disableJSONLD ? ['json-ld'] : [];
  let a;
  try {
    a = JSON.parse(call((c) => c.extract(page.html, options.url ?? page.url, JSON.stringify({ force: true, no_facts: true, disable }), 'json', modelSource(null))));
  } catch (e) {
    // Readability returns null when it finds no content: an empty page, not HTML.
    if (e instanceof BadInputError && e.code !== 'bad-option') return null;
    if (e instanceof NotAnArticleError) return null;
    throw e;
  }
  return a;
}

// Whether `name` is only the host name of `url` ("example.com").
function hostOf(url, name) {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return name.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * @mozilla/readability's `Readability`, backed by Lucid's core: the same
 * constructor and `parse()` result. `document` is any DOM Document (never
 * changed, unlike Readability's) or an HTML string.
 */
export class Readability {
  constructor(doc, options = {}) {
    if (doc == null || (typeof doc !== 'string' && !doc.documentElement)) {
      throw new Error('First argument to Readability constructor should be a document object.');
    }
    this._doc = doc;
    this._options = checkOptions(options, { maxElemsToParse: 'number', disableJSONLD: 'boolean', serializer: 'function', url: 'string' });
  }

  parse() {
    const doc = this._doc;
    const max = this._options.maxElemsToParse ?? 0;
    if (max > 0 && typeof doc !== 'string') {
      const n = doc.getElementsByTagName('*').length;
      if (n > max) throw new Error('Aborting parsing document; ' + n + ' elements found');
    }
    const a = readabilityFields(input(doc), this._options);
    if (!a) return null;
    const html = `<div id="readability-page-1" class="page">${a.html}</div>`;
    let content = html;
    if (this._options.serializer) {
      const owner = typeof doc === 'string' ? null : doc;
      if (!owner?.createElement) throw new BadInputError('bad-option', 'lucid-reader: a serializer needs a DOM Document to build the content in');
      const holder = owner.createElement('div');
      holder.innerHTML = html;
      content = this._options.serializer(holder);
    }
    return {
      title: a.title,
      byline: a.authors.length ? a.authors.join(', ') : null,
      dir: a.dir ?? null,
      lang: a.lang ?? null,
      content,
      textContent: a.text,
      length: a.text.length,
      excerpt: a.excerpt ?? null,
      // (Readability's is a name the page declares; Lucid's falls back on
      // the host name, for citations: not here.)
      siteName: a.site_name && !hostOf(a.url, a.site_name) ? a.site_name : null,
      publishedTime: a.published ?? null,
    };
  }
}

/**
 * Whether `document` (a DOM Document or an HTML string) holds an article:
 * Lucid's own gate (the extension's "not an article"), and at least
 * `minContentLength` characters of text (default 140).
 */
export function isProbablyReaderable(doc, options = {}) {
  options = checkOptions(options, { minContentLength: 'number', url: 'string' });
  const page = input(doc);
  try {
    const a = JSON.parse(call((c) => c.extract(page.html, options.url ?? page.url, '{"no_facts":true}', 'json', modelSource(null))));
    return a.text.length >= (options.minContentLength ?? 140);
  } catch (e) {
    if (e instanceof NotAnArticleError || (e instanceof BadInputError && e.code !== 'bad-option')) return false;
    throw e;
  }
}

/** For this package's own tests: a panic in the core, on purpose. */
export const _testing = { panic: () => call((c) => c.selftest_panic()) };

export default { extract, Readability, isProbablyReaderable, ready, hasNames, LucidError, NotAnArticleError, BadInputError, STYLES };
