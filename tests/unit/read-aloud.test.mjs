// read-aloud.js's sentencesOf: the article's text is split into sentences
// block by block (by the core in the extension; here by a stand-in that
// splits after . ! ?), each a DOM range over the text nodes it spans, so the
// highlight covers exactly the sentence whatever inline markup it crosses.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

const ARTICLE = `<!doctype html><body><article>
  <header><p class="site">Example News</p><h1>A title</h1><p class="meta">By Someone · 3 min read</p></header>
  <section class="key-facts"><p>Not read: the key facts box.</p></section>
  <div class="body">
    <p>First <em>sentence</em> here. Second one, <a href="#">with a <b>link</b></a>! Third?</p>
    <ul><li>Item one. <ul><li>Nested item.</li></ul></li></ul>
    <p>Ruby <ruby>漢<rt>kan</rt></ruby> stays.</p>
  </div>
  <footer class="print-citation">Printed only.</footer>
</article></body>`;
const { document, window } = load(['read-aloud'], { html: ARTICLE });
const { sentencesOf } = window.lucidReadAloud;

// UTF-16 [start, end, start, end…] of each sentence, as the core's splitter gives them.
function split(text) {
  const out = [];
  const re = /[^.!?]+[.!?]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const trail = m[0].length - m[0].trimEnd().length;
    if (m[0].trim()) out.push(m.index + lead, m.index + m[0].length - trail);
  }
  return out;
}

test('sentences in reading order, block by block; site, meta, key facts, print line and ruby text skipped', () => {
  const list = sentencesOf(document.querySelector('article'), split);
  assert.deepEqual(Array.from(list, (s) => s.text), [
    'A title',
    'First sentence here.',
    'Second one, with a link!',
    'Third?',
    'Item one.',
    'Nested item.',
    'Ruby 漢 stays.',
  ]);
});

test('each range covers exactly its sentence across inline elements', () => {
  const list = sentencesOf(document.querySelector('article'), split);
  // (The ruby's annotation is inside the range, highlighted with its base, and not read.)
  const spoken = (range) => {
    const part = range.cloneContents();
    part.querySelectorAll('rt, rp').forEach((n) => n.remove());
    return part.textContent.replace(/\s+/g, ' ').trim();
  };
  for (const { range, text } of list) assert.equal(spoken(range), text);
  const second = list[2].range;
  assert.equal(second.startContainer.data.slice(second.startOffset).trimStart().slice(0, 6), 'Second');
  assert.equal(second.endContainer.parentElement.localName, 'p', 'ends after the link, in the paragraph');
});

test('a block with no text gives no sentences; a splitter that finds none gives none', () => {
  const { document: d } = load(['read-aloud'], { html: '<article><p> </p><p>Text.</p></article>' });
  assert.equal(sentencesOf(d.querySelector('article'), split).length, 1);
  assert.equal(sentencesOf(d.querySelector('article'), () => []).length, 0);
});
