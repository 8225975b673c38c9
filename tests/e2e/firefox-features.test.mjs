// The reader features of read-aloud.test.mjs and picker.test.mjs in Firefox
// ESR, through the test build's bridge (see tests/e2e/firefox.mjs): read
// aloud with the same speech stand-in (spoken sentence by sentence and
// highlighted, the mouse and keyboard controls, speech stopped with the view,
// axe-core clean with the controls open in every theme), and picking the
// article by hand (pointer, arrow keys, Enter, click, Esc, remembered for
// the site).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useFirefox, openPage, toggle, state, settings, screenshot, call } from './firefox.mjs';
import { poll, boxOf, cliQuotes, dragSelect, localDay, equalOnEitherDay } from './harness.mjs';

const env = useFirefox();
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
const readAloud = (page, cmd, arg) => call(page, 'readAloud', cmd, arg);
const stub = (page, opts) => call(page, 'speechStub', opts);
const until = (page, pred, what) => poll(() => readAloud(page, 'state'), pred, what);
const untilState = (page, pred, what) => poll(() => state(page), pred, what);

async function openArticle() {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  assert.equal((await stub(page, { auto: 0 })).ok, true, 'speech stub in place');
  assert.equal((await toggle(page)).reader, true);
  return page;
}

test('Firefox: Listen speaks the article sentence by sentence, highlighted, with mouse and keyboard controls', async () => {
  const page = await openArticle();
  assert.equal(await call(page, 'viewClick', '.listen-toggle'), true);
  let s = await until(page, (x) => x.speaking, 'speaking after Listen');
  assert.equal(s.text, 'Washington, Baghdad to discuss future of foreign troops in Iraq', 'the title first');
  assert.equal(s.highlighted, s.text, 'highlighted (CSS Custom Highlight API)');
  assert.deepEqual((await stub(page, {})).log.at(-1), { text: s.text, lang: 'en', rate: 1, voice: null });
  await stub(page, { finish: true });
  s = await until(page, (x) => x.sentence === 1 && x.speaking, 'next sentence after the end of one');
  assert.equal(s.highlighted, s.text);
  assert.equal((await readAloud(page, 'next')).sentence, 2);
  assert.equal((await readAloud(page, 'pause')).speaking, false);
  assert.equal((await readAloud(page, 'resume')).speaking, true);
  // Keyboard on the Next button: → and ←.
  await call(page, 'viewClick', '.listen-next'); // (a click also focuses it)
  s = await readAloud(page, 'state');
  await page.keyboard.press('ArrowRight');
  assert.equal((await readAloud(page, 'state')).sentence, s.sentence + 1);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await readAloud(page, 'state')).sentence, s.sentence);
  // A real mouse click on sentence 6.
  const at = await readAloud(page, 'rect', 6);
  await page.mouse.click(at.x, at.y);
  s = await readAloud(page, 'state');
  assert.equal(s.sentence, 6, 'reading from the clicked sentence');
  assert.equal((await stub(page, {})).log.at(-1).text, s.text);
  await screenshot(page, 'read-aloud');
  // Closing the view stops speech.
  await toggle(page);
  const n = (await stub(page, {})).log.length;
  await settle(150);
  assert.equal((await stub(page, {})).log.length, n, 'nothing spoken once the view is closed');
  await page.close();
});

test('Firefox: axe-core finds no violations with the read-aloud controls open, in every theme', async () => {
  const page = await openArticle();
  await toggle(page);
  for (const theme of ['light', 'sepia', 'dark']) {
    await settings(page, { theme });
    assert.equal((await toggle(page)).reader, true);
    assert.equal((await readAloud(page, 'start')).open, true);
    const res = await call(page, 'axe');
    assert.ok(!res?.error, res?.error);
    assert.deepEqual(res.violations.map((v) => `${v.id}: ${v.help}`), [], `${theme}: axe violations`);
    assert.equal((await toggle(page)).reader, false);
  }
  await settings(page, { theme: 'system' });
  await page.close();
});

const COMMENT = 'Tried this last year on heavy clay and it worked wonders';

