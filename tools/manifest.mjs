// Write the per-browser manifests from the one at the root.
//   node tools/manifest.mjs manifest.json dist
import { readFileSync, writeFileSync } from 'node:fs';

const [src, out] = process.argv.slice(2);
const base = JSON.parse(readFileSync(src, 'utf8'));
const clone = (m = base) => JSON.parse(JSON.stringify(m));

const chrome = clone();
// Chrome: the oldest version that runs all of it — WebAssembly SIMD (91;
// the wasm modules are built with it) and CSS :has() (105).
chrome.minimum_chrome_version = '105';
writeFileSync(`${out}/chrome/manifest.json`, JSON.stringify(chrome, null, 2));

// Firefox MV3: event page instead of a service worker, and an add-on id.
const firefox = clone();
firefox.background = { scripts: [base.background.service_worker] };
firefox.browser_specific_settings = {
  gecko: { id: 'lucid-reader@lucid.invalid', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
};
writeFileSync(`${out}/firefox/manifest.json`, JSON.stringify(firefox, null, 2));

// Test build: same as Chrome, plus access to the local test server so the
// tests can drive the toolbar path without a user gesture.
const test = clone(chrome);
test.host_permissions = ['http://127.0.0.1/*'];
writeFileSync(`${out}/chrome-test/manifest.json`, JSON.stringify(test, null, 2));
