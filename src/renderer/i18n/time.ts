// Times in the user's language: "5 minutes ago" / "5分钟前" for reading at a glance, the full date and time
// (in a tooltip) for when it matters.
import type { Locale } from './i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Closer than this to now reads as "now". */
const NOW_MS = 45_000;

export function relativeTimeText(at: number, now: number, locale: Locale): string {
  const age = now - at;
  const size = Math.abs(age);
  // A time ahead of ours (a sender's clock) reads "in 2 minutes", not "-2 minutes ago".
  const sign = age >= 0 ? -1 : 1;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (size < NOW_MS) return format.format(0, 'second');
  if (size < HOUR) return format.format(sign * Math.round(size / MINUTE), 'minute');
  if (size < DAY) return format.format(sign * Math.floor(size / HOUR), 'hour');
  if (size < 7 * DAY) return format.format(sign * Math.floor(size / DAY), 'day');
  return new Date(at).toLocaleDateString(locale, { dateStyle: 'medium' });
}

export function absoluteTimeText(at: number, locale: Locale): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}
