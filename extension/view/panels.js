// The reader view's toolbar panels: reading settings (theme, font, sizes,
// images) and Cite (style, preview, copies). `actions` is the content
// script's: setSetting(key, value) and settings() (the view's current ones).
//
// Injected before content.js, in the same isolated world (the page never
// sees this global).
(() => {
  'use strict';
  if (globalThis.lucidPanels) return;
  const { t } = globalThis.lucidCore;
  const { LIMITS } = globalThis.lucidStore;
  const { STYLES, citation, payload, writeClipboard } = globalThis.lucidCopy;
  const { el } = globalThis.lucidView;

  function radioGroup(actions, name, legend, options) {
    const set = el('fieldset', { class: `group group-${name}` });
    set.append(el('legend', {}, legend));
    for (const [value, label] of options) {
      const id = `lucid-${name}-${value}`;
      const input = el('input', { type: 'radio', name, value, id });
      input.addEventListener('change', () => actions.setSetting(name, value));
      const lab = el('label', { for: id, class: `choice choice-${value}` });
      lab.append(input, el('span', {}, label));
      set.append(lab);
    }
    return set;
  }

  function stepper(actions, key, label, lessLabel, moreLabel) {
    const row = el('div', { class: 'stepper', role: 'group', 'aria-label': label });
    row.append(el('span', { class: 'stepper-label' }, label));
    const [min, max, step] = LIMITS[key];
    const make = (dir, text, aria) => {
      const b = el('button', { type: 'button', 'data-step': `${key}:${dir}`, 'aria-label': aria }, text);
      b.addEventListener('click', () => {
        const v = Math.round((actions.settings()[key] + dir * step) * 10) / 10;
        actions.setSetting(key, Math.min(max, Math.max(min, v)));
      });
      return b;
    };
    row.append(make(-1, '−', lessLabel), el('output', { 'data-for': key, 'aria-live': 'polite' }), make(1, '+', moreLabel));
    return row;
  }

  function settingsPanel(actions) {
    const panel = el('div', { class: 'settings', id: 'lucid-settings', role: 'group', 'aria-label': t('settings', 'Reading settings'), hidden: '' });
    panel.append(
      radioGroup(actions, 'theme', t('theme', 'Theme'), [
        ['system', t('themeSystem', 'System')],
        ['light', t('themeLight', 'Light')],
        ['sepia', t('themeSepia', 'Sepia')],
        ['dark', t('themeDark', 'Dark')],
      ]),
      radioGroup(actions, 'font', t('font', 'Font'), [
        ['serif', t('fontSerif', 'Serif')],
        ['sans', t('fontSans', 'Sans')],
        ['dyslexic', t('fontDyslexic', 'Dyslexia-friendly')],
      ]),
      stepper(actions, 'fontSize', t('fontSize', 'Text size'), t('smaller', 'Smaller text'), t('larger', 'Larger text')),
      stepper(actions, 'lineWidth', t('lineWidth', 'Line width'), t('narrower', 'Narrower lines'), t('wider', 'Wider lines')),
      stepper(actions, 'lineHeight', t('lineHeight', 'Line spacing'), t('tighter', 'Tighter lines'), t('looser', 'Looser lines')),
      radioGroup(actions, 'images', t('images', 'Images'), [
        [true, t('imagesShow', 'Show')],
        [false, t('imagesHide', 'Hide')],
      ]),
    );
    return panel;
  }

  // Keep the controls' pressed/checked state in step with the settings.
  function syncControls(root, s) {
    for (const input of root.querySelectorAll('input[type=radio]')) input.checked = String(s[input.name]) === input.value;
    root.querySelector('.highlight-toggle')?.setAttribute('aria-pressed', String(s.highlightFacts));
    for (const [key, [min, max]] of Object.entries(LIMITS)) {
      root.querySelector(`[data-step="${key}:-1"]`)?.toggleAttribute('disabled', s[key] <= min + 1e-9);
      root.querySelector(`[data-step="${key}:1"]`)?.toggleAttribute('disabled', s[key] >= max - 1e-9);
      const out = root.querySelector(`output[data-for="${key}"]`);
      if (out) out.textContent = key === 'lineHeight' ? s[key].toFixed(1) : String(s[key]);
    }
  }

  // The "Cite" panel: style picker, preview, copy buttons, a status line.
  function citePanel(actions, article, settings) {
    const panel = el('div', { class: 'cite-panel', id: 'lucid-cite', role: 'group', 'aria-label': t('citeTitle', 'Cite this article'), hidden: '' });
    const label = el('label', { for: 'lucid-cite-style' }, t('citationStyle', 'Citation style'));
    const select = el('select', { id: 'lucid-cite-style', name: 'citationStyle' });
    for (const [value, name] of STYLES) select.append(el('option', { value }, name));
    select.value = STYLES.some(([v]) => v === settings.citationStyle) ? settings.citationStyle : 'apa';
    const preview = el('pre', { class: 'cite-preview', 'aria-live': 'polite', tabindex: '0', 'aria-label': t('citePreview', 'Citation preview') });
    const status = el('p', { class: 'cite-status', role: 'status' });
    const say = (text) => {
      status.textContent = text;
      clearTimeout(say.timer);
      say.timer = setTimeout(() => { status.textContent = ''; }, 4000);
    };
    const refresh = async () => {
      try {
        preview.textContent = (await citation(article, select.value)).text;
      } catch {
        preview.textContent = '';
        say(t('citeFailed', 'The citation could not be made.'));
      }
    };
    select.addEventListener('change', () => {
      actions.setSetting('citationStyle', select.value);
      refresh();
    });
    const copyButton = (what, text, done) => {
      const b = el('button', { type: 'button', class: `copy copy-${what}` }, text);
      b.addEventListener('click', async () => {
        try {
          const ok = await writeClipboard(await payload(article, what, select.value));
          say(ok ? done : t('copyFailed', 'Copying failed.'));
        } catch {
          say(t('copyFailed', 'Copying failed.'));
        }
      });
      return b;
    };
    const row = el('div', { class: 'cite-row' });
    row.append(label, select);
    const buttons = el('div', { class: 'cite-buttons' });
    buttons.append(
      copyButton('citation', t('copyCitation', 'Copy citation'), t('citationCopied', 'Citation copied.')),
      copyButton('markdown', t('copyMarkdown', 'Copy as Markdown'), t('markdownCopied', 'Article copied as Markdown.')),
      copyButton('text', t('copyText', 'Copy as plain text'), t('textCopied', 'Article copied as plain text.')),
    );
    panel.append(row, preview, buttons, status);
    panel.refresh = refresh;
    return panel;
  }

  // A toolbar button that opens and closes its panel.
  function disclose(button, panel, onOpen) {
    button.addEventListener('click', () => {
      const open = panel.hidden;
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open) onOpen();
    });
  }
  // Close the panel if it is open (Esc): focus goes back to its button.
  function dismiss(button, panel) {
    if (!panel || panel.hidden) return false;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
    return true;
  }

  globalThis.lucidPanels = { settingsPanel, citePanel, syncControls, disclose, dismiss };
})();
