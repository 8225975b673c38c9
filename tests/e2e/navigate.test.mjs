// Finding one's way in a long read, in Chromium (extension/view/navigate.js): the
// Contents list of an article with three headings or more (jump to a
// section, the section being read marked), the progress bar, and the offer
// to continue where the reader left off when the view reopens on the same
// page; axe-core clean with all of it showing, in every theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerClick, readerQuery, screenshot, poll } from './harness.mjs';

const env = useBrowser();
const sw = () => env.browser.sw;
const nav = async (tabId) => (await state(sw(), tabId)).navigation;

// `before(url)`: run before the view opens.
async function open(name, before = null) {
  const url = `${env.server.base}/${name}/page.html`;
  for (const p of env.browser.context.pages()) if (p.url() === url) await p.close();
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(sw(), url);
  if (before) await before(url);
  assert.equal((await toggle(sw(), tabId)).reader, true);
  return { page, tabId };
}

test('contents: a long read’s sections listed, a click jumps to one, the one being read is marked', async () => {
  await sw().evaluate(() => chrome.storage.local.clear());
  const { page, tabId } = await open('long-read');
  let n = await nav(tabId);
  assert.deepEqual(n.contents.map((c) => c.text), ['A city built for cars', 'The case for the tram', 'Winning over the shopkeepers', 'Building the first lines', 'What comes next']);
  assert.equal(n.progress, 0);
  await readerClick(page, (x) => x.attrs.class === 'contents-toggle');
  assert.equal((await readerQuery(page, (x) => x.attrs.id === 'lucid-contents'))[0].attrs.hidden, undefined, 'panel open');
  await screenshot(page, 'contents');
  await readerClick(page, (x) => x.attrs.class === 'contents-link' && x.text === 'Building the first lines');
  n = await poll(() => nav(tabId), (v) => v.contents[3].current, 'the section jumped to is marked');
  assert.deepEqual(n.contents.map((c) => c.current), [false, false, false, true, false]);
  assert.ok(n.progress > 0.3, `progress ${n.progress}`);
  assert.equal((await readerQuery(page, (x) => x.attrs.id === 'lucid-contents'))[0].attrs.hidden, '', 'panel closed after the jump');
  // Esc closes the open panel before the view.
  await readerClick(page, (x) => x.attrs.class === 'contents-toggle');
  await page.keyboard.press('Escape');
  assert.equal((await state(sw(), tabId)).reader, true);
  assert.equal((await readerQuery(page, (x) => x.attrs.id === 'lucid-contents'))[0].attrs.hidden, '');
  await toggle(sw(), tabId);
  await page.close();
  // Fewer than three headings: no Contents.
  const short = await open('energy-daily');
  assert.deepEqual((await nav(short.tabId)).contents, []);
  assert.equal((await readerQuery(short.page, (x) => x.attrs.class === 'contents-toggle')).length, 0);
  await toggle(sw(), short.tabId);
  await short.page.close();
});

test('reading position: reopening the page offers to continue where the reader left off', async () => {
  await sw().evaluate(() => chrome.storage.local.clear());
  let { page, tabId } = await open('long-read');
  assert.equal((await nav(tabId)).resume, null, 'nothing to continue the first time');
  await readerClick(page, (x) => x.attrs.class === 'contents-toggle');
  await readerClick(page, (x) => x.attrs.class === 'contents-link' && x.text === 'Building the first lines');
  const left = (await poll(() => nav(tabId), (v) => v.progress > 0.3, 'scrolled')).progress;
  await toggle(sw(), tabId);
  const stored = await poll(() => sw().evaluate(() => chrome.storage.local.get('positions').then((r) => r.positions ?? {})), (p) => Object.keys(p).length === 1, 'position stored');
  assert.ok(Math.abs(Object.values(stored)[0].f - left) < 0.01);
  await page.reload();
  assert.equal((await toggle(sw(), tabId)).reader, true);
  let n = await nav(tabId);
  assert.ok(Math.abs(n.resume - left) < 0.01, 'offered');
  assert.equal(n.progress, 0, 'not scrolled without asking');
  await screenshot(page, 'resume');
  await readerClick(page, (x) => x.attrs.class === 'resume-go');
  n = await poll(() => nav(tabId), (v) => Math.abs(v.progress - left) < 0.02, 'continued where it was left');
  assert.equal((await readerQuery(page, (x) => x.attrs.class === 'resume')).length, 0, 'the offer is gone');
  // Read to the end: nothing to continue next time.
  await page.keyboard.press('End');
  await poll(() => nav(tabId), (v) => v.progress > 0.98, 'at the end');
  await toggle(sw(), tabId);
  await poll(() => sw().evaluate(() => chrome.storage.local.get('positions').then((r) => r.positions ?? {})), (p) => Object.keys(p).length === 0, 'finished: forgotten');
  await page.close();
});

test('contents and the continue offer: axe-core finds no violations in every theme', async () => {
  for (const theme of ['light', 'dark', 'sepia']) {
    await sw().evaluate((t) => chrome.storage.sync.set({ theme: t }), theme);
    const { page, tabId } = await open('long-read', (url) => sw().evaluate((u) => chrome.storage.local.set({ positions: { [u]: { f: 0.5, at: Date.now() } } }), url));
    assert.equal((await nav(tabId)).resume, 0.5);
    await readerClick(page, (x) => x.attrs.class === 'contents-toggle');
    const res = await sw().evaluate((id) => globalThis.lucid.axe(id), tabId);
    assert.equal(res.error, undefined, res.error);
    assert.deepEqual(res.violations, [], `${theme}: ${JSON.stringify(res.violations, null, 1)}`);
    await toggle(sw(), tabId);
    await page.close();
  }
  await sw().evaluate(() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()]));
});
