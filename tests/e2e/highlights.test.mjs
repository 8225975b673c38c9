// Highlights and notes in the reader view (extension/view/highlights.js): made
// from a selection (mouse, the toolbar, the key H) or the test entry point,
// a note under the passage, kept in storage.local per article and restored
// after the view closes, after a reload and after a small edit to the story;
// a highlight whose text is gone is listed as orphaned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, openPage, tabIdOf, toggle, readerQuery, readerClick, readerBox, readerEval, screenshot, cliQuotes, dragSelect, localDay, equalOnEitherDay, ROOT } from './harness.mjs';

const env = useBrowser();
const PASSAGE = 'heightened tensions in Iraq and the region';

// The story's text edited in the live page: `from` replaced by `to`.
function editText([from, to]) {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.data.includes(from)) {
      n.data = n.data.replace(from, to);
      return true;
    }
  }
  throw new Error(`no text ${from}`);
}

const lucid = (sw, fn, ...args) => sw.evaluate(([f, a]) => globalThis.lucid[f](...a), [fn, args]);

test('highlight, note, close, reload, reopen: restored; a small edit elsewhere: still anchored; the passage gone: orphaned', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  await env.browser.sw.evaluate(() => chrome.storage.local.clear());
  let page = await openPage(env.browser.context, url);
  let tabId = await tabIdOf(env.browser.sw, url);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);

  // With the mouse: a selection in the first paragraph brings the toolbar;
  // its green swatch highlights the selection.
  await dragSelect(page, await readerBox(page, (n) => n.tag === 'p' && n.text.startsWith('The United States and Iraq said')), 220);
  await page.waitForTimeout(150);
  const bar = await readerQuery(page, (n) => n.attrs.class === 'hl-toolbar');
  assert.equal(bar.length, 1);
  assert.equal(bar[0].attrs.hidden, undefined, 'the toolbar shows over the selection');
  assert.equal(bar[0].attrs.role, 'toolbar');
  await screenshot(page, 'highlight-toolbar');
  await readerClick(page, (n) => n.tag === 'button' && n.attrs['data-color'] === 'green');
  let list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.equal(list.length, 1);
  assert.equal(list[0].color, 'green');
  assert.ok(list[0].text.startsWith('The United States'), list[0].text);

  // The entry point, with a note; the note shows under its passage.
  const { id } = await lucid(env.browser.sw, 'highlight', tabId, { text: PASSAGE, color: 'yellow', note: 'Check the dates of the attacks.' });
  assert.ok(id);
  const marks = await readerQuery(page, (n) => n.tag === 'mark' && n.attrs['data-hl'] === id);
  assert.equal(marks.map((m) => m.text).join(''), PASSAGE);
  const notes = await readerQuery(page, (n) => (n.attrs.class ?? '').startsWith('hl-note') && n.attrs['data-hl'] === id);
  assert.ok(notes[0]?.text.includes('Check the dates of the attacks.'));
  const axe = await lucid(env.browser.sw, 'axe', tabId);
  assert.deepEqual(axe.violations, [], JSON.stringify(axe.violations));

  // The key H on a selection.
  const box2 = await readerBox(page, (n) => n.tag === 'p' && n.text.startsWith('Washington and Baghdad agreed'));
  await page.mouse.click(box2.x + 2, box2.y + 6, { clickCount: 2 }); // a word
  await page.keyboard.press('h');
  list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.equal(list.length, 3, JSON.stringify(list));
  // A click on a highlight offers Remove; it goes, and comes back with H.
  await readerClick(page, (n) => n.tag === 'mark' && n.attrs['data-hl'] === list[2].id);
  await page.waitForTimeout(100);
  await readerClick(page, (n) => n.tag === 'button' && n.attrs.class === 'hl-remove');
  assert.equal((await lucid(env.browser.sw, 'highlights', tabId)).length, 2);
  await page.mouse.click(box2.x + 2, box2.y + 6, { clickCount: 2 });
  await page.keyboard.press('h');
  list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.equal(list.length, 3, JSON.stringify(list));

  // Closed, the page reloaded, opened again: all three, in place.
  await toggle(env.browser.sw, tabId);
  await page.reload({ waitUntil: 'load' });
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.equal(list.length, 3);
  assert.ok(list.every((h) => !h.orphaned), JSON.stringify(list));
  assert.equal((await readerQuery(page, (n) => n.tag === 'mark' && n.attrs['data-hl'] === id)).map((m) => m.text).join(''), PASSAGE);
  await toggle(env.browser.sw, tabId);
  // A highlighted passage with its note, in each theme (it applies when the view opens).
  for (const theme of ['light', 'dark']) {
    await env.browser.sw.evaluate((th) => chrome.storage.sync.set({ theme: th }), theme);
    assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
    await readerBox(page, (n) => (n.attrs.class ?? '').startsWith('hl-note') && n.attrs['data-hl'] === id);
    await screenshot(page, `highlight-note-${theme}`);
    await toggle(env.browser.sw, tabId);
  }
  await env.browser.sw.evaluate(() => chrome.storage.sync.set({ theme: 'system' }));

  // A small edit to the story elsewhere: still anchored.
  await page.evaluate(editText, ['The ministry said', 'The foreign ministry said']);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.ok(list.every((h) => !h.orphaned), JSON.stringify(list));
  await toggle(env.browser.sw, tabId);

  // The passage removed from the story: orphaned, listed, never dropped.
  await page.evaluate(editText, [PASSAGE, 'the region']);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.deepEqual(list.filter((h) => h.orphaned).map((h) => h.id), [id]);
  const orphans = await readerQuery(page, (n) => n.attrs.class === 'hl-orphans');
  assert.ok(orphans[0]?.text.includes(PASSAGE) && orphans[0].text.includes('Check the dates'), orphans[0]?.text);
  await toggle(env.browser.sw, tabId);
  await page.close();
  await env.browser.sw.evaluate(() => chrome.storage.local.clear());
});

