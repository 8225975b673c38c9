// Finding one's way in a long read: a Contents list (articles with three
// headings or more) that jumps to a section and marks the one being read, a
// thin progress bar, and the reading position kept per page (storage.local,
// a week) so that reopening the view offers to continue where the reader
// left off.
//
// Injected before content.js, in the same isolated world (the page never
// sees this global); content.js calls `globalThis.lucidNavigate(ctx)` for
// each reader view it builds.
(() => {
  'use strict';
  if (globalThis.lucidNavigate) return;

  const WEEK = 7 * 24 * 3600 * 1000;
  const KEEP = 100; // positions kept, the newest

  // Where a page was left: { [url]: { f: fraction scrolled, at: ms } }.
  function positionOf(positions, url) {
    const p = positions?.[url];
    return p && Date.now() - p.at < WEEK && p.f > 0.02 && p.f < 0.98 ? p.f : null;
  }

  // `positions` with `f` for `url`: the same object when there is nothing to
  // keep and nothing to forget (a page opened and closed at the top).
  function withPosition(positions, url, f) {
    const keep = f > 0.02 && f < 0.98;
    if (!keep && !(url in positions)) return positions;
    const next = { ...positions };
    if (keep) next[url] = { f, at: Date.now() };
    else delete next[url];
    const urls = Object.keys(next).sort((a, b) => next[b].at - next[a].at);
    for (const old of urls.slice(KEEP)) delete next[old];
    return next;
  }

  function create({ shell, main, body, el, t, url, positions }) {
    const progress = el('div', { class: 'progress', 'aria-hidden': 'true' });
    const bar = el('span', { class: 'progress-bar' });
    progress.append(bar);
    const scrollable = () => Math.max(1, shell.scrollHeight - shell.clientHeight);
    const fraction = () => Math.min(1, Math.max(0, shell.scrollTop / scrollable()));
    const toolbarBottom = () => shell.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;

    // Contents: the body's h2–h4, when there are three or more.
    const headings = [...body.querySelectorAll('h2, h3, h4')].filter((h) => h.textContent.trim());
    let button = null;
    let panel = null;
    const links = [];
    if (headings.length >= 3) {
      button = el('button', { type: 'button', class: 'contents-toggle', 'aria-expanded': 'false', 'aria-controls': 'lucid-contents' }, t('contents', 'Contents'));
      panel = el('nav', { class: 'contents-panel', id: 'lucid-contents', 'aria-label': t('contents', 'Contents') });
      panel.hidden = true;
      const list = el('ol');
      for (const h of headings) {
        h.setAttribute('tabindex', '-1');
        const item = el('li', { class: `level-${h.localName}` });
        const a = el('a', { href: '#', class: 'contents-link' }, h.textContent.replace(/\s+/g, ' ').trim());
        a.addEventListener('click', (e) => {
          e.preventDefault();
          jump(h);
        });
        item.append(a);
        list.append(item);
        links.push(a);
      }
      panel.append(list);
      button.addEventListener('click', () => setOpen(panel.hidden));
    }

    function setOpen(open) {
      if (!panel) return;
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open) (panel.querySelector('[aria-current]') ?? links[0])?.focus();
    }

    // A section's heading just under the toolbar, and focus on it.
    function jump(h) {
      setOpen(false);
      shell.scrollBy({ top: h.getBoundingClientRect().top - toolbarBottom() - 16 });
      h.focus({ preventScroll: true });
      update();
    }

    // The section being read: the last heading above the upper third.
    function update() {
      bar.style.transform = `scaleX(${fraction()})`;
      if (!links.length) return;
      const line = toolbarBottom() + (innerHeight - toolbarBottom()) / 3;
      let current = -1;
      headings.forEach((h, i) => {
        if (h.getBoundingClientRect().top <= line) current = i;
      });
      links.forEach((a, i) => {
        if (i === current) a.setAttribute('aria-current', 'location');
        else a.removeAttribute('aria-current');
      });
    }
    let queued = false;
    shell.addEventListener('scroll', () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        update();
      });
    }, { passive: true });

    // Reopened within a week: offer to continue where the reader left off.
    let resume = null;
    const left = positionOf(positions, url);
    if (left != null) {
      resume = el('p', { class: 'resume', role: 'status' });
      const go = el('button', { type: 'button', class: 'resume-go' }, t('resume', 'Continue where you left off'));
      const pct = el('span', { class: 'resume-where' }, t('resumeWhere', `${Math.round(left * 100)} % read`, [String(Math.round(left * 100))]));
      const dismiss = el('button', { type: 'button', class: 'resume-dismiss', 'aria-label': t('resumeDismiss', 'Start from the top') }, '✕');
      go.addEventListener('click', () => {
        shell.scrollTo({ top: left * scrollable() });
        resume.remove();
        shell.focus({ preventScroll: true });
      });
      dismiss.addEventListener('click', () => resume.remove());
      resume.append(go, ' ', pct, ' ', dismiss);
      main.prepend(resume);
    }

    return {
      button,
      panel,
      progress,
      isOpen: () => !!panel && !panel.hidden,
      close: () => setOpen(false),
      update,
      fraction,
      state: () => ({
        contents: links.map((a) => ({ text: a.textContent, current: a.hasAttribute('aria-current') })),
        progress: Number(fraction().toFixed(3)),
        resume: left,
      }),
    };
  }

  globalThis.lucidNavigate = Object.assign(create, { withPosition, positionOf });
})();
