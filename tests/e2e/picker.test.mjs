// Picking the article by hand in Chromium (extension/page/picker.js): from the
// reader view's toolbar, the element under the pointer is outlined, the arrow
// keys move the outline, a click or Enter opens the reader view on it, Esc
// cancels; a pick can be remembered for the site, is used first next time,
// and is forgotten from the options page. `lucid.toggle(tabId, { root })` is
// the same extraction from a selector. The page is given back untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerClick, readerQuery, snapshot, screenshot, poll, boxOf } from './harness.mjs';

const env = useBrowser();
const sw = () => env.browser.sw;
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (tabId, opts) => sw().evaluate(([id, o]) => globalThis.lucid.pick(id, o), [tabId, opts]);
const picks = () => sw().evaluate(() => chrome.storage.local.get('picks').then((r) => r.picks ?? {}));
const COMMENT = 'Tried this last year on heavy clay and it worked wonders';
const until = (tabId, pred, what) => poll(() => state(sw(), tabId), pred, what);

async function open(name) {
  const url = `${env.server.base}/${name}/page.html`;
  for (const p of env.browser.context.pages()) if (p.url() === url) await p.close();
  const page = await openPage(env.browser.context, url);
  return { page, url, tabId: await tabIdOf(sw(), url) };
}

test('pick by hand: toolbar button, pointer and click, arrow keys, Enter; the page comes back untouched', async () => {
  await sw().evaluate(() => chrome.storage.local.clear());
  const { page, tabId } = await open('wordpress-blog');
  await sw().evaluate(() => chrome.storage.sync.set({ declutter: false }));
  const before = await snapshot(page);
  // The automatic choice leaves the comments out.
  let s = (await toggle(sw(), tabId));
  assert.equal(s.reader, true);
  assert.ok(!(await state(sw(), tabId)).text.includes(COMMENT));
  // "Pick article" in the toolbar closes the view and starts the picker.
  await readerClick(page, (n) => n.attrs.class === 'pick-toggle');
  s = await until(tabId, (x) => x.picking, 'picking');
  assert.equal(s.reader, false);
  assert.equal(await page.evaluate(() => !!document.querySelector('lucid-picker')), true, 'outline shown');
  await screenshot(page, 'picker');
  // Point at a comment's paragraph, widen to the comment list with ↑, pick with Enter.
  const at = await boxOf(page, '.comment-content p');
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowUp'); // p → div → article → li → ol
  await page.keyboard.press('Enter');
  s = await until(tabId, (x) => x.reader === true, 'reader view on the pick');
  assert.equal(s.picked, 'picked');
  assert.ok(s.text.includes(COMMENT), s.text);
  assert.ok(s.text.includes('Where do you get your compost from?'));
  assert.equal(s.title, 'Why our allotment switched to no-dig beds', 'the page’s metadata kept');
  assert.ok(s.citation?.bibtex, 'a citation');
  await toggle(sw(), tabId);
  assert.equal(await snapshot(page), before, 'page DOM exactly as before');

  // A click picks what is outlined: pointed at, widened with ↑.
  await pick(tabId);
  const c = await boxOf(page, '#comments');
  await page.mouse.move(c.x, c.y);
  await page.keyboard.press('ArrowUp');
  await page.mouse.click(c.x, c.y);
  s = await until(tabId, (x) => x.reader === true, 'reader view on the clicked element');
  assert.ok(s.text.includes(COMMENT));
  assert.ok(page.url().endsWith('/wordpress-blog/page.html'), 'no navigation');
  await toggle(sw(), tabId);

  // Esc cancels: nothing opens, the page is as it was.
  await pick(tabId);
  await page.keyboard.press('Escape');
  s = await until(tabId, (x) => !x.picking, 'cancelled');
  assert.equal(s.reader, false);
  assert.equal(await snapshot(page), before, 'page DOM exactly as before');
  await sw().evaluate(() => chrome.storage.sync.clear());
  await page.close();
});

test('pick by hand: remembered for the site, used first next time, forgotten from the options page', async () => {
  await sw().evaluate(() => chrome.storage.local.clear());
  const { page, tabId } = await open('wordpress-blog');
  await pick(tabId, { remember: true });
  const c = await boxOf(page, '#comments');
  await page.mouse.move(c.x, c.y);
  await page.keyboard.press('ArrowUp');
  await page.mouse.click(c.x, c.y);
  await until(tabId, (x) => x.reader === true, 'reader view on the pick');
  const saved = await picks();
  assert.equal(saved['127.0.0.1'], '#comments', 'a selector from the element’s id');
  await toggle(sw(), tabId);
  // Next time the remembered element is read first.
  await page.reload();
  let s = await toggle(sw(), tabId);
  assert.equal(s.reader, true);
  s = await state(sw(), tabId);
  assert.equal(s.picked, 'remembered');
  assert.ok(s.text.includes(COMMENT));
  await toggle(sw(), tabId);
  // The options page lists it; Forget removes it.
  const id = new URL(sw().url()).host;
  const options = await openPage(env.browser.context, `chrome-extension://${id}/extension/options/options.html`);
  assert.equal(await options.locator('#picks li span').textContent(), '127.0.0.1');
  await options.getByRole('button', { name: 'Forget 127.0.0.1' }).click();
  await options.locator('#picks-none:not([hidden])').waitFor();
  assert.deepEqual(await picks(), {});
  await options.close();
  await settle(50);
  s = await toggle(sw(), tabId);
  s = await state(sw(), tabId);
  assert.equal(s.picked, null, 'forgotten: the automatic choice again');
  assert.ok(!s.text.includes(COMMENT));
  await toggle(sw(), tabId);
  await page.close();
});

test('pick by hand: lucid.toggle with a root selector, and from the not-an-article view', async () => {
  await sw().evaluate(() => chrome.storage.local.clear());
  let { page, tabId } = await open('wordpress-blog');
  let s = await sw().evaluate((id) => globalThis.lucid.toggle(id, { root: '#comments' }), tabId);
  assert.equal(s.reader, true);
  assert.ok(s.text.includes(COMMENT));
  await toggle(sw(), tabId);
  s = await sw().evaluate((id) => globalThis.lucid.toggle(id, { root: '#no-such-thing' }), tabId);
  assert.equal(s.error, 'no-such-element');
  await page.close();
  ({ page, tabId } = await open('not-an-article'));
  s = await toggle(sw(), tabId);
  assert.equal(s.error, 'not-an-article');
  const buttons = await readerQuery(page, (n) => n.tag === 'button' && /pick-article/.test(n.attrs.class ?? ''));
  assert.equal(buttons.length, 1, '"Pick the article" offered');
  await readerClick(page, (n) => /pick-article/.test(n.attrs.class ?? ''));
  s = await until(tabId, (x) => x.picking, 'picking from the not-an-article view');
  await page.keyboard.press('Escape');
  await until(tabId, (x) => !x.picking, 'cancelled');
  await page.close();
});
