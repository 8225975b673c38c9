// The language data of key facts (data/lang.json) for the languages Lucid
// knows, from the Unicode CLDR as Node's ICU carries it (the Intl APIs):
// month and weekday names (long, short, and the forms a date writes them
// in: Polish "stycznia"), yesterday/today/tomorrow, the number separators,
// the words of large numbers (million, Millionen, millones…), currency
// names and units as a number writes them (euros, Prozent, kilomètres).
// Function words ("et", "dans", "ist", "und"), which are never what a
// number counts, come from stopwords-iso 1.1.0 (npm, MIT); numbers written
// as words ("zwölf", "quarante-cinq", "vingt et un") from n2words 4.0.0
// (npm, MIT). Nothing typed by
// hand: run it again to refresh (it writes the CLDR version it read), and
// say so in the commit.
//   node tools/lang_data.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const stopwords = createRequire(import.meta.url)('stopwords-iso');

const LANGS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl'];
// n2words' module for each language.
const SPELL = { de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', pt: 'pt-PT', nl: 'nl-NL', pl: 'pl-PL' };
const UNITS = ['percent', 'kilometer', 'meter', 'centimeter', 'millimeter', 'kilogram', 'gram', 'liter', 'hectare', 'kilometer-per-hour', 'degree', 'celsius', 'mile', 'foot', 'inch', 'pound', 'acre', 'hour', 'minute', 'second', 'day', 'week', 'month', 'year'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'JPY', 'CNY', 'BRL', 'MXN', 'CAD', 'AUD', 'RUB', 'INR'];

const lower = (s) => s.toLocaleLowerCase();
const uniq = (xs) => [...new Set(xs.map((x) => x.replace(/[\u00a0\u202f]/g, ' ').trim()).filter(Boolean))];

// The words a formatted number carries besides the number itself.
function words(str) {
  return str.replace(/[\d.,\u00a0\u202f\s]+/g, ' ').split(' ').map((w) => w.trim()).filter(Boolean).join(' ');
}

// The words of the numbers from 2 to 100, the hundreds and a thousand as a
// language writes them ("zwölf", "quarante-cinq"), the little words that
// join two of them ("vingt et un", "cuarenta y cinco"), and the word for
// one, a number only after such a word (else it is the article "un").
async function spelled(l) {
  if (!SPELL[l]) return { number_words: [], number_joiners: [], number_one: [] };
  const { toCardinal } = await import(`n2words/${SPELL[l]}`);
  const one = lower(toCardinal(1));
  const values = [...Array.from({ length: 99 }, (_, k) => k + 2), ...Array.from({ length: 9 }, (_, k) => (k + 1) * 100), 1000];
  const phrases = values.map((n) => lower(toCardinal(n)).split(/\s+/));
  const single = new Set(phrases.filter((p) => p.length === 1).map((p) => p[0]));
  // Words only met inside a longer number ("dwadzieścia", "quarenta") are
  // numbers too; what joins two ("et", "y", "e") is a word of two letters
  // or less that is not "one".
  for (const w of phrases.flat()) if (w.length > 2 && w !== one) single.add(w);
  const joiners = phrases.flat().filter((w) => w.length <= 2 && w !== one && !single.has(w));
  return { number_words: [...single].sort(), number_joiners: uniq(joiners).sort(), number_one: [one] };
}

function data(l) {
  const utc = (m, d = 14) => new Date(Date.UTC(2024, m, d));
  const months = [];
  for (let m = 0; m < 12; m += 1) {
    const forms = [];
    for (const month of ['long', 'short']) {
      forms.push(new Intl.DateTimeFormat(l, { month, timeZone: 'UTC' }).format(utc(m)));
      // As a date writes it ("14. März", "14 de enero", "14 stycznia").
      const parts = new Intl.DateTimeFormat(l, { day: 'numeric', month, timeZone: 'UTC' }).formatToParts(utc(m));
      forms.push(parts.find((p) => p.type === 'month').value);
    }
    months.push(uniq(forms.map(lower)).map((f) => f.replace(/\.$/, '')));
  }
  const weekdays = [];
  for (let d = 0; d < 7; d += 1) {
    const day = utc(0, 1 + d); // 1 January 2024 was a Monday
    weekdays.push(uniq(['long', 'short'].map((weekday) => lower(new Intl.DateTimeFormat(l, { weekday, timeZone: 'UTC' }).format(day)).replace(/\.$/, ''))));
  }
  // How a long date is written: the order of day, month and year, and the
  // words between them ("14 de enero de 2026": "de"; "14. März": ".").
  const dparts = new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(utc(0));
  const date_order = dparts.filter((p) => ['day', 'month', 'year'].includes(p.type)).map((p) => p.type[0]).join('');
  const date_words = uniq(dparts.filter((p) => p.type === 'literal').flatMap((p) => p.value.split(/[\s,\u00a0\u202f]+/)).map(lower));
  const rel = new Intl.RelativeTimeFormat(l, { numeric: 'auto' });
  const relative_days = uniq([-2, -1, 0, 1, 2].map((n) => lower(rel.format(n, 'day'))).filter((w) => !/\d/.test(w)));
  const parts = new Intl.NumberFormat(l).formatToParts(12345678.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const magnitudes = {};
  for (const [n, v] of [['thousand', 2e3], ['million', 2e6], ['billion', 2e9], ['trillion', 2e12]]) {
    // Long forms, and short ones of three letters or more ("Mio.", "mln").
    const forms = ['long', 'short'].flatMap((compactDisplay) => [1, 2, 5, 21].map((k) => lower(words(new Intl.NumberFormat(l, { notation: 'compact', compactDisplay }).format((v / 2) * k)))));
    magnitudes[n] = uniq(forms.map((f) => f.replace(/\.$/, '')).filter((f) => f.length >= 3));
  }
  const currencies = {};
  for (const c of CURRENCIES) {
    const fmt = (n) => new Intl.NumberFormat(l, { style: 'currency', currency: c, currencyDisplay: 'name' }).format(n);
    const sym = new Intl.NumberFormat(l, { style: 'currency', currency: c }).formatToParts(1).find((p) => p.type === 'currency')?.value;
    currencies[c] = { names: uniq([1, 2, 5, 7.5].map((n) => lower(words(fmt(n))))), symbol: sym };
  }
  const units = {};
  for (const u of UNITS) {
    try {
      const fmt = (n, unitDisplay) => new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay }).format(n);
      units[u] = uniq([1, 2, 5].flatMap((n) => ['long', 'short'].map((d) => lower(words(fmt(n, d))))));
    } catch { /* a unit this ICU lacks */ }
  }
  // (English has its own lists in data/facts.json.)
  const stop = l === 'en' ? [] : uniq(stopwords[l].map(lower)).filter((w) => /^\p{L}[\p{L}'’-]*$/u.test(w) && w.length <= 12).sort();
  return { months, weekdays, relative_days, date_order, date_words, group, decimal, magnitudes, currencies, units, stopwords: stop };
}

const out = {
  _comment: 'Generated by tools/lang_data.mjs from the Unicode CLDR (Unicode License v3) as Node\'s ICU carries it, stopwords-iso 1.1.0 (MIT) and n2words 4.0.0 (MIT); do not edit by hand.',
  cldr: process.versions.cldr,
  icu: process.versions.icu,
  langs: Object.fromEntries(await Promise.all(LANGS.map(async (l) => [l, { ...data(l), ...(await spelled(l)) }]))),
};
const file = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'data', 'lang.json');
fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`written data/lang.json (CLDR ${process.versions.cldr})`);
