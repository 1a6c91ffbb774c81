// How a frame of a generic push server becomes title, body, priority, link, time and id, by the dotted paths
// the user configured.
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { partsFromText, timeOf, valueAtPath } from '../../../../../src/main/core/sources/common/field-mapping.ts';

describe('dotted paths', () => {
  const frame = { data: { title: 'T', 'x-y': 1 }, items: [{ text: 'first' }, { text: 'second' }], zero: 0, nil: null };

  test('object keys by name, array elements by index', () => {
    expect(valueAtPath(frame, 'data.title')).toBe('T');
    expect(valueAtPath(frame, 'items.1.text')).toBe('second');
    expect(valueAtPath(frame, ' data.x-y ')).toBe(1);
    expect(valueAtPath(frame, 'zero')).toBe(0);
    expect(valueAtPath(frame, 'nil')).toBeNull();
    expect(valueAtPath([['a']], '0.0')).toBe('a');
  });

  test('missing steps, wrong shapes and inherited properties give nothing', () => {
    for (const path of [
      'data.missing',
      'items.2.text',
      'items.first',
      'data.title.length',
      'data..title',
      '',
      'items.-1',
    ]) {
      expect(valueAtPath(frame, path), path).toBeUndefined();
    }
    for (const path of ['__proto__', 'constructor', 'data.toString', 'items.length']) {
      expect(valueAtPath(frame, path), path).toBeUndefined();
    }
  });
});

describe('what a frame becomes', () => {
  const mapping = { title: 'title', body: 'body', priority: 'priority', id: 'id', url: 'url', time: 'time' };
  const fields = (frame: unknown, m: Record<string, string> = mapping) =>
    partsFromText(JSON.stringify(frame), 'json', m).fields;

  test('priorities: 1..5, names, numeric strings, and the 0..10 Gotify scale above 5', () => {
    const cases: [unknown, number | undefined][] = [
      [1, 1],
      [5, 5],
      ['min', 1],
      ['LOW', 2],
      ['default', 3],
      ['high', 4],
      ['max', 5],
      ['urgent', 5],
      ['4', 4],
      [7, 4],
      [10, 5],
      [0, 1],
      ['whatever', 3],
      [null, undefined],
    ];
    for (const [priority, expected] of cases)
      expect(fields({ priority })?.priority, JSON.stringify(priority)).toBe(expected);
  });

  test('only http(s) links are kept as click targets', () => {
    expect(fields({ url: 'https://example.com/a?b=1' })?.extras?.clickUrl).toBe('https://example.com/a?b=1');
    expect(fields({ url: 'http://intranet/x' })?.extras?.clickUrl).toBe('http://intranet/x');
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 42]) {
      expect(fields({ url })?.extras?.clickUrl, String(url)).toBeUndefined();
    }
  });

  test('times in Unix seconds, milliseconds, numeric strings or date strings', () => {
    expect(timeOf(1_700_000_000)).toBe(1_700_000_000_000);
    expect(timeOf(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(timeOf('1700000000')).toBe(1_700_000_000_000);
    expect(timeOf(1_700_000_000.5)).toBe(1_700_000_000_500);
    expect(timeOf('2024-05-01T10:00:00+02:00')).toBe(Date.parse('2024-05-01T08:00:00Z'));
    expect(timeOf('Wed, 01 May 2024 08:00:00 GMT')).toBe(Date.parse('2024-05-01T08:00:00Z'));
    for (const bad of ['yesterday', '', -5, 0, Infinity, {}, true]) expect(timeOf(bad), inspect(bad)).toBeUndefined();
    expect(fields({ time: 1_700_000_000 })?.extras?.sentAt).toBe(1_700_000_000_000);
  });

  test('the id is the dedupe key and the server id; a very long one is hashed for the key', () => {
    expect(partsFromText('{"id":12}', 'json', mapping)).toMatchObject({
      dedupeKey: '12',
      fields: { extras: { serverId: '12' } },
    });
    const long = 'k'.repeat(500);
    const parts = partsFromText(JSON.stringify({ id: long }), 'json', mapping);
    expect(parts.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parts.fields?.extras?.serverId).toBe(long);
    expect(partsFromText('{"id":""}', 'json', mapping).dedupeKey).toBeUndefined();
    expect(partsFromText('{"id":{"a":1}}', 'json', mapping).dedupeKey).toBeUndefined();
  });

  test('bodies: strings as they are, numbers as written, objects as indented JSON; without a body the whole frame', () => {
    expect(fields({ body: 'hi' })?.body).toBe('hi');
    expect(fields({ body: 21.5 })?.body).toBe('21.5');
    expect(fields({ body: { a: [1] } })?.body).toBe('{\n  "a": [\n    1\n  ]\n}');
    // Kept exactly as received: re-serialising would round big numbers.
    const text = '{"title":"T","value":12345678901234567890}';
    expect(partsFromText(text, 'json', { title: 'title' }).fields).toEqual({ title: 'T', body: text });
    expect(partsFromText(text, 'json', { title: 'title', body: 'missing' }).fields?.body).toBe(text);
  });

  test('blank titles are no titles', () => {
    expect(fields({ title: '   ', body: 'b' })).toEqual({ body: 'b' });
    expect(fields({ title: '  Door  ', body: 'b' })?.title).toBe('Door');
  });

  test('text that should be JSON but is not is kept as text, with a note', () => {
    expect(partsFromText('{"broken": ', 'json', mapping)).toEqual({
      fields: { body: '{"broken": ' },
      note: 'not valid JSON; stored as text',
    });
  });

  test('text format never parses; JSON with no mapping is left to the generic decoder', () => {
    expect(partsFromText('{"title":"x"}', 'text', mapping)).toEqual({ fields: { body: '{"title":"x"}' } });
    const generic = partsFromText('{"title":"x"}', 'json', { title: '  ' });
    expect(generic.fields).toBeUndefined();
    expect(Buffer.from(generic.payload!).toString()).toBe('{"title":"x"}');
  });
});
