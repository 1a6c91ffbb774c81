// Times in the user's language: "5 minutes ago" / "5分钟前" for reading at a glance, the full date and time
// (in a tooltip) for when it matters.
import type { Locale } from './i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Closer than this to now reads as "now". */
const NOW_MS = 45_000;

// Building an Intl formatter costs far more than formatting with it (toLocaleString builds one per call): a list
// row shows two times, and a burst of messages mounts rows many times a second. One of each per locale.
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached<F>(formats: Map<Locale, F>, locale: Locale, make: () => F): F {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = make()));
  return format;
}

export function relativeTimeText(at: number, now: number, locale: Locale): string {
  const age = now - at;
  const size = Math.abs(age);
  // A time ahead of ours (a sender's clock) reads "in 2 minutes", not "-2 minutes ago".
  const sign = age >= 0 ? -1 : 1;
  const format = cached(
    relativeFormats,
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
  );
  if (size < NOW_MS) return format.format(0, 'second');
  if (size < HOUR) return format.format(sign * Math.round(size / MINUTE), 'minute');
  if (size < DAY) return format.format(sign * Math.floor(size / HOUR), 'hour');
  if (size < 7 * DAY) return format.format(sign * Math.floor(size / DAY), 'day');
  return cached(dateFormats, locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(at);
}

export function absoluteTimeText(at: number, locale: Locale): string {
  const make = () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return cached(dateTimeFormats, locale, make).format(at);
}
