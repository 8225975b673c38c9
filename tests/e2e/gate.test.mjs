// "Is this an article?" in the browser: the gate's articles (a table layout
// with <br> runs and no metadata, custom elements, CJK, a recipe…) open in the
// reader view; its listings say they are not articles, and the view is never
// a dead end: "Show it anyway" (and lucid.toggle(tab, { force: true })) shows
// what the extractor finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerView, readerQuery, readerClick, screenshot, gatePages } from './harness.mjs';

const env = useBrowser({ keepDecluttered: false });

for (const name of gatePages('positive')) {
  test(`gate: article ${name} opens in the reader view`, async () => {
    const url = `${env.server.base}/gate/positive/${name}`;
    const page = await openPage(env.browser.context, url);
    const tabId = await tabIdOf(env.browser.sw, url);
    const on = await toggle(env.browser.sw, tabId);
    assert.equal(on.reader, true);
    const st = await state(env.browser.sw, tabId);
    assert.equal(st.error, undefined, `${name}: ${st.error}`);
    assert.ok(st.text.length > 80, 'the article text');
    const view = await readerView(page);
    assert.ok(view.text.includes(st.text.split('\n')[0].slice(0, 40)), 'rendered');
    if (name === 'seed-table-layout.html') {
      await screenshot(page, 'gate-seed-table-layout');
      assert.ok(st.text.includes('2,500 US troops'), 'the whole story, not a teaser');
    }
    await toggle(env.browser.sw, tabId);
    await page.close();
  });
}

for (const name of gatePages('negative')) {
  test(`gate: listing ${name} is not an article, and "Show it anyway" shows it`, async () => {
    const url = `${env.server.base}/gate/negative/${name}`;
    const page = await openPage(env.browser.context, url);
    const tabId = await tabIdOf(env.browser.sw, url);
    assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
    assert.equal((await state(env.browser.sw, tabId)).error, 'not-an-article');
    const button = (n) => n.tag === 'button' && n.attrs.class === 'show-anyway';
    assert.equal((await readerQuery(page, button)).length, 1, 'the way forward is offered');
    if (name === 'news-home.html') await screenshot(page, 'gate-not-an-article');
    await readerClick(page, button);
    let st;
    for (let i = 0; i < 50; i++) {
      st = await state(env.browser.sw, tabId);
      if (st.text) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(st.reader, true);
    assert.equal(st.error, undefined);
    assert.ok(st.text.length > 0, 'something to read');
    assert.equal((await readerQuery(page, button)).length, 0);
    if (name === 'news-home.html') await screenshot(page, 'gate-shown-anyway');
    assert.equal((await toggle(env.browser.sw, tabId)).reader, false, 'a second click closes it');
    assert.equal(await readerView(page), null);
    await page.close();
  });
}

test('gate: lucid.toggle(tab, { force: true }) shows a listing at once', async () => {
  const url = `${env.server.base}/gate/negative/search-results.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const on = await toggle(env.browser.sw, tabId, { force: true });
  assert.equal(on.reader, true);
  const st = await state(env.browser.sw, tabId);
  assert.equal(st.error, undefined);
  assert.match(st.text, /energy/i);
  // Forcing an open "not an article" view shows it; otherwise the toggle closes.
  assert.equal((await toggle(env.browser.sw, tabId, { force: true })).reader, false);
  await toggle(env.browser.sw, tabId);
  assert.equal((await state(env.browser.sw, tabId)).error, 'not-an-article');
  const forced = await toggle(env.browser.sw, tabId, { force: true });
  assert.equal(forced.reader, true);
  assert.equal((await state(env.browser.sw, tabId)).error, undefined);
  await toggle(env.browser.sw, tabId);
  await page.close();
});
