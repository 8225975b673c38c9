// core.js: the page's markup is written into the core's memory as UTF-8
// without a copy of it in between; when the first guess at its size is too
// small (text that is not mostly ASCII) the buffer grows, and memory growth
// (which detaches the old ArrayBuffer) loses nothing. A stand-in core keeps
// its buffer the way the real one's markupBuffer does.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './harness.mjs';

// markupBuffer(room, keep): a buffer of `room` bytes that starts with the
// first `keep` bytes of the previous one (moved, as a reallocation moves it).
function fakeCore() {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 512 });
  let at = 0;
  const core = {
    memory,
    calls: [],
    markupBuffer(room, keep) {
      core.calls.push([room, keep]);
      const next = at === 0 ? 1024 : 0; // move it every time
      const need = next + room + 1024;
      if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      const bytes = new Uint8Array(memory.buffer);
      bytes.copyWithin(next, at, at + keep);
      at = next;
      return at;
    },
    extract(length, url, options) {
      const html = new TextDecoder().decode(new Uint8Array(memory.buffer, at, length));
      return JSON.stringify({ html, url, options: JSON.parse(options) });
    },
  };
  return core;
}

const PAGE = (text) => `<!doctype html><html lang="x"><head><title>T</title><script>var x = 1;</script></head><body><p>${text}</p></body></html>`;

function extract(text) {
  const { window } = load(['markup', 'core'], { html: PAGE(text) });
  const core = fakeCore();
  const { article, timings } = window.lucidCore.extractArticle(core);
  return { article, timings, core, expected: window.lucidPageMarkup(window.document) };
}

test('ASCII markup is written in one go', () => {
  const { article, timings, core, expected } = extract('plain text & more');
  assert.equal(article.html, expected);
  assert.equal(timings.markup_bytes, Buffer.byteLength(expected));
  assert.equal(core.calls.length, 1);
  assert.equal(article.url, 'https://news.example/story');
  assert.equal(article.options.force, false);
  assert.match(article.options.accessed, /^\d{4}-\d{2}-\d{2}$/);
});

test('text of 2-, 3- and 4-byte characters grows the buffer and arrives whole', () => {
  const text = 'Ünïcödé — 漢字かなカナ한국어 🙂🙃 '.repeat(20000); // ~1 MB of UTF-8: memory grows
  const { article, timings, core, expected } = extract(text);
  assert.ok(core.calls.length > 1, 'the first guess was too small');
  assert.ok(core.calls.every(([room, keep], i) => i === 0 || keep > 0 && room > keep));
  assert.equal(timings.markup_bytes, Buffer.byteLength(expected));
  assert.equal(article.html, expected);
});

test('a lone surrogate is written as U+FFFD, as a browser encodes it', () => {
  const { article } = extract('a\ud800b');
  assert.match(article.html, /a\ufffdb/);
});

test('errors are reported by their code; anything else is internal', () => {
  const { window } = load(['core']);
  const { errorOf, message } = window.lucidCore;
  assert.deepEqual(errorOf({ code: 'not-an-article', message: 'm' }), { code: 'not-an-article', message: 'm' });
  assert.equal(errorOf(new Error('boom')).code, 'internal');
  assert.equal(errorOf('boom').message, 'boom');
  assert.match(message('not-an-article'), /doesn’t look like an article/);
  assert.equal(message('no-such-code'), message('internal'));
});
