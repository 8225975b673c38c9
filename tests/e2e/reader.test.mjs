// The user's flows through the built extension in real Chromium: toggle on
// (reader view with the article, none of the clutter), toggle off (page DOM
// and scroll position exactly as before), Esc, and a page with no article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerView, snapshot, screenshot, fixtures } from './harness.mjs';

// These flows check that closing gives the page back byte for byte: that is
// the "Keep the page decluttered" option switched off (declutter.test.mjs
// covers it on, the default).
const env = useBrowser({ keepDecluttered: false });

for (const { name, expected } of fixtures()) {
  test(`fixture ${name}: toggle on shows the article, toggle off restores the page`, async () => {
    const url = `${env.server.base}/${name}/page.html`;
    const page = await openPage(env.browser.context, url);
    const before = await snapshot(page);
    const tabId = await tabIdOf(env.browser.sw, url);
    assert.ok(tabId, 'tab found');

    const on = await toggle(env.browser.sw, tabId);
    assert.equal(on.reader, true);
    const view = await readerView(page);
    assert.ok(view, 'reader view is in the page');
    assert.equal(view.shadowMode, 'closed', 'reader view lives in a closed shadow root');
    const st = await state(env.browser.sw, tabId);
    await screenshot(page, name);

    if (expected.error) {
      assert.equal(st.error, expected.error);
      assert.match(view.text, /doesn’t look like an article/);
    } else {
      assert.equal(st.reader, true);
      if (expected.title) assert.equal(st.title, expected.title);
      for (const key of ['authors', 'site_name', 'lang']) {
        if (expected[key] != null) assert.deepEqual(st[key], expected[key], key);
      }
      if (expected.published) assert.equal(st.published, expected.published);
      for (const key of ['facts', 'citation', 'html', 'text']) assert.ok(key in st, `state has ${key}`);
      assert.ok(view.text.includes(st.title), 'title rendered');
      for (const s of expected.must_contain) {
        assert.ok(st.text.includes(s), `state text has ${s}`);
        assert.ok(view.text.includes(s), `rendered view has ${s}`);
      }
      for (const s of expected.must_not_contain) {
        assert.ok(!view.text.includes(s), `rendered view has no ${s}`);
      }
      for (const t of ['script', 'iframe', 'object', 'embed', 'form']) {
        assert.equal(view.count(t), 0, `no <${t}> in the reader view`);
      }
      assert.doesNotMatch(st.html, /<(script|iframe|form|input|button|object|embed|style)\b/i, 'article HTML holds no page controls or active content');
    }

    const off = await toggle(env.browser.sw, tabId);
    assert.equal(off.reader, false);
    assert.equal(await readerView(page), null, 'reader view removed');
    const afterSnap = await snapshot(page);
    if (afterSnap !== before) (await import('node:fs')).writeFileSync(`target/e2e/diff-${name}.html`, before + '\n=====AFTER=====\n' + afterSnap);
    assert.equal(afterSnap, before, 'page DOM is exactly as before');
    assert.deepEqual(await state(env.browser.sw, tabId), { reader: false, declutter: { on: false } });
    await page.close();
  });
}

test('scroll position survives the round trip; Esc closes and returns focus', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.evaluate(() => window.scrollTo(0, 700));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 300, 'page scrolled');
  const before = await snapshot(page);
  const tabId = await tabIdOf(env.browser.sw, url);

  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  // (Behind the view, decluttering may shift the page; it is put back on close.)
  const behind = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('PageDown'); // scrolls the reader view, not the page
  assert.equal(await page.evaluate(() => window.scrollY), behind);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('lucid-reader'));
  assert.deepEqual(await state(env.browser.sw, tabId), { reader: false, declutter: { on: false } });
  assert.equal(await page.evaluate(() => window.scrollY), y, 'scroll position restored');
  assert.equal(await snapshot(page), before, 'page DOM is exactly as before');

  // Again through the toolbar path after Esc: the content script is reused.
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, false);
  assert.equal(await snapshot(page), before);
  await page.close();
});

test('the page cannot see the extension', async () => {
  const url = `${env.server.base}/wordpress-blog/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  await toggle(env.browser.sw, tabId);
  const seen = await page.evaluate(() => ({
    globals: Object.keys(window).filter((k) => /lucid|wasm/i.test(k)),
    shadow: document.querySelector('lucid-reader')?.shadowRoot ?? null,
  }));
  assert.deepEqual(seen.globals, []);
  assert.equal(seen.shadow, null, 'closed shadow root is not reachable from the page');
  await toggle(env.browser.sw, tabId);
  await page.close();
});
