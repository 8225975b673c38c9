// Property (issue 39): every paragraph the page shows reaches the reader
// view, and none it hides, on generated pages that put the story's
// paragraphs after markup of the shapes sanitiser test suites use (MathML and
// SVG integration points, breakout tags, forms, tables, selects:
// tests/e2e/foreign-shapes.mjs). Chromium decides what is shown; the Firefox
// twin is firefox-foreign.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, readerText, screenshot } from './harness.mjs';
import { visibleParagraphs } from './paragraph-check.mjs';
import { SHAPES, shapeProblems, shapesFor } from './foreign-shapes.mjs';

const env = useBrowser({ keepDecluttered: false });

test('paragraphs after foreign-content shapes: what the page shows is in the view, what it hides is not', async () => {
  const problems = [];
  let shown = 0;
  const shapes = shapesFor('chromium');
  for (const i of shapes) {
    const url = `${env.server.base}/foreign/${i}.html`;
    const page = await openPage(env.browser.context, url);
    try {
      const visible = await visibleParagraphs(page);
      shown += visible.filter((t) => t.startsWith('Shape ')).length;
      const on = await toggle(env.browser.sw, await tabIdOf(env.browser.sw, url));
      if (!on.reader) {
        problems.push(`shape ${i} ${JSON.stringify(SHAPES[i])}: no reader view (${on.error ?? 'none'})`);
        continue;
      }
      problems.push(...shapeProblems(i, visible, (await readerText(page)) ?? ''));
      if (i === 84) await screenshot(page, 'foreign-shape');
    } finally {
      await page.close();
    }
  }
  console.log(`${shapes.length} of ${SHAPES.length} shapes; paragraphs the page shows after them: ${shown}; problems: ${problems.length}`);
  assert.ok(shown > shapes.length, `most shapes leave their paragraphs shown (${shown})`);
  assert.deepEqual(problems, []);
});
