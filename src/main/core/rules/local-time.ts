// Wall-clock time in one IANA zone, for `when` (days, time) and for the times people read in reasons. Intl does
// the zone arithmetic, so DST changes are right by construction. One formatter per zone, built once; the answer
// is cached per UTC minute (every zone's offset is a whole number of minutes), so a burst costs one lookup.

export interface LocalTime {
  /** 0 = Sunday ... 6 = Saturday, as Date.getDay(). */
  weekday: number;
  /** Minutes since local midnight, 0..1439. */
  minute: number;
  /** The local date, "2026-03-29". */
  date: string;
  /** The local time of day, "07:05". */
  clock: string;
}

const WEEKDAY_NUMBER: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
/** Date's own limit; Intl throws beyond it. */
const MAX_TIME = 8.64e15;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The system's zone, as Intl sees it (TZ, or the OS setting). */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return null;
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

/** Local time in one zone. An unknown zone falls back to the system's (see `timeZone` for the one in use). */
export class LocalClock {
  readonly timeZone: string;
  readonly #formatter: Intl.DateTimeFormat;
  #cachedMinute = Number.NaN;
  #cached: LocalTime = { weekday: 4, minute: 0, date: '1970-01-01', clock: '00:00' };

  constructor(timeZone?: string) {
    const wanted = timeZone && isValidTimeZone(timeZone) ? timeZone : systemTimeZone();
    this.timeZone = isValidTimeZone(wanted) ? wanted : 'UTC';
    this.#formatter = formatterFor(this.timeZone)!;
  }

  /** The local time at `now` (ms since the epoch), cached for the rest of its minute. */
  at(now: number): LocalTime {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.#cachedMinute) {
      this.#cached = this.local(now);
      this.#cachedMinute = minute;
    }
    return this.#cached;
  }

  /** The local time at `time`, uncached. */
  local(time: number): LocalTime {
    const clamped = Number.isFinite(time) ? Math.max(-MAX_TIME, Math.min(MAX_TIME, time)) : 0;
    const parts: Record<string, string> = {};
    for (const part of this.#formatter.formatToParts(clamped)) parts[part.type] = part.value;
    const hour = Number(parts.hour) % 24;
    const minute = Number(parts.minute);
    const clock = `${String(hour).padStart(2, '0')}:${parts.minute}`;
    return {
      weekday: WEEKDAY_NUMBER[parts.weekday ?? ''] ?? 0,
      minute: hour * 60 + minute,
      date: `${parts.year}-${parts.month}-${parts.day}`,
      clock,
    };
  }
}
