// Times as the rules speak them: a 24-hour local clock ("14:30"), like the rules' own "22:00-07:00".
import type { Translate } from '../i18n/i18n.ts';

/** "14:30", local time. */
export function clockTime(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

function dayStart(at: Date): number {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
}

/** "14:30" today, "tomorrow 08:00", otherwise "24 Dec 08:00": when a snooze or a pause ends. */
export function untilText(until: Date, now: Date, t: Translate): string {
  const days = Math.round((dayStart(until) - dayStart(now)) / 86_400_000);
  if (days === 0) return clockTime(until);
  if (days === 1) return t('snooze.tomorrowAt', { time: clockTime(until) });
  const date = until.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${date} ${clockTime(until)}`;
}
