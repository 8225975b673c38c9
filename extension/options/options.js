// Options page: the defaults for the reader view, kept in storage.sync (the
// reader view's settings menu changes the same keys), and the articles picked
// by hand per site (storage.local), each forgettable.
'use strict';
const api = globalThis.browser ?? globalThis.chrome;
// The same defaults as the reader view's (store.js, loaded first).
const { DEFAULTS } = globalThis.lucidStore;

for (const node of document.querySelectorAll('[data-i18n]')) {
  const text = api.i18n.getMessage(node.dataset.i18n);
  if (text) node.textContent = text;
}
document.documentElement.lang = api.i18n.getUILanguage();

const form = document.getElementById('options');
const status = document.getElementById('status');

function show(settings) {
  for (const [key, value] of Object.entries(settings)) {
    const fields = form.elements[key];
    if (!fields) continue;
    if (fields instanceof RadioNodeList) {
      for (const r of fields) r.checked = r.value === String(value);
    } else if (fields.type === 'checkbox') {
      fields.checked = Boolean(value);
    } else {
      fields.value = String(value);
    }
  }
}

function read(target) {
  const key = target.name;
  if (target.type === 'checkbox') return [key, target.checked];
  if (target.type === 'number') {
    const n = Number(target.value);
    const [min, max] = [Number(target.min), Number(target.max)];
    return [key, Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : DEFAULTS[key]];
  }
  return [key, target.value];
}

form.addEventListener('change', async (e) => {
  const [key, value] = read(e.target);
  await api.storage.sync.set({ [key]: value });
  status.textContent = api.i18n.getMessage('optionsSaved') || 'Saved.';
});

api.storage.sync.get(DEFAULTS).then(show);

// Sites whose article was picked by hand and remembered: { hostname: selector }.
const picksList = document.getElementById('picks');
const picksNone = document.getElementById('picks-none');
function showPicks(picks = {}) {
  picksList.replaceChildren();
  for (const host of Object.keys(picks).sort()) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = host;
    const forget = document.createElement('button');
    forget.type = 'button';
    forget.textContent = api.i18n.getMessage('forget') || 'Forget';
    forget.setAttribute('aria-label', `${forget.textContent} ${host}`);
    forget.addEventListener('click', async () => {
      const { picks: now = {} } = await api.storage.local.get('picks');
      delete now[host];
      await api.storage.local.set({ picks: now });
      status.textContent = api.i18n.getMessage('optionsSaved') || 'Saved.';
    });
    item.append(name, ' ', forget);
    picksList.append(item);
  }
  picksNone.hidden = picksList.children.length > 0;
}
api.storage.local.get('picks').then((r) => showPicks(r.picks));
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.picks) showPicks(changes.picks.newValue);
});

// Pages with highlights (storage.local `hl:URL`, highlights.js): searchable,
// each exported as Markdown or deleted; all exported as Web Annotation JSON,
// and imported back (the records restored as they were exported).
const { toWebAnnotation, fromWebAnnotation, toMarkdown, records, importInto } = globalThis.lucidAnnotations;
const hlList = document.getElementById('hl-pages');
const hlNone = document.getElementById('hl-none');
const hlSearch = document.getElementById('hl-search');
const msg = (key, fallback) => api.i18n.getMessage(key) || fallback;

const hlRecords = () => records(api.storage.local);

function download(name, type, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// The citation module (loaded on first use): the page's reference and each
// passage's in-text citation and link, in the reader's style.
let citeModule = null;
async function citer(record) {
  if (!record.csl) return {};
  try {
    // (By this page's own URL: runtime.getURL gives the per-session one
    // the content scripts use, another origin to this page.)
    citeModule ??= import(new URL('../pkg/lucid_cite.js', location.href).href).then(async (m) => {
      await m.default({ module_or_path: new URL('../pkg/lucid_cite_bg.wasm', location.href).href });
      return m;
    });
    const mod = await citeModule;
    const { citationStyle } = await api.storage.sync.get({ citationStyle: 'apa' });
    const style = ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard'].includes(citationStyle) ? citationStyle : 'apa';
    const reference = mod.cite(record.csl, style).text;
    return { reference, cite: (exact) => mod.quote(record.csl, style, exact) };
  } catch (e) {
    // (The export goes on with the title, site and URL.)
    console.warn('Lucid Reader: no citation for the export:', e);
    citeModule = null;
    return {};
  }
}

const fileName = (record, ext) => `${(record.title || 'highlights').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'highlights'}.${ext}`;

async function showHighlights() {
  const query = hlSearch.value.trim().toLowerCase();
  const records = (await hlRecords()).filter((r) => !query || [r.title, r.url, r.site, ...r.items.flatMap((h) => [h.selector?.exact, h.note])].some((s) => String(s ?? '').toLowerCase().includes(query)));
  hlList.replaceChildren();
  for (const r of records) {
    const li = document.createElement('li');
    li.dataset.url = r.url;
    const link = document.createElement('a');
    link.href = /^https?:/i.test(r.url) ? r.url : '#';
    link.textContent = r.title || r.url;
    const count = document.createElement('span');
    count.className = 'hint';
    count.textContent = ` (${r.items.length})`;
    const md = document.createElement('button');
    md.type = 'button';
    md.className = 'hl-markdown';
    md.textContent = 'Markdown';
    md.setAttribute('aria-label', `${msg('hlExportMarkdown', 'Export as Markdown')}: ${link.textContent}`);
    md.addEventListener('click', async () => download(fileName(r, 'md'), 'text/markdown', toMarkdown(r, await citer(r))));
    const json = document.createElement('button');
    json.type = 'button';
    json.className = 'hl-json';
    json.textContent = 'JSON';
    json.setAttribute('aria-label', `${msg('hlExportJson', 'Export as Web Annotation JSON')}: ${link.textContent}`);
    json.addEventListener('click', () => download(fileName(r, 'jsonld'), 'application/ld+json', JSON.stringify(toWebAnnotation([r]), null, 1)));
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'hl-delete';
    del.textContent = msg('hlDelete', 'Delete');
    del.setAttribute('aria-label', `${del.textContent}: ${link.textContent}`);
    del.addEventListener('click', async () => {
      await api.storage.local.remove(`hl:${r.url}`);
      status.textContent = msg('optionsSaved', 'Saved.');
    });
    li.append(link, count, ' ', md, ' ', json, ' ', del);
    hlList.append(li);
  }
  hlNone.hidden = hlList.children.length > 0;
}
hlSearch.addEventListener('input', showHighlights);
document.getElementById('hl-export').addEventListener('click', async () => {
  download('lucid-reader-highlights.jsonld', 'application/ld+json', JSON.stringify(toWebAnnotation(await hlRecords()), null, 1));
});
document.getElementById('hl-import').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    // (Merged with what is kept for each page: an imported highlight replaces its namesake.)
    const count = await importInto(api.storage.local, fromWebAnnotation(JSON.parse(await file.text())));
    status.textContent = `${msg('hlImported', 'Imported')}: ${count}`;
  } catch (err) {
    status.textContent = `${msg('hlImportFailed', 'Not a file of highlights')}: ${err.message}`;
  }
  e.target.value = '';
});
showHighlights();
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && Object.keys(changes).some((k) => k.startsWith('hl:'))) showHighlights();
});