test('with the keyboard alone: a selection made by keys, Tab to the toolbar, arrows along it, Enter highlights and it is said; Esc leaves the toolbar, not the view', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  await env.browser.sw.evaluate(() => chrome.storage.local.clear());
  const page = await openPage(env.browser.context, url);
  try {
    const tabId = await tabIdOf(env.browser.sw, url);
    assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
    // The selection a keyboard user makes with caret browsing (F7 in Chromium
    // and Firefox): the caret at the start of a paragraph, extended a
    // character at a time as Shift+→ extends it there (Selection.modify, what
    // the browser runs for the key; headless Chromium has no caret browsing).
    await readerEval(page, `function () {
      const p = [...this.querySelectorAll('p')].find((p) => p.textContent.startsWith('Washington and Baghdad agreed'));
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const r = document.createRange();
      r.setStart(walker.nextNode(), 0);
      const s = document.getSelection();
      s.removeAllRanges();
      s.addRange(r);
      for (let i = 0; i < 'Washington and Baghdad'.length; i++) s.modify('extend', 'forward', 'character');
    }`);
    await page.waitForTimeout(150);
    assert.equal(await readerEval(page, 'function () { return document.getSelection().toString(); }'), 'Washington and Baghdad');
    const active = () => readerEval(page, 'function () { const a = this.activeElement; return a ? (a.getAttribute("aria-label") ?? a.textContent) : null; }');
    // Tab: into the toolbar over the selection; → along it and back.
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'Highlight yellow');
    await page.keyboard.press('ArrowRight');
    assert.equal(await active(), 'Highlight green');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await active(), 'Quote', 'around the end: the last button shown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Enter on the green swatch: highlighted, and said.
    await page.keyboard.press('Enter');
    const list = await lucid(env.browser.sw, 'highlights', tabId);
    assert.deepEqual(list.map((h) => [h.text, h.color]), [['Washington and Baghdad', 'green']]);
    // (said a moment later, so that a screen reader hears the change)
    await page.waitForTimeout(100);
    const said = await readerQuery(page, (n) => n.attrs['aria-live'] === 'polite' && n.attrs.class === 'visually-hidden');
    assert.ok(said.some((n) => n.text === 'Highlighted'), JSON.stringify(said.map((n) => n.text)));
    // Esc in the toolbar: the toolbar goes, the view stays.
    await readerEval(page, `function () {
      const mark = this.querySelector('mark.hl');
      const r = document.createRange();
      r.selectNodeContents(mark);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(r);
    }`);
    await page.waitForTimeout(150);
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'Highlight yellow');
    await page.keyboard.press('Escape');
    assert.equal((await readerQuery(page, (n) => n.attrs.class === 'hl-toolbar'))[0].attrs.hidden, '');
    assert.equal((await env.browser.sw.evaluate((id) => globalThis.lucid.state(id), tabId)).reader, true, 'the view is still open');
  } finally {
    await page.close();
  }
});

