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
import { useBrowser, openPage, tabIdOf, toggle, readerText } from './harness.mjs';
import { pages, norm, visibleParagraphs, cutParagraphs } from './paragraph-check.mjs';

const env = useBrowser({ keepDecluttered: false });

test('visible paragraphs that the reader view keeps arrive whole', async () => {
  // Offline, as the pages are saved: their third-party requests are refused
  // at once rather than left to a network this machine does not have.
  await env.browser.context.route((u) => /^(https?|wss?):$/.test(u.protocol) && u.hostname !== '127.0.0.1', (route) => route.abort());
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
      const r = cutParagraphs(rel, paragraphs, view);
      kept += r.kept;
      broken.push(...r.broken);
    } finally {
      await page.close();
    }
  }
  console.log(`paragraphs kept and checked: ${kept} on ${pages.length} pages; not whole: ${broken.length}`);
  assert.ok(kept > 200, `enough paragraphs checked (${kept})`);
  assert.deepEqual(broken, [], 'visible paragraphs that arrive cut');
});
