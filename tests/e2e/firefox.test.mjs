// The user's flows in Firefox ESR with the built add-on (dist/firefox-test,
// driven through its bridge; see tests/e2e/firefox.mjs): the reader view on
// every fixture and the page given back byte for byte, decluttering on the
// declutter fixtures, key facts, hostile pages, the accessibility audit in
// every theme, and that a page cannot load the add-on's files.
// docs/testing.md lists what runs in Chromium only, and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtures, declutterFixtures, declutterPage, VECTORS, assertArticle, assertNames } from './harness.mjs';
import { useFirefox, launchFirefox, gotoSaved, openPage, toggle, state, readerView, settings, screenshot, call } from './firefox.mjs';

const env = useFirefox();
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
const snapshot = (page) => page.evaluate(() => document.documentElement.outerHTML);

test('Firefox ESR: the add-on is installed from dist/firefox-test', () => {
  assert.match(env.ff.version, /firefox\/\d+/i);
  assert.equal(env.ff.addonId, 'lucid-reader@lucid.invalid');
});

for (const { name, expected } of fixtures()) {
  test(`Firefox, fixture ${name}: toggle on shows the article, toggle off restores the page`, async () => {
    const url = `${env.server.base}/${name}/page.html`;
    const page = await openPage(env.ff.browser, url);
    await settings(page, { keepDecluttered: false });
    const before = await snapshot(page);
    const on = await toggle(page);
    assert.equal(on.reader, true);
    const view = await readerView(page);
    assert.ok(view, 'reader view is in the page');
    assert.equal(view.shadowMode, 'closed');
    const st = await state(page);
    if (expected.error) {
      assert.equal(st.error, expected.error);
      assert.match(view.text, /doesn’t look like an article/);
    } else {
      assertArticle(expected, st, view.text);
      assertNames(expected, on, st);
      for (const tag of expected.view_has_tags ?? []) assert.ok(view.tags.includes(tag), `<${tag}> in the reader view`);
      for (const tag of expected.view_has_mathml ?? []) assert.ok(view.mathml.includes(tag), `<${tag}> in the MathML namespace in the reader view: ${view.mathml}`);
      if (expected.shown_date) assert.ok(view.text.includes(expected.shown_date), `header shows ${expected.shown_date}`);
      for (const t of ['script', 'iframe', 'object', 'embed', 'form']) assert.ok(!view.tags.includes(t), `no <${t}> in the reader view`);
      if (st.facts?.some((f) => f.kind !== 'key_sentence')) assert.ok(view.marks > 0, 'key facts are marked');
    }
    if (name === 'energy-daily' || name === expected.screenshot || expected.names) await screenshot(page, name);
    const off = await toggle(page);
    assert.equal(off.reader, false);
    assert.equal(await readerView(page), null, 'the view is gone');
    assert.equal(await snapshot(page), before, 'page DOM exactly as before');
    await page.close();
  });
}

for (const name of declutterFixtures()) {
  test(`Firefox, declutter ${name}: clutter hidden, story kept, page scrolls`, async () => {
    const { expect } = declutterPage(name);
    const url = `${env.server.base}/declutter/${name}.html`;
    const page = await openPage(env.ff.browser, url);
    await settings(page, { declutter: true, keepDecluttered: true });
    if (name === 'injected') await settle(2300); // its banner comes 2 s after load
    const look = () => page.evaluate(([hidden, visible]) => {
      const vis = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
      const of = (sel) => [...document.querySelectorAll(sel)].map(vis);
      const story = [...document.querySelectorAll('article > h1, article > p')].filter((p) => !hidden.some((c) => p.matches(c)));
      return {
        hidden: Object.fromEntries(hidden.map((s) => [s, of(s)])),
        visible: Object.fromEntries(visible.map((s) => [s, of(s)])),
        story: story.length,
        hiddenStory: story.filter((p) => !vis(p)).map((p) => p.textContent.trim().slice(0, 60)),
      };
    }, [expect.hidden, expect.visible ?? []]);
    const beforeLook = await look();
    if (expect.hidden.length) assert.ok(Object.values(beforeLook.hidden).some((v) => v.includes(true)), 'clutter visible before');
    const on = await toggle(page);
    assert.equal(on.reader, true);
    assert.equal(on.declutter?.on, true, 'decluttering on');
    assert.equal((await toggle(page)).reader, false);
    if (name === 'ads') await settle(4200); // the infinite-scroll ads keep coming
    const after = await look();
    await screenshot(page, `declutter-${name}`);
    for (const [sel, v] of Object.entries(after.hidden)) assert.ok(v.length > 0 && v.every((x) => !x), `${sel} not visible after`);
    for (const [sel, v] of Object.entries(after.visible)) assert.ok(v.every((x) => x), `${sel} still visible`);
    assert.ok(after.story >= 8, 'the story is there');
    assert.deepEqual(after.hiddenStory, [], 'every paragraph of the story visible');
    // A user's wheel scrolls the page (a scroll lock, if any, is undone).
    const y0 = await page.evaluate(() => window.scrollY);
    await page.mouse.move(640, 450);
    await page.mouse.wheel({ deltaY: 300 });
    await settle(300);
    assert.ok((await page.evaluate(() => window.scrollY)) > y0, 'page scrolls after');
    // Keep-decluttered off: closing gives back the page exactly.
    await page.close();
  });
}

