// picker.js's selectorFor: what is remembered for a site is a selector made
// of stable ids and classes (no generated ones) that finds the picked
// element again, and only it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const PAGE = `<!doctype html><body>
  <div id="app-93817265"><div class="layout">
    <section class="col"><article class="story story-98121"><p>one</p></article></section>
    <section class="col"><article class="story"><p>two</p></article></section>
  </div></div>
  <main id="content"><div class="text"><p>a</p><p>b</p></div></main>
  <table><tr><td class="c">x</td><td class="c">story text</td></tr></table>
</body>`;
const { document, window } = load(['picker'], { html: PAGE });
const { selectorFor } = window.lucidPicker;

// The selector finds `el` and nothing else.
function roundTrip(el) {
  const sel = selectorFor(el);
  assert.ok(sel, 'a selector');
  const found = document.querySelectorAll(sel);
  assert.equal(found.length, 1, sel);
  assert.equal(found[0], el, sel);
  return sel;
}

test('an element with a stable id is found by it', () => {
  assert.equal(roundTrip(document.getElementById('content')), '#content');
  assert.equal(roundTrip(document.querySelector('#content .text')), 'div.text', 'unique as it is: no more is needed');
});

test('generated ids and classes (long runs of digits) are never used', () => {
  const second = document.querySelectorAll('article')[1];
  const sel = roundTrip(second);
  assert.doesNotMatch(sel, /93817265|98121/);
  const first = roundTrip(document.querySelectorAll('article')[0]);
  assert.doesNotMatch(first, /93817265|98121/);
  assert.notEqual(first, sel);
});

test('siblings that look alike are told apart by their place', () => {
  const cell = document.querySelectorAll('td')[1];
  assert.match(roundTrip(cell), /td\.c:nth-of-type\(2\)$/);
  const p = document.querySelectorAll('#content p')[1];
  assert.match(roundTrip(p), /p:nth-of-type\(2\)$/);
});
