// Broken and unusual pages: the reader view says what it can, nothing crashes,
// and the page is left exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, openPage, tabIdOf, toggle, state, readerView, snapshot, ROOT } from './harness.mjs';

// Every round trip here must give the page back byte for byte: decluttering
// runs on these hostile pages and is then taken back ("Keep the page
// decluttered" off).
const env = useBrowser({ keepDecluttered: false });

async function roundTrip(rel, check) {
  const url = `${env.server.base}${rel}`;
  const page = await openPage(env.browser.context, url);
  await page.waitForTimeout(300);
  const before = await snapshot(page);
  const tabId = await tabIdOf(env.browser.sw, url);
  const on = await toggle(env.browser.sw, tabId);
  await check(on, page, tabId);
  if (on.reader) assert.equal((await toggle(env.browser.sw, tabId)).reader, false);
  assert.equal(await snapshot(page), before, `${rel}: page DOM as before`);
  await page.close();
}

test('a frameset page says there is no article', async () => {
  await roundTrip('/robustness/frameset.html', async (on, page, tabId) => {
    assert.equal(on.reader, true);
    assert.equal((await state(env.browser.sw, tabId)).error, 'not-an-article');
  });
});

test('a page whose body a script replaced after load shows the new story', async () => {
  await roundTrip('/robustness/body-replaced.html', async (on, page, tabId) => {
    const st = await state(env.browser.sw, tabId);
    assert.equal(st.title, 'Story written by script');
    assert.match(st.text, /^The story arrived after the page loaded/);
  });
});

test('an XHTML page (served as application/xhtml+xml: outerHTML is an XML serialisation) shows its story', async () => {
  await roundTrip('/robustness/xhtml.xhtml', async (on, page, tabId) => {
    assert.equal(on.reader, true);
    const st = await state(env.browser.sw, tabId);
    assert.equal(st.error, undefined, st.detail);
    assert.match(st.title, /^Harbour bridge reopens after repairs/);
    assert.match(st.text, /^The harbour bridge reopened to traffic on Saturday morning/);
    assert.match(st.text, /The mayor, Elena Brook, said the bridge would be inspected every year/);
    assert.doesNotMatch(st.text, /CDATA|setAttribute|Coastal Times News/);
    assert.equal(await page.evaluate(() => document.contentType), 'application/xhtml+xml');
  });
});

test('10,000 ads', async () => {
  await roundTrip('/generated/ads.html', async (on, page, tabId) => {
    const st = await state(env.browser.sw, tabId);
    assert.equal(st.title, 'Ten thousand ads');
    assert.doesNotMatch(st.text, /Advertisement/);
    assert.ok(st.text.length > 10000);
  });
});

test('100,000-deep nesting', async () => {
  await roundTrip('/generated/deep.html', async (on, page, tabId) => {
    const st = await state(env.browser.sw, tabId);
    assert.equal(on.reader, true);
    assert.match(st.text ?? st.message, /A paragraph of the story|article/);
  });
});

test('an empty document', async () => {
  await roundTrip('/generated/empty.html', async (on, page, tabId) => {
    assert.equal(on.reader, true);
    assert.ok((await state(env.browser.sw, tabId)).error, 'a message, not a crash');
  });
});

test('binary garbage served as HTML', async () => {
  await roundTrip('/generated/garbage.html', async (on, page, tabId) => {
    assert.equal(on.reader, true);
    const st = await state(env.browser.sw, tabId);
    assert.ok(st.error, 'a message, not a crash');
    assert.match((await readerView(page)).text, /Reader view unavailable/);
  });
});

test('an SVG image in a tab is left alone', async () => {
  await roundTrip('/robustness/image.svg', async (on) => {
    assert.equal(on.reader, false);
    assert.equal(on.error, 'not-html');
  });
});

test('a page holding a sandboxed iframe', async () => {
  await roundTrip('/robustness/sandboxed-iframe.html', async (on, page, tabId) => {
    assert.equal(on.reader, true);
    const frame = page.frames().find((f) => f.url().endsWith('/energy-daily/page.html'));
    assert.ok(frame, 'the framed page is there');
    assert.equal(await frame.evaluate(() => !!document.querySelector('lucid-reader')), false, 'nothing injected into the frame');
  });
});

test('browser pages and file:// pages cannot be injected: a clear answer, no change', async () => {
  for (const url of ['chrome://version/', pathToFileURL(path.join(ROOT, 'tests/fixtures/energy-daily/page.html')).href]) {
    const page = await openPage(env.browser.context, url);
    const tabId = await tabIdOf(env.browser.sw, url);
    const before = await snapshot(page);
    const res = await toggle(env.browser.sw, tabId);
    assert.equal(res.reader, false, url);
    assert.equal(res.error, 'not-injectable', url);
    assert.equal(await snapshot(page), before);
    await page.close();
  }
});

test('a 50 MB page through the lucid CLI', () => {
  const para = '<p>' + 'A paragraph of the story, with commas, clauses, and enough words to count as prose. '.repeat(6) + '</p>';
  const block = `<div class="wrap">${para.repeat(40)}<ul>${'<li><a href="/x">link</a></li>'.repeat(40)}</ul></div>`;
  const file = path.join(os.tmpdir(), `lucid-50mb-${process.pid}.html`);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '<html><head><title>Fifty megabytes</title></head><body><article><h1>Fifty megabytes</h1>');
  for (let size = 0; size < 50 * 1024 * 1024; size += block.length) fs.writeSync(fd, block);
  fs.writeSync(fd, '</article></body></html>');
  fs.closeSync(fd);
  try {
    const out = execFileSync(path.join(ROOT, 'target/release/lucid'), ['extract', file, '--format', 'text'], { maxBuffer: 200 * 1024 * 1024 });
    assert.ok(out.length > 40 * 1024 * 1024, `${out.length} bytes of text`);
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test('a panic in the core is a clear error, and the next use starts afresh', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  const before = await snapshot(page);
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  const res = await env.browser.sw.evaluate((id) => globalThis.lucid.selftestPanic(id), tabId);
  assert.equal(res.panicked, true);
  assert.match(res.error, /RuntimeError|unreachable/);
  assert.equal(res.page_unchanged, true);
  assert.ok(logs.some((l) => l.includes('lucid self-test panic')), 'the panic hook logged the panic message');
  assert.equal(await snapshot(page), before, 'page unchanged');
  const on = await toggle(env.browser.sw, tabId);
  assert.equal(on.reader, true);
  assert.equal((await state(env.browser.sw, tabId)).title, 'Washington, Baghdad to discuss future of foreign troops in Iraq', 'a fresh module works');
  await toggle(env.browser.sw, tabId);
  assert.equal(await snapshot(page), before);
  await page.close();
});

test('extension pages have a strict CSP', async () => {
  const csp = (await env.browser.sw.evaluate(() => chrome.runtime.getManifest())).content_security_policy.extension_pages;
  for (const d of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    assert.ok(csp.includes(d), d);
  }
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
});
