// Reading HTTP responses line by line: bytes split anywhere, line endings, and the line cap.
import { describe, expect, test } from 'vitest';
import { LineSplitter } from '../../../../../src/main/core/sources/common/http-json-stream.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('line splitter', () => {
  test('lines split across chunks, even inside a multi-byte character, come out whole', () => {
    const oversize: number[] = [];
    const splitter = new LineSplitter(1024, () => oversize.push(1));
    const all = bytes('{"m":"Grüße 🚨"}\r\n\n{"m":"two"}\nthree');
    const lines: string[] = [];
    for (let i = 0; i < all.length; i += 3) lines.push(...splitter.push(all.subarray(i, i + 3)));
    lines.push(...splitter.end());
    expect(lines).toEqual(['{"m":"Grüße 🚨"}', '{"m":"two"}', 'three']);
    expect(oversize).toEqual([]);
  });

  test('a line over the cap is skipped up to its newline, reported once, and the next line is intact', () => {
    let reported = 0;
    const splitter = new LineSplitter(10, () => reported++);
    const lines = [
      ...splitter.push(bytes('short\n0123456789A')),
      ...splitter.push(bytes('BCDEFGHIJKLMNOP')),
      ...splitter.push(bytes('QRST\nnext\n0123456789\n')),
      ...splitter.push(bytes('01234567890123')),
      ...splitter.end(),
    ];
    expect(lines).toEqual(['short', 'next', '0123456789']);
    expect(reported).toBe(2);
  });
});
