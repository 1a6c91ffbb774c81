// A rule in one line for the Rules page: what it matches, when, what it does, and its extras.
import { describe, expect, it } from 'vitest';
import type { RuleInput } from '../../../src/shared/rules/schema.ts';
import { daysText, ruleSummary } from '../../../src/renderer/rules/rule-summary.ts';

const NOW = new Date(2026, 4, 12, 10, 0);

describe('ruleSummary', () => {
  it('says "every message" for a rule that matches everything', () => {
    expect(ruleSummary({ name: 'all', action: 'notify' })).toBe('every message → notify');
  });

  it('lists the match fields in order, then the action', () => {
    const rule: RuleInput = {
      name: 'kitchen',
      action: 'silent',
      match: { source: 'src-1', topic: 'kitchen/#', text: ['smoke', 'fire'], priority: '>=4', value: '$.t > 30' },
    };
    expect(ruleSummary(rule, { sourceName: (id) => (id === 'src-1' ? 'Home broker' : id) })).toBe(
      'from Home broker · topic kitchen/# · text has "smoke" or "fire" · priority >=4 · value $.t > 30 → silent',
    );
  });

  it('shows a regular expression as written', () => {
    expect(ruleSummary({ name: 'r', action: 'read', match: { text: '/disk \\d+%/i' } })).toBe(
      'text matches /disk \\d+%/i → mark read',
    );
  });

  it('adds when, for, and the extras: priority override, limit, snooze', () => {
    const rule: RuleInput = {
      name: 'night',
      action: 'notify',
      match: { value: '$.temperature > 30' },
      when: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '22:00-07:00' },
      for: '5m',
      priority: 5,
      limit: '1/60s',
      snoozeUntil: new Date(2026, 4, 12, 14, 30).toISOString(),
    };
    expect(ruleSummary(rule, { now: NOW })).toBe(
      'value $.temperature > 30 · weekdays 22:00-07:00 · for 5m → notify · set priority 5 · limit 1/60s · snoozed until 14:30',
    );
  });

  it('says a snooze has ended once its time has passed', () => {
    const rule: RuleInput = { name: 's', action: 'silent', snoozeUntil: new Date(2026, 4, 12, 9, 0).toISOString() };
    expect(ruleSummary(rule, { now: NOW })).toBe('every message → silent · snooze ended');
  });

  it('names a snooze that ends tomorrow', () => {
    const rule: RuleInput = { name: 's', action: 'silent', snoozeUntil: new Date(2026, 4, 13, 8, 0).toISOString() };
    expect(ruleSummary(rule, { now: NOW })).toBe('every message → silent · snoozed until tomorrow 08:00');
  });
});

describe('daysText', () => {
  it.each([
    [['mon', 'tue', 'wed', 'thu', 'fri'], 'weekdays'],
    [['sun', 'sat'], 'weekends'],
    [['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], null],
    [['fri', 'mon', 'wed'], 'Mon, Wed, Fri'],
    [['sun'], 'Sun'],
  ] as const)('%j reads as %j', (days, text) => {
    expect(daysText(days)).toBe(text);
  });
});
