// Lucid Reader background (service worker in Chrome, event page in Firefox).
// Thin glue: inject the content script into the active tab and ask it to toggle.
'use strict';
const api = globalThis.browser ?? globalThis.chrome;

function setIcon(tabId, on) {
  const v = on ? 'on' : 'off';
  const path = { 16: `extension/icons/${v}-16.png`, 32: `extension/icons/${v}-32.png` };
  return Promise.all([
    api.action.setIcon({ tabId, path }),
    api.action.setTitle({ tabId, title: on ? 'Close reader view (Alt+Shift+R)' : 'Reader view (Alt+Shift+R)' }),
  ]).catch(() => {});
}

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function send(tabId, message) {
  return api.tabs.sendMessage(tabId, message);
}

// The function the toolbar button, the shortcut and the tests call.
async function toggle(tabId) {
  tabId = tabId ?? (await activeTabId());
  if (tabId == null) return { reader: false, error: 'no-tab' };
  try {
    await api.scripting.executeScript({ target: { tabId }, files: ['extension/content.js'] });
  } catch (e) {
    // Browser pages, the web store, PDF viewers…: nothing can be injected.
    return { reader: false, error: 'not-injectable', message: String(e?.message ?? e) };
  }
  const res = await send(tabId, { type: 'lucid:toggle' });
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

globalThis.lucid = { toggle, state };

api.action.onClicked.addListener((tab) => { toggle(tab.id); });
api.commands?.onCommand.addListener((command, tab) => {
  if (command === 'toggle-reader') toggle(tab?.id);
});
// The content script reports when the reader closes itself (Esc, close button).
api.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id !== api.runtime.id || !sender.tab || msg?.type !== 'lucid:changed') return;
  setIcon(sender.tab.id, !!msg.reader);
});
