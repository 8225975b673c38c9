// The interface's messages: every one of the eight languages has every
// message English has, none empty, with the same placeholders, and the
// plural forms its plural rules ask for (Polish: one, few, many).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/_locales');
const read = (l) => JSON.parse(fs.readFileSync(path.join(DIR, l, 'messages.json'), 'utf8'));
const en = read('en');

test('the interface speaks the eight languages of the key facts', () => {
  assert.deepEqual(fs.readdirSync(DIR).sort(), ['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt']);
});

for (const lang of fs.readdirSync(DIR)) {
  test(`${lang}: every message, its placeholders and its plural forms`, () => {
    const m = read(lang);
    for (const [key, e] of Object.entries(en)) {
      assert.ok(m[key]?.message?.trim(), `${lang}: ${key}`);
      for (const ph of Object.keys(e.placeholders ?? {})) {
        assert.ok(m[key].message.includes(`$${ph.toUpperCase()}$`), `${lang}: ${key} keeps $${ph.toUpperCase()}$`);
        assert.deepEqual(m[key].placeholders, e.placeholders, `${lang}: ${key}'s placeholders`);
      }
    }
    for (const key of Object.keys(m)) assert.ok(en[key] || /^kind_\w+_few$/.test(key), `${lang}: ${key} is not a message`);
    const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    if (forms.includes('few')) {
      for (const key of Object.keys(en).filter((k) => k.endsWith('_many'))) {
        assert.ok(m[key.replace(/_many$/, '_few')], `${lang} has a "few" form: ${key}`);
      }
    }
  });
}
