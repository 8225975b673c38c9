// The reader view as a place to read: settings (theme, font, size, width,
// spacing) applied at once and remembered across reloads and articles, the
// options page, the shortcut and context-menu paths, Esc, focus, and an
// axe-core audit in light and dark themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerQuery, readerClick, readerStyles, screenshot } from './harness.mjs';

const env = useBrowser();
const shell = async (page) => (await readerQuery(page, (n) => n.attrs.role === 'dialog'))[0]?.attrs;
const clear = () => env.browser.sw.evaluate(() => chrome.storage.sync.clear());
const stored = () => env.browser.sw.evaluate(() => chrome.storage.sync.get(null));

test('settings apply at once, persist across a reload, and apply to the next article', async () => {
  await clear();
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  let tabId = await tabIdOf(env.browser.sw, url);
  await toggle(env.browser.sw, tabId);
  assert.equal((await shell(page))['data-theme'], 'system');
  assert.equal((await readerQuery(page, (n) => n.attrs.id === 'lucid-settings'))[0].attrs.hidden, '');

  await readerClick(page, (n) => n.attrs.class === 'settings-toggle');
  assert.equal((await readerQuery(page, (n) => n.attrs.id === 'lucid-settings'))[0].attrs.hidden, undefined, 'panel open');
  const themes = {};
  for (const theme of ['light', 'sepia', 'dark']) {
    await readerClick(page, (n) => n.tag === 'label' && n.attrs.for === `lucid-theme-${theme}`);
    assert.equal((await shell(page))['data-theme'], theme);
    themes[theme] = await screenshot(page, `theme-${theme}`);
  }
  await readerClick(page, (n) => n.tag === 'label' && n.attrs.for === 'lucid-font-dyslexic');
  await readerClick(page, (n) => n.attrs['data-step'] === 'fontSize:1');
  await readerClick(page, (n) => n.attrs['data-step'] === 'fontSize:1');
  await readerClick(page, (n) => n.attrs['data-step'] === 'lineWidth:-1');
  await readerClick(page, (n) => n.attrs['data-step'] === 'lineHeight:1');
  const after = await shell(page);
  assert.equal(after['data-font'], 'dyslexic');
  assert.match(after.style, /--size: 24px/);
  assert.match(after.style, /--measure: 32em/);
  assert.match(after.style, /--leading: 1.7/);
  assert.deepEqual(await stored(), { theme: 'dark', font: 'dyslexic', fontSize: 24, lineWidth: 32, lineHeight: 1.7 });
  // Esc closes the settings panel first, then the reader view.
  await page.keyboard.press('Escape');
  assert.equal((await readerQuery(page, (n) => n.attrs.id === 'lucid-settings'))[0].attrs.hidden, '');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('lucid-reader'));

  await page.reload();
  tabId = await tabIdOf(env.browser.sw, url);
  await toggle(env.browser.sw, tabId);
  const reloaded = await shell(page);
  assert.equal(reloaded['data-theme'], 'dark');
  assert.equal(reloaded['data-font'], 'dyslexic');
  assert.match(reloaded.style, /--size: 24px/);
  assert.equal((await state(env.browser.sw, tabId)).settings.lineWidth, 32);
  await toggle(env.browser.sw, tabId);

  const url2 = `${env.server.base}/wordpress-blog/page.html`;
  const page2 = await openPage(env.browser.context, url2);
  const tab2 = await tabIdOf(env.browser.sw, url2);
  await toggle(env.browser.sw, tab2);
  const next = await shell(page2);
  assert.equal(next['data-theme'], 'dark', 'next article uses the saved theme');
  assert.equal(next['data-font'], 'dyslexic', 'and font');
  assert.match(next.style, /--size: 24px; --measure: 32em; --leading: 1.7/, 'and size, width, spacing');
  await toggle(env.browser.sw, tab2);
  await page.close();
  await page2.close();
  await clear();
});

