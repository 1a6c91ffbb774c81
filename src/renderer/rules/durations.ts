// The one-click durations: snoozing a topic or a source, and pausing every notification. Their words are in
// the i18n catalogues, named by `labelKey`.
import type { MessageKey } from '../i18n/i18n.ts';

export interface SnoozeChoice {
  id: '15m' | '1h' | '8h' | 'tomorrow';
  labelKey: MessageKey;
}

export const SNOOZE_CHOICES: readonly SnoozeChoice[] = [
  { id: '15m', labelKey: 'snooze.15m' },
  { id: '1h', labelKey: 'snooze.1h' },
  { id: '8h', labelKey: 'snooze.8h' },
  { id: 'tomorrow', labelKey: 'snooze.tomorrow' },
];

/** When tomorrow's snooze ends: the start of the next working morning, local time. */
export const TOMORROW_HOUR = 8;

/** When a snooze chosen now ends. "Until tomorrow" is 08:00 local on the next calendar day (DST-safe). */
export function snoozeEnd(choice: SnoozeChoice['id'], now: Date): Date {
  switch (choice) {
    case '15m':
      return new Date(now.getTime() + 15 * 60_000);
    case '1h':
      return new Date(now.getTime() + 60 * 60_000);
    case '8h':
      return new Date(now.getTime() + 8 * 60 * 60_000);
    case 'tomorrow':
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, TOMORROW_HOUR, 0, 0, 0);
  }
}

export interface PauseChoice {
  id: string;
  labelKey: MessageKey;
  /** Without minutes the pause lasts until it is turned off. */
  minutes?: number;
}

export const PAUSE_CHOICES: readonly PauseChoice[] = [
  { id: '1h', labelKey: 'pause.for1h', minutes: 60 },
  { id: '8h', labelKey: 'pause.for8h', minutes: 8 * 60 },
  { id: 'off', labelKey: 'pause.untilOn' },
];
