// Citations and copies: the citation in each style, the article as Markdown
// or plain text, and the clipboard (from the reader view's Cite panel and
// from the context menu).
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidCopy) return;
  const { load, forgetOnPanic } = globalThis.lucidCore;

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
    const mod = await load('cite');
    try {
      return mod.cite(article.citation['csl-json'], style);
    } catch (e) {
      forgetOnPanic('cite', e);
      throw e;
    }
  }

  // What "Copy citation", "Copy as Markdown" and "Copy as plain text" copy.
  // The Markdown and plain-text copies are written when asked (extraction
  // does not write them for every page), by the module loaded after the
  // paint: the reader core carries no Markdown writer.
  async function payload(article, what, style) {
    if (what === 'markdown' || what === 'text') {
      const tidy = await load('tidy');
      const { title, authors, published, site_name, url, text, nodes, panel } = article;
      // The key sentences and the panel close the Markdown, under headings
      // in the reader's language.
      const keys = (article.facts ?? []).filter((f) => f.kind === 'key_sentence').map((f) => f.text);
      const labels = globalThis.lucidView?.panelLabels?.();
      try {
        return { text: tidy.copy(JSON.stringify({ title, authors, published, site_name, url, text, nodes, keys, panel, labels }), what) };
      } catch (e) {
        forgetOnPanic('tidy', e);
        throw e;
      }
    }
    return citation(article, style);
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

  // A passage quoted with its citation in a prose style (the reader's, or
  // APA when theirs is a data format) and a link to it: {plain, html, link}.
  async function quote(article, text, style) {
    const prose = STYLES.slice(0, 5).some(([k]) => k === style) ? style : 'apa';
    const mod = await load('cite');
    try {
      return mod.quote(article.citation['csl-json'], prose, text);
    } catch (e) {
      forgetOnPanic('cite', e);
      throw e;
    }
  }

  globalThis.lucidCopy = { STYLES, citation, payload, quote, writeClipboard };
})();
