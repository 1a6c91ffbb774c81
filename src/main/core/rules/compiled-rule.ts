// A rule parsed once into what decide() needs: its conditions as values and matchers (words registered in the
// shared automaton, the regex compiled, days as a bit mask, the time range in minutes) and the words its
// reasons are made of, so that deciding a message parses and formats nothing.
import {
  parseClockRange,
  parseForDuration,
  parsePriorityCondition,
  parseRate,
  parseRegexLiteral,
  parseValueCondition,
  type ClockRange,
  type Comparison,
  type PriorityCondition,
  type Rate,
  type ValueCondition,
} from '../../../shared/rules/parse.ts';
import { WEEKDAYS, type Rule, type RuleAction } from '../../../shared/rules/schema.ts';
import type { LocalClock, LocalTime } from './local-time.ts';
import { requiredLiteral } from './regex-literal.ts';
import type { WordMatcher } from './word-matcher.ts';

export interface CompiledRule {
  /** Position in the document. */
  index: number;
  name: string;
  /** Unique among the document's rules: the name, or "name (2)" for a second rule with the same name. */
  stateKey: string;
  enabled: boolean;
  action: RuleAction;
  priority: number | undefined;
  source: string | undefined;
  topic: string | undefined;
  /** The rule's words as written and their ids in the shared WordMatcher. */
  words: { text: string; id: number }[] | null;
  regex: RegExp | null;
  /** The word id of a text every match of `regex` contains (see requiredLiteral); null when there is none. */
  regexWord: number | null;
  priorityCondition: PriorityCondition | null;
  value: ValueCondition | null;
  /** A bit per weekday (bit 0 = Sunday); 0 when `when.days` is not given. */
  days: number;
  time: ClockRange | null;
  forMs: number | null;
  limit: Rate | null;
  snoozeUntil: number | null;
  /** Whether the rule keeps state per topic from its value condition (`changed` or `for`). */
  stateful: boolean;
  /** Conditions exactly as written, which the exported state is checked against on restore. */
  written: { value: string | null; for: string | null; limit: string | null };
  labels: RuleLabels;
}

/** The words of each possible reason, made once. */
export interface RuleLabels {
  when: string | null;
  value: string | null;
  regex: string | null;
  priority: string | null;
  topic: string | null;
  source: string | null;
  limit: string | null;
  /** The local date and time the snooze ends, in the engine's zone. */
  snoozeDate: string | null;
  snoozeClock: string | null;
}

export function compileRule(
  rule: Rule,
  index: number,
  stateKey: string,
  words: WordMatcher,
  clock: LocalClock,
): CompiledRule {
  const match = rule.match;
  const regex = typeof match.text === 'string' ? parseRegexLiteral(match.text) : null;
  const value = match.value === undefined ? null : parseValueCondition(match.value);
  const priorityCondition = match.priority === undefined ? null : parsePriorityCondition(match.priority);
  const days = (rule.when?.days ?? []).reduce((mask, day) => mask | (1 << WEEKDAYS.indexOf(day)), 0);
  const time = rule.when?.time === undefined ? null : parseClockRange(rule.when.time);
  const forMs = rule.for === undefined ? null : parseForDuration(rule.for);
  const limit = rule.limit === undefined ? null : parseRate(rule.limit);
  const snoozeMs = rule.snoozeUntil === undefined ? Number.NaN : Date.parse(rule.snoozeUntil);
  const snoozeUntil = Number.isFinite(snoozeMs) ? snoozeMs : null;
  const snoozeLocal = snoozeUntil === null ? null : clock.local(snoozeUntil);
  const quiet = rule.action !== 'notify';
  const literal = rule.enabled && regex !== null ? requiredLiteral(regex) : null;
  return {
    index,
    name: rule.name,
    stateKey,
    enabled: rule.enabled,
    action: rule.action,
    priority: rule.priority,
    source: match.source,
    topic: match.topic,
    words: rule.enabled && Array.isArray(match.text) ? match.text.map((text) => ({ text, id: words.add(text) })) : null,
    regex,
    regexWord: literal === null ? null : words.add(literal),
    priorityCondition,
    value,
    days,
    time,
    forMs: value?.kind === 'compare' ? forMs : null,
    limit,
    snoozeUntil,
    stateful: value !== null && (value.kind === 'changed' || forMs !== null),
    written: { value: match.value?.trim() ?? null, for: rule.for?.trim() ?? null, limit: rule.limit?.trim() ?? null },
    labels: {
      when: whenLabel(days, time, quiet),
      value: match.value === undefined ? null : `${match.value.trim()}${forLabel(rule.for, forMs)}`,
      regex: regex === null ? null : `matched ${String(match.text)}`,
      priority:
        priorityCondition &&
        `priority ${priorityCondition.op === '==' ? '' : priorityCondition.op}${priorityCondition.value}`,
      topic: match.topic === undefined ? null : `topic ${match.topic}`,
      source: match.source === undefined ? null : `source ${match.source}`,
      limit: limit === null ? null : `limit ${rule.limit!.trim()}`,
      snoozeDate: snoozeLocal?.date ?? null,
      snoozeClock: snoozeLocal?.clock ?? null,
    },
  };
}

