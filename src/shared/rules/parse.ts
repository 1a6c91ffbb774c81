// The small languages inside a rule (durations, rates, clock ranges, priority and value conditions), parsed
// once when a rules document is loaded. The UI validates with the same parsers, so both sides refuse the same
// rules with the same words.

export type Comparison = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** "5m", "30s", "250ms", "1h", "2d" -> milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : null;
}

/**
 * A rule's `for`: a duration as parseDuration reads it, or zero ("0s"), which makes the rule fit on the first
 * message of each episode: "when it becomes true", once, rather than on every message while it is.
 */
export function parseForDuration(text: string): number | null {
  if (/^\s*0+(?:\.0+)?\s*(ms|s|m|h|d)\s*$/.test(text)) return 0;
  return parseDuration(text);
}

export interface Rate {
  count: number;
  windowMs: number;
}

/** "1/60s": at most `count` per window, or null. */
export function parseRate(text: string): Rate | null {
  const match = /^\s*(\d+)\s*\/\s*(.+)$/.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const windowMs = parseDuration(match[2]!);
  return count >= 1 && windowMs !== null ? { count, windowMs } : null;
}

/** Minutes since local midnight at the start and end of a range; end < start crosses midnight. */
export interface ClockRange {
  startMinute: number;
  endMinute: number;
}

/** "22:00-07:00" (local time; may cross midnight), or null. */
export function parseClockRange(text: string): ClockRange | null {
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  // 24:00 is allowed as an end: "18:00-24:00" reads better than "18:00-00:00".
  if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 === 24 && m2 !== 0)) return null;
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  return startMinute === endMinute ? null : { startMinute, endMinute };
}

export interface PriorityCondition {
  op: Comparison;
  value: number;
}

/** ">=4", "<3", "5" (same as "==5"), or null. */
export function parsePriorityCondition(text: string): PriorityCondition | null {
  const match = /^\s*(>=|<=|==|!=|>|<)?\s*([1-5])\s*$/.exec(text);
  if (!match) return null;
  return { op: (match[1] ?? '==') as Comparison, value: Number(match[2]) };
}

export type Literal = number | string | boolean | null;

/**
 * A condition on the payload: `$.temperature > 30`, `$.state == 'open'`, `$ >= 21.5` (the whole payload as a
 * number), `changed` (the payload differs from the last one on the same topic) or `$.state changed`.
 * `path` is the list of keys after `$` (empty for the whole payload).
 */
export type ValueCondition =
  { path: string[]; kind: 'compare'; op: Comparison; literal: Literal } | { path: string[]; kind: 'changed' };

const PATH = String.raw`\$((?:\.[A-Za-z_][\w-]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)`;
const LITERAL = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|'[^']*'|"[^"]*"|true|false|null)`;
const COMPARE = new RegExp(String.raw`^\s*${PATH}\s*(>=|<=|==|!=|>|<)\s*${LITERAL}\s*$`);
const CHANGED = new RegExp(String.raw`^\s*(?:${PATH}\s+)?changed\s*$`);

export function parseValueCondition(text: string): ValueCondition | null {
  const changed = CHANGED.exec(text);
  if (changed) return { path: pathKeys(changed[1] ?? ''), kind: 'changed' };
  const compare = COMPARE.exec(text);
  if (!compare) return null;
  return {
    path: pathKeys(compare[1]!),
    kind: 'compare',
    op: compare[2] as Comparison,
    literal: literalOf(compare[3]!),
  };
}

/** Text that reads as a number (" 21.5 ", "-3e1"): how a text payload counts as one, in rules and in charts. */
export const NUMERIC_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

const WHOLE_PATH = new RegExp(String.raw`^\s*${PATH}\s*$`);

/** `$.a.b[0]` (as a condition writes it) -> its keys after `$`, or null when it is not such a path. */
export function parseValuePath(text: string): string[] | null {
  const match = WHOLE_PATH.exec(text);
  return match ? pathKeys(match[1]!) : null;
}

function pathKeys(text: string): string[] {
  const keys: string[] = [];
  for (const part of text.matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g)) {
    keys.push(part[1] ?? part[2] ?? part[3] ?? part[4] ?? '');
  }
  return keys;
}

function literalOf(text: string): Literal {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (text.startsWith("'") || text.startsWith('"')) return text.slice(1, -1);
  return Number(text);
}

/** `/pattern/flags` -> RegExp, or null when it is not written that way or does not compile. */
export function parseRegexLiteral(text: string): RegExp | null {
  const match = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!match) return null;
  try {
    // Matching is a yes/no question: a global or sticky regex would carry lastIndex from one message to the next.
    return new RegExp(match[1]!, match[2]!.replace(/[gy]/g, ''));
  } catch {
    return null;
  }
}
