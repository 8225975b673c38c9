// Key facts in the reader view: highlights with a class per kind, the "Key
// facts" box linking into the text, and the highlight switch, remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, readerQuery, readerClick, readerFocus, screenshot } from './harness.mjs';

const env = useBrowser();

const shellClass = async (page) => (await readerQuery(page, (n) => n.attrs.role === 'dialog'))[0]?.attrs.class;

test('facts are highlighted, summed up, and the switch is remembered', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const on = await toggle(env.browser.sw, tabId);
  assert.equal(on.reader, true);
  // The names came from the English model, loaded after the view painted.
  assert.equal(on.timings.names_error, undefined);
  assert.ok(on.timings.names_blocks > 0, `names marked in ${on.timings.names_blocks} blocks`);

  // The JSON carries the facts, each pointing into the text.
  const st = await state(env.browser.sw, tabId);
  const kinds = new Set(st.facts.map((f) => f.kind));
  for (const k of ['number', 'date', 'person', 'place', 'quote', 'key_sentence']) assert.ok(kinds.has(k), `facts of kind ${k}`);
  // Positions are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(st.text, 'utf8');
  for (const f of st.facts) assert.equal(bytes.subarray(f.start, f.end).toString('utf8'), f.text);
  assert.ok(st.facts.some((f) => f.kind === 'number' && f.text.includes('2,500 US troops')));
  assert.ok(st.facts.some((f) => f.kind === 'person' && f.text === 'Lloyd Austin' && f.role === 'US Secretary of Defence'));

  // Highlights in the rendered view, one class per kind.
  const marks = await readerQuery(page, (n) => n.tag === 'mark' && /\bfact-/.test(n.attrs.class ?? ''));
  assert.ok(marks.length > 40, `${marks.length} highlights`);
  assert.ok(marks.some((m) => m.attrs.class === 'fact fact-number' && m.text === 'roughly 2,500 US troops'));
  assert.ok(marks.some((m) => m.attrs.class === 'fact fact-person' && m.text === 'Sabrina Singh'));

  // The "Key facts" box: 3–7 key sentences, the lead first.
  const links = await readerQuery(page, (n) => n.tag === 'a' && n.attrs.class === 'key-link');
  assert.ok(links.length >= 3 && links.length <= 7, `${links.length} key sentences`);
  assert.match(links[0].text, /^The United States and Iraq said Thursday/);
  await screenshot(page, 'key-facts');

  // A key sentence link takes the reader to its paragraph.
  await readerClick(page, (n) => n.tag === 'a' && n.attrs.class === 'key-link' && n.text.startsWith('There are roughly 2,500'));
  await page.waitForTimeout(100);
  const flashed = await readerQuery(page, (n) => (n.attrs.class ?? '').includes('flash'));
  assert.equal(flashed.length, 1);
  assert.match(flashed[0].text, /^There are roughly 2,500 US troops/);

  // Highlighting off: remembered in storage.sync and applied to the next article.
  assert.doesNotMatch(await shellClass(page), /plain/);
  await readerClick(page, (n) => n.tag === 'button' && n.attrs.class === 'highlight-toggle');
  assert.match(await shellClass(page), /plain/);
  const pressed = (await readerQuery(page, (n) => n.attrs.class === 'highlight-toggle'))[0].attrs['aria-pressed'];
  assert.equal(pressed, 'false');
  assert.deepEqual(await env.browser.sw.evaluate(() => chrome.storage.sync.get('highlightFacts')), { highlightFacts: false });
  await toggle(env.browser.sw, tabId);

  const url2 = `${env.server.base}/news-jsonld-consent/page.html`;
  const page2 = await openPage(env.browser.context, url2);
  const tab2 = await tabIdOf(env.browser.sw, url2);
  await toggle(env.browser.sw, tab2);
  assert.match(await shellClass(page2), /plain/, 'the setting applies to the next article');
  await readerClick(page2, (n) => n.tag === 'button' && n.attrs.class === 'highlight-toggle');
  assert.doesNotMatch(await shellClass(page2), /plain/);
  assert.deepEqual(await env.browser.sw.evaluate(() => chrome.storage.sync.get('highlightFacts')), { highlightFacts: true });
  await toggle(env.browser.sw, tab2);
  await page.close();
  await page2.close();
});

