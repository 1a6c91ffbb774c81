// Fuzzy matching for the quick palette: the query's characters must appear in the text in order (case and
// accents ignored); a match scores higher when its characters run together, start words, and start early.
// Pure functions, so the ranking is tested without a page.

export interface FuzzyMatch {
  score: number;
  /** Indexes into the text of the matched characters, for highlighting. */
  positions: number[];
}

const RUN_BONUS = 6;
const WORD_START_BONUS = 8;
const FIRST_CHARACTER_BONUS = 4;
const GAP_PENALTY = 1;

/** Lower case without accents: "Küche" matches "kuche". One character in, one out, so positions stay valid. */
function fold(text: string): string {
  let folded = '';
  for (const char of text.toLowerCase()) {
    const base = char.normalize('NFD').replace(/\p{Diacritic}/gu, '');
    folded += base.length === 1 ? base : char;
  }
  return folded;
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1]!;
  const here = text[index]!;
  return /[\s\-_/.:·]/.test(before) || (before === before.toLowerCase() && here !== here.toLowerCase());
}

/**
 * How well `query` matches `text`, or null when it does not (some query character missing, or out of order).
 * Spaces in the query are ignored. An empty query matches everything with score 0.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const needle = [...fold(query).replace(/\s+/g, '')];
  if (needle.length === 0) return { score: 0, positions: [] };
  const chars = [...text];
  const hay = [...fold(text)];
  if (hay.length !== chars.length) return null;
  // Greedy from the left, preferring a word start or a continued run when the next few characters offer one.
  const positions: number[] = [];
  let from = 0;
  for (const wanted of needle) {
    let found = -1;
    let fallback = -1;
    for (let i = from; i < hay.length; i++) {
      if (hay[i] !== wanted) continue;
      if (fallback === -1) fallback = i;
      const continues = positions.length > 0 && positions.at(-1) === i - 1;
      if (continues || isWordStart(text, i)) {
        found = i;
        break;
      }
    }
    if (found === -1) found = fallback;
    if (found === -1) return null;
    positions.push(found);
    from = found + 1;
  }
  let score = 0;
  positions.forEach((position, n) => {
    const previous = positions[n - 1];
    if (previous !== undefined && position === previous + 1) score += RUN_BONUS;
    else if (previous !== undefined) score -= Math.min(position - previous - 1, 10) * GAP_PENALTY;
    if (isWordStart(text, position)) score += WORD_START_BONUS;
  });
  if (positions[0] === 0) score += FIRST_CHARACTER_BONUS;
  // Among equal matches, the shorter text is the closer one.
  score -= chars.length / 100;
  return { score, positions };
}

/** The items that match, best first (ties keep their order); `text` gives what an item is searched by. */
export function fuzzyRank<T>(
  query: string,
  items: readonly T[],
  text: (item: T) => string,
): { item: T; match: FuzzyMatch }[] {
  const ranked: { item: T; match: FuzzyMatch; index: number }[] = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, text(item));
    if (match) ranked.push({ item, match, index });
  });
  ranked.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return ranked.map(({ item, match }) => ({ item, match }));
}
