// What the tests and benchmarks ask of the content script, beyond what a
// reader does (only the extension's background can ask: see content.js):
// a deliberate panic in the core, extraction alone timed, and the
// accessibility audit (axe-core, injected by the test build only).
//
// Injected before content.js, in the same isolated world (the page never
// sees this global). `lucidTestHooks(currentView)` gives the content
// script's message handlers by message type.
(() => {
  'use strict';
  if (globalThis.lucidTestHooks) return;
  const { load, forgetOnPanic, extractArticle } = globalThis.lucidCore;

  // axe cannot enter a closed shadow root, so it audits an identical copy of
  // the view rendered in an open one for the duration of the audit.
  async function runAxe(view) {
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

  // A panic in the core is an error for the caller, not a broken tab.
  async function selftestPanic() {
    const core = await load('core');
    try {
      core.selftest_panic();
      return { panicked: false };
    } catch (e) {
      forgetOnPanic('core', e);
      return { panicked: true, error: String(e), page_unchanged: !document.querySelector('lucid-reader') };
    }
  }

  // The benchmark: `runs` extractions back to back, as Readability.js is
  // timed (the page is not touched; nothing is shown).
  async function extractTimes(runs) {
    const core = await load('core');
    return Array.from({ length: Math.min(Math.max(runs | 0, 1), 20) }, () => {
      const { article, timings } = extractArticle(core);
      return { ...timings, words: article.word_count };
    });
  }

  globalThis.lucidTestHooks = (currentView) => ({
    'lucid:selftest-panic': () => selftestPanic().catch((e) => ({ error: String(e) })),
    'lucid:extract-times': (msg) => extractTimes(msg.runs).catch((e) => ({ error: e?.code ?? 'internal', message: String(e?.message ?? e) })),
    'lucid:axe': () => runAxe(currentView()).catch((e) => ({ error: String(e) })),
  });
})();
