// Times read at a glance in the user's language, ahead-of-us times included; the exact time for the tooltip.
import { describe, expect, it } from 'vitest';
import { absoluteTimeText, relativeTimeText } from '../../../src/renderer/i18n/time.ts';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const MIN = 60_000;

describe('relative times', () => {
  it('says how long ago, in English and Chinese', () => {
    expect(relativeTimeText(NOW - 10_000, NOW, 'en')).toBe('now');
    expect(relativeTimeText(NOW - 5 * MIN, NOW, 'en')).toBe('5 min. ago');
    expect(relativeTimeText(NOW - 3 * 60 * MIN, NOW, 'en')).toBe('3 hr. ago');
    expect(relativeTimeText(NOW - 25 * 60 * MIN, NOW, 'en')).toBe('yesterday');
    expect(relativeTimeText(NOW - 5 * MIN, NOW, 'zh-CN')).toBe('5分钟前');
    expect(relativeTimeText(NOW - 25 * 60 * MIN, NOW, 'zh-CN')).toBe('昨天');
    // A sender's clock ahead of ours.
    expect(relativeTimeText(NOW + 2 * MIN, NOW, 'en')).toBe('in 2 min.');
    // Older than a week: the date.
    expect(relativeTimeText(NOW - 30 * 24 * 60 * MIN, NOW, 'en')).toMatch(/2026/);
  });

  it('gives the full date and time for the tooltip', () => {
    expect(absoluteTimeText(NOW, 'en')).toMatch(/2026/);
    expect(absoluteTimeText(NOW, 'zh-CN')).toMatch(/2026年/);
  });
});
