// A rule in one line, for the list: what it matches, when, what it does, and its extras.
// "topic kitchen/# · priority >=4 · weekdays 22:00-07:00 → silent · set priority 5 · limit 1/60s"
import type { RuleInput, RuleAction, Weekday } from '../../shared/rules/schema.ts';
import { untilText } from './time-text.ts';

export const ACTION_LABEL: Record<RuleAction, string> = {
  notify: 'notify',
  silent: 'silent',
  read: 'mark read',
  drop: 'drop',
};

/** Monday first, as people read a week; the document's own order is free. */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const DAY_LABEL: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

export interface SummaryContext {
  /** A source's name for its id (rules may name a source either way). */
  sourceName?: (idOrName: string) => string;
  now?: Date;
}

export function ruleSummary(rule: RuleInput, context: SummaryContext = {}): string {
  const parts = [...matchParts(rule, context)];
  const when = whenText(rule.when);
  if (when) parts.push(when);
  if (rule.for) parts.push(`for ${rule.for}`);
  const condition = parts.length > 0 ? parts.join(' · ') : 'every message';

  const effects = [ACTION_LABEL[rule.action]];
  if (rule.priority !== undefined) effects.push(`set priority ${rule.priority}`);
  if (rule.limit) effects.push(`limit ${rule.limit}`);
  if (rule.snoozeUntil) effects.push(snoozeText(rule.snoozeUntil, context.now ?? new Date()));
  return `${condition} → ${effects.join(' · ')}`;
}

function matchParts({ match = {} }: RuleInput, { sourceName = (s) => s }: SummaryContext): string[] {
  const parts: string[] = [];
  if (match.source) parts.push(`from ${sourceName(match.source)}`);
  if (match.topic) parts.push(`topic ${match.topic}`);
  if (match.text !== undefined) {
    parts.push(
      typeof match.text === 'string'
        ? `text matches ${match.text}`
        : `text has ${match.text.map((word) => `"${word}"`).join(' or ')}`,
    );
  }
  if (match.priority) parts.push(`priority ${match.priority}`);
  if (match.value) parts.push(`value ${match.value}`);
  return parts;
}

/** "weekdays 22:00-07:00", "Sat, Sun", "22:00-07:00"; null for always. */
export function whenText(when: RuleInput['when']): string | null {
  if (!when) return null;
  const days = when.days ? daysText(when.days) : null;
  const text = [days, when.time].filter(Boolean).join(' ');
  return text || null;
}

export function daysText(days: readonly Weekday[]): string | null {
  const set = new Set(days);
  const is = (list: readonly Weekday[]) => set.size === list.length && list.every((day) => set.has(day));
  if (set.size === 7) return null;
  if (is(['mon', 'tue', 'wed', 'thu', 'fri'])) return 'weekdays';
  if (is(['sat', 'sun'])) return 'weekends';
  return WEEK.filter((day) => set.has(day))
    .map((day) => DAY_LABEL[day])
    .join(', ');
}

function snoozeText(iso: string, now: Date): string {
  const until = new Date(iso);
  if (Number.isNaN(until.getTime())) return `snoozed until ${iso}`;
  return until.getTime() > now.getTime() ? `snoozed until ${untilText(until, now)}` : 'snooze ended';
}
