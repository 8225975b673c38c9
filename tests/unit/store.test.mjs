// store.js: settings come with their defaults; storage.local is written only
// when something changed (a page opened and closed at its top writes
// nothing), and a remembered pick is found again on the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, fakeApi } from './harness.mjs';

const PAGE = '<!doctype html><body><nav>menu</nav><main id="content"><p>The story.</p></main></body>';

test('settings: stored values over the defaults', async () => {
  const { window } = load(['store'], { api: fakeApi({ sync: { theme: 'dark', fontSize: 24 } }) });
  const s = await window.lucidStore.loadSettings();
  assert.equal(s.theme, 'dark');
  assert.equal(s.fontSize, 24);
  assert.equal(s.font, 'serif');
  assert.deepEqual(Object.keys(s).sort(), Object.keys(window.lucidStore.DEFAULTS).sort());
});

test('the reading position is written only when there is one to keep or forget', async () => {
  const api = fakeApi();
  const { window } = load(['store', 'navigate'], { api, html: PAGE });
  const { keepPosition, loadLocal } = window.lucidStore;
  await keepPosition(0); // opened and closed at the top
  assert.equal(api.storage.local.writes.length, 0);
  await keepPosition(0.5);
  assert.equal(api.storage.local.writes.length, 1);
  assert.equal(api.storage.local.data.positions['https://news.example/story'].f, 0.5);
  assert.equal((await loadLocal()).positions['https://news.example/story'].f, 0.5, 'the cached copy follows');
  await keepPosition(1); // read to the end: forgotten
  assert.equal(api.storage.local.writes.length, 2);
  assert.deepEqual(api.storage.local.data.positions, {});
  await keepPosition(0);
  assert.equal(api.storage.local.writes.length, 2);
});

test('a pick is remembered for the site by a selector, found again, and forgotten', async () => {
  const api = fakeApi({ local: { picks: { 'other.example': 'main' } } });
  const { window, document } = load(['store', 'picker'], { api, html: PAGE });
  const { rememberPick, rememberedRoot, loadLocal } = window.lucidStore;
  await rememberPick(document.getElementById('content'), true);
  assert.deepEqual(api.storage.local.data.picks, { 'other.example': 'main', 'news.example': '#content' });
  // (jsdom lays nothing out: a shown element is one with client rects.)
  window.HTMLElement.prototype.getClientRects = function () { return [{}]; };
  assert.equal(rememberedRoot((await loadLocal()).picks), document.getElementById('content'));
  assert.equal(rememberedRoot({ 'news.example': '#gone' }), null);
  assert.equal(rememberedRoot({ 'news.example': 'body' }), null, 'never the whole body');
  assert.equal(rememberedRoot({ 'news.example': '[[bad' }), null, 'a broken selector is no pick');
  window.HTMLElement.prototype.getClientRects = function () { return []; };
  assert.equal(rememberedRoot({ 'news.example': '#content' }), null, 'a hidden element is no pick');
  await rememberPick(document.getElementById('content'), false);
  assert.deepEqual(api.storage.local.data.picks, { 'other.example': 'main' });
});