test(`Firefox: ${VECTORS.length} injection vectors, nothing fires through the reader view`, async () => {
  const page = await env.ff.browser.newPage();
  await page.goto(`${env.server.base}/vector/0.html`, { waitUntil: 'load' });
  await page.evaluate(() => fetch('/cb/control'));
  assert.ok(env.server.requests.includes('/cb/control'), 'callbacks are detected');
  const fired = [];
  for (let i = 0; i < VECTORS.length; i++) {
    await page.goto(`${env.server.base}/vector/${i}.html`, { waitUntil: 'load' });
    await settle(30);
    const seen = env.server.requests.length;
    assert.equal((await toggle(page)).reader, true, VECTORS[i].name);
    await settle(120);
    assert.equal((await toggle(page)).reader, false);
    await settle(30);
    const cb = env.server.requests.slice(seen).filter((u) => u.startsWith('/cb/'));
    if (cb.length) fired.push(`${VECTORS[i].name}: ${cb.join(', ')}`);
  }
  await page.close();
  assert.deepEqual(fired, [], 'payloads that ran');
});

test('Firefox: the facts panel shows who, which organisations, where and how much; an entry jumps to its first mention (light and dark)', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  for (const theme of ['light', 'dark']) {
    await settings(page, { theme, highlightFacts: true });
    const on = await toggle(page);
    assert.equal(on.reader, true);
    assert.equal(on.timings.names_error, undefined);
    const { panel } = await state(page);
    assert.ok(panel.people.some((e) => e.text === 'Lloyd Austin' && e.role === 'US Secretary of Defence'), JSON.stringify(panel.people));
    assert.equal(panel.places[0].text, 'Iraq');
    const heads = (await call(page, 'viewTexts', '.fact-panel dt')).map((e) => e.text);
    assert.deepEqual(heads, ['Who', 'Organisations', 'Where', 'How much']);
    const entries = await call(page, 'viewTexts', '.fact-panel button.panel-entry');
    assert.equal(entries.length, Object.values(panel).flat().length);
    await screenshot(page, `facts-panel-${theme}`);
    const austin = panel.people.findIndex((e) => e.text === 'Lloyd Austin');
    assert.ok(await call(page, 'viewClick', `.fact-panel dd:nth-of-type(1) button:nth-child(${austin + 1})`));
    await new Promise((r) => setTimeout(r, 150));
    const flashed = await call(page, 'viewTexts', '.flash');
    assert.deepEqual(flashed.map((e) => [e.tag, e.text]), [['mark', 'Lloyd Austin']]);
    assert.equal((await toggle(page)).reader, false);
  }
  await settings(page, { theme: 'system' });
  await page.close();
});

