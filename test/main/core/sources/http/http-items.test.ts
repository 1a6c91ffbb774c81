// How an answer of a polled endpoint is read: where its items are, what keys them, where the cursor is, and
// that a saved position belongs to the URL it was saved for.
import { describe, expect, test } from 'vitest';
import {
  decodePosition,
  encodePosition,
  itemParts,
  itemsOf,
  nextCursor,
} from '../../../../../src/main/core/sources/http/http-items.ts';

describe('items and keys', () => {
  test('the body, the list at a path, a single object, null and a missing path', () => {
    expect(itemsOf([1, 2], undefined)).toEqual([1, 2]);
    expect(itemsOf({ a: 1 }, undefined)).toEqual([{ a: 1 }]);
    expect(itemsOf({ data: { items: [{ a: 1 }] } }, 'data.items')).toEqual([{ a: 1 }]);
    expect(itemsOf({ data: { items: null } }, 'data.items')).toEqual([]);
    expect(itemsOf({ data: {} }, 'data.items')).toEqual({
      problem: 'the response has nothing at "data.items" (check the items path)',
    });
  });

  test('the mapped id keys an item; unmapped, its id; without one, a digest of its JSON', () => {
    expect(itemParts({ ref: 'r-9', text: 'x' }, { id: 'ref', body: 'text' }).dedupeKey).toBe('r-9');
    expect(itemParts({ id: 7, title: 'x' }, {}).dedupeKey).toBe('7');
    const a = itemParts({ text: 'same' }, { body: 'text' });
    expect(a.dedupeKey).toMatch(/^item:[0-9a-f]{32}$/);
    expect(itemParts({ text: 'same' }, { body: 'text' }).dedupeKey).toBe(a.dedupeKey);
    expect(itemParts({ text: 'other' }, { body: 'text' }).dedupeKey).not.toBe(a.dedupeKey);
    expect(itemParts('plain words', {}).fields).toEqual({ body: 'plain words' });
  });
});

describe('cursor and position', () => {
  test('the cursor is in the answer, else in its last item', () => {
    expect(nextCursor({ next: 'abc', items: [{ seq: 1 }] }, [{ seq: 1 }], 'next')).toBe('abc');
    expect(nextCursor([{ seq: 1 }, { seq: 2 }], [{ seq: 1 }, { seq: 2 }], 'seq')).toBe('2');
    expect(nextCursor({ items: [] }, [], 'next')).toBeUndefined();
    expect(nextCursor({ next: 'abc' }, [], undefined)).toBeUndefined();
  });

  test('a saved position is kept for its URL and forgotten for another', () => {
    const saved = encodePosition('https://api.example/a', { etag: '"v1"', lastModified: 'yesterday' });
    expect(decodePosition('https://api.example/a', saved)).toEqual({ etag: '"v1"', lastModified: 'yesterday' });
    expect(decodePosition('https://api.example/b', saved)).toEqual({});
    expect(decodePosition('https://api.example/a', 'not json')).toEqual({});
    expect(decodePosition('https://api.example/a', undefined)).toEqual({});
  });
});
