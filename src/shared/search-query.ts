// What the user types in the search field, as terms: words and "quoted phrases". Shared so the store (which
// turns terms into an FTS5 query) and the UI (which highlights the same terms) agree. Nothing the user types is
// ever handed to FTS5 as syntax: an unbalanced quote, a lone `*` or AND/OR/NOT are plain words (or dropped), so
// no query can fail with an FTS5 syntax error. Words match as prefixes ("temp" finds "temperature"); Chinese,
// Japanese and Korean text is indexed character by character, so any run of such characters is found.

export interface SearchTerm {
  text: string;
  /** From "a quoted phrase": matched as written, spaces included. */
  phrase: boolean;
}

const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 200;
/** Han, kana, hangul: written without spaces, so indexed (and searched) one character at a time. */
export const CJK_CHAR = /[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const add = (raw: string, phrase: boolean) => {
    // A trailing `*` asks for a prefix: every term already matches as a substring (trigram), so it adds nothing.
    const text = (phrase ? raw.trim() : raw.replace(/^["*]+|["*]+$/g, '')).slice(0, MAX_TERM_LENGTH);
    if (!WORD_CHAR.test(text) || terms.length >= MAX_TERMS) return; // punctuation alone finds nothing
    if (terms.some((t) => t.text.toLowerCase() === text.toLowerCase())) return;
    terms.push({ text, phrase });
  };
  let rest = query;
  for (;;) {
    const open = rest.indexOf('"');
    const close = open === -1 ? -1 : rest.indexOf('"', open + 1);
    if (close === -1) break; // no quote, or an unbalanced one: the rest is plain words
    for (const word of rest.slice(0, open).split(/\s+/)) add(word, false);
    add(rest.slice(open + 1, close), true);
    rest = rest.slice(close + 1);
  }
  for (const word of rest.split(/\s+/)) add(word, false);
  return terms;
}

/**
 * A single Latin letter or digit: as a prefix it would match a large part of the index, so the store looks for
 * it (LIKE) among the other terms' matches, or in the newest messages only.
 */
export function isShortTerm(term: SearchTerm): boolean {
  return !term.phrase && [...term.text].length < 2 && !CJK_CHAR.test(term.text);
}

export interface TextPart {
  text: string;
  match: boolean;
}

/** Splits `text` into matching and non-matching parts (case-insensitive), for highlighting as text. */
export function highlightParts(text: string, terms: readonly SearchTerm[]): TextPart[] {
  if (terms.length === 0 || text.length === 0) return [{ text, match: false }];
  const sorted = [...terms].sort((a, b) => b.text.length - a.text.length);
  const pattern = new RegExp(sorted.map((t) => t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
