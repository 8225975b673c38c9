// Generated hostile pages for the paragraph property (issue 39): a story whose
// paragraphs follow markup of the shapes sanitiser test suites use — MathML
// and SVG with HTML integration points, breakout tags, forms, tables,
// selects and raw-text elements nested where the parser does unusual things.
// The browser decides which paragraphs it shows; the test checks that each of
// those reaches the reader view, and none it hides. Served by the test
// server as /foreign/N.html (tests/e2e/harness.mjs).
import assert from 'node:assert/strict';

// Where the paragraphs are put: inside foreign content, at an integration
// point, or after markup the parser reparents.
const OPENERS = [
  '<math><mtext>',
  '<math><mi>',
  '<math><mo>',
  '<math><mn>',
  '<math><ms>',
  '<math><mrow><mtext>',
  '<math><semantics><mrow><mi>x</mi></mrow><annotation-xml encoding="text/html">',
  '<math><annotation-xml encoding="text/html">',
  '<math><annotation-xml encoding="application/xhtml+xml">',
  '<svg><foreignObject width="600" height="600">',
  '<svg><desc>',
  '<svg><title>',
  '<math><mtext><table><mglyph>',
  '<form><math><mtext></form><form><mglyph><svg><mtext>',
  '<math><mtext><h1><a><h6></a></h6><mglyph><svg>',
  '<svg><foreignObject><svg><foreignObject>',
  '<math><mtext><svg><foreignObject>',
  '<select><option>',
  '<option><iframe></select>',
  '<table><math><mtext>',
  '<noscript><math><mtext>',
];

// What comes between the opener and the paragraphs: the noise of those suites.
const NOISE = [
  '',
  '<style><img src=x></style>',
  '<a title="</style><img src=x>">',
  '<mglyph><svg><mtext><style><path id="</style><img src=x>">',
  '<b><i>',
  '<table><tr><td>',
];

/** The shapes: every opener with every noise. */
export const SHAPES = OPENERS.flatMap((o) => NOISE.map((n) => o + n));

/**
 * The shapes `browser` checks. In CI each browser takes every opener with
 * half of the noise kinds (even ones after even openers, odd after odd, in
 * Chromium; the other half in Firefox), so that each shape runs once and
 * each browser sees every opener three ways; LUCID_SHAPES_ALL=1 runs every
 * shape in both.
 */
export function shapesFor(browser) {
  const all = [...SHAPES.keys()];
  if (process.env.LUCID_SHAPES_ALL === '1') return all;
  const mine = (i) => (Math.floor(i / NOISE.length) + (i % NOISE.length)) % 2 === (browser === 'chromium' ? 0 : 1);
  return all.filter(mine);
}

const WORDS = 'the council said on Tuesday that the new bridge over the river would open to traffic next spring after two years of work';

/** The paragraphs of page `i`: text that is nowhere else, each long enough to be prose. */
export function shapeParagraphs(i) {
  return [0, 1, 2].map((k) => `Shape ${i} paragraph ${k}: ${WORDS}, and paragraph ${k} of shape ${i} ends here.`);
}

/** Page `i`: a story, then the shape, then three paragraphs; null past the last. */
export function shapePage(i) {
  if (!(i >= 0 && i < SHAPES.length)) return null;
  const lead = [0, 1, 2, 3].map((k) => `<p>Lead ${k} of page ${i}: ${WORDS}, as the mayor told reporters at the opening of the consultation.</p>`).join('');
  const after = shapeParagraphs(i).map((t) => `<p>${t}</p>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shape ${i}</title></head><body><article><h1>Bridge to open next spring (shape ${i})</h1>${lead}${SHAPES[i]}${after}</article></body></html>`;
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * What is wrong with the view of page `i`: paragraphs the page shows (`shown`,
 * the texts of its visible paragraphs as the reader sees them) that the view
 * lacks, and paragraphs it does not show that the view has.
 */
export function shapeProblems(i, shown, view) {
  const v = squash(view);
  const seen = new Set(shown.map(squash));
  const problems = [];
  for (const p of shapeParagraphs(i)) {
    if (seen.has(p) && !v.includes(p)) problems.push(`shape ${i} ${JSON.stringify(SHAPES[i])}: shown on the page, missing from the view: ${JSON.stringify(p.slice(0, 24))}`);
    if (!seen.has(p) && v.includes(p.slice(0, 30))) problems.push(`shape ${i} ${JSON.stringify(SHAPES[i])}: not shown on the page, in the view: ${JSON.stringify(p.slice(0, 24))}`);
  }
  return problems;
}

/**
 * The property in `browser`: each of its shapes (`shapesFor`) is opened with
 * `visit(i, url)`, which returns the page's visible paragraphs (as
 * paragraph-check.mjs reads them), the toggle's answer and the view's text;
 * every problem is listed at the end.
 */
export async function checkShapes(browser, base, visit) {
  const problems = [];
  let shown = 0;
  const shapes = shapesFor(browser);
  for (const i of shapes) {
    const { visible, on, view } = await visit(i, `${base}/foreign/${i}.html`);
    shown += visible.filter((t) => t.startsWith('Shape ')).length;
    if (!on.reader) problems.push(`shape ${i} ${JSON.stringify(SHAPES[i])}: no reader view (${on.error ?? 'none'})`);
    else problems.push(...shapeProblems(i, visible, view ?? ''));
  }
  console.log(`${browser}: ${shapes.length} of ${SHAPES.length} shapes; paragraphs the page shows after them: ${shown}; problems: ${problems.length}`);
  assert.ok(shown > shapes.length, `most shapes leave their paragraphs shown (${shown})`);
  assert.deepEqual(problems, []);
}
