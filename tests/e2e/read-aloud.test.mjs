// Read aloud in Chromium (extension/view/read-aloud.js): the article spoken
// sentence by sentence through the Web Speech API — here the test build's
// stand-in (tests/e2e/speech/speech-stub.js records each utterance; headless
// Chromium has no voices) —, the sentence highlighted and kept in view, the
// toolbar, mouse and keyboard controls, voice and speed remembered, speech
// stopped with the view, and axe-core clean with the controls open in every
// theme. The same flows run in Firefox (firefox.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, readerClick, readerFocus, screenshot, poll } from './harness.mjs';

const env = useBrowser();
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
const sw = () => env.browser.sw;
const readAloud = (tabId, cmd, arg) => sw().evaluate(([id, c, a]) => globalThis.lucid.readAloud(id, c, a), [tabId, cmd, arg]);
const stub = (tabId, opts) => sw().evaluate(([id, o]) => globalThis.lucid.speechStub(id, o), [tabId, opts]);
const stored = () => sw().evaluate(() => chrome.storage.sync.get(null));
// (The stub's events come on later tasks: wait for the state.)
const until = (tabId, pred, what) => poll(() => readAloud(tabId, 'state'), pred, what);

async function openArticle(name = 'energy-daily', stubOpts = { auto: 0 }) {
  const url = `${env.server.base}/${name}/page.html`;
  // (One tab per test: a failed test's tab is closed first.)
  for (const p of env.browser.context.pages()) if (p.url() === url) await p.close();
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(sw(), url);
  assert.deepEqual((await stub(tabId, stubOpts)).ok, true, 'speech stub in place');
  assert.equal((await toggle(sw(), tabId)).reader, true);
  return { page, tabId };
}

test('read aloud: Listen speaks the article sentence by sentence, highlighted, with its controls', async () => {
  await sw().evaluate(() => chrome.storage.sync.clear());
  const { page, tabId } = await openArticle();
  assert.equal((await readAloud(tabId, 'state')).open, false, 'closed until asked');
  // The toolbar button, clicked with the mouse.
  await readerClick(page, (n) => n.attrs.class === 'listen-toggle');
  let s = await until(tabId, (x) => x.speaking, 'speaking after Listen');
  assert.equal(s.open, true);
  assert.equal(s.sentence, 0);
  assert.ok(s.sentences > 15, `sentences found: ${s.sentences}`);
  assert.equal(s.text, 'Washington, Baghdad to discuss future of foreign troops in Iraq', 'the title is read first');
  assert.equal(s.highlighted, s.text, 'the sentence being read is highlighted');
  let log = (await stub(tabId, {})).log;
  assert.equal(log.length, 1);
  assert.deepEqual(log[0], { text: s.text, lang: 'en', rate: 1, voice: null });

  // An utterance that ends moves on to the next sentence.
  await stub(tabId, { finish: true });
  s = await until(tabId, (x) => x.sentence === 1 && x.speaking, 'next sentence after the end of one');
  assert.match(s.text, /^The United States and Iraq said Thursday/);
  assert.equal(s.highlighted, s.text);
  log = (await stub(tabId, {})).log;
  assert.equal(log.at(-1).text, s.text);

  // Next / previous; pause keeps the place, resume reads that sentence again.
  assert.equal((await readAloud(tabId, 'next')).sentence, 2);
  assert.equal((await readAloud(tabId, 'previous')).sentence, 1);
  s = await readAloud(tabId, 'pause');
  assert.equal(s.speaking, false);
  const spoken = (await stub(tabId, {})).log.length;
  await settle(100);
  assert.equal((await stub(tabId, {})).log.length, spoken, 'nothing spoken while paused');
  s = await readAloud(tabId, 'resume');
  assert.equal(s.speaking, true);
  assert.equal(s.sentence, 1);
  assert.equal((await stub(tabId, {})).log.at(-1).text, s.text, 'resume reads the sentence again');

  // Keyboard: → and ← move a sentence; Space (outside a button) plays and pauses.
  await readerFocus(page, (n) => n.attrs.class === 'listen-next');
  await page.keyboard.press('ArrowRight');
  assert.equal((await readAloud(tabId, 'state')).sentence, 2);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await readAloud(tabId, 'state')).sentence, 1);
  await readerFocus(page, (n) => n.attrs.role === 'dialog');
  await page.keyboard.press(' ');
  assert.equal((await readAloud(tabId, 'state')).speaking, false, 'Space pauses');
  await page.keyboard.press(' ');
  assert.equal((await readAloud(tabId, 'state')).speaking, true, 'Space plays');

  // A click on a sentence reads from there.
  const at = await readAloud(tabId, 'rect', 6);
  assert.ok(at, 'sentence 6 is on screen');
  await page.mouse.click(at.x, at.y);
  s = await readAloud(tabId, 'state');
  assert.equal(s.sentence, 6, 'reading from the clicked sentence');
  assert.equal((await stub(tabId, {})).log.at(-1).text, s.text);
  await screenshot(page, 'read-aloud');

  // Speed from the panel: the next utterance uses it, and it is remembered.
  await readerFocus(page, (n) => n.attrs.class === 'listen-rate');
  await page.keyboard.press('ArrowDown');
  await until(tabId, (x) => x.rate === 1.25, 'rate 1.25 chosen');
  assert.equal((await stub(tabId, {})).log.at(-1).rate, 1.25);
  assert.equal((await stored()).readAloudRate, 1.25);

  // Esc closes the controls and stops; the view stays; Esc again closes it.
  await readerFocus(page, (n) => n.attrs.role === 'dialog');
  await page.keyboard.press('Escape');
  s = await readAloud(tabId, 'state');
  assert.equal(s.open, false);
  assert.equal(s.speaking, false);
  assert.equal(s.highlighted, null, 'highlight gone');
  await page.keyboard.press('Escape');
  assert.equal((await readAloud(tabId, 'state')).error, 'no-reader-view');
  await page.close();
});

