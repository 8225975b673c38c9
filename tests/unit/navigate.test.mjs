// navigate.js: where a page was left, kept a week, at most 100 pages, and
// nothing written for a page opened and closed at its top.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const { window } = load(['navigate']);
const { withPosition, positionOf } = window.lucidNavigate;
const DAY = 24 * 3600 * 1000;

test('a position in the article is kept, the top and the end are not', () => {
  const none = {};
  assert.equal(withPosition(none, 'u', 0), none, 'the same object: nothing to write');
  assert.equal(withPosition(none, 'u', 1), none);
  const kept = withPosition(none, 'u', 0.4);
  assert.notEqual(kept, none);
  assert.equal(kept.u.f, 0.4);
  assert.equal(positionOf(kept, 'u'), 0.4);
  const finished = withPosition(kept, 'u', 0.99);
  assert.equal('u' in finished, false, 'read to the end: forgotten');
  assert.equal('u' in kept, true, 'the old object is not changed');
});

test('a position older than a week is not offered', () => {
  const old = { u: { f: 0.5, at: Date.now() - 8 * DAY } };
  assert.equal(positionOf(old, 'u'), null);
  assert.equal(positionOf({ u: { f: 0.5, at: Date.now() - 6 * DAY } }, 'u'), 0.5);
  assert.equal(positionOf(undefined, 'u'), null);
  assert.equal(positionOf({}, 'u'), null);
});

test('the 100 newest positions are kept', () => {
  let p = {};
  const now = Date.now();
  for (let i = 0; i < 105; i += 1) p[`u${i}`] = { f: 0.5, at: now - (200 - i) * 1000 };
  p = withPosition(p, 'new', 0.3);
  assert.equal(Object.keys(p).length, 100);
  assert.ok('new' in p);
  for (let i = 0; i < 6; i += 1) assert.equal(`u${i}` in p, false, `u${i} is among the oldest`);
  assert.ok('u6' in p);
});
