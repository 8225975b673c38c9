// Floors for live-page decluttering on real pages, in Chromium and in
// Firefox ESR with the built extension (tools/bench-declutter.mjs measures;
// `./bench.sh declutter` runs it on every page of both corpora in both
// browsers): on a fixed sample of the AEB dev and trafilatura-dev pages,
// served offline, the visible elements that EasyList's generic
// element-hiding rules match are hidden after the reader view opens and
// closes, and the article's paragraphs are not. The sample, by sorted page
// name, split between the browsers so that every AEB dev page is checked in
// one of them: Chromium the even AEB dev pages and every 16th trafilatura-dev
// page (79 pages), Firefox ESR the odd AEB dev pages and another 16th of
// trafilatura-dev (79 pages; a page costs a browser 1.4-1.7 s of CPU time,
// its helper processes counted). The floors are the same in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, wants } from './harness.mjs';
import { corpusPages, measure, report, chromiumDriver, firefoxDriver } from '../../tools/bench-declutter.mjs';

const corpora = path.join(ROOT, '..', 'shared', 'corpus');

for (const driver of [chromiumDriver, firefoxDriver].filter((d) => wants(d === chromiumDriver ? 'chromium' : 'firefox'))) {
  const name = driver === chromiumDriver ? 'Chromium' : 'Firefox ESR';
  test(`${name}, declutter on real pages: list-matched ads hidden (≥ 97 %), ads by their own markup (≥ 85 %), article paragraphs kept (≤ 0.25 %)`, { timeout: 900_000 }, async (t) => {
    if (!fs.existsSync(path.join(corpora, 'aeb-dev')) && !process.env.CI) return t.skip('no ../shared/corpus');
    const [aebOffset, trafEvery, trafOffset] = driver === chromiumDriver ? [0, 16, 0] : [1, 16, 4];
    const every = corpusPages(2, aebOffset).filter((p) => p.corpus === 'aeb');
    const traf = corpusPages(trafEvery, trafOffset).filter((p) => p.corpus === 'traf');
    const result = await measure([...every, ...traf], { driver });
    console.log(report(result));
    for (const [corpus, tot] of Object.entries(result.totals)) {
      assert.ok(tot.pages >= (corpus === 'aeb' ? every.length : traf.length) - 3, `${name} ${corpus}: ${tot.pages} pages measured (${tot.errors} failed to load)`);
      assert.ok(tot.listed_visible >= 50, `${corpus}: list rules match ads on the pages (${tot.listed_visible})`);
      assert.ok(tot.listed_share >= 0.97, `${corpus}: ${tot.listed_hidden}/${tot.listed_visible} list-matched elements hidden`);
      // Ads by what they say about themselves (label words, ad class/id
      // words, slot ids; tools/bench-declutter.mjs): a floor under today's
      // 96-98 % on every page (the 97 % target is met on AEB's held-back
      // half, not on trafilatura-dev's: docs/declutter.md).
      assert.ok(tot.ads_share >= 0.92, `${corpus}: ${tot.ads_hidden}/${tot.ads_visible} ad-labelled and ad-slot elements hidden`);
      // 0.2 % is the target; the floor leaves room for one page's list of
      // related headlines that a reference counts as article text.
      assert.ok(tot.paragraphs_share <= 0.0025, `${corpus}: ${tot.paragraphs_hidden}/${tot.paragraphs} article paragraphs hidden`);
    }
  });
}
