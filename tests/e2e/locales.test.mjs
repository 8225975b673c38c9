// The view's interface in the reader's language: Chromium started in each of
// the eight languages Lucid speaks (its interface language, as the system
// sets it), the reader view opened on a page, its buttons, headings and the
// key-facts legend in that language, plural forms included (Polish: "2
// liczby", "5 liczb"). Screenshots: target/screenshots/locale-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, openPage, tabIdOf, toggle, readerQuery, readerText, screenshot } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const messages = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales', lang, 'messages.json'), 'utf8'));
const LANGS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl'];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

for (const lang of LANGS) {
  test(`the reader view speaks ${lang}`, async () => {
    const m = messages(lang);
    const browser = await launch({ lang });
    try {
      assert.equal(await browser.sw.evaluate(() => chrome.i18n.getUILanguage().split('-')[0]), lang, 'the browser runs in the language');
      assert.equal(await browser.sw.evaluate(() => chrome.i18n.getMessage('keyFacts')), m.keyFacts.message);
      const url = `${server.base}/energy-daily/page.html`;
      const page = await openPage(browser.context, url);
      const tabId = await tabIdOf(browser.sw, url);
      const on = await toggle(browser.sw, tabId);
      assert.ok(!on.error, JSON.stringify(on.error));
      const close = await readerQuery(page, (n) => n.attrs.class === 'close');
      assert.equal(close[0]?.attrs['aria-label'], m.closeLabel.message, 'the close button');
      const heading = await readerQuery(page, (n) => n.attrs.id === 'lucid-key-facts');
      assert.equal(heading[0]?.text, m.keyFacts.message, 'the key facts box\'s heading');
      // The reading time and the toolbar's buttons.
      const text = await readerText(page);
      const minutes = m.readingTime.message.replace('$MINUTES$', '').trim();
      assert.ok(text.includes(minutes), `the reading time, "… ${minutes}"`);
      assert.ok(text.includes(m.cite.message), `the "${m.cite.message}" button`);
      // The legend counts each kind in the language's plural form.
      const rules = new Intl.PluralRules(lang);
      const legend = (await readerQuery(page, (n) => n.tag === 'mark' && /^\d+ /.test(n.text) && n.attrs.dir === 'auto')).map((n) => n.text);
      assert.ok(legend.length >= 3, `a legend: ${legend}`);
      for (const item of legend) {
        const [, n, label] = item.match(/^(\d+) (.+)$/);
        const kind = Object.keys(m).find((k) => k.startsWith('kind_') && m[k].message === label);
        assert.ok(kind, `"${item}" is one of the language's own labels`);
        const form = rules.select(Number(n));
        const want = form === 'one' ? 'one' : form === 'few' && m[kind.replace(/_(one|few|many)$/, '_few')] ? 'few' : 'many';
        assert.ok(kind.endsWith(`_${want}`), `"${item}": the ${want} form`);
      }
      if (lang === 'pl' || lang === 'de') await screenshot(page, `locale-${lang}`);
      await page.close();
    } finally {
      await browser.close();
    }
  });
}
