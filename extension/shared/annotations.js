// The reader's highlights as documents: W3C Web Annotation JSON (an
// AnnotationCollection; what other annotation tools read, and what
// "Import" restores exactly) and Markdown (quote blocks, notes, the
// citation and a link to each passage; the shape notes apps such as
// Obsidian take as it is). Pure functions over the records highlights.js
// keeps in storage.local (`hl:URL` → { url, title, site, csl, saved,
// items: [{ id, color, note, created, selector }] }), and reading them from
// and importing them into that storage; shared by the options page, the
// content scripts, and the tests.
(() => {
  'use strict';
  if (globalThis.lucidAnnotations) return;
  const NS = 'https://lucid-reader.invalid/ns#';

  // Records → one AnnotationCollection.
  function toWebAnnotation(records) {
    const items = [];
    for (const r of records) {
      for (const h of r.items ?? []) {
        const body = [{ type: 'TextualBody', purpose: 'tagging', value: h.color }];
        if (h.note) body.unshift({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/plain' });
        const s = h.selector ?? {};
        items.push({
          id: `urn:lucid-reader:highlight:${h.id}`,
          type: 'Annotation',
          motivation: h.note ? 'commenting' : 'highlighting',
          created: h.created,
          body,
          target: {
            source: r.url,
            selector: [
              { type: 'TextQuoteSelector', exact: s.exact ?? '', prefix: s.prefix ?? '', suffix: s.suffix ?? '' },
              { type: 'TextPositionSelector', start: s.start ?? 0, end: s.end ?? 0 },
            ],
          },
          // The page as the reader saw it (title, site, its citation item).
          [`${NS}page`]: { title: r.title ?? '', site: r.site ?? '', csl: r.csl ?? '', saved: r.saved ?? '' },
        });
      }
    }
    return {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      label: 'Lucid Reader highlights',
      total: items.length,
      first: { type: 'AnnotationPage', items },
    };
  }

  // An AnnotationCollection (or page, or list of annotations) → records, by
  // page. Throws on what is not Web Annotation JSON.
  function fromWebAnnotation(doc) {
    const list = Array.isArray(doc) ? doc : doc?.first?.items ?? doc?.items ?? (doc?.type === 'Annotation' ? [doc] : null);
    if (!Array.isArray(list)) throw new Error('not Web Annotation JSON: no annotations');
    const byUrl = new Map();
    for (const a of list) {
      const source = typeof a?.target === 'string' ? a.target : a?.target?.source;
      const selectors = [a?.target?.selector ?? []].flat();
      const quote = selectors.find((s) => s?.type === 'TextQuoteSelector');
      if (typeof source !== 'string' || !quote?.exact) continue;
      const pos = selectors.find((s) => s?.type === 'TextPositionSelector') ?? {};
      const bodies = [a.body ?? []].flat();
      const page = a[`${NS}page`] ?? {};
      const record = byUrl.get(source) ?? { url: source, title: page.title ?? '', site: page.site ?? '', csl: page.csl ?? '', saved: page.saved ?? '', items: [] };
      byUrl.set(source, record);
      record.items.push({
        id: String(a.id ?? '').replace(/^urn:lucid-reader:highlight:/, '') || `h${record.items.length}${Date.now().toString(36)}`,
        color: bodies.find((b) => b?.purpose === 'tagging')?.value ?? 'yellow',
        note: bodies.find((b) => b?.purpose === 'commenting')?.value ?? '',
        created: a.created ?? '',
        selector: { exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '', start: pos.start ?? 0, end: pos.end ?? quote.exact.length },
      });
    }
    return [...byUrl.values()];
  }

  // One page's highlights as Markdown. `cite(exact)`: { citation, link } for
  // a passage (the core's quote), and `reference`: the page's reference, in
  // the reader's style; without them the title, site and URL stand in.
  function toMarkdown(record, { reference = '', cite = null } = {}) {
    const lines = [`# ${record.title || record.url}`, ''];
    lines.push(reference || [record.site, record.url].filter(Boolean).join(' · '), '');
    for (const h of record.items ?? []) {
      const q = cite?.(h.selector.exact);
      for (const line of h.selector.exact.split('\n')) lines.push(`> ${line}`);
      const source = [q?.citation, q?.link ? `[↗](${q.link})` : ''].filter(Boolean).join(' ');
      if (source) lines.push('>', `> — ${source}`);
      lines.push('');
      if (h.note) lines.push(h.note, '');
    }
    return `${lines.join('\n').trimEnd()}\n`;
  }

  // The records kept in `storage` (an extension's storage.local), newest first.
  async function records(storage) {
    const all = await storage.get(null);
    return Object.entries(all).filter(([k]) => k.startsWith('hl:')).map(([, v]) => v).sort((a, b) => String(b.saved).localeCompare(String(a.saved)));
  }

  // Imported records written into `storage`, each merged with what is kept
  // for its page (an imported highlight replaces its namesake); how many
  // highlights were imported.
  async function importInto(storage, imported) {
    const existing = await storage.get(imported.map((r) => `hl:${r.url}`));
    const writes = {};
    for (const r of imported) {
      const kept = existing[`hl:${r.url}`]?.items ?? [];
      writes[`hl:${r.url}`] = { ...r, items: [...kept.filter((h) => !r.items.some((n) => n.id === h.id)), ...r.items] };
    }
    await storage.set(writes);
    return imported.reduce((n, r) => n + r.items.length, 0);
  }

  globalThis.lucidAnnotations = { toWebAnnotation, fromWebAnnotation, toMarkdown, records, importInto };
})();
