import { describe, expect, it } from 'vitest';
import { compareValue, MISSING, Payload, valueKey } from '../../../../src/main/core/rules/payload-value.ts';
import { mergeAscending, TopicIndex } from '../../../../src/main/core/rules/topic-index.ts';
import { WordMatcher } from '../../../../src/main/core/rules/word-matcher.ts';
import { parseValueCondition, type Comparison, type Literal } from '../../../../src/shared/rules/parse.ts';
import { isValidTopicFilter } from '../../../../src/shared/sources.ts';
import { filterMatches, random } from './rules-helpers.ts';

describe('topic index', () => {
  it('agrees with a level-by-level check on random filters and topics', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const levels = ['a', 'b', 'c', '', '$SYS', 'é'];
    for (let round = 0; round < 20; round++) {
      const filters: string[] = [];
      const index = new TopicIndex(round % 2 === 0 ? 10_000 : 3); // a tiny cache evicts constantly
      for (let i = 0; i < 60; i++) {
        const depth = 1 + Math.floor(next() * 4);
        const parts = Array.from({ length: depth }, (_, d) => {
          const r = next();
          if (d === depth - 1 && r < 0.15) return '#';
          return r < 0.35 ? '+' : pick(levels);
        });
        const filter = parts.join('/');
        expect(isValidTopicFilter(filter)).toBe(true);
        filters.push(filter);
        index.add(filter, i);
      }
      for (let i = 0; i < 300; i++) {
        const topic = Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(levels)).join('/');
        const expected = filters.flatMap((filter, n) => (filterMatches(filter, topic) ? [n] : []));
        expect(index.match(topic), `${topic} in round ${round}`).toEqual(expected);
        expect(index.match(topic)).toEqual(expected); // and again, from the cache
      }
    }
  });

  it('answers the spec examples', () => {
    const filters = ['sport/#', 'sport/tennis/+', '+/+', '/+', '+', '#', '$SYS/#', '+/monitor/Clients'];
    const index = new TopicIndex();
    filters.forEach((filter, i) => index.add(filter, i));
    const table: [string, string[]][] = [
      ['sport', ['sport/#', '+', '#']],
      ['sport/', ['sport/#', '+/+', '#']],
      ['sport/tennis/player1', ['sport/#', 'sport/tennis/+', '#']],
      ['/finance', ['+/+', '/+', '#']],
      ['$SYS/monitor/Clients', ['$SYS/#']],
      ['$SYS', ['$SYS/#']],
    ];
    for (const [topic, expected] of table)
      expect(
        index.match(topic).map((i) => filters[i]),
        topic,
      ).toEqual(expected);
  });

  it('merges ascending lists without duplicates', () => {
    expect(mergeAscending([1, 4, 9], [2, 4, 10])).toEqual([1, 2, 4, 9, 10]);
    expect(mergeAscending([], [3])).toEqual([3]);
    expect(mergeAscending([3], [])).toEqual([3]);
  });
});