test('keyboard shortcut and context menu take the same path as the toolbar', async () => {
  const url = `${env.server.base}/science-figures-tables/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const cmd = (name) => env.browser.sw.evaluate(([n, id]) => globalThis.lucid.command(n, { id }), [name, tabId]);
  const title = () => env.browser.sw.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
  assert.equal((await cmd('toggle-reader')).reader, true);
  assert.equal(await title(), 'Close reader view (Alt+Shift+R)', 'the toolbar button shows the reader is on');
  assert.equal((await cmd('toggle-reader')).reader, false);
  assert.equal(await title(), 'Reader view (Alt+Shift+R)');
  const menu = () => env.browser.sw.evaluate((id) => globalThis.lucid.contextMenu({ menuItemId: 'lucid-toggle' }, { id }), tabId);
  assert.equal((await menu()).reader, true);
  assert.equal((await menu()).reader, false);
  const manifest = await env.browser.sw.evaluate(() => chrome.runtime.getManifest());
  assert.equal(manifest.commands['toggle-reader'].suggested_key.default, 'Alt+Shift+R');
  assert.ok(manifest.permissions.includes('contextMenus'));
  await page.close();
});

test('focus moves into the reader view and back to where it was', async () => {
  const url = `${env.server.base}/wordpress-blog/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  await page.focus('a.skip-link');
  await toggle(env.browser.sw, tabId);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'LUCID-READER');
  // Keyboard focus cycles inside the reader view (it is a modal dialog).
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'LUCID-READER', `Tab ${i + 1} stays in the reader view`);
  }
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'LUCID-READER');
  await toggle(env.browser.sw, tabId);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link screen-reader-text');
  await page.close();
});

test('the options page sets the defaults the reader view uses', async () => {
  await clear();
  const extId = new URL(env.browser.sw.url()).host;
  const options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/options.html`);
  assert.equal(await options.locator('h1').textContent(), 'Lucid Reader options');
  assert.equal(await options.isChecked('input[name=theme][value=system]'), true);
  await options.check('input[name=theme][value=sepia]');
  await options.check('input[name=font][value=sans]');
  await options.uncheck('input[name=highlightFacts]');
  await options.selectOption('select[name=citationStyle]', 'mla');
  await options.waitForFunction(() => document.getElementById('status').textContent.length > 0);
  const s = await stored();
  assert.equal(s.theme, 'sepia');
  assert.equal(s.font, 'sans');
  assert.equal(s.highlightFacts, false);
  assert.equal(s.citationStyle, 'mla');
  await options.reload();
  assert.equal(await options.isChecked('input[name=theme][value=sepia]'), true, 'options page shows what is saved');

  const url = `${env.server.base}/news-jsonld-consent/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  await toggle(env.browser.sw, tabId);
  const attrs = await shell(page);
  assert.equal(attrs['data-theme'], 'sepia');
  assert.equal(attrs['data-font'], 'sans');
  assert.match(attrs.class, /plain/);
  await toggle(env.browser.sw, tabId);
  await options.close();
  await page.close();
  await clear();
});

test('axe-core finds no accessibility violations in light and dark themes', async () => {
  for (const theme of ['light', 'dark', 'sepia']) {
    await env.browser.sw.evaluate((t) => chrome.storage.sync.set({ theme: t }), theme);
    const url = `${env.server.base}/energy-daily/page.html`;
    const page = await openPage(env.browser.context, url);
    const tabId = await tabIdOf(env.browser.sw, url);
    await toggle(env.browser.sw, tabId);
    await readerClick(page, (n) => n.attrs.class === 'settings-toggle'); // audit the open panel too
    const res = await env.browser.sw.evaluate((id) => globalThis.lucid.axe(id), tabId);
    assert.equal(res.error, undefined, res.error);
    assert.deepEqual(res.violations, [], `${theme}: ${JSON.stringify(res.violations, null, 1)}`);
    await toggle(env.browser.sw, tabId);
    await page.close();
  }
  await clear();
});

