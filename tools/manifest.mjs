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
// Pages must not tell that Lucid is installed: its files answer only at a
// per-session URL (runtime.getURL gives it), never at the fixed
// chrome-extension://<id>/… (Firefox's moz-extension://<uuid> is random per
// install already, and Firefox does not read this key).
for (const war of chrome.web_accessible_resources) war.use_dynamic_url = true;
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

// Firefox test build: the Firefox manifest, the same access to the test
// server, and the bridge the tests drive it through (WebDriver BiDi cannot
// press the toolbar button): a content script on the test server's pages and
// a second background script (tests/e2e/firefox/).
const ffTest = clone(firefox);
ffTest.host_permissions = ['http://127.0.0.1/*'];
// (annotations.js: the options page's export and import, for the bridge)
ffTest.background.scripts.push('extension/shared/annotations.js', 'extension/test/bridge-bg.js');
ffTest.content_scripts = [{ matches: ['http://127.0.0.1/*'], js: ['extension/test/bridge.js'], run_at: 'document_start' }];
writeFileSync(`${out}/firefox-test/manifest.json`, JSON.stringify(ffTest, null, 2));
