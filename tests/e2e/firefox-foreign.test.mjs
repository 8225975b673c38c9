// The foreign-content paragraph property (tests/e2e/foreign.test.mjs) in
// Firefox ESR: its parser and renderer decide what is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useFirefox, openPage, toggle, call, settings } from './firefox.mjs';
import { visibleParagraphs } from './paragraph-check.mjs';
import { SHAPES, shapeProblems, shapesFor } from './foreign-shapes.mjs';

const env = useFirefox();

test('Firefox: paragraphs after foreign-content shapes: what the page shows is in the view, what it hides is not', async () => {
  const problems = [];
  let shown = 0;
  const shapes = shapesFor('firefox');
  for (const i of shapes) {
    const page = await openPage(env.ff.browser, `${env.server.base}/foreign/${i}.html`);
    try {
      await settings(page, { keepDecluttered: false });
      const visible = await visibleParagraphs(page);
      shown += visible.filter((t) => t.startsWith('Shape ')).length;
      const on = await toggle(page);
      if (!on.reader) {
        problems.push(`shape ${i} ${JSON.stringify(SHAPES[i])}: no reader view (${on.error ?? 'none'})`);
        continue;
      }
      problems.push(...shapeProblems(i, visible, (await call(page, 'viewText')) ?? ''));
    } finally {
      await page.close();
    }
  }
  console.log(`Firefox: ${shapes.length} of ${SHAPES.length} shapes; paragraphs the page shows after them: ${shown}; problems: ${problems.length}`);
  assert.ok(shown > shapes.length, `most shapes leave their paragraphs shown (${shown})`);
  assert.deepEqual(problems, []);
});
