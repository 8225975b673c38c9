// Property (issue 39): every paragraph the page shows reaches the reader
// view, and none it hides, on generated pages that put the story's
// paragraphs after markup of the shapes sanitiser test suites use (MathML and
// SVG integration points, breakout tags, forms, tables, selects:
// tests/e2e/foreign-shapes.mjs). Chromium decides what is shown; the Firefox
// twin is firefox-foreign.test.mjs.
import { test } from 'node:test';
import { useBrowser, openPage, tabIdOf, toggle, readerText, screenshot } from './harness.mjs';
import { visibleParagraphs } from './paragraph-check.mjs';
import { checkShapes } from './foreign-shapes.mjs';

const env = useBrowser({ keepDecluttered: false });

test('paragraphs after foreign-content shapes: what the page shows is in the view, what it hides is not', async () => {
  await checkShapes('chromium', env.server.base, async (i, url) => {
    const page = await openPage(env.browser.context, url);
    try {
      const visible = await visibleParagraphs(page);
      const on = await toggle(env.browser.sw, await tabIdOf(env.browser.sw, url));
      const view = on.reader ? await readerText(page) : null;
      if (i === 84) await screenshot(page, 'foreign-shape');
      return { visible, on, view };
    } finally {
      await page.close();
    }
  });
});
