// The one-click durations: snoozing a topic or a source, and pausing every notification.

export interface SnoozeChoice {
  id: '15m' | '1h' | '8h' | 'tomorrow';
  label: string;
}

export const SNOOZE_CHOICES: readonly SnoozeChoice[] = [
  { id: '15m', label: '15 min' },
  { id: '1h', label: '1 h' },
  { id: '8h', label: '8 h' },
  { id: 'tomorrow', label: 'Until tomorrow' },
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
  label: string;
  /** Without minutes the pause lasts until it is turned off. */
  minutes?: number;
}

export const PAUSE_CHOICES: readonly PauseChoice[] = [
  { id: '1h', label: 'For 1 hour', minutes: 60 },
  { id: '8h', label: 'For 8 hours', minutes: 8 * 60 },
  { id: 'off', label: 'Until I turn them back on' },
];