test('read aloud: utterances end and the next begins, in order, kept in view unless the reader scrolls away; closing the view stops speech', async () => {
  const { page, tabId } = await openArticle('energy-daily', { auto: 15 });
  const { all } = await readAloud(tabId, 'list');
  assert.equal((await readAloud(tabId, 'start')).speaking, true);
  await until(tabId, (x) => x.sentence >= 8, 'eight sentences read on their own');
  const log = (await stub(tabId, {})).log.map((l) => l.text);
  assert.deepEqual(log, all.slice(0, log.length), 'every sentence once, in order');
  // A sentence far down: the view scrolls to it.
  await stub(tabId, { auto: 60 });
  const s = await readAloud(tabId, 'start', all.length - 12);
  assert.equal(s.inView, true, 'the sentence being read is on screen');
  assert.ok(s.scrollTop > 0, 'the view scrolled to it');
  // The reader scrolls back up: the voice reads on without pulling the view back.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, -5000);
  await settle(50);
  const top = (await readAloud(tabId, 'state')).scrollTop;
  assert.ok(top < s.scrollTop, 'scrolled up');
  const moved = await until(tabId, (x) => x.sentence >= s.sentence + 3, 'reading on');
  assert.equal(moved.scrollTop, top, 'the reader’s scroll position kept');
  // Closing the view cancels speech.
  await toggle(sw(), tabId);
  const after = (await stub(tabId, {})).log.length;
  await settle(150);
  assert.equal((await stub(tabId, {})).log.length, after, 'nothing spoken once the view is closed');
  await page.close();
});

test('read aloud: the article language’s voices come first and the chosen one is remembered', async () => {
  await sw().evaluate(() => chrome.storage.sync.clear());
  const { page, tabId } = await openArticle();
  let s = await readAloud(tabId, 'start');
  assert.deepEqual(s.voices, ['', 'test-en', 'test-de'], 'default, then English (the article’s), then the rest');
  await readerFocus(page, (n) => n.attrs.class === 'listen-voice');
  await page.keyboard.press('ArrowDown');
  s = await until(tabId, (x) => x.voice === 'test-en', 'voice chosen');
  assert.equal((await stub(tabId, {})).log.at(-1).voice, 'test-en', 'the next utterance uses it');
  assert.equal((await stored()).readAloudVoice, 'test-en');
  await toggle(sw(), tabId);
  await toggle(sw(), tabId);
  s = await readAloud(tabId, 'start');
  assert.equal(s.voice, 'test-en', 'remembered for the next article');
  await toggle(sw(), tabId);
  await page.close();
  await sw().evaluate(() => chrome.storage.sync.clear());
});

test('read aloud: axe-core finds no violations with the controls open, in every theme', async () => {
  for (const theme of ['light', 'dark', 'sepia']) {
    await sw().evaluate((t) => chrome.storage.sync.set({ theme: t }), theme);
    const { page, tabId } = await openArticle();
    await readAloud(tabId, 'start');
    const res = await sw().evaluate((id) => globalThis.lucid.axe(id), tabId);
    assert.equal(res.error, undefined, res.error);
    assert.deepEqual(res.violations, [], `${theme}: ${JSON.stringify(res.violations, null, 1)}`);
    if (theme === 'dark') await screenshot(page, 'read-aloud-dark');
    await toggle(sw(), tabId);
    await page.close();
  }
  await sw().evaluate(() => chrome.storage.sync.clear());
});

test('read aloud: a system without a speech engine gets a clear message, not silence', async () => {
  const { page, tabId } = await openArticle();
  assert.equal((await readAloud(tabId, 'start')).speaking, true);
  await stub(tabId, { fail: true });
  const s = await until(tabId, (x) => !x.speaking, 'stopped on the error');
  assert.match(s.status, /no speech engine or voice/);
  await toggle(sw(), tabId);
  await page.close();
});