test('Firefox: a German story: after the names pass the panel has its people with their roles', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/names-de/page.html`);
  const on = await toggle(page);
  assert.equal(on.reader, true);
  assert.equal(on.timings.names_error, undefined);
  const { panel } = await state(page);
  assert.ok(panel.people.some((e) => e.text === 'Burkhard Jung' && e.role === 'Oberbürgermeister'), JSON.stringify(panel.people));
  const entries = await call(page, 'viewTexts', '.fact-panel button.panel-entry');
  assert.ok(entries.some((e) => e.text.startsWith('Burkhard Jung') && e.text.includes('Oberbürgermeister')), JSON.stringify(entries));
  await screenshot(page, 'facts-panel-de');
  assert.equal((await toggle(page)).reader, false);
  await page.close();
});

test('Firefox: accessibility audit (axe-core) of the reader view in every theme', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  for (const theme of ['light', 'sepia', 'dark']) {
    await settings(page, { theme });
    assert.equal((await toggle(page)).reader, true);
    const res = await call(page, 'axe');
    assert.ok(!res?.error, res?.error);
    assert.deepEqual(res.violations.map((v) => `${v.id}: ${v.help}`), [], `${theme}: axe violations`);
    await screenshot(page, `theme-${theme}`);
    assert.equal((await toggle(page)).reader, false);
  }
  await settings(page, { theme: 'system' });
  await page.close();
});

test('Firefox: a page cannot load the add-on’s files at a fixed URL', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  assert.equal((await toggle(page)).reader, true, 'the add-on loads its own files');
  assert.equal((await toggle(page)).reader, false);
  const loaded = await page.evaluate(async (id) => {
    const out = [];
    for (const f of ['extension/view/reader.css', 'extension/pkg/lucid_core.js', 'extension/fonts/atkinson-hyperlegible-400.woff2']) {
      // By add-on id: Firefox serves files only at moz-extension://<a random UUID per install>/.
      if (await fetch(`moz-extension://${id}/${f}`).then(() => true, () => false)) out.push(f);
    }
    return out;
  }, env.ff.addonId);
  await page.close();
  assert.deepEqual(loaded, []);
});

test('Firefox: the settings panel switches theme at once; Esc closes the panel, then the view', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  await settings(page, { theme: 'system', keepDecluttered: false });
  assert.equal((await toggle(page)).reader, true);
  assert.equal((await readerView(page)).theme, 'system');
  assert.equal(await call(page, 'viewAttr', '#lucid-settings', 'hidden'), '');
  assert.ok(await call(page, 'viewClick', '.settings-toggle'));
  assert.equal(await call(page, 'viewAttr', '#lucid-settings', 'hidden'), null, 'panel open');
  for (const theme of ['sepia', 'dark', 'light']) {
    assert.ok(await call(page, 'viewClick', `label[for=lucid-theme-${theme}]`));
    assert.equal((await readerView(page)).theme, theme);
  }
  await page.keyboard.press('Escape');
  assert.equal(await call(page, 'viewAttr', '#lucid-settings', 'hidden'), '', 'Esc closes the panel first');
  await page.keyboard.press('Escape');
  await settle(100);
  assert.equal(await readerView(page), null, 'then the reader view');
  assert.equal((await state(page)).reader, false);
  await settings(page, { theme: 'system' });
  await page.close();
});

test('Firefox: the keyboard shortcut and the context menu take the toolbar’s path', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  assert.equal((await call(page, 'command', 'toggle-reader')).reader, true);
  assert.ok(await readerView(page));
  assert.equal((await call(page, 'contextMenu', 'lucid-toggle')).reader, false);
  assert.equal(await readerView(page), null);
  await page.close();
});

test('Firefox: every citation style copies what the CLI prints (context menu path)', async () => {
  const { execFileSync } = await import('node:child_process');
  const path = await import('node:path');
  const { ROOT, FIXTURES, localDay, equalOnEitherDay } = await import('./harness.mjs');
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.ff.browser, url);
  const day = localDay();
  for (const style of ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard', 'bibtex', 'ris', 'csl-json']) {
    const res = await call(page, 'copy', 'citation', style);
    assert.equal(res.ok, true, `${style}: written to the clipboard`);
    const cli = (d) => execFileSync(path.join(ROOT, 'target', 'release', 'lucid'), ['extract', path.join(FIXTURES, 'energy-daily', 'page.html'), '--url', url, '--format', style, '--accessed', d], { encoding: 'utf8' }).replace(/\n+$/, '');
    equalOnEitherDay(res.text, day, cli, style);
  }
  const md = await call(page, 'contextMenu', 'lucid-copy-markdown');
  assert.equal(md.ok, true);
  assert.match(md.text, /^# Washington, Baghdad to discuss future of foreign troops in Iraq/);
  assert.equal(md.reader, false, 'copied without opening the reader view');
  await page.close();
});

test('Firefox: gate — articles open, listings say so, and "Show it anyway" shows them', async () => {
  const { gatePages } = await import('./harness.mjs');
  for (const kind of ['positive', 'negative']) {
    for (const name of gatePages(kind)) {
      const page = await openPage(env.ff.browser, `${env.server.base}/gate/${kind}/${name}`);
      const on = await toggle(page);
      assert.equal(on.reader, true, name);
      const st = await state(page);
      if (kind === 'positive') assert.equal(st.error, undefined, `${name}: opens as an article`);
      else {
        assert.equal(st.error, 'not-an-article', `${name}: not an article`);
        const forced = await toggle(page, { force: true });
        assert.equal(forced.reader, true);
        assert.equal((await state(page)).error, undefined, `${name}: shown anyway`);
      }
      await page.close();
    }
  }
});