test('Quote: the passage with its citation in each style, as the CLI prints it; its link opens the page at the passage; also from the toolbar and the context menu', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const text = 'estimated IS numbers at around 1,000 in Iraq and Syria, including the group\'s';
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.base });
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const day = localDay();
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  const cli = cliQuotes('energy-daily', url, text, day);
  // (the CLI asked again only for a day past midnight)
  const quotesOn = (d) => (d === day ? cli : cliQuotes('energy-daily', url, text, d));
  for (const style of ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard']) {
    const q = await lucid(env.browser.sw, 'quote', tabId, { text, style });
    const want = (d) => { const c = quotesOn(d)[style]; return { plain: c.plain, html: c.html, link: c.link }; };
    equalOnEitherDay({ plain: q.plain, html: q.html, link: q.link }, day, want, style);
    assert.ok(q.plain.startsWith(`“${text}”`), q.plain);
  }
  // The link: opened, the page is scrolled to the passage.
  const link = cli.apa.link;
  assert.match(link, /#:~:text=estimated%20IS%20numbers%20at,Syria%2C%20including%20the%20group%27s$/);
  const opened = await env.browser.context.newPage();
  await opened.setViewportSize({ width: 800, height: 400 });
  await opened.goto(link, { waitUntil: 'load' });
  await opened.waitForTimeout(500);
  const shown = await opened.evaluate(() => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (n.data.includes('estimated IS numbers')) {
        const r = document.createRange();
        r.selectNodeContents(n);
        const box = r.getBoundingClientRect();
        return { scrolled: scrollY, top: box.top, bottom: box.bottom, height: innerHeight };
      }
    }
    return null;
  });
  assert.ok(shown.scrolled > 0 && shown.bottom > 0 && shown.top < shown.height, JSON.stringify(shown));
  await opened.close();

  // The toolbar's Quote on a selection: the clipboard holds the quote (text and HTML).
  await page.bringToFront();
  await page.evaluate(() => navigator.clipboard.writeText('(empty)'));
  const box = await readerBox(page, (n) => n.tag === 'p' && n.text.includes('estimated IS numbers'));
  await page.mouse.click(box.x + 2, box.y + 6, { clickCount: 2 });
  await page.waitForTimeout(150);
  await readerClick(page, (n) => n.tag === 'button' && n.attrs.class === 'hl-quote');
  await page.waitForTimeout(300);
  const clip = await page.evaluate(async () => {
    const out = {};
    for (const item of await navigator.clipboard.read()) for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
  });
  assert.match(clip['text/plain'], /^“A” \(Gamal-Gabriel & Dunlop, 2024\)\n\nGamal-Gabriel, T\., & Dunlop/, clip['text/plain']);
  assert.match(clip['text/html'] ?? '', /<blockquote><p>“A” \(Gamal-Gabriel &amp; Dunlop, 2024\)<\/p><\/blockquote>/);

  // The context menu on a selection, as the browser calls it.
  const r = await env.browser.sw.evaluate(([id, t]) => globalThis.lucid.contextMenu({ menuItemId: 'lucid-copy-quote', selectionText: t }, { id }), [tabId, text]);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.ok(r.text.startsWith(`“${text}”`), r.text);
  await toggle(env.browser.sw, tabId);
  await page.close();
});

