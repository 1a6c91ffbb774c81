// A text every match of a regular expression must contain, so that a rule's regex runs only on messages whose
// one-pass word scan found it (most messages cannot match a given rule's regex, and finding that out with the
// regex itself costs a run over the title and the body per rule). Conservative: only a run of plain ASCII
// characters at the start of a pattern without a top-level alternative, and none for patterns whose matches
// could contain something the word scan would not find (case folding with `u`/`v` and `i`: /k/iu matches the
// Kelvin sign, /s/iu the long s).

/** Characters that stand for themselves in any pattern (outside a class), whatever follows them. */
const PLAIN = /^[A-Za-z0-9 _,:;'"=<>@%&~!#-]$/;
const QUANTIFIER = /^[?*+{]$/;

/**
 * A lowercase-insensitive substring of every text `regex` matches, or null when there is none worth using. When
 * regex.test(text) is true, text.toLowerCase() contains the answer's lowercase form.
 */
export function requiredLiteral(regex: RegExp): string | null {
  const flags = regex.flags;
  if (flags.includes('i') && (flags.includes('u') || flags.includes('v'))) return null;
  const source = regex.source;
  if (hasTopLevelAlternative(source)) return null;
  let start = 0;
  // Zero-width at the start: the text after them is still required.
  for (;;) {
    if (source.startsWith('^', start)) start += 1;
    else if (source.startsWith('\\b', start)) start += 2;
    else break;
  }
  let end = start;
  while (end < source.length && PLAIN.test(source[end]!)) end++;
  // A quantifier after the run makes its last character optional (or repeatable).
  if (end < source.length && QUANTIFIER.test(source[end]!)) end--;
  return end - start >= 2 ? source.slice(start, end) : null;
}

/** Whether `source` has a `|` outside every group and class (then no part of it is required). */
function hasTopLevelAlternative(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth <= 0) return true;
  }
  return false;
}
