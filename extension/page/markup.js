// The page's markup as the Rust core reads it, shared by the content script
// (injected just before it, in the same isolated world: the page never sees
// this global) and the parse round-trip test (tests/e2e/conformance.test.mjs),
// so that what is tested is what the extension hands the core.
(() => {
  'use strict';
  // The page's markup: the live DOM's serialisation without what the core
  // never reads — in <head> all but its metadata (title, meta, link, base,
  // JSON-LD), in <body> the scripts (but JSON-LD), styles and SVG sprites at
  // its top level. On the AEB pages that is 162 → 82 KB on average, to
  // serialise, encode and read. Everything else is written as outerHTML
  // writes it (text escaped as the HTML serialisation escapes it).
  // The HTML serialisation's escapes: `chars` is which of them apply (in an
  // attribute value & " and U+00A0, in text & < > and U+00A0).
  const ENTITIES = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };
  const escapeMarkup = (s, chars) => s.replace(chars, (c) => ENTITIES[c]);

  // `picked`: an element the reader picked as the article; the body then
  // holds it alone, inside its ancestors' start and end tags (with their
  // attributes, without their other children), so a table cell is still
  // read inside its table.
  function pageMarkup(document, picked = null) {
    const root = document.documentElement;
    const { head, body } = document;
    if (!head || body?.localName !== 'body' || root.localName !== 'html') return root.outerHTML;
    const attrs = (el) => {
      let out = '';
      for (const a of el.attributes) out += ` ${a.name}="${escapeMarkup(a.value, /[&"\u00a0]/g)}"`;
      return out;
    };
    let html = `<html${attrs(root)}><head>`;
    for (const el of head.querySelectorAll(':scope > :is(title, meta, link, base), script[type*="ld+json" i]')) html += el.outerHTML;
    html += `</head><body${attrs(body)}>`;
    if (picked && picked !== body && body.contains(picked)) {
      const chain = [];
      for (let a = picked.parentElement; a && a !== body; a = a.parentElement) chain.unshift(a);
      for (const a of chain) html += `<${a.localName}${attrs(a)}>`;
      html += picked.outerHTML;
      for (const a of chain.reverse()) html += `</${a.localName}>`;
      return `${html}</body></html>`;
    }
    for (let n = body.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1) {
        const name = n.localName;
        if ((name === 'script' && !/ld\+json/i.test(n.type)) || name === 'style' || name === 'svg') continue;
        html += n.outerHTML;
      } else if (n.nodeType === 3) {
        html += escapeMarkup(n.data, /[&<>\u00a0]/g);
      } else if (n.nodeType === 8) {
        html += `<!--${n.data}-->`;
      }
    }
    return `${html}</body></html>`;
  }

  globalThis.lucidPageMarkup = pageMarkup;
})();