test('the options page: pages with highlights, searchable; Markdown and Web Annotation export; delete; import restores exactly', async () => {
  await env.browser.sw.evaluate(() => chrome.storage.local.clear());
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  await lucid(env.browser.sw, 'highlight', tabId, { text: PASSAGE, color: 'blue', note: 'Why now?' });
  await lucid(env.browser.sw, 'highlight', tabId, { text: 'agreed to form working groups', color: 'pink' });
  await toggle(env.browser.sw, tabId);
  const kept = await env.browser.sw.evaluate(() => chrome.storage.local.get(null));
  const keys = Object.keys(kept).filter((k) => k.startsWith('hl:'));
  assert.equal(keys.length, 1);

  const id = new URL(await env.browser.sw.evaluate(() => chrome.runtime.getURL('/'))).host;
  const options = await openPage(env.browser.context, `chrome-extension://${id}/extension/options/options.html`);
  const pages = () => options.locator('#hl-pages li').allTextContents();
  await options.waitForFunction(() => document.querySelectorAll('#hl-pages li').length === 1);
  assert.match((await pages())[0], /Washington, Baghdad to discuss future of foreign troops in Iraq \(2\)/);
  await options.fill('#hl-search', 'why now');
  assert.equal((await pages()).length, 1, 'found by its note');
  await options.fill('#hl-search', 'no such words');
  assert.equal((await pages()).length, 0);
  await options.fill('#hl-search', '');
  await options.waitForFunction(() => document.querySelectorAll('#hl-pages li').length === 1);
  for (const scheme of ['light', 'dark']) {
    await options.emulateMedia({ colorScheme: scheme });
    await screenshot(options, `options-highlights-${scheme}`);
    // axe-core on the options page with its highlights listed (evaluated
    // through DevTools: the page's CSP admits no script of the test's).
    await options.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const axe = await options.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `options page, ${scheme}`);
  }

  // Markdown: quote blocks with the citation and the passage's link, the note.
  const [md] = await Promise.all([options.waitForEvent('download'), options.click('#hl-pages .hl-markdown')]);
  const markdown = await (await import('node:fs')).promises.readFile(await md.path(), 'utf8');
  assert.match(markdown, /^# Washington, Baghdad to discuss future of foreign troops in Iraq\n\nGamal-Gabriel, T\., & Dunlop, W\. G\. \(2024/);
  assert.ok(markdown.includes(`> ${PASSAGE}\n>\n> — (Gamal-Gabriel & Dunlop, 2024) [↗](${url}#:~:text=heightened%20tensions%20in%20Iraq%20and%20the%20region)\n\nWhy now?\n`), markdown);

  // One page's Web Annotation JSON.
  const [one] = await Promise.all([options.waitForEvent('download'), options.click('#hl-pages .hl-json')]);
  const page1 = JSON.parse(await (await import('node:fs')).promises.readFile(await one.path(), 'utf8'));
  assert.deepEqual(page1.first.items.map((a) => a.target.selector[0].exact), [PASSAGE, 'agreed to form working groups']);

  // Web Annotation JSON of everything; deleted; imported: as it was.
  const [json] = await Promise.all([options.waitForEvent('download'), options.click('#hl-export')]);
  const file = await json.path();
  const doc = JSON.parse(await (await import('node:fs')).promises.readFile(file, 'utf8'));
  assert.equal(doc.type, 'AnnotationCollection');
  assert.equal(doc.total, 2);
  await options.click('#hl-pages .hl-delete');
  await options.waitForFunction(() => document.querySelectorAll('#hl-pages li').length === 0);
  assert.deepEqual(Object.keys(await env.browser.sw.evaluate(() => chrome.storage.local.get(null))).filter((k) => k.startsWith('hl:')), []);
  await options.setInputFiles('#hl-import', file);
  await options.waitForFunction(() => document.querySelectorAll('#hl-pages li').length === 1);
  const restored = await env.browser.sw.evaluate(() => chrome.storage.local.get(null));
  assert.deepEqual(restored[keys[0]], kept[keys[0]]);
  const a11y = await options.evaluate(() => [...document.querySelectorAll('#hl-pages button')].every((b) => b.getAttribute('aria-label')));
  assert.ok(a11y, 'each button names its page');
  await options.close();

  // And the view shows them again.
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  const list = await lucid(env.browser.sw, 'highlights', tabId);
  assert.deepEqual(list.map((h) => [h.text, h.color, h.note, h.orphaned]), [[PASSAGE, 'blue', 'Why now?', false], ['agreed to form working groups', 'pink', '', false]]);
  await toggle(env.browser.sw, tabId);
  await page.close();
});
