// Highlights and notes in the reader view, kept on this device only.
//
// A selection in the article gets a small toolbar (four colours, a note,
// the quote with its citation, remove); the key H highlights it, N adds or
// edits the note of the highlight under the selection, Q copies it quoted
// with its citation and a link to the passage. Each article's highlights are kept in
// storage.local under `hl:` + its canonical URL (or the page's, without the
// fragment), anchored as the W3C Web Annotation model anchors text: a
// TextQuoteSelector (the exact text, 32 characters before and after it) and
// a TextPositionSelector as a hint. Reopening the view, reloading the page
// or a small edit to the story finds them again; a highlight whose text is
// gone is listed as orphaned at the end of the article, never dropped.
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidHighlights) return;
  const api = globalThis.browser ?? globalThis.chrome;

  const COLORS = ['yellow', 'green', 'blue', 'pink'];
  const CONTEXT = 32;
  const MAX_TEXT = 5000;
  // Elements of the view inside the article body that are not its text.
  const NOT_TEXT = '.hl-note, .hl-orphans';

  // The block a note goes after.
  const blockOf = (mark) => mark.closest('p, li, blockquote, h2, h3, h4, h5, h6, figcaption, td, th, dd, dt, pre') ?? mark;

  const keyOf = (url) => `hl:${String(url).replace(/#.*$/, '')}`;

  // The article body's text and where each text node starts in it.
  function textIndex(body) {
    const nodes = [];
    let text = '';
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest(NOT_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, text.length]);
      text += n.data;
    }
    return { text, nodes };
  }

  // Where a selector's text is: every place the exact text occurs, scored by
  // how much of its prefix and suffix agree, the position hint breaking ties.
  function anchor(index, sel) {
    const { text } = index;
    if (!sel?.exact) return null;
    let best = null;
    for (let at = text.indexOf(sel.exact); at >= 0; at = text.indexOf(sel.exact, at + 1)) {
      const end = at + sel.exact.length;
      let score = 0;
      const before = text.slice(Math.max(0, at - CONTEXT), at);
      for (let k = 1; k <= Math.min(before.length, sel.prefix?.length ?? 0) && before.at(-k) === sel.prefix.at(-k); k += 1) score += 1;
      const after = text.slice(end, end + CONTEXT);
      for (let k = 0; k < Math.min(after.length, sel.suffix?.length ?? 0) && after[k] === sel.suffix[k]; k += 1) score += 1;
      const distance = Math.abs(at - (sel.start ?? at));
      if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, end, score, distance };
    }
    return best && { start: best.start, end: best.end };
  }

  // The selector of text [start, end) of the body.
  function selectorOf(index, start, end) {
    const { text } = index;
    return {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
      start,
      end,
    };
  }

  // Offset in the body's text of a point (a text node and an offset in it,
  // or an element and a child index).
  function offsetOf(index, container, offset) {
    if (container.nodeType === 3) {
      const hit = index.nodes.find(([n]) => n === container);
      return hit ? hit[1] + offset : null;
    }
    // The first text at or after the point.
    const probe = document.createRange();
    probe.setStart(container, offset);
    for (const [n, at] of index.nodes) if (probe.comparePoint(n, 0) >= 0) return at;
    return index.text.length;
  }

  // Wrap text [start, end) of the body in marks of highlight `id`.
  function wrap(index, start, end, id, color) {
    const marks = [];
    for (const [node, at] of index.nodes) {
      const a = Math.max(start, at);
      const b = Math.min(end, at + node.data.length);
      if (a >= b || !node.data.slice(a - at, b - at).trim()) continue;
      let target = node;
      if (b - at < target.data.length) target.splitText(b - at);
      if (a - at > 0) target = target.splitText(a - at);
      const mark = document.createElement('mark');
      mark.className = `hl hl-${color}`;
      mark.dataset.hl = id;
      target.replaceWith(mark);
      mark.append(target);
      marks.push(mark);
    }
    return marks;
  }

  function unwrap(root, id) {
    for (const m of root.querySelectorAll(`mark.hl[data-hl="${CSS.escape(id)}"]`)) {
      const parent = m.parentNode;
      m.replaceWith(...m.childNodes);
      parent?.normalize();
    }
  }

  globalThis.lucidHighlights = function create({ root, shell, body, article, el, t, onQuote }) {
    const key = keyOf(article.url || location.href);
    let items = [];
    const announcer = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    shell.append(announcer);
    const announce = (s) => {
      announcer.textContent = '';
      setTimeout(() => { announcer.textContent = s; }, 30);
    };

    // ---- storage
    async function load() {
      try {
        items = (await api.storage.local.get(key))[key]?.items ?? [];
      } catch {
        items = [];
      }
    }
    function save() {
      // (With the page's citation item: the options page's Markdown export cites it.)
      const value = { url: article.url || location.href.replace(/#.*$/, ''), title: article.title, site: article.site_name ?? '', csl: article.citation?.['csl-json'] ?? '', saved: new Date().toISOString(), items };
      value.items = items.map(({ orphaned, ...kept }) => kept);
      const write = items.length ? api.storage.local.set({ [key]: value }) : api.storage.local.remove(key);
      return write.catch(() => {});
    }

    // ---- drawing
    function notesOf(id) {
      return body.querySelectorAll(`.hl-note[data-hl="${CSS.escape(id)}"]`);
    }
    function draw() {
      body.querySelectorAll('.hl-note, .hl-orphans').forEach((n) => n.remove());
      for (const m of [...body.querySelectorAll('mark.hl')]) unwrap(body, m.dataset.hl);
      const orphans = [];
      for (const item of items) {
        const index = textIndex(body);
        const at = anchor(index, item.selector);
        item.orphaned = !at;
        if (!at) {
          orphans.push(item);
          continue;
        }
        const marks = wrap(index, at.start, at.end, item.id, item.color);
        if (item.note && marks.length) noteUnder(item, marks.at(-1));
      }
      if (orphans.length) body.append(orphanList(orphans));
    }
    // The note under the passage: after the block that holds its last mark.
    function noteUnder(item, mark) {
      const box = el('aside', { class: `hl-note hl-${item.color}`, 'data-hl': item.id, 'aria-label': t('hlNoteLabel', 'Your note') });
      box.append(el('p', { class: 'hl-note-text' }, item.note));
      const edit = el('button', { type: 'button', class: 'hl-note-edit' }, t('hlEditNote', 'Edit note'));
      edit.addEventListener('click', () => editNote(item.id));
      box.append(edit);
      blockOf(mark).after(box);
    }
    function orphanList(orphans) {
      const section = el('section', { class: 'hl-orphans', 'aria-labelledby': 'lucid-hl-orphans' });
      section.append(el('h2', { id: 'lucid-hl-orphans' }, t('hlOrphans', 'Highlights whose text is no longer in the article')));
      const list = el('ul');
      for (const item of orphans) {
        const li = el('li', { 'data-hl': item.id });
        li.append(el('q', {}, item.selector.exact));
        if (item.note) li.append(el('p', { class: 'hl-note-text' }, item.note));
        const del = el('button', { type: 'button', class: 'hl-delete' }, t('hlDelete', 'Delete'));
        del.addEventListener('click', () => remove(item.id));
        li.append(del);
        list.append(li);
      }
      section.append(list);
      return section;
    }

    // ---- actions
    function add(start, end, color = COLORS[0], note = '') {
      const index = textIndex(body);
      if (end - start > MAX_TEXT) end = start + MAX_TEXT;
      const selector = selectorOf(index, start, end);
      if (!selector.exact.trim()) return null;
      const item = { id: `h${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, color, note, created: new Date().toISOString(), selector };
      items.push(item);
      changed(t('hlDone', 'Highlighted'));
      return item;
    }
    // After a change: drawn, kept, and said.
    function changed(said) {
      draw();
      save();
      announce(said);
    }
    function remove(id) {
      items = items.filter((i) => i.id !== id);
      changed(t('hlRemoved', 'Highlight removed'));
    }
    function recolor(id, color) {
      const item = items.find((i) => i.id === id);
      if (!item) return;
      item.color = color;
      changed(t('hlDone', 'Highlighted'));
    }
    function setNote(id, note) {
      const item = items.find((i) => i.id === id);
      if (!item) return;
      item.note = note.trim();
      changed(item.note ? t('hlNoteSaved', 'Note saved') : t('hlNoteRemoved', 'Note removed'));
      const box = notesOf(id)[0];
      (box?.querySelector('button') ?? body.querySelector(`mark.hl[data-hl="${CSS.escape(id)}"]`))?.focus?.();
    }
    // The note's editor, in place of the note (or under the passage).
    function editNote(id) {
      const item = items.find((i) => i.id === id);
      const mark = body.querySelector(`mark.hl[data-hl="${CSS.escape(id)}"]`);
      if (!item || !mark) return;
      notesOf(id).forEach((n) => n.remove());
      const form = el('aside', { class: `hl-note hl-editing hl-${item.color}`, 'data-hl': id });
      const area = el('textarea', { 'aria-label': t('hlNoteLabel', 'Your note'), rows: '3' });
      area.value = item.note ?? '';
      const ok = el('button', { type: 'button', class: 'hl-note-save' }, t('hlSave', 'Save'));
      const cancel = el('button', { type: 'button', class: 'hl-note-cancel' }, t('hlCancel', 'Cancel'));
      ok.addEventListener('click', () => setNote(id, area.value));
      cancel.addEventListener('click', () => draw());
      area.addEventListener('keydown', (e) => {
        e.stopPropagation(); // H and N are letters here
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) setNote(id, area.value);
        if (e.key === 'Escape') draw();
      });
      form.append(area, ok, cancel);
      blockOf([...body.querySelectorAll(`mark.hl[data-hl="${CSS.escape(id)}"]`)].at(-1) ?? mark).after(form);
      area.focus();
    }

    // ---- the selection and its toolbar
    // (Inside a shadow root the document's selection is told of the host
    // only: its composed range, given the root, says where it is.)
    function composedRange(sel) {
      for (const arg of [{ shadowRoots: [root] }, root]) {
        try {
          const [r] = sel.getComposedRanges(arg);
          if (r && body.contains(r.startContainer)) {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            return range;
          }
        } catch { /* the other form of the call */ }
      }
      return sel.rangeCount ? sel.getRangeAt(0) : null;
    }
    function selection() {
      const sel = document.getSelection();
      const range = sel && composedRange(sel);
      if (!range || range.collapsed) return null;
      if (!body.contains(range.commonAncestorContainer)) return null;
      const index = textIndex(body);
      const start = offsetOf(index, range.startContainer, range.startOffset);
      const end = offsetOf(index, range.endContainer, range.endOffset);
      if (start == null || end == null || end <= start) return null;
      return { range, start, end };
    }
    // The highlight the selection (or the focus) is in.
    function currentId() {
      const s = selection();
      const node = s?.range.startContainer ?? root.activeElement;
      const el = node?.nodeType === 3 ? node.parentElement : node;
      return el?.closest?.('mark.hl')?.dataset.hl ?? null;
    }

    const bar = el('div', { class: 'hl-toolbar', role: 'toolbar', 'aria-label': t('hlToolbar', 'Highlight'), hidden: '' });
    for (const color of COLORS) {
      const b = el('button', { type: 'button', class: `hl-swatch hl-${color}`, 'data-color': color, 'aria-label': t(`hlColor_${color}`, `Highlight ${color}`), title: t(`hlColor_${color}`, `Highlight ${color}`) });
      b.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection
      b.addEventListener('click', () => highlightSelection(color));
      bar.append(b);
    }
    const noteButton = el('button', { type: 'button', class: 'hl-note-button', title: 'N' }, t('hlNote', 'Note'));
    noteButton.addEventListener('mousedown', (e) => e.preventDefault());
    noteButton.addEventListener('click', () => noteSelection());
    const removeButton = el('button', { type: 'button', class: 'hl-remove' }, t('hlRemove', 'Remove'));
    removeButton.addEventListener('mousedown', (e) => e.preventDefault());
    removeButton.addEventListener('click', () => {
      const id = bar.dataset.hl;
      hideBar();
      if (id) remove(id);
    });
    const quoteButton = el('button', { type: 'button', class: 'hl-quote', title: 'Q' }, t('hlQuote', 'Quote'));
    quoteButton.addEventListener('mousedown', (e) => e.preventDefault());
    quoteButton.addEventListener('click', () => quoteSelection());
    bar.append(noteButton, quoteButton, removeButton);
    shell.append(bar);
    // The keyboard in the toolbar (a selection made with the keyboard, in
    // caret browsing, reaches it with Tab): ←/→ move between its buttons,
    // Esc leaves it and the selection as they were, the view open.
    bar.addEventListener('keydown', (e) => {
      const buttons = [...bar.querySelectorAll('button')].filter((b) => !b.hidden);
      const at = buttons.indexOf(root.activeElement);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        buttons[(at + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        hideBar();
      }
    });

    function hideBar() {
      // (The focus, when it was in the toolbar, goes back to the view, not
      // to nowhere.)
      if (bar.contains(root.activeElement)) shell.focus({ preventScroll: true });
      bar.hidden = true;
      delete bar.dataset.hl;
    }
    // `clicked`: the highlight a click landed on (no selection then).
    function showBar(clicked = null) {
      const s = selection();
      // (A click on a highlight leaves no selection: its bar stays until a
      // click elsewhere or a new selection.)
      const id = clicked ?? currentId() ?? (s ? null : bar.dataset.hl ?? null);
      if (!s && !id) return hideBar();
      removeButton.hidden = !id;
      if (id) bar.dataset.hl = id;
      else delete bar.dataset.hl;
      const rect = (s?.range ?? body.querySelector(`mark.hl[data-hl="${CSS.escape(id)}"]`))?.getBoundingClientRect?.();
      if (!rect) return hideBar();
      bar.hidden = false;
      const top = rect.top > 56 ? rect.top - bar.offsetHeight - 8 : rect.bottom + 8;
      bar.style.top = `${Math.max(4, top)}px`;
      bar.style.left = `${Math.min(Math.max(4, rect.left + rect.width / 2 - bar.offsetWidth / 2), innerWidth - bar.offsetWidth - 4)}px`;
    }
    function highlightSelection(color = COLORS[0]) {
      const id = currentId();
      const s = selection();
      if (id && (!s || body.querySelector(`mark.hl[data-hl="${CSS.escape(id)}"]`)?.textContent === s.range.toString())) {
        recolor(id, color);
        hideBar();
        return id;
      }
      if (!s) return null;
      const item = add(s.start, s.end, color);
      document.getSelection()?.removeAllRanges();
      hideBar();
      return item?.id ?? null;
    }
    // The selection (or the highlight under it) quoted with its citation.
    async function quoteSelection() {
      const s = selection();
      const id = currentId();
      const text = s ? s.range.toString() : items.find((i) => i.id === id)?.selector.exact;
      hideBar();
      if (!text?.trim() || !onQuote) return;
      try {
        const ok = await onQuote(text);
        announce(ok ? t('hlQuoted', 'Quote copied with its citation') : t('copyFailed', 'Could not copy'));
      } catch {
        announce(t('copyFailed', 'Could not copy'));
      }
    }
    function noteSelection() {
      const id = currentId() ?? highlightSelection();
      hideBar();
      if (id) editNote(id);
    }
    const onSelection = () => {
      if (!root.host.isConnected) return;
      requestAnimationFrame(() => showBar());
    };
    document.addEventListener('selectionchange', onSelection);
    body.addEventListener('click', (e) => {
      if (selection()) return;
      if (e.target.closest?.('mark.hl')) showBar(e.target.closest('mark.hl').dataset.hl);
      else hideBar();
    });

    // H, N and Q (no modifier), when the focus is not in a field; Tab from
    // a selection goes to the toolbar over it.
    function onKey(e) {
      if (e.key === 'Tab' && !e.shiftKey && !bar.hidden && !bar.contains(root.activeElement) && selection()) {
        e.preventDefault();
        bar.querySelector('button:not([hidden])')?.focus();
        return true;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || /^(input|textarea|select)$/i.test(root.activeElement?.localName ?? '')) return false;
      const k = e.key.toLowerCase();
      if (k !== 'h' && k !== 'n' && k !== 'q') return false;
      if (!selection() && !currentId()) return false;
      e.preventDefault();
      if (k === 'h') highlightSelection();
      else if (k === 'n') noteSelection();
      else quoteSelection();
      return true;
    }

    return {
      async restore() {
        await load();
        draw();
      },
      // After the names' pass rebuilt the blocks' children.
      redraw: draw,
      onKey,
      destroy() {
        document.removeEventListener('selectionchange', onSelection);
      },
      // The test entry points: the first occurrence of `text` in the view.
      highlightText({ text, color, note }) {
        const index = textIndex(body);
        const at = index.text.indexOf(text);
        if (!text || at < 0) return { error: 'not-found' };
        const item = add(at, at + text.length, COLORS.includes(color) ? color : COLORS[0], note ?? '');
        return item ? { id: item.id } : { error: 'not-found' };
      },
      list: () => items.map((i) => ({ id: i.id, text: i.selector.exact, color: i.color, note: i.note ?? '', orphaned: !!i.orphaned })),
    };
  };
  globalThis.lucidHighlights.keyOf = keyOf;
  globalThis.lucidHighlights.anchor = anchor;
  globalThis.lucidHighlights.COLORS = COLORS;
})();
