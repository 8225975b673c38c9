// Pick the article by hand, for the pages where extraction gets it wrong:
// the element under the pointer is outlined (the arrow keys move to its
// parent, child or siblings), a click or Enter picks it, Esc cancels. The
// content script then extracts from that element alone (its ancestors' tags
// kept, so a table cell is still read as one) with the page's metadata.
//
// Injected before content.js, in the same isolated world (the page never
// sees this global). The outline and the bar live in a closed shadow root on
// a <lucid-picker> element, removed when picking ends.
(() => {
  'use strict';
  if (globalThis.lucidPicker) return;

  // Boxes smaller than this (px) are passed over by ↓, ← and →.
  const MIN = 24;
  const sized = (e) => {
    const r = e.getBoundingClientRect();
    return r.width >= MIN && r.height >= MIN;
  };
  const STYLE = `
    .box { position: fixed; box-sizing: border-box; border: 3px solid #1a5fc8; background: rgba(26, 95, 200, .10); border-radius: 3px; pointer-events: none; }
    .tag { position: absolute; left: -3px; top: -1.6em; font: 600 12px/1.4 system-ui, sans-serif; color: #fff; background: #1a5fc8; padding: 0 .4em; border-radius: 3px 3px 0 0; white-space: nowrap; }
    .bar { position: fixed; left: 0; right: 0; bottom: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center;
      padding: .6rem 1rem; background: #1d1d1f; color: #fff; font: 400 14px/1.4 system-ui, sans-serif; pointer-events: auto; }
    .bar p { margin: 0; flex: 1 1 24rem; }
    .bar label { display: inline-flex; gap: .4rem; align-items: center; }
    .bar button { font: inherit; color: #fff; background: transparent; border: 1px solid #8a8a90; border-radius: 6px; padding: .3rem .8rem; cursor: pointer; }
    .bar :focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
  `;

  // A selector for `el` made of what is likely to hold on the site's next
  // article: ids and class names (not ones with long digit runs, which are
  // generated), tag names, and :nth-of-type only where needed. Null when no
  // selector found names `el` alone.
  function selectorFor(el) {
    const stable = (s) => s && !/\d{3,}/.test(s) && s.length <= 40 && /^[A-Za-z][\w-]*$/.test(s);
    const part = (e) => {
      if (stable(e.id)) return `#${CSS.escape(e.id)}`;
      const classes = [...e.classList].filter(stable).slice(0, 2).map((c) => `.${CSS.escape(c)}`).join('');
      return `${e.localName}${classes}`;
    };
    const unique = (sel) => {
      try {
        const all = document.querySelectorAll(sel);
        return all.length === 1 && all[0] === el;
      } catch {
        return false;
      }
    };
    const chain = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      let p = part(e);
      const siblings = e.parentElement ? [...e.parentElement.children].filter((s) => s.localName === e.localName) : [];
      if (!p.includes('#') && siblings.length > 1 && !siblings.every((s) => s === e || part(s) !== p)) {
        p += `:nth-of-type(${siblings.indexOf(e) + 1})`;
      }
      chain.unshift(p);
      const sel = chain.join(' > ');
      if (unique(sel)) return sel;
      if (p.startsWith('#')) break;
    }
    return null;
  }

  // start({ t, onPick(el, remember), onCancel() }): outline what is under the
  // pointer until the reader picks or cancels. Returns { stop, current }.
  function start({ t, onPick, onCancel, remember = false }) {
    const host = document.createElement('lucid-picker');
    host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; pointer-events: none !important; display: block !important;');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const box = document.createElement('div');
    box.className = 'box';
    const tag = document.createElement('span');
    tag.className = 'tag';
    box.append(tag);
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'dialog');
    bar.setAttribute('aria-label', t('pickTitle', 'Pick the article'));
    const help = document.createElement('p');
    help.textContent = t('pickHelp', 'Point at the article and click it, or use the arrow keys (↑ wider, ↓ narrower, ← → beside it) and Enter. Esc cancels.');
    const keep = document.createElement('input');
    keep.type = 'checkbox';
    keep.checked = remember;
    const keepLabel = document.createElement('label');
    keepLabel.append(keep, t('pickRemember', 'Remember for this site'));
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = t('pickCancel', 'Cancel');
    bar.append(help, keepLabel, cancel);
    root.append(style, box, bar);
    document.documentElement.append(host);

    let current = null;
    function show(el) {
      if (!el || el === host || el === document.documentElement) return;
      current = el;
      const r = el.getBoundingClientRect();
      Object.assign(box.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      tag.textContent = `${el.localName}${el.id ? `#${el.id}` : ''} · ${Math.round(r.width)}×${Math.round(r.height)}`;
    }
    const ours = (e) => e.composedPath().includes(host);
    // (A move to where the pointer already is — as a click may send — keeps
    // what the arrow keys chose.)
    let last = '';
    const onMove = (e) => {
      if (ours(e) || last === `${e.clientX},${e.clientY}`) return;
      last = `${e.clientX},${e.clientY}`;
      show(document.elementFromPoint(e.clientX, e.clientY));
    };
    const swallow = (e) => {
      if (ours(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    // A click picks the outlined element: the one pointed at, or what the
    // arrow keys widened it to.
    const onClick = (e) => {
      if (ours(e)) return;
      swallow(e);
      const el = document.elementFromPoint(e.clientX, e.clientY);
      if (current?.contains(el)) pick(current);
      else if (el && el !== host) pick(el);
    };
    const next = (el, dir) => {
      for (let s = dir > 0 ? el.nextElementSibling : el.previousElementSibling; s; s = dir > 0 ? s.nextElementSibling : s.previousElementSibling) {
        if (s !== host && sized(s)) return s;
      }
      return null;
    };
    const onKey = (e) => {
      if (ours(e) && e.key !== 'Escape' && e.key !== 'Enter') return;
      if (ours(e) && e.key === 'Enter' && e.composedPath()[0] !== bar) return; // the bar's own button or box
      let to = null;
      if (e.key === 'Escape') {
        swallow(e);
        stop();
        onCancel();
        return;
      }
      if (e.key === 'Enter') {
        swallow(e);
        if (current) pick(current);
        return;
      }
      if (!current) show(document.body);
      if (e.key === 'ArrowUp') to = current.parentElement === document.documentElement ? current : current.parentElement;
      else if (e.key === 'ArrowDown') to = [...current.children].find((c) => c !== host && sized(c)) ?? current;
      else if (e.key === 'ArrowLeft') to = next(current, -1) ?? current;
      else if (e.key === 'ArrowRight') to = next(current, 1) ?? current;
      else return;
      swallow(e);
      show(to);
      to.scrollIntoView?.({ block: 'nearest' });
    };
    const events = [['mousemove', onMove], ['click', onClick], ['mousedown', swallow], ['mouseup', swallow], ['pointerdown', swallow], ['pointerup', swallow], ['keydown', onKey]];
    for (const [type, f] of events) window.addEventListener(type, f, true);
    cancel.addEventListener('click', () => {
      stop();
      onCancel();
    });

    function stop() {
      for (const [type, f] of events) window.removeEventListener(type, f, true);
      host.remove();
    }
    function pick(el) {
      stop();
      onPick(el, keep.checked);
    }
    // Start on what is in the middle of the window.
    show(document.elementFromPoint(innerWidth / 2, innerHeight / 2) ?? document.body);
    return { stop, current: () => current, pick: () => current && pick(current) };
  }

  globalThis.lucidPicker = { start, selectorFor };
})();
