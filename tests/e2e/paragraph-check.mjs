// The paragraph property's two halves, shared by the Chromium test
// (paragraphs.test.mjs) and the Firefox one (firefox.test.mjs): which pages,
// the page's visible paragraphs as the reader sees them, and the check that
// each paragraph the view keeps arrives whole.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, fixtures } from './harness.mjs';

/** Every 4th AEB dev page, by name: a fixed sample of real news pages. */
function aebSample() {
  const dir = path.join(ROOT, '..', 'shared', 'corpus', 'aeb-dev', 'html');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort()
    .filter((_, i) => i % (Number(process.env.LUCID_PARA_EVERY) || 8) === 0).map((f) => `aeb/${f.replace(/\.gz$/, '')}`);
}

export const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** The visible paragraphs of the page: their text as the reader sees it. */
export async function visibleParagraphs(page) {
  return page.evaluate(() => {
    // (Not inside a box of no area that clips what overflows it: an unsized
    // SVG foreignObject, a collapsed panel.)
    const clipped = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const r = a.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return true;
      }
      return false;
    };
    const seen = (el) => {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && !clipped(el);
    };
    const textOf = (el) => {
      let s = '';
      for (const n of el.childNodes) {
        if (n.nodeType === 3) s += n.data;
        else if (n.nodeType === 1 && n.localName === 'br') s += ' ';
        // (Formulas are left out here and in the view's text: a browser's
        // innerText writes a formula's letters as it draws them, 𝐶 for C,
        // with its own spacing; what the view draws of one, the fixtures check.)
        else if (n.nodeType === 1 && !['script', 'style', 'template', 'noscript', 'math'].includes(n.localName)) {
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

export const pages = [...fixtures().filter(({ expected }) => !expected.error).map(({ name }) => `${name}/page.html`), ...aebSample()];


/** Paragraphs of `paragraphs` whose start is in `view` but not all of them: where they part. */
export function cutParagraphs(rel, paragraphs, view) {
  const broken = [];
  let kept = 0;
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
  return { kept, broken };
}
