// Types of lucid-reader (docs/npm.md in the Lucid Reader repository).

/** A key fact in the article's text (offsets in UTF-8 bytes of `text`). */
export interface Fact {
  kind: 'number' | 'date' | 'person' | 'organisation' | 'place' | 'quote' | 'key_sentence';
  text: string;
  start: number;
  end: number;
  /** A quote's speaker, when the text names them. */
  speaker?: string;
  /** A person's role as the story gives it. */
  role?: string;
}

/** The article, as the `lucid` CLI's JSON gives it. */
export interface Article {
  title: string;
  authors: string[];
  /** The date as the page states it, ISO 8601 (`YYYY-MM-DD` or a timestamp with offset). */
  published: string | null;
  site_name: string | null;
  lang: string | null;
  dir: string | null;
  excerpt: string | null;
  /** The page's own picture of the article, an absolute URL. */
  image: string | null;
  url: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  /** Sanitised HTML (allow-listed elements and attributes), key facts marked. */
  html: string;
  markdown: string;
  word_count: number;
  facts: Fact[];
  /** Who, which organisations, where and how much, ranked. */
  panel: Record<string, unknown>;
  /** Format → citation text: apa, mla, chicago-author-date, chicago-notes,
   * harvard (unless `citations: false`), bibtex, ris, csl-json. */
  citation: Record<string, string>;
}

export type Format =
  | 'json' | 'markdown' | 'text' | 'html'
  | 'apa' | 'mla' | 'chicago-author-date' | 'chicago-notes' | 'harvard'
  | 'bibtex' | 'ris' | 'csl-json';

export interface ExtractOptions {
  /** The page's address: links and images are made absolute against it; cited as the URL. */
  url?: string;
  /** Extract even when the page does not look like an article. */
  force?: boolean;
  /** 'json' (default) returns an Article; the others the string the CLI prints. */
  format?: Format;
  /** The access date cited (YYYY-MM-DD); today when not given. */
  accessed?: string;
  /** false: no prose citations (the citation module is not loaded). Default true. */
  citations?: boolean;
}

/** A page as markup, or any DOM Document (jsdom, linkedom, happy-dom, a browser's). */
export type Page = string | Document;

export function extract(html: Page, options?: ExtractOptions & { format?: 'json' }): Promise<Article>;
export function extract(html: Page, options: ExtractOptions & { format: Exclude<Format, 'json'> }): Promise<string>;

/** Whether the names models (the package lucid-reader-names) are installed
 * beside this one: without them the key facts hold no people, organisations
 * or places. */
export function hasNames(): boolean;

/** Resolves when the core can be called (at once, except just after an internal error). */
export function ready(): Promise<void>;

export const STYLES: readonly ['apa', 'mla', 'chicago-author-date', 'chicago-notes', 'harvard'];

/** Every error about an input; `code` says which. */
export class LucidError extends Error {
  code: 'not-an-article' | 'empty' | 'not-html' | 'bad-option' | 'bad-input' | 'no-citation' | 'cite' | 'internal' | string;
}
/** The page holds no article: pass `force: true` to extract it anyway. */
export class NotAnArticleError extends LucidError {
  code: 'not-an-article';
}
/** Empty, not HTML, not a string or a Document, or a bad option. */
export class BadInputError extends LucidError {
  code: 'empty' | 'not-html' | 'bad-option' | 'bad-input';
}

/** @mozilla/readability's options: those marked (ignored) are accepted and have no effect. */
export interface ReadabilityOptions<T = string> {
  /** (ignored) */
  debug?: boolean;
  /** Throw when the document holds more elements than this (0: no limit). */
  maxElemsToParse?: number;
  /** (ignored) */
  nbTopCandidates?: number;
  /** (ignored) */
  charThreshold?: number;
  /** (ignored: the content never carries the page's classes) */
  classesToPreserve?: string[];
  /** (ignored: the content never carries the page's classes) */
  keepClasses?: boolean;
  /** Turns the content element into `content` (default: its innerHTML). Needs a DOM Document. */
  serializer?: (node: Node) => T;
  /** Do not read the page's JSON-LD. */
  disableJSONLD?: boolean;
  /** (ignored: embedded videos are not kept) */
  allowedVideoRegex?: RegExp;
  /** (ignored) */
  linkDensityModifier?: number;
  /** Lucid's own: the page's address when `document` is a string or has none. */
  url?: string;
}

export class Readability<T = string> {
  constructor(document: Document | string, options?: ReadabilityOptions<T>);
  parse(): null | {
    title: string;
    content: T;
    textContent: string;
    length: number;
    excerpt: string | null;
    /** The authors' names, joined by ", " (Readability: the raw byline line). */
    byline: string | null;
    dir: string | null;
    siteName: string | null;
    lang: string | null;
    /** ISO 8601, as the page states it. */
    publishedTime: string | null;
  };
}

export function isProbablyReaderable(
  document: Document | string,
  options?: { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Node) => boolean; url?: string },
): boolean;

declare const _default: {
  extract: typeof extract;
  Readability: typeof Readability;
  isProbablyReaderable: typeof isProbablyReaderable;
  ready: typeof ready;
  hasNames: typeof hasNames;
  LucidError: typeof LucidError;
  NotAnArticleError: typeof NotAnArticleError;
  BadInputError: typeof BadInputError;
  STYLES: typeof STYLES;
};
export default _default;