for (const [rel, check] of [
  ['/robustness/frameset.html', (st) => assert.equal(st.error, 'not-an-article')],
  ['/robustness/body-replaced.html', (st) => assert.equal(st.title, 'Story written by script')],
  ['/robustness/xhtml.xhtml', (st) => assert.match(st.title ?? '', /^Harbour bridge reopens after repairs/)],
  ['/generated/ads.html', (st) => assert.ok(st.title === 'Ten thousand ads' && !/Advertisement/.test(st.text))],
  ['/generated/deep.html', (st) => assert.ok(st.text ?? st.message)],
  ['/generated/empty.html', (st) => assert.ok(st.error, 'a message, not a crash')],
  ['/generated/garbage.html', (st) => assert.ok(st.error || st.text !== undefined)],
]) {
  test(`Firefox, robustness ${rel}: a clear answer, and the page given back`, async () => {
    // Firefox itself takes 23 s to load the 100,000-deep page on an idle
    // machine (without the add-on too): its load gets minutes, not 30 s.
    const page = await openPage(env.ff.browser, `${env.server.base}${rel}`, { timeout: 180_000 });
    await settings(page, { keepDecluttered: false }).catch(() => {});
    await settle(300);
    const before = await snapshot(page);
    const on = await toggle(page);
    assert.equal(on.reader, true);
    check(await state(page));
    assert.equal((await toggle(page)).reader, false);
    assert.equal(await snapshot(page), before, 'page DOM as before');
    await page.close();
  });
}

test('Firefox: printing — the print sheet is adopted and a PDF prints', async () => {
  // BiDi has no print-media emulation (Chromium's ui.test.mjs checks the
  // printed layout); here: the sheet a content script adopted is in force
  // for the page (Firefox's Xray wrappers), and printing through BiDi works.
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  await settings(page, { keepDecluttered: false });
  assert.equal((await toggle(page)).reader, true);
  const rules = await page.evaluate(() => [...document.adoptedStyleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r.media?.mediaText === 'print').map((r) => r.cssText).join(' '));
  assert.match(rules, /body\s*\{\s*display: none !important/, 'print hides the page');
  assert.match(rules, /lucid-reader\s*\{\s*position: static !important/, 'and lets the view flow');
  const pdf = await page.pdf();
  assert.ok(pdf.length > 10000 && String.fromCharCode(...pdf.subarray(0, 5)) === '%PDF-', 'a PDF');
  assert.equal((await toggle(page)).reader, false);
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, 'print sheet removed');
  await page.close();
});

test('Firefox: key facts are highlighted by kind and summed up; the switch is remembered', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  const on = await toggle(page);
  assert.equal(on.reader, true);
  // Names from the English model, fetched from the add-on after the paint.
  assert.equal(on.timings.names_error, undefined);
  assert.ok(on.timings.names_blocks > 0, `names marked in ${on.timings.names_blocks} blocks`);
  const st = await state(page);
  assert.ok(st.facts.some((f) => f.kind === 'person' && f.text === 'Lloyd Austin' && f.role === 'US Secretary of Defence'));
  const bytes = Buffer.from(st.text, 'utf8');
  for (const f of st.facts) assert.equal(bytes.subarray(f.start, f.end).toString('utf8'), f.text);
  assert.ok((await call(page, 'viewCount', 'mark.fact')) > 40, 'highlights');
  for (const kind of ['number', 'date', 'person', 'place']) assert.ok((await call(page, 'viewCount', `mark.fact-${kind}`)) > 0, kind);
  const keys = await call(page, 'viewCount', 'a.key-link');
  assert.ok(keys >= 3 && keys <= 7, `${keys} key sentences`);
  assert.equal((await toggle(page)).reader, false);
  await page.close();
});

