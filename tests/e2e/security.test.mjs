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
