// Loading the Rust core and handing it the page: the three wasm modules
// (reader core, citations, declutter), each instantiated once per tab and
// started afresh after a panic; the page's markup written into the core's
// memory; the extension's messages in the reader's language.
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidCore) return;
  const api = globalThis.browser ?? globalThis.chrome;
  // The Firefox build (its manifest names Gecko): Firefox draws the HTML in a
  // MathML annotation-xml outside <semantics>, Chromium (as MathML Core says)
  // no annotation; the core keeps what this browser shows (src/parse/foreign.rs).
  const GECKO = !!api.runtime.getManifest?.().browser_specific_settings?.gecko;

  // A message in the extension's language (`fallback` where there is none).
  const t = (key, fallback, subs) => {
    try {
      return api.i18n.getMessage(key, subs) || fallback;
    } catch {
      return fallback;
    }
  };
  const ERRORS = {
    'not-an-article': () => t('errorNotArticle', 'This page doesn’t look like an article, so there is nothing to show in the reader view.'),
    empty: () => t('errorEmpty', 'This page is empty.'),
    'not-html': () => t('errorNotHtml', 'This page is not an HTML document.'),
    internal: () => t('errorInternal', 'Lucid Reader could not read this page.'),
  };
  const message = (code) => (ERRORS[code] ?? ERRORS.internal)();

  // Instantiate one of our wasm modules (extension/pkg/NAME.js + NAME_bg.wasm):
  // its exported functions, and its memory.
  async function instantiate(name) {
    const mod = await import(api.runtime.getURL(`extension/pkg/${name}.js`));
    const { memory } = await mod.default({ module_or_path: api.runtime.getURL(`extension/pkg/${name}_bg.wasm`) });
    return { ...mod, memory };
  }

  // The modules by role: `core` (extraction, facts, sentences; loaded on the
  // first click), `cite` (hayagriva and the CSL styles; the first time a
  // citation is made) and `tidy` (live-page rules, no HTML parser; after the
  // reader view has painted).
  const FILES = { core: 'lucid_core', cite: 'lucid_cite', tidy: 'lucid_tidy' };
  const loading = {};
  function load(role) {
    loading[role] ??= instantiate(FILES[role]);
    loading[role].catch(() => { loading[role] = null; });
    return loading[role];
  }
  // A panic aborts a wasm instance: the next use starts a fresh one.
  function forget(role) {
    loading[role] = null;
  }
  const loaded = (role) => !!loading[role];
  // Forget the module when `e` is a panic (a WebAssembly.RuntimeError).
  function forgetOnPanic(role, e) {
    if (e instanceof WebAssembly.RuntimeError) forget(role);
  }

  // The page's markup goes to the core as UTF-8 (see writeMarkup).
  const utf8 = new TextEncoder();

  // The page's markup (extension/page/markup.js) encoded as UTF-8 straight into
  // the core's memory (see the core's markupBuffer); returns its length in
  // bytes, for core.extract. `picked`: the element the reader picked as the
  // article (see picker.js).
  function writeMarkup(core, picked) {
    let html = globalThis.lucidPageMarkup(document, picked);
    // Room for markup that is mostly ASCII; more when encodeInto runs out.
    let room = html.length + (html.length >> 3) + 64;
    let at = core.markupBuffer(room, 0);
    let written = 0;
    for (;;) {
      const r = utf8.encodeInto(html, new Uint8Array(core.memory.buffer, at + written, room - written));
      written += r.written;
      if (r.read === html.length) return written;
      html = html.slice(r.read);
      room = written + html.length * 3; // a UTF-16 unit is at most 3 bytes of UTF-8
      at = core.markupBuffer(room, written);
    }
  }

  // Today in the reader's time zone: the access date of a citation.
  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  // The extraction: the page's markup into the core, the article out (what
  // the reader view, the context menu's copies and the benchmark time).
  // Returns the article and where the time went.
  function extractArticle(core, force = false, picked = null) {
    const t0 = performance.now();
    const length = writeMarkup(core, picked);
    const t1 = performance.now();
    // A picked element is read as the article whatever it looks like. No
    // key facts here: they are found after the view has painted, with the
    // names of the article's language (`factsOf` in content.js), so the
    // first paint does not wait for them.
    const options = { accessed: today(), force: force || !!picked, picked: !!picked, annotations_drawn: GECKO, no_facts: true };
    const json = core.extract(length, location.href, JSON.stringify(options));
    const t2 = performance.now();
    const article = JSON.parse(json);
    const t3 = performance.now();
    return { article, timings: { extract_ms: t3 - t0, serialise_ms: t1 - t0, markup_bytes: length, core_ms: t2 - t1 } };
  }

  // The article's language for its names: the page's `lang`, unless the
  // browser's own language detector (i18n.detectLanguage, no permission)
  // says beyond doubt that the text is another language Lucid knows, or the
  // page declares none.
  const KNOWN = new Set(['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl']);
  async function articleLanguage(article) {
    const declared = String(article.lang || '').split(/[-_]/)[0].toLowerCase();
    if (declared && !KNOWN.has(declared)) return declared;
    try {
      const r = await api.i18n.detectLanguage(String(article.text || '').slice(0, 3000));
      const top = r?.isReliable ? r.languages?.[0] : null;
      const found = top && top.percentage >= 90 ? top.language.split('-')[0] : '';
      if (KNOWN.has(found)) return found;
    } catch { /* no detector: the page's word */ }
    return declared;
  }

  // The name models (extension/ner/LANG.bin, data/ner in the source): 0.7 to
  // 2.2 MB each (weights, lexicon, word clusters), fetched from the extension
  // (never the network) after the view has painted, once per tab and language.
  // Spanish and Italian pages are read with the Portuguese model (trained on
  // Portuguese news; no openly licensed Spanish or Italian set was to be
  // had): the same as ner::builtin natively (src/ner/mod.rs).
  const NAME_MODELS = { en: 'en', de: 'de', fr: 'fr', nl: 'nl', pt: 'pt', es: 'pt', it: 'pt' };
  const models = {};
  function nameModel(code) {
    const file = Object.hasOwn(NAME_MODELS, code) ? NAME_MODELS[code] : null;
    if (!file) return Promise.resolve(null);
    models[file] ??= fetch(api.runtime.getURL(`extension/ner/${file}.bin`)).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
    models[file].catch(() => { models[file] = null; });
    return models[file];
  }

  // An error as the content script reports it: the core's { code, message },
  // or `internal` for anything else.
  const errorOf = (e) => (e && typeof e === 'object' && 'code' in e ? e : { code: 'internal', message: String(e?.message ?? e) });

  // An SVG or XML document (an image opened in a tab) has no HTML to read and
  // cannot host the view.
  const isHtmlDocument = () => document.documentElement instanceof HTMLHtmlElement && document.contentType !== 'image/svg+xml';

  globalThis.lucidCore = { t, message, load, forget, loaded, forgetOnPanic, extractArticle, errorOf, isHtmlDocument, articleLanguage, nameModel };
})();
