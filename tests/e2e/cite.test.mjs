// Citations through the built extension: the Cite button and its style
// picker, the clipboard (text/plain and text/html), the remembered default
// style, and the context-menu items that copy without opening the reader.
// What lands on the clipboard must equal what the `lucid` CLI prints for the
// same page (the CLI's prose styles are checked against citeproc-js in
// tests/cite.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useBrowser, openPage, tabIdOf, toggle, readerQuery, readerClick, readerFocus, screenshot, snapshot, localDay, equalOnEitherDay, FIXTURES, ROOT } from './harness.mjs';

const env = useBrowser();
const STYLES = ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard', 'bibtex', 'ris', 'csl-json'];

function cli(fixture, url, format, day = localDay()) {
  return execFileSync(path.join(ROOT, 'target', 'release', 'lucid'), [
    'extract', path.join(FIXTURES, fixture, 'page.html'), '--url', url, '--format', format, '--accessed', day,
  ], { encoding: 'utf8' }).replace(/\n+$/, '');
}

async function clipboard(page) {
  await page.bringToFront();
  return page.evaluate(async () => {
    const out = {};
    for (const item of await navigator.clipboard.read()) {
      for (const type of item.types) out[type] = await (await item.getType(type)).text();
    }
    return out;
  });
}

async function resetClipboard(page) {
  await page.bringToFront();
  await page.evaluate(() => navigator.clipboard.writeText('(empty)'));
}

const status = async (page) => (await readerQuery(page, (n) => n.attrs.class === 'cite-status'))[0]?.text ?? '';

test('Cite: every style copies exactly what the CLI prints, with HTML italics for the prose styles', async () => {
  await env.browser.sw.evaluate(() => chrome.storage.sync.clear());
  const url = `${env.server.base}/energy-daily/page.html`;
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.base });
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const day = localDay();
  await toggle(env.browser.sw, tabId);
  await readerClick(page, (n) => n.attrs.class === 'cite-toggle');
  const panel = (await readerQuery(page, (n) => n.attrs.id === 'lucid-cite'))[0];
  assert.equal(panel.attrs.hidden, undefined, 'the Cite panel is open');
  for (const [i, style] of STYLES.entries()) {
    if (i > 0) {
      // choose the next style with the keyboard, as a user can
      await readerFocus(page, (n) => n.attrs.id === 'lucid-cite-style');
      await page.keyboard.press('ArrowDown');
    }
    await page.waitForTimeout(150);
    await resetClipboard(page);
    await readerClick(page, (n) => n.attrs.class === 'copy copy-citation');
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '(empty)', null, { timeout: 20_000 }).catch(() => {});
    const clip = await clipboard(page);
    equalOnEitherDay(clip['text/plain'], day, (d) => cli('energy-daily', url, style, d), `${style}: clipboard text`);
    if (['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard'].includes(style)) {
      assert.match(clip["text/html"], /<(i|span style="font-style: italic;")>Energy Daily<\/(i|span)>/, `${style}: the container title is in italics`);
    }
    assert.match(await status(page), /Citation copied/);
    if (style === 'apa') await screenshot(page, 'cite-panel');
  }
  // The last choice is remembered as the default style.
  assert.equal((await env.browser.sw.evaluate(() => chrome.storage.sync.get('citationStyle'))).citationStyle, 'csl-json');
  const csl = JSON.parse(cli('energy-daily', url, 'csl-json'));
  assert.equal(csl.type, 'article-newspaper');
  assert.deepEqual(csl.author.map((a) => a.family), ['Gamal-Gabriel', 'Dunlop']);

  // Markdown and plain text of the article.
  for (const [what, format] of [['markdown', 'markdown'], ['text', 'text']]) {
    await resetClipboard(page);
    await readerClick(page, (n) => n.attrs.class === `copy copy-${what}`);
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '(empty)', null, { timeout: 20_000 }).catch(() => {});
    equalOnEitherDay((await clipboard(page))['text/plain'].trimEnd(), day, (d) => cli('energy-daily', url, format, d), `copy as ${what}`);
  }
  await toggle(env.browser.sw, tabId);
  await page.close();
});

test('context menu: Copy citation (default style), Markdown and text without opening the reader view', async () => {
  await env.browser.sw.evaluate(() => chrome.storage.sync.set({ citationStyle: 'mla' }));
  const url = `${env.server.base}/wordpress-blog/page.html`;
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.base });
  const page = await openPage(env.browser.context, url);
  const before = await snapshot(page);
  const tabId = await tabIdOf(env.browser.sw, url);
  const day = localDay();
  for (const [item, format] of [['lucid-copy-citation', 'mla'], ['lucid-copy-markdown', 'markdown'], ['lucid-copy-text', 'text']]) {
    await resetClipboard(page);
    const res = await env.browser.sw.evaluate(([id, menuItemId]) => globalThis.lucid.contextMenu({ menuItemId }, { id }), [tabId, item]);
    assert.equal(res.ok, true, `${item}: ${JSON.stringify(res)}`);
    assert.equal(res.reader, false, 'the reader view stays closed');
    equalOnEitherDay((await clipboard(page))['text/plain'].trimEnd(), day, (d) => cli('wordpress-blog', url, format, d), item);
  }
  assert.match(cli('wordpress-blog', url, 'csl-json'), /"type": "post-weblog"/, 'a WordPress post is cited as a blog post');
  assert.equal(await snapshot(page), before, 'the page is untouched');
  await page.close();
});

test('context menu on a page that is not an article says so and copies nothing', async () => {
  const url = `${env.server.base}/not-an-article/page.html`;
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.base });
  const page = await openPage(env.browser.context, url);
  await resetClipboard(page);
  const tabId = await tabIdOf(env.browser.sw, url);
  const res = await env.browser.sw.evaluate((id) => globalThis.lucid.contextMenu({ menuItemId: 'lucid-copy-citation' }, { id }), tabId);
  assert.equal(res.ok, false);
  assert.equal(res.error, 'not-an-article');
  assert.equal((await clipboard(page))['text/plain'], '(empty)');
  await page.close();
});
