// Firefox test build only: the background side of tests/e2e/firefox/bridge.js.
// `fn` is one of the `lucid.*` functions background.js exposes (called with
// the asking tab's id first) or `settings` (storage.sync.set, as the options
// page does), `command` (a keyboard shortcut) or `contextMenu` (a menu item).
'use strict';
browser.runtime.onMessage.addListener((msg, sender) => {
  if (msg?.type !== 'lucid:test-call' || sender.id !== browser.runtime.id || !sender.tab) return undefined;
  const args = Array.isArray(msg.args) ? msg.args : [];
  if (msg.fn === 'settings') return browser.storage.sync.set(args[0] ?? {}).then(() => true);
  // The options page's Export all and Import (BiDi cannot open a
  // moz-extension: page): the same functions over the same storage.
  const notes = globalThis.lucidAnnotations;
  if (msg.fn === 'exportAll') return notes.records(browser.storage.local).then((r) => notes.toWebAnnotation(r));
  if (msg.fn === 'importAll') return notes.importInto(browser.storage.local, notes.fromWebAnnotation(args[0]));
  if (msg.fn === 'clearLocal') return browser.storage.local.clear().then(() => true);
  // The keyboard shortcut and the context menu, as the browser calls them.
  if (msg.fn === 'command') return Promise.resolve(globalThis.lucid.command(args[0], sender.tab));
  if (msg.fn === 'contextMenu') return Promise.resolve(globalThis.lucid.contextMenu({ menuItemId: args[0], selectionText: args[1] }, sender.tab));
  const f = globalThis.lucid?.[msg.fn];
  if (typeof f !== 'function') return Promise.resolve({ error: `no lucid.${msg.fn}` });
  return Promise.resolve(f(sender.tab.id, ...args));
});
