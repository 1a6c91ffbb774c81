import { describe, expect, it } from 'vitest';
import { requiredLiteral } from '../../../../src/main/core/rules/regex-literal.ts';
import { WordMatcher } from '../../../../src/main/core/rules/word-matcher.ts';
import { engineOf, random, subject } from './rules-helpers.ts';

describe('required literal of a regex', () => {
  it('takes the plain start of a pattern, and nothing where a match need not contain it', () => {
    const table: [RegExp, string | null][] = [
      [/disk 19 (full|failing)/i, 'disk 19 '],
      [/error(ed|ing)? #16\b/i, 'error'],
      [/^\bbuild #\d+/, 'build #'],
      [/abc?/, 'ab'],
      [/ab*/, null],
      [/abc{2}/, 'ab'],
      [/disk|full/, null],
      [/(disk)|full/, null],
      [/[|]disk/, null],
      [/a(b|c)d/, null],
      [/\d+ errors/, null],
      [/kelvin/iu, null],
      [new RegExp('kelvin', 'iv'), null],
      [/kelvin/u, 'kelvin'],
      [/(?:x)y/, null],
    ];
    for (const [regex, literal] of table) expect(requiredLiteral(regex), String(regex)).toBe(literal);
  });

  it('is in the lowercased text whenever the regex matches, on random patterns and texts', () => {
    const next = random(5);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const pieces = [
      'a',
      'b',
      'K',
      's',
      ' ',
      '-',
      '#',
      '1',
      '?',
      '*',
      '+',
      '{1,2}',
      '|',
      '(a|b)',
      '[ab]',
      '\\b',
      '^',
      '.',
    ];
    const letters = ['a', 'b', 'A', 'B', 'k', 'K', 's', 'ſ', 'K', 'İ', ' ', '-', '#', '1', 'é'];
    let checked = 0;
    for (let round = 0; round < 20_000; round++) {
      const source = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(pieces)).join('');
      let regex: RegExp;
      try {
        regex = new RegExp(source, pick(['', 'i', 'iu', 'u', 'im', 's']));
      } catch {
        continue;
      }
      const literal = requiredLiteral(regex);
      if (literal === null) continue;
      for (let i = 0; i < 20; i++) {
        const text = Array.from({ length: Math.floor(next() * 10) }, () => pick(letters)).join('');
        if (regex.test(text)) {
          expect(text.toLowerCase().includes(literal.toLowerCase()), `${String(regex)} on ${text}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('word matcher without a lowercase copy', () => {
  it('finds words in ASCII, in mixed texts and past characters that lowercase to two', () => {
    const words = ['error', 'disk full', 'σ', 'i̇x', 'ab'];
    const texts = ['ERROR', 'an Error and DISK FULL', 'İX ERROR', 'ΟΔΟΣ error', 'İ', 'xAB', 'é disk full', 'ab'];
    const matcher = new WordMatcher();
    const ids = words.map((word) => matcher.add(word));
    matcher.build();
    for (const text of texts) {
      matcher.scan(text, null);
      for (let i = 0; i < words.length; i++) {
        expect(matcher.found(ids[i]!), `${words[i]} in ${text}`).toBe(text.toLowerCase().includes(words[i]!));
      }
    }
  });
});

describe('regex rules filed under their literal', () => {
  it('decide as before: the regex still has the last word', () => {
    const engine = engineOf([
      { name: 'disk', match: { text: '/disk \\d+ (full|failing)/i' }, action: 'drop' },
      { name: 'start', match: { text: '/^Build #\\d+ failed/' }, action: 'read' },
    ]);
    const decide = (title: string | null, body: string) => engine.decide(subject({ title, body }), 0).rule;
    expect(decide(null, 'DISK 3 FULL')).toBe('disk');
    expect(decide('Disk 12 failing', '')).toBe('disk');
    expect(decide(null, 'disk full')).toBe(null);
    expect(decide(null, 'Build #12 failed')).toBe('start');
    expect(decide(null, 'build #12 failed')).toBe(null);
    expect(decide(null, 'the Build #12 failed')).toBe(null);
  });
});
