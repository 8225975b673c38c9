// The Firefox side of the end-to-end harness: Debian's firefox-esr driven by
// puppeteer-core over WebDriver BiDi, with the test build dist/firefox-test
// installed as a temporary add-on. BiDi cannot press the toolbar button or
// reach the background page, so tests call the same `lucid.*` functions as
// in Chromium through the test build's bridge (tests/e2e/firefox/bridge.js).
import fs from 'node:fs';
import path from 'node:path';
import { before, after } from 'node:test';
import puppeteer from 'puppeteer-core';
import { ROOT, SHOTS, startServer } from './harness.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const ADDON = process.env.LUCID_TEST_ADDON ?? path.join(ROOT, 'dist', 'firefox-test');

// `offline`: every request that is not for 127.0.0.1 goes to a proxy that
// refuses it (Firefox never proxies localhost), as the Chromium harness
// aborts them: saved pages load the same way with or without a network.
const OFFLINE = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.socks': '127.0.0.1',
  'network.proxy.socks_port': 9,
  'network.proxy.socks_remote_dns': true,
};

export async function launchFirefox({ offline = false } = {}) {
  if (!fs.existsSync(path.join(ADDON, 'manifest.json'))) throw new Error(`${ADDON} is not built: run ./build.sh`);
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: offline ? OFFLINE : {},
  });
  const addonId = await browser.installExtension(ADDON);
  return { browser, addonId, version: await browser.version(), close: () => browser.close() };
}

/** Call `lucid.<fn>(thisTab, ...args)` (or `settings`, `view`) through the bridge. */
export async function call(page, fn, ...args) {
  const reply = await page.evaluate((req) => new Promise((resolve) => {
    const onReply = (e) => {
      if (typeof e.data !== 'string' || !e.data.startsWith('lucid-test-reply:')) return;
      const r = JSON.parse(e.data.slice('lucid-test-reply:'.length));
      if (r.id !== req.id) return;
      window.removeEventListener('message', onReply);
      resolve(r);
    };
    window.addEventListener('message', onReply);
    window.postMessage(`lucid-test-call:${JSON.stringify(req)}`, '*');
  }), { id: `${Date.now()}-${Math.random()}`, fn, args });
  if (reply.error) throw new Error(`lucid.${fn}: ${reply.error}`);
  return reply.result;
}

export const toggle = (page, options) => call(page, 'toggle', options ?? {});
export const state = (page) => call(page, 'state');
export const readerView = (page) => call(page, 'view');
export const settings = (page, s) => call(page, 'settings', s);

/**
 * Load a saved page in an offline Firefox. Firefox's BiDi reports "Address
 * rejected" for some saved pages while their parser still waits on a
 * third-party script or frame that will never load offline; the page is
 * there: wait for it to finish parsing, as Chromium does.
 */
export async function gotoSaved(page, url, { waitUntil = 'domcontentloaded', timeout = 15000 } = {}) {
  try {
    await page.goto(url, { waitUntil, timeout });
  } catch (e) {
    const t0 = Date.now();
    while (Date.now() - t0 < timeout) {
      const [href, ready] = await page.evaluate(() => [location.href, document.readyState]);
      if (href !== url) break;
      if (ready !== 'loading') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw e;
  }
}

export async function openPage(browser, url, { timeout = 30000 } = {}) {
  const page = await browser.newPage();
  // (A fixture's frame from a site that never loads here can make BiDi
  // report "Address rejected" for the page itself: see gotoSaved.)
  await gotoSaved(page, url, { waitUntil: 'load', timeout });
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `firefox-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A server and Firefox with the add-on for the whole test file. */
export function useFirefox() {
  const env = { server: null, ff: null };
  before(async () => {
    env.server = await startServer();
    env.ff = await launchFirefox();
  });
  after(async () => {
    await env.ff?.close();
    await env.server?.close();
  });
  return env;
}
