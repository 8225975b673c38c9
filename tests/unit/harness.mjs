// The extension's scripts in a jsdom window, with a stand-in for the
// WebExtension API that keeps storage in memory and records every write: the
// logic of the content script's files, tested without a browser (the
// end-to-end tests drive the same files in Chromium and Firefox).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const EXTENSION = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'extension');

// An extension script by name (`markup`), in whichever folder it belongs to.
const FOLDERS = ['page', 'view', 'shared', 'options', 'worker'];
export function script(name) {
  const found = FOLDERS.map((d) => path.join(EXTENSION, d, `${name}.js`)).find((f) => fs.existsSync(f));
  if (!found) throw new Error(`no extension script ${name}.js`);
  return found;
}

// A storage area: get(keys | defaults), set(items); `writes` lists each set.
function area(initial = {}) {
  const data = structuredClone(initial);
  const writes = [];
  return {
    data,
    writes,
    async get(keys) {
      if (keys && typeof keys === 'object' && !Array.isArray(keys)) {
        return Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, k in data ? structuredClone(data[k]) : v]));
      }
      const list = keys == null ? Object.keys(data) : [keys].flat();
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      writes.push(structuredClone(items));
      Object.assign(data, structuredClone(items));
    },
  };
}

export function fakeApi({ sync = {}, local = {} } = {}) {
  const listeners = [];
  return {
    i18n: { getMessage: () => '', getUILanguage: () => 'en' },
    runtime: { id: 'test', getURL: (p) => `chrome-extension://test/${p}`, onMessage: { addListener() {} }, sendMessage: async () => {} },
    storage: { sync: area(sync), local: area(local), onChanged: { addListener: (f) => listeners.push(f) } },
  };
}

// A window on `html` at `url` with extension/FILE.js for each of `files`
// run in order, as the background injects them.
export function load(files, { html = '<!doctype html><title>t</title><p>text</p>', url = 'https://news.example/story', api = fakeApi() } = {}) {
  const dom = new JSDOM(html, { url, runScripts: 'outside-only', pretendToBeVisual: true });
  const { window } = dom;
  window.chrome = api;
  // What browsers have and jsdom's window lacks, from Node.
  for (const name of ['TextEncoder', 'TextDecoder', 'WebAssembly']) window[name] ??= globalThis[name];
  // jsdom has no CSS.escape; the picker escapes only ids and classes it
  // has already checked are plain identifiers.
  window.CSS ??= {};
  window.CSS.escape ??= (s) => String(s).replace(/[^\w-]/g, (c) => `\\${c}`);
  for (const f of files) window.eval(fs.readFileSync(script(f), 'utf8'));
  return { window, document: window.document, api };
}
