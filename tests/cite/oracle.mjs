// Test oracle for citations: renders CSL-JSON items with citeproc-js (the
// reference CSL processor) and the same style files the core ships, and
// parses RIS with citation.js. Reads a JSON array of {item, ris} from stdin,
// prints a JSON array of {styles: {key: text}, ris: parsed item}.
//   node tests/cite/oracle.mjs < items.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const CSL = require('citeproc');
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-ris');

const data = fileURLToPath(new URL('../../data/csl/', import.meta.url));
const STYLES = {
  apa: 'apa.csl',
  mla: 'modern-language-association.csl',
  'chicago-author-date': 'chicago-author-date.csl',
  'chicago-notes': 'chicago-notes-bibliography.csl',
  harvard: 'harvard-cite-them-right.csl',
};
const locale = readFileSync(data + 'locales-en-US.xml', 'utf8');
// The locale shipped in data/ must be the npm package's, unmodified.
if (locale !== require('@citation-js/plugin-csl/lib/locales.json')['en-US']) {
  throw new Error('data/csl/locales-en-US.xml differs from @citation-js/plugin-csl');
}

const input = JSON.parse(readFileSync(0, 'utf8'));
// Each item gets a unique id; one engine per style renders them one at a time.
const items = input.map(({ item }, i) => ({ ...item, id: `item-${i}` }));
const engines = Object.entries(STYLES).map(([key, file]) => {
  const sys = { retrieveLocale: () => locale, retrieveItem: (id) => items.find((it) => it.id === id) };
  const engine = new CSL.Engine(sys, readFileSync(data + file, 'utf8'));
  engine.setOutputFormat('text');
  return [key, engine];
});
const out = input.map(({ ris }, i) => {
  const parsed = new Cite(ris).data[0];
  delete parsed._graph;
  delete parsed.id;
  const styles = {};
  for (const [key, engine] of engines) {
    engine.updateItems([items[i].id]);
    styles[key] = engine.makeBibliography()[1].join('').trim();
  }
  return { styles, ris: parsed };
});
process.stdout.write(JSON.stringify(out));
