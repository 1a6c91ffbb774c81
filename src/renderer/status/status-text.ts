// The words for a source's status beyond its state: when the next attempt is due and what was dropped.
import type { SourceStatus } from '../../shared/model.ts';
import type { Translate } from '../i18n/i18n.ts';

/** "12 s", "1 min 5 s": short enough for the status bar, exact enough to watch count down. */
export function shortDuration(seconds: number): string {
  // Unit symbols, the same in English and Chinese.
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** "retrying in 12 s" while a reconnect is scheduled; null when none is. */
export function retryText(status: SourceStatus, now: number, t: Translate): string | null {
  if (status.state !== 'reconnecting' || status.retryAt === undefined) return null;
  const seconds = Math.ceil((status.retryAt - now) / 1000);
  return seconds > 0 ? t('status.retryIn', { duration: shortDuration(seconds) }) : t('status.retryNow');
}

/** "3 dropped" once a source had to drop anything this run; null otherwise (the usual case stays quiet). */
export function droppedText(status: SourceStatus, t: Translate): string | null {
  const dropped = status.dropped ?? 0;
  return dropped > 0 ? t('status.droppedCount', { count: dropped.toLocaleString('en-US') }) : null;
}
