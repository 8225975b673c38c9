// annotations.js: the reader's highlights as W3C Web Annotation JSON and
// back, exactly; and as Markdown with quote blocks, notes, the citation and
// the links to the passages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const { window } = load(['annotations']);
const { toWebAnnotation, fromWebAnnotation, toMarkdown } = window.lucidAnnotations;
const plain = (x) => JSON.parse(JSON.stringify(x));

const RECORDS = [
  {
    url: 'https://news.example/a', title: 'Talks on troops', site: 'Energy Daily', csl: '{"id":"a"}', saved: '2026-12-07T05:00:00.000Z',
    items: [
      { id: 'h1', color: 'green', note: '', created: '2026-12-07T04:00:00.000Z', selector: { exact: 'The United States', prefix: '', suffix: ' and Iraq', start: 0, end: 17 } },
      { id: 'h2', color: 'yellow', note: 'Check the dates.\nTwice.', created: '2026-12-07T04:01:00.000Z', selector: { exact: 'heightened tensions', prefix: 'a time of ', suffix: ' in Iraq', start: 300, end: 319 } },
    ],
  },
  { url: 'https://news.example/b', title: 'Other', site: '', csl: '', saved: '2026-12-06T05:00:00.000Z', items: [{ id: 'h3', color: 'pink', note: '', created: 'x', selector: { exact: 'word', prefix: 'a ', suffix: ' b', start: 2, end: 6 } }] },
];

test('Web Annotation JSON: an AnnotationCollection with quote and position selectors, restored exactly', () => {
  const doc = plain(toWebAnnotation(RECORDS));
  assert.equal(doc['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(doc.type, 'AnnotationCollection');
  assert.equal(doc.total, 3);
  const a = doc.first.items[1];
  assert.equal(a.type, 'Annotation');
  assert.equal(a.motivation, 'commenting');
  assert.deepEqual(a.target.selector.map((s) => s.type), ['TextQuoteSelector', 'TextPositionSelector']);
  assert.equal(a.body[0].value, 'Check the dates.\nTwice.');
  assert.deepEqual(plain(fromWebAnnotation(JSON.parse(JSON.stringify(doc)))), RECORDS);
});

test('foreign or broken input: a clear error, or the annotations it holds', () => {
  assert.throws(() => fromWebAnnotation({ hello: 1 }), /not Web Annotation JSON/);
  const other = [{ type: 'Annotation', target: { source: 'https://x.org/', selector: { type: 'TextQuoteSelector', exact: 'quoted' } } }];
  const [r] = plain(fromWebAnnotation(other));
  assert.equal(r.url, 'https://x.org/');
  assert.equal(r.items[0].selector.exact, 'quoted');
  assert.equal(r.items[0].color, 'yellow');
});

test('Markdown: quote blocks, the citation and link under each, notes after', () => {
  const md = toMarkdown(RECORDS[0], { reference: 'Dunlop, W. G. (2024). Talks on troops. Energy Daily.', cite: (exact) => ({ citation: '(Dunlop, 2024)', link: `https://news.example/a#:~:text=${encodeURIComponent(exact)}` }) });
  assert.equal(md, [
    '# Talks on troops', '', 'Dunlop, W. G. (2024). Talks on troops. Energy Daily.', '',
    '> The United States', '>', '> — (Dunlop, 2024) [↗](https://news.example/a#:~:text=The%20United%20States)', '',
    '> heightened tensions', '>', '> — (Dunlop, 2024) [↗](https://news.example/a#:~:text=heightened%20tensions)', '',
    'Check the dates.\nTwice.', '',
  ].join('\n'));
  assert.match(toMarkdown(RECORDS[1]), /^# Other\n\nhttps:\/\/news.example\/b\n\n> word\n$/);
});
