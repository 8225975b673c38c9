// Hostile pages through the built extension: no injected script runs when the
// reader view is shown and closed, the extension makes no network requests of
// its own, and messages a page forges have no effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, tabIdOf, toggle, state, fixtures, VECTORS } from './harness.mjs';

const env = useBrowser();
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

test(`${VECTORS.length} injection vectors: nothing fires through the reader view`, async () => {
  const page = await env.browser.context.newPage();
  // Control: a payload that does run is seen by the server.
  await page.goto(`${env.server.base}/vector/0.html`, { waitUntil: 'load' });
  await page.evaluate(() => fetch('/cb/control'));
  assert.ok(env.server.requests.includes('/cb/control'), 'callbacks are detected');
  const fired = [];
  for (let i = 0; i < VECTORS.length; i++) {
    const url = `${env.server.base}/vector/${i}.html`;
    await page.goto(url, { waitUntil: 'load' });
    await settle(50);
    const seen = env.server.requests.length;
    const tabId = await tabIdOf(env.browser.sw, url);
    const on = await toggle(env.browser.sw, tabId);
    assert.equal(on.reader, true, VECTORS[i].name);
    await settle(150); // handlers, image errors, style loads would happen now
    assert.equal((await toggle(env.browser.sw, tabId)).reader, false);
    await settle(50);
    const callbacks = env.server.requests.slice(seen).filter((u) => u.startsWith('/cb/'));
    if (callbacks.length) fired.push(`${VECTORS[i].name}: ${callbacks.join(', ')}`);
  }
  await page.close();
  assert.deepEqual(fired, [], 'payloads that ran');
});

test('the extension makes no network requests of its own', async () => {
  const outside = [];
  const watch = (req) => {
    const u = new URL(req.url());
    const ours = u.protocol === 'chrome-extension:' || u.protocol === 'data:' || u.hostname === '127.0.0.1';
    if (!ours) outside.push(req.url());
  };
  env.browser.context.on('request', watch);
  for (const { name, expected } of fixtures()) {
    if (expected.error) continue;
    const url = `${env.server.base}/${name}/page.html`;
    const page = await openPage(env.browser.context, url);
    await settle(50);
    outside.length = 0; // what the page itself loads is not ours
    const tabId = await tabIdOf(env.browser.sw, url);
    await toggle(env.browser.sw, tabId);
    await settle(150);
    await toggle(env.browser.sw, tabId);
    assert.deepEqual(outside, [], `${name}: requests outside the page and the extension`);
    await page.close();
  }
  env.browser.context.off('request', watch);
});

test('messages forged by the page have no effect', async () => {
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  // Before and after the content script is there.
  for (const round of [0, 1]) {
    await page.evaluate(() => {
      window.postMessage({ type: 'lucid:toggle' }, '*');
      window.postMessage({ type: 'lucid:state' }, '*');
      document.dispatchEvent(new CustomEvent('lucid:toggle', { detail: { type: 'lucid:toggle' } }));
      return typeof chrome === 'undefined' || typeof chrome.runtime?.sendMessage !== 'function';
    });
    await settle(100);
    assert.equal((await state(env.browser.sw, tabId)).reader, false, `round ${round}`);
    assert.equal(await page.evaluate(() => !!document.querySelector('lucid-reader')), false);
    if (round === 0) {
      await toggle(env.browser.sw, tabId);
      await toggle(env.browser.sw, tabId);
    }
  }
  await page.close();
});

test('a page cannot tell the extension is installed: its files do not answer at their fixed URL', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { ROOT } = await import('./harness.mjs');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'chrome-test', 'manifest.json'), 'utf8'));
  const files = manifest.web_accessible_resources.flatMap((w) => w.resources);
  assert.ok(manifest.web_accessible_resources.every((w) => w.use_dynamic_url === true), 'every web-accessible file only at the per-session URL');
  const id = new URL(env.browser.sw.url()).host;
  const url = `${env.server.base}/energy-daily/page.html`;
  const page = await openPage(env.browser.context, url);
  const tabId = await tabIdOf(env.browser.sw, url);
  // The extension works (it loads its modules, styles and fonts at the dynamic URL)…
  assert.equal((await toggle(env.browser.sw, tabId)).reader, true);
  assert.equal((await toggle(env.browser.sw, tabId)).reader, false);
  // …and the page, probing as fingerprinting scripts do, finds nothing.
  const probes = await page.evaluate(async ([id, files]) => {
    const out = {};
    for (const f of files) {
      const u = `chrome-extension://${id}/${f}`;
      const fetched = await fetch(u).then(() => true, () => false);
      const linked = await new Promise((resolve) => {
        const l = document.createElement('link');
        l.rel = 'stylesheet';
        l.href = u;
        l.onload = () => resolve(true);
        l.onerror = () => resolve(false);
        document.head.append(l);
      });
      out[f] = fetched || linked;
    }
    // A control that must fail too: a file that is not web-accessible at all.
    out['extension/worker/background.js (control)'] = await fetch(`chrome-extension://${id}/extension/worker/background.js`).then(() => true, () => false);
    return out;
  }, [id, files]);
  await page.close();
  assert.ok(files.length >= 5, `${files.length} web-accessible files`);
  assert.deepEqual(Object.entries(probes).filter(([, ok]) => ok).map(([f]) => f), [], 'files the page could load at the fixed URL');
});
