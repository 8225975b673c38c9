// Property: every paragraph the reader can see on the page, that the reader
// view keeps at all, arrives whole. For each page (every fixture, and a fixed
// sample of the AEB dev pages as saved), the text of each visible <p> is read
// in Chromium as the reader sees it (text in boxes with no area — screen-reader
// text, collapsed menus — left out); then the reader view opens, and a
// paragraph whose start is in the view must be in it from its first word to
// its last. This is what the parse round trip (tests/e2e/conformance.test.mjs)
// and the inline cleaning must give between them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowser, openPage, tabIdOf, toggle, readerText, fixtures } from './harness.mjs';

const env = useBrowser({ keepDecluttered: false });

/** Every 4th AEB dev page, by name: a fixed sample of real news pages. */
function aebSample() {
  const dir = path.join(ROOT, '..', 'shared', 'corpus', 'aeb-dev', 'html');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort()
    .filter((_, i) => i % (Number(process.env.LUCID_PARA_EVERY) || 8) === 0).map((f) => `aeb/${f.replace(/\.gz$/, '')}`);
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** The visible paragraphs of the page: their text as the reader sees it. */
async function visibleParagraphs(page) {
  return page.evaluate(() => {
    const seen = (el) => {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    const textOf = (el) => {
      let s = '';
      for (const n of el.childNodes) {
        if (n.nodeType === 3) s += n.data;
        else if (n.nodeType === 1 && n.localName === 'br') s += ' ';
        else if (n.nodeType === 1 && !['script', 'style', 'template', 'noscript'].includes(n.localName)) {
          // Inline boxes with no area but text in them (a line wrap) still count:
          // only elements the reader cannot see are left out.
          if (n.getClientRects().length === 0 || !n.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
          const r = n.getBoundingClientRect();
          if (r.width <= 1 && r.height <= 1) continue;
          s += textOf(n);
        }
      }
      return s;
    };
    return [...document.querySelectorAll('p')].filter(seen).map(textOf);
  });
}

const pages = [...fixtures().filter(({ expected }) => !expected.error).map(({ name }) => `${name}/page.html`), ...aebSample()];

test('visible paragraphs that the reader view keeps arrive whole', async () => {
  const broken = [];
  let kept = 0;
  for (const rel of pages) {
    const url = `${env.server.base}/${rel}`;
    const page = await openPage(env.browser.context, url);
    try {
      const paragraphs = (await visibleParagraphs(page)).map(norm).filter((t) => t.length >= 80);
      const tabId = await tabIdOf(env.browser.sw, url);
      const on = await toggle(env.browser.sw, tabId);
      if (!on.reader) continue;
      const view = norm((await readerText(page)) ?? '');
      for (const p of paragraphs) {
        if (!view.includes(p.slice(0, 40))) continue; // not kept: another test's business
        kept += 1;
        if (!view.includes(p)) {
          // Where they part: the longest start of the paragraph in the view.
          let n = 40;
          while (n < p.length && view.includes(p.slice(0, n + 1))) n += 1;
          const at = view.indexOf(p.slice(0, n));
          broken.push(`${rel}: page ${JSON.stringify(p.slice(Math.max(0, n - 30), n + 40))} view ${JSON.stringify(view.slice(at + Math.max(0, n - 30), at + n + 40))}`);
        }
      }
    } finally {
      await page.close();
    }
  }
  console.log(`paragraphs kept and checked: ${kept} on ${pages.length} pages; not whole: ${broken.length}`);
  assert.ok(kept > 200, `enough paragraphs checked (${kept})`);
  assert.deepEqual(broken, [], 'visible paragraphs that arrive cut');
});
