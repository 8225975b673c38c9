// Lucid Reader background (service worker in Chrome, event page in Firefox).
// Thin glue: inject the content script into the active tab and ask it to toggle.
'use strict';
const api = globalThis.browser ?? globalThis.chrome;

function setIcon(tabId, on) {
  const v = on ? 'on' : 'off';
  const path = { 16: `/extension/icons/${v}-16.png`, 32: `/extension/icons/${v}-32.png` };
  return Promise.all([
    api.action.setIcon({ tabId, path }),
    api.action.setTitle({ tabId, title: api.i18n.getMessage(on ? 'actionTitleOn' : 'actionTitle') }),
  ]).catch(() => {});
}

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function send(tabId, message) {
  return api.tabs.sendMessage(tabId, message);
}

// The content script's files, in order (content.js says what each holds).
// (By where they belong: page/ runs in the page, view/ builds the reader
// view, shared/ is also the options page's.)
const CONTENT_SCRIPTS = ['page/markup', 'page/core', 'shared/store', 'page/copy', 'view/view', 'view/panels', 'page/declutter', 'view/read-aloud', 'page/picker', 'view/navigate', 'view/highlights', 'page/test-hooks', 'page/content']
  .map((name) => `extension/${name}.js`);

async function inject(tabId) {
  await api.scripting.executeScript({ target: { tabId }, files: CONTENT_SCRIPTS });
}

// The function the toolbar button, the shortcut, the context menu and the tests call.
// `options.force`: extract even what does not look like an article ("Show it anyway");
// `options.root`: a CSS selector of the element to read the article from
// (what picking it by hand does).
async function toggle(tabId, options = {}) {
  tabId = tabId ?? (await activeTabId());
  if (tabId == null) return { reader: false, error: 'no-tab' };
  try {
    await inject(tabId);
  } catch (e) {
    // Browser pages, the web store, PDF viewers…: nothing can be injected.
    return { reader: false, error: 'not-injectable', message: String(e?.message ?? e) };
  }
  const res = await send(tabId, { type: 'lucid:toggle', force: !!options.force, root: typeof options.root === 'string' ? options.root : null });
  await setIcon(tabId, !!res?.reader);
  return res;
}

async function state(tabId) {
  tabId = tabId ?? (await activeTabId());
  try {
    return (await send(tabId, { type: 'lucid:state' })) ?? { reader: false };
  } catch {
    return { reader: false };
  }
}

// Keyboard shortcuts (`commands`); exposed so tests can drive the same path.
function command(name, tab) {
  if (name === 'toggle-reader') return toggle(tab?.id);
  return Promise.resolve({ error: 'unknown-command' });
}

// Accessibility audit of the open reader view with axe-core. Only the test
// build ships axe (extension/test/axe.min.js); elsewhere this reports that.
async function axe(tabId) {
  try {
    await api.scripting.executeScript({ target: { tabId }, files: ['extension/test/axe.min.js'] });
  } catch (e) {
    return { error: `axe-core unavailable: ${e?.message ?? e}` };
  }
  return send(tabId, { type: 'lucid:axe' });
}



api.action.onClicked.addListener((tab) => { toggle(tab.id); });
api.commands?.onCommand.addListener((name, tab) => { command(name, tab); });

// Copy the citation (in the default style), or the article as Markdown or
// plain text, without opening the reader view.
async function copy(tabId, what, style, text) {
  tabId = tabId ?? (await activeTabId());
  if (tabId == null) return { ok: false, error: 'no-tab' };
  try {
    await inject(tabId);
  } catch (e) {
    return { ok: false, error: 'not-injectable', message: String(e?.message ?? e) };
  }
  return send(tabId, { type: 'lucid:copy', what, style, text });
}

const MENU = [
  ['lucid-toggle', 'contextToggle'],
  ['lucid-copy-citation', 'contextCopyCitation'],
  ['lucid-copy-markdown', 'contextCopyMarkdown'],
  ['lucid-copy-text', 'contextCopyText'],
];
api.runtime.onInstalled.addListener(() => {
  for (const [id, key] of MENU) {
    api.contextMenus.create({ id, title: api.i18n.getMessage(key), contexts: ['page'] }, () => void api.runtime.lastError);
  }
  // On selected text (in the reader view, or on the page itself).
  api.contextMenus.create({ id: 'lucid-copy-quote', title: api.i18n.getMessage('contextCopyQuote'), contexts: ['selection'] }, () => void api.runtime.lastError);
});
function contextMenu(info, tab) {
  if (tab?.id == null) return Promise.resolve({ error: 'no-tab' });
  switch (info.menuItemId) {
    case 'lucid-toggle': return toggle(tab.id);
    case 'lucid-copy-citation': return copy(tab.id, 'citation');
    case 'lucid-copy-markdown': return copy(tab.id, 'markdown');
    case 'lucid-copy-text': return copy(tab.id, 'text');
    case 'lucid-copy-quote': return copy(tab.id, 'quote', undefined, info.selectionText ?? '');
    default: return Promise.resolve({ error: 'unknown-menu-item' });
  }
}
api.contextMenus.onClicked.addListener((info, tab) => { contextMenu(info, tab); });