test('printing shows the article alone, with its citation at the end', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  await env.browser.sw.evaluate(() => chrome.storage.sync.set({ keepDecluttered: false })); // page back byte for byte
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await toggle(env.browser.sw, tabId);
  await page.emulateMedia({ media: 'print' });
  const printSheets = () => page.evaluate(() => document.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.media?.mediaText === 'print')).length);
  assert.equal(await printSheets(), 1, 'print sheet adopted');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'none', 'the page is hidden in print');
  const byClass = (c) => [(n) => n.attrs.class === c, 'display'];
  const [toolbar, keyFacts, citation] = await readerStyles(page, [byClass('toolbar'), byClass('key-facts'), byClass('print-citation')]);
  assert.equal(toolbar, 'none', 'no toolbar in print');
  assert.equal(keyFacts, 'none', 'no key-facts box in print');
  assert.equal(citation, 'block', 'citation printed');
  const [cite] = await readerQuery(page, (n) => n.attrs.class === 'print-citation');
  assert.match(cite.text, /Washington, Baghdad to discuss future of foreign troops in Iraq\. Energy Daily\. January 25, 2024\. http/);
  await page.emulateMedia({ media: 'screen' });
  await toggle(env.browser.sw, tabId);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'page DOM as before');
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, 'print (and declutter) sheets removed');
  await clear();
  await page.close();
});

test('right-to-left articles are laid out right to left', async () => {
  const url = `${env.server.base}/rtl-arabic/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  await toggle(env.browser.sw, tabId);
  const [main] = await readerQuery(page, (n) => n.attrs.class === 'page');
  assert.equal(main.attrs.dir, 'rtl');
  assert.equal(main.attrs.lang, 'ar');
  const [direction] = await readerStyles(page, [[(n) => n.tag === 'p' && n.text.startsWith('افتتحت'), 'direction']]);
  assert.equal(direction, 'rtl');
  // The extension's own words in it ("1 min read", "2 figures") keep their
  // order: their direction comes from their text.
  const ui = await readerQuery(page, (n) => n.attrs.class === 'reading-time' || (n.tag === 'mark' && /figure/.test(n.text)));
  assert.equal(ui.length, 2);
  for (const n of ui) assert.equal(n.attrs.dir, 'auto', n.text);
  // The page's markup is 1.5 bytes of UTF-8 per UTF-16 unit, more than the
  // room the content script first gives it in wasm memory: the buffer grows
  // mid-page (writeMarkup), and the article must still arrive whole.
  const st = await state(env.browser.sw, tabId);
  assert.ok(st.text.endsWith('منذ إغلاق المكتبة القديمة قبل عشر سنوات.'), st.text.slice(-80));
  await screenshot(page, 'rtl');
  await toggle(env.browser.sw, tabId);
  await page.close();
});

test('images can be switched off and on from the settings panel (remembered); figures without images stay', async () => {
  await clear();
  const url = `${env.server.base}/science-figures-tables/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  await toggle(env.browser.sw, tabId);
  const isImg = (n) => n.tag === 'img' && !/favicon/.test(n.attrs.class ?? '');
  const isTable = (n) => n.tag === 'table';
  const [img, table] = await readerStyles(page, [[isImg, 'display'], [isTable, 'display']]);
  assert.ok(img !== 'none' && table !== 'none', 'shown by default');
  await readerClick(page, (n) => n.attrs.class === 'settings-toggle');
  await readerClick(page, (n) => n.tag === 'label' && n.attrs.for === 'lucid-images-false');
  assert.deepEqual(await readerStyles(page, [[isImg, 'display'], [(n) => n.tag === 'figure' && n.text.includes('Aletsch'), 'display'], [isTable, 'display']]), ['none', 'none', table], 'image and its figure hidden, table kept');
  assert.equal((await stored()).images, false);
  await toggle(env.browser.sw, tabId);
  await toggle(env.browser.sw, tabId);
  assert.deepEqual(await readerStyles(page, [[isImg, 'display']]), ['none'], 'remembered');
  await readerClick(page, (n) => n.attrs.class === 'settings-toggle');
  await readerClick(page, (n) => n.tag === 'label' && n.attrs.for === 'lucid-images-true');
  assert.deepEqual(await readerStyles(page, [[isImg, 'display']]), [img]);
  await toggle(env.browser.sw, tabId);
  await page.close();
  await clear();
});
