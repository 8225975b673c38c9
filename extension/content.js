// Lucid Reader content script: runs the Rust core (wasm) on the live document
// and shows the article in a closed shadow root over the page. It adds exactly
// one element to the page while open and removes it on close; nothing else in
// the page is touched. Nothing is exposed on the page's `window`.
(() => {
  'use strict';
  if (globalThis.__lucidReaderLoaded) return; // isolated world: invisible to the page
  globalThis.__lucidReaderLoaded = true;
  const api = globalThis.browser ?? globalThis.chrome;

  const MESSAGES = {
    'not-an-article': 'This page doesn’t look like an article, so there is nothing to show in the reader view.',
    empty: 'This page is empty.',
    'not-html': 'This page is not an HTML document.',
    internal: 'Lucid Reader could not read this page.',
  };

  let corePromise = null;
  let view = null; // { host, root, article, scroll, focus }

  function loadCore() {
    corePromise ??= (async () => {
      const mod = await import(api.runtime.getURL('extension/pkg/lucid_core.js'));
      await mod.default({ module_or_path: api.runtime.getURL('extension/pkg/lucid_core_bg.wasm') });
      return mod;
    })();
    corePromise.catch(() => { corePromise = null; });
    return corePromise;
  }

  let cssPromise = null;
  function loadCss() {
    cssPromise ??= fetch(api.runtime.getURL('extension/reader.css')).then((r) => r.text());
    return cssPromise;
  }

  function el(tag, attrs = {}, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  function formatDate(iso, lang) {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
    try {
      return d.toLocaleDateString(lang || undefined, { year: 'numeric', month: 'long', day: 'numeric', ...(dateOnly ? { timeZone: 'UTC' } : {}) });
    } catch {
      return iso;
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
    box.append(el('h2', { id: 'lucid-key-facts' }, 'Key facts'));
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
      legend.append(el('mark', { class: `fact fact-${kind}` }, `${n} ${n === 1 ? one : many}`), ' ');
    }
    box.append(legend);
    return box;
  }

  function showSentence(body, sentence) {
    const norm = (t) => t.replace(/\s+/g, ' ').trim();
    const probe = norm(sentence).slice(0, 60);
    const target = [...body.querySelectorAll('p, li, blockquote, td, h2, h3, h4')].find((n) => norm(n.textContent).includes(probe));
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1600);
  }

  async function highlightSetting() {
    try {
      const { highlightFacts = true } = await api.storage.sync.get('highlightFacts');
      return highlightFacts !== false;
    } catch {
      return true;
    }
  }

  function buildView(article, error, css, highlight) {
    const host = document.createElement('lucid-reader');
    host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important;');
    const root = host.attachShadow({ mode: 'closed' });
    root.append(el('style', {}, css));
    const shell = el('div', { class: highlight ? 'shell' : 'shell plain', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lucid-title', tabindex: '-1' });
    const bar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Reader view' });
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close reader view (Esc)' }, '✕ Close');
    close.addEventListener('click', () => closeView());
    if (article?.facts?.length) {
      const toggle = el('button', { type: 'button', class: 'highlight-toggle', 'aria-pressed': String(highlight) }, 'Highlight facts');
      toggle.addEventListener('click', () => {
        const on = toggle.getAttribute('aria-pressed') !== 'true';
        toggle.setAttribute('aria-pressed', String(on));
        shell.classList.toggle('plain', !on);
        api.storage.sync.set({ highlightFacts: on }).catch(() => {});
      });
      bar.append(toggle);
    }
    bar.append(close);
    shell.append(bar);
    const main = el('main', { class: 'page' });
    if (article) {
      if (article.lang) main.setAttribute('lang', article.lang);
      if (article.dir) main.setAttribute('dir', article.dir);
      const art = el('article');
      const header = el('header');
      if (article.site_name) header.append(el('p', { class: 'site' }, article.site_name));
      header.append(el('h1', { id: 'lucid-title' }, article.title || document.title || 'Untitled'));
      const meta = el('p', { class: 'meta' });
      if (article.authors?.length) meta.append(el('span', { class: 'authors' }, article.authors.join(', ')));
      if (article.published) {
        meta.append(el('time', { datetime: article.published }, formatDate(article.published, article.lang)));
      }
      const minutes = Math.max(1, Math.round((article.word_count || 0) / 230));
      meta.append(el('span', { class: 'reading-time' }, `${minutes} min read`));
      header.append(meta);
      art.append(header);
      const body = el('div', { class: 'body' });
      // article.html is the core's allow-list output: only safe elements and
      // attributes, every text and attribute value escaped.
      body.innerHTML = article.html;
      const box = keyFactsBox(article, body);
      if (box) art.append(box);
      art.append(body);
      main.append(art);
    } else {
      main.append(el('h1', { id: 'lucid-title' }, 'Reader view unavailable'));
      main.append(el('p', { class: 'error', role: 'alert' }, MESSAGES[error?.code] ?? MESSAGES.internal));
    }
    shell.append(main);
    root.append(shell);
    shell.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closeView();
      }
    });
    return { host, root, shell };
  }

  async function openView() {
    const scroll = [window.scrollX, window.scrollY];
    const focus = document.activeElement;
    let article = null;
    let error = null;
    try {
      const core = await loadCore();
      article = core.extract(document.documentElement.outerHTML, location.href, {});
    } catch (e) {
      error = e && typeof e === 'object' && 'code' in e ? e : { code: 'internal', message: String(e?.message ?? e) };
    }
    let css = '';
    try { css = await loadCss(); } catch { /* the view still works unstyled */ }
    const built = buildView(article, error, css, await highlightSetting());
    document.documentElement.append(built.host);
    view = { ...built, article, error, scroll, focus };
    built.shell.focus({ preventScroll: true });
    return stateOf();
  }

  function closeView() {
    if (!view) return stateOf();
    const { host, scroll, focus } = view;
    view = null;
    host.remove();
    window.scrollTo(scroll[0], scroll[1]);
    if (focus && typeof focus.focus === 'function' && focus.isConnected) focus.focus({ preventScroll: true });
    api.runtime.sendMessage({ type: 'lucid:changed', reader: false }).catch(() => {});
    return stateOf();
  }

  function stateOf() {
    if (!view) return { reader: false };
    if (!view.article) {
      const code = view.error?.code ?? 'internal';
      return { reader: true, error: code, message: MESSAGES[code] ?? MESSAGES.internal, detail: view.error?.message ?? '' };
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
      html: a.html,
      facts: a.facts,
      citation: a.citation,
    };
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || sender.tab) return false; // only our background
    if (msg?.type === 'lucid:toggle') {
      (view ? Promise.resolve(closeView()) : openView()).then(sendResponse, (e) => sendResponse({ reader: false, error: 'internal', message: String(e) }));
      return true;
    }
    if (msg?.type === 'lucid:state') {
      sendResponse(stateOf());
      return false;
    }
    return false;
  });
})();