// The content script reports when the reader closes itself (Esc, close button).
api.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id !== api.runtime.id || !sender.tab || msg?.type !== 'lucid:changed') return;
  setIcon(sender.tab.id, !!msg.reader);
});

// A deliberate panic inside the core (tests: a panic is an error, not a broken tab).
async function selftestPanic(tabId) {
  await inject(tabId);
  return send(tabId, { type: 'lucid:selftest-panic' });
}

// Extraction only, `runs` times back to back in the tab, with the time of
// each (the speed benchmark: the same steps the reader view takes first).
async function extractTimes(tabId, runs) {
  tabId = tabId ?? (await activeTabId());
  await inject(tabId);
  return send(tabId, { type: 'lucid:extract-times', runs });
}

// Start picking the article by hand in the tab (the reader view's "Pick"
// button does the same): the reader points and clicks, or uses the keys.
// `remember` presets the picker's "Remember for this site" box.
async function pick(tabId, { remember } = {}) {
  tabId = tabId ?? (await activeTabId());
  try {
    await inject(tabId);
  } catch (e) {
    return { error: 'not-injectable', message: String(e?.message ?? e) };
  }
  return send(tabId, { type: 'lucid:pick', remember: typeof remember === 'boolean' ? remember : null });
}

// Read aloud in the open reader view: `cmd` is start | pause | resume | next
// | previous | stop | state (| rect, where sentence `arg` is); the state after it:
// { open, speaking, sentence, sentences, text, highlighted, rate, voice, voices }.
async function readAloud(tabId, cmd, arg) {
  tabId = tabId ?? (await activeTabId());
  try {
    return (await send(tabId, { type: 'lucid:read-aloud', cmd, arg })) ?? { error: 'no-reader-view' };
  } catch (e) {
    return { error: 'no-reader-view', message: String(e?.message ?? e) };
  }
}

// Test builds only: the speech stub (extension/test/speech-stub.js) in the
// tab's content-script world, utterances ending after `auto` ms (0: only
// when asked, `finish`), or failing as without a speech engine (`fail`);
// returns what it was asked to say so far.
async function speechStub(tabId, { auto, finish = false, fail = false } = {}) {
  try {
    await api.scripting.executeScript({ target: { tabId }, files: ['extension/test/speech-stub.js'] });
    const [{ result }] = await api.scripting.executeScript({
      target: { tabId },
      func: (ms, end, err) => {
        const stub = globalThis.lucidSpeechStub;
        if (typeof ms === 'number') stub.auto = ms;
        if (end) stub.finish();
        if (err) stub.fail();
        return { ok: true, log: stub.log };
      },
      args: [auto ?? null, finish, fail],
    });
    return result;
  } catch (e) {
    return { error: `speech stub unavailable: ${e?.message ?? e}` };
  }
}

// The entry points, for tests: the same functions the browser events call.
// Highlights in the open view (what the selection toolbar does; the tests'
// entry points): `highlight` marks the first occurrence of `text`.
async function highlight(tabId, { text, color, note } = {}) {
  tabId = tabId ?? (await activeTabId());
  return (await send(tabId, { type: 'lucid:highlight', text: String(text ?? ''), color, note })) ?? { error: 'no-reader-view' };
}
// A passage quoted with its citation ({ plain, html, link }), as "Quote" copies it.
async function quote(tabId, { text, style } = {}) {
  tabId = tabId ?? (await activeTabId());
  return (await send(tabId, { type: 'lucid:quote', text: String(text ?? ''), style })) ?? { error: 'no-reader-view' };
}
async function highlights(tabId) {
  tabId = tabId ?? (await activeTabId());
  return (await send(tabId, { type: 'lucid:highlights' })) ?? [];
}

globalThis.lucid = { toggle, state, command, contextMenu, copy, axe, selftestPanic, extractTimes, readAloud, speechStub, pick, highlight, highlights, quote };