test('Firefox: pick the article by hand — pointer, arrow keys, Enter, click, Esc; remembered for the site', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/wordpress-blog/page.html`);
  await settings(page, { declutter: false });
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  assert.equal((await toggle(page)).reader, true);
  assert.ok(!(await state(page)).text.includes(COMMENT), 'the automatic choice leaves the comments out');
  // The toolbar's "Pick article" closes the view and starts picking.
  assert.equal(await call(page, 'viewClick', '.pick-toggle'), true);
  await untilState(page, (x) => x.picking, 'picking');
  const at = await boxOf(page, '.comment-content p');
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  let s = await untilState(page, (x) => x.reader === true, 'reader view on the pick');
  assert.equal(s.picked, 'picked');
  assert.ok(s.text.includes(COMMENT) && s.text.includes('Where do you get your compost from?'), s.text);
  assert.equal(s.title, 'Why our allotment switched to no-dig beds');
  await toggle(page);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'page DOM exactly as before');
  // Esc cancels.
  await call(page, 'pick', {});
  await untilState(page, (x) => x.picking, 'picking again');
  await page.keyboard.press('Escape');
  s = await untilState(page, (x) => !x.picking, 'cancelled');
  assert.equal(s.reader, false);
  // Remembered: a click on the outline widened to #comments, then a fresh toggle reads it first.
  await call(page, 'pick', { remember: true });
  await untilState(page, (x) => x.picking, 'picking to remember');
  const c = await boxOf(page, '#comments');
  await page.mouse.move(c.x, c.y);
  await page.keyboard.press('ArrowUp');
  await page.mouse.click(c.x, c.y);
  await untilState(page, (x) => x.reader === true, 'reader view on the clicked pick');
  await toggle(page);
  await page.reload();
  assert.equal((await toggle(page)).reader, true);
  s = await state(page);
  assert.equal(s.picked, 'remembered');
  assert.ok(s.text.includes(COMMENT));
  await toggle(page);
  await page.close();
});

test('Firefox: images switched off from the settings panel, figures without images kept', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/science-figures-tables/page.html`);
  assert.equal((await toggle(page)).reader, true);
  const shown = await call(page, 'viewStyle', '.body img', 'display');
  assert.notEqual(shown, 'none');
  await call(page, 'viewClick', '.settings-toggle');
  await call(page, 'viewClick', '#lucid-images-false');
  assert.equal(await call(page, 'viewStyle', '.body img', 'display'), 'none');
  assert.equal(await call(page, 'viewStyle', '.body figure', 'display'), 'none');
  assert.notEqual(await call(page, 'viewStyle', '.body table', 'display'), 'none');
  await call(page, 'viewClick', '#lucid-images-true');
  assert.equal(await call(page, 'viewStyle', '.body img', 'display'), shown);
  await toggle(page);
  await page.close();
});

