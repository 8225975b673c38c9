// Options page: the defaults for the reader view, kept in storage.sync (the
// reader view's settings menu changes the same keys), and the articles picked
// by hand per site (storage.local), each forgettable.
'use strict';
const api = globalThis.browser ?? globalThis.chrome;
// The same defaults as the reader view's (store.js, loaded first).
const { DEFAULTS } = globalThis.lucidStore;

for (const node of document.querySelectorAll('[data-i18n]')) {
  const text = api.i18n.getMessage(node.dataset.i18n);
  if (text) node.textContent = text;
}
document.documentElement.lang = api.i18n.getUILanguage();

const form = document.getElementById('options');
const status = document.getElementById('status');

function show(settings) {
  for (const [key, value] of Object.entries(settings)) {
    const fields = form.elements[key];
    if (!fields) continue;
    if (fields instanceof RadioNodeList) {
      for (const r of fields) r.checked = r.value === String(value);
    } else if (fields.type === 'checkbox') {
      fields.checked = Boolean(value);
    } else {
      fields.value = String(value);
    }
  }
}

function read(target) {
  const key = target.name;
  if (target.type === 'checkbox') return [key, target.checked];
  if (target.type === 'number') {
    const n = Number(target.value);
    const [min, max] = [Number(target.min), Number(target.max)];
    return [key, Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : DEFAULTS[key]];
  }
  return [key, target.value];
}

form.addEventListener('change', async (e) => {
  const [key, value] = read(e.target);
  await api.storage.sync.set({ [key]: value });
  status.textContent = api.i18n.getMessage('optionsSaved') || 'Saved.';
});

api.storage.sync.get(DEFAULTS).then(show);

// Sites whose article was picked by hand and remembered: { hostname: selector }.
const picksList = document.getElementById('picks');
const picksNone = document.getElementById('picks-none');
function showPicks(picks = {}) {
  picksList.replaceChildren();
  for (const host of Object.keys(picks).sort()) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = host;
    const forget = document.createElement('button');
    forget.type = 'button';
    forget.textContent = api.i18n.getMessage('forget') || 'Forget';
    forget.setAttribute('aria-label', `${forget.textContent} ${host}`);
    forget.addEventListener('click', async () => {
      const { picks: now = {} } = await api.storage.local.get('picks');
      delete now[host];
      await api.storage.local.set({ picks: now });
      status.textContent = api.i18n.getMessage('optionsSaved') || 'Saved.';
    });
    item.append(name, ' ', forget);
    picksList.append(item);
  }
  picksNone.hidden = picksList.children.length > 0;
}
api.storage.local.get('picks').then((r) => showPicks(r.picks));
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.picks) showPicks(changes.picks.newValue);
});
