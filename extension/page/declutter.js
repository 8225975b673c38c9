// Live-page decluttering, the glue. The declutter module (lucid_tidy:
// declutter / declutter_restore) decides and marks; this adopts the
// stylesheet that goes with the marks and feeds it content added later, at a
// bounded cost: at most one pass per max(100 ms, 4 × the last pass), so it
// takes at most a fifth of the time; a burst of more than 500 new subtrees
// becomes one full pass. Everything is taken back by stop().
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidDeclutter) return;
  const { load, forget, forgetOnPanic } = globalThis.lucidCore;

  // { core, guard, sheet, observers, pending, full, attrs, timer, last, stats, report }
  let tidy = null;

  // Start (or, when on, renew the article's guard) and run a full pass.
  // `guard`: the extracted article's paragraphs, never hidden.
  function start(core, guard) {
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
      forgetOnPanic('tidy', e);
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
  function stop() {
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
      forget('tidy');
      load('tidy').then((c) => c.declutter_restore()).catch(() => {});
    }
    if (t.sheet) {
      try {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== t.sheet);
      } catch { /* nothing to undo */ }
    }
  }

  const active = () => !!tidy;

  function state() {
    return tidy ? { on: true, hidden: tidy.report.hidden, unlocked: tidy.report.unlocked, listGuarded: tidy.report.listGuarded, stats: { ...tidy.stats } } : { on: false };
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

  globalThis.lucidDeclutter = { start, stop, active, state, readingAnchor };
})();
