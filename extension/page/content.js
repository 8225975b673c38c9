// Lucid Reader content script: runs the Rust core (wasm) on the live document
// and shows the article in a closed shadow root over the page. While open it
// adds one element to the page (and, for printing, one adopted stylesheet);
// both go on close, so the page's DOM is exactly as before. Nothing is exposed
// on the page's `window`.
//
// The background injects, in this order and into the same isolated world:
// markup.js (the page's markup for the core), core.js (loading the core),
// store.js (settings, picks, positions), copy.js (citations, clipboard),
// view.js (building the view), panels.js (settings and Cite panels),
// declutter.js (the live page's clutter), read-aloud.js, picker.js,
// navigate.js, highlights.js, test-hooks.js, then this file: opening and closing the view,
// and the messages from the background.
(() => {
  'use strict';
  if (globalThis.__lucidReaderLoaded) return; // isolated world: invisible to the page
  globalThis.__lucidReaderLoaded = true;
  const api = globalThis.browser ?? globalThis.chrome;
  const { t, message, load, loaded, forgetOnPanic, extractArticle, errorOf, isHtmlDocument, articleLanguage, nameModel } = globalThis.lucidCore;
  const store = globalThis.lucidStore;
  const declutter = globalThis.lucidDeclutter;
  const { buildView, applySettings, applyFacts } = globalThis.lucidView;
  const { syncControls } = globalThis.lucidPanels;

  // The open view: { host, root, shell, listen, nav, article, error, scroll,
  // anchor, focus, settings, printSheet, font, picked }.
  let view = null;
  let picker = null; // while the reader is picking the article by hand

  function setSetting(key, value) {
    if (!view) return;
    view.settings[key] = value;
    applySettings(view);
    store.saveSetting(key, value);
    syncControls(view.root, view.settings);
  }

  // What the view's controls can do.
  const actions = {
    setSetting,
    settings: () => view.settings,
    close: () => closeView(),
    pick: () => startPick(),
    reopen: (options) => reopen(options),
  };

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
  const removeSheet = (sheet) => {
    try {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    } catch { /* nothing to undo */ }
  };

  let cssPromise = null;
  function loadCss() {
    cssPromise ??= fetch(api.runtime.getURL('extension/view/reader.css')).then((r) => r.text());
    return cssPromise;
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
    const firstUse = !loaded('core');
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
      [core, local] = await Promise.all([load('core'), store.loadLocal()]);
      t1 = performance.now();
      if (!root && !force) {
        root = store.rememberedRoot(local.picks);
        if (root) picked = 'remembered';
      }
      ({ article, timings: extraction } = extractArticle(core, force, root));
    } catch (e) {
      error = errorOf(e);
      forgetOnPanic('core', e);
    }
    let css = '';
    try { css = await loadCss(); } catch { /* the view still works unstyled */ }
    const settings = await store.loadSettings();
    const built = buildView(article, error, css, settings, core, local.positions, actions);
    view = { ...built, article, error, scroll, anchor: null, focus, settings, font: null, picked };
    // Highlights and notes (highlights.js): drawn once the view has painted.
    if (article && built.body && globalThis.lucidHighlights) {
      // "Quote": the passage with its citation in the reader's style, copied.
      const onQuote = async (text) => {
        const q = await globalThis.lucidCopy.quote(article, text, view?.settings.citationStyle);
        return globalThis.lucidCopy.writeClipboard({ text: q.plain, html: q.html });
      };
      view.highlights = globalThis.lucidHighlights({ root: built.root, shell: built.shell, body: built.body, article, el: globalThis.lucidView.el, t, onQuote });
      built.shell.addEventListener('keydown', (e) => view?.highlights?.onKey(e));
    }
    applySettings(view);
    document.documentElement.append(built.host);
    built.nav?.update();
    view.printSheet = addPrintSheet();
    syncControls(view.root, settings);
    built.shell.focus({ preventScroll: true });
    await nextPaint();
    // Where the time went (the benchmark reads these): module load, DOM
    // serialisation + core, and everything until the view's first paint.
    // extract_ms = serialise_ms (the page's markup, written into wasm memory as UTF-8: markup_bytes)
    // + core_ms (the whole pipeline, the JSON out) + JSON.parse.
    const timings = { first_use: firstUse, load_ms: t1 - t0, ...extraction, painted_ms: performance.now() - t0 };
    // The reader's highlights of this article, after the paint.
    await view?.highlights?.restore().catch(() => {});
    // Then, behind the view, the live page loses its clutter.
    if (settings.declutter && view) {
      // Measured here, after the paint (the view is a fixed overlay, so the
      // page has not moved) and before any clutter above it is hidden.
      view.anchor = declutter.readingAnchor();
      try {
        const t3 = performance.now();
        const tidyMod = await load('tidy');
        timings.declutter = declutter.start(tidyMod, article?.guard ?? []);
        timings.declutter_ms = performance.now() - t3; // after the paint: not in painted_ms
      } catch (e) {
        timings.declutter = { error: String(e?.message ?? e) };
      }
    }
    // And the key facts, with the names of the page's language, marked in
    // the view.
    if (article && view?.article === article) {
      const t4 = performance.now();
      try {
        const found = await factsOf(article, () => view?.article === article);
        if (found) {
          if (found.named) timings.names_lang = found.lang;
          timings.names_blocks = applyFacts(view, found);
          if (timings.names_blocks) view.highlights?.redraw();
        }
      } catch (e) {
        forgetOnPanic('tidy', e);
        timings.names_error = String(e?.message ?? e);
      }
      timings.names_ms = performance.now() - t4; // after the paint: not in painted_ms
    }
    return { ...stateOf(), timings };
  }

  // Close the view (if open) and let the reader point at the article; the
  // view opens on what is picked. Returns at once; the pick comes later.
  async function startPick({ remember = null } = {}) {
    if (picker || !globalThis.lucidPicker || !isHtmlDocument()) return stateOf();
    if (view) closeView();
    const remembered = !!(await store.loadLocal()).picks[location.hostname];
    picker = globalThis.lucidPicker.start({
      t,
      remember: remember ?? remembered,
      onPick: async (el, remember) => {
        picker = null;
        if (remember || remembered) await store.rememberPick(el, remember);
        await openView({ root: el });
        api.runtime.sendMessage({ type: 'lucid:changed', reader: !!view }).catch(() => {});
      },
      onCancel: () => { picker = null; },
    });
    return stateOf();
  }

  function closeView() {
    if (!view) return stateOf();
    const { host, scroll, anchor, focus, printSheet, font, settings, listen, nav, highlights } = view;
    view = null;
    highlights?.destroy();
    listen?.stop(); // closing the view stops speech
    // Where the reader left the article, for the next time (read before the view goes).
    if (nav) store.keepPosition(nav.fraction()).catch(() => {});
    if (declutter.active() && !settings.keepDecluttered) declutter.stop();
    host.remove();
    if (printSheet) removeSheet(printSheet);
    font?.forEach((f) => document.fonts.delete(f));
    window.scrollTo(scroll[0], scroll[1]);
    // Clutter above the reading place was hidden: scroll by what it took.
    if (declutter.active() && anchor?.el.isConnected) {
      const dy = anchor.el.getBoundingClientRect().top - anchor.top;
      if (Math.abs(dy) >= 1) window.scrollBy(0, dy);
    }
    if (focus && typeof focus.focus === 'function' && focus.isConnected) focus.focus({ preventScroll: true });
    api.runtime.sendMessage({ type: 'lucid:changed', reader: false }).catch(() => {});
    return stateOf();
  }

  // The article's key facts, with the names of its language's model when
  // it has one (in the module loaded after the paint, with the declutter
  // rules: the reader core carries no tagger, and the first paint waits for
  // no facts): { lang, named, facts, panel, nodes }, or null when `still()`
  // says the article is no longer wanted. `lang`: the article's language;
  // `named` false: no model for it (figures, dates, quotes and key
  // sentences only).
  async function factsOf(article, still = () => true) {
    const lang = await articleLanguage(article);
    const model = await nameModel(lang).catch(() => null);
    if (!still()) return null;
    const tidyMod = await load('tidy');
    const held = JSON.stringify({ text: article.text, nodes: article.nodes });
    return { lang, named: !!model, ...JSON.parse(tidyMod.facts(model ?? new Uint8Array(), lang, held)) };
  }

  // "Copy citation" / "Copy as Markdown" / "Copy as plain text" from the
  // context menu: the article is read without opening the reader view.
  async function copyFromMenu(what, style, quoted) {
    const failed = (e) => {
      forgetOnPanic('core', e);
      const { code } = errorOf(e);
      return { ok: false, error: code, message: message(code) };
    };
    let article = view?.article;
    if (!article) {
      if (!isHtmlDocument()) return { ok: false, error: 'not-html', message: message('not-html') };
      try {
        ({ article } = extractArticle(await load('core')));
      } catch (e) {
        return failed(e);
      }
      // The Markdown and the text end with the key facts: with the names, as
      // the view has them.
      if (what === 'markdown' || what === 'text') {
        try {
          const found = await factsOf(article);
          if (found) article = { ...article, facts: found.facts, panel: found.panel, nodes: found.nodes };
        } catch (e) {
          forgetOnPanic('tidy', e);
        }
      }
    }
    const settings = await store.loadSettings();
    let payload;
    try {
      if (what === 'quote') {
        const q = await globalThis.lucidCopy.quote(article, quoted ?? '', style ?? settings.citationStyle);
        payload = { text: q.plain, html: q.html };
      } else payload = await globalThis.lucidCopy.payload(article, what, style ?? settings.citationStyle);
    } catch (e) {
      return failed(e);
    }
    const ok = await globalThis.lucidCopy.writeClipboard(payload);
    return { ok, text: payload.text, reader: !!view };
  }

  function stateOf() {
    const declutterState = declutter.state();
    if (!view) return { reader: false, ...(picker ? { picking: true } : {}), declutter: declutterState };
    if (!view.article) {
      const code = view.error?.code ?? 'internal';
      return { reader: true, error: code, message: message(code), detail: view.error?.message ?? '', declutter: declutterState };
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
      panel: a.panel,
      citation: a.citation,
      settings: { ...view.settings },
      picked: view.picked,
      navigation: view.nav?.state() ?? null,
      declutter: declutterState,
    };
  }

  // Switching decluttering (or keeping it) off on the options page gives the
  // page back at once when the reader view is closed.
  api.storage.onChanged?.addListener((changes, area) => {
    if (area !== 'sync' || view || !declutter.active()) return;
    if (changes.declutter?.newValue === false || changes.keepDecluttered?.newValue === false) declutter.stop();
  });

  // The background's messages, by type: each handler gives the answer, or a
  // promise of it.
  const internal = (extra) => (e) => ({ ...extra, error: 'internal', message: String(e?.message ?? e) });
  const handlers = {
    'lucid:toggle': (msg) => {
      if (typeof msg.root === 'string') {
        // The article from the element `msg.root` names (the tests' entry to picking).
        let root = null;
        try {
          root = document.querySelector(msg.root);
        } catch { /* not a selector */ }
        if (!root) return { reader: !!view, error: 'no-such-element', message: `nothing on the page matches ${msg.root}` };
        if (view) closeView();
        return openView({ root }).catch(internal({ reader: false }));
      }
      const options = { force: !!msg.force };
      // Forcing an open "not an article" view shows it anyway; otherwise a toggle closes.
      const run = view && !(options.force && view.error?.code === 'not-an-article') ? Promise.resolve(closeView()) : view ? reopen(options) : openView(options);
      return run.catch(internal({ reader: false }));
    },
    'lucid:pick': (msg) => startPick({ remember: msg.remember }).catch(internal({})),
    'lucid:copy': (msg) => copyFromMenu(msg.what, msg.style, msg.text).catch(internal({ ok: false })),
    'lucid:read-aloud': (msg) => (view?.listen ? view.listen.command(msg.cmd, msg.arg) : { error: 'no-reader-view' }),
    'lucid:state': () => stateOf(),
    'lucid:highlight': (msg) => view?.highlights?.highlightText({ text: msg.text, color: msg.color, note: msg.note }) ?? { error: 'no-reader-view' },
    'lucid:highlights': () => view?.highlights?.list() ?? [],
    'lucid:quote': (msg) => (view?.article ? globalThis.lucidCopy.quote(view.article, msg.text, msg.style ?? view.settings.citationStyle).then((q) => ({ plain: q.plain, html: q.html, link: q.link }), (e) => ({ error: errorOf(e).code, message: String(e?.message ?? e) })) : { error: 'no-reader-view' }),
    ...globalThis.lucidTestHooks?.(() => view),
  };

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || sender.tab) return false; // only our background
    const handler = Object.hasOwn(handlers, msg?.type) ? handlers[msg.type] : null;
    if (!handler) return false;
    const answer = handler(msg);
    if (!(answer instanceof Promise)) {
      sendResponse(answer);
      return false;
    }
    answer.then(sendResponse);
    return true;
  });
})();
