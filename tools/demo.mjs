// Open the demo page in Chromium with the extension, screenshot it before,
// in the reader view and after (decluttered), and print what the core extracted.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, tabIdOf, toggle, state } from '../tests/e2e/harness.mjs';

const out = path.join(ROOT, 'target', 'demo');
fs.mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  const url = `${server.base}/energy-daily/page.html`;
  const page = await openPage(browser.context, url);
  await page.screenshot({ path: path.join(out, 'page.png'), caret: 'initial' });
  const tabId = await tabIdOf(browser.sw, url);
  const on = await toggle(browser.sw, tabId);
  await page.screenshot({ path: path.join(out, 'reader.png'), caret: 'initial' });
  const st = await state(browser.sw, tabId);
  const off = await toggle(browser.sw, tabId);
  // Back on the page: decluttered (the default "keep the page decluttered").
  await page.screenshot({ path: path.join(out, 'page-decluttered.png'), caret: 'initial' });
  const hidden = (await state(browser.sw, tabId)).declutter?.hidden ?? {};
  console.log(`\nreader view on: ${on.reader}, off again: ${!off.reader}`);
  console.log(`hidden on the page: ${Object.entries(hidden).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}`);
  console.log(`title:     ${st.title}\nauthors:   ${st.authors?.join(', ')}\npublished: ${st.published}\nsite:      ${st.site_name}`);
  console.log(`screenshots: ${path.relative(ROOT, path.join(out, 'page.png'))} (the page), ${path.relative(ROOT, path.join(out, 'reader.png'))} (reader view), ${path.relative(ROOT, path.join(out, 'page-decluttered.png'))} (the page after it)\n`);
} finally {
  await browser.close();
  await server.close();
}
const lucid = path.join(ROOT, 'target', 'release', 'lucid');
const md = execFileSync(lucid, ['extract', path.join(ROOT, 'tests/fixtures/energy-daily/page.html'), '--url', 'https://www.energy-daily.com/reports/Washington_Baghdad_to_discuss_future_of_foreign_troops_in_Iraq_999.html', '--format', 'markdown'], { encoding: 'utf8' });
console.log('--- lucid extract --format markdown ---\n');
console.log(md);
