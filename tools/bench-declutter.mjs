// Live-page decluttering measured in Chromium and Firefox ESR with the built
// extension (test builds), on
// the pages of AEB dev and trafilatura-dev served offline from 127.0.0.1 (only
// the ad slots in the markup, no ad scripts). For each page:
//  - the visible elements that EasyList's generic element-hiding rules match
//    (parsed here from the list itself: `##selector` lines without a domain,
//    less the `#@#selector` exceptions), before the reader view opens;
//  - after the reader view opens and closes (keep-decluttered on): how many
//    of them are hidden, which elements Lucid hid that no list rule matches
//    (by kind), and the article paragraphs inside hidden elements (AEB:
//    reference paragraphs of 40+ characters; trafilatura-dev: its `with`
//    segments), found as the native test does (tests/declutter.rs).
// Prints a table beside the targets and writes target/bench-declutter.json.
//   node tools/bench-declutter.mjs [--every N] [--ids ID,ID] [--browser chromium|firefox|both] [--out FILE]
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, tabIdOf, toggle } from '../tests/e2e/harness.mjs';

export const TARGETS = { listed_hidden: 0.97, paragraphs_hidden: 0.002 };

/** EasyList's generic hiding selectors, keyed as the core keys them. */
export function listRules(file = path.join(ROOT, 'target', 'filters', 'easylist.txt')) {
  const generic = new Set();
  const except = new Set();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const l = line.trimEnd();
    if (l.startsWith('##')) generic.add(l.slice(2));
    else if (l.startsWith('#@#')) except.add(l.slice(3));
  }
  const keyed = new Map();
  const broad = [];
  for (const sel of generic) {
    if (except.has(sel)) continue;
    const m = /^([.#])([\w-]+)(?![\\\w-])/.exec(sel);
    if (m && !/,/.test(sel)) {
      const k = m[1] + m[2];
      if (!keyed.has(k)) keyed.set(k, []);
      keyed.get(k).push(sel);
    } else broad.push(sel);
  }
  return { keyed, broad, count: generic.size - [...except].filter((s) => generic.has(s)).length };
}

const collapse = (s) => s.replace(/\s+/g, ' ').trim();

/** The first 40 characters of each 40+ character reference paragraph. */
const probesOf = (paragraphs) => paragraphs.map(collapse).filter((p) => p.length >= 40).map((p) => [...p].slice(0, 40).join(''));

/** Paragraph probes (first 40 characters of each 40+ character paragraph) found in `hidden`. */
export function paragraphsHidden(paragraphs, hidden) {
  const text = collapse(hidden);
  const probes = probesOf(paragraphs);
  return { total: probes.length, lost: probes.filter((p) => text.includes(p)) };
}

export function corpusPages(every = 1, offset = 0) {
  const shared = path.join(ROOT, '..', 'shared', 'corpus');
  const aeb = JSON.parse(fs.readFileSync(path.join(shared, 'aeb-dev', 'ground-truth.json'), 'utf8'));
  const traf = JSON.parse(fs.readFileSync(path.join(shared, 'trafilatura-dev', 'ground-truth.json'), 'utf8'));
  const pick = (xs) => xs.filter((_, i) => i % every === offset % every);
  return [
    ...pick(Object.keys(aeb).sort()).map((id) => ({ corpus: 'aeb', id, route: `/aeb/${id}.html`, paragraphs: (aeb[id].articleBody ?? '').split('\n') })),
    ...pick(Object.keys(traf).sort()).map((id) => ({ corpus: 'traf', id, route: `/traf/${id}.html`, paragraphs: traf[id].with ?? [] })),
  ];
}

// What runs in the page, the same in both browsers.
function pageKeys() {
  const k = new Set();
  for (const e of document.querySelectorAll('[class],[id]')) {
    for (const c of e.classList) k.add(`.${c}`);
    if (e.id) k.add(`#${e.id}`);
  }
  return [...k];
}

function listedBefore(sels) {
  const found = new Set();
  for (const s of sels) {
    try {
      for (const e of document.querySelectorAll(s)) found.add(e);
    } catch { /* not CSS this engine reads */ }
  }
  const visible = [...found].filter((e) => e.checkVisibility());
  window.__lucidBenchListed = visible;
  return visible.length;
}

function listedAfter() {
  const listed = window.__lucidBenchListed ?? [];
  const describe = (e) => e.localName + (e.id ? `#${e.id}` : '') + [...e.classList].slice(0, 3).map((c) => `.${c}`).join('');
  const collapse = (s) => s.replace(/\s+/g, ' ').trim();
  const stillVisible = listed.filter((e) => e.isConnected && e.checkVisibility());
  const gone = listed.filter((e) => !e.isConnected).length;
  const hiddenEls = [...document.querySelectorAll('[data-lucid-hidden]')];
  const top = hiddenEls.filter((e) => !e.parentElement?.closest('[data-lucid-hidden]'));
  const alone = {};
  for (const e of hiddenEls) {
    if (listed.some((l) => l === e || l.contains(e) || e.contains(l))) continue;
    const k = e.getAttribute('data-lucid-hidden');
    alone[k] = (alone[k] ?? 0) + 1;
  }
  // The ads adsBefore found, likewise.
  const ads = window.__lucidBenchAds ?? [];
  // Still seen: shown, and, if it took room before, taking room still (a
  // wrapper whose every part was hidden shows nothing).
  const area = (e) => { const r = e.getBoundingClientRect(); return r.width * r.height; };
  const adsStill = ads.filter((e) => e.isConnected && e.checkVisibility() && (!(window.__lucidBenchAdArea?.get(e) > 0) || area(e) > 0));
  return {
    visible_after: stillVisible.length,
    disconnected: gone,
    missed: stillVisible.slice(0, 5).map(describe),
    ads_visible: ads.filter((e) => e.isConnected).length,
    ads_still: adsStill.length,
    ads_missed: adsStill.slice(0, 8).map((e) => `${describe(e)} [${window.__lucidBenchAdWhy?.get(e) ?? ''}] ${JSON.stringify(collapse(e.innerText ?? '').slice(0, 70))}`),
    alone,
    hidden_text: top.map((e) => e.textContent).join(' \u0001 '),
  };
}

// Ads by what they say about themselves, found here independently of the
// core's rules (a wider list, written for this measure): a box whose only
// text is the word for "advertisement" in one of many languages, and an
// element whose class or id says in one word that it holds an ad, or is
// named the way ad servers and templates name their slots.
export const AD_LABELS = ['advertisement', 'advertisements', 'advertising', 'advert', 'ad', 'ads', 'sponsored', 'sponsored content',
  'anzeige', 'anzeigen', 'werbung', 'reklame', 'publicité', 'publicite', 'annonce', 'publicidad', 'anuncio', 'pubblicità', 'pubblicita',
  'publicidade', 'anúncio', 'advertentie', 'reclame', 'reklama', 'reklam', 'annons', 'annonse', 'mainos', 'hirdetés', 'реклама',
  'διαφήμιση', 'إعلان', 'פרסומת', '広告', '광고', '广告', '廣告'];
export const AD_WORDS = ['ad', 'ads', 'advert', 'adverts', 'advertisement', 'advertisements', 'advertising', 'adslot', 'adslots',
  'adunit', 'adunits', 'adbox', 'adblock-ad', 'adsense', 'adcontainer', 'adwrapper', 'adzone', 'adspace', 'adplace', 'adholder',
  'dfp', 'gpt', 'werbung', 'anzeige', 'reklama', 'reklame', 'publicidad', 'pubblicita', 'publicite', 'advertentie'];
export const AD_SLOT_IDS = /^(div-gpt-ad|google_ads|gpt[-_]|dfp[-_]|ad[-_]?\d|ad[-_]?(slot|unit|pos|zone|place|container|wrapper|box|banner)|adslot|adunit|adform|adnz|sas[-_]|oas[-_]|ezoic-pub-ad|yieldlove|ats-ad|traffective|adition|smartad|admanager)/i;

function adsBefore({ labels, words, ids: idSource, probes }) {
  const ids = new RegExp(idSource, 'i');
  const labelSet = new Set(labels);
  const wordSet = new Set(words);
  const tokens = (e) => `${e.getAttribute('class') ?? ''} ${e.id ?? ''}`
    .replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const found = new Set();
  const why = new Map();
  const bigText = (e) => [...e.querySelectorAll('p')].reduce((a, p) => a + p.textContent.trim().length, 0) > 600;
  // What is not an ad, whatever its words say: the article's own text (a
  // box holding the start of one of its reference paragraphs), a site's
  // menus, tag clouds and tables (a label inside a link, button, menu or
  // table cell names a page or a topic: "Advertising" in a footer menu),
  // form controls and media players, icons, and the disclosures a page
  // owes its readers (kept on purpose, docs/declutter.md).
  const holdsArticle = (e) => {
    const t = e.textContent.replace(/\s+/g, ' ');
    return probes.some((p) => t.includes(p));
  };
  const NAVISH = 'a,button,nav,[role=navigation],[role=menu],[role=menubar],[role=tablist],td,th,option,select,label';
  const NOT_ADS = ['TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'VIDEO', 'AUDIO', 'FORM', 'NAV', 'HEADER', 'FOOTER'];
  // A word that says what the element has or lacks, not what it is:
  // "has-ad", "with-ads", "no-ads", "ads-free", "ad-disclaimer", "f-icon ad".
  const modified = (ts) => /(^|-)(has|with|without|no)-(ads?|adverts?)(-|$)|(^|-)(no-?ads?|ads?-free)(-|$)|(^|-)(disclaimer|disclosure|icon)(-|$)/.test(ts.join('-'));
  for (const e of document.body?.querySelectorAll('*') ?? []) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HTML', 'BODY', 'MAIN', 'ARTICLE'].includes(e.tagName)) continue;
    const own = e.childElementCount === 0 ? e.textContent.trim().replace(/^[\s:|·–-]+|[\s:|·–-]+$/g, '').toLowerCase() : '';
    if (own && labelSet.has(own)) {
      if (['P', 'LI', 'H1', 'H2', 'H3'].includes(e.parentElement?.tagName ?? '') || e.closest(NAVISH)) continue;
      // The label's box: the nearest wrapper (up to three levels) holding something besides it.
      let box = e;
      for (let i = 0; i < 3 && box.parentElement && !['BODY', 'MAIN', 'ARTICLE'].includes(box.parentElement.tagName); i++) {
        box = box.parentElement;
        if (box.childElementCount > 1 || box.querySelector('iframe,img,ins,video')) break;
      }
      if (NOT_ADS.includes(box.tagName) || bigText(box) || holdsArticle(box)) continue;
      found.add(box);
      why.set(box, `label "${own}"`);
      continue;
    }
    if (NOT_ADS.includes(e.tagName)) continue;
    const ts = tokens(e);
    const word = ts.find((t) => wordSet.has(t));
    if ((word || ids.test(e.id ?? '')) && !modified(ts) && !bigText(e) && !holdsArticle(e)) {
      found.add(e);
      why.set(e, word ? `word "${word}"` : 'slot id');
    }
  }
  window.__lucidBenchAdWhy = why;
  const area = (e) => { const r = e.getBoundingClientRect(); return r.width * r.height; };
  window.__lucidBenchAdArea = new Map([...found].map((e) => [e, area(e)]));
  const outer = [...found].filter((e) => e.checkVisibility() && ![...found].some((o) => o !== e && o.contains(e)));
  window.__lucidBenchAds = outer;
  return outer.length;
}

/** Chromium through playwright-core, the toolbar button through the service worker. */
export async function chromiumDriver() {
  const browser = await launch();
  await browser.context.route((url) => /^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1', (route) => route.abort());
  return {
    name: 'Chromium',
    newPage: () => browser.context.newPage(),
    goto: (page, url) => page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15000 }),
    toggle: async (page, url) => toggle(browser.sw, await tabIdOf(browser.sw, url)),
    close: () => browser.close(),
  };
}