test('Firefox: contents of a long read, the section being read marked, and the offer to continue where the reader left off', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/long-read/page.html`);
  assert.equal((await toggle(page)).reader, true);
  let n = (await state(page)).navigation;
  assert.equal(n.contents.length, 5);
  assert.equal(n.resume, null);
  assert.equal(await call(page, 'viewClick', '.contents-toggle'), true);
  assert.equal(await call(page, 'viewClick', '#lucid-contents li:nth-child(4) a'), true);
  n = await poll(async () => (await state(page)).navigation, (v) => v.contents[3].current, 'the section jumped to is marked');
  const left = n.progress;
  assert.ok(left > 0.3 && left < 0.98, `progress ${left}`);
  await toggle(page);
  await settle(200); // (the position is stored as the view closes)
  await page.reload();
  assert.equal((await toggle(page)).reader, true);
  n = (await state(page)).navigation;
  assert.ok(Math.abs(n.resume - left) < 0.01, `offered to continue at ${left}: ${n.resume}`);
  await call(page, 'viewClick', '.resume-go');
  await poll(async () => (await state(page)).navigation, (v) => Math.abs(v.progress - left) < 0.02, 'continued');
  await toggle(page);
  await page.close();
});

test('Firefox: highlight with the mouse and the toolbar, a note, restored after a reload, orphaned when the passage is gone', async () => {
  const PASSAGE = 'heightened tensions in Iraq and the region';
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  assert.equal((await toggle(page)).reader, true);
  for (const h of await call(page, 'highlights')) assert.fail(`left from before: ${h.text}`);
  await dragSelect(page, await call(page, 'viewRect', '.body p'), 220);
  await settle(200);
  assert.equal(await call(page, 'viewAttr', '.hl-toolbar', 'hidden'), null, 'the toolbar shows over the selection');
  assert.ok(await call(page, 'viewClick', '.hl-swatch.hl-green'));
  let list = await call(page, 'highlights');
  assert.equal(list.length, 1);
  assert.equal(list[0].color, 'green');
  // The key H on a selection.
  await dragSelect(page, await call(page, 'viewRect', '.body p:nth-of-type(4)'));
  await settle(150);
  await page.keyboard.press('h');
  await settle(150);
  assert.equal((await call(page, 'highlights')).length, 2, 'H highlights the selection');
  const hKey = (await call(page, 'highlights'))[1].id;
  await call(page, 'viewClick', `mark.hl[data-hl="${hKey}"]`);
  await settle(100);
  assert.ok(await call(page, 'viewClick', '.hl-toolbar .hl-remove'), 'Remove on a highlight');
  assert.equal((await call(page, 'highlights')).length, 1);
  const { id } = await call(page, 'highlight', { text: PASSAGE, note: 'Check the dates.' });
  assert.ok(id);
  assert.equal((await call(page, 'viewTexts', `mark.hl[data-hl="${id}"]`)).map((m) => m.text).join(''), PASSAGE);
  assert.ok((await call(page, 'viewTexts', `.hl-note[data-hl="${id}"]`))[0]?.text.includes('Check the dates.'));
  const axe = await call(page, 'axe');
  assert.deepEqual(axe.violations, [], JSON.stringify(axe.violations));
  assert.equal((await toggle(page)).reader, false);

  await page.reload({ waitUntil: 'load' });
  assert.equal((await toggle(page)).reader, true);
  list = await call(page, 'highlights');
  assert.equal(list.length, 2);
  assert.ok(list.every((h) => !h.orphaned), JSON.stringify(list));
  assert.equal((await toggle(page)).reader, false);
  // (The theme applies when the view opens.)
  for (const theme of ['light', 'dark']) {
    await settings(page, { theme });
    assert.equal((await toggle(page)).reader, true);
    await call(page, 'viewRect', `mark.hl[data-hl="${id}"]`);
    await screenshot(page, `highlight-note-${theme}`);
    assert.equal((await toggle(page)).reader, false);
  }
  await settings(page, { theme: 'system' });

  await page.evaluate((s) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.includes(s)) n.data = n.data.replace(s, 'the region');
  }, PASSAGE);
  assert.equal((await toggle(page)).reader, true);
  list = await call(page, 'highlights');
  assert.deepEqual(list.filter((h) => h.orphaned).map((h) => h.id), [id]);
  assert.ok((await call(page, 'viewTexts', '.hl-orphans'))[0]?.text.includes(PASSAGE));
  // Deleted from the orphans' list: gone from the storage too.
  assert.ok(await call(page, 'viewClick', `.hl-orphans li[data-hl="${id}"] button`));
  assert.equal((await call(page, 'highlights')).length, 1);
  assert.equal((await toggle(page)).reader, false);
  await page.close();
});

test('Firefox: a passage quoted with its citation in each style equals the CLI; its link opens the page at the passage', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const text = 'estimated IS numbers at around 1,000 in Iraq and Syria';
  const page = await openPage(env.ff.browser, url);
  const day = localDay();
  assert.equal((await toggle(page)).reader, true);
  const cli = cliQuotes('energy-daily', url, text, day);
  // (the CLI asked again only for a day past midnight)
  const quotesOn = (d) => (d === day ? cli : cliQuotes('energy-daily', url, text, d));
  for (const style of ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard']) {
    const q = await call(page, 'quote', { text, style });
    const want = (d) => { const c = quotesOn(d)[style]; return [c.plain, c.html, c.link]; };
    equalOnEitherDay([q.plain, q.html, q.link], day, want, style);
  }
  // The context menu on selected text, as the browser calls it.
  const r = await call(page, 'contextMenu', 'lucid-copy-quote', text);
  assert.equal(r.ok, true, JSON.stringify(r));
  const style = (await call(page, 'state')).settings.citationStyle;
  equalOnEitherDay(r.text, day, (d) => quotesOn(d)[style]?.plain ?? r.text, 'the quote copied from the context menu');
  assert.ok(r.text.startsWith(`“${text}”`), r.text);
  assert.equal((await toggle(page)).reader, false);
  await page.close();
  const opened = await openPage(env.ff.browser, cli.apa.link);
  await opened.setViewport({ width: 800, height: 400 });
  await opened.goto(cli.apa.link, { waitUntil: 'load' });
  await settle(500);
  const scrolled = await opened.evaluate(() => scrollY);
  assert.ok(scrolled > 0, `the page is scrolled to the passage (${scrolled})`);
  await opened.close();
});

test('Firefox: highlight with the keyboard alone: Tab to the toolbar over a selection, arrows, Enter; Esc leaves the toolbar, not the view', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/news-jsonld-consent/page.html`);
  // (The pick the picking test remembered for this server's pages goes.)
  assert.equal(await call(page, 'clearLocal'), true);
  assert.equal((await toggle(page)).reader, true);
  assert.deepEqual(await call(page, 'highlights'), []);
  // (caret browsing's selection: see the bridge's viewSelect)
  const picked = await call(page, 'viewSelect', '.body p', 12);
  assert.equal(picked?.length, 12, picked);
  await settle(150);
  await page.keyboard.press('Tab');
  assert.equal(await call(page, 'viewActive'), 'Highlight yellow');
  await page.keyboard.press('ArrowRight');
  assert.equal(await call(page, 'viewActive'), 'Highlight green');
  await page.keyboard.press('Enter');
  await settle(100);
  assert.deepEqual((await call(page, 'highlights')).map((h) => [h.text, h.color]), [[picked, 'green']]);
  await call(page, 'viewSelect', 'mark.hl', 5);
  await settle(150);
  await page.keyboard.press('Tab');
  assert.equal(await call(page, 'viewActive'), 'Highlight yellow');
  await page.keyboard.press('Escape');
  assert.equal(await call(page, 'viewAttr', '.hl-toolbar', 'hidden'), '');
  assert.equal((await state(page)).reader, true, 'the view is still open');
  await page.close();
});

