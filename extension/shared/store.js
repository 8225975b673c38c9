// What the extension keeps. storage.sync: the reading settings (the options
// page edits the same keys). storage.local, on this device only, never synced
// or sent: the articles picked by hand and remembered, by site
// ({ hostname: selector }), and where pages were left ({ url: { f, at } },
// navigate.js).
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidStore) return;
  const api = globalThis.browser ?? globalThis.chrome;

  const DEFAULTS = {
    theme: 'system', // system | light | sepia | dark
    font: 'serif', // serif | sans | dyslexic
    fontSize: 20, // px
    lineWidth: 36, // em
    lineHeight: 1.6,
    highlightFacts: true,
    images: true, // the article's images (and the figures that hold them)
    citationStyle: 'apa',
    declutter: true, // hide the live page's clutter while the reader view is open
    keepDecluttered: true, // ...and keep it hidden after the reader view closes
    readAloudRate: 1, // read aloud: speech rate
    readAloudVoice: '', // read aloud: a voice's voiceURI ('' = the system's default)
  };
  // The steppers' [min, max, step].
  const LIMITS = { fontSize: [14, 32, 2], lineWidth: [26, 50, 4], lineHeight: [1.3, 2.1, 0.1] };

  async function loadSettings() {
    try {
      return { ...DEFAULTS, ...(await api.storage.sync.get(DEFAULTS)) };
    } catch {
      return { ...DEFAULTS };
    }
  }

  function saveSetting(key, value) {
    api.storage.sync.set({ [key]: value }).catch(() => {});
  }

  // storage.local, read once per tab (alongside the core's loading) and read
  // again when another tab or the options page changes it.
  let localPromise = null;
  function loadLocal() {
    localPromise ??= api.storage.local.get(['picks', 'positions']).then(
      (r) => ({ picks: r.picks ?? {}, positions: r.positions ?? {} }),
      () => ({ picks: {}, positions: {} }),
    );
    return localPromise;
  }
  api.storage.onChanged?.addListener((changes, area) => {
    if (area === 'local' && (changes.picks || changes.positions)) localPromise = null;
  });

  // Store `update(the value of key)`; nothing is written when it gives back
  // the same value.
  async function updateLocal(key, update) {
    const local = await loadLocal();
    const value = update(local[key]);
    if (value === local[key]) return;
    localPromise = Promise.resolve({ ...local, [key]: value });
    await api.storage.local.set({ [key]: value }).catch(() => {});
  }

  // Remember the element picked on this site (a selector from its stable ids
  // and classes, picker.js), or forget the site's pick.
  function rememberPick(el, remember) {
    const selector = remember ? globalThis.lucidPicker.selectorFor(el) : null;
    return updateLocal('picks', (picks) => {
      const next = { ...picks };
      if (selector) next[location.hostname] = selector;
      else delete next[location.hostname];
      return next;
    });
  }

  // The element remembered for this site, if it is on this page and shown.
  function rememberedRoot(picks) {
    const selector = picks[location.hostname];
    if (!selector) return null;
    try {
      const el = document.querySelector(selector);
      return el && el !== document.body && el.getClientRects().length ? el : null;
    } catch {
      return null;
    }
  }

  // Keep where the reader left this page (navigate.js's fraction scrolled).
  const keepPosition = (f) => updateLocal('positions', (p) => globalThis.lucidNavigate.withPosition(p, location.href, f));

  globalThis.lucidStore = { DEFAULTS, LIMITS, loadSettings, saveSetting, loadLocal, rememberPick, rememberedRoot, keepPosition };
})();
