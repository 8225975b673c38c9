// Firefox test build only (dist/firefox-test): WebDriver BiDi cannot click
// the toolbar button or reach the background page, so this content script,
// on http://127.0.0.1/* pages only, relays a test's window.postMessage
// request to the background (extension/test/bridge-bg.js), which calls the
// same `lucid.*` functions the Chromium tests call through the service
// worker, and posts the answer back. It also reads the reader view's closed
// shadow root, which a content script in Firefox may open
// (`openOrClosedShadowRoot`) and the page may not.
'use strict';
(() => {
  const view = () => {
    const host = document.querySelector('lucid-reader');
    const root = host?.openOrClosedShadowRoot;
    if (!root) return null;
    const tags = [...root.querySelectorAll('*')].map((e) => e.localName);
    const text = [...root.childNodes].filter((n) => n.nodeName !== 'STYLE').map((n) => n.textContent).join(' ').replace(/\s+/g, ' ');
    const marks = root.querySelectorAll('mark').length;
    // Elements in the MathML namespace (a formula built as HTML would not be drawn).
    const mathml = [...root.querySelectorAll('*')].filter((e) => e.namespaceURI === 'http://www.w3.org/1998/Math/MathML').map((e) => e.localName);
    return { shadowMode: root.mode, text, tags, marks, mathml, theme: root.querySelector('[data-theme]')?.getAttribute('data-theme') ?? null };
  };
  window.addEventListener('message', async (e) => {
    const d = e.data;
    if (e.source !== window || typeof d !== 'string' || !d.startsWith('lucid-test-call:')) return;
    const { id, fn, args } = JSON.parse(d.slice('lucid-test-call:'.length));
    let reply;
    try {
      let result;
      if (fn === 'view') result = view();
      else if (fn === 'viewClick') {
        // A click on an element of the reader view (its settings panel, buttons).
        const el = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.querySelector(args[0]);
        if (el) el.click();
        result = !!el;
      } else if (fn === 'viewText') {
        // The view's text as the reader sees it (innerText).
        const root = document.querySelector('lucid-reader')?.openOrClosedShadowRoot;
        // (Without its formulas, as paragraph-check.mjs reads the page.)
        const formulas = root ? [...root.querySelectorAll('math')] : [];
        formulas.forEach((e) => e.style.setProperty('display', 'none'));
        result = root ? [...root.children].map((c) => c.innerText ?? '').join('\n') : null;
        formulas.forEach((e) => e.style.removeProperty('display'));
      } else if (fn === 'viewTexts') {
        // The text of each element matching a selector, with its tag and class.
        const root = document.querySelector('lucid-reader')?.openOrClosedShadowRoot;
        result = root ? [...root.querySelectorAll(args[0])].map((e) => ({ tag: e.localName, cls: e.className, text: e.textContent })) : [];
      } else if (fn === 'viewCount') {
        result = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.querySelectorAll(args[0]).length ?? 0;
      } else if (fn === 'viewStyle') {
        const el = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.querySelector(args[0]);
        result = el ? getComputedStyle(el)[args[1]] : null;
      } else if (fn === 'viewRect') {
        // Where an element of the view is, scrolled into view (for the mouse).
        const el = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.querySelector(args[0]);
        el?.scrollIntoView({ block: 'center' });
        const r = el?.getBoundingClientRect();
        result = r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
      } else if (fn === 'viewSelect') {
        // The selection a keyboard user makes with caret browsing: the caret
        // at the start of an element's text, extended args[1] characters as
        // Shift+→ extends it. Its text.
        const el = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.querySelector(args[0]);
        const first = el && document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
        if (first) {
          const range = document.createRange();
          range.setStart(first, 0);
          const sel = document.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          for (let i = 0; i < args[1]; i += 1) sel.modify('extend', 'forward', 'character');
        }
        result = first ? document.getSelection().toString() : null;
      } else if (fn === 'viewActive') {
        // The view's focused element: its accessible name or its text.
        const a = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.activeElement;
        result = a ? a.getAttribute('aria-label') ?? a.textContent : null;
      } else if (fn === 'viewAttr') {
        const el = document.querySelector('lucid-reader')?.openOrClosedShadowRoot?.querySelector(args[0]);
        result = el ? el.getAttribute(args[1]) : null;
      } else result = await browser.runtime.sendMessage({ type: 'lucid:test-call', fn, args });
      reply = { id, result: result ?? null };
    } catch (err) {
      reply = { id, error: String(err?.message ?? err) };
    }
    window.postMessage(`lucid-test-reply:${JSON.stringify(reply)}`, '*');
  });
})();
