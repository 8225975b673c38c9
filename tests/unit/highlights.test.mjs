// highlights.js: where a kept highlight is found again — the exact text,
// the occurrence whose prefix and suffix agree best, the position hint
// breaking ties, nothing when the text is gone; the storage key per article.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const { window } = load(['highlights']);
const { anchor, keyOf } = window.lucidHighlights;
const index = (text) => ({ text, nodes: [] });

test('the occurrence whose context agrees, not the first', () => {
  const text = 'The mayor said no. Later the council said no again, and the mayor said no.';
  const second = text.lastIndexOf('said no');
  const sel = { exact: 'said no', prefix: 'and the mayor ', suffix: '.', start: 3 };
  assert.deepEqual({ ...anchor(index(text), sel) }, { start: second, end: second + 7 });
});

test('an edit around the passage keeps it; the position breaks a tie', () => {
  const sel = { exact: 'forty homes', prefix: 'It will build ', suffix: ' by 2027.', start: 14 };
  const edited = 'The city says it will now build forty homes by 2027.';
  assert.equal(anchor(index(edited), sel).start, edited.indexOf('forty homes'));
  const twice = 'forty homes here, forty homes there';
  assert.equal(anchor(index(twice), { exact: 'forty homes', prefix: '', suffix: '', start: 18 }).start, 18);
  assert.equal(anchor(index(twice), { exact: 'forty homes', prefix: '', suffix: '', start: 0 }).start, 0);
});

test('a passage no longer in the text is not found', () => {
  assert.equal(anchor(index('Nothing of it is left.'), { exact: 'forty homes', prefix: '', suffix: '', start: 0 }), null);
  assert.equal(anchor(index('anything'), null), null);
});

test('one storage key per article, without the fragment', () => {
  assert.equal(keyOf('https://news.example/a/b?x=1#part-2'), 'hl:https://news.example/a/b?x=1');
  assert.equal(keyOf('https://news.example/a/b'), keyOf('https://news.example/a/b#top'));
});
