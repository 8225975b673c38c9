// The foreign-content paragraph property (tests/e2e/foreign.test.mjs) in
// Firefox ESR: its parser and renderer decide what is shown.
import { test } from 'node:test';
import { useFirefox, openPage, toggle, call, settings } from './firefox.mjs';
import { visibleParagraphs } from './paragraph-check.mjs';
import { checkShapes } from './foreign-shapes.mjs';

const env = useFirefox();

test('Firefox: paragraphs after foreign-content shapes: what the page shows is in the view, what it hides is not', async () => {
  await checkShapes('firefox', env.server.base, async (i, url) => {
    const page = await openPage(env.ff.browser, url);
    try {
      await settings(page, { keepDecluttered: false });
      const visible = await visibleParagraphs(page);
      const on = await toggle(page);
      return { visible, on, view: on.reader ? await call(page, 'viewText') : null };
    } finally {
      await page.close();
    }
  });
});