test('Firefox: export all and import, as the options page does them (its functions over storage.local): the highlights and notes come back exactly', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/news-jsonld-consent/page.html`);
  await call(page, 'clearLocal');
  assert.equal((await toggle(page)).reader, true);
  const made = await call(page, 'highlight', { text: 'by seven votes to two', color: 'pink', note: 'Who voted against?' });
  const { id } = made;
  assert.ok(id, JSON.stringify(made));
  const before = await call(page, 'highlights');
  assert.equal(before.length, 1);
  // (BiDi cannot open the moz-extension: options page; the bridge's
  // background runs the same annotations.js functions its buttons call.)
  const exported = await call(page, 'exportAll');
  assert.equal(exported.type, 'AnnotationCollection');
  assert.ok(exported.first.items.some((a) => a.target.selector[0].exact === 'by seven votes to two'));
  assert.equal((await toggle(page)).reader, false);
  assert.equal(await call(page, 'clearLocal'), true);
  assert.equal((await toggle(page)).reader, true);
  assert.deepEqual(await call(page, 'highlights'), [], 'gone with the storage');
  assert.equal((await toggle(page)).reader, false);
  assert.equal(await call(page, 'importAll', exported), 1);
  assert.equal((await toggle(page)).reader, true);
  assert.deepEqual(await call(page, 'highlights'), before, 'restored exactly');
  assert.ok((await call(page, 'viewTexts', `.hl-note[data-hl="${id}"]`))[0]?.text.includes('Who voted against?'));
  await page.close();
});