describe('word matcher', () => {
  it('finds the same words as lowercase substring search, on random words and texts', () => {
    const next = random(11);
    const alphabet = ['a', 'b', 'A', 'B', 'ab', '温', '度', ' ', 'É', 'é'];
    const word = (max: number) =>
      Array.from({ length: 1 + Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(
        '',
      );
    for (let round = 0; round < 30; round++) {
      const matcher = new WordMatcher();
      const words = Array.from({ length: 1 + Math.floor(next() * 12) }, () => word(4));
      const ids = words.map((w) => matcher.add(w));
      matcher.build();
      for (let i = 0; i < 50; i++) {
        const title = next() < 0.3 ? null : word(8);
        const body = word(20);
        matcher.scan(title, body);
        words.forEach((w, n) => {
          const lower = w.toLowerCase();
          const expected = (title ?? '').toLowerCase().includes(lower) || body.toLowerCase().includes(lower);
          expect(matcher.found(ids[n]!), `${JSON.stringify(w)} in ${JSON.stringify([title, body])}`).toBe(expected);
        });
      }
    }
  });

  it('gives a word the same id in any case, and finds nothing before a scan', () => {
    const matcher = new WordMatcher();
    expect(matcher.add('Error')).toBe(matcher.add('ERROR'));
    expect(matcher.size).toBe(1);
    matcher.build();
    expect(matcher.found(0)).toBe(false);
    matcher.scan('', 'an error');
    expect(matcher.found(0)).toBe(true);
    matcher.scan('fine', null);
    expect(matcher.found(0)).toBe(false);
  });
});

describe('payload values', () => {
  const valueOf = (body: string, kind: 'text' | 'json' | 'binary', condition: string) => {
    const parsed = parseValueCondition(condition)!;
    return new Payload(body, kind).at(parsed.path);
  };

  it('reads `$` and JSON paths', () => {
    const table: [string, 'text' | 'json' | 'binary', string, unknown][] = [
      ['21.5', 'text', '$ changed', 21.5],
      [' -3e2 ', 'text', '$ changed', -300],
      ['0x10', 'text', '$ changed', '0x10'],
      ['on', 'text', '$ changed', 'on'],
      ['', 'text', '$ changed', ''],
      ['', 'binary', '$ changed', MISSING],
      ['{"a":1}', 'text', '$.a changed', MISSING],
      ['{"a":{"b":[1,{"c":true}]}}', 'json', '$.a.b[1].c changed', true],
      ['{"a":{"b":[1]}}', 'json', '$.a.b[1] changed', MISSING],
      ['{"a b":{"x-y":2}}', 'json', `$['a b']["x-y"] changed`, 2],
      ['{"a":null}', 'json', '$.a changed', null],
      ['{"a":', 'json', '$ changed', MISSING],
      ['[1,2]', 'json', '$.length changed', MISSING],
    ];
    for (const [body, kind, condition, expected] of table) {
      expect(valueOf(body, kind, condition), `${body} ${condition}`).toEqual(expected);
    }
  });

  it('compares numbers numerically, text as text, and other literals by identity', () => {
    const table: [unknown, Comparison, Literal, boolean][] = [
      [31, '>', 30, true],
      ['31', '>', 30, true],
      ['9', '<', 10, true], // numerically, not "9" > "10" as text
      [30, '>=', 30, true],
      [30, '!=', 30, false],
      ['warm', '>', 30, false],
      ['warm', '==', 30, false],
      ['warm', '!=', 30, true],
      [true, '==', 1, false],
      [{ a: 1 }, '!=', 1, true],
      ['open', '==', 'open', true],
      ['Open', '==', 'open', false],
      ['b', '>', 'a', true],
      [42, '==', '42', true],
      [true, '==', 'true', true],
      [null, '==', 'null', false],
      [true, '==', true, true],
      ['true', '==', true, false],
      [null, '==', null, true],
      [0, '==', null, false],
      [0, '!=', null, true],
      [true, '>', false, false],
      [MISSING, '!=', 1, false],
      [MISSING, '==', null, false],
    ];
    for (const [value, op, literal, expected] of table) {
      expect(compareValue(value as never, op, literal), `${String(value)} ${op} ${String(literal)}`).toBe(expected);
    }
  });

  it('keys values for `changed`: equal values alike, long ones hashed, MISSING none', () => {
    expect(valueKey(21)).toBe(valueKey(21.0));
    expect(valueKey('21')).not.toBe(valueKey(21));
    expect(valueKey({ a: [1] })).toBe('j{"a":[1]}');
    expect(valueKey('x'.repeat(1000))!.length).toBeLessThan(40);
    expect(valueKey('x'.repeat(1000))).not.toBe(valueKey('x'.repeat(999) + 'y'));
    expect(valueKey(MISSING)).toBeNull();
  });
});
