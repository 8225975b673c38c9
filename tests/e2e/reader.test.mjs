// The user's flows through the built extension in real Chromium: toggle on
// (reader view with the article, none of the clutter), toggle off (page DOM
// and scroll position exactly as before), Esc, and a page with no article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerView, snapshot, screenshot, fixtures, assertArticle, assertNames } from './harness.mjs';

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
      assertArticle(expected, st, view.text);
      assertNames(expected, on, st);
      for (const key of ['facts', 'citation', 'html', 'text']) assert.ok(key in st, `state has ${key}`);
      for (const s of expected.must_contain) assert.ok(st.text.includes(s), `state text has ${s}`);
      for (const s of expected.text_lacks ?? []) assert.ok(!st.text.includes(s), `state text has no ${s}`);
      for (const tag of expected.view_has_tags ?? []) assert.ok(view.count(tag) > 0, `<${tag}> in the reader view`);
      for (const tag of expected.view_has_mathml ?? []) assert.ok(view.mathml.includes(tag), `<${tag}> in the MathML namespace in the reader view: ${view.mathml}`);
      // The date as the page states it, whatever the browser's time zone.
      if (expected.shown_date) assert.ok(view.text.includes(expected.shown_date), `header shows ${expected.shown_date}`);
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

test('the core is handed the page without the head and body scripts and styles it never reads', async () => {
  const name = 'news-jsonld-consent';
  const { expected } = fixtures().find((f) => f.name === name);
  const url = `${env.server.base}/${name}/page.html`;
  const page = await openPage(env.browser.context, url);
  // A page as heavy as news sites ship: 300 KB of inline CSS and 200 KB of
  // inline script in the head around its metadata (JSON-LD, Open Graph, the
  // canonical link), 200 KB of script, 100 KB of CSS and an SVG sprite at the
  // top of the body; and text of the body's own that needs escaping.
  await page.evaluate(() => {
    const make = (tag, text, type) => Object.assign(document.createElement(tag), { textContent: text }, type ? { type } : {});
    document.head.prepend(make('style', '.x{color:red}\n'.repeat(20000)), make('script', 'var a = 1 < 2;\n'.repeat(13000), 'text/plain'));
    const sprite = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    sprite.innerHTML = '<symbol id="i"><path d="M0 0h24v24H0z"/></symbol>'.repeat(2000);
    document.body.prepend(make('script', 'if (a < b && c) {}\n'.repeat(10000), 'text/plain'), make('style', '.y{margin:0}\n'.repeat(7000)), sprite);
    document.body.append('Fish & chips < 5 > 4\u00a0pounds');
  });
  const before = await snapshot(page);
  const tabId = await tabIdOf(env.browser.sw, url);
  const on = await toggle(env.browser.sw, tabId);
  assert.equal(on.reader, true);
  for (const key of ['title', 'authors', 'published', 'lang', 'site_name']) assert.deepEqual(on[key], expected[key], key);
  const st = await state(env.browser.sw, tabId);
  for (const s of expected.must_contain) assert.ok(st.text.includes(s), `article has ${s}`);
  const bytes = on.timings.markup_bytes;
  assert.ok(bytes > 5000 && bytes < before.length - 850000, `scripts and styles left out (${bytes} of ${before.length} bytes)`);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, false);
  assert.equal(await snapshot(page), before, 'page DOM is exactly as before');
  await page.close();
});

test('text at the top of the body reaches the core as text, escaped', async () => {
  const url = `${env.server.base}/wordpress-blog/page.html`;
  const page = await openPage(env.browser.context, url);
  const sentence = 'The tide gauge read 3 < 5 & rising, and <em>this is not markup</em> but what the page says; '.repeat(4);
  await page.evaluate((sentence) => {
    document.body.replaceChildren();
    const h1 = document.createElement('h1');
    h1.textContent = 'Harbour levels keep rising';
    document.body.append(h1);
    for (let i = 0; i < 6; i++) document.body.append(`${i + 1}. ${sentence}`, document.createElement('br'), document.createElement('br'));
  }, sentence);
  const tabId = await tabIdOf(env.browser.sw, url);
  const on = await toggle(env.browser.sw, tabId);
  assert.equal(on.reader, true, on.error?.message);
  const st = await state(env.browser.sw, tabId);
  assert.ok(st.text.includes('3 < 5 & rising, and <em>this is not markup</em> but'), st.text.slice(0, 300));
  await toggle(env.browser.sw, tabId);
  await page.close();
});

test('extraction-only runs (the speed benchmark) extract what the reader view shows and leave the page alone', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const before = await snapshot(page);
  const tabId = await tabIdOf(env.browser.sw, url);
  const times = (runs) => env.browser.sw.evaluate(([tab, n]) => globalThis.lucid.extractTimes(tab, n), [tabId, runs]);
  const runs = await times(3);
  assert.equal(runs.length, 3);
  for (const r of runs) {
    for (const k of ['extract_ms', 'serialise_ms', 'core_ms']) assert.ok(r[k] >= 0 && r[k] < 5000, `${k} ${r[k]}`);
    assert.ok(r.extract_ms >= r.serialise_ms + r.core_ms - 0.2, 'extraction covers serialising and the core');
    assert.ok(r.markup_bytes > 1000);
  }
  assert.equal(await readerView(page), null, 'no reader view was opened');
  assert.equal(await snapshot(page), before, 'page DOM untouched');
  // The same article the reader view then shows.
  const on = await toggle(env.browser.sw, tabId);
  assert.equal(on.reader, true);
  const words = (await state(env.browser.sw, tabId)).text.split(/\s+/).filter(Boolean).length;
  assert.ok(runs.every((r) => r.words === runs[0].words) && Math.abs(runs[0].words - words) <= 2, `${runs[0].words} words, view has ${words}`);
  assert.equal(runs[0].markup_bytes, on.timings.markup_bytes);
  await toggle(env.browser.sw, tabId);
  // Bounded: at most 20 runs a call.
  assert.equal((await times(1000)).length, 20);
  await page.close();
});

test('extraction-only runs on a page that is not an article report the error', async () => {
  const url = `${env.server.base}/not-an-article/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const res = await env.browser.sw.evaluate((tab) => globalThis.lucid.extractTimes(tab, 2), tabId);
  assert.equal(res.error, 'not-an-article');
  assert.equal(await readerView(page), null);
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