test('the facts panel: who, which organisations, where and how much, ranked; each entry jumps to its first mention', async () => {
  for (const theme of ['light', 'dark']) {
    await env.browser.sw.evaluate((t) => chrome.storage.sync.set({ theme: t, highlightFacts: true }), theme);
    const url = `${env.server.base}/energy-daily/page.html`;
    const page = await openPage(env.browser.context, url);
    const tabId = await tabIdOf(env.browser.sw, url);
    const on = await toggle(env.browser.sw, tabId);
    assert.equal(on.reader, true);
    // The core's panel, in the JSON the view holds (after the names' pass).
    const { panel } = await state(env.browser.sw, tabId);
    for (const key of ['people', 'organisations', 'places', 'figures']) assert.ok(panel[key].length >= 1 && panel[key].length <= 5, `${key}: ${panel[key].length}`);
    assert.ok(panel.people.some((e) => e.text === 'Lloyd Austin' && e.role === 'US Secretary of Defence' && e.mentions >= 2), JSON.stringify(panel.people));
    assert.equal(panel.places[0].text, 'Iraq', 'the place the story is about first');
    assert.ok(panel.figures.some((e) => e.text === 'roughly 2,500 US troops'));
    assert.ok(!panel.figures.some((e) => e.text === '21st'), 'no ordinal among the figures');

    // The view shows it under its four headings.
    const heads = (await readerQuery(page, (n) => n.tag === 'dt')).map((n) => n.text);
    assert.deepEqual(heads, ['Who', 'Organisations', 'Where', 'How much']);
    const entries = await readerQuery(page, (n) => n.tag === 'button' && (n.attrs.class ?? '').startsWith('panel-entry'));
    assert.equal(entries.length, Object.values(panel).flat().length);
    assert.ok(entries.some((e) => e.text.startsWith('Lloyd Austin') && e.text.includes('US Secretary of Defence')));
    await readerFocus(page, (n) => n.tag === 'button' && (n.attrs.class ?? '').startsWith('panel-entry'));
    await screenshot(page, `facts-panel-${theme}`);

    // An entry jumps to its first mention: the mark of that name.
    await readerClick(page, (n) => n.tag === 'button' && n.attrs.class === 'panel-entry fact-person' && n.text.startsWith('Lloyd Austin'));
    await page.waitForTimeout(100);
    const flashed = await readerQuery(page, (n) => (n.attrs.class ?? '').includes('flash'));
    assert.equal(flashed.length, 1);
    assert.equal(flashed[0].tag, 'mark');
    assert.equal(flashed[0].text, 'Lloyd Austin');
    await readerClick(page, (n) => n.tag === 'button' && n.attrs.class === 'panel-entry fact-number' && n.text.startsWith('roughly 2,500'));
    await page.waitForTimeout(100);
    const figure = await readerQuery(page, (n) => /\bfact-number\b.*\bflash\b/.test(n.attrs.class ?? ''));
    assert.equal(figure[0]?.text, 'roughly 2,500 US troops');
    await toggle(env.browser.sw, tabId);
    await page.close();
  }
  await env.browser.sw.evaluate(() => chrome.storage.sync.remove('theme'));
});

test('a German story: after the names pass the panel has its people with their roles as the story gives them', async () => {
  const url = `${env.server.base}/names-de/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  const { panel, facts } = await state(env.browser.sw, tabId);
  assert.ok(panel.people.some((e) => e.text === 'Burkhard Jung' && e.role === 'Oberbürgermeister'), JSON.stringify(panel.people));
  assert.ok(facts.some((f) => f.kind === 'person' && f.text === 'Sabine Heymann' && f.role === 'Fraktionsvorsitzende'));
  const entries = await readerQuery(page, (n) => n.tag === 'button' && (n.attrs.class ?? '').startsWith('panel-entry fact-person'));
  assert.ok(entries.some((e) => e.text.startsWith('Burkhard Jung') && e.text.includes('Oberbürgermeister')), JSON.stringify(entries.map((e) => e.text)));
  await screenshot(page, 'facts-panel-de');
  await toggle(env.browser.sw, tabId);
  await page.close();
});
