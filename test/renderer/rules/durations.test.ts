// One-click snoozes and pauses: when they end, and how that time is said.
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';
import { PAUSE_CHOICES, SNOOZE_CHOICES, snoozeEnd } from '../../../src/renderer/rules/durations.ts';
import { clockTime, untilText } from '../../../src/renderer/rules/time-text.ts';

const NOW = new Date(2026, 4, 12, 14, 15, 30);
const en: Translate = (key, params) => translate('en', key, params);

describe('snoozeEnd', () => {
  it('offers 15 min, 1 h, 8 h and until tomorrow', () => {
    expect(SNOOZE_CHOICES.map((choice) => translate('en', choice.labelKey))).toEqual([
      '15 min',
      '1 h',
      '8 h',
      'Until tomorrow',
    ]);
  });

  it.each([
    ['15m', new Date(2026, 4, 12, 14, 30, 30)],
    ['1h', new Date(2026, 4, 12, 15, 15, 30)],
    ['8h', new Date(2026, 4, 12, 22, 15, 30)],
    ['tomorrow', new Date(2026, 4, 13, 8, 0, 0)],
  ] as const)('%s from 14:15:30 ends at %s', (choice, end) => {
    expect(snoozeEnd(choice, NOW)).toEqual(end);
  });

  it('ends "until tomorrow" at 08:00 on the next day even just after midnight', () => {
    expect(snoozeEnd('tomorrow', new Date(2026, 4, 12, 0, 5))).toEqual(new Date(2026, 4, 13, 8, 0));
  });

  it('rolls "until tomorrow" over the end of a month and a year', () => {
    expect(snoozeEnd('tomorrow', new Date(2026, 11, 31, 23, 0))).toEqual(new Date(2027, 0, 1, 8, 0));
  });
});

describe('pause choices', () => {
  it('pause for 1 h, 8 h, or until turned back on (no minutes)', () => {
    expect(PAUSE_CHOICES.map(({ labelKey, minutes }) => [translate('en', labelKey), minutes])).toEqual([
      ['For 1 hour', 60],
      ['For 8 hours', 480],
      ['Until I turn them back on', undefined],
    ]);
  });
});

describe('untilText', () => {
  it('gives a time today on the 24-hour clock', () => {
    expect(untilText(new Date(2026, 4, 12, 14, 30), NOW, en)).toBe('14:30');
    expect(clockTime(new Date(2026, 4, 12, 9, 5))).toBe('09:05');
  });

  it('says tomorrow for the next day', () => {
    expect(untilText(new Date(2026, 4, 13, 8, 0), NOW, en)).toBe('tomorrow 08:00');
    const zh: Translate = (key, params) => translate('zh-CN', key, params);
    expect(untilText(new Date(2026, 4, 13, 8, 0), NOW, zh)).toBe('明天 08:00');
  });

  it('gives the date further out', () => {
    expect(untilText(new Date(2026, 4, 20, 8, 0), NOW, en)).toMatch(/20.*08:00$/);
  });
});
