// Lucid Reader content script: runs the Rust core (wasm) on the live document
// and shows the article in a closed shadow root over the page. While open it
// adds one element to the page (and, for printing, one adopted stylesheet);
// both go on close, so the page's DOM is exactly as before. Nothing is exposed
// on the page's `window`.
(() => {
  'use strict';
  if (globalThis.__lucidReaderLoaded) return; // isolated world: invisible to the page
  globalThis.__lucidReaderLoaded = true;
  const api = globalThis.browser ?? globalThis.chrome;

  // Reading settings: the options page edits the same keys (storage.sync).
  const DEFAULTS = {
    theme: 'system', // system | light | sepia | dark
    font: 'serif', // serif | sans | dyslexic
    fontSize: 20, // px
    lineWidth: 36, // em
    lineHeight: 1.6,
    highlightFacts: true,
    images: true, // the article's images (and the figures that hold them)
    citationStyle: 'apa',
    declutter: true, // hide the live page's clutter while the reader view is open
    keepDecluttered: true, // ...and keep it hidden after the reader view closes
    readAloudRate: 1, // read aloud: speech rate
    readAloudVoice: '', // read aloud: a voice's voiceURI ('' = the system's default)
  };
  const LIMITS = { fontSize: [14, 32, 2], lineWidth: [26, 50, 4], lineHeight: [1.3, 2.1, 0.1] };

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

  let corePromise = null;
  let view = null; // { host, root, shell, article, error, scroll, anchor, focus, settings, printSheet, font }
  let tidy = null; // live-page decluttering: { core, guard, sheet, observers, pending, timer, stats, report }

  // The page's markup goes to the core as UTF-8 (see writeMarkup).
  const utf8 = new TextEncoder();

  // Instantiate one of our wasm modules (extension/pkg/NAME.js + NAME_bg.wasm):
  // its exported functions, and its memory.
  async function instantiate(name) {
    const mod = await import(api.runtime.getURL(`extension/pkg/${name}.js`));
    const { memory } = await mod.default({ module_or_path: api.runtime.getURL(`extension/pkg/${name}_bg.wasm`) });
    return { ...mod, memory };
  }

  // The page's markup (extension/markup.js, injected before this script).
  // `picked`: the element the reader picked as the article (see picker.js).
  const pageMarkup = (picked) => globalThis.lucidPageMarkup(document, picked);

  // The page's markup encoded as UTF-8 straight into the core's memory (see
  // the core's markupBuffer); returns its length in bytes, for core.extract.
  function writeMarkup(core, picked) {
    let html = pageMarkup(picked);
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

  // The extraction: the page's markup into the core, the article out (what
  // the reader view, the context menu's copies and the benchmark time).
  // Returns the article and where the time went.
  function extractArticle(core, force = false, picked = null) {
    const t0 = performance.now();
    const length = writeMarkup(core, picked);
    const t1 = performance.now();
    // A picked element is read as the article whatever it looks like.
    const options = { accessed: today(), force: force || !!picked, picked: !!picked };
    const json = core.extract(length, location.href, JSON.stringify(options));
    const t2 = performance.now();
    const article = JSON.parse(json);
    const t3 = performance.now();
    return { article, timings: { extract_ms: t3 - t0, serialise_ms: t1 - t0, markup_bytes: length, core_ms: t2 - t1 } };
  }

  // What storage.local keeps (on this device, never synced or sent): the
  // articles picked by hand and remembered, by site ({ hostname: selector }),
  // and where pages were left ({ url: { f, at } }, navigate.js). Read once per
  // tab, alongside the core's loading, and kept in step with other tabs and
  // the options page.
  let localPromise = null;
  function loadLocal() {
    localPromise ??= api.storage.local.get(['picks', 'positions']).then(
      (r) => ({ picks: r.picks ?? {}, positions: r.positions ?? {} }),
      () => ({ picks: {}, positions: {} }),
    );
    return localPromise;
  }
  const loadPicks = () => loadLocal().then((l) => l.picks);
  // Store `update(the value of key)`; nothing is written when it gives back
  // the same value.
  async function updateLocal(key, update) {
    const local = await loadLocal();
    const value = update(local[key]);
    if (value === local[key]) return;
    localPromise = Promise.resolve({ ...local, [key]: value });
    await api.storage.local.set({ [key]: value }).catch(() => {});
  }
  function rememberPick(el, remember) {
    const selector = remember ? globalThis.lucidPicker.selectorFor(el) : null;
    return updateLocal('picks', (picks) => {
      const next = { ...picks };
      if (selector) next[location.hostname] = selector;
      else delete next[location.hostname];
      return next;
    });
  }
  // The remembered element on this page, if it is there.
  function rememberedRoot(picks) {
    const selector = picks[location.hostname];
    if (!selector) return null;
    try {
      const el = document.querySelector(selector);
      return el && el !== document.body && el.getClientRects().length ? el : null;
    } catch {
      return null;
    }
  }

  function loadCore() {
    corePromise ??= instantiate('lucid_core');
    corePromise.catch(() => { corePromise = null; });
    return corePromise;
  }

  // The citation module (hayagriva + the CSL styles) is a second wasm module,
  // loaded the first time a citation is copied.
  let citePromise = null;
  function loadCite() {
    citePromise ??= instantiate('lucid_cite');
    citePromise.catch(() => { citePromise = null; });
    return citePromise;
  }

  // The declutter module (live-page rules, no HTML parser): loaded after the
  // reader view has painted.
  let tidyPromise = null;
  function loadTidy() {
    tidyPromise ??= instantiate('lucid_tidy');
    tidyPromise.catch(() => { tidyPromise = null; });
    return tidyPromise;
  }

  const STYLES = [
    ['apa', 'APA 7'],
    ['mla', 'MLA 9'],
    ['chicago-author-date', 'Chicago (author-date)'],
    ['chicago-notes', 'Chicago (notes)'],
    ['harvard', 'Harvard'],
    ['bibtex', 'BibTeX'],
    ['ris', 'RIS'],
    ['csl-json', 'CSL-JSON'],
  ];

  // The citation in one style: {text, html?}. BibTeX, RIS and CSL-JSON come
  // with the article; the prose styles from the citation module.
  async function citation(article, style) {
    const plain = article.citation?.[style];
    if (['bibtex', 'ris', 'csl-json'].includes(style)) return { text: plain ?? '' };
    const mod = await loadCite();
    try {
      return mod.cite(article.citation['csl-json'], style);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) citePromise = null;
      throw e;
    }
  }

  // Today in the reader's time zone: the access date of a citation.
  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  // Put text (and HTML, when there is some) on the clipboard. From a click in
  // the reader view the async Clipboard API is used; without a user gesture on
  // the page (the context menu) a copy event carries both flavours
  // (permission "clipboardWrite").
  async function writeClipboard({ text, html }) {
    if (navigator.userActivation?.isActive && navigator.clipboard?.write && globalThis.ClipboardItem) {
      try {
        const parts = { 'text/plain': new Blob([text], { type: 'text/plain' }) };
        if (html) parts['text/html'] = new Blob([html], { type: 'text/html' });
        await navigator.clipboard.write([new ClipboardItem(parts)]);
        return true;
      } catch { /* fall back to a copy event */ }
    }
    let done = false;
    const onCopy = (e) => {
      e.clipboardData.setData('text/plain', text);
      if (html) e.clipboardData.setData('text/html', html);
      e.preventDefault();
      e.stopImmediatePropagation();
      done = true;
    };
    document.addEventListener('copy', onCopy, { capture: true, once: true });
    try {
      document.execCommand('copy');
    } finally {
      document.removeEventListener('copy', onCopy, { capture: true });
    }
    return done;
  }

  // What "Copy citation", "Copy as Markdown" and "Copy as plain text" copy.
  // The Markdown and plain-text copies are written by the core when asked
  // (extraction does not write them for every page).
  async function copyPayload(article, what, style) {
    if (what === 'markdown' || what === 'text') {
      const core = await loadCore();
      const { title, authors, published, site_name, url, text, nodes } = article;
      return { text: core.copy(JSON.stringify({ title, authors, published, site_name, url, text, nodes }), what) };
    }
    return citation(article, style);
  }

  let cssPromise = null;
  function loadCss() {
    cssPromise ??= fetch(api.runtime.getURL('extension/reader.css')).then((r) => r.text());
    return cssPromise;
  }

  async function loadSettings() {
    try {
      return { ...DEFAULTS, ...(await api.storage.sync.get(DEFAULTS)) };
    } catch {
      return { ...DEFAULTS };
    }
  }

  function saveSetting(key, value) {
    api.storage.sync.set({ [key]: value }).catch(() => {});
  }

  function el(tag, attrs = {}, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  // What the core's allow-list emits; anything else is dropped here too.
  const TAGS = new Set(['a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'dfn', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rb', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var']);
  const ATTRS = new Set(['href', 'src', 'alt', 'title', 'datetime', 'colspan', 'rowspan', 'start', 'class']);
  const SAFE_URL = /^(https?:|mailto:|data:image\/(?!svg))/i;

  function buildNode(n) {
    if (typeof n === 'string') return document.createTextNode(n);
    const [tag, attrs, ...kids] = n;
    if (!TAGS.has(tag)) return null;
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (!ATTRS.has(k) || ((k === 'href' || k === 'src') && !SAFE_URL.test(v))) continue;
      e.setAttribute(k, v);
    }
    if (tag === 'a') e.setAttribute('rel', 'noopener noreferrer');
    if (tag === 'img') {
      e.setAttribute('loading', 'lazy');
      e.setAttribute('referrerpolicy', 'no-referrer');
    }
    e.append(...kids.map(buildNode).filter(Boolean));
    return e;
  }

  // A date as the page states it: the calendar date written in the ISO
  // string (its own time zone), never converted to the reader's, so
  // 2024-11-19T22:14:00-05:00 is November 19 everywhere, as in the citations.
  function formatDate(iso, lang) {
    if (!iso) return '';
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
    if (!m) return iso;
    const [, y, mo, d] = m;
    const when = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
    if (Number.isNaN(when.getTime())) return iso;
    const parts = { year: 'numeric', ...(mo ? { month: 'long' } : {}), ...(d ? { day: 'numeric' } : {}), timeZone: 'UTC' };
    try {
      return when.toLocaleDateString(lang || undefined, parts);
    } catch {
      return when.toLocaleDateString(undefined, parts);
    }
  }

  // The page's icon, if it is a plain http(s) or data: image.
  function faviconUrl() {
    const link = document.querySelector('link[rel~="icon" i][href]');
    const href = link?.href ?? new URL('/favicon.ico', location.href).href;
    return /^(https?:|data:image\/(png|gif|jpeg|x-icon|vnd\.microsoft\.icon))/i.test(href) ? href : null;
  }

  // The dyslexia-friendly font is bundled and loaded only when chosen. Added to
  // document.fonts (not the DOM), so the page's markup is untouched.
  function ensureFont(settings) {
    if (settings.font !== 'dyslexic' || !view || view.font) return;
    try {
      const faces = [400, 700].map((w) => new FontFace('Lucid Atkinson', `url(${api.runtime.getURL(`extension/fonts/atkinson-hyperlegible-${w}.woff2`)})`, { weight: String(w) }));
      faces.forEach((f) => document.fonts.add(f));
      view.font = faces;
    } catch { /* the fallback font stack still applies */ }
  }

  function applySettings(shell, s) {
    shell.dataset.theme = s.theme;
    shell.dataset.font = s.font;
    shell.style.setProperty('--size', `${s.fontSize}px`);
    shell.style.setProperty('--measure', `${s.lineWidth}em`);
    shell.style.setProperty('--leading', String(s.lineHeight));
    shell.classList.toggle('plain', !s.highlightFacts);
    shell.classList.toggle('no-images', s.images === false);
    ensureFont(s);
  }

  function setSetting(key, value) {
    if (!view) return;
    view.settings[key] = value;
    applySettings(view.shell, view.settings);
    saveSetting(key, value);
    syncControls();
  }

  // Keep the controls' pressed/checked state in step with the settings.
  function syncControls() {
    const s = view.settings;
    for (const input of view.root.querySelectorAll('input[type=radio]')) input.checked = String(s[input.name]) === input.value;
    const hl = view.root.querySelector('.highlight-toggle');
    hl?.setAttribute('aria-pressed', String(s.highlightFacts));
    for (const [key, [min, max]] of Object.entries(LIMITS)) {
      view.root.querySelector(`[data-step="${key}:-1"]`)?.toggleAttribute('disabled', s[key] <= min + 1e-9);
      view.root.querySelector(`[data-step="${key}:1"]`)?.toggleAttribute('disabled', s[key] >= max - 1e-9);
      const out = view.root.querySelector(`output[data-for="${key}"]`);
      if (out) out.textContent = key === 'lineHeight' ? s[key].toFixed(1) : String(s[key]);
    }
  }

  const KIND_LABELS = {
    number: ['figure', 'figures'],
    date: ['date', 'dates'],
    person: ['person', 'people'],
    organisation: ['organisation', 'organisations'],
    place: ['place', 'places'],
    quote: ['quote', 'quotes'],
  };

  // The "Key facts" box: the key sentences, each a link to its place in the
  // text, and a legend that counts the highlighted facts by kind.
  function keyFactsBox(article, body) {
    const facts = article.facts ?? [];
    const keys = facts.filter((f) => f.kind === 'key_sentence');
    if (!keys.length) return null;
    const box = el('section', { class: 'key-facts', 'aria-labelledby': 'lucid-key-facts' });
    box.append(el('h2', { id: 'lucid-key-facts' }, t('keyFacts', 'Key facts')));
    const list = el('ul');
    for (const k of keys) {
      const item = el('li');
      const link = el('a', { href: '#', class: 'key-link' }, k.text);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        showSentence(body, k.text);
      });
      item.append(link);
      list.append(item);
    }
    box.append(list);
    const legend = el('p', { class: 'legend' });
    for (const [kind, [one, many]] of Object.entries(KIND_LABELS)) {
      const n = facts.filter((f) => f.kind === kind).length;
      if (!n) continue;
      // (Text in the extension's language inside the article's: `dir=auto`
      // keeps "2 figures" in its own order in a right-to-left article.)
      legend.append(el('mark', { class: `fact fact-${kind}`, dir: 'auto' }, `${n} ${t(`kind_${kind}_${n === 1 ? 'one' : 'many'}`, n === 1 ? one : many)}`), ' ');
    }
    box.append(legend);
    return box;
  }

  function showSentence(body, sentence) {
    const norm = (s) => s.replace(/\s+/g, ' ').trim();
    const probe = norm(sentence).slice(0, 60);
    const target = [...body.querySelectorAll('p, li, blockquote, td, h2, h3, h4')].find((n) => norm(n.textContent).includes(probe));
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1600);
  }

  function radioGroup(name, legend, options) {
    const set = el('fieldset', { class: `group group-${name}` });
    set.append(el('legend', {}, legend));
    for (const [value, label] of options) {
      const id = `lucid-${name}-${value}`;
      const input = el('input', { type: 'radio', name, value, id });
      input.addEventListener('change', () => setSetting(name, value));
      const lab = el('label', { for: id, class: `choice choice-${value}` });
      lab.append(input, el('span', {}, label));
      set.append(lab);
    }
    return set;
  }

  function stepper(key, label, lessLabel, moreLabel) {
    const row = el('div', { class: 'stepper', role: 'group', 'aria-label': label });
    row.append(el('span', { class: 'stepper-label' }, label));
    const [min, max, step] = LIMITS[key];
    const make = (dir, text, aria) => {
      const b = el('button', { type: 'button', 'data-step': `${key}:${dir}`, 'aria-label': aria }, text);
      b.addEventListener('click', () => {
        const v = Math.round((view.settings[key] + dir * step) * 10) / 10;
        setSetting(key, Math.min(max, Math.max(min, v)));
      });
      return b;
    };
    row.append(make(-1, '−', lessLabel), el('output', { 'data-for': key, 'aria-live': 'polite' }), make(1, '+', moreLabel));
    return row;
  }

  function settingsPanel() {
    const panel = el('div', { class: 'settings', id: 'lucid-settings', role: 'group', 'aria-label': t('settings', 'Reading settings'), hidden: '' });
    panel.append(
      radioGroup('theme', t('theme', 'Theme'), [
        ['system', t('themeSystem', 'System')],
        ['light', t('themeLight', 'Light')],
        ['sepia', t('themeSepia', 'Sepia')],
        ['dark', t('themeDark', 'Dark')],
      ]),
      radioGroup('font', t('font', 'Font'), [
        ['serif', t('fontSerif', 'Serif')],
        ['sans', t('fontSans', 'Sans')],
        ['dyslexic', t('fontDyslexic', 'Dyslexia-friendly')],
      ]),
      stepper('fontSize', t('fontSize', 'Text size'), t('smaller', 'Smaller text'), t('larger', 'Larger text')),
      stepper('lineWidth', t('lineWidth', 'Line width'), t('narrower', 'Narrower lines'), t('wider', 'Wider lines')),
      stepper('lineHeight', t('lineHeight', 'Line spacing'), t('tighter', 'Tighter lines'), t('looser', 'Looser lines')),
      radioGroup('images', t('images', 'Images'), [
        [true, t('imagesShow', 'Show')],
        [false, t('imagesHide', 'Hide')],
      ]),
    );
    return panel;
  }

  // The "Cite" panel: style picker, preview, copy buttons, a status line.
  function citePanel(article, settings) {
    const panel = el('div', { class: 'cite-panel', id: 'lucid-cite', role: 'group', 'aria-label': t('citeTitle', 'Cite this article'), hidden: '' });
    const label = el('label', { for: 'lucid-cite-style' }, t('citationStyle', 'Citation style'));
    const select = el('select', { id: 'lucid-cite-style', name: 'citationStyle' });
    for (const [value, name] of STYLES) select.append(el('option', { value }, name));
    select.value = STYLES.some(([v]) => v === settings.citationStyle) ? settings.citationStyle : 'apa';
    const preview = el('pre', { class: 'cite-preview', 'aria-live': 'polite', tabindex: '0', 'aria-label': t('citePreview', 'Citation preview') });
    const status = el('p', { class: 'cite-status', role: 'status' });
    const say = (text) => {
      status.textContent = text;
      clearTimeout(say.timer);
      say.timer = setTimeout(() => { status.textContent = ''; }, 4000);
    };
    const refresh = async () => {
      try {
        preview.textContent = (await citation(article, select.value)).text;
      } catch (e) {
        preview.textContent = '';
        say(t('citeFailed', 'The citation could not be made.'));
      }
    };
    select.addEventListener('change', () => {
      setSetting('citationStyle', select.value);
      refresh();
    });
    const copyButton = (what, text, done) => {
      const b = el('button', { type: 'button', class: `copy copy-${what}` }, text);
      b.addEventListener('click', async () => {
        try {
          const ok = await writeClipboard(await copyPayload(article, what, select.value));
          say(ok ? done : t('copyFailed', 'Copying failed.'));
        } catch {
          say(t('copyFailed', 'Copying failed.'));
        }
      });
      return b;
    };
    const row = el('div', { class: 'cite-row' });
    row.append(label, select);
    const buttons = el('div', { class: 'cite-buttons' });
    buttons.append(
      copyButton('citation', t('copyCitation', 'Copy citation'), t('citationCopied', 'Citation copied.')),
      copyButton('markdown', t('copyMarkdown', 'Copy as Markdown'), t('markdownCopied', 'Article copied as Markdown.')),
      copyButton('text', t('copyText', 'Copy as plain text'), t('textCopied', 'Article copied as plain text.')),
    );
    panel.append(row, preview, buttons, status);
    panel.refresh = refresh;
    return panel;
  }

  function buildView(article, error, css, settings, core, positions = {}) {
    const host = document.createElement('lucid-reader');
    host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important;');
    const root = host.attachShadow({ mode: 'closed' });
    root.append(el('style', {}, css));
    const shell = el('div', { class: 'shell', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lucid-title', 'aria-describedby': 'lucid-announce', tabindex: '-1' });
    shell.append(el('p', { id: 'lucid-announce', class: 'visually-hidden' }, t('announce', 'Reader view. Press Escape to return to the page.')));
    const bar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar', 'Reader view') });
    const settingsButton = el('button', { type: 'button', class: 'settings-toggle', 'aria-expanded': 'false', 'aria-controls': 'lucid-settings' }, t('settingsButton', 'Aa Settings'));
    bar.append(settingsButton);
    if (article?.facts?.length) {
      const hl = el('button', { type: 'button', class: 'highlight-toggle', 'aria-pressed': String(settings.highlightFacts) }, t('highlightFacts', 'Highlight facts'));
      hl.addEventListener('click', () => setSetting('highlightFacts', !view.settings.highlightFacts));
      bar.append(hl);
    }
    let citeButton = null;
    let cite = null;
    if (article) {
      citeButton = el('button', { type: 'button', class: 'cite-toggle', 'aria-expanded': 'false', 'aria-controls': 'lucid-cite' }, t('cite', 'Cite'));
      bar.append(citeButton);
      bar.append(el('a', { class: 'original', href: location.href, rel: 'noopener noreferrer' }, t('original', 'Original page')));
    }
    // Pick the article by hand (picker.js): the view closes for the page.
    if (globalThis.lucidPicker) {
      const pickButton = el('button', { type: 'button', class: 'pick-toggle' }, t('pick', 'Pick article'));
      pickButton.addEventListener('click', () => startPick());
      bar.append(pickButton);
    }
    const close = el('button', { type: 'button', class: 'close', 'aria-label': t('closeLabel', 'Close reader view (Esc)') }, t('close', '✕ Close'));
    close.addEventListener('click', () => closeView());
    bar.append(close);
    shell.append(bar);
    const panel = settingsPanel();
    settingsButton.addEventListener('click', () => {
      const open = panel.hidden;
      panel.hidden = !open;
      settingsButton.setAttribute('aria-expanded', String(open));
      if (open) panel.querySelector('input:checked, input')?.focus();
    });
    shell.append(panel);
    if (citeButton) {
      cite = citePanel(article, settings);
      citeButton.addEventListener('click', () => {
        const open = cite.hidden;
        cite.hidden = !open;
        citeButton.setAttribute('aria-expanded', String(open));
        if (open) {
          cite.refresh();
          cite.querySelector('select').focus();
        }
      });
      shell.append(cite);
    }

    // (Not a <main>: the page behind usually has one, and a document must
    // not hold two main landmarks; `document` tells screen readers to read
    // it as one.)
    const main = el('div', { class: 'page', role: 'document' });
    let listen = null;
    let nav = null;
    if (article) {
      if (article.lang) main.setAttribute('lang', article.lang);
      if (article.dir) main.setAttribute('dir', article.dir);
      const art = el('article');
      const header = el('header', { class: 'article-header' });
      const site = el('p', { class: 'site' });
      const icon = faviconUrl();
      if (icon) {
        const img = el('img', { class: 'favicon', src: icon, alt: '', width: '16', height: '16', referrerpolicy: 'no-referrer' });
        img.addEventListener('error', () => img.remove());
        site.append(img);
      }
      site.append(article.site_name || location.hostname);
      header.append(site);
      header.append(el('h1', { id: 'lucid-title' }, article.title || document.title || t('untitled', 'Untitled')));
      const meta = el('p', { class: 'meta' });
      if (article.authors?.length) meta.append(el('span', { class: 'authors' }, article.authors.join(', ')));
      if (article.published) meta.append(el('time', { datetime: article.published }, formatDate(article.published, article.lang)));
      const minutes = Math.max(1, Math.round((article.word_count || 0) / 230));
      meta.append(el('span', { class: 'reading-time', dir: 'auto' }, t('readingTime', `${minutes} min read`, [String(minutes)])));
      header.append(meta);
      art.append(header);
      const body = el('div', { class: 'body' });
      // Built node by node from the core's sanitised tree: no HTML is parsed,
      // so nothing can change meaning on the way in.
      body.append(...article.nodes.map(buildNode).filter(Boolean));
      const box = keyFactsBox(article, body);
      if (box) art.append(box);
      art.append(body);
      // Printed at the bottom of the article (the reader view prints alone).
      const cite = el('footer', { class: 'print-citation' });
      const parts = [article.authors?.join(', '), article.title, article.site_name, formatDate(article.published, article.lang), location.href].filter(Boolean);
      cite.textContent = parts.join('. ');
      art.append(cite);
      main.append(art);
      // Read aloud (extension/read-aloud.js), where the browser can speak.
      if (globalThis.speechSynthesis && globalThis.SpeechSynthesisUtterance && core && globalThis.lucidReadAloud) {
        listen = globalThis.lucidReadAloud({
          shell, article: art, lang: article.lang, el, t, settings,
          split: (text) => core.sentences(text),
          save: setSetting,
        });
        bar.insertBefore(listen.button, citeButton);
        shell.append(listen.panel); // (before the page, appended below)
      }
      // Contents, progress and the reading position (extension/navigate.js).
      if (globalThis.lucidNavigate) {
        nav = globalThis.lucidNavigate({ shell, main, body, el, t, url: location.href, positions });
        if (nav.button) {
          bar.insertBefore(nav.button, listen?.button ?? citeButton);
          shell.append(nav.panel);
        }
        bar.append(nav.progress);
      }
    } else {
      main.append(el('h1', { id: 'lucid-title' }, t('unavailable', 'Reader view unavailable')));
      main.append(el('p', { class: 'error', role: 'alert' }, message(error?.code)));
      // Never a dead end: what the extractor finds, shown anyway, for the reader to judge.
      if (error?.code === 'not-an-article') {
        const anyway = el('button', { type: 'button', class: 'show-anyway' }, t('showAnyway', 'Show it anyway'));
        anyway.addEventListener('click', () => reopen({ force: true }));
        const actions = el('p', { class: 'actions' });
        actions.append(anyway);
        if (globalThis.lucidPicker) {
          const pickIt = el('button', { type: 'button', class: 'show-anyway pick-article' }, t('pickTitle', 'Pick the article'));
          pickIt.addEventListener('click', () => startPick());
          actions.append(' ', pickIt);
        }
        main.append(actions);
      }
    }
    shell.append(main);
    root.append(shell);
    shell.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') {
        // A modal dialog: keyboard focus cycles inside the reader view.
        const focusable = [...root.querySelectorAll('button:not([disabled]), a[href], input:not([disabled]), select, [tabindex="0"]')].filter((n) => n.getClientRects().length);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const active = root.activeElement;
        if (e.shiftKey && (active === first || active === shell)) {
          e.preventDefault();
          last?.focus();
        } else if (!e.shiftKey && active === last) {
          e.preventDefault();
          first?.focus();
        }
        return;
      }
      if (listen?.onKey(e)) return;
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      if (!panel.hidden) {
        panel.hidden = true;
        settingsButton.setAttribute('aria-expanded', 'false');
        settingsButton.focus();
      } else if (cite && !cite.hidden) {
        cite.hidden = true;
        citeButton.setAttribute('aria-expanded', 'false');
        citeButton.focus();
      } else if (listen?.isOpen()) {
        listen.close();
        listen.button.focus();
      } else if (nav?.isOpen()) {
        nav.close();
        nav.button.focus();
      } else {
        closeView();
      }
    });
    return { host, root, shell, listen, nav };
  }

  // ---- Live-page decluttering. The core (declutter / declutter_restore)
  // decides and marks; this glue adopts the stylesheet that goes with the
  // marks and feeds it content added later, at a bounded cost: at most one
  // pass per max(100 ms, 4 × the last pass), so it takes at most a fifth of
  // the time; a burst of more than 500 new subtrees becomes one full pass.
  function startDeclutter(core, guard) {
    if (!tidy) {
      let sheet = null;
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(core.declutter_stylesheet());
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      } catch { /* without it, the core's inline fallback still hides */ }
      tidy = { core, guard, sheet, observers: [], pending: new Set(), full: false, attrs: false, timer: 0, last: 0,
        stats: { passes: 0, roots: 0, ms: 0, max_ms: 0 }, report: { hidden: {}, unlocked: [], listGuarded: 0 } };
      watch();
    } else {
      tidy.core = core;
      tidy.guard = guard;
    }
    return pass(null);
  }

  // One pass of the core over the document (roots null) or some subtrees.
  function pass(roots) {
    const t0 = performance.now();
    let r = null;
    try {
      r = tidy.core.declutter(roots, tidy.guard);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) tidyPromise = null;
      return { error: String(e?.message ?? e) };
    }
    const ms = performance.now() - t0;
    const s = tidy.stats;
    s.passes += 1;
    s.roots += roots ? roots.length : 1;
    s.ms += ms;
    s.max_ms = Math.max(s.max_ms, ms);
    tidy.last = ms;
    for (const [k, n] of Object.entries(r?.hidden ?? {})) tidy.report.hidden[k] = (tidy.report.hidden[k] ?? 0) + n;
    for (const u of r?.unlocked ?? []) if (!tidy.report.unlocked.includes(u)) tidy.report.unlocked.push(u);
    tidy.report.listGuarded += r?.list_guarded ?? 0;
    return r ?? {};
  }

  function watch() {
    const schedule = () => {
      if (!tidy || tidy.timer) return;
      tidy.timer = setTimeout(flush, Math.max(100, 4 * tidy.last));
    };
    const flush = () => {
      if (!tidy) return;
      tidy.timer = 0;
      let roots = null;
      if (!tidy.full) {
        roots = [...tidy.pending].filter((n) => n.isConnected && !n.closest('[data-lucid-hidden]'));
        if (!roots.length && !tidy.attrs) { tidy.pending.clear(); return; }
      }
      tidy.pending.clear();
      tidy.full = false;
      tidy.attrs = false;
      pass(roots);
    };
    const added = new MutationObserver((records) => {
      for (const rec of records) {
        for (const n of rec.addedNodes) {
          if (n.nodeType !== 1 || n.localName === 'lucid-reader' || n.localName === 'lucid-reader-audit') continue;
          if (tidy.pending.size >= 500) tidy.full = true;
          else tidy.pending.add(n);
        }
      }
      if (tidy.pending.size || tidy.full) schedule();
    });
    added.observe(document.documentElement, { childList: true, subtree: true });
    // A banner that locks scrolling later (a class or style on html/body).
    const locks = new MutationObserver(() => {
      tidy.attrs = true;
      schedule();
    });
    for (const e of [document.documentElement, document.body].filter(Boolean)) locks.observe(e, { attributes: true, attributeFilter: ['class', 'style'] });
    tidy.observers = [added, locks];
  }

  // Stop decluttering and take every change back.
  function stopDeclutter() {
    if (!tidy) return;
    const t = tidy;
    tidy = null;
    t.observers.forEach((o) => o.disconnect());
    clearTimeout(t.timer);
    try {
      t.core.declutter_restore();
    } catch {
      // That module has died (a panic): the marks are plain attributes, so a
      // fresh one finds and removes them.
      tidyPromise = null;
      loadTidy().then((c) => c.declutter_restore()).catch(() => {});
    }
    if (t.sheet) {
      try {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== t.sheet);
      } catch { /* nothing to undo */ }
    }
  }

  // The story's first paragraph on screen and where it is: the page is put
  // back at the same place even when clutter above it was hidden.
  function readingAnchor() {
    for (const p of document.body?.querySelectorAll('p') ?? []) {
      const r = p.getBoundingClientRect();
      if (r.bottom > 0 && r.height > 0 && (p.textContent ?? '').trim().length >= 40) return { el: p, top: r.top };
    }
    return null;
  }

  function declutterState() {
    return tidy ? { on: true, hidden: tidy.report.hidden, unlocked: tidy.report.unlocked, listGuarded: tidy.report.listGuarded, stats: { ...tidy.stats } } : { on: false };
  }

  // While the reader view is open, printing shows it alone: an adopted
  // stylesheet (not a DOM node) hides the page in print.
  function addPrintSheet() {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('@media print { html > body { display: none !important; } html > lucid-reader { position: static !important; } }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      return sheet;
    } catch {
      return null;
    }
  }

  // An SVG or XML document (an image opened in a tab) has no HTML to read and
  // cannot host the view: say so and leave it alone.
  function isHtmlDocument() {
    return document.documentElement instanceof HTMLHtmlElement && document.contentType !== 'image/svg+xml';
  }

  const nextPaint = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  // Close the view and open it again with other options ("Show it anyway").
  async function reopen(options) {
    const keep = view && { scroll: view.scroll, focus: view.focus };
    closeView();
    const res = await openView(options);
    if (keep && view) Object.assign(view, keep);
    api.runtime.sendMessage({ type: 'lucid:changed', reader: !!view }).catch(() => {});
    return res;
  }

  // `root`: an element to read the article from (picked by hand, now or on
  // an earlier visit to the site).
  async function openView({ force = false, root = null } = {}) {
    if (!isHtmlDocument()) return { reader: false, error: 'not-html', message: message('not-html') };
    const t0 = performance.now();
    const firstUse = !corePromise;
    const scroll = [window.scrollX, window.scrollY];
    const focus = document.activeElement;
    let article = null;
    let error = null;
    let t1 = t0;
    let extraction = {};
    let core = null;
    let picked = root ? 'picked' : null;
    let local = { picks: {}, positions: {} };
    try {
      [core, local] = await Promise.all([loadCore(), loadLocal()]);
      t1 = performance.now();
      if (!root && !force) {
        root = rememberedRoot(local.picks);
        if (root) picked = 'remembered';
      }
      ({ article, timings: extraction } = extractArticle(core, force, root));
    } catch (e) {
      error = e && typeof e === 'object' && 'code' in e ? e : { code: 'internal', message: String(e?.message ?? e) };
      // A panic in the core aborts the wasm instance: start a fresh one next time.
      if (e instanceof WebAssembly.RuntimeError) corePromise = null;
    }
    let css = '';
    try { css = await loadCss(); } catch { /* the view still works unstyled */ }
    const settings = await loadSettings();
    const built = buildView(article, error, css, settings, core, local.positions);
    view = { ...built, article, error, scroll, anchor: null, focus, settings, font: null, picked };
    applySettings(built.shell, settings);
    document.documentElement.append(built.host);
    built.nav?.update();
    view.printSheet = addPrintSheet();
    syncControls();
    built.shell.focus({ preventScroll: true });
    await nextPaint();
    // Where the time went (the benchmark reads these): module load, DOM
    // serialisation + core, and everything until the view's first paint.
    // extract_ms = serialise_ms (the page's markup, written into wasm memory as UTF-8: markup_bytes)
    // + core_ms (the whole pipeline, the JSON out) + JSON.parse.
    const timings = { first_use: firstUse, load_ms: t1 - t0, ...extraction, painted_ms: performance.now() - t0 };
    // Then, behind the view, the live page loses its clutter.
    if (settings.declutter && view) {
      // Measured here, after the paint (the view is a fixed overlay, so the
      // page has not moved) and before any clutter above it is hidden.
      view.anchor = readingAnchor();
      try {
        const t3 = performance.now();
        const tidyMod = await loadTidy();
        timings.declutter = startDeclutter(tidyMod, article?.guard ?? []);
        timings.declutter_ms = performance.now() - t3; // after the paint: not in painted_ms
      } catch (e) {
        timings.declutter = { error: String(e?.message ?? e) };
      }
    }
    return { ...stateOf(), timings };
  }

  // Close the view (if open) and let the reader point at the article; the
  // view opens on what is picked. Returns at once; the pick comes later.
  let picker = null;
  async function startPick({ remember = null } = {}) {
    if (picker || !globalThis.lucidPicker || !isHtmlDocument()) return stateOf();
    if (view) closeView();
    const remembered = !!(await loadPicks())[location.hostname];
    picker = globalThis.lucidPicker.start({
      t,
      remember: remember ?? remembered,
      onPick: async (el, remember) => {
        picker = null;
        if (remember || remembered) await rememberPick(el, remember);
        await openView({ root: el });
        api.runtime.sendMessage({ type: 'lucid:changed', reader: !!view }).catch(() => {});
      },
      onCancel: () => { picker = null; },
    });
    return stateOf();
  }

  function closeView() {
    if (!view) return stateOf();
    const { host, scroll, anchor, focus, printSheet, font, settings, listen, nav } = view;
    view = null;
    listen?.stop(); // closing the view stops speech
    // Where the reader left the article, for the next time (read before the view goes).
    if (nav) {
      const f = nav.fraction();
      updateLocal('positions', (p) => globalThis.lucidNavigate.withPosition(p, location.href, f)).catch(() => {});
    }
    if (tidy && !settings.keepDecluttered) stopDeclutter();
    host.remove();
    if (printSheet) {
      try {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== printSheet);
      } catch { /* nothing to undo */ }
    }
    font?.forEach((f) => document.fonts.delete(f));
    window.scrollTo(scroll[0], scroll[1]);
    // Clutter above the reading place was hidden: scroll by what it took.
    if (tidy && anchor?.el.isConnected) {
      const dy = anchor.el.getBoundingClientRect().top - anchor.top;
      if (Math.abs(dy) >= 1) window.scrollBy(0, dy);
    }
    if (focus && typeof focus.focus === 'function' && focus.isConnected) focus.focus({ preventScroll: true });
    api.runtime.sendMessage({ type: 'lucid:changed', reader: false }).catch(() => {});
    return stateOf();
  }

  // "Copy citation" / "Copy as Markdown" / "Copy as plain text" from the
  // context menu: the article is read without opening the reader view.
  async function copyFromMenu(what, style) {
    let article = view?.article;
    if (!article) {
      if (!isHtmlDocument()) return { ok: false, error: 'not-html', message: message('not-html') };
      try {
        const core = await loadCore();
        ({ article } = extractArticle(core));
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) corePromise = null;
        const code = e && typeof e === 'object' && 'code' in e ? e.code : 'internal';
        return { ok: false, error: code, message: message(code) };
      }
    }
    const settings = await loadSettings();
    let payload;
    try {
      payload = await copyPayload(article, what, style ?? settings.citationStyle);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) corePromise = null;
      const code = e && typeof e === 'object' && 'code' in e ? e.code : 'internal';
      return { ok: false, error: code, message: message(code) };
    }
    const ok = await writeClipboard(payload);
    return { ok, text: payload.text, reader: !!view };
  }

  function stateOf() {
    if (!view) return { reader: false, ...(picker ? { picking: true } : {}), declutter: declutterState() };
    if (!view.article) {
      const code = view.error?.code ?? 'internal';
      return { reader: true, error: code, message: message(code), detail: view.error?.message ?? '', declutter: declutterState() };
    }
    const a = view.article;
    return {
      reader: true,
      title: a.title,
      authors: a.authors,
      published: a.published,
      site_name: a.site_name,
      lang: a.lang,
      text: a.text,
      // The view's article body as the reader sees it (the core sends a tree,
      // not HTML).
      html: view.shell.querySelector('.body')?.innerHTML ?? '',
      facts: a.facts,
      citation: a.citation,
      settings: { ...view.settings },
      picked: view.picked,
      navigation: view.nav?.state() ?? null,
      declutter: declutterState(),
    };
  }

  // Accessibility check for the test build: axe-core (injected there only)
  // runs on the reader view, which page-world tools cannot see.
  // axe cannot enter a closed shadow root, so it audits an identical copy of
  // the view rendered in an open one for the duration of the audit.
  async function runAxe() {
    if (!view || !globalThis.axe) return { error: 'axe-core is not loaded' };
    const probe = document.createElement('lucid-reader-audit');
    probe.setAttribute('style', view.host.getAttribute('style'));
    const root = probe.attachShadow({ mode: 'open' });
    for (const node of view.root.children) root.append(node.cloneNode(true));
    document.documentElement.append(probe);
    try {
      const res = await globalThis.axe.run({ include: [{ fromShadowDom: ['lucid-reader-audit', '.shell'] }] }, { resultTypes: ['violations'] });
      return { violations: res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html).slice(0, 3) })) };
    } finally {
      probe.remove();
    }
  }

  // Switching decluttering (or keeping it) off on the options page gives the
  // page back at once when the reader view is closed.
  api.storage.onChanged?.addListener((changes, area) => {
    if (area === 'local' && (changes.picks || changes.positions)) localPromise = null;
    if (area !== 'sync' || view || !tidy) return;
    if (changes.declutter?.newValue === false || changes.keepDecluttered?.newValue === false) stopDeclutter();
  });

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || sender.tab) return false; // only our background
    if (msg?.type === 'lucid:toggle' && typeof msg.root === 'string') {
      // The article from the element `msg.root` names (the tests' entry to picking).
      let root = null;
      try {
        root = document.querySelector(msg.root);
      } catch { /* not a selector */ }
      if (!root) {
        sendResponse({ reader: !!view, error: 'no-such-element', message: `nothing on the page matches ${msg.root}` });
        return false;
      }
      if (view) closeView();
      openView({ root }).then(sendResponse, (e) => sendResponse({ reader: false, error: 'internal', message: String(e) }));
      return true;
    }
    if (msg?.type === 'lucid:pick') {
      startPick({ remember: msg.remember }).then(sendResponse, (e) => sendResponse({ error: 'internal', message: String(e) }));
      return true;
    }
    if (msg?.type === 'lucid:toggle') {
      const options = { force: !!msg.force };
      // Forcing an open "not an article" view shows it anyway; otherwise a toggle closes.
      const run = view && !(options.force && view.error?.code === 'not-an-article') ? Promise.resolve(closeView()) : view ? reopen(options) : openView(options);
      run.then(sendResponse, (e) => sendResponse({ reader: false, error: 'internal', message: String(e) }));
      return true;
    }
    if (msg?.type === 'lucid:copy') {
      copyFromMenu(msg.what, msg.style).then(sendResponse, (e) => sendResponse({ ok: false, error: 'internal', message: String(e?.message ?? e) }));
      return true;
    }
    if (msg?.type === 'lucid:read-aloud') {
      sendResponse(view?.listen ? view.listen.command(msg.cmd, msg.arg) : { error: 'no-reader-view' });
      return false;
    }
    if (msg?.type === 'lucid:state') {
      sendResponse(stateOf());
      return false;
    }
    if (msg?.type === 'lucid:selftest-panic') {
      loadCore()
        .then((core) => {
          try {
            core.selftest_panic();
            return { panicked: false };
          } catch (e) {
            if (e instanceof WebAssembly.RuntimeError) corePromise = null;
            return { panicked: true, error: String(e), page_unchanged: !document.querySelector('lucid-reader') };
          }
        })
        .then(sendResponse, (e) => sendResponse({ error: String(e) }));
      return true;
    }
    if (msg?.type === 'lucid:extract-times') {
      // The benchmark: `runs` extractions back to back, as Readability.js is
      // timed (the page is not touched; nothing is shown).
      loadCore()
        .then((core) => Array.from({ length: Math.min(Math.max(msg.runs | 0, 1), 20) }, () => {
          const { article, timings } = extractArticle(core);
          return { ...timings, words: article.word_count };
        }))
        .then(sendResponse, (e) => sendResponse({ error: e?.code ?? 'internal', message: String(e?.message ?? e) }));
      return true;
    }
    if (msg?.type === 'lucid:axe') {
      runAxe().then(sendResponse, (e) => sendResponse({ error: String(e) }));
      return true;
    }
    return false;
  });
})();