test('Firefox: right-to-left articles are laid out right to left', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/rtl-arabic/page.html`);
  assert.equal((await toggle(page)).reader, true);
  assert.equal(await call(page, 'viewAttr', '.page', 'dir'), 'rtl');
  assert.equal(await call(page, 'viewAttr', '.page', 'lang'), 'ar');
  assert.equal(await call(page, 'viewStyle', '.page p', 'direction'), 'rtl');
  const st = await state(page);
  assert.ok(st.text.endsWith('منذ إغلاق المكتبة القديمة قبل عشر سنوات.'), 'the article arrives whole');
  await screenshot(page, 'rtl');
  assert.equal((await toggle(page)).reader, false);
  await page.close();
});

test('Firefox: messages forged by the page have no effect, and the page sees no extension API', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  for (const round of [0, 1]) {
    const noApi = await page.evaluate(() => {
      window.postMessage({ type: 'lucid:toggle' }, '*');
      window.postMessage({ type: 'lucid:state' }, '*');
      document.dispatchEvent(new CustomEvent('lucid:toggle', { detail: { type: 'lucid:toggle' } }));
      return typeof browser === 'undefined' && (typeof chrome === 'undefined' || typeof chrome.runtime?.sendMessage !== 'function');
    });
    assert.ok(noApi, 'no extension API in the page');
    await settle(150);
    assert.equal((await state(page)).reader, false, `round ${round}`);
    assert.equal(await page.evaluate(() => !!document.querySelector('lucid-reader')), false);
    if (round === 0) {
      await toggle(page);
      await toggle(page);
    }
  }
  await page.close();
});

test('Firefox: the add-on makes no network requests of its own', async () => {
  const outside = [];
  const page = await openPage(env.ff.browser, `${env.server.base}/news-jsonld-consent/page.html`);
  await settle(100);
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['moz-extension:', 'data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') outside.push(req.url());
  });
  assert.equal((await toggle(page)).reader, true);
  await settle(300);
  assert.equal((await toggle(page)).reader, false);
  await settle(100);
  assert.deepEqual(outside, [], 'requests outside the page and the add-on');
  await page.close();
});

test('Firefox: scroll position survives the round trip; PageDown scrolls the view, not the page', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/energy-daily/page.html`);
  await settings(page, { keepDecluttered: false });
  await page.setViewport({ width: 1000, height: 500 });
  await page.evaluate(() => window.scrollTo(0, 700));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 300, 'page scrolled');
  const before = await snapshot(page);
  assert.equal((await toggle(page)).reader, true);
  const behind = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('PageDown');
  assert.equal(await page.evaluate(() => window.scrollY), behind, 'the page behind did not move');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('lucid-reader'));
  assert.equal(await page.evaluate(() => window.scrollY), y, 'scroll position restored');
  assert.equal(await snapshot(page), before, 'page DOM exactly as before');
  await page.close();
});

test('Firefox: focus moves into the reader view, stays there, and comes back', async () => {
  const page = await openPage(env.ff.browser, `${env.server.base}/wordpress-blog/page.html`);
  await page.focus('a.skip-link');
  await toggle(page);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'LUCID-READER');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'LUCID-READER', `Tab ${i + 1} stays in the reader view`);
  }
  await toggle(page);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link screen-reader-text');
  await page.close();
});

test('Firefox: visible paragraphs that the reader view keeps arrive whole', async () => {
  const { pages, norm, visibleParagraphs, cutParagraphs } = await import('./paragraph-check.mjs');
  const broken = [];
  const unloadable = [];
  let kept = 0;
  // A Firefox of its own, offline: the saved pages' third-party requests are
  // refused at once rather than left to time out on a machine with no network.
  const ff = await launchFirefox({ offline: true });
  try {
    for (const rel of pages) {
      const page = await ff.browser.newPage();
      try {
        // A saved page whose own scripts navigate elsewhere (offline, Firefox
        // rejects the address) is listed, not failed: it is not the view's doing.
        try {
          await gotoSaved(page, `${env.server.base}/${rel}`, { waitUntil: 'load', timeout: 20000 });
        } catch (e) {
          unloadable.push(`${rel}: ${String(e.message).split('\n')[0].slice(0, 80)}`);
          continue;
        }
        await settings(page, { keepDecluttered: false });
        const paragraphs = (await visibleParagraphs(page)).map(norm).filter((t) => t.length >= 80);
        if (!(await toggle(page)).reader) continue;
        const r = cutParagraphs(rel, paragraphs, norm((await call(page, 'viewText')) ?? ''));
        kept += r.kept;
        broken.push(...r.broken);
      } finally {
        await page.close();
      }
    }
  } finally {
    await ff.close();
  }
  console.log(`Firefox: paragraphs kept and checked: ${kept} on ${pages.length - unloadable.length} pages; not whole: ${broken.length}; not loadable offline: ${unloadable.join('; ') || 'none'}`);
  assert.ok(unloadable.length <= 3, 'nearly every page loads');
  assert.ok(kept > 200, `enough paragraphs checked (${kept})`);
  assert.deepEqual(broken, [], 'visible paragraphs that arrive cut');
});