/** Whether local time `local` is inside the rule's days and time. */
export function whenFits(rule: CompiledRule, local: LocalTime): boolean {
  const dayFits = (weekday: number) => rule.days === 0 || (rule.days & (1 << weekday)) !== 0;
  if (rule.time === null) return dayFits(local.weekday);
  const { startMinute: start, endMinute: end } = rule.time;
  const minute = local.minute;
  if (start < end) return minute >= start && minute < end && dayFits(local.weekday);
  // Across midnight the hours after midnight belong to the night that began the day before ("fri" 22:00-07:00
  // is Friday night, until Saturday 07:00), as phones' do-not-disturb schedules count them.
  if (minute >= start) return dayFits(local.weekday);
  if (minute < end) return dayFits((local.weekday + 6) % 7);
  return false;
}

export function comparePriority(priority: number, op: Comparison, value: number): boolean {
  switch (op) {
    case '>':
      return priority > value;
    case '>=':
      return priority >= value;
    case '<':
      return priority < value;
    case '<=':
      return priority <= value;
    case '==':
      return priority === value;
    case '!=':
      return priority !== value;
  }
}

const clockText = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Days from Monday, runs of three or more shortened: "mon-fri", "sat, sun", "mon, wed-fri". */
export function daysText(mask: number): string {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const runs: string[] = [];
  for (let i = 0; i < order.length;) {
    if ((mask & (1 << order[i]!)) === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < order.length && (mask & (1 << order[j + 1]!)) !== 0) j++;
    const first = WEEKDAYS[order[i]!];
    const last = WEEKDAYS[order[j]!];
    if (j - i >= 2) runs.push(`${first}-${last}`);
    else for (let k = i; k <= j; k++) runs.push(WEEKDAYS[order[k]!]!);
    i = j + 1;
  }
  return runs.join(', ');
}

function whenLabel(days: number, time: ClockRange | null, quiet: boolean): string | null {
  if (days === 0 && time === null) return null;
  const range = time && `${clockText(time.startMinute)}-${clockText(time.endMinute)}`;
  if (quiet && range) return `quiet hours ${range}${days === 0 ? '' : ` (${daysText(days)})`}`;
  return [days === 0 ? null : daysText(days), range].filter(Boolean).join(' ');
}

/** How `for` reads in a reason: " for 5m", or " (became true)" for a rule that fits as its condition starts to hold. */
function forLabel(written: string | undefined, forMs: number | null): string {
  if (!written) return '';
  return forMs === 0 ? ' (became true)' : ` for ${written.trim()}`;
}
