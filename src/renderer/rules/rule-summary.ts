// A rule in one line, for the list: what it matches, when, what it does, and its extras.
// "topic kitchen/# · priority >=4 · weekdays 22:00-07:00 → silent · set priority 5 · limit 1/60s"
import type { RuleInput, RuleAction, Weekday } from '../../shared/rules/schema.ts';
import { translate, type MessageKey, type Translate } from '../i18n/i18n.ts';
import { untilText } from './time-text.ts';

export const ACTION_LABEL: Record<RuleAction, MessageKey> = {
  notify: 'action.notify',
  silent: 'action.silent',
  read: 'action.read',
  drop: 'action.drop',
};

/** Monday first, as people read a week; the document's own order is free. */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const DAY_LABEL: Record<Weekday, MessageKey> = {
  mon: 'day.mon',
  tue: 'day.tue',
  wed: 'day.wed',
  thu: 'day.thu',
  fri: 'day.fri',
  sat: 'day.sat',
  sun: 'day.sun',
};

const english: Translate = (key, params) => translate('en', key, params);

export interface SummaryContext {
  /** A source's name for its id (rules may name a source either way). */
  sourceName?: (idOrName: string) => string;
  now?: Date;
  /** The UI's language; English without one. */
  t?: Translate;
}

export function ruleSummary(rule: RuleInput, context: SummaryContext = {}): string {
  const t = context.t ?? english;
  const parts = [...matchParts(rule, context, t)];
  const when = whenText(rule.when, t);
  if (when) parts.push(when);
  if (rule.for) parts.push(t('summary.for', { duration: rule.for }));
  const condition = parts.length > 0 ? parts.join(' · ') : t('summary.every');

  const effects = [t(ACTION_LABEL[rule.action])];
  if (rule.priority !== undefined) effects.push(t('summary.setPriority', { priority: rule.priority }));
  if (rule.limit) effects.push(t('summary.limit', { limit: rule.limit }));
  if (rule.snoozeUntil) effects.push(snoozeText(rule.snoozeUntil, context.now ?? new Date(), t));
  return `${condition} → ${effects.join(' · ')}`;
}

function matchParts({ match = {} }: RuleInput, { sourceName = (s) => s }: SummaryContext, t: Translate): string[] {
  const parts: string[] = [];
  if (match.source) parts.push(t('summary.from', { source: sourceName(match.source) }));
  if (match.topic) parts.push(t('summary.topic', { topic: match.topic }));
  if (match.text !== undefined) {
    parts.push(
      typeof match.text === 'string'
        ? t('summary.textMatches', { regex: match.text })
        : t('summary.textHas', { words: match.text.map((word) => `"${word}"`).join(t('summary.or')) }),
    );
  }
  if (match.priority) parts.push(t('summary.priority', { priority: match.priority }));
  if (match.value) parts.push(t('summary.value', { condition: match.value }));
  return parts;
}

/** "weekdays 22:00-07:00", "Sat, Sun", "22:00-07:00"; null for always. */
export function whenText(when: RuleInput['when'], t: Translate = english): string | null {
  if (!when) return null;
  const days = when.days ? daysText(when.days, t) : null;
  const text = [days, when.time].filter(Boolean).join(' ');
  return text || null;
}

export function daysText(days: readonly Weekday[], t: Translate = english): string | null {
  const set = new Set(days);
  const is = (list: readonly Weekday[]) => set.size === list.length && list.every((day) => set.has(day));
  if (set.size === 7) return null;
  if (is(['mon', 'tue', 'wed', 'thu', 'fri'])) return t('summary.weekdays');
  if (is(['sat', 'sun'])) return t('summary.weekends');
  return WEEK.filter((day) => set.has(day))
    .map((day) => t(DAY_LABEL[day]))
    .join(', ');
}

function snoozeText(iso: string, now: Date, t: Translate): string {
  const until = new Date(iso);
  if (Number.isNaN(until.getTime())) return t('summary.snoozedUntil', { until: iso });
  return until.getTime() > now.getTime()
    ? t('summary.snoozedUntil', { until: untilText(until, now, t) })
    : t('summary.snoozeEnded');
}
