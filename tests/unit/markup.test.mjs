// markup.js: what the core is given. <head> keeps only its metadata, <body>
// loses its top-level scripts (but JSON-LD), styles and SVG sprites, and a
// picked element comes alone inside its ancestors' tags. (The end-to-end
// conformance test checks that the core parses it as the browser did.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const PAGE = `<!doctype html><html lang="en"><head><title>T &amp; U</title><meta name="author" content="A">
<style>p{}</style><script>var a;</script><link rel="canonical" href="https://x.example/a"><script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
<body class="b"><script>track()</script><style>.x{}</style><svg><symbol id="i"></symbol></svg><!-- c -->
<div id="wrap" class="w"><nav>menu</nav><article><p>Text&nbsp;&lt;here&gt;</p><script>inline()</script></article></div>
<script type="application/ld+json">{"b":1}</script></body></html>`;
const { window, document } = load(['markup'], { html: PAGE });
const markup = (picked) => window.lucidPageMarkup(document, picked);

test('head: metadata only; body: without top-level scripts, styles and sprites', () => {
  const html = markup();
  assert.match(html, /^<html lang="en"><head><title>T &amp; U<\/title><meta name="author" content="A"><link rel="canonical"[^>]*><script type="application\/ld\+json">/);
  assert.doesNotMatch(html, /var a|track\(\)|p\{\}|\.x\{\}|<svg|<style/);
  assert.match(html, /<body class="b">/);
  assert.match(html, /<!-- c -->/);
  assert.match(html, /<p>Text&nbsp;&lt;here&gt;<\/p><script>inline\(\)<\/script>/, 'nested scripts are the core’s to drop');
  assert.match(html, /\{"b":1\}<\/script><\/body><\/html>$/);
});

test('a picked element alone, inside its ancestors’ start and end tags', () => {
  const html = markup(document.querySelector('article'));
  assert.match(html, /<body class="b"><div id="wrap" class="w"><article><p>Text/);
  assert.doesNotMatch(html, /menu|track|\{"b":1\}/);
  assert.match(html, /<\/article><\/div><\/body><\/html>$/);
  assert.equal(markup(document.body), markup(), 'the whole body is the whole page');
});
