// JSON bodies for the tree view: numbers keep the text they were sent as, paths are written the way rule
// conditions read them (so a copied path works in a rule), and values copy as text.
import { describe, expect, it } from 'vitest';
import { parseValueCondition } from '../../../../src/shared/rules/parse.ts';
import {
  entriesOf,
  isContainer,
  jsonPath,
  JsonNumber,
  parseJson,
  valueText,
  type PathKey,
} from '../../../../src/renderer/inbox/body/json-value.ts';

describe('JSON paths', () => {
  it('writes keys as rules do', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['sensor', 'temp'])).toBe('$.sensor.temp');
    expect(jsonPath(['list', 0, 'x-y_1'])).toBe('$.list[0].x-y_1');
    expect(jsonPath(['a b', 'say "hi"', "it's", '1st'])).toBe(`$["a b"]['say "hi"']["it's"]["1st"]`);
  });

  it('reads back through the rules parser to the same keys', () => {
    const cases: PathKey[][] = [['sensor', 'temp'], ['list', 3, 'v'], ['a b', '温度', 'say "hi"'], []];
    for (const keys of cases) {
      const condition = parseValueCondition(`${jsonPath(keys)} changed`);
      expect(condition?.path).toEqual(keys.map(String));
    }
  });
});

describe('JSON values', () => {
  it('keeps numbers exactly as sent', () => {
    const value = parseJson('{"id": 12345678901234567890, "t": 21.50, "n": [1e3]}');
    expect(value).toBeDefined();
    expect(isContainer(value!)).toBe(true);
    const entries = entriesOf(value as Record<string, never>);
    expect(entries.map(([key]) => key)).toEqual(['id', 't', 'n']);
    expect((entries[0]![1] as unknown as JsonNumber).text).toBe('12345678901234567890');
    expect(valueText(entries[1]![1])).toBe('21.50');
    expect(valueText(value!, 0)).toBe('{"id":12345678901234567890,"t":21.50,"n":[1e3]}');
  });

  it('copies a string as itself and says when a body is not JSON', () => {
    expect(valueText('a "quoted" text')).toBe('a "quoted" text');
    expect(valueText(null)).toBe('null');
    expect(parseJson('{"cut": "in the mid')).toBeUndefined();
  });
});
