// Building the reader view: a closed shadow root on a <lucid-reader> element
// over the page, with the toolbar, the panels (panels.js), the article built
// node by node from the core's sanitised tree, read aloud (read-aloud.js) and
// contents (navigate.js). `actions` is the content script's: setSetting,
// settings(), close(), pick(), reopen(options).
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidView) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const { t, message } = globalThis.lucidCore;

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
  // Formulas: MathML Core's presentation elements and their layout
  // attributes, as the core keeps them (src/render/math.rs), built in the
  // MathML namespace; no link, style or handler of the page's comes through.
  const MATHML = 'http://www.w3.org/1998/Math/MathML';
  const MATH_TAGS = new Set(['math', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'mrow', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'merror', 'mpadded', 'mphantom', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mmultiscripts', 'mprescripts', 'none', 'mtable', 'mtr', 'mtd']);
  const MATH_ATTRS = new Set(['display', 'alttext', 'mathvariant', 'displaystyle', 'scriptlevel', 'stretchy', 'symmetric', 'largeop', 'movablelimits', 'accent', 'accentunder', 'fence', 'separator', 'form', 'lspace', 'rspace', 'minsize', 'maxsize', 'linethickness', 'columnalign', 'rowalign', 'columnspan', 'rowspan', 'width', 'height', 'depth', 'voffset', 'dir']);

  // `inMath`: inside a formula, where only MathML is built (a <math> only
  // opens one from HTML).
  function buildMath(n, inMath) {
    const [tag, attrs, ...kids] = n;
    if (!MATH_TAGS.has(tag) || (tag === 'math') === inMath) return null;
    const e = document.createElementNS(MATHML, tag);
    for (const [k, v] of Object.entries(attrs)) if (MATH_ATTRS.has(k)) e.setAttribute(k, v);
    e.append(...kids.map((k) => (typeof k === 'string' ? document.createTextNode(k) : buildMath(k, true))).filter(Boolean));
    return e;
  }

  function buildNode(n) {
    if (typeof n === 'string') return document.createTextNode(n);
    const [tag, attrs, ...kids] = n;
    if (tag === 'math') return buildMath(n, false);
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

  // The view's settings on its shell. The dyslexia-friendly font is bundled
  // and loaded only when chosen, into document.fonts (not the DOM, so the
  // page's markup is untouched); `view.font` keeps its faces for closing.
  function applySettings(view) {
    const { shell, settings: s } = view;
    shell.dataset.theme = s.theme;
    shell.dataset.font = s.font;
    shell.style.setProperty('--size', `${s.fontSize}px`);
    shell.style.setProperty('--measure', `${s.lineWidth}em`);
    shell.style.setProperty('--leading', String(s.lineHeight));
    shell.classList.toggle('plain', !s.highlightFacts);
    shell.classList.toggle('no-images', s.images === false);
    if (s.font !== 'dyslexic' || view.font) return;
    try {
      const faces = [400, 700].map((w) => new FontFace('Lucid Atkinson', `url(${api.runtime.getURL(`extension/fonts/atkinson-hyperlegible-${w}.woff2`)})`, { weight: String(w) }));
      faces.forEach((f) => document.fonts.add(f));
      view.font = faces;
    } catch { /* the fallback font stack still applies */ }
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
    const panel = panelOf(article, body);
    if (!keys.length && !panel) return null;
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
    if (keys.length) box.append(list);
    if (panel) box.append(panel);
    const legend = el('p', { class: 'legend' });
    for (const [kind, [one, many]] of Object.entries(KIND_LABELS)) {
      const n = facts.filter((f) => f.kind === kind).length;
      if (!n) continue;
      // (Text in the extension's language inside the article's: `dir=auto`
      // keeps "2 figures" in its own order in a right-to-left article.)
      legend.append(el('mark', { class: `fact fact-${kind}`, dir: 'auto' }, `${n} ${kindLabel(kind, n, one, many)}`), ' ');
    }
    box.append(legend);
    return box;
  }

  // The facts panel (the core's `panel`): who, which organisations, where
  // and how much, each list ranked by the core; each entry a button that
  // jumps to its first mention in the article.
  const PANEL = [
    ['people', 'person', 'panelPeople', 'Who'],
    ['organisations', 'organisation', 'panelOrganisations', 'Organisations'],
    ['places', 'place', 'panelPlaces', 'Where'],
    ['figures', 'number', 'panelFigures', 'How much'],
  ];
  function panelOf(article, body) {
    const p = article.panel;
    if (!p) return null;
    const dl = el('dl', { class: 'fact-panel' });
    for (const [key, kind, label, fallback] of PANEL) {
      const entries = p[key] ?? [];
      if (!entries.length) continue;
      dl.append(el('dt', {}, t(label, fallback)));
      const dd = el('dd');
      for (const e of entries) {
        const b = el('button', { type: 'button', class: `panel-entry fact-${kind}`, dir: 'auto', 'data-kind': kind }, e.text);
        if (e.role) b.append(el('span', { class: 'role' }, e.role));
        if (e.mentions > 1) b.append(el('span', { class: 'mentions', 'aria-hidden': 'true' }, `×${e.mentions}`));
        b.addEventListener('click', () => showMention(body, kind, e.first));
        dd.append(b);
      }
      dl.append(dd);
    }
    return dl.childElementCount ? dl : null;
  }

  // The first mention of a fact in the view: its mark (the text the core
  // marked), else the first block that holds its text; scrolled to, focused
  // and flashed.
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const BLOCKS = 'p, li, blockquote, td, h2, h3, h4';
  function showMention(body, kind, text) {
    const want = norm(text);
    const mark = [...body.querySelectorAll(`mark.fact-${kind}`)].find((m) => norm(m.textContent) === want);
    flash(mark ?? [...body.querySelectorAll(BLOCKS)].find((n) => norm(n.textContent).includes(want)));
  }

  // Scroll to an element of the view, focus it and flash it.
  function flash(target) {
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1600);
  }

  // The panel's headings for a Markdown copy, in the reader's language.
  const panelLabels = () => ({
    key_facts: t('keyFacts', 'Key facts'),
    people: t('panelPeople', 'Who'),
    organisations: t('panelOrganisations', 'Organisations'),
    places: t('panelPlaces', 'Where'),
    figures: t('panelFigures', 'How much'),
  });

  // "2 figures" in the extension's language, with its plural rules: Polish
  // says "2 liczby" (few) but "5 liczb" (many); a language whose messages
  // have no `_few` form uses `_many`.
  let plurals;
  function kindLabel(kind, n, one, many) {
    try {
      plurals ??= new Intl.PluralRules(globalThis.chrome?.i18n?.getUILanguage?.() ?? globalThis.browser?.i18n?.getUILanguage?.() ?? 'en');
    } catch {
      plurals = new Intl.PluralRules('en');
    }
    const form = plurals.select(n);
    if (form === 'one') return t(`kind_${kind}_one`, one);
    if (form === 'few') return t(`kind_${kind}_few`, '') || t(`kind_${kind}_many`, many);
    return t(`kind_${kind}_many`, many);
  }

  function showSentence(body, sentence) {
    const probe = norm(sentence).slice(0, 60);
    flash([...body.querySelectorAll(BLOCKS)].find((n) => norm(n.textContent).includes(probe)));
  }

  // The article: header (site, title, byline, reading time), key facts, the
  // body and, for print, a citation line.
  function articleOf(article) {
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
    art.keyFacts = () => keyFactsBox(article, body);
    // Printed at the bottom of the article (the reader view prints alone).
    const cite = el('footer', { class: 'print-citation' });
    const parts = [article.authors?.join(', '), article.title, article.site_name, formatDate(article.published, article.lang), location.href].filter(Boolean);
    cite.textContent = parts.join('. ');
    art.append(cite);
    return { art, body };
  }

  // No article: why, and never a dead end — what the extractor finds, shown
  // anyway, or the article picked by hand, for the reader to judge.
  function unavailable(main, error, actions) {
    main.append(el('h1', { id: 'lucid-title' }, t('unavailable', 'Reader view unavailable')));
    main.append(el('p', { class: 'error', role: 'alert' }, message(error?.code)));
    if (error?.code !== 'not-an-article') return;
    const anyway = el('button', { type: 'button', class: 'show-anyway' }, t('showAnyway', 'Show it anyway'));
    anyway.addEventListener('click', () => actions.reopen({ force: true }));
    const row = el('p', { class: 'actions' });
    row.append(anyway);
    if (globalThis.lucidPicker) {
      const pickIt = el('button', { type: 'button', class: 'show-anyway pick-article' }, t('pickTitle', 'Pick the article'));
      pickIt.addEventListener('click', () => actions.pick());
      row.append(' ', pickIt);
    }
    main.append(row);
  }

  // A modal dialog: keyboard focus cycles inside the reader view.
  function trapTab(e, root, shell) {
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
  }

  function buildView(article, error, css, settings, core, positions, actions) {
    const { settingsPanel, citePanel, disclose, dismiss } = globalThis.lucidPanels;
    const host = document.createElement('lucid-reader');
    host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important;');
    const root = host.attachShadow({ mode: 'closed' });
    root.append(el('style', {}, css));
    const shell = el('div', { class: 'shell', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lucid-title', 'aria-describedby': 'lucid-announce', tabindex: '-1' });
    shell.append(el('p', { id: 'lucid-announce', class: 'visually-hidden' }, t('announce', 'Reader view. Press Escape to return to the page.')));
    const bar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar', 'Reader view') });
    const settingsButton = el('button', { type: 'button', class: 'settings-toggle', 'aria-expanded': 'false', 'aria-controls': 'lucid-settings' }, t('settingsButton', 'Aa Settings'));
    bar.append(settingsButton);
    // The key facts come after the first paint (applyFacts): the switch is
    // shown once there are some.
    if (article) {
      const hl = el('button', { type: 'button', class: 'highlight-toggle', 'aria-pressed': String(settings.highlightFacts) }, t('highlightFacts', 'Highlight facts'));
      hl.hidden = !article.facts?.length;
      hl.addEventListener('click', () => actions.setSetting('highlightFacts', !actions.settings().highlightFacts));
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
      pickButton.addEventListener('click', () => actions.pick());
      bar.append(pickButton);
    }
    const close = el('button', { type: 'button', class: 'close', 'aria-label': t('closeLabel', 'Close reader view (Esc)') }, t('close', '✕ Close'));
    close.addEventListener('click', () => actions.close());
    bar.append(close);
    shell.append(bar);
    const panel = settingsPanel(actions);
    disclose(settingsButton, panel, () => panel.querySelector('input:checked, input')?.focus());
    shell.append(panel);
    if (citeButton) {
      cite = citePanel(actions, article, settings);
      disclose(citeButton, cite, () => {
        cite.refresh();
        cite.querySelector('select').focus();
      });
      shell.append(cite);
    }

    // (Not a <main>: the page behind usually has one, and a document must
    // not hold two main landmarks; `document` tells screen readers to read
    // it as one.)
    const main = el('div', { class: 'page', role: 'document' });
    let listen = null;
    let nav = null;
    let built = {};
    if (article) {
      if (article.lang) main.setAttribute('lang', article.lang);
      if (article.dir) main.setAttribute('dir', article.dir);
      built = articleOf(article);
      const { art, body } = built;
      main.append(art);
      // Read aloud (extension/view/read-aloud.js), where the browser can speak.
      if (globalThis.speechSynthesis && globalThis.SpeechSynthesisUtterance && core && globalThis.lucidReadAloud) {
        listen = globalThis.lucidReadAloud({
          shell, article: art, lang: article.lang, el, t, settings,
          split: (text) => core.sentences(text),
          save: actions.setSetting,
        });
        bar.insertBefore(listen.button, citeButton);
        shell.append(listen.panel); // (before the page, appended below)
      }
      // Contents, progress and the reading position (extension/view/navigate.js).
      if (globalThis.lucidNavigate) {
        nav = globalThis.lucidNavigate({ shell, main, body, el, t, url: location.href, positions });
        if (nav.button) {
          bar.insertBefore(nav.button, listen?.button ?? citeButton);
          shell.append(nav.panel);
        }
        bar.append(nav.progress);
      }
    } else {
      unavailable(main, error, actions);
    }
    shell.append(main);
    root.append(shell);
    shell.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') return trapTab(e, root, shell);
      if (listen?.onKey(e)) return;
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      // Esc closes what is open, innermost first, then the view.
      if (dismiss(settingsButton, panel) || dismiss(citeButton, cite)) return;
      if (listen?.isOpen()) {
        listen.close();
        listen.button.focus();
      } else if (nav?.isOpen()) {
        nav.close();
        nav.button.focus();
      } else {
        actions.close();
      }
    });
    return { host, root, shell, listen, nav, body: built.body, art: built.art };
  }

  // The key facts, found after the view has painted (content.js factsOf:
  // with the names of the page's language when it has a model; the core
  // gives the facts and the article's tree with them marked): each
  // top-level block of the body whose marks changed gets its new children,
  // the element itself kept (the contents list, the reading position and
  // read aloud hold on to the blocks); the key-facts box and its legend are
  // made anew and the "Highlight facts" switch shown. Returns how many
  // blocks changed.
  function applyFacts(view, named) {
    const { body, art } = view;
    if (!body || !art || !view.article) return 0;
    view.article.facts = named.facts;
    if (named.panel) view.article.panel = named.panel;
    const hl = view.shell?.querySelector('.highlight-toggle');
    if (hl) hl.hidden = !named.facts?.length;
    let changed = 0;
    const blocks = [...body.children];
    const fresh = named.nodes.map(buildNode).filter(Boolean);
    if (fresh.length !== blocks.length) return 0; // not the tree the view was built from
    fresh.forEach((fresh, i) => {
      const old = blocks[i];
      if (old.localName !== fresh.localName) return;
      if (old.innerHTML === fresh.innerHTML) return;
      old.replaceChildren(...fresh.childNodes);
      changed += 1;
    });
    const box = art.keyFacts?.();
    const before = art.querySelector('.key-facts');
    if (box && before) before.replaceWith(box);
    else if (box) art.insertBefore(box, body);
    return changed;
  }

  globalThis.lucidView = { el, buildView, applySettings, buildNode, formatDate, applyFacts, panelLabels };
})();
