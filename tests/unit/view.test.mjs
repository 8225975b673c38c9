// view.js: the article is built node by node from the core's tree, through
// an allow-list of tags, attributes and URL schemes; dates are written as
// the page states them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const { window } = load(['core', 'view']);
const { buildNode, formatDate } = window.lucidView;
const html = (tree) => {
  const n = buildNode(tree);
  return n === null ? null : n.nodeType === 3 ? n.data : n.outerHTML;
};

test('only allowed tags are built; the rest is dropped with what it holds', () => {
  assert.equal(html(['script', {}, 'alert(1)']), null);
  assert.equal(html(['iframe', { src: 'https://x.example' }]), null);
  assert.equal(html(['p', {}, 'a ', ['svg', {}, ['script', {}, 'x']], 'b']), '<p>a b</p>');
  assert.equal(html('<b>not markup</b>'), '<b>not markup</b>'); // text stays text
  assert.equal(buildNode('<b>x</b>').nodeType, 3);
});

test('attributes outside the allow-list and unsafe URLs are dropped', () => {
  assert.equal(html(['p', { onclick: 'x()', style: 'color:red', class: 'lead', id: 'a' }, 'x']), '<p class="lead">x</p>');
  assert.equal(html(['a', { href: 'javascript:alert(1)' }, 'x']), '<a rel="noopener noreferrer">x</a>');
  assert.equal(html(['a', { href: ' JaVaScRiPt:x' }, 'x']), '<a rel="noopener noreferrer">x</a>');
  assert.equal(html(['a', { href: 'https://ok.example/' }, 'x']), '<a href="https://ok.example/" rel="noopener noreferrer">x</a>');
  assert.equal(html(['img', { src: 'data:image/svg+xml,<svg onload=alert(1)>' }]), '<img loading="lazy" referrerpolicy="no-referrer">');
  assert.equal(html(['img', { src: 'data:image/png;base64,AAAA', alt: 'a' }]), '<img src="data:image/png;base64,AAAA" alt="a" loading="lazy" referrerpolicy="no-referrer">');
});

test('a date is the calendar date the page wrote, in its own time zone', () => {
  assert.equal(formatDate('2024-11-19T22:14:00-05:00', 'en'), 'November 19, 2024');
  assert.equal(formatDate('2024-11-19T23:30:00+14:00', 'en-GB'), '19 November 2024');
  assert.equal(formatDate('2024-03', 'en'), 'March 2024');
  assert.equal(formatDate('2024', 'en'), '2024');
  assert.equal(formatDate('', 'en'), '');
  assert.equal(formatDate('last Tuesday', 'en'), 'last Tuesday');
  assert.equal(formatDate('2024-11-19', 'not a language tag!'), formatDate('2024-11-19', undefined));
});