/** Firefox ESR through puppeteer-core over WebDriver BiDi, the test build's bridge. */
export async function firefoxDriver() {
  const { launchFirefox, toggle: ffToggle, gotoSaved } = await import('../tests/e2e/firefox.mjs');
  const ff = await launchFirefox({ offline: true });
  return {
    name: 'Firefox',
    newPage: () => ff.browser.newPage(),
    goto: (page, url) => gotoSaved(page, url),
    toggle: (page) => ffToggle(page),
    close: () => ff.close(),
  };
}

/** Measure every page of `pages` in one browser; returns per-page rows and totals by corpus. */
export async function measure(pages, { log = () => {}, driver = chromiumDriver } = {}) {
  const rules = listRules();
  const server = await startServer();
  const browser = await driver();
  const rows = [];
  try {
    for (const [n, p] of pages.entries()) {
      const page = await browser.newPage();
      const url = `${server.base}${p.route}`;
      try {
        await browser.goto(page, url);
        await new Promise((r) => setTimeout(r, 50));
        const keys = await page.evaluate(pageKeys);
        const selectors = [...rules.broad, ...keys.flatMap((k) => rules.keyed.get(k) ?? [])];
        const before = await page.evaluate(listedBefore, selectors);
        await page.evaluate(adsBefore, { labels: AD_LABELS, words: AD_WORDS, ids: AD_SLOT_IDS.source, probes: probesOf(p.paragraphs) });
        const on = await browser.toggle(page, url);
        await browser.toggle(page, url);
        const after = await page.evaluate(listedAfter);
        const par = paragraphsHidden(p.paragraphs, after.hidden_text);
        rows.push({
          corpus: p.corpus, id: p.id, reader: on.reader === true && !on.error,
          listed_visible: before - after.disconnected, listed_hidden: before - after.disconnected - after.visible_after,
          missed: after.missed, alone: after.alone, paragraphs: par.total, paragraphs_hidden: par.lost.length, lost: par.lost,
          ads_visible: after.ads_visible, ads_hidden: after.ads_visible - after.ads_still, ads_missed: after.ads_missed,
        });
      } catch (e) {
        rows.push({ corpus: p.corpus, id: p.id, error: String(e?.message ?? e).split('\n')[0] });
      } finally {
        await page.close().catch(() => {});
      }
      if ((n + 1) % 50 === 0) log(`  ${n + 1}/${pages.length} pages`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const totals = {};
  for (const corpus of ['aeb', 'traf']) {
    const rs = rows.filter((r) => r.corpus === corpus && !r.error);
    if (!rows.some((r) => r.corpus === corpus)) continue;
    const sum = (k) => rs.reduce((a, r) => a + r[k], 0);
    const alone = {};
    for (const r of rs) for (const [k, v] of Object.entries(r.alone)) alone[k] = (alone[k] ?? 0) + v;
    totals[corpus] = {
      pages: rs.length, errors: rows.filter((r) => r.corpus === corpus && r.error).length,
      pages_with_listed: rs.filter((r) => r.listed_visible > 0).length,
      listed_visible: sum('listed_visible'), listed_hidden: sum('listed_hidden'),
      listed_share: sum('listed_visible') ? sum('listed_hidden') / sum('listed_visible') : 1,
      ads_visible: sum('ads_visible'), ads_hidden: sum('ads_hidden'),
      ads_share: sum('ads_visible') ? sum('ads_hidden') / sum('ads_visible') : 1,
      // The same on each fixed half (as bench/quality.py halves the pages):
      // rules are written looking at the tune half; the check half is held back.
      ads_halves: Object.fromEntries([['tune', 0], ['check', 1]].map(([name, h]) => {
        const hs = rs.filter((r) => pageHalf(r.id) === h);
        const v = hs.reduce((a, r) => a + r.ads_visible, 0);
        const d = hs.reduce((a, r) => a + r.ads_hidden, 0);
        return [name, { visible: v, hidden: d, share: v ? d / v : 1 }];
      })),
      paragraphs: sum('paragraphs'), paragraphs_hidden: sum('paragraphs_hidden'),
      paragraphs_share: sum('paragraphs') ? sum('paragraphs_hidden') / sum('paragraphs') : 0,
      alone,
    };
  }
  return { browser: browser.name, rules: rules.count, rows, totals };
}

/** The fixed half of a page (bench/quality.py's `half`): trafilatura-dev ids by their number, AEB ids by their first hex digit. */
export function pageHalf(id) {
  if (/^d\d+$/.test(id)) return Number(id.slice(1)) % 2;
  return parseInt(id[0], 16) % 2;
}

/** The table for one or more results (one per browser). */
export function report(results) {
  const list = Array.isArray(results) ? results : [results];
  const pct = (x) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`;
  const lines = [`EasyList generic hiding rules: ${list[0].rules}`, '', '| browser | corpus | pages | list-matched visible elements hidden | target | ad-labelled and ad-slot elements hidden (tune / held-back half) | target | article paragraphs hidden | target | hidden by Lucid alone (no list rule), by kind |', '|---|---|---|---|---|---|---|---|---|---|'];
  for (const { browser, totals } of list) {
    for (const [c, t] of Object.entries(totals)) {
      const name = c === 'aeb' ? 'AEB dev' : 'trafilatura-dev';
      const ok = (v, good) => `${v} ${good ? '(met)' : '(**not met**)'}`;
      const halves = `${pct(t.ads_halves.tune.share)} / ${pct(t.ads_halves.check.share)}`;
      lines.push(`| ${browser} | ${name} | ${t.pages} | ${ok(`${t.listed_hidden}/${t.listed_visible} = ${pct(t.listed_share)}`, t.listed_share >= TARGETS.listed_hidden)} | ≥ 97 % | ${ok(`${t.ads_hidden}/${t.ads_visible} = ${pct(t.ads_share)} (${halves})`, t.ads_halves.check.share >= TARGETS.listed_hidden)} | ≥ 97 % on the held-back half | ${ok(`${t.paragraphs_hidden}/${t.paragraphs} = ${pct(t.paragraphs_share)}`, t.paragraphs_share <= TARGETS.paragraphs_hidden)} | ≤ 0.2 % | ${Object.entries(t.alone).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const every = Number(arg('--every', '1'));
  const out = arg('--out', path.join(ROOT, 'target', 'bench-declutter.json'));
  const which = arg('--browser', 'both');
  const drivers = { chromium: chromiumDriver, firefox: firefoxDriver };
  const names = which === 'both' ? Object.keys(drivers) : [which];
  const only = arg('--ids', '') ? new Set(arg('--ids', '').split(',')) : null;
  const pages = corpusPages(every).filter((p) => !only || only.has(p.id));
  const t0 = Date.now();
  const results = [];
  for (const name of names) {
    console.log(`declutter benchmark: ${pages.length} pages in ${name} (every ${every})`);
    const result = await measure(pages, { log: console.log, driver: drivers[name] });
    results.push(result);
    for (const r of result.rows.filter((r) => r.missed?.length || r.ads_missed?.length || r.lost?.length || r.error)) {
      console.log(`  ${name} ${r.corpus} ${r.id}: ${r.error ?? ''}${r.missed?.length ? ` missed ${r.missed.join(' ')}` : ''}${r.ads_missed?.length ? ` ads missed ${r.ads_missed.join(' ')}` : ''}${r.lost?.length ? ` paragraphs ${JSON.stringify(r.lost)}` : ''}`);
    }
  }
  const text = report(results);
  console.log(text);
  console.log(`${((Date.now() - t0) / 1000).toFixed(0)} s`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ every, results, table: text }, null, 1));
  console.log(`written ${path.relative(ROOT, out)}`);
  if (process.argv.includes('--write-docs')) {
    // The table between the markers in docs/declutter.md.
    const doc = path.join(ROOT, 'docs', 'declutter.md');
    const body = fs.readFileSync(doc, 'utf8');
    const [a, b] = ['<!-- bench-declutter -->', '<!-- /bench-declutter -->'];
    if (body.includes(a) && body.includes(b)) {
      const date = new Date().toISOString().slice(0, 10);
      const block = `${a}\n${text}\n\n(${date}, \`./bench.sh declutter\`, ${pages.length} pages in each browser, ${((Date.now() - t0) / 1000).toFixed(0)} s)\n${b}`;
      fs.writeFileSync(doc, body.slice(0, body.indexOf(a)) + block + body.slice(body.indexOf(b) + b.length));
      console.log('written docs/declutter.md');
    }
  }
}
