// The name models the content script may fetch (NAME_MODELS in core.js):
// each is in data/ner and listed among the manifest's web-accessible
// resources (else the fetch fails in the browser and the page gets no names).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('every name model the extension fetches is shipped and reachable', () => {
  const core = fs.readFileSync(path.join(ROOT, 'extension/page/core.js'), 'utf8');
  const table = core.match(/const NAME_MODELS = (\{[^}]*\})/)[1];
  const files = new Set([...table.matchAll(/:\s*'([a-z]+)'/g)].map((m) => m[1]));
  assert.ok(files.size >= 5, `models: ${[...files]}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  const listed = manifest.web_accessible_resources.flatMap((r) => r.resources);
  for (const f of files) {
    assert.ok(fs.existsSync(path.join(ROOT, 'data/ner', `${f}.bin`)), `data/ner/${f}.bin`);
    assert.ok(listed.includes(`extension/ner/${f}.bin`), `extension/ner/${f}.bin is web-accessible`);
  }
});
