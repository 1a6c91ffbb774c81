import { describe, expect, it } from 'vitest';
import {
  parseClockRange,
  parseDuration,
  parseForDuration,
  parsePriorityCondition,
  parseRate,
  parseRegexLiteral,
  parseValueCondition,
} from '../../../src/shared/rules/parse.ts';

describe('rule parsers', () => {
  it('durations', () => {
    const table: [string, number | null][] = [
      ['250ms', 250],
      ['30s', 30_000],
      [' 5m ', 300_000],
      ['1.5h', 5_400_000],
      ['2d', 172_800_000],
      ['0s', null],
      ['5', null],
      ['5 minutes', null],
      ['-5m', null],
      ['', null],
    ];
    for (const [text, ms] of table) expect(parseDuration(text), text).toBe(ms);
  });

  it('a rule\'s `for` takes zero too ("as it becomes true"), and otherwise what a duration takes', () => {
    const table: [string, number | null][] = [
      ['0s', 0],
      [' 0m ', 0],
      ['0.0h', 0],
      ['5m', 300_000],
      ['0', null],
      ['-0s', null],
      ['0 seconds', null],
    ];
    for (const [text, ms] of table) expect(parseForDuration(text), text).toBe(ms);
  });

  it('rates', () => {
    expect(parseRate('1/60s')).toEqual({ count: 1, windowMs: 60_000 });
    expect(parseRate(' 10 / 1h ')).toEqual({ count: 10, windowMs: 3_600_000 });
    for (const text of ['0/60s', '1/0s', '1/60', '/60s', 'one/60s']) expect(parseRate(text), text).toBeNull();
  });

  it('clock ranges', () => {
    const table: [string, [number, number] | null][] = [
      ['22:00-07:00', [1320, 420]],
      ['7:30 - 9:00', [450, 540]],
      ['18:00-24:00', [1080, 1440]],
      ['00:00-24:00', [0, 1440]],
      ['24:00-07:00', null],
      ['10:60-11:00', null],
      ['07:00-07:00', null],
      ['18:00-24:30', null],
      ['7-9', null],
    ];
    for (const [text, expected] of table) {
      const range = parseClockRange(text);
      expect(range && [range.startMinute, range.endMinute], text).toEqual(expected);
    }
  });

  it('priority conditions', () => {
    expect(parsePriorityCondition('>=4')).toEqual({ op: '>=', value: 4 });
    expect(parsePriorityCondition(' < 3 ')).toEqual({ op: '<', value: 3 });
    expect(parsePriorityCondition('5')).toEqual({ op: '==', value: 5 });
    for (const text of ['>=6', '0', '=>4', 'high', '']) expect(parsePriorityCondition(text), text).toBeNull();
  });

  it('value conditions', () => {
    expect(parseValueCondition('$.temperature > 30')).toEqual({
      path: ['temperature'],
      kind: 'compare',
      op: '>',
      literal: 30,
    });
    expect(parseValueCondition("$.state == 'open'")).toMatchObject({ op: '==', literal: 'open' });
    expect(parseValueCondition('$.a.b[2]["c d"] != "x y"')).toEqual({
      path: ['a', 'b', '2', 'c d'],
      kind: 'compare',
      op: '!=',
      literal: 'x y',
    });
    expect(parseValueCondition('$>=-21.5e1')).toEqual({ path: [], kind: 'compare', op: '>=', literal: -215 });
    expect(parseValueCondition('$.on == true')).toMatchObject({ literal: true });
    expect(parseValueCondition('$.x == null')).toMatchObject({ literal: null });
    expect(parseValueCondition('changed')).toEqual({ path: [], kind: 'changed' });
    expect(parseValueCondition('$.state changed')).toEqual({ path: ['state'], kind: 'changed' });
    for (const text of ['$.t >', 't > 30', '$.t > open', '$.t => 3', '$..t > 1', '$.state changes', '$.1 > 2']) {
      expect(parseValueCondition(text), text).toBeNull();
    }
  });

  it('regex literals, without the global and sticky flags that would carry state between messages', () => {
    const regex = parseRegexLiteral('/a/b/gim');
    expect(regex?.source).toBe('a\\/b');
    expect(regex?.flags).toBe('im');
    expect(regex!.test('A/B') && regex!.test('A/B')).toBe(true);
    for (const text of ['error', '/(/', '/x/q', '//', '/a/ii']) expect(parseRegexLiteral(text), text).toBeNull();
  });
});
