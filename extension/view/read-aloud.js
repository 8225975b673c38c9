// Read aloud in the reader view: the article spoken sentence by sentence
// with the system's voices (Web Speech API: no network, no permission), the
// sentence being read highlighted (CSS Custom Highlight API: the view's DOM
// is not touched, so key-fact marks stay as they are) and kept in view
// unless the reader has scrolled away. Sentence boundaries come from the
// core (`sentences`, the splitter the key sentences use).
//
// Injected before content.js, in the same isolated world (the page never
// sees this global): content.js calls `globalThis.lucidReadAloud(ctx)` for
// each reader view it builds. The speech API is looked up at each use, so the
// test build's stub (extension/test/speech-stub.js) can stand in for it.
(() => {
  'use strict';
  if (globalThis.lucidReadAloud) return;

  // Blocks whose text is read; text in the header's site line and meta line,
  // the key-facts box and the print-only footer is not.
  const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption, dt, dd, td, th, pre, caption';
  const SKIP = '.site, .meta, .key-facts, .print-citation, rt, rp';
  const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
  const HIGHLIGHT = 'lucid-reading';
  // A reader who scrolled within this long is not scrolled back to the voice.
  const HANDS_OFF_MS = 4000;

  const speech = () => globalThis.speechSynthesis;

  // The article's sentences in reading order: [{ range, text }]. Runs of
  // text nodes in the same block (a list item's own text and its nested
  // list's items are separate runs) are each split by the core.
  function sentencesOf(article, split) {
    const out = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let run = null;
    const flush = () => {
      if (!run || !run.text.trim()) return;
      const offs = split(run.text);
      for (let i = 0; i + 1 < offs.length; i += 2) {
        const range = document.createRange();
        place(range, true, run.nodes, offs[i]);
        place(range, false, run.nodes, offs[i + 1]);
        const text = run.text.slice(offs[i], offs[i + 1]).replace(/\s+/g, ' ').trim();
        if (text) out.push({ range, text });
      }
    };
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const block = n.parentElement?.closest(BLOCKS) ?? article;
      if (run?.block !== block) {
        flush();
        run = { block, nodes: [], text: '' };
      }
      run.nodes.push([n, run.text.length]);
      run.text += n.data;
    }
    flush();
    return out;
  }

  // Put a range's start or end at `offset` in the run's text.
  function place(range, start, nodes, offset) {
    let k = nodes.length - 1;
    while (k > 0 && (start ? nodes[k][1] > offset : nodes[k][1] >= offset)) k -= 1;
    const [node, at] = nodes[k];
    const o = Math.min(Math.max(offset - at, 0), node.data.length);
    if (start) range.setStart(node, o);
    else range.setEnd(node, o);
  }

  globalThis.lucidReadAloud = Object.assign(function create({ shell, article, lang, el, t, split, settings, save }) {
    let list = null;
    let index = 0;
    let speaking = false;
    let token = 0; // the utterance whose events still count
    let handsOff = 0; // when the reader last scrolled
    let open = false;

    const button = el('button', { type: 'button', class: 'listen-toggle', 'aria-expanded': 'false', 'aria-controls': 'lucid-listen' }, t('listen', 'Listen'));
    const panel = el('div', { class: 'listen-panel', id: 'lucid-listen', role: 'group', 'aria-label': t('readAloud', 'Read aloud') });
    panel.hidden = true;
    // Words, not media glyphs: every system font has them, and the visible
    // label is the accessible name (voice control users say what they see).
    const prev = el('button', { type: 'button', class: 'listen-prev', title: t('previousSentence', 'Previous sentence') }, `‹ ${t('previous', 'Previous')}`);
    const play = el('button', { type: 'button', class: 'listen-play' });
    const next = el('button', { type: 'button', class: 'listen-next', title: t('nextSentence', 'Next sentence') }, `${t('next', 'Next')} ›`);
    const rate = el('select', { class: 'listen-rate' });
    for (const r of RATES) rate.append(el('option', { value: String(r) }, `${r}×`));
    rate.value = String(RATES.includes(settings.readAloudRate) ? settings.readAloudRate : 1);
    const voice = el('select', { class: 'listen-voice' });
    const status = el('span', { class: 'listen-status' });
    const labelled = (text, control) => {
      const l = el('label', {}, text);
      l.append(' ', control);
      return l;
    };
    panel.append(prev, play, next, labelled(t('speed', 'Speed'), rate), labelled(t('voice', 'Voice'), voice), status);

    // The system's voices, those of the article's language first.
    function voices() {
      const all = speech()?.getVoices?.() ?? [];
      const want = (lang || '').toLowerCase().split('-')[0];
      const mine = (v) => (want && v.lang?.toLowerCase().startsWith(want) ? 0 : 1);
      return [...all].sort((a, b) => mine(a) - mine(b) || a.name.localeCompare(b.name));
    }
    function fillVoices() {
      const vs = voices();
      voice.replaceChildren(el('option', { value: '' }, t('defaultVoice', 'Default voice')));
      for (const v of vs) voice.append(el('option', { value: v.voiceURI }, `${v.name} (${v.lang})`));
      voice.value = vs.some((v) => v.voiceURI === settings.readAloudVoice) ? settings.readAloudVoice : '';
    }

    // (An empty Highlight, then `add`: from a Firefox content script the
    // constructor's ranges do not cross the Xray wrapper, nor can a
    // Highlight be iterated; `shown` is the range put there.)
    let shown = null;
    function highlight(range) {
      const reg = globalThis.CSS?.highlights;
      if (!reg || typeof Highlight !== 'function') return;
      if (range) {
        const h = new Highlight();
        h.add(range);
        reg.set(HIGHLIGHT, h);
      } else reg.delete(HIGHLIGHT);
      shown = range;
    }

    // The sentence being read on screen, unless the reader scrolled lately.
    function keepInView(range) {
      if (Date.now() - handsOff < HANDS_OFF_MS) return;
      const r = range.getBoundingClientRect();
      const top = (shell.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0) + 16;
      if (r.top < top || r.bottom > innerHeight - 24) shell.scrollBy({ top: r.top - Math.max(top, innerHeight / 3) });
    }
    for (const type of ['wheel', 'touchmove']) shell.addEventListener(type, () => { handsOff = Date.now(); }, { passive: true });
    shell.addEventListener('keydown', (e) => {
      if (['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown'].includes(e.key)) handsOff = Date.now();
    });

    function update() {
      play.textContent = speaking ? t('pause', 'Pause') : t('play', 'Play');
      status.textContent = list?.length ? t('sentenceOf', `Sentence ${index + 1} of ${list.length}`, [String(index + 1), String(list.length)]) : '';
      shell.classList.toggle('listening', open);
    }

    function speak() {
      const synth = speech();
      const item = list[index];
      if (!synth || !item) return;
      const u = new globalThis.SpeechSynthesisUtterance(item.text);
      if (lang) u.lang = lang;
      u.rate = Number(rate.value) || 1;
      const v = voices().find((x) => x.voiceURI === voice.value);
      if (v) u.voice = v;
      const mine = ++token;
      u.onend = () => {
        if (mine !== token || !speaking) return;
        if (index + 1 < list.length) {
          index += 1;
          show();
          speak();
        } else {
          speaking = false;
          update();
        }
      };
      u.onerror = (e) => {
        if (mine !== token || e?.error === 'interrupted' || e?.error === 'canceled') return;
        speaking = false;
        update();
        // (A system without a speech engine fails every utterance: say so.)
        status.textContent = t('noVoice', 'No voice could read this: the system has no speech engine or voice for it.');
      };
      synth.speak(u);
    }

    function show() {
      const item = list[index];
      highlight(item?.range ?? null);
      if (item) keepInView(item.range);
      update();
    }

    // Read from sentence `at` (the current one when not given).
    function start(at) {
      list ??= sentencesOf(article, split);
      if (!list.length) return;
      if (at != null) index = Math.min(Math.max(at, 0), list.length - 1);
      token += 1;
      speech()?.cancel();
      speaking = true;
      handsOff = 0;
      show();
      speak();
    }

    // Pausing cancels the utterance and keeps the place: resuming reads the
    // sentence again from its start (the engines' own pause is unreliable).
    function pause() {
      token += 1;
      speaking = false;
      speech()?.cancel();
      update();
    }

    function step(by) {
      list ??= sentencesOf(article, split);
      const to = Math.min(Math.max(index + by, 0), list.length - 1);
      if (speaking) start(to);
      else {
        index = to;
        show();
      }
    }

    function setOpen(on) {
      open = on;
      panel.hidden = !on;
      button.setAttribute('aria-expanded', String(on));
      // (Voices can arrive after the page loads; listened for while open.)
      if (on) {
        speech()?.addEventListener?.('voiceschanged', fillVoices);
        fillVoices();
        start();
        play.focus();
      } else {
        speech()?.removeEventListener?.('voiceschanged', fillVoices);
        stop();
      }
      update();
    }

    function stop() {
      pause();
      highlight(null);
    }

    button.addEventListener('click', () => setOpen(!open));
    play.addEventListener('click', () => (speaking ? pause() : start()));
    prev.addEventListener('click', () => step(-1));
    next.addEventListener('click', () => step(1));
    rate.addEventListener('change', () => {
      save('readAloudRate', Number(rate.value));
      if (speaking) start();
    });
    voice.addEventListener('change', () => {
      save('readAloudVoice', voice.value);
      if (speaking) start();
    });
    // A click on a sentence reads from there (links keep their click).
    article.addEventListener('click', (e) => {
      if (!open || e.target.closest?.('a, button')) return;
      const at = hit(e.clientX, e.clientY);
      if (at >= 0) start(at);
    });

    function hit(x, y) {
      list ??= sentencesOf(article, split);
      return list.findIndex(({ range }) => {
        const rects = range.getClientRects();
        for (let i = 0; i < rects.length; i += 1) {
          const r = rects[i];
          if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
        }
        return false;
      });
    }

    // Keys inside the view while read-aloud is open: Space plays or pauses,
    // ← and → go a sentence back or on (not in a form control or on a link
    // or button, which keep their own keys). True when the key was used.
    function onKey(e) {
      if (!open || e.altKey || e.ctrlKey || e.metaKey) return false;
      const own = e.target.closest?.('select, input, textarea, a, button');
      if (e.key === ' ' && !own) {
        if (speaking) pause();
        else start();
      } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !e.target.closest?.('select, input, textarea')) {
        step(e.key === 'ArrowLeft' ? -1 : 1);
      } else return false;
      e.preventDefault();
      return true;
    }

    // For the tests (lucid.readAloud) and the toolbar: one command, the state after it.
    function command(cmd, arg) {
      if (cmd === 'start') {
        if (!open) setOpen(true);
        else start(arg);
      } else if (cmd === 'pause') pause();
      else if (cmd === 'resume') start();
      else if (cmd === 'next') step(1);
      else if (cmd === 'previous') step(-1);
      else if (cmd === 'stop') setOpen(false);
      else if (cmd === 'list') {
        list ??= sentencesOf(article, split);
        return { ...state(), all: list.map((x) => x.text) };
      } else if (cmd === 'rect') {
        // Where sentence `arg` is on screen (a test clicks it).
        list ??= sentencesOf(article, split);
        const item = list[arg];
        if (!item) return null;
        item.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const r = item.range.getClientRects()[0];
        return r ? { x: r.left + Math.min(8, r.width / 2), y: r.top + r.height / 2 } : null;
      }
      return state();
    }

    function state() {
      // What the registry holds: one range, the one put there.
      const held = globalThis.CSS?.highlights?.get(HIGHLIGHT)?.size === 1;
      const highlighted = held && shown ? shown.toString().replace(/\s+/g, ' ').trim() : null;
      const r = list?.[index]?.range.getBoundingClientRect();
      return {
        open,
        speaking,
        inView: r ? r.top >= 0 && r.bottom <= innerHeight : null,
        scrollTop: shell.scrollTop,
        sentence: index,
        sentences: list?.length ?? 0,
        text: list?.[index]?.text ?? null,
        highlighted,
        rate: Number(rate.value),
        voice: voice.value,
        voices: [...voice.options].map((o) => o.value),
        status: status.textContent,
      };
    }

    update();
    return { button, panel, onKey, command, state, stop, isOpen: () => open, close: () => setOpen(false) };
  }, { sentencesOf });
})();
